// Orders a person's consent events in time and splits their answers for reading.

import type { Answer, ConsentEvent } from "../api";

export function sortHistory(events: readonly ConsentEvent[]): ConsentEvent[] {
  return [...events].sort((a, b) => a.date.localeCompare(b.date) || a.entered_at.localeCompare(b.entered_at) || a.id - b.id);
}

export type SplitAnswers = Record<Answer, string[]>;

/** Items per answer, in the given order (the form's) first, the rest by key. */
export function splitAnswers(answers: Readonly<Record<string, Answer>>, order: readonly string[] = []): SplitAnswers {
  const rank = (item: string) => {
    const i = order.indexOf(item);
    return i === -1 ? order.length : i;
  };
  const items = Object.keys(answers).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const out: SplitAnswers = { yes: [], no: [], withdrawn: [] };
  for (const item of items) out[answers[item]].push(item);
  return out;
}
