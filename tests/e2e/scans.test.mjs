// The signed paper kept as evidence, in the real window: the office drops
// the scan of a returned form on its entry in the person page's history and
// sees it listed there with its hash; a file that is not a document, dropped
// the same way, is refused in words and nothing is added.
//
// WebDriver cannot start a drag from the file manager, so the test sends the
// window the same event Tauri sends on a drop (`tauri://drag-over`, then
// `tauri://drag-drop`, with the paths and the pointer's position); from
// there it is the app's own path: the page finds the entry under the pointer
// and the backend reads, checks and keeps the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, cli, click, freshProfile, openApp, openPerson, signIn, tid } from "./driver.mjs";

/** A page as a scanner makes it: paper, lines of text, a signature. */
function scanOfForm(path) {
  const lines = [];
  for (let y = 120; y < 700; y += 28) lines.push("-draw", `line 60,${y} ${y % 3 ? 560 : 420},${y}`);
  execFileSync("convert", ["-size", "620x877", "xc:#f1efe9", "-stroke", "#222244", "-strokewidth", "3", ...lines,
    "-draw", "bezier 80,780 140,720 200,840 260,760", "-draw", "bezier 260,760 300,730 340,800 380,770", path]);
  return readFileSync(path);
}

/** Drag `paths` over the element, then drop them on it: the events Tauri sends the page. */
async function dropOn(browser, element, paths) {
  await element.scrollIntoView({ block: "center" });
  const rect = await browser.execute((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 40), scale: window.devicePixelRatio || 1 };
  }, element);
  const position = { x: Math.round(rect.x * rect.scale), y: Math.round(rect.y * rect.scale) };
  const send = (event, payload) =>
    browser.execute(
      (event, payload) => window.__TAURI_INTERNALS__.invoke("plugin:event|emit_to", { target: { kind: "Webview", label: "main" }, event, payload }),
      event,
      payload,
    );
  await send("tauri://drag-enter", { paths, position });
  await send("tauri://drag-over", { position });
  return () => send("tauri://drag-drop", { paths, position });
}

test("a scan dropped on its entry is kept with it and listed with its hash; a text file is refused", { timeout: 180000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 3");
  const noor = cli(env, "person", "add", "--name", "Noor Bakker", "--kind", "child", "--birth-date", "2019-04-02", "--group", "Groep 3",
    "--guardian", "Ilse Bakker").id;
  const event = cli(env, "consent", "record", "--person", String(noor), "--form", "1", "--answer", "group/website/information=yes",
    "--given-by", "Ilse Bakker", "--method", "paper", "--date", "2026-09-01").record;
  const scanPath = join(home, "scan formulier Noor.png");
  const sha = createHash("sha256").update(scanOfForm(scanPath)).digest("hex");
  const letter = join(home, "brief aan ouders.txt");
  writeFileSync(letter, "Beste ouders,\nHierbij het formulier.\n");

  // The office's scanner saves into a folder of its own: an older and a newer scan.
  const scannerDir = join(home, "scanner");
  mkdirSync(scannerDir);
  scanOfForm(join(scannerDir, "scan_0001.png"));
  const newest = scanOfForm(join(scannerDir, "scan_0002.png"));
  utimesSync(join(scannerDir, "scan_0001.png"), new Date(Date.now() - 600_000), new Date(Date.now() - 600_000));

  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_PICK_FOLDER: scannerDir });
  try {
    await signIn(browser);
    await openPerson(browser, noor);
    const entry = await browser.$(`${tid("history-event")}[data-event-id="${event}"]`);
    await entry.waitForDisplayed({ timeout: 15000 });

    // Dragged over its entry: the entry says it takes the scan.
    const drop = await dropOn(browser, entry, [scanPath]);
    const hint = await browser.$(`${tid("history-event")}[data-event-id="${event}"] ${tid("scan-drop-here")}`);
    await hint.waitForDisplayed({ timeout: 15000 });
    await browser.saveScreenshot(join(ARTIFACTS, "scans-01-dragging-over-the-entry.png"));
    await drop();

    const kept = await browser.$(`${tid("history-event")}[data-event-id="${event}"] ${tid("history-scan")}`);
    await kept.waitForDisplayed({ timeout: 15000 });
    assert.equal(await kept.getAttribute("data-sha256"), sha, "the file kept is the file dropped");
    assert.match(await kept.getText(), /Scan van het ondertekende formulier \(PNG, \d+ kB\)/);
    assert.match(await browser.$(tid("notice")).getText(), /Scan bijgevoegd als bijlage 1/);
    await kept.scrollIntoView({ block: "center" });
    await browser.saveScreenshot(join(ARTIFACTS, "scans-02-kept-with-the-entry.png"));

    // The command line reads back the same bytes.
    const copy = join(home, "kopie.png");
    cli(env, "consent", "scan", "--event", String(event), "--out", copy);
    assert.equal(createHash("sha256").update(readFileSync(copy)).digest("hex"), sha);

    // A letter is no scan: refused in words, nothing added.
    await (await dropOn(browser, entry, [letter]))();
    const error = await browser.$(tid("scan-error"));
    await error.waitForDisplayed({ timeout: 15000 });
    assert.match(await error.getText(), /geen PDF, JPEG of PNG/);
    assert.equal((await browser.$$(`${tid("history-event")}[data-event-id="${event}"] ${tid("history-scan")}`)).length, 1);
    await error.scrollIntoView({ block: "center" });
    await browser.saveScreenshot(join(ARTIFACTS, "scans-03-not-a-document.png"));

    // "Scan toevoegen": the office chooses the scanner's folder once, then
    // its newest scan is one click away.
    const attach = await browser.$(`${tid("history-event")}[data-event-id="${event}"] ${tid("scan-attach")}`);
    await attach.scrollIntoView({ block: "center" });
    await attach.click();
    await click(browser, "scan-folder-choose");
    const offered = await browser.$(tid("scan-folder-file"));
    await offered.waitForDisplayed({ timeout: 15000 });
    const names = await browser.$$(tid("scan-folder-file")).map((b) => b.getText());
    assert.match(names[0], /^scan_0002\.png — /, "the newest scan first");
    assert.match(names[1], /^scan_0001\.png — /);
    await browser.saveScreenshot(join(ARTIFACTS, "scans-04-scanner-folder.png"));
    await offered.click();
    const second = await browser.$(`${tid("history-event")}[data-event-id="${event}"] ${tid("history-scan")}[data-number="2"]`);
    await second.waitForDisplayed({ timeout: 15000 });
    assert.equal(await second.getAttribute("data-sha256"), createHash("sha256").update(newest).digest("hex"));
  } finally {
    await stop();
  }
});
