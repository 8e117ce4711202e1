// Moving through the faces of a photo while reviewing them.

import type { Face } from "../api";

/** The next face nobody reviewed after number `after` (wrapping round); null when none is left. */
export function nextOpenFace(faces: Face[], after: number): number | null {
  const open = faces.filter((f) => f.state === "suggested").map((f) => f.face);
  if (open.length === 0) return null;
  return open.find((n) => n > after) ?? open[0];
}
