// Which screen the main window shows. A desktop window has no address bar,
// so a plain state value is enough. `flash` is a short success message for
// the next screen (e.g. "saved" after recording a form). `queue` is the
// people list as it was filtered when a person was opened from it, so the
// record screen can go on to the next person.

import type { Queue } from "../people/queue";

export type Route =
  | { name: "home" }
  | { name: "people" }
  | { name: "person"; id: number; queue?: Queue }
  | { name: "record"; id: number; queue?: Queue }
  | { name: "forms" }
  | { name: "form"; id: number | null }
  | { name: "roster" }
  | { name: "photos" }
  | { name: "photo"; id: number }
  | { name: "notices" }
  | { name: "takedown" }
  | { name: "leavers" }
  | { name: "reconsent" }
  | { name: "users" }
  | { name: "settings" }
  | { name: "retention" }
  | { name: "audit"; person?: { id: number; name: string } }
  | { name: "password" };

let current = $state<Route>({ name: "home" });
let flash = $state<string | null>(null);

export const router = {
  get route(): Route {
    return current;
  },
  get flash(): string | null {
    return flash;
  },
};

export function go(route: Route, message: string | null = null): void {
  current = route;
  flash = message;
  // A new screen starts at its top, not where the last one was scrolled to.
  if (typeof document !== "undefined") document.documentElement.scrollTop = 0;
}
