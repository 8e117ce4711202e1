// The current language. Components read `i18n.t` (reactive); switching also
// tells the backend, so its messages follow.

import { api, type Label, type Lang } from "../api";
import { en } from "./en";
import { nl, type Dict } from "./nl";

const dicts: Record<Lang, Dict> = { nl, en };

let current = $state<Lang>("nl");

export const i18n = {
  get lang(): Lang {
    return current;
  },
  get t(): Dict {
    return dicts[current];
  },
};

/** Use a language in the window only (e.g. the one the backend reports at start). */
export function useLang(lang: Lang): void {
  current = lang;
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

/** The header's toggle: window and backend both switch. */
export async function switchLanguage(lang: Lang): Promise<void> {
  useLang(lang);
  await api.setLanguage(lang);
}

/** A form choice's label in the current language. */
export function label(l: Label): string {
  return l[current] || l.nl || l.en;
}
