// The period the leavers screen opens with: most children leave at the end of
// the school year, so the summer of the school year that is under way or just
// ended. Before June that is last summer.

import { todayIso } from "../util/dates";

export type Period = { from: string; to: string };

/** 1 June to 31 August of this year from June on, of last year before June. */
export function summerPeriod(today: string = todayIso()): Period {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(today);
  if (!m) throw new Error(`not a date: ${today}`);
  const year = Number(m[1]) - (Number(m[2]) < 6 ? 1 : 0);
  return { from: `${year}-06-01`, to: `${year}-08-31` };
}
