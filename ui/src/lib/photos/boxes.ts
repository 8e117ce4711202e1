// Geometry of the tagging screen: boxes are stored in pixels of the photo as
// shown (after the camera's orientation); the screen shows a scaled copy.

import type { BoxInput, PhotoBox } from "../api";

export type Point = { x: number; y: number };
/** Where the picture sits on screen (getBoundingClientRect of the <img>). */
export type Rect = { left: number; top: number; width: number; height: number };

/** A drag shorter than this (screen pixels) is a click, not a box. */
export const MIN_DRAG = 8;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The box between two screen points, in photo pixels, clamped to the photo.
 * `null` when the drag was too small to mean a box or the picture has no size.
 */
export function dragToBox(a: Point, b: Point, shown: Rect, photo: { width: number; height: number }): BoxInput | null {
  if (shown.width <= 0 || shown.height <= 0 || photo.width <= 0 || photo.height <= 0) return null;
  if (Math.abs(a.x - b.x) < MIN_DRAG || Math.abs(a.y - b.y) < MIN_DRAG) return null;
  const sx = photo.width / shown.width;
  const sy = photo.height / shown.height;
  const x1 = clamp(Math.round((Math.min(a.x, b.x) - shown.left) * sx), 0, photo.width);
  const y1 = clamp(Math.round((Math.min(a.y, b.y) - shown.top) * sy), 0, photo.height);
  const x2 = clamp(Math.round((Math.max(a.x, b.x) - shown.left) * sx), 0, photo.width);
  const y2 = clamp(Math.round((Math.max(a.y, b.y) - shown.top) * sy), 0, photo.height);
  if (x2 - x1 < 1 || y2 - y1 < 1) return null;
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/** A stored box as CSS percentages of the shown picture, so it scales with the window. */
export function boxStyle(b: PhotoBox | BoxInput, photo: { width: number; height: number }): string {
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(3)}%`;
  return `left:${pct(b.x, photo.width)};top:${pct(b.y, photo.height)};width:${pct(b.w, photo.width)};height:${pct(b.h, photo.height)}`;
}
