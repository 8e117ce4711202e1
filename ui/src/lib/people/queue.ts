// The people a list showed, in its order, carried along when one of them is
// opened: the record screen then goes on to the next one ("Opslaan en
// volgende") without going back to the list. Names are kept with the ids so
// the screen can say who comes next without asking the backend.

import type { PersonSummary } from "../api";

export type QueueEntry = { readonly id: number; readonly name: string };
export type Queue = readonly QueueEntry[];

export function queueOf(people: readonly PersonSummary[]): Queue {
  return people.map((p) => ({ id: p.id, name: p.name }));
}

/** Where `id` stands in the queue: 1-based, of how many, and who follows (null for the last). Null when it is not in it. */
export type Place = { position: number; total: number; next: QueueEntry | null };

export function placeIn(queue: Queue | undefined, id: number): Place | null {
  if (!queue) return null;
  const i = queue.findIndex((e) => e.id === id);
  if (i < 0) return null;
  return { position: i + 1, total: queue.length, next: queue[i + 1] ?? null };
}
