// The add-notice form as plain data: what is still missing (said in words
// before anything is sent) and the request the backend receives. The backend
// checks the same things; this only saves the user a round trip.

import type { NewNotice } from "../api";

export type NoticeDraft = {
  groups: string[];
  allStaff: boolean;
  purposes: string[];
  channels: string[];
  text: string;
  date: string;
};

export type Missing = "audience" | "purposes" | "channels" | "text" | "date";

export function emptyDraft(date: string): NoticeDraft {
  return { groups: [], allStaff: false, purposes: [], channels: [], text: "", date };
}

/** What the form still needs, in the order the form asks for it. */
export function missing(d: NoticeDraft): Missing[] {
  const out: Missing[] = [];
  if (d.groups.length === 0 && !d.allStaff) out.push("audience");
  if (d.purposes.length === 0) out.push("purposes");
  if (d.channels.length === 0) out.push("channels");
  if (d.text.trim() === "") out.push("text");
  if (d.date === "") out.push("date");
  return out;
}

/** The chosen values in the order they are offered, whatever order they were ticked in. */
export function inOrder(chosen: string[], offered: string[]): string[] {
  return offered.filter((o) => chosen.includes(o));
}

/** The request for the backend. The text goes as typed: it is the evidence of what parents read. */
export function toNewNotice(d: NoticeDraft, offered: { groups: string[]; purposes: string[]; channels: string[] }): NewNotice {
  return {
    groups: inOrder(d.groups, offered.groups),
    all_staff: d.allStaff,
    purposes: inOrder(d.purposes, offered.purposes),
    channels: inOrder(d.channels, offered.channels),
    text: d.text,
    date: d.date === "" ? null : d.date,
  };
}

/**
 * A long text cut to a preview at a word boundary, or null when it is short
 * enough to show whole (at most `maxChars` characters and `maxLines` lines).
 */
export function preview(text: string, maxChars = 280, maxLines = 5): string | null {
  const lines = text.split("\n");
  if (text.length <= maxChars && lines.length <= maxLines) return null;
  let cut = lines.slice(0, maxLines).join("\n");
  if (cut.length > maxChars) {
    cut = cut.slice(0, maxChars);
    const space = cut.search(/\s\S*$/);
    if (space > maxChars / 2) cut = cut.slice(0, space);
  }
  return `${cut.trimEnd()} …`;
}
