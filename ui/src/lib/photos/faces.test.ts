import { describe, expect, it } from "vitest";
import type { Face } from "../api";
import { faceAt } from "../../test/fixtures";
import { nextOpenFace } from "./faces";

const face = (n: number, state: Face["state"]): Face => faceAt(n, state);

describe("moving through faces", () => {
  const faces = [face(1, "named"), face(2, "suggested"), face(3, "dismissed"), face(4, "suggested")];
  it("goes to the next face nobody reviewed, wrapping round", () => {
    expect(nextOpenFace(faces, 1)).toBe(2);
    expect(nextOpenFace(faces, 2)).toBe(4);
    expect(nextOpenFace(faces, 4)).toBe(2);
    expect(nextOpenFace(faces, 0)).toBe(2);
  });
  it("stops when every face is reviewed", () => {
    expect(nextOpenFace([face(1, "named"), face(2, "unknown")], 1)).toBeNull();
    expect(nextOpenFace([], 0)).toBeNull();
  });
});
