// Arrow keys in an item grid (the consent grid on a person's page, the record
// grid): the grid is one Tab stop and the arrows move between its stops, as
// in a spreadsheet (a "roving tabindex"). A stop is a cell or header that
// holds a control; it sits in a row `r` (headers above the body: -2 the
// channel row, -1 the purpose row) and spans columns `c0`..`c1` (a row
// header is column -1). Empty cells hold no stop and are passed over.

export type Stop = { id: string; r: number; c0: number; c1: number };
export type Move = "left" | "right" | "up" | "down" | "rowStart" | "rowEnd" | "first" | "last";

/** The move a key asks for; null for any other key (or one with Alt/Shift, left to the browser). */
export function moveOf(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean }): Move | null {
  if (e.altKey || e.shiftKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case "ArrowLeft":
      return ctrl ? null : "left";
    case "ArrowRight":
      return ctrl ? null : "right";
    case "ArrowUp":
      return ctrl ? null : "up";
    case "ArrowDown":
      return ctrl ? null : "down";
    case "Home":
      return ctrl ? "first" : "rowStart";
    case "End":
      return ctrl ? "last" : "rowEnd";
    default:
      return null;
  }
}

const byPlace = (a: Stop, b: Stop) => a.r - b.r || a.c0 - b.c0;

/** The stop a move from `from` lands on; null when there is none that way (the focus stays). */
export function gridMove(stops: readonly Stop[], from: string, move: Move): string | null {
  const here = stops.find((s) => s.id === from);
  if (!here) return stops.length > 0 ? [...stops].sort(byPlace)[0].id : null;
  const sameRow = stops.filter((s) => s.r === here.r && s.id !== here.id);
  switch (move) {
    case "right":
      return pick(sameRow.filter((s) => s.c0 > here.c1), (a, b) => a.c0 - b.c0);
    case "left":
      return pick(sameRow.filter((s) => s.c1 < here.c0), (a, b) => b.c1 - a.c1);
    case "rowStart":
      return pick(sameRow.filter((s) => s.c0 < here.c0), (a, b) => a.c0 - b.c0);
    case "rowEnd":
      return pick(sameRow.filter((s) => s.c0 > here.c0), (a, b) => b.c0 - a.c0);
    case "first":
    case "last": {
      const sorted = [...stops].sort(byPlace);
      const end = move === "first" ? sorted[0] : sorted[sorted.length - 1];
      return end && end.id !== here.id ? end.id : null;
    }
    case "up":
    case "down":
      return vertical(stops, here, move === "down" ? 1 : -1);
  }
}

function pick(list: Stop[], order: (a: Stop, b: Stop) => number): string | null {
  return list.length > 0 ? [...list].sort(order)[0].id : null;
}

/** The nearest row that way with a stop over the same column(s); a wide header lands on its first column. */
function vertical(stops: readonly Stop[], here: Stop, dir: 1 | -1): string | null {
  const overlaps = (s: Stop) => s.c0 <= here.c1 && s.c1 >= here.c0;
  const rows = [...new Set(stops.filter((s) => (s.r - here.r) * dir > 0 && overlaps(s)).map((s) => s.r))].sort((a, b) => (a - b) * dir);
  if (rows.length === 0) return null;
  const candidates = stops.filter((s) => s.r === rows[0] && overlaps(s));
  // The stop under the current one's first column, else the leftmost that overlaps.
  const under = candidates.find((s) => s.c0 <= here.c0 && s.c1 >= here.c0);
  return (under ?? candidates.sort((a, b) => a.c0 - b.c0)[0]).id;
}
