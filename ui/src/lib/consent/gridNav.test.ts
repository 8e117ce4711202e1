import { describe, expect, it } from "vitest";
import { gridMove, moveOf, type Stop } from "./gridNav";

// The record grid of a form with School paper (one purpose) and Social media
// (two): channel toggles in row -2, purpose toggles only under Social media,
// row toggles in column -1, and one empty cell (individual × social/activities).
//
//            | paper         | social                |
//            |               | activities | promo    |
//   class    | c0            | c1         | c2       |
//   indiv.   | i0            |   (empty)  | i2       |
const stops: Stop[] = [
  { id: "ch:paper", r: -2, c0: 0, c1: 0 },
  { id: "ch:social", r: -2, c0: 1, c1: 2 },
  { id: "col:social/activities", r: -1, c0: 1, c1: 1 },
  { id: "col:social/promotion", r: -1, c0: 2, c1: 2 },
  { id: "row:class", r: 0, c0: -1, c1: -1 },
  { id: "c0", r: 0, c0: 0, c1: 0 },
  { id: "c1", r: 0, c0: 1, c1: 1 },
  { id: "c2", r: 0, c0: 2, c1: 2 },
  { id: "row:individual", r: 1, c0: -1, c1: -1 },
  { id: "i0", r: 1, c0: 0, c1: 0 },
  { id: "i2", r: 1, c0: 2, c1: 2 },
];
const move = (from: string, m: Parameters<typeof gridMove>[2]) => gridMove(stops, from, m);

describe("moving in an item grid", () => {
  it("reads the arrow keys, Home and End, with Ctrl for the grid's ends", () => {
    expect(moveOf({ key: "ArrowLeft" })).toBe("left");
    expect(moveOf({ key: "ArrowDown" })).toBe("down");
    expect(moveOf({ key: "Home" })).toBe("rowStart");
    expect(moveOf({ key: "End", ctrlKey: true })).toBe("last");
    expect(moveOf({ key: "Home", metaKey: true })).toBe("first");
    // Shift and Alt stay the browser's (selection, history); other keys are not moves.
    expect(moveOf({ key: "ArrowDown", shiftKey: true })).toBeNull();
    expect(moveOf({ key: "ArrowLeft", altKey: true })).toBeNull();
    expect(moveOf({ key: "ArrowUp", ctrlKey: true })).toBeNull();
    expect(moveOf({ key: " " })).toBeNull();
  });

  it("moves along a row, onto the row heading, and stops at the ends", () => {
    expect(move("c0", "right")).toBe("c1");
    expect(move("c2", "right")).toBeNull();
    expect(move("c0", "left")).toBe("row:class");
    expect(move("row:class", "left")).toBeNull();
    // Past the empty cell.
    expect(move("i0", "right")).toBe("i2");
    expect(move("i2", "left")).toBe("i0");
    expect(move("c1", "rowStart")).toBe("row:class");
    expect(move("c1", "rowEnd")).toBe("c2");
    expect(move("c2", "rowEnd")).toBeNull();
  });

  it("moves up and down over empty cells and into the headings", () => {
    expect(move("c0", "down")).toBe("i0");
    expect(move("c1", "down")).toBeNull();
    expect(move("c2", "down")).toBe("i2");
    expect(move("i2", "up")).toBe("c2");
    expect(move("c1", "up")).toBe("col:social/activities");
    // No purpose toggle under a single-purpose channel: up goes to the channel's.
    expect(move("c0", "up")).toBe("ch:paper");
    expect(move("col:social/promotion", "up")).toBe("ch:social");
    // A wide heading lands on its first column below.
    expect(move("ch:social", "down")).toBe("col:social/activities");
    expect(move("ch:paper", "down")).toBe("c0");
    expect(move("row:class", "down")).toBe("row:individual");
    expect(move("row:class", "up")).toBeNull();
  });

  it("jumps to the first and last stop, and starts somewhere sensible from an unknown one", () => {
    expect(move("i0", "first")).toBe("ch:paper");
    expect(move("c0", "last")).toBe("i2");
    expect(move("i2", "last")).toBeNull();
    expect(move("gone", "right")).toBe("ch:paper");
    expect(gridMove([], "gone", "down")).toBeNull();
  });
});
