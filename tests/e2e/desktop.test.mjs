// Desktop conventions in the real window: the user name has focus and Enter
// signs in; the helpdesk's details are copied to the clipboard without any
// personal data; the log file names codes, never people; the window opens
// at the size it was left; and a second start brings the first window to
// the front instead of opening another on the same data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ARTIFACTS, BIN, PASSWORD, cli, click, freshProfile, openApp, openPerson, signIn, tid } from "./driver.mjs";

const ORG = "Basisschool De Regenboog";
const CHILD = "Noor Bakker";

/** The organisation and one child, entered on the command line. */
function office() {
  const profile = freshProfile();
  cli(profile.env, "init", "--org", ORG, "--jurisdiction", "nl", "--recovery-sheet", join(profile.home, "herstelblad.pdf"));
  const noor = cli(profile.env, "person", "add", "--name", CHILD, "--kind", "child", "--birth-date", "2019-04-02", "--guardian", "Ilse Bakker").id;
  return { ...profile, noor };
}

const focused = (browser) => browser.execute(() => document.activeElement?.getAttribute("data-testid") ?? null);

test("keyboard sign-in, the helpdesk's details and a log without personal data", { timeout: 180000 }, async () => {
  const { home, env } = office();
  const logs = join(home, "state", "nl.beeldakkoord.app", "logs");
  let { browser, stop } = await openApp(env);
  try {
    const user = await browser.$(tid("login-username"));
    await user.waitForDisplayed({ timeout: 20000 });
    await browser.waitUntil(async () => (await focused(browser)) === "login-username", { timeout: 10000 }).catch(() => {});
    assert.equal(await focused(browser), "login-username", await browser.execute(() => `focus on ${document.activeElement?.outerHTML.slice(0, 160)}`));
    // A wrong password first, typed and sent with Enter only.
    await browser.keys([..."admin", "Tab", ..."geen goed wachtwoord", "Enter"]);
    await (await browser.$(tid("error"))).waitForDisplayed({ timeout: 15000 });
    await (await browser.$(tid("login-password"))).setValue(PASSWORD);
    await browser.keys(["Enter"]);
    await (await browser.$(tid("home"))).waitForDisplayed({ timeout: 20000 });

    await click(browser, "nav-settings");
    await click(browser, "diagnostics-copy");
    const shown = await browser.$(tid("diagnostics-text"));
    await shown.waitForDisplayed({ timeout: 15000 });
    await (await browser.$(tid("diagnostics-copied"))).waitForDisplayed({ timeout: 15000 });
    const text = await shown.getText();
    assert.match(text, /^Beeldakkoord \d+\.\d+\.\d+/);
    assert.match(text, /Databaseschema: \d+/);
    assert.ok(text.includes(env.BEELDAKKOORD_DATA_DIR), text);
    assert.ok(text.includes(logs), text);
    for (const personal of [ORG, CHILD, "Ilse", PASSWORD]) assert.ok(!text.includes(personal), `${personal} in the details`);
    // What is on the clipboard is what is shown.
    const clipboard = execFileSync("xclip", ["-o", "-selection", "clipboard"], { env, encoding: "utf8", timeout: 10000 });
    assert.equal(clipboard.trim(), text.trim());
    await (await browser.$(tid("diagnostics"))).scrollIntoView();
    await browser.saveScreenshot(join(ARTIFACTS, "desktop-01-diagnostics.png"));

    // A size to remember; the window is closed as a person closes it.
    await browser.setWindowRect(null, null, 1000, 720);
    const set = await browser.getWindowRect();
    assert.ok(Math.abs(set.width - 1000) <= 2 && Math.abs(set.height - 720) <= 2, `resized to ${set.width}×${set.height}`);
    // Saved within a second of the change, before any exit.
    await sleep(1500);
    assert.ok(existsSync(join(home, "config", "nl.beeldakkoord.app", ".window-state.json")), "the window's state is saved");
    await browser.closeWindow().catch(() => {});
    await sleep(1000);
  } finally {
    await stop();
  }

  // The log: the start and the refused sign-in, by code; nobody's name.
  const files = readdirSync(logs);
  assert.ok(files.some((f) => f.startsWith("beeldakkoord")), `log files: ${files}`);
  const log = files.map((f) => readFileSync(join(logs, f), "utf8")).join("\n");
  assert.match(log, /Beeldakkoord \d+\.\d+\.\d+ started \(schema \d+\)/);
  assert.match(log, /refused: auth\.failed/);
  for (const personal of [ORG, CHILD, "Ilse", PASSWORD, "geen goed wachtwoord"]) assert.ok(!log.includes(personal), `${personal} in the log`);
  assert.ok(!existsSync(join(env.BEELDAKKOORD_DATA_DIR, "logs")), "no log in the data folder");

  // The window opens again at the size it was left.
  ({ browser, stop } = await openApp(env));
  try {
    await (await browser.$(tid("login-username"))).waitForDisplayed({ timeout: 20000 });
    const rect = await browser.getWindowRect();
    assert.ok(Math.abs(rect.width - 1000) <= 2 && Math.abs(rect.height - 720) <= 2, `window ${rect.width}×${rect.height}`);
  } finally {
    await stop();
  }
});

