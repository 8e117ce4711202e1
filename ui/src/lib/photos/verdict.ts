// How the window shows a verdict the backend decided: which tone a line has
// and which boxes will be filled. Nothing here decides consent.

import type { LineStatus, Outcome, PersonLine, PhotoCheck, Tag } from "../api";

export type Tone = "ok" | "warn" | "bad";

export function outcomeTone(o: Outcome): Tone {
  return o === "allowed" ? "ok" : o === "anonymise" ? "warn" : "bad";
}

/** "consent" and "informed" are fine; every other status is not. */
export function lineIsFine(s: LineStatus): boolean {
  return s === "consent" || s === "informed";
}

export type ShownLine = { tag: Tag | undefined; line: PersonLine };

/** Line i of the verdict belongs to tag i, as the backend decided it. */
export function linesWithTags(check: PhotoCheck | null, tags: Tag[]): ShownLine[] {
  if (!check) return [];
  return check.verdict.people.map((line, i) => ({ tag: tags[i], line }));
}

/** Tag ids whose box the export fills (people who are not fine for this use). */
export function tagsToBlur(check: PhotoCheck | null, tags: Tag[]): Set<number> {
  const out = new Set<number>();
  for (const { tag, line } of linesWithTags(check, tags)) {
    if (tag && tag.box && !lineIsFine(line.status)) out.add(tag.id);
  }
  return out;
}

/** Does this verdict still belong to these tags? (Tags changed since the check → check again.) */
export function checkMatches(check: PhotoCheck | null, tags: Tag[]): boolean {
  if (!check) return false;
  const lines = check.verdict.people;
  if (lines.length !== tags.length) return false;
  return lines.every((l, i) => l.person === tags[i].person && l.has_box === (tags[i].box !== null));
}
