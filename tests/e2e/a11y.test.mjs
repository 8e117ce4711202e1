// Accessibility of every screen of the real window: axe-core (WCAG 2.1 A
// and AA rules) runs on each screen as the office reaches it, with data on
// it, and no violation may be serious or critical. Every finding, also the
// minor ones, goes to artifacts/axe.json for the people who plan the work.
// Legacy mode: axe's default opens a blank window to gather frame results,
// which a Tauri window cannot; this app has no frames to gather.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/webdriverio";
import { ARTIFACTS, cli, click, firstRun, freshProfile, openApp, signIn, tid } from "./driver.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

test("every screen passes axe-core without serious or critical violations", { timeout: 600000 }, async () => {
  const { home, env } = freshProfile();
  const found = [];

  /** Run axe on what `browser` shows once `ready` is there, named `screen`. */
  async function check(browser, screen, ready) {
    await (await browser.$(tid(ready))).waitForDisplayed({ timeout: 15000 });
    // Let lists and verdicts that load after the first paint arrive.
    await browser.pause(400);
    const result = await new AxeBuilder({ client: browser }).withTags(TAGS).setLegacyMode(true).analyze();
    for (const v of result.violations) {
      found.push({ screen, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) });
    }
    checked.push(screen);
  }
  const checked = [];

  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_SAVE_FILE: join(home, "herstelblad.pdf") });
  try {
    await check(browser, "eerste start", "setup-org");
    await firstRun(browser);
    await check(browser, "herstelblad", "recovery-sheet-save");
    await click(browser, "recovery-sheet-save");
    await (await browser.$(tid("recovery-sheet-saved"))).waitForDisplayed({ timeout: 15000 });
    await click(browser, "recovery-sheet-confirm");
    await click(browser, "recovery-sheet-continue");
    await (await browser.$(tid("home"))).waitForDisplayed({ timeout: 15000 });
  } finally {
    await stop();
  }

  // The office's data, through the command line, then the window again.
  cli(env, "group", "add", "Groep 5");
  const kids = [];
  for (const [name, guardian] of [["Noor Jansen", "Tim Jansen"], ["Daan Bakker", "Els Bakker"], ["Lotte van Dijk", "Anke van Dijk"]]) {
    kids.push(cli(env, "person", "add", "--name", name, "--kind", "child", "--birth-date", "2017-05-04", "--group", "Groep 5", "--guardian", guardian).id);
  }
  cli(env, "consent", "record", "--person", String(kids[0]), "--form", "1", "--answer", "group/website/information=yes", "--answer", "group/social/information=no",
    "--given-by", "Tim Jansen", "--method", "paper");
  const camera = join(home, "camera");
  mkdirSync(camera, { recursive: true });
  execFileSync("convert", ["-size", "1200x900", "plasma:red-blue", join(camera, "IMG_0001.jpg")]);
  const photo = cli(env, "photo", "import", camera)[0].id;
  cli(env, "photo", "set", String(photo), "--type", "group", "--posed");
  for (const k of kids) cli(env, "photo", "tag", String(photo), "--person", String(k));

  const again = await openApp(env);
  const b = again.browser;
  try {
    await (await b.$(tid("login-username"))).waitForDisplayed({ timeout: 15000 });
    const run = (screen, ready) => check(b, screen, ready);
    await run("aanmelden", "login-username");
    await signIn(b);
    await run("vandaag", "home");
    const screens = [
      ["mensen", "nav-people", "person-row"],
      ["foto's", "nav-photos", "photo-cell"],
      ["informatieberichten", "nav-notices", "notices-evidence"],
      ["verwijderlijst", "nav-takedown", "nav-takedown"],
      ["vertrekkers", "nav-leavers", "nav-leavers"],
      ["opnieuw vragen", "nav-reconsent", "nav-reconsent"],
      ["formulieren", "nav-forms", "form-row"],
      ["leerlingenlijst", "nav-roster", "nav-roster"],
      ["accounts", "nav-users", "nav-users"],
      ["logboek", "nav-audit", "nav-audit"],
      ["instellingen", "nav-settings", "nav-settings"],
      ["eigen wachtwoord", "nav-password", "nav-password"],
    ];
    for (const [screen, nav, ready] of screens) {
      await click(b, nav);
      await run(screen, ready);
    }
    await click(b, "nav-settings");
    await click(b, "retention-review");
    await run("bewaartermijnen", "nav-home");
    await click(b, "nav-forms");
    await click(b, "form-edit");
    await run("formulier bewerken", "photo-types");
    await click(b, "nav-people");
    const row = await b.$(`${tid("person-row")}[data-person-id="${kids[0]}"]`);
    await row.waitForClickable({ timeout: 15000 });
    await row.click();
    await run("persoon", "person-title");
    await click(b, "record-form-open");
    await run("formulier invoeren", "record-grid");
    await click(b, "nav-photos");
    await click(b, "photo-cell");
    await (await b.$(tid("use-channel"))).selectByAttribute("value", "website");
    await (await b.$(tid("use-purpose"))).selectByAttribute("value", "information");
    await run("foto met oordeel", "verdict");
  } finally {
    await again.stop();
  }

  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, "axe.json"), JSON.stringify(found, null, 2));
  assert.equal(checked.length, 21, `screens checked: ${checked.join(", ")}`);
  const bad = found.filter((f) => f.impact === "serious" || f.impact === "critical");
  for (const f of found) console.log(`${f.impact}\t${f.screen}\t${f.id}\t${f.help}\t${f.nodes.join(" | ")}`);
  assert.deepEqual(bad, [], "serious or critical accessibility violations");
});
