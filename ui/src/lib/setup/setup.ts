// First-run form rules that the window checks before sending (the backend checks again).

import type { Jurisdiction } from "../api";

/** Usual age of own consent: the Dutch AVG says 16, Flemish schools usually use 12. */
export const DEFAULT_CONSENT_AGE: Record<Jurisdiction, number> = { nl: 16, "be-vl": 12 };

export const MIN_PASSWORD = 10;

export type PasswordCheck = { short: boolean; mismatch: boolean };

/** Counted in characters, as the backend counts them (not UTF-16 units). */
export function checkPassword(password: string, repeat: string): PasswordCheck {
  return { short: [...password].length < MIN_PASSWORD, mismatch: password !== repeat };
}

/** What is wrong with a new password and its repeat, as `texts` say it; `null`: nothing. */
export function newPasswordProblem(next: string, repeat: string, texts: { tooShort: string; mismatch: string }): string | null {
  const check = checkPassword(next, repeat);
  return check.short ? texts.tooShort : check.mismatch ? texts.mismatch : null;
}

/** Month and day as the backend's "MM-DD". */
export function schoolYearStart(month: number, day: number): string {
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
