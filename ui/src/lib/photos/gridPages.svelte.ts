// The library's photos, fetched a page of 200 at a time as rows come into
// view. Each page is asked for once; a reset (other filter, finished import)
// forgets everything, and answers to a request from before it are dropped.

import { toFailure, type ApiFailure, type PhotoPage, type PhotoSummary } from "../api";
import { PAGE_SIZE, type FilterFields, type PersonChoice } from "./grid";

/** Fetches the photos from `offset`, at most `limit` of them. */
export type FetchPage = (offset: number, limit: number) => Promise<PhotoPage>;

export class PhotoPages {
  /** How many photos match; null until the first answer after a reset. */
  total = $state<number | null>(null);
  error = $state<ApiFailure | null>(null);
  /** Goes up on every reset, so the grid can scroll back to the top. */
  generation = $state(0);
  // Replaced as a whole (not deeply reactive): 10 000 photos need no proxies.
  #pages = $state.raw<Record<number, PhotoSummary[]>>({});
  #inFlight = new Set<number>();
  #fetch: FetchPage | null = null;
  #pageSize: number;

  constructor(pageSize = PAGE_SIZE) {
    this.#pageSize = pageSize;
  }

  /** Start over with a new source; fetches the first page at once. */
  reset(fetch: FetchPage): void {
    this.generation++;
    this.#fetch = fetch;
    this.#inFlight = new Set();
    this.#pages = {};
    this.total = null;
    this.error = null;
    this.ensure([0]);
  }

  /** Fetch the pages not cached and not already on their way. */
  ensure(pages: number[]): void {
    const fetch = this.#fetch;
    if (!fetch) return;
    for (const p of pages) {
      if (p < 0 || p in this.#pages || this.#inFlight.has(p)) continue;
      if (this.total !== null && p * this.#pageSize >= this.total) continue;
      this.#inFlight.add(p);
      void this.#load(fetch, p, this.generation, this.#inFlight);
    }
  }

  async #load(fetch: FetchPage, page: number, generation: number, inFlight: Set<number>): Promise<void> {
    try {
      const answer = await fetch(page * this.#pageSize, this.#pageSize);
      if (generation !== this.generation) return;
      this.#pages = { ...this.#pages, [page]: answer.photos };
      this.total = answer.total;
      this.error = null;
    } catch (e) {
      if (generation === this.generation) this.error = toFailure(e);
    } finally {
      // A failed page may be asked for again when it comes back into view.
      inFlight.delete(page);
    }
  }

  /** The photo at `index`, or undefined while its page is loading. */
  item(index: number): PhotoSummary | undefined {
    return this.#pages[Math.floor(index / this.#pageSize)]?.[index % this.#pageSize];
  }

  /** Whether a page is cached (for tests and the loading state). */
  has(page: number): boolean {
    return page in this.#pages;
  }
}

/**
 * Where the user was in the library, kept while the window is open: after
 * tagging photo 3 000 they come back to photo 3 000, with the same filters.
 */
export const libraryView: FilterFields & { scrollTop: number } = {
  group: "",
  from: "",
  to: "",
  unchecked: false,
  untagged: false,
  person: null,
  scrollTop: 0,
};

/** The library showing every photo of one person (from the person page). */
export function showPersonInLibrary(person: PersonChoice): void {
  Object.assign(libraryView, { group: "", from: "", to: "", unchecked: false, untagged: false, person, scrollTop: 0 });
}

/** Back to an unfiltered library at the top (tests; a new login). */
export function forgetLibraryView(): void {
  Object.assign(libraryView, { group: "", from: "", to: "", unchecked: false, untagged: false, person: null, scrollTop: 0 });
}
