// The person picker of the tagging screen: who matches what was typed,
// people of the photo's groups first.

import type { PersonSummary } from "../api";

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/**
 * People with a name word starting with each typed word (accents ignored), members of
 * `firstGroups` first, then by name; people already tagged left out.
 */
export function pickCandidates(all: PersonSummary[], query: string, firstGroups: Set<string>, exclude: Set<number>, max = 8): PersonSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const inGroup = (p: PersonSummary) => p.groups.some((g) => firstGroups.has(g));
  return all
    .filter((p) => !exclude.has(p.id))
    .filter((p) => {
      const parts = fold(p.name).split(/[\s'-]+/);
      return words.every((w) => parts.some((part) => part.startsWith(w)));
    })
    .sort((a, b) => Number(inGroup(b)) - Number(inGroup(a)) || a.name.localeCompare(b.name))
    .slice(0, max);
}
