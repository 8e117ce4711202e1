// Looks up the backend's verdict per item; the UI never computes one.

import type { ItemStatus, Lang, PersonPage } from "../api";
import { itemWords, splitItem } from "./items";

export function statusIndex(page: PersonPage): Map<string, ItemStatus> {
  return new Map(page.status.map((s) => [s.item, s]));
}

/** An item the backend did not mention is shown as "not asked". */
export function statusOf(index: Map<string, ItemStatus>, item: string): ItemStatus {
  return index.get(item) ?? { item, status: "none", record: null, form: null, form_version: null, valid_until: null, since: null, own_answer_needed: false };
}

/** Items currently granted, as the backend reports them. */
export function grantedItems(page: PersonPage): string[] {
  return page.status.filter((s) => s.status === "granted").map((s) => s.item);
}

/** A channel with consent in force, and those items: "Intrekken: Sociale media" withdraws exactly these. */
export type ChannelGrant = { channel: string; label: string; items: string[] };

/**
 * The backend's granted items grouped by channel, in the order the forms
 * list their channels (a channel no form names comes last, under its key).
 * Grouping only: which items are granted is the backend's word.
 */
export function grantedByChannel(page: PersonPage, lang: Lang): ChannelGrant[] {
  const contents = page.forms.map((f) => f.content);
  const order = [...new Set(contents.flatMap((c) => c.channels.map((ch) => ch.key)))];
  const groups = new Map<string, string[]>();
  for (const item of grantedItems(page)) {
    const channel = splitItem(item)?.channel;
    if (channel === undefined) continue;
    groups.set(channel, [...(groups.get(channel) ?? []), item]);
  }
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([channel, items]) => ({ channel, label: itemWords(items[0], contents, lang)[1], items }));
}
