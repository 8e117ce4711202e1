// The desk view's own rules of the screen: which questions are still open,
// who must sign, and which keys could take a parent away from the form.
// Whether consent holds is the backend's to decide; these only say what the
// parent has yet to do before "Klaar" can be pressed.

import type { DeskForm } from "../api";

/** An answer per question key: true yes, false no; absent while open. */
export type Answers = Record<string, boolean>;

/** The questions not yet answered, in the form's order. */
export function openQuestions(form: DeskForm, answers: Answers): string[] {
  return form.items.map((i) => i.key).filter((k) => !(k in answers));
}

/**
 * How many must sign: two where the organisation asks both guardians to sign
 * a "yes" and one is given, else one. The backend checks it again.
 */
export function signaturesNeeded(form: DeskForm, answers: Answers): number {
  const anyYes = Object.values(answers).some((a) => a);
  return anyYes ? Math.min(form.signatures_for_yes, form.signers.length) : 1;
}

/**
 * Keys that would reload, go back, print, search, open developer tools or
 * otherwise leave the form: every combination with Ctrl, Alt or Meta, the
 * function keys, and the browser keys. Tab, Enter, Space and the arrows stay
 * (the form is usable without a mouse).
 */
export function leavesTheForm(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey">): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey) return true;
  if (/^F\d{1,2}$/.test(e.key)) return true;
  return ["BrowserBack", "BrowserForward", "BrowserHome", "BrowserRefresh", "BrowserSearch", "ContextMenu", "Escape"].includes(e.key);
}

/** A canvas's picture as PNG bytes, the way the backend takes them. */
export function canvasPng(canvas: Pick<HTMLCanvasElement, "toDataURL">): number[] {
  const url = canvas.toDataURL("image/png");
  const bytes = atob(url.slice(url.indexOf(",") + 1));
  return Array.from(bytes, (c) => c.charCodeAt(0));
}
