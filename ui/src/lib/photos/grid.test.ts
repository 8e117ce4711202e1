import { describe, expect, it } from "vitest";
import type { PhotoSummary } from "../api";
import {
  cellBadges,
  columnsFor,
  DEFAULT_COLUMNS,
  groupDigits,
  isFiltered,
  namesLine,
  itemsIn,
  moveIndex,
  pagesFor,
  photoFilter,
  rowCount,
  scrollToShow,
  visibleRows,
} from "./grid";

const view = (scrollTop: number, rows: number, viewport = 600) => visibleRows({ scrollTop, viewport, rowHeight: 200, rows, overscan: 2 });

describe("columnsFor", () => {
  it("fits as many minimum-width cells as the width allows, at least one", () => {
    expect(columnsFor(1000)).toBe(5); // (1000 + 10) / 180
    expect(columnsFor(1069)).toBe(5);
    expect(columnsFor(1070)).toBe(6);
    expect(columnsFor(120)).toBe(1);
  });

  it("falls back to the default when the window reports no size", () => {
    expect(columnsFor(0)).toBe(DEFAULT_COLUMNS);
    expect(columnsFor(-20)).toBe(DEFAULT_COLUMNS);
    expect(columnsFor(Number.NaN)).toBe(DEFAULT_COLUMNS);
  });
});

describe("rowCount", () => {
  it("counts a partial last row", () => {
    expect(rowCount(0, 5)).toBe(0);
    expect(rowCount(1, 5)).toBe(1);
    expect(rowCount(10, 5)).toBe(2);
    expect(rowCount(11, 5)).toBe(3);
    expect(rowCount(10_000, 6)).toBe(1667);
  });
});

describe("visibleRows", () => {
  it("draws nothing for an empty library", () => {
    expect(view(0, 0)).toEqual({ first: 0, last: 0 });
    expect(view(5000, 0)).toEqual({ first: 0, last: 0 });
  });

  it("draws the rows in view plus the overscan below at the top", () => {
    expect(view(0, 2000)).toEqual({ first: 0, last: 5 });
  });

  it("adds overscan on both sides in the middle, also for a row cut in half", () => {
    expect(view(20_000, 2000)).toEqual({ first: 98, last: 105 });
    expect(view(20_100, 2000)).toEqual({ first: 98, last: 106 });
  });

  it("stops at the last (partial) row", () => {
    // 10 001 photos in 5 columns: 2 001 rows, the last one holding one photo.
    const rows = rowCount(10_001, 5);
    expect(view(rows * 200 - 600, rows)).toEqual({ first: rows - 5, last: rows });
    expect(itemsIn(view(rows * 200 - 600, rows), 5, 10_001)).toEqual({ start: 9_980, end: 10_001 });
  });

  it("still shows the end when the scroll position is past it (the list got shorter)", () => {
    expect(view(1_000_000, 3)).toEqual({ first: 0, last: 3 });
    expect(view(1_000_000, 100)).toEqual({ first: 97, last: 100 });
  });

  it("uses a default viewport when the height is unknown, and ignores a negative scroll", () => {
    expect(view(-50, 2000, 0)).toEqual({ first: 0, last: 5 });
  });

  it("stays small for huge libraries", () => {
    const rows = rowCount(100_000, 5);
    expect(rows).toBe(20_000);
    const r = view(2_000_000, rows);
    expect(r).toEqual({ first: 9_998, last: 10_005 });
    const { start, end } = itemsIn(r, 5, 100_000);
    expect({ start, end }).toEqual({ start: 49_990, end: 50_025 });
    expect(pagesFor(start, end)).toEqual([249, 250]);
  });
});

describe("itemsIn and pagesFor", () => {
  it("maps rows to photo indexes, cut at the total", () => {
    expect(itemsIn({ first: 0, last: 5 }, 5, 10_000)).toEqual({ start: 0, end: 25 });
    expect(itemsIn({ first: 0, last: 5 }, 5, 12)).toEqual({ start: 0, end: 12 });
    expect(itemsIn({ first: 0, last: 0 }, 5, 0)).toEqual({ start: 0, end: 0 });
  });

  it("names each page of 200 a range touches, once", () => {
    expect(pagesFor(0, 0)).toEqual([]);
    expect(pagesFor(0, 25)).toEqual([0]);
    expect(pagesFor(0, 200)).toEqual([0]);
    expect(pagesFor(0, 201)).toEqual([0, 1]);
    expect(pagesFor(190, 235)).toEqual([0, 1]);
    expect(pagesFor(490, 530)).toEqual([2]);
    expect(pagesFor(9_990, 10_000)).toEqual([49]);
    expect(pagesFor(0, 1000, 1000)).toEqual([0]);
  });
});

