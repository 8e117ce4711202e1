// Builds the add-person request from the form fields. Staff have no guardians
// (they consent themselves), so their guardian fields are not sent.

import type { NewPerson, PersonKind } from "../api";

export type PersonFields = {
  name: string;
  kind: PersonKind;
  birth: string;
  groups: string[];
  guardians: string[];
};

export function newPerson(f: PersonFields): NewPerson {
  const guardians = f.kind === "staff" ? [] : f.guardians.map((g) => g.trim()).filter((g) => g !== "");
  return {
    name: f.name.trim(),
    kind: f.kind,
    birth_date: f.birth === "" ? null : f.birth,
    groups: [...f.groups],
    guardians: [...new Set(guardians)],
  };
}
