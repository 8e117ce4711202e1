// The record grid's shortcuts: tick or untick a whole row, column or form at
// once. They only change the boxes on screen; nothing counts until the user
// saves, and the backend decides what the answers mean.

/** A group of boxes as a toggle button shows it: all ticked, none, or some. */
export type Pressed = "true" | "false" | "mixed";

export function pressedOf(items: readonly string[], ticked: Readonly<Record<string, boolean>>): Pressed {
  const on = items.filter((i) => ticked[i] === true).length;
  return on === 0 ? "false" : on === items.length ? "true" : "mixed";
}

/** `items` all ticked (yes) or all unticked; the other boxes as they were. */
export function withAll(ticked: Readonly<Record<string, boolean>>, items: readonly string[], yes: boolean): Record<string, boolean> {
  const out = { ...ticked };
  for (const i of items) out[i] = yes;
  return out;
}

/** A row or column's toggle: all ticked becomes all unticked, anything else all ticked. */
export function toggled(ticked: Readonly<Record<string, boolean>>, items: readonly string[]): Record<string, boolean> {
  return withAll(ticked, items, pressedOf(items, ticked) !== "true");
}
