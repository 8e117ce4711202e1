// A backend call started from a button: `busy` disables the button, and a
// second start while one is running is ignored, so double clicks send once.
// The function does its own follow-up; `run` only says whether it succeeded.

import { toFailure, type ApiFailure } from "../api";

export class Action<A extends unknown[]> {
  busy = $state(false);
  error = $state<ApiFailure | null>(null);
  #fn: (...args: A) => Promise<void>;

  constructor(fn: (...args: A) => Promise<void>) {
    this.#fn = fn;
  }

  /** True when the call ran and succeeded; false when it failed or one was already running. */
  async run(...args: A): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await this.#fn(...args);
      return true;
    } catch (e) {
      this.error = toFailure(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  clear(): void {
    this.error = null;
  }
}