/** Windows titled Beeldakkoord on the display. */
function windows(env) {
  const tree = execFileSync("xwininfo", ["-root", "-tree"], { env, encoding: "utf8" });
  return tree.split("\n").filter((l) => /"Beeldakkoord"/.test(l)).length;
}

test("a second start brings the running window forward instead of opening another", { timeout: 120000 }, async () => {
  const { env: base } = office();
  // A session bus of its own: the single-instance check lives on it.
  const daemon = execFileSync("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1", "--nopidfile"], { encoding: "utf8" }).trim().split("\n");
  const [address, pid] = [daemon[0], Number(daemon[1])];
  const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
  const first = spawn(BIN, [], { env, stdio: "ignore", detached: true });
  try {
    for (let i = 0; i < 150 && windows(env) === 0; i++) await sleep(200);
    assert.ok(windows(env) >= 1, "the first window opened");
    // GTK maps a window in steps: count once the first start has settled.
    await sleep(4000);
    const before = windows(env);
    const started = Date.now();
    // The second start hands over to the first and ends by itself (execFileSync throws on a timeout or a failure).
    execFileSync(BIN, [], { env, timeout: 30000, stdio: "ignore" });
    console.log(`second start ended after ${Date.now() - started} ms`);
    await sleep(1000);
    assert.equal(windows(env), before, "no second window");
    assert.equal(first.exitCode, null, "the first is still running");
    execFileSync("import", ["-window", "root", join(ARTIFACTS, "desktop-02-single.png")], { env });
  } finally {
    try { process.kill(-first.pid, "SIGTERM"); } catch { /* gone */ }
    try { process.kill(pid, "SIGTERM"); } catch { /* gone */ }
  }
});

test("a saved printout opens in the system's PDF viewer, and nothing else can be opened", { timeout: 180000 }, async () => {
  const { home, env, noor } = office();
  // A stand-in for the desktop's opener: it writes down what it was asked to open.
  const bin = join(home, "bin");
  const asked = join(home, "opened.txt");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${asked}'\n`, { mode: 0o755 });
  const dossier = join(home, "Vertrekdossier Noor Bakker.pdf");
  const { browser, stop } = await openApp({ ...env, PATH: `${bin}:${env.PATH}`, BEELDAKKOORD_SAVE_FILE: dossier });
  try {
    await signIn(browser);
    await openPerson(browser, noor);
    await click(browser, "print-dossier");
    await (await browser.$(tid("print-done"))).waitForDisplayed({ timeout: 30000 });
    assert.ok(existsSync(dossier));
    await click(browser, "print-open");
    for (let i = 0; i < 50 && !existsSync(asked); i++) await sleep(100);
    assert.equal(readFileSync(asked, "utf8").trim(), dossier);
    await browser.saveScreenshot(join(ARTIFACTS, "desktop-03-printed.png"));

    // The command takes only a file saved in this session: not the database, not any other path.
    const refused = await browser.execute(
      (path) => window.__TAURI_INTERNALS__.invoke("open_saved", { path }).then(() => "ok", (e) => e.code ?? String(e)),
      join(env.BEELDAKKOORD_DATA_DIR, "beeldakkoord.sqlite3"),
    );
    assert.equal(refused, "app.open_not_saved");
    assert.equal(readFileSync(asked, "utf8").trim().split("\n").length, 1, "nothing else was opened");
  } finally {
    await stop();
  }
});
