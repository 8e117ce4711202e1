// A list that reloads whenever its inputs change: only the answer to the
// latest request is shown, and an error takes the list's place (rows of other
// inputs would mislead).

import { toFailure, type ApiFailure } from "../api";

export class LatestList<T> {
  rows = $state<T[]>([]);
  error = $state<ApiFailure | null>(null);
  /** False until the first answer (or refusal) arrived. */
  loaded = $state(false);
  #seq = 0;

  /**
   * Show `fetch`'s rows unless a later call came in meanwhile; `null` clears
   * the list without asking. True when these rows are the ones now shown.
   */
  async load(fetch: (() => Promise<T[]>) | null): Promise<boolean> {
    const mine = ++this.#seq;
    if (fetch === null) {
      this.rows = [];
      this.error = null;
      this.loaded = true;
      return false;
    }
    try {
      const result = await fetch();
      if (mine !== this.#seq) return false;
      this.rows = result;
      this.error = null;
      return true;
    } catch (e) {
      if (mine !== this.#seq) return false;
      this.rows = [];
      this.error = toFailure(e);
      return false;
    } finally {
      if (mine === this.#seq) this.loaded = true;
    }
  }
}
