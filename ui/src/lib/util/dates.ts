// Dates travel as "YYYY-MM-DD" strings; these helpers only format them for
// reading and give today's date as a default for date fields.

import type { Lang } from "../api";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Today in the computer's local time, as "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "2026-03-14" → "14-03-2026" (nl) or "14/03/2026" (en); anything else as is. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === "nl" ? `${d}-${mo}-${y}` : `${d}/${mo}/${y}`;
}

/** "2026-03-14T10:05:00" → "14-03-2026 10:05". */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const time = /T(\d{2}:\d{2})/.exec(iso);
  return time ? `${formatDate(iso, lang)} ${time[1]}` : formatDate(iso, lang);
}
