// The arithmetic of the photo library's grid. With 10 000 photos only the rows
// in view are drawn and only the pages of 200 they need are fetched; this file
// works out which, without a window, so it can be tested on its own.

import type { PhotoFilter, PhotoSummary } from "../api";
import type { RowRange } from "../util/virtual";

// Which rows of a fixed-height list are drawn is shared with the people list.
export { DEFAULT_VIEWPORT, scrollToShow, visibleRows, type RowRange, type Viewport } from "../util/virtual";

/** Photos per request; the backend's default page size. */
export const PAGE_SIZE = 200;
/** A cell is at least this wide; the columns share what is left over. */
export const CELL_MIN_WIDTH = 170;
export const CELL_GAP = 10;
/** Every row has the same height (cell + gap), so a row's place is row × height. */
export const ROW_HEIGHT = 200;
/** Rows drawn above and below the view, so a quick scroll or Tab lands on a drawn cell. */
export const OVERSCAN = 2;
/** Used when the window reports no width (jsdom, or before the first layout). */
export const DEFAULT_COLUMNS = 5;

/** How many cells fit next to each other in `width` pixels; at least one. */
export function columnsFor(width: number, minCell = CELL_MIN_WIDTH, gap = CELL_GAP): number {
  if (!(width > 0)) return DEFAULT_COLUMNS;
  return Math.max(1, Math.floor((width + gap) / (minCell + gap)));
}

/** Rows needed for `total` photos, the last one possibly partial. */
export function rowCount(total: number, columns: number): number {
  if (total <= 0 || columns <= 0) return 0;
  return Math.ceil(total / columns);
}

/** The photo indexes (start inclusive, end exclusive) shown by a range of rows. */
export function itemsIn(range: RowRange, columns: number, total: number): { start: number; end: number } {
  const start = Math.min(total, range.first * columns);
  return { start, end: Math.max(start, Math.min(total, range.last * columns)) };
}

/** The page indexes that hold photos `start` up to (not including) `end`. */
export function pagesFor(start: number, end: number, pageSize = PAGE_SIZE): number[] {
  if (end <= start || pageSize <= 0) return [];
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / pageSize); p <= Math.floor((end - 1) / pageSize); p++) out.push(p);
  return out;
}

/** A person the library is narrowed to, with the name the filter shows. */
export type PersonChoice = { id: number; name: string };

export type FilterFields = { group: string; from: string; to: string; unchecked: boolean; untagged: boolean; person: PersonChoice | null };

/** The filter sent to `photos`, without its page: empty fields mean "no filter". */
export function photoFilter(f: FilterFields): Omit<PhotoFilter, "offset" | "limit"> {
  const orNull = (s: string) => (s.trim() === "" ? null : s.trim());
  return { group: orNull(f.group), from: orNull(f.from), to: orNull(f.to), unchecked: f.unchecked, untagged: f.untagged, person: f.person?.id ?? null };
}

/** True when any filter narrows the list (so "no photos" means "none match"). */
export function isFiltered(f: FilterFields): boolean {
  const base = photoFilter(f);
  return base.group !== null || base.from !== null || base.to !== null || f.unchecked || f.untagged || base.person !== null;
}

/** A cell's line of names: the first `max`, then how many more (`more(n)` words it). */
export function namesLine(names: string[], max: number, more: (n: number) => string): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} ${more(names.length - max)}`;
}

/**
 * What a cell marks: the same rule as the backend's "unchecked" filter,
 * unknown boxes, people named, faces nobody reviewed yet, and whether the
 * photo still waits for the face scan.
 */
export function cellBadges(p: PhotoSummary): { unchecked: boolean; unknown: number; people: number; faces: number; scanning: boolean; online: boolean } {
  return {
    unchecked: p.unchecked,
    unknown: p.unknown_boxes,
    people: Math.max(0, p.tags - p.unknown_boxes),
    faces: p.faces,
    scanning: !p.scanned,
    online: p.published.length > 0,
  };
}

/** The cell to focus after an arrow, Home, End, PageUp or PageDown key; null when it does not move. */
export function moveIndex(index: number, key: string, columns: number, total: number, rowsPerView: number): number | null {
  if (total <= 0) return null;
  const page = columns * Math.max(1, rowsPerView);
  const steps: Record<string, number> = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + columns,
    ArrowUp: index - columns,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: total - 1,
  };
  if (!(key in steps)) return null;
  let next = steps[key];
  // Down from the row above a partial last row goes to the last photo, not nowhere.
  if (next > total - 1) next = key === "ArrowRight" ? index : total - 1;
  if (next < 0) next = key === "ArrowLeft" ? index : 0;
  return next === index ? null : next;
}

/** 10000 → "10 000" (with `sep` between groups of three). */
export function groupDigits(n: number, sep: string): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return n < 0 ? `-${grouped}` : grouped;
}
