// How the window shows a verdict the backend decided. Each line carries its
// tag, whether the person is fine and whether the box is filled: nothing
// here decides consent.

import type { Face, Outcome, PersonLine, PhotoCheck, Tag } from "../api";

export type Tone = "ok" | "warn" | "bad";

export function outcomeTone(o: Outcome): Tone {
  return o === "allowed" ? "ok" : o === "anonymise" ? "warn" : "bad";
}

export type ShownLine = { tag: Tag | undefined; line: PersonLine };

/**
 * Each line of the verdict names the tag it is about. Faces nobody reviewed
 * are left out here: the panel shows them as one count (`unidentified_faces`).
 */
export function linesWithTags(check: PhotoCheck | null, tags: Tag[]): ShownLine[] {
  if (!check) return [];
  return check.verdict.people.filter((line) => line.face == null).map((line) => ({ tag: tags.find((t) => t.id === line.tag), line }));
}

/** Tag ids whose box the export fills, as the backend decided (`fill`). */
export function tagsToBlur(check: PhotoCheck | null): Set<number> {
  const out = new Set<number>();
  for (const line of check?.verdict.people ?? []) {
    if (line.fill && line.tag != null) out.add(line.tag);
  }
  return out;
}

/** Face numbers whose box the export fills (faces nobody reviewed), as the backend decided. */
export function facesToBlur(check: PhotoCheck | null): Set<number> {
  const out = new Set<number>();
  for (const line of check?.verdict.people ?? []) {
    if (line.fill && line.face != null) out.add(line.face);
  }
  return out;
}

/**
 * Does this verdict still belong to these tags and faces? (Changed since the
 * check → check again.) A face line belongs to a face nobody reviewed.
 */
export function checkMatches(check: PhotoCheck | null, tags: Tag[], faces: Face[]): boolean {
  if (!check) return false;
  const open = faces.filter((f) => f.state === "suggested");
  const lines = check.verdict.people;
  if (lines.length !== tags.length + open.length) return false;
  return lines.every((l) => {
    if (l.face != null) return open.some((f) => f.face === l.face);
    const t = tags.find((t) => t.id === l.tag);
    return t !== undefined && t.person === l.person && l.has_box === (t.box !== null);
  });
}
