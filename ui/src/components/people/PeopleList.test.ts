import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { PeopleFilter, PersonSummary } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { callsTo, mockBackend } from "../../test/ipc";
import PeopleList from "./PeopleList.svelte";

const everyone: PersonSummary[] = [
  { id: 1, name: "Sanne de Vries", kind: "child", birth_date: "2015-03-14", leave_date: null, groups: ["Groep 5"] },
  { id: 2, name: "Jan Jansen", kind: "staff", birth_date: null, leave_date: null, groups: [] },
];

function backend() {
  return mockBackend({
    groups: () => [{ id: 1, name: "Groep 5", members: 1 }, { id: 2, name: "Groep 6", members: 0 }],
    people: ({ filter }) => {
      const f = filter as PeopleFilter;
      return everyone.filter((p) => (!f.search || p.name.toLowerCase().includes(f.search.toLowerCase())) && (!f.group || p.groups.includes(f.group)));
    },
    add_group: ({ name }) => ({ id: 3, name, members: 0 }),
    add_person: () => 42,
  });
}

const lastFilter = (calls: ReturnType<typeof backend>) => callsTo(calls, "people").at(-1)?.filter;

describe("PeopleList", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "people" });
  });

  it("lists people with their id, groups and kind", async () => {
    backend();
    render(PeopleList);
    const rows = await screen.findAllByTestId("person-row");
    expect(rows.map((r) => r.getAttribute("data-person-id"))).toEqual(["1", "2"]);
    expect(rows[0].textContent).toContain("Groep 5");
    expect(rows[0].textContent).toContain("14-03-2015");
    expect(rows[1].textContent).toContain("Personeel");
  });

  it("filters as you type, by group and with leavers", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(PeopleList);
    await screen.findAllByTestId("person-row");
    expect(lastFilter(calls)).toEqual({ search: null, group: null, include_left: false });

    await user.type(screen.getByTestId("people-search"), "san");
    await waitFor(() => expect(lastFilter(calls)).toEqual({ search: "san", group: null, include_left: false }));
    await waitFor(() => expect(screen.getAllByTestId("person-row")).toHaveLength(1));

    await screen.findByRole("option", { name: "Groep 6 (0)" });
    await user.selectOptions(screen.getByTestId("people-group-filter"), "Groep 6");
    await waitFor(() => expect(lastFilter(calls)).toEqual({ search: "san", group: "Groep 6", include_left: false }));

    await user.click(screen.getByTestId("people-include-left"));
    await waitFor(() => expect(lastFilter(calls)).toEqual({ search: "san", group: "Groep 6", include_left: true }));
    await waitFor(() => expect(screen.queryAllByTestId("person-row")).toHaveLength(0));
  });

  it("opens a person from their row", async () => {
    backend();
    const user = userEvent.setup();
    render(PeopleList);
    await user.click((await screen.findAllByTestId("person-row"))[1]);
    expect(router.route).toEqual({ name: "person", id: 2 });
  });

  it("adds a person with groups and guardians, then opens their page", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(PeopleList);
    await user.click(screen.getByTestId("add-person-open"));
    await user.type(screen.getByTestId("person-name"), "Noor Bakker");
    await user.type(screen.getByTestId("person-birth"), "2016-05-02");
    await user.click(await screen.findByRole("checkbox", { name: "Groep 5" }));
    await user.type(screen.getByTestId("person-new-group"), "Peuters");
    await user.click(screen.getByRole("button", { name: "Groep maken" }));
    await user.type(screen.getByTestId("person-guardian"), "Eva Bakker");
    await user.click(screen.getByRole("button", { name: "Nog een ouder/voogd" }));
    await user.type(screen.getByTestId("person-guardian-more"), "Tom Bakker");
    await user.click(screen.getByTestId("person-save"));

    await waitFor(() => expect(router.route).toEqual({ name: "person", id: 42 }));
    expect(callsTo(calls, "add_group")).toEqual([{ name: "Peuters" }]);
    expect(callsTo(calls, "add_person")).toEqual([
      { person: { name: "Noor Bakker", kind: "child", birth_date: "2016-05-02", groups: ["Groep 5", "Peuters"], guardians: ["Eva Bakker", "Tom Bakker"] } },
    ]);
  });

  it("hides guardians for staff", async () => {
    backend();
    const user = userEvent.setup();
    render(PeopleList);
    await user.click(screen.getByTestId("add-person-open"));
    expect(screen.getByTestId("person-guardian")).toBeTruthy();
    await user.selectOptions(screen.getByTestId("person-kind"), "staff");
    expect(screen.queryByTestId("person-guardian")).toBeNull();
  });
});
