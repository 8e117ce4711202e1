// What the home screen makes of the core's overview: whether anything needs
// doing, and how many names a tile shows before "and n more".

import type { Overview } from "../api";

/** Names a tile lists before it says "and n more". */
export const SHOWN_NAMES = 8;

/** The first names of a tile's list. */
export function shownPeople<T>(list: readonly T[]): T[] {
  return list.slice(0, SHOWN_NAMES);
}

/** True when any figure the role sees asks for work (the backup date is information, not work). */
export function somethingToDo(o: Overview): boolean {
  const lists = [o.forms_out, o.withdrawals, o.leavers_without_dossier, o.own_consent_this_month, o.expiring];
  return lists.some((l) => (l?.length ?? 0) > 0) || (o.takedown ?? 0) > 0 || (o.unchecked_photos ?? 0) > 0 || o.backup?.stale === true;
}
