// At the desk, in the real window: the office hands the screen over for one
// child; a parent reads the form, answers each question, signs with pointer
// strokes and is back at the sign-in screen; the answers are kept as a
// `kiosk` event with the drawn signature. Every way out of the desk view a
// parent could try (keys, back, a changed address, a reload, calling the
// backend for another screen or child) leaves them in it. Left idle, the
// view closes and keeps nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Key } from "webdriverio";
import { ARTIFACTS, cli, click, freshProfile, openApp, openPerson, signIn, tid } from "./driver.mjs";

/** Still the desk view, and nothing of the rest of the app. */
async function stillAtTheDesk(browser, what) {
  const title = await browser.$(tid("desk-title"));
  await title.waitForDisplayed({ timeout: 15000, timeoutMsg: `${what}: the desk view is gone` });
  assert.match(await title.getText(), /Noor Bakker/, what);
  assert.equal((await browser.$$(tid("nav-people"))).length, 0, `${what}: the app's navigation is reachable`);
  assert.equal((await browser.$$(tid("login-username"))).length, 0, `${what}: the sign-in screen showed`);
}

/** The backend's answer to a command the page sends itself: its error code, or "ok". */
async function invoke(browser, cmd, args) {
  return browser.execute(
    (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args).then(() => "ok", (e) => e.code ?? String(e)),
    cmd,
    args,
  );
}

/** Draw a signature across the box with a mouse: down, a looping stroke, up. */
async function drawSignature(browser, pad) {
  await pad.scrollIntoView({ block: "center" });
  const { width, height } = await pad.getSize();
  const points = [];
  for (let i = 0; i <= 24; i++) points.push({ x: Math.round(-width * 0.4 + (width * 0.8 * i) / 24), y: Math.round(Math.sin(i / 2.5) * height * 0.25) });
  let action = browser.action("pointer", { parameters: { pointerType: "mouse" } }).move({ origin: pad, ...points[0] }).down();
  for (const p of points.slice(1)) action = action.move({ origin: pad, ...p, duration: 20 });
  await action.up().perform();
}

