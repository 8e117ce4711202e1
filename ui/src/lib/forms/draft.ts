// The form editor's working copy. Rows carry a local id so that ticked items
// survive renaming a key and disappear with a removed row.

import type { Choice, FormContent, Term } from "../api";
import { slugKey, validKey } from "./keys";

/** `posed`: a photo type that is posed by its nature (only photo types use it). */
export type ChoiceRow = { uid: number; key: string; nl: string; en: string; keyTouched: boolean; posed: boolean };
export type TermKind = Term["kind"];
export type Draft = {
  title: string;
  text: string;
  termKind: TermKind;
  termDate: string;
  photoTypes: ChoiceRow[];
  channels: ChoiceRow[];
  purposes: ChoiceRow[];
  /** Ticked cells by `cellId`. */
  items: Record<string, boolean>;
};

let nextUid = 1;

export function newRow(c?: Choice): ChoiceRow {
  return { uid: nextUid++, key: c?.key ?? "", nl: c?.label.nl ?? "", en: c?.label.en ?? "", keyTouched: c !== undefined, posed: c?.posed ?? false };
}

export function cellId(t: ChoiceRow, c: ChoiceRow, p: ChoiceRow): string {
  return `${t.uid}|${c.uid}|${p.uid}`;
}

export function emptyDraft(): Draft {
  return { title: "", text: "", termKind: "school-year", termDate: "", photoTypes: [newRow()], channels: [newRow()], purposes: [newRow()], items: {} };
}

export function draftFrom(content: FormContent): Draft {
  const photoTypes = content.photo_types.map(newRow);
  const channels = content.channels.map(newRow);
  const purposes = content.purposes.map(newRow);
  const uid = (rows: ChoiceRow[], key: string) => rows.find((r) => r.key === key);
  const items: Record<string, boolean> = {};
  for (const i of content.items) {
    const t = uid(photoTypes, i.photo_type);
    const c = uid(channels, i.channel);
    const p = uid(purposes, i.purpose);
    if (t && c && p) items[cellId(t, c, p)] = true;
  }
  return {
    title: content.title,
    text: content.text,
    termKind: content.term.kind,
    termDate: content.term.kind === "until" ? content.term.date : "",
    photoTypes,
    channels,
    purposes,
    items,
  };
}

function term(d: Draft): Term {
  return d.termKind === "until" ? { kind: "until", date: d.termDate } : { kind: d.termKind };
}

function choice(r: ChoiceRow): Choice {
  // `posed` only where set, as the backend writes it: a form read and saved unchanged stays the same.
  return { key: r.key.trim(), label: { nl: r.nl.trim(), en: r.en.trim() }, ...(r.posed ? { posed: true } : {}) };
}

/** What is sent to the backend, and what the preview shows. */
export function contentOf(d: Draft): FormContent {
  const items = [];
  for (const t of d.photoTypes)
    for (const c of d.channels)
      for (const p of d.purposes)
        if (d.items[cellId(t, c, p)]) items.push({ photo_type: t.key.trim(), channel: c.key.trim(), purpose: p.key.trim() });
  return {
    title: d.title.trim(),
    text: d.text,
    term: term(d),
    photo_types: d.photoTypes.map(choice),
    channels: d.channels.map(choice),
    purposes: d.purposes.map(choice),
    items,
  };
}

/** Typing the Dutch label fills in a key until the user types one. */
export function suggestKey(r: ChoiceRow): void {
  if (!r.keyTouched) r.key = slugKey(r.nl);
}

export type KeyProblem = "empty" | "invalid" | "duplicate";

export function keyProblem(r: ChoiceRow, rows: readonly ChoiceRow[]): KeyProblem | null {
  const k = r.key.trim();
  if (k === "") return "empty";
  if (!validKey(k)) return "invalid";
  if (rows.some((o) => o.uid !== r.uid && o.key.trim() === k)) return "duplicate";
  return null;
}
