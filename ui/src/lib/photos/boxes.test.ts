import { describe, expect, it } from "vitest";
import { boxStyle, dragToBox } from "./boxes";

// A 4000×3000 photo shown at 800×600, 100 px from the left and 50 from the top.
const shown = { left: 100, top: 50, width: 800, height: 600 };
const photo = { width: 4000, height: 3000 };

describe("dragToBox", () => {
  it("turns a drag on the shown picture into photo pixels", () => {
    expect(dragToBox({ x: 200, y: 150 }, { x: 300, y: 250 }, shown, photo)).toEqual({ x: 500, y: 500, w: 500, h: 500 });
  });

  it("takes a drag in any direction", () => {
    expect(dragToBox({ x: 300, y: 250 }, { x: 200, y: 150 }, shown, photo)).toEqual({ x: 500, y: 500, w: 500, h: 500 });
  });

  it("clamps a drag that leaves the picture to its edges", () => {
    expect(dragToBox({ x: 700, y: 500 }, { x: 1200, y: 900 }, shown, photo)).toEqual({ x: 3000, y: 2250, w: 1000, h: 750 });
    expect(dragToBox({ x: 0, y: 0 }, { x: 150, y: 100 }, shown, photo)).toEqual({ x: 0, y: 0, w: 250, h: 250 });
  });

  it("treats a tiny drag as a click, not a box", () => {
    expect(dragToBox({ x: 200, y: 150 }, { x: 205, y: 300 }, shown, photo)).toBeNull();
    expect(dragToBox({ x: 200, y: 150 }, { x: 400, y: 154 }, shown, photo)).toBeNull();
  });

  it("gives nothing for a drag wholly outside the picture", () => {
    expect(dragToBox({ x: 950, y: 100 }, { x: 1100, y: 300 }, shown, photo)).toBeNull();
  });

  it("gives nothing while the picture has no size yet", () => {
    expect(dragToBox({ x: 0, y: 0 }, { x: 100, y: 100 }, { left: 0, top: 0, width: 0, height: 0 }, photo)).toBeNull();
  });
});

describe("boxStyle", () => {
  it("places a box in percentages, so it follows the picture's size", () => {
    expect(boxStyle({ x: 1000, y: 750, w: 2000, h: 1500 }, photo)).toBe("left:25.000%;top:25.000%;width:50.000%;height:50.000%");
  });
});
