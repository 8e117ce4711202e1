// Both guardians on one form, in the real window: the organisation asks both
// signatures for a "yes"; the office ticks one guardian, is told plainly who
// is missing and nothing is saved; ticks the second and the yes holds; the
// history names both signers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, cli, click, freshProfile, openApp, openPerson, screenshot, signIn, tid } from "./driver.mjs";

test("the office records a form both guardians signed, after the window said the second signature was missing", { timeout: 180000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "org", "set", "--signatures-for-yes", "both");
  cli(env, "group", "add", "Groep 3");
  const noor = cli(env, "person", "add", "--name", "Noor Bakker", "--kind", "child", "--birth-date", "2019-04-02", "--group", "Groep 3",
    "--guardian", "Ilse Bakker", "--guardian", "Ruud Bakker").id;
  const { browser, stop } = await openApp(env);
  try {
    await signIn(browser);
    await openPerson(browser, noor);
    await click(browser, "record-form-open");
    const givenBy = await browser.$(tid("record-given-by"));
    await givenBy.waitForDisplayed({ timeout: 15000 });
    await givenBy.selectByVisibleText("Ilse Bakker");
    const box = await browser.$(`${tid("record-cell")}[data-item="group/website/information"]`);
    await box.click();

    // One signature where the organisation asks two: said in words, nothing saved.
    await click(browser, "record-save");
    const error = await browser.$(tid("error"));
    await error.waitForDisplayed({ timeout: 15000 });
    assert.match(await error.getText(), /beide ouders\/voogden.*Ruud Bakker/s);
    assert.equal((await browser.$$(tid("consent-grid"))).length, 0, "still on the record screen");
    screenshot(env, "signers-01-second-signature-missing.png");

    // The second guardian signed too.
    const ruud = await browser.$(`${tid("record-co-signer")}[data-name="Ruud Bakker"]`);
    await ruud.scrollIntoView({ block: "center" });
    await ruud.click();
    assert.equal(await ruud.isSelected(), true);
    await click(browser, "record-save");
    const cell = await browser.$(`${tid("consent-grid")} ${tid("consent-cell")}[data-item="group/website/information"]`);
    await cell.waitForExist({ timeout: 15000 });
    assert.equal(await cell.getAttribute("data-status"), "granted");
    const signers = await browser.$(`${tid("history")} ${tid("history-signers")}`);
    await signers.waitForExist({ timeout: 15000 });
    assert.equal(await signers.getText(), "Getekend door Ilse Bakker (ouder/voogd), Ruud Bakker (ouder/voogd)");
    await signers.scrollIntoView({ block: "center" });
    await browser.saveScreenshot(join(ARTIFACTS, "signers-02-history.png"));
  } finally {
    await stop();
  }
});
