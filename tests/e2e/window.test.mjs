// The real window, end to end: first-run setup, log in, add a child with a
// guardian, record a returned form, see the grid, withdraw one item, see the
// history, print the exit dossier.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { Key } from "webdriverio";
import { ARTIFACTS, click, firstRun, freshProfile, openApp, screenshot, signIn, tid, type } from "./driver.mjs";

// A date field takes text typed day first: the ISO date given here is typed
// as dd-mm-jjjj, as the office types it, and Tab leaves the field.
async function setDate(browser, id, iso) {
  const [y, m, d] = iso.split("-");
  await type(browser, id, `${d}-${m}-${y}`);
  await browser.keys(Key.Tab);
}

async function cellStatus(browser, item) {
  const cell = await browser.$(`${tid("consent-grid")} ${tid("consent-cell")}[data-item="${item}"]`);
  await cell.waitForExist({ timeout: 15000 });
  return cell.getAttribute("data-status");
}

test("office records, shows and withdraws consent in the real window, and prints the exit dossier", { timeout: 180000 }, async () => {
  const { home, env } = freshProfile();
  // The save dialog cannot be clicked by WebDriver: the window takes this path instead.
  const dossier = join(home, "Vertrekdossier Zoë van Dijk.pdf");
  const batchDir = join(home, "einde schooljaar");
  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_SAVE_FILE: dossier, BEELDAKKOORD_PICK_FOLDER: batchDir });
  try {
    // First run: set up the organisation and the admin.
    await firstRun(browser);

    // Before anything else: the recovery sheet, saved, printed and put away.
    await click(browser, "recovery-sheet-save");
    await (await browser.$(tid("recovery-sheet-saved"))).waitForDisplayed({ timeout: 15000 });
    const sheet = execFileSync("pdftotext", [dossier, "-"], { encoding: "utf8" });
    assert.match(sheet, /Herstelcode/);
    assert.match(sheet, /kluis/);
    await browser.pause(1000);
    screenshot(env, "05-recovery-sheet.png");
    await click(browser, "recovery-sheet-confirm");
    await click(browser, "recovery-sheet-continue");

    // Log out and in again, as the office will every morning.
    await click(browser, "logout");
    await signIn(browser);

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

    // Print the exit dossier: a real PDF with her name, both events and the fingerprint.
    await click(browser, "print-dossier");
    const done = await browser.$(tid("print-done"));
    await done.waitForDisplayed({ timeout: 30000 });
    assert.ok(existsSync(dossier), "the dossier was written");
    const text = execFileSync("pdftotext", [dossier, "-"], { encoding: "utf8" }).split(/\s+/).join(" ");
    assert.match(text, /Vertrekdossier/);
    assert.match(text, /Zoë van Dijk/);
    assert.match(text, /Aantal gebeurtenissen: 2/);
    const fingerprint = text.match(/\b[0-9a-f]{64}\b/);
    assert.ok(fingerprint, "the fingerprint is on paper");
    assert.match(await done.getText(), new RegExp(fingerprint[0].slice(0, 16)));
    await browser.saveScreenshot(join(ARTIFACTS, "04-dossier-printed.png"));

    // She leaves today: a leave date before the consent recorded above is refused.
    const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
    await setDate(browser, "leave-date", day(-30));
    await click(browser, "leave-save");
    const refusal = await browser.$(tid("leave-error"));
    await refusal.waitForDisplayed({ timeout: 15000 });
    assert.match(await refusal.getText(), /vóór toestemming die al is vastgelegd/);
    await setDate(browser, "leave-date", day(0));
    await click(browser, "leave-save");
    await browser.waitUntil(async () => !(await (await browser.$(tid("leave-error"))).isDisplayed()), { timeout: 15000 });
    // The year-end batch makes her dossier and the combined PDF in the chosen folder.
    await click(browser, "nav-leavers");
    await setDate(browser, "leavers-from", day(-30));
    await setDate(browser, "leavers-to", day(30));
    await browser.waitUntil(async () => (await browser.$$(tid("leaver-row"))).length === 1, { timeout: 15000 });
    await click(browser, "batch-start");
    const report = await browser.$(tid("batch-report"));
    await report.waitForDisplayed({ timeout: 60000 });
    assert.equal(await report.getAttribute("data-cancelled"), "false");
    const made = readdirSync(batchDir).sort();
    assert.equal(made.length, 2, made.join(", "));
    assert.ok(made.some((f) => f.startsWith("Vertrekdossier Zoë van Dijk")), made.join(", "));
    await browser.saveScreenshot(join(ARTIFACTS, "05-leavers-batch.png"));
  } catch (e) {
    // What the window showed when it went wrong, for whoever reads the CI log.
    screenshot(env, "window-failure.png");
    throw e;
  } finally {
    await stop();
  }
});
