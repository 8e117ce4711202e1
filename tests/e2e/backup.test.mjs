// The real window, end to end, for backups: a backup made on one computer
// is restored from the first-run screen of another (an empty data folder),
// with the password of a user in it; the administrator chooses a backup
// folder, and the next sign-in makes the day's backup there, which the home
// screen then shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, click, freshProfile, openApp, PASSWORD, screenshot, signIn, tid, type } from "./driver.mjs";

test("a backup is restored from the first-run screen, and the daily backup goes into the chosen folder", { timeout: 240000 }, async () => {
  // The old computer: an office with a child, and its backup on a USB disk.
  const old = freshProfile();
  cli(old.env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(old.home, "herstelblad.pdf"));
  cli(old.env, "group", "add", "Groep 5");
  cli(old.env, "person", "add", "--name", "Noor Jansen", "--kind", "child", "--birth-date", "2017-05-02", "--group", "Groep 5", "--guardian", "Tim Jansen");
  const usb = join(old.home, "usb");
  mkdirSync(usb, { recursive: true });
  const file = join(usb, "reservekopie.bkb");
  cli(old.env, "backup", "create", file);

  // The new computer: nothing in its data folder yet.
  const { home, env } = freshProfile();
  const daily = join(home, "dagelijks");
  mkdirSync(daily, { recursive: true });
  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_PICK_FILE: file, BEELDAKKOORD_PICK_FOLDER: daily });
  try {
    await click(browser, "setup-restore");
    await click(browser, "restore-choose");
    await (await browser.$(tid("restore-file"))).waitForDisplayed({ timeout: 15000 });
    await type(browser, "restore-user", "admin");
    await type(browser, "restore-password", "wrong horse battery");
    await click(browser, "restore-submit");
    const refused = await browser.$(tid("restore-error"));
    await refused.waitForDisplayed({ timeout: 15000 });
    assert.match(await refused.getText(), /klopt niet/);
    assert.ok(!existsSync(env.BEELDAKKOORD_DATA_DIR) || readdirSync(env.BEELDAKKOORD_DATA_DIR).length === 0, "a refused restore leaves nothing");
    await type(browser, "restore-password", PASSWORD);
    await click(browser, "restore-submit");
    // Signed in, on the home screen, with the restored child.
    await click(browser, "nav-people");
    const noor = await browser.$("//*[contains(text(), 'Noor Jansen')]");
    await noor.waitForDisplayed({ timeout: 15000 });
    await browser.pause(1000);
    screenshot(env, "40-restored.png");

    // The administrator chooses the folder for daily backups.
    await click(browser, "nav-settings");
    await click(browser, "backup-choose-folder");
    await browser.waitUntil(async () => (await (await browser.$(tid("backup-folder"))).getText()) === daily, { timeout: 15000 });
    await click(browser, "backup-save");
    await (await browser.$(tid("backup-done"))).waitForDisplayed({ timeout: 15000 });
    await browser.pause(1000);
    screenshot(env, "41-backup-settings.png");

    // The next sign-in makes the day's backup there; the home screen says when.
    await click(browser, "logout");
    await signIn(browser);
    await click(browser, "nav-people");
    const last = await browser.$(tid("backup-last"));
    await last.waitForDisplayed({ timeout: 30000 });
    assert.match(await last.getText(), /Laatste reservekopie/);
    const made = readdirSync(daily).filter((n) => /^Beeldakkoord-\d{4}-\d{2}-\d{2}-\d{6}\.bkb$/.test(n));
    assert.equal(made.length, 1, `one daily backup: ${readdirSync(daily)}`);
    const checked = cli(env, "backup", "verify", join(daily, made[0]));
    assert.equal(checked.done, "verified");
  } catch (e) {
    screenshot(env, "backup-failure.png");
    throw e;
  } finally {
    await stop();
  }
});