test("a parent fills in and signs at the desk, cannot leave the form, and an idle desk keeps nothing", { timeout: 300000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  cli(env, "group", "add", "Groep 3");
  const noor = cli(env, "person", "add", "--name", "Noor Bakker", "--kind", "child", "--birth-date", "2019-04-02", "--group", "Groep 3",
    "--guardian", "Ilse Bakker", "--guardian", "Tom Bakker").id;
  const daan = cli(env, "person", "add", "--name", "Daan Mol", "--kind", "child", "--birth-date", "2019-06-12", "--group", "Groep 3",
    "--guardian", "Eva Mol").id;

  const { browser, stop } = await openApp({ ...env, BEELDAKKOORD_DESK_IDLE_SECONDS: "12" });
  try {
    await signIn(browser);
    await openPerson(browser, noor);
    await click(browser, "desk-open");
    await browser.saveScreenshot(join(ARTIFACTS, "desk-01-hand-over.png"));
    await click(browser, "desk-start");
    await stillAtTheDesk(browser, "opened");
    await browser.saveScreenshot(join(ARTIFACTS, "desk-02-the-form.png"));

    // Keys that reload, go back, print or close do nothing here.
    const keys = [[Key.Ctrl, "r"], [Key.F5], [Key.Alt, Key.ArrowLeft], [Key.Escape], [Key.Backspace], [Key.Ctrl, "l"], [Key.Ctrl, "w"]];
    for (const k of keys) {
      await browser.keys(k);
      await sleep(300);
      await stillAtTheDesk(browser, `keys ${k.join("+")}`);
    }
    // Back navigation, by WebDriver and by the page.
    await browser.back();
    await stillAtTheDesk(browser, "WebDriver back");
    await browser.execute(() => history.back());
    await sleep(300);
    await stillAtTheDesk(browser, "history.back()");
    // A changed address, and a reload: the backend still holds the lock, so the window comes back to the desk.
    await browser.execute(() => { location.hash = "#/people"; });
    await sleep(300);
    await stillAtTheDesk(browser, "location.hash");
    const url = await browser.getUrl();
    await browser.url(url.split("#")[0] + "?screen=people");
    await stillAtTheDesk(browser, "a new address");
    await browser.refresh();
    await stillAtTheDesk(browser, "reload");
    // The backend itself: every other screen and child is refused.
    assert.equal(await invoke(browser, "people", { filter: { search: null, group: null, include_left: false } }), "desk.locked");
    assert.equal(await invoke(browser, "person_page", { person: daan, at: null }), "desk.locked");
    assert.equal(await invoke(browser, "open_desk", { person: daan, form: 1 }), "desk.locked");
    assert.equal(await invoke(browser, "pick_file", { kind: "roster" }), "desk.locked");
    await stillAtTheDesk(browser, "backend calls");

    // The parent answers: yes to the first question, no to the rest.
    const questions = await browser.$$(tid("desk-question"));
    assert.ok(questions.length >= 2, "the form has its questions");
    for (const [i, q] of questions.entries()) {
      const choice = await q.$(tid(i === 0 ? "desk-yes" : "desk-no"));
      await choice.scrollIntoView({ block: "center" });
      await choice.click();
    }
    const web = await questions[0].getAttribute("data-question");
    // Who signs: Ilse.
    const signers = await browser.$$(tid("desk-signer"));
    assert.equal(signers.length, 2, "both linked guardians may sign");
    await signers[0].scrollIntoView({ block: "center" });
    await signers[0].click();
    // Done without a signature: said in words, nothing kept.
    await click(browser, "desk-finish");
    assert.match(await browser.$(tid("desk-problem")).getText(), /handtekening/);
    // The backend refuses an empty box too (the page cannot go round the check).
    const blank = await browser.execute(() => {
      const c = document.createElement("canvas");
      c.width = 900;
      c.height = 260;
      const ctx = c.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, 900, 260);
      return Array.from(atob(c.toDataURL("image/png").split(",")[1]), (ch) => ch.charCodeAt(0));
    });
    assert.equal(await invoke(browser, "finish_desk", { version: 1, answers: [], signatures: [{ name: "Ilse Bakker", png: blank }] }), "consent.unanswered");
    const all = await browser.execute(() => Array.from(document.querySelectorAll("[data-question]"), (q) => ({ item: q.dataset.question, yes: false })));
    assert.equal(await invoke(browser, "finish_desk", { version: 1, answers: all, signatures: [{ name: "Ilse Bakker", png: blank }] }), "scan.empty_signature");
    assert.equal(await invoke(browser, "finish_desk", { version: 1, answers: all, signatures: [{ name: "Piet Jansen", png: blank }] }), "scan.empty_signature");
    assert.equal(cli(env, "consent", "show", "--person", String(noor)).items.filter((i) => i.record !== null).length, 0, "nothing kept yet");

    const pad = await browser.$(tid("desk-pad-0"));
    await drawSignature(browser, pad);
    await browser.waitUntil(async () => (await pad.getAttribute("data-drawn")) === "true", { timeout: 5000, timeoutMsg: "the strokes drew nothing" });
    await browser.saveScreenshot(join(ARTIFACTS, "desk-03-signed.png"));
    await click(browser, "desk-finish");

    // Back at sign-in, with a word for the parent.
    const thanks = await browser.$(tid("login-notice"));
    await thanks.waitForDisplayed({ timeout: 15000 });
    assert.match(await thanks.getText(), /Dank u wel/);
    await browser.saveScreenshot(join(ARTIFACTS, "desk-04-back-at-sign-in.png"));
    // Signed out: the backend answers nothing without a new sign-in.
    assert.equal(await invoke(browser, "person_page", { person: noor, at: null }), "auth.required");

    // Kept: the website question holds, by an event whose signature is the one drawn.
    const shown = cli(env, "consent", "show", "--person", String(noor));
    const item = shown.items.find((i) => i.item === web);
    assert.equal(item.status, "granted");
    const signature = join(home, "handtekening.png");
    const copy = cli(env, "consent", "scan", "--event", String(item.record), "--out", signature);
    assert.equal(copy.number, 1);
    const mean = Number(execFileSync("convert", [signature, "-colorspace", "gray", "-format", "%[fx:mean]", "info:"], { encoding: "utf8" }));
    assert.ok(mean > 0.8 && mean < 0.999, `a white box with ink on it (mean ${mean})`);

    // The office sees it on the person page.
    await signIn(browser);
    await openPerson(browser, noor);
    const entry = await browser.$(`${tid("history-event")}[data-event-id="${item.record}"]`);
    await entry.waitForDisplayed({ timeout: 15000 });
    assert.match(await entry.getText(), /aan de balie, getekend op het scherm/);
    assert.match(await entry.getText(), /Handtekening/);
    await entry.scrollIntoView({ block: "center" });
    await browser.saveScreenshot(join(ARTIFACTS, "desk-05-on-the-person-page.png"));

    // Left idle: asked, then closed, nothing kept.
    const before = cli(env, "consent", "show", "--person", String(noor));
    await click(browser, "desk-open");
    await click(browser, "desk-start");
    await stillAtTheDesk(browser, "opened again");
    const first = await (await browser.$$(tid("desk-yes")))[0];
    await first.scrollIntoView({ block: "center" });
    await first.click();
    const idle = await browser.$(tid("desk-idle"));
    await idle.waitForDisplayed({ timeout: 15000 });
    await browser.saveScreenshot(join(ARTIFACTS, "desk-06-still-there.png"));
    const closed = await browser.$(tid("login-notice"));
    await closed.waitForDisplayed({ timeout: 20000 });
    assert.match(await closed.getText(), /niets bewaard/);
    assert.deepEqual(cli(env, "consent", "show", "--person", String(noor)), before, "the idle desk kept nothing");
  } finally {
    await stop();
  }
});
