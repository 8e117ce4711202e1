// The window stays responsive while the backend works: a requestAnimationFrame
// counter runs in the real window while the takedown list over 2 000
// publications and the check of a photo with 30 tagged pupils are computed.
// A command that ran on the window's main thread would stop the frames for
// as long as it ran; the frames around each command are measured and written
// to artifacts/responsiveness.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ARTIFACTS, BIN, cli, click, freshProfile, groupPhoto, openApp, PASSWORD, screenshot, signIn, tid } from "./driver.mjs";

// The seed program is built beside the binary (cargo builds examples with the tests).
const SEED = process.env.BEELDAKKOORD_SEED ?? join(dirname(BIN ?? "."), "examples", "seed_office");
// The target is no frame over 50 ms caused by a command. On a loaded 2-core
// machine under Xvfb, frames jitter up to about that much with no command
// running at all (the report shows the idle window's longest frame beside
// the commands'), so the test fails at twice the target: a command on the
// main thread stops the frames for all of its 400+ ms.
const FRAME_BUDGET_MS = Number(process.env.FRAME_BUDGET_MS ?? 100);

/** Count frames inside the page, from now on. */
function countFrames() {
  const w = window;
  w.__frames = [];
  const tick = (t) => {
    w.__frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Resolves once the page draws steadily again (ten frames in a row under 40 ms apart). */
function whenSteady(done) {
  let last = performance.now();
  let steady = 0;
  const started = last;
  const tick = (t) => {
    steady = t - last < 40 ? steady + 1 : 0;
    last = t;
    if (steady >= 10 || t - started > 20000) done(steady >= 10);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Whether the window has timed a call of `cmd` that started after `since`. */
function calledSince(cmd, since) {
  return performance.getEntriesByName(`api:${cmd}`).some((m) => m.startTime > since);
}

/** The frames so far and the window's timing of its latest backend calls (lib/api records each as `api:<command>`). */
function collect() {
  const calls = performance.getEntriesByType("measure").filter((m) => m.name.startsWith("api:"));
  return { frames: window.__frames, calls: calls.map((m) => ({ cmd: m.name.slice(4), start: m.startTime, end: m.startTime + m.duration })) };
}

/**
 * For each call of `cmd`: how long it ran and the longest stretch without a
 * frame while it ran. A gap is counted only as far as it lies inside the
 * call: drawing the answer afterwards is the page's work, not the command's.
 */
function framesDuring(frames, calls, cmd) {
  return calls
    .filter((c) => c.cmd === cmd)
    .map((c) => {
      let longest = 0;
      for (let i = 1; i < frames.length; i++) {
        const inside = Math.min(frames[i], c.end) - Math.max(frames[i - 1], c.start);
        longest = Math.max(longest, inside);
      }
      return { cmd, ms: Math.round(c.end - c.start), longestFrameMs: Math.round(longest) };
    });
}

test("frames keep coming while the takedown list and a 30-person check are computed", { timeout: 600000 }, async () => {
  const { env } = freshProfile();
  const seeded = JSON.parse(execFileSync(SEED, [env.BEELDAKKOORD_DATA_DIR], { env: { ...env, BEELDAKKOORD_PASSWORD: PASSWORD }, encoding: "utf8" }));
  assert.equal(seeded.publications, 2000);
  const { browser, stop } = await openApp(env);
  try {
    await signIn(browser);
    await (await browser.$(tid("nav-takedown"))).waitForClickable({ timeout: 30000 });
    await browser.execute(countFrames);
    assert.ok(await browser.executeAsync(whenSteady), "the first page settles");
    // A second with nothing running: how much frames jitter here anyway.
    const idle = await browser.execute(() => performance.now());
    await new Promise((r) => setTimeout(r, 1000));
    const idleEnd = await browser.execute(() => performance.now());

    // Every one of the 2 000 publications shows a pupil whose family withdrew.
    await click(browser, "nav-takedown");
    const count = await browser.$(tid("takedown-count"));
    await count.waitForDisplayed({ timeout: 300000 });
    assert.match(await count.getText(), /2\.?000/);
    screenshot(env, "20-takedown-2000.png");

    // The class photo with 30 boxes, checked for the website.
    await click(browser, "nav-photos");
    await browser.waitUntil(async () => (await browser.$$(tid("photo-cell"))).length > 0, { timeout: 60000 });
    await (await browser.$$(tid("photo-cell")))[0].click();
    await (await browser.$(tid("use-channel"))).waitForDisplayed({ timeout: 30000 });
    await (await browser.$(tid("use-channel"))).selectByAttribute("value", "website");
    await (await browser.$(tid("use-purpose"))).selectByAttribute("value", "activities");
    const verdict = await browser.$(tid("verdict"));
    await browser.waitUntil(async () => (await verdict.isExisting()) && (await verdict.getAttribute("data-outcome")) === "anonymise", {
      timeout: 60000,
      timeoutMsg: "ten of thirty withdrew: the photo can only be used anonymised",
    });
    assert.equal((await browser.$$(tid("verdict-line"))).length, 30);
    // Once the photo page is drawn, the same photo for another purpose: this check is the one measured.
    assert.ok(await browser.executeAsync(whenSteady), "the photo page settles");
    const since = await browser.execute(() => performance.now());
    await (await browser.$(tid("use-purpose"))).selectByAttribute("value", "promotion");
    await browser.waitUntil(async () => browser.execute(calledSince, "checkPhoto", since), { timeout: 60000 });
    screenshot(env, "21-check-30.png");

    const { frames, calls } = await browser.execute(collect);
    const measured = [...framesDuring(frames, calls, "takedownList"), ...framesDuring(frames, calls, "checkPhoto")];
    const longest = Math.max(...measured.map((m) => m.longestFrameMs));
    const [quiet] = framesDuring(frames, [{ cmd: "idle", start: idle, end: idleEnd }], "idle");
    const report = { binary: BIN, frameBudgetMs: FRAME_BUDGET_MS, longestFrameDuringCommandsMs: longest, idleLongestFrameMs: quiet.longestFrameMs, commands: measured };
    writeFileSync(join(ARTIFACTS, "responsiveness.json"), JSON.stringify(report, null, 2));
    console.log(`responsiveness: ${JSON.stringify(report)}`);
    assert.ok(measured.some((m) => m.cmd === "takedownList") && measured.some((m) => m.cmd === "checkPhoto"), "both commands were timed");
    assert.ok(longest <= FRAME_BUDGET_MS, `a frame of ${longest} ms while a command ran (budget ${FRAME_BUDGET_MS} ms)`);
  } catch (e) {
    screenshot(env, "responsive-failure.png");
    throw e;
  } finally {
    await stop();
  }
});

/** Frames drawn, the longest gap between two and the 95th percentile, in ms. */
function frameStats(frames) {
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  return { frames: frames.length, longestFrameMs: Math.round(gaps.at(-1) ?? 0), p95FrameMs: Math.round(gaps[Math.floor(gaps.length * 0.95)] ?? 0) };
}

/** Scroll the photo grid down and up for `ms`, a step each frame; resolves with the frame times. */
function scrollGrid(ms, done) {
  const grid = document.querySelector('[data-testid="photo-grid"]');
  const frames = [];
  const start = performance.now();
  let down = true;
  const tick = (t) => {
    frames.push(t);
    if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 2) down = false;
    if (grid.scrollTop <= 0) down = true;
    grid.scrollTop += down ? 40 : -40;
    if (t - start < ms) requestAnimationFrame(tick);
    else done(frames);
  };
  requestAnimationFrame(tick);
}

test("the photo grid scrolls while faces are looked for in the background", { timeout: 600000 }, async () => {
  const { home, env } = freshProfile();
  cli(env, "init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", join(home, "herstelblad.pdf"));
  // Class photos to scan (each a distinct file) and enough other photos for the grid to scroll.
  const folder = join(home, "camera");
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 16; i++) execFileSync("convert", [groupPhoto(), "-set", "comment", `klassenfoto ${i}`, "-quality", "85", join(folder, `klas-${i}.jpg`)]);
  for (let i = 0; i < 80; i++) execFileSync("convert", ["-size", "64x48", `xc:rgb(${(i * 37) % 256},${(i * 91) % 256},120)`, join(folder, `plein-${i}.jpg`)]);
  cli(env, "photo", "import", "--scan-later", folder);
  // Xvfb has no GPU: WebKit's GL compositor would run on software GL and, on
  // two cores, hold scrolling to about 7 frames a second with nothing else
  // running (p95 137 ms; 17 ms without it). A PC with a graphics card
  // composites on the card; here the window draws without compositing.
  const { browser, stop } = await openApp({ ...env, WEBKIT_DISABLE_COMPOSITING_MODE: "1" });
  try {
    await signIn(browser);
    // Photos that wait are scanned after sign-in without anyone asking.
    const banner = await browser.$(tid("face-scan"));
    await banner.waitForDisplayed({ timeout: 60000, timeoutMsg: "the background scan did not start" });
    await click(browser, "nav-photos");
    await browser.waitUntil(async () => (await browser.$$(tid("photo-cell"))).length > 0, { timeout: 60000 });
    await browser.executeAsync(whenSteady);
    const during = frameStats(await browser.executeAsync(scrollGrid, 8000));
    const stillScanning = await banner.isDisplayed();
    // The same scrolling with no scan running: what the window costs by itself here.
    await click(browser, "face-scan-stop");
    await banner.waitForDisplayed({ reverse: true, timeout: 120000 });
    await browser.executeAsync(whenSteady);
    const alone = frameStats(await browser.executeAsync(scrollGrid, 8000));
    const longest = during.longestFrameMs;
    const report = { binary: BIN, frameBudgetMs: FRAME_BUDGET_MS, duringScan: during, withoutScan: alone, scanRunningThroughout: stillScanning };
    writeFileSync(join(ARTIFACTS, "responsiveness-scan.json"), JSON.stringify(report, null, 2));
    console.log(`responsiveness during the face scan: ${JSON.stringify(report)}`);
    screenshot(env, "22-grid-while-scanning.png");
    assert.ok(stillScanning, "the scan ran for the whole measurement");
    assert.ok(longest <= FRAME_BUDGET_MS, `a frame of ${Math.round(longest)} ms while scrolling during the scan (budget ${FRAME_BUDGET_MS} ms)`);
  } catch (e) {
    screenshot(env, "responsive-scan-failure.png");
    throw e;
  } finally {
    await stop();
  }
});
