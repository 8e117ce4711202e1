// Looks up the backend's verdict per item; the UI never computes one.

import type { ItemStatus, PersonPage } from "../api";

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
