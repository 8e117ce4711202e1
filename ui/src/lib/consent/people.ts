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
 * The age from which a pupil is offered as signing beside a parent: the age
 * Flemish schools let pupils decide from, and the age a pupil reads the form.
 * A toddler is not offered; the backend would accept the name.
 */
export const CO_SIGN_FROM_AGE = 12;

/**
 * Who else may sign beside `givenBy`: the other linked guardians and the
 * person themselves (a pupil from 12 beside a parent, a parent beside a pupil).
 */
export function coSignerOptions(page: PersonPage, givenBy: string): string[] {
  const pupil = page.consents === "self" || (page.age !== null && page.age >= CO_SIGN_FROM_AGE);
  const all = [...page.person.guardians.map((g) => g.name), ...(pupil ? [page.person.name] : [])];
  return all.filter((name, i) => name !== givenBy && all.indexOf(name) === i);
}
