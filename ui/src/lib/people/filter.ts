// The filter sent to `people`: empty fields mean "no filter".

import type { PeopleFilter } from "../api";

export function peopleFilter(search: string, group: string, includeLeft: boolean): PeopleFilter {
  const s = search.trim();
  return { search: s === "" ? null : s, group: group === "" ? null : group, include_left: includeLeft };
}
