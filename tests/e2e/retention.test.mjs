// The real window, end to end, for retention: reminded after signing in,
// the administrator opens the list of what is past its term, sees a leaver whose data
// may go and one held for a dossier never printed, removes after confirming,
// and the command line then refuses the removed leaver's dossier.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { cli, click, freshProfile, openApp, screenshot, signIn, tid } from "./driver.mjs";

/// The error code of a command that must fail.
function refusal(env, ...args) {
  try {
    cli(env, ...args);
  } catch (e) {
    return JSON.parse(String(e.stderr).trim()).code;
  }
  throw new Error(`${args.join(" ")} should have failed`);
}

test("the administrator reviews what is past its term and removes it", { timeout: 240000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 8");
  const leaver = (name, guardian) => {
    const id = cli(env, "person", "add", "--name", name, "--kind", "child", "--birth-date", "2006-03-01", "--group", "Groep 8", "--guardian", guardian).id;
    cli(env, "consent", "record", "--person", String(id), "--form", "1", "--answer", "group/website/information=yes", "--given-by", guardian, "--method", "paper", "--date", "2017-09-04");
    cli(env, "person", "leave", String(id), "--date", "2018-07-31");
    return String(id);
  };
  const daan = leaver("Daan Smit", "Marieke Smit");
  leaver("Cas de Wit", "Femke de Wit");
  cli(env, "dossier", daan, "--out", join(home, "dossier-daan.pdf"));

  const { browser, stop } = await openApp(env);
  try {
    await signIn(browser);
    // After signing in the administrator is reminded, and opens the list from there.
    const banner = await browser.$(tid("retention-banner"));
    await banner.waitForDisplayed({ timeout: 15000 });
    assert.match(await banner.getText(), /1 vertrekdossier is nog niet afgedrukt/);
    await browser.pause(500);
    screenshot(env, "49-retention-reminder.png");
    await click(browser, "retention-banner-open");
    const list = await browser.$(tid("retention-leavers"));
    await list.waitForDisplayed({ timeout: 15000 });
    const text = await list.getText();
    assert.match(text, /Daan Smit/);
    assert.match(text, /1 toestemmingsregel,/);
    assert.match(text, /Cas de Wit[\s\S]*vertrekdossier is nog niet afgedrukt/);
    await browser.pause(500);
    screenshot(env, "50-retention-review.png");

    await click(browser, "retention-remove");
    await click(browser, "retention-confirm");
    const done = await browser.$(tid("retention-done"));
    await done.waitForDisplayed({ timeout: 15000 });
    assert.match(await done.getText(), /Verwijderd: 1 toestemmingsregel, .*gegevens van 1 persoon\./);
    await browser.pause(500);
    screenshot(env, "51-retention-removed.png");
    // Cas stays (held); Daan is gone; nothing is left to remove now.
    assert.doesNotMatch(await (await browser.$(tid("retention-review"))).getText(), /Daan Smit/);
    assert.match(await (await browser.$(tid("retention-lead"))).getText(), /Er gaat nu niets weg/);
  } catch (e) {
    screenshot(env, "retention-failure.png");
    throw e;
  } finally {
    await stop();
  }
  assert.equal(refusal(env, "dossier", daan, "--out", join(home, "opnieuw.pdf")), "person.purged");
  assert.equal(cli(env, "audit", "verify").ok, true);
});
