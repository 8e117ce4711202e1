// The forms that can be answered for a person: the latest version of every
// form in use, for their audience (staff answer staff forms, children — or
// their guardians — children's forms). The backend refuses any other.

import { api, type FormVersion, type PersonKind } from "../api";

export async function formsFor(kind: PersonKind): Promise<FormVersion[]> {
  const list = await api.forms();
  const versions = await Promise.all(list.filter((f) => f.active).map((f) => api.form(f.id, null)));
  const audience = kind === "staff" ? "staff" : "children";
  return versions.filter((v) => (v.content.audience ?? "children") === audience);
}
