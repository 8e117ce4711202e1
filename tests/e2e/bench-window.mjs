// The benchmark's window figures (run by scripts/bench; not a test): in the
// real window under Xvfb, with the benchmark's data set, next to a bare
// Tauri 2 window built in the same workspace, profile and features.
//
// - start: from starting the program (the WebDriver session that launches
//   it) to its first screen — Beeldakkoord's sign-in form, the reference's
//   page — in alternating runs; then sign-in to "Vandaag" and on to the
//   people list, for Beeldakkoord only (the reference has neither).
// - memory: resident memory of the program and every process it started
//   (WebKit's web and network processes), after start for both, and for
//   Beeldakkoord after scrolling the whole photo grid 1 and ROUNDS times.
// - grid: the frames while the photo grid is scrolled, first at a person's
//   pace for ten seconds (thumbnails load as they come into view), then
//   from top to bottom a screenful per frame, ROUNDS times
//   (requestAnimationFrame timestamps: longest, 95th percentile).
// - search: typing a name into the people search, a key every 400 ms; for
//   each key, the time from the key event to the first frame drawn after
//   the list changed.
//
// Environment: BEELDAKKOORD_BIN, HELLO_BIN, BENCH_DATA_DIR (a working copy
// of the data folder), BENCH_PASSWORD, RUNS (5), ROUNDS (10), BENCH_OUT (a
// JSON file the figures go to).
import { readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { BIN, freshProfile, openApp, screenshot, tid } from "./driver.mjs";

const HELLO = process.env.HELLO_BIN;
const DATA = process.env.BENCH_DATA_DIR;
const PASSWORD = process.env.BENCH_PASSWORD ?? "bench password";
const RUNS = Number(process.env.RUNS ?? 5);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const OUT = process.env.BENCH_OUT;
const SEARCH = process.env.BENCH_SEARCH ?? "jansen";
if (!BIN || !HELLO || !DATA || !OUT) throw new Error("set BEELDAKKOORD_BIN, HELLO_BIN, BENCH_DATA_DIR and BENCH_OUT (scripts/bench does)");

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const percentile = (xs, p) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
};
const figure = (runs, unit, extra = {}) => ({ median: median(runs), runs, unit, ...extra });

/** Every process, with its parent. */
function processes() {
  const all = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      let exe = "";
      try {
        exe = readlinkSync(`/proc/${name}/exe`);
      } catch {
        /* a process of another user, or gone */
      }
      all.push({ pid: Number(name), ppid, exe });
    } catch {
      /* gone while listing */
    }
  }
  return all;
}

