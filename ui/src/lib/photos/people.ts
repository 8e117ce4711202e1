// The person picker of the tagging screen: who matches what was typed,
// people of the photo's groups first.

import type { PersonSummary } from "../api";

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/**
 * People with a name word starting with each typed word (accents ignored), members of
 * `firstGroups` first, then in the order the core lists people (by surname,
 * the Dutch way); people already tagged left out.
 */
export function pickCandidates(all: PersonSummary[], query: string, firstGroups: Set<string>, exclude: Set<number>, max = 8): PersonSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const inGroup = (p: PersonSummary) => p.groups.some((g) => firstGroups.has(g));
  const rank = new Map(all.map((p, i) => [p.id, i]));
  return all
    .filter((p) => !exclude.has(p.id))
    .filter((p) => {
      const parts = fold(p.name).split(/[\s'-]+/);
      return words.every((w) => parts.some((part) => part.startsWith(w)));
    })
    .sort((a, b) => Number(inGroup(b)) - Number(inGroup(a)) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))
    .slice(0, max);
}
