// Who may be named as giving or withdrawing consent. The backend decides who
// counts (`consents`); these lists only offer the matching names.

import type { PersonPage } from "../api";

/** For a returned form: the guardians when they decide, the person when they decide themselves. */
export function giverOptions(page: PersonPage): string[] {
  return page.consents === "self" ? [page.person.name] : page.person.guardians.map((g) => g.name);
}

/** Who may hand in a withdrawal: the backend's list, in its order. */
export function withdrawerOptions(page: PersonPage): string[] {
  return page.withdrawers;
}

/**
 * Who else may sign beside `givenBy`: the other linked guardians and the
 * person themselves (a pupil beside a parent, a parent beside a pupil).
 */
export function coSignerOptions(page: PersonPage, givenBy: string): string[] {
  const all = [...page.person.guardians.map((g) => g.name), page.person.name];
  return all.filter((name, i) => name !== givenBy && all.indexOf(name) === i);
}