/** kB of one process's status field (VmRSS), or of its smaps_rollup (Pss). */
function kb(pid, file, field) {
  try {
    const line = readFileSync(`/proc/${pid}/${file}`, "utf8").split("\n").find((l) => l.startsWith(field + ":"));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory (MiB) of the program started from `bin` and all its descendants. */
function memory(bin) {
  const real = realpathSync(bin);
  const all = processes();
  const roots = all.filter((p) => p.exe === real).map((p) => p.pid);
  if (roots.length !== 1) throw new Error(`expected one running ${bin}, found ${roots.length}`);
  const tree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (tree.has(p.ppid) && !tree.has(p.pid)) { tree.add(p.pid); grew = true; }
  }
  const names = all.filter((p) => tree.has(p.pid)).map((p) => p.exe.split("/").pop());
  const sum = (file, field) => [...tree].reduce((s, pid) => s + kb(pid, file, field), 0) / 1024;
  return { rss: sum("status", "VmRSS"), pss: sum("smaps_rollup", "Pss"), processes: names };
}

/** Wait until no process of `bin` is left, so the next start is measured alone. */
async function gone(bin) {
  const real = realpathSync(bin);
  for (let i = 0; i < 100 && processes().some((p) => p.exe === real); i++) await sleep(100);
}

function profile() {
  const { env } = freshProfile();
  env.BEELDAKKOORD_DATA_DIR = DATA;
  delete env.BEELDAKKOORD_TEST_QUICK_KDF;
  return env;
}

async function shown(browser, id, timeout = 60000) {
  await (await browser.$(tid(id))).waitForDisplayed({ timeout, interval: 10 });
}

async function helloRun() {
  let t0 = 0;
  const { browser, stop } = await openApp(profile(), HELLO, () => (t0 = performance.now()));
  try {
    await shown(browser, "hello");
    const start = performance.now() - t0;
    await sleep(1000);
    return { start, memory: memory(HELLO) };
  } finally {
    await stop();
    await gone(HELLO);
  }
}

/** Start, sign in, open the people list; `more` runs on in the same window. */
async function appRun(more) {
  let t0 = 0;
  const { browser, stop } = await openApp(profile(), BIN, () => (t0 = performance.now()));
  try {
    await shown(browser, "login-username");
    const start = performance.now() - t0;
    await (await browser.$(tid("login-username"))).setValue("admin");
    await (await browser.$(tid("login-password"))).setValue(PASSWORD);
    const t1 = performance.now();
    await (await browser.$(tid("login-submit"))).click();
    await shown(browser, "home");
    const signIn = performance.now() - t1;
    const t2 = performance.now();
    await (await browser.$(tid("nav-people"))).click();
    await shown(browser, "person-row");
    const toPeople = performance.now() - t2;
    await sleep(1000);
    const result = { start, signIn, toPeople, memory: memory(BIN) };
    if (more) Object.assign(result, await more(browser));
    return result;
  } catch (e) {
    screenshot(process.env, "bench-window-failed.png");
    throw e;
  } finally {
    await stop();
    await gone(BIN);
  }
}

/**
 * Scroll the grid from the top, `step` pixels per frame (0: a screenful)
 * for at most `frames` frames or to the bottom; resolves with the frame gaps.
 */
function scrollThrough(step, frames, done) {
  const el = document.querySelector('[data-testid="photo-grid"]');
  el.scrollTop = 0;
  const gaps = [];
  let last = null;
  const tick = (t) => {
    if (last !== null) gaps.push(t - last);
    last = t;
    if (gaps.length >= frames || el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return done({ gaps, height: el.scrollHeight, reached: el.scrollTop });
    el.scrollTop += step || el.clientHeight;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Record, per key typed into the people search, the key-to-frame time once the list changed. */
function watchSearch() {
  const w = window;
  w.__latency = [];
  let pending = null;
  const input = document.querySelector('[data-testid="people-search"]');
  input.addEventListener("keydown", () => {
    if (pending !== null) w.__latency.push(null); // the previous key changed nothing on screen
    pending = performance.now();
  }, true);
  new MutationObserver((changes) => {
    if (pending === null) return;
    const inList = changes.some((m) => m.target instanceof Element ? m.target.closest('[data-testid="people-scroller"], [data-testid="people-none"], .people') : true);
    if (!inList) return;
    const t = pending;
    pending = null;
    requestAnimationFrame(() => w.__latency.push(performance.now() - t));
  }).observe(document.querySelector('[data-testid="people-search"]').closest("section") ?? document.body, { childList: true, subtree: true, characterData: true });
}

async function search(browser) {
  const input = await browser.$(tid("people-search"));
  await input.click();
  await browser.execute(watchSearch);
  for (const ch of SEARCH) {
    await browser.keys(ch);
    await sleep(400);
  }
  await sleep(500);
  const latency = await browser.execute(() => window.__latency);
  const rows = await browser.execute(() => document.querySelectorAll('[data-testid="person-row"]').length);
  return { latency, rows };
}

async function grid(browser) {
  await (await browser.$(tid("nav-photos"))).click();
  await (await browser.$('[data-testid="photo-grid"] [data-index]')).waitForExist({ timeout: 60000 });
  await sleep(1000);
  // First at a person's pace (about 2 400 px a second, thumbnails loading as they come into view) for ten seconds.
  const paced = await browser.executeAsync(scrollThrough, 40, 600);
  const rounds = [];
  const memoryAfter = {};
  for (let round = 1; round <= ROUNDS; round++) {
    rounds.push(await browser.executeAsync(scrollThrough, 0, 1e9));
    if (round === 1 || round === ROUNDS) {
      await sleep(1000);
      memoryAfter[round] = memory(BIN);
    }
  }
  return { paced, rounds, memoryAfter };
}

const hello = [];
const ours = [];
for (let run = 0; run < RUNS; run++) {
  hello.push(await helloRun());
  ours.push(await appRun());
  console.error(`start run ${run + 1}/${RUNS}: reference ${hello.at(-1).start.toFixed(0)} ms, Beeldakkoord ${ours.at(-1).start.toFixed(0)} ms`);
}
// One more window for the work a person does in it.
const long = await appRun(async (browser) => ({ search: await search(browser), grid: await grid(browser) }));

const first = long.grid.rounds[0];
const allGaps = long.grid.rounds.flatMap((r) => r.gaps);
const keyTimes = long.search.latency.filter((x) => x !== null);
const mem = (r) => r.memory.rss;
const figures = {
  start_reference: figure(hello.map((r) => r.start), "ms"),
  start: figure(ours.map((r) => r.start), "ms"),
  sign_in_to_home: figure(ours.map((r) => r.signIn), "ms"),
  home_to_people: figure(ours.map((r) => r.toPeople), "ms"),
  memory_reference: figure(hello.map(mem), "MiB", { processes: hello[0].memory.processes, pss: median(hello.map((r) => r.memory.pss)) }),
  memory_after_start: figure(ours.map(mem), "MiB", { processes: ours[0].memory.processes, pss: median(ours.map((r) => r.memory.pss)) }),
  memory_after_grid_1: figure([long.grid.memoryAfter[1].rss], "MiB"),
  memory_after_grid_all: figure([long.grid.memoryAfter[ROUNDS].rss], "MiB", { rounds: ROUNDS }),
  grid_longest_frame: figure([Math.max(...first.gaps)], "ms", {
    frames: first.gaps.length,
    p95: percentile(first.gaps, 95),
    grid_height_px: first.height,
    all_rounds_longest: Math.max(...allGaps),
    all_rounds_p95: percentile(allGaps, 95),
  }),
  grid_paced_longest_frame: figure([Math.max(...long.grid.paced.gaps)], "ms", {
    frames: long.grid.paced.gaps.length,
    p95: percentile(long.grid.paced.gaps, 95),
    scrolled_px: long.grid.paced.reached,
  }),
  search_key_to_frame: figure(keyTimes, "ms", { max: Math.max(...keyTimes), keys: SEARCH.length, unchanged: long.search.latency.length - keyTimes.length, rows: long.search.rows }),
};
writeFileSync(OUT, JSON.stringify({ figures }, null, 2));
console.error(`window figures written to ${OUT}`);
