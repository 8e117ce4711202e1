// Keyboard focus in a dialog: Tab and Shift+Tab go round inside it while it
// is open (the page under it is out of reach, as aria-modal tells assistive
// technology), it opens on its first sensible control, and the focus goes
// back to where it was when it closes.

const CANDIDATES = "a[href], button, input, select, textarea, summary, [tabindex], [contenteditable='true']";

/** The elements Tab stops at inside `root`, in document order (tabindex > 0 is not used in this app). */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => {
    if ((el as HTMLButtonElement).disabled) return false;
    if (el instanceof HTMLInputElement && el.type === "hidden") return false;
    const tab = el.getAttribute("tabindex");
    if (tab !== null && Number(tab) < 0) return false;
    return el.closest("[hidden], [inert]") === null;
  });
}

/** Where a dialog puts the focus when it opens: a control marked `data-autofocus`, else its first stop. */
export function firstFocus(root: HTMLElement): HTMLElement | null {
  const marked = root.querySelector<HTMLElement>("[data-autofocus]");
  if (marked && focusables(root).includes(marked)) return marked;
  return focusables(root)[0] ?? null;
}

/** On Tab inside an open dialog: wrap round at either end, and bring a focus that escaped back in. */
export function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  if (e.key !== "Tab" || e.altKey || e.ctrlKey || e.metaKey) return;
  const stops = focusables(root);
  const active = document.activeElement;
  if (stops.length === 0) {
    e.preventDefault();
    return;
  }
  const first = stops[0];
  const last = stops[stops.length - 1];
  const inside = active instanceof HTMLElement && root.contains(active);
  if (!inside) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus();
  } else if (e.shiftKey && active === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}

/** The element that has the focus now; the returned function gives it back (if it is still on the page). */
export function rememberFocus(): () => void {
  const was = typeof document !== "undefined" ? document.activeElement : null;
  return () => {
    if (was instanceof HTMLElement && was !== document.body && was.isConnected) was.focus();
  };
}
