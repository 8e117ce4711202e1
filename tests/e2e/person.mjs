// A person at the keyboard, for measuring office tasks in the real window:
// every click, key press and needed scroll is counted (a select is two: open
// and choose), and with `pace` 1 each waits as long as a person takes
// (Card, Moran and Newell's keystroke-level model: pointing and clicking
// ~1.1 s + 0.2 s, a key ~0.28 s for an average typist). Pace 0 keeps the
// counts and skips the waiting, for CI.
import { setTimeout as sleep } from "node:timers/promises";
import { tid } from "./driver.mjs";

export const CLICK_MS = 1300;
export const KEY_MS = 280;

export class Person {
  constructor(browser, pace = 1) {
    this.browser = browser;
    this.pace = pace;
    this.actions = 0;
    this.started = Date.now();
  }

  /** Start counting a new task from here. */
  start() {
    this.actions = 0;
    this.started = Date.now();
  }

  /** Actions and seconds since `start()`. */
  result() {
    return { actions: this.actions, seconds: (Date.now() - this.started) / 1000 };
  }

  async #think(ms) {
    if (this.pace > 0) await sleep(ms * this.pace);
  }

  /** The element by test id (with an optional attribute selector), waited for. */
  async find(id, extra = "") {
    const el = await this.browser.$(`${tid(id)}${extra}`);
    try {
      await el.waitForDisplayed({ timeout: 15000 });
    } catch (e) {
      if (process.env.TASK_DEBUG) await this.browser.saveScreenshot(process.env.TASK_DEBUG);
      throw e;
    }
    return el;
  }

  /** Bring an element into view; that costs a scroll when it is not in view yet. */
  async #inView(el, toClick = true) {
    // To click, its middle must be in the window and not under a sticky bar;
    // to look at, some of it in the window is enough.
    const reachable = toClick ? await this.#clickable(el) : await el.isDisplayed({ withinViewport: true });
    if (!reachable) {
      this.actions++;
      await this.#think(CLICK_MS);
      await el.scrollIntoView({ block: "center" });
    }
  }

  #clickable(el) {
    return this.browser.execute((node) => {
      const r = node.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (node === hit || node.contains(hit) || (hit.tagName === "LABEL" && hit.control === node));
    }, el);
  }

  /** Look at something: a scroll when it is below the fold, nothing else. */
  async see(id, extra = "") {
    const el = await this.find(id, extra);
    await this.#inView(el, false);
    return el;
  }

  async click(id, extra = "") {
    const el = await this.find(id, extra);
    await el.waitForClickable({ timeout: 15000 });
    await this.#inView(el);
    await this.#think(CLICK_MS);
    try {
      await el.click();
    } catch (e) {
      if (process.env.TASK_DEBUG) await this.browser.saveScreenshot(process.env.TASK_DEBUG);
      throw new Error(`click on ${id}${extra}: ${e.message}`);
    }
    this.actions++;
  }

  /** A select: open it and choose (two actions). */
  async choose(id, value) {
    const el = await this.find(id);
    await this.#inView(el);
    await this.#think(CLICK_MS * 2);
    await el.selectByAttribute("value", String(value));
    this.actions += 2;
  }

  /** Type into whatever has focus, one key at a time. */
  async type(text) {
    for (const ch of text) {
      await this.#think(KEY_MS);
      await this.browser.keys(ch);
      this.actions++;
    }
  }

  /** One key (Enter, Tab, …) or a chord (["Control", "Enter"]) as one action. */
  async press(key) {
    await this.#think(KEY_MS);
    await this.browser.keys(key);
    this.actions++;
  }

  /** The test id of the focused element (what typing would go into). */
  async focused() {
    return this.browser.execute(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName ?? null);
  }
}
