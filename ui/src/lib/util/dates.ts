// Dates travel as "YYYY-MM-DD" strings; these helpers format them for
// reading, read what the office types in a date field (day first), and give
// today's date (the backend's) as a default for date fields.

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

/**
 * "2026-03-14" → "14-03-2026"; anything else as is. Both languages write the
 * day first, as the date fields take it: the office is in the Netherlands or
 * Flanders whatever language the window speaks.
 */
export function formatDate(iso: string | null | undefined, _lang?: Lang): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return `${d}-${mo}-${y}`;
}

/** "2026-03-14T10:05:00" → "14-03-2026 10:05". */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const time = /T(\d{2}:\d{2})/.exec(iso);
  return time ? `${formatDate(iso, lang)} ${time[1]}` : formatDate(iso, lang);
}

/** Why a typed date was refused; the date field puts it into words. */
export type DateProblem =
  | { reason: "empty" }
  | { reason: "format" }
  | { reason: "short-year" }
  | { reason: "year"; year: number }
  | { reason: "month"; month: number }
  | { reason: "day"; year: number; month: number; days: number };

export type DayFirst = { ok: true; iso: string } | ({ ok: false } & DateProblem);

/** The years a date field takes: far enough for birth dates and terms, near enough to catch a typo. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

function daysIn(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC: no clock change in the way).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date as the office types it, day first: "14-03-2026", "14/03/2026",
 * "14.03.2026", "14032026", "1-8" (this year, from `today`) or the ISO
 * "2026-03-14" a paste brings. Two-digit years are refused: for a birth date
 * "01-08-26" could be 1926 or 2026.
 */
export function parseDayFirst(text: string, today: string): DayFirst {
  const s = text.trim();
  if (s === "") return { ok: false, reason: "empty" };
  let d: string, m: string, y: string;
  let parts: RegExpExecArray | null;
  if ((parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    [, y, m, d] = parts;
  } else if ((parts = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [, d, m, y] = parts;
  } else if ((parts = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d+))?$/.exec(s))) {
    [, d, m] = parts;
    y = parts[3] ?? today.slice(0, 4);
  } else if (/^\d{6}$/.test(s)) {
    return { ok: false, reason: "short-year" };
  } else {
    return { ok: false, reason: "format" };
  }
  if (y.length === 2) return { ok: false, reason: "short-year" };
  if (y.length !== 4) return { ok: false, reason: "format" };
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  if (year < FIRST_YEAR || year > LAST_YEAR) return { ok: false, reason: "year", year };
  if (month < 1 || month > 12) return { ok: false, reason: "month", month };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { ok: false, reason: "day", year, month, days };
  return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * True when `text` is written out in full: a four-digit year after day and
 * month ("14-03-2026", "14032026"), or an ISO date with a two-digit day. While
 * the user types, only such a date counts: "14-03" (this year) or "14-03-202"
 * is on its way to another date, and counts once the field is left or Enter
 * is pressed.
 */
export function isWholeDate(text: string): boolean {
  const s = text.trim();
  return /^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(s) || /^\d{8}$/.test(s) || /^\d{4}-\d{1,2}-\d{2}$/.test(s);
}

/** A date outside a field's bounds (ISO strings compare as dates), or null when it is within. */
export function outOfBounds(iso: string, min?: string | null, max?: string | null): { reason: "before"; bound: string } | { reason: "after"; bound: string } | null {
  if (min && iso < min) return { reason: "before", bound: min };
  if (max && iso > max) return { reason: "after", bound: max };
  return null;
}

/** The ISO day `days` after (or before) `iso`. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
