// Where the office was in the people list, kept while the window is open:
// back from a person's page the same search and group are there, so the
// next child of a pile of forms is a few keys away.

export type PeopleViewFields = { search: string; group: string; includeLeft: boolean };

export const peopleView: PeopleViewFields = { search: "", group: "", includeLeft: false };

/** Back to an unfiltered list (tests; a new login: the next user does not see this one's search). */
export function forgetPeopleView(): void {
  Object.assign(peopleView, { search: "", group: "", includeLeft: false });
}
