// The real window, end to end: first-run setup, log in, add a child with a
// guardian, record a returned form, see the grid, withdraw one item, see the history.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, PASSWORD, click, freshProfile, openApp, screenshot, tid, type } from "./driver.mjs";

// WebKit's date inputs do not take typed text reliably: set the value as a person's pick would.
async function setDate(browser, id, value) {
  const el = await browser.$(tid(id));
  await el.waitForDisplayed({ timeout: 15000 });
  await browser.execute((node, v) => {
    node.value = v;
    node.dispatchEvent(new Event("input", { bubbles: true }));
    node.dispatchEvent(new Event("change", { bubbles: true }));
  }, el, value);
}

async function cellStatus(browser, item) {
  const cell = await browser.$(`${tid("consent-grid")} ${tid("consent-cell")}[data-item="${item}"]`);
  await cell.waitForExist({ timeout: 15000 });
  return cell.getAttribute("data-status");
}

test("office records, shows and withdraws consent in the real window", { timeout: 180000 }, async () => {
  const { env } = freshProfile();
  const { browser, stop } = await openApp(env);
  try {
    // First run: set up the organisation and the admin.
    await type(browser, "setup-org", "Basisschool De Regenboog");
    await (await browser.$(tid("setup-jurisdiction"))).selectByAttribute("value", "nl");
    await type(browser, "setup-username", "admin");
    await type(browser, "setup-password", PASSWORD);
    await type(browser, "setup-password2", PASSWORD);
    await click(browser, "setup-submit");

    // Log out and in again, as the office will every morning.
    await click(browser, "logout");
    await type(browser, "login-username", "admin");
    await type(browser, "login-password", PASSWORD);
    await click(browser, "login-submit");

    // Add a child with a guardian.
    await click(browser, "nav-people");
    await click(browser, "add-person-open");
    await type(browser, "person-name", "Zoë van Dijk");
    await setDate(browser, "person-birth", "2018-04-03");
    await type(browser, "person-guardian", "Anouk van Dijk");
    await click(browser, "person-save");
    const title = await browser.$(tid("person-title"));
    await title.waitForDisplayed({ timeout: 15000 });
    assert.match(await title.getText(), /Zoë van Dijk/);

    // Record a returned paper form: yes for the website and the newsletter, no for social media.
    await click(browser, "record-form-open");
    const givenBy = await browser.$(tid("record-given-by"));
    await givenBy.waitForDisplayed({ timeout: 15000 });
    await givenBy.selectByVisibleText("Anouk van Dijk");
    for (const item of ["group/website/information", "group/newsletter/information"]) {
      const box = await browser.$(`${tid("record-cell")}[data-item="${item}"]`);
      await box.click();
      assert.equal(await box.isSelected(), true);
    }
    await click(browser, "record-save");

    assert.equal(await cellStatus(browser, "group/website/information"), "granted");
    assert.equal(await cellStatus(browser, "group/newsletter/information"), "granted");
    assert.equal(await cellStatus(browser, "group/social/information"), "denied");
    screenshot(env, "01-grid-after-record.png");

    // Withdraw one item, with confirmation.
    await click(browser, "withdraw-item");
    const confirm = await browser.$(tid("withdraw-confirm"));
    await confirm.waitForClickable({ timeout: 15000 });
    const who = await browser.$(tid("withdraw-given-by"));
    if (await who.isExisting()) await who.selectByVisibleText("Anouk van Dijk");
    await confirm.click();
    await browser.waitUntil(async () => (await cellStatus(browser, "group/website/information")) === "withdrawn" ||
      (await cellStatus(browser, "group/newsletter/information")) === "withdrawn", { timeout: 15000 });

    // The history shows both events.
    const events = await browser.$$(`${tid("history")} ${tid("history-event")}`);
    assert.equal(events.length, 2);
    await browser.saveScreenshot(join(ARTIFACTS, "02-person-page.png"));
    screenshot(env, "03-screen.png");
  } catch (e) {
    // What the window showed when it went wrong, for whoever reads the CI log.
    screenshot(env, "window-failure.png");
    throw e;
  } finally {
    await stop();
  }
});
