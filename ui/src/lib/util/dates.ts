// Dates travel as "YYYY-MM-DD" strings; these helpers only format them for
// reading and give today's date (the backend's) as a default for date fields.

import type { Lang } from "../api";

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Today as the backend's clock has it, once the app status has told us. */
let backendToday: string | null = null;

/** Set from every app status: the core's clock decides what "today" is. */
export function setBackendToday(iso: string | null): void {
  backendToday = iso;
}

/** Today as "YYYY-MM-DD": the backend's day, else the computer's local time (or `now`'s). */
export function todayIso(now?: Date): string {
  if (!now && backendToday) return backendToday;
  const d = now ?? new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
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
