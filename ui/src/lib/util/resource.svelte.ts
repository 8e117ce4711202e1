// What a screen shows from the backend: the value, the refusal in its place,
// and whether the first answer came. Only the answer to the latest request
// counts: a slow earlier answer (an older filter, date or person) is dropped.

import { toFailure, type ApiFailure } from "../api";

type Options = {
  /**
   * "clear" (lists): a refusal empties the value, since rows for other
   * inputs would mislead. "keep" (a page): the page stays, the refusal is
   * shown above it (a date out of range leaves the person's page readable).
   */
  onError?: "clear" | "keep";
};

export class Resource<T> {
  value = $state() as T;
  error = $state<ApiFailure | null>(null);
  /** False until the first answer (or refusal) arrived. */
  loaded = $state(false);
  #seq = 0;
  #empty: T;
  #keep: boolean;

  constructor(empty: T, options: Options = {}) {
    this.#empty = empty;
    this.value = empty;
    this.#keep = options.onError === "keep";
  }

  /**
   * Show what `fetch` answers unless a later call came in meanwhile; `null`
   * empties the value without asking. True when this answer is now shown.
   */
  async load(fetch: (() => Promise<T>) | null): Promise<boolean> {
    const mine = ++this.#seq;
    if (fetch === null) {
      this.value = this.#empty;
      this.error = null;
      this.loaded = true;
      return false;
    }
    try {
      const result = await fetch();
      if (mine !== this.#seq) return false;
      this.value = result;
      this.error = null;
      return true;
    } catch (e) {
      if (mine !== this.#seq) return false;
      if (!this.#keep) this.value = this.#empty;
      this.error = toFailure(e);
      return false;
    } finally {
      if (mine === this.#seq) this.loaded = true;
    }
  }
}
