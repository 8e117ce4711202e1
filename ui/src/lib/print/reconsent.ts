// The re-consent list laid out per group. The backend sorts the lines by
// (first) group and name; this only cuts them into sections in that order.

import type { ReconsentLine } from "../api";

/** One group's lines; `group` null for people in no group. */
export type ReconsentSection = { group: string | null; lines: ReconsentLine[] };

/**
 * The lines under a heading per group, in the order they come. With a group
 * chosen, everyone on the list is in it, so that group heads them all (their
 * first group may be another one).
 */
export function byGroup(lines: ReconsentLine[], chosen: string | null): ReconsentSection[] {
  const sections = new Map<string | null, ReconsentSection>();
  for (const line of lines) {
    const group = chosen ?? line.groups[0] ?? null;
    let section = sections.get(group);
    if (!section) {
      section = { group, lines: [] };
      sections.set(group, section);
    }
    section.lines.push(line);
  }
  return [...sections.values()];
}

/** How many people are on the list: one person can have several reasons. */
export function peopleOn(lines: ReconsentLine[]): number {
  return new Set(lines.map((l) => l.person)).size;
}