describe("photoFilter", () => {
  it("sends empty fields as no filter", () => {
    expect(photoFilter({ group: "", from: "", to: " ", unchecked: false, untagged: false, person: null })).toEqual({
      group: null, from: null, to: null, unchecked: false, untagged: false, person: null,
    });
    expect(photoFilter({ group: "Groep 5", from: "2026-01-01", to: "2026-06-30", unchecked: true, untagged: true, person: { id: 7, name: "Noor Jansen" } })).toEqual({
      group: "Groep 5", from: "2026-01-01", to: "2026-06-30", unchecked: true, untagged: true, person: 7,
    });
  });

  it("knows when a filter narrows the list", () => {
    const none = { group: "", from: "", to: "", unchecked: false, untagged: false, person: null };
    expect(isFiltered(none)).toBe(false);
    expect(isFiltered({ ...none, to: "2026-01-01" })).toBe(true);
    expect(isFiltered({ ...none, untagged: true })).toBe(true);
    expect(isFiltered({ ...none, person: { id: 7, name: "Noor Jansen" } })).toBe(true);
  });
});

describe("namesLine", () => {
  const more = (n: number) => `en ${n} meer`;
  it("names up to the maximum, then counts the rest", () => {
    expect(namesLine([], 2, more)).toBe("");
    expect(namesLine(["Anna"], 2, more)).toBe("Anna");
    expect(namesLine(["Anna", "Bram"], 2, more)).toBe("Anna, Bram");
    expect(namesLine(["Anna", "Bram", "Cas", "Daan"], 2, more)).toBe("Anna, Bram en 2 meer");
  });
});

describe("cellBadges", () => {
  const photo = (over: Partial<PhotoSummary>): PhotoSummary => ({ id: 1, hash: "a", name: "a.jpg", date: "2026-01-01", photo_type: "group", posed: false, tags: 3, unknown_boxes: 0, faces: 0, scanned: true, unchecked: false, people: [], published: [], ...over });

  it("shows 'not checked' exactly where the backend says so", () => {
    expect(cellBadges(photo({})).unchecked).toBe(false);
    expect(cellBadges(photo({ unchecked: true })).unchecked).toBe(true);
    // The window does not work it out from the type or the tags itself.
    expect(cellBadges(photo({ photo_type: null, tags: 0 })).unchecked).toBe(false);
  });

  it("counts named people apart from unknown boxes", () => {
    expect(cellBadges(photo({ tags: 3, unknown_boxes: 1 }))).toEqual({ unchecked: false, unknown: 1, people: 2, faces: 0, scanning: false, online: false });
    expect(cellBadges(photo({ tags: 2, unknown_boxes: 2 }))).toEqual({ unchecked: false, unknown: 2, people: 0, faces: 0, scanning: false, online: false });
    expect(cellBadges(photo({ tags: 1, faces: 4, unchecked: true }))).toMatchObject({ unchecked: true, faces: 4, scanning: false });
    expect(cellBadges(photo({ scanned: false }))).toMatchObject({ scanning: true, faces: 0 });
    expect(cellBadges(photo({ published: ["website"] })).online).toBe(true);
  });
});

describe("moveIndex", () => {
  it("moves by one and by a row", () => {
    expect(moveIndex(7, "ArrowRight", 5, 100, 3)).toBe(8);
    expect(moveIndex(7, "ArrowLeft", 5, 100, 3)).toBe(6);
    expect(moveIndex(7, "ArrowDown", 5, 100, 3)).toBe(12);
    expect(moveIndex(7, "ArrowUp", 5, 100, 3)).toBe(2);
    expect(moveIndex(7, "PageDown", 5, 100, 3)).toBe(22);
    expect(moveIndex(7, "Home", 5, 100, 3)).toBe(0);
    expect(moveIndex(7, "End", 5, 100, 3)).toBe(99);
  });

  it("stays within the photos", () => {
    expect(moveIndex(0, "ArrowLeft", 5, 100, 3)).toBeNull();
    expect(moveIndex(99, "ArrowRight", 5, 100, 3)).toBeNull();
    expect(moveIndex(2, "ArrowUp", 5, 100, 3)).toBe(0);
    expect(moveIndex(2, "PageUp", 5, 100, 3)).toBe(0);
    // Row above a partial last row (photos 100 and 101 of 102): down lands on the last photo.
    expect(moveIndex(98, "ArrowDown", 5, 102, 3)).toBe(101);
    expect(moveIndex(101, "ArrowDown", 5, 102, 3)).toBeNull();
    expect(moveIndex(0, "ArrowDown", 5, 0, 3)).toBeNull();
    expect(moveIndex(3, "Enter", 5, 100, 3)).toBeNull();
  });
});

describe("scrollToShow", () => {
  it("scrolls only as far as needed to show a row whole", () => {
    expect(scrollToShow(2, 200, 0, 600)).toBe(0);
    expect(scrollToShow(3, 200, 0, 600)).toBe(200);
    expect(scrollToShow(1, 200, 1000, 600)).toBe(200);
    expect(scrollToShow(6, 200, 1000, 600)).toBe(1000);
  });
});

describe("groupDigits", () => {
  it("groups thousands", () => {
    expect(groupDigits(0, " ")).toBe("0");
    expect(groupDigits(999, " ")).toBe("999");
    expect(groupDigits(1234, " ")).toBe("1 234");
    expect(groupDigits(100_000, ",")).toBe("100,000");
    expect(groupDigits(1_234_567, ".")).toBe("1.234.567");
  });
});
