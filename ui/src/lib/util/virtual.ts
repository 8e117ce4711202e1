// The arithmetic of a virtual list: rows of one fixed height in a scroll
// container, of which only those in view (plus a few) are drawn. The photo
// grid and the people list share it; it needs no window, so it is tested on
// its own (lib/photos/grid.test.ts).

/** Used when the window reports no size (jsdom, or before the first layout). */
export const DEFAULT_VIEWPORT = 600;

/** Rows `first` up to (not including) `last`. */
export type RowRange = { first: number; last: number };

export type Viewport = {
  scrollTop: number;
  /** Visible height of the scroll container; 0 or less means unknown. */
  viewport: number;
  rowHeight: number;
  rows: number;
  overscan: number;
};

/** The rows to draw: those in view plus `overscan` on either side, never past the ends. */
export function visibleRows(v: Viewport): RowRange {
  if (v.rows <= 0 || v.rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, v.scrollTop);
  const height = v.viewport > 0 ? v.viewport : DEFAULT_VIEWPORT;
  // A scroll position past the end (the list just got shorter) still shows the last row.
  const firstInView = Math.min(v.rows - 1, Math.floor(top / v.rowHeight));
  const lastInView = Math.max(firstInView + 1, Math.min(v.rows, Math.ceil((top + height) / v.rowHeight)));
  const overscan = Math.max(0, v.overscan);
  return { first: Math.max(0, firstInView - overscan), last: Math.min(v.rows, lastInView + overscan) };
}

/** The scroll position that shows `row` whole, moving as little as possible. */
export function scrollToShow(row: number, rowHeight: number, scrollTop: number, viewport: number): number {
  const top = row * rowHeight;
  const height = viewport > 0 ? viewport : DEFAULT_VIEWPORT;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return Math.max(0, top + rowHeight - height);
  return scrollTop;
}

/**
 * Call `measure` now and whenever `el` changes size; returns the clean-up
 * for an `$effect`. jsdom has no ResizeObserver: there it measures once.
 */
export function followSize(el: HTMLElement, measure: () => void): (() => void) | undefined {
  measure();
  if (typeof ResizeObserver === "undefined") return undefined;
  const observer = new ResizeObserver(measure);
  observer.observe(el);
  return () => observer.disconnect();
}
