import { describe, expect, it } from "vitest";
import { deferred } from "../../test/ipc";
import { ApiFailure, type PhotoPage, type PhotoSummary } from "../api";
import { forgetLibraryView, libraryView, PhotoPages } from "./gridPages.svelte";

const photo = (i: number): PhotoSummary => ({ id: 100_000 - i, hash: `h${i}`, name: `IMG_${i}.jpg`, date: "2026-01-01", photo_type: null, posed: false, tags: 0, unknown_boxes: 0, faces: 0, scanned: true, unchecked: true, people: [], published: [] });
const page = (total: number, offset: number, limit: number): PhotoPage => ({
  total,
  photos: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => photo(offset + k)),
});
const flush = () => new Promise((r) => setTimeout(r, 0));

/** A fetch that answers when the test says so, and records every request. */
function controlled() {
  const asked: number[] = [];
  const pending = new Map<number, ReturnType<typeof deferred<PhotoPage>>>();
  const fetch = (offset: number) => {
    asked.push(offset);
    const d = deferred<PhotoPage>();
    pending.set(offset, d);
    return d.promise;
  };
  return { asked, pending, fetch };
}

describe("PhotoPages", () => {
  it("fetches the first page on reset, then each needed page once", async () => {
    const f = controlled();
    const pages = new PhotoPages();
    pages.reset(f.fetch);
    expect(f.asked).toEqual([0]);
    pages.ensure([0, 1]);
    pages.ensure([1]);
    expect(f.asked).toEqual([0, 200]);

    f.pending.get(0)!.resolve(page(10_000, 0, 200));
    f.pending.get(200)!.resolve(page(10_000, 200, 200));
    await flush();
    expect(pages.total).toBe(10_000);
    expect(pages.item(0)?.name).toBe("IMG_0.jpg");
    expect(pages.item(399)?.name).toBe("IMG_399.jpg");
    expect(pages.item(400)).toBeUndefined();

    pages.ensure([0, 1]);
    expect(f.asked).toEqual([0, 200]);
  });

  it("asks for no page past the end", async () => {
    const pages = new PhotoPages();
    const asked: number[] = [];
    pages.reset(async (offset, limit) => (asked.push(offset), page(250, offset, limit)));
    await flush();
    pages.ensure([1, 2, 3]);
    await flush();
    expect(asked).toEqual([0, 200]);
    expect(pages.item(249)?.name).toBe("IMG_249.jpg");
  });

  it("drops answers from before a reset, and starts over", async () => {
    const old = controlled();
    const pages = new PhotoPages();
    pages.reset(old.fetch);
    pages.ensure([3]);
    const fresh = controlled();
    pages.reset(fresh.fetch);
    expect(pages.generation).toBe(2);

    fresh.pending.get(0)!.resolve({ total: 1, photos: [photo(7)] });
    await flush();
    old.pending.get(0)!.resolve(page(10_000, 0, 200));
    old.pending.get(600)!.resolve(page(10_000, 600, 200));
    await flush();
    expect(pages.total).toBe(1);
    expect(pages.item(0)?.name).toBe("IMG_7.jpg");
    expect(pages.has(3)).toBe(false);
    // The old request for page 3 does not block a new one.
    pages.ensure([3]);
    expect(fresh.asked).toEqual([0]);
  });

  it("keeps the failure and asks again for a failed page later", async () => {
    const pages = new PhotoPages();
    let calls = 0;
    pages.reset(async () => {
      calls++;
      throw new ApiFailure("auth.required", "Meld u opnieuw aan.");
    });
    await flush();
    expect(pages.error?.message).toBe("Meld u opnieuw aan.");
    expect(pages.total).toBeNull();
    pages.ensure([0]);
    await flush();
    expect(calls).toBe(2);
  });

  it("does nothing before the first reset", () => {
    const pages = new PhotoPages();
    pages.ensure([0]);
    expect(pages.total).toBeNull();
    expect(pages.item(0)).toBeUndefined();
  });
});

describe("libraryView", () => {
  it("is forgotten back to an unfiltered library at the top", () => {
    Object.assign(libraryView, { group: "Groep 5", untagged: true, person: { id: 7, name: "Lotte van Dijk" }, scrollTop: 4000 });
    forgetLibraryView();
    expect(libraryView).toEqual({ group: "", from: "", to: "", unchecked: false, untagged: false, person: null, scrollTop: 0 });
  });
});
