import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FormPrintReport, FormSummary, PeopleFilter, PersonSummary } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { PERSON_OVERSCAN, PERSON_ROW_REM, VIRTUAL_FROM } from "../../lib/people/list";
import { forgetPeopleView, peopleView } from "../../lib/people/view";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import PeopleList from "./PeopleList.svelte";

const everyone: PersonSummary[] = [
  { id: 1, name: "Sanne de Vries", kind: "child", birth_date: "2015-03-14", leave_date: null, groups: ["Groep 5"] },
  { id: 2, name: "Jan Jansen", kind: "staff", birth_date: null, leave_date: null, groups: [] },
];

const activeForm: FormSummary = { id: 3, title: "Toestemming beeldmateriaal 2026-2027", latest_version: 2, versions: 2, active: true, builtin: null, answered: 40, audience: "children" };
const oldForm: FormSummary = { id: 4, title: "Oud formulier", latest_version: 1, versions: 1, active: false, builtin: null, answered: 3, audience: "children" };

function backend(extra: Record<string, Handler> = {}) {
  return mockBackend({
    forms: () => [activeForm, oldForm],
    groups: () => [{ id: 1, name: "Groep 5", members: 1 }, { id: 2, name: "Groep 6", members: 0 }],
    people: ({ filter }) => {
      const f = filter as PeopleFilter;
      return everyone.filter((p) => (!f.search || p.name.toLowerCase().includes(f.search.toLowerCase())) && (!f.group || p.groups.includes(f.group)));
    },
    add_group: ({ name }) => ({ id: 3, name, members: 0 }),
    add_person: () => 42,
    ...extra,
  });
}

const lastFilter = (calls: ReturnType<typeof backend>) => callsTo(calls, "people").at(-1)?.filter;

describe("PeopleList", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "people" });
    forgetPeopleView();
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
    // The list as shown goes along, for "Opslaan en volgende" on the record screen.
    expect(router.route).toEqual({ name: "person", id: 2, queue: [{ id: 1, name: "Sanne de Vries" }, { id: 2, name: "Jan Jansen" }] });
  });

  it("has the search focused on arrival, and keeps search and group when the user comes back", async () => {
    const calls = backend();
    const user = userEvent.setup();
    const first = render(PeopleList);
    expect(document.activeElement).toBe(screen.getByTestId("people-search"));
    await screen.findByRole("option", { name: "Groep 5 (1)" });
    await user.type(screen.getByTestId("people-search"), "san");
    await user.selectOptions(screen.getByTestId("people-group-filter"), "Groep 5");
    await waitFor(() => expect(lastFilter(calls)).toEqual({ search: "san", group: "Groep 5", include_left: false }));
    await user.click(screen.getByTestId("person-row"));
    first.unmount();

    // Back from the person: the same list at once, the text selected so typing replaces it.
    const before = callsTo(calls, "people").length;
    render(PeopleList);
    const search = screen.getByTestId("people-search") as HTMLInputElement;
    expect(search.value).toBe("san");
    expect(document.activeElement).toBe(search);
    expect([search.selectionStart, search.selectionEnd]).toEqual([0, 3]);
    await waitFor(() => expect((screen.getByTestId("people-group-filter") as HTMLSelectElement).value).toBe("Groep 5"));
    expect(callsTo(calls, "people").slice(before)[0]).toEqual({ filter: { search: "san", group: "Groep 5", include_left: false } });
    expect(peopleView).toEqual({ search: "san", group: "Groep 5", includeLeft: false });
  });

  it("opens the first person found on Enter, once the results for what was typed are in", async () => {
    const answer = deferred<PersonSummary[]>();
    const calls = backend({
      people: ({ filter }) => ((filter as PeopleFilter).search === "jan" ? answer.promise : everyone),
    });
    const user = userEvent.setup();
    render(PeopleList);
    await screen.findAllByTestId("person-row");
    // Typed and Enter at once: nothing opens on the old results (Sanne first).
    await user.type(screen.getByTestId("people-search"), "jan{Enter}");
    expect(router.route).toEqual({ name: "people" });
    expect(lastFilter(calls)).toEqual({ search: "jan", group: null, include_left: false });
    answer.resolve([everyone[1]]);
    await waitFor(() => expect(router.route).toEqual({ name: "person", id: 2, queue: [{ id: 2, name: "Jan Jansen" }] }));
  });

  it("opens at once on Enter when the results are shown, and nobody when none were found", async () => {
    backend();
    const user = userEvent.setup();
    render(PeopleList);
    await screen.findAllByTestId("person-row");
    await user.keyboard("{Enter}");
    expect(router.route).toMatchObject({ name: "person", id: 1 });

    go({ name: "people" });
    await user.clear(screen.getByTestId("people-search"));
    await user.type(screen.getByTestId("people-search"), "niemand{Enter}");
    expect(await screen.findByTestId("people-none")).toBeTruthy();
    expect(router.route).toEqual({ name: "people" });
  });

  it("moves into the list with arrow down, between rows with the arrows, and back up to the search", async () => {
    backend();
    const user = userEvent.setup();
    render(PeopleList);
    const rows = await screen.findAllByTestId("person-row");
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(rows[0]);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(rows[1]);
    // The last row stays where it is.
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(rows[1]);
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(document.activeElement).toBe(screen.getByTestId("people-search"));
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(router.route).toMatchObject({ name: "person", id: 2 });
  });

  it("adds a person with groups and guardians, then opens their page", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(PeopleList);
    await user.click(screen.getByTestId("add-person-open"));
    await user.type(screen.getByTestId("person-name"), "Noor Bakker");
    await user.type(screen.getByTestId("person-birth"), "02-05-2016");
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

  describe("forms for a group", () => {
    const button = () => screen.getByTestId("print-group-forms") as HTMLButtonElement;

    it("prints the form in use for the chosen group, once on a double click", async () => {
      const answer = deferred<FormPrintReport | null>();
      const calls = backend({ print_form: () => answer.promise });
      const user = userEvent.setup();
      render(PeopleList);
      await screen.findByRole("option", { name: "Groep 5 (1)" });
      expect(screen.queryByTestId("print-group-forms")).toBeNull();

      await user.selectOptions(screen.getByTestId("people-group-filter"), "Groep 5");
      await user.dblClick(await screen.findByTestId("print-group-forms"));
      expect(callsTo(calls, "print_form")).toEqual([{ form: 3, target: { kind: "group", value: "Groep 5" } }]);
      expect(button().disabled).toBe(true);
      expect(button().textContent).toBe("Bezig…");
      // One form in use: nothing to choose.
      expect(screen.queryByTestId("print-group-forms-choice")).toBeNull();

      answer.resolve({ out: "Formulieren/Toestemmingsformulier Groep 5.pdf", forms: 24, bytes: 400_000 });
      expect((await screen.findByTestId("print-done")).textContent).toBe("24 formulieren opgeslagen in Formulieren/Toestemmingsformulier Groep 5.pdf.");
      await waitFor(() => expect(button().disabled).toBe(false));
      expect(button().textContent).toBe("Formulieren voor deze groep afdrukken");

      // Back to all groups: no group to print for.
      await user.selectOptions(screen.getByTestId("people-group-filter"), "");
      expect(screen.queryByTestId("print-group-forms")).toBeNull();
      expect(screen.queryByTestId("print-done")).toBeNull();
    });

    it("shows an empty group's refusal and nothing for a closed dialog", async () => {
      let answer: () => unknown = () => null;
      const calls = backend({ print_form: () => answer() });
      const user = userEvent.setup();
      render(PeopleList);
      await screen.findByRole("option", { name: "Groep 6 (0)" });
      await user.selectOptions(screen.getByTestId("people-group-filter"), "Groep 6");
      await user.click(await screen.findByTestId("print-group-forms"));
      await waitFor(() => expect(callsTo(calls, "print_form")).toHaveLength(1));
      await waitFor(() => expect(button().disabled).toBe(false));
      expect(screen.queryByTestId("print-done")).toBeNull();
      expect(screen.queryByTestId("print-error")).toBeNull();

      answer = () => {
        throw refuse("group.empty", "In Groep 6 zit op dit moment niemand.");
      };
      await user.click(button());
      expect((await screen.findByTestId("print-error")).textContent).toBe("In Groep 6 zit op dit moment niemand.");
      expect(callsTo(calls, "print_form")).toEqual([
        { form: 3, target: { kind: "group", value: "Groep 6" } },
        { form: 3, target: { kind: "group", value: "Groep 6" } },
      ]);
    });

    it("lets the user pick among several forms in use", async () => {
      const trip: FormSummary = { id: 9, title: "Toestemming schoolreis", latest_version: 1, versions: 1, active: true, builtin: null, answered: 0, audience: "children" };
      const calls = backend({ forms: () => [activeForm, oldForm, trip], print_form: () => ({ out: "Formulieren/Schoolreis Groep 5.pdf", forms: 1, bytes: 9_000 }) });
      const user = userEvent.setup();
      render(PeopleList);
      await screen.findByRole("option", { name: "Groep 5 (1)" });
      await user.selectOptions(screen.getByTestId("people-group-filter"), "Groep 5");
      const choice = (await screen.findByTestId("print-group-forms-choice")) as HTMLSelectElement;
      expect([...choice.options].map((o) => o.textContent)).toEqual(["Toestemming beeldmateriaal 2026-2027", "Toestemming schoolreis"]);
      await user.selectOptions(choice, "Toestemming schoolreis");
      await user.click(button());
      expect((await screen.findByTestId("print-done")).textContent).toBe("1 formulier opgeslagen in Formulieren/Schoolreis Groep 5.pdf.");
      expect(callsTo(calls, "print_form")).toEqual([{ form: 9, target: { kind: "group", value: "Groep 5" } }]);
    });
  });

  describe("a large school", () => {
    // jsdom lays nothing out: rows are PERSON_ROW_REM at 16 px, and the scroller
    // reports the height a test gives it.
    const ROW = PERSON_ROW_REM * 16;
    const school: PersonSummary[] = Array.from({ length: 1500 }, (_, i) => ({
      id: i + 1,
      name: `Leerling ${String(i + 1).padStart(4, "0")}`,
      kind: "child",
      birth_date: "2016-01-01",
      leave_date: null,
      groups: [`Groep ${1 + (i % 8)}`],
    }));
    const ids = () => screen.queryAllByTestId("person-row").map((r) => Number(r.getAttribute("data-person-id")));
    let height: ReturnType<typeof vi.spyOn> | undefined;

    beforeEach(() => {
      // A scroller 440 px high: ten rows in view.
      height = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
        return this.dataset.testid === "people-scroller" ? 10 * ROW : 0;
      });
    });
    afterEach(() => height?.mockRestore());

    it("draws only the rows in view, and later rows when scrolled", async () => {
      backend({ people: () => school });
      render(PeopleList);
      await waitFor(() => expect(ids().length).toBeGreaterThan(0));
      // Ten in view plus the overscan below; the list is as tall as all 1 500.
      expect(ids()).toEqual(Array.from({ length: 10 + PERSON_OVERSCAN }, (_, i) => i + 1));
      const list = screen.getByTestId("people-list");
      expect(list.style.height).toBe(`${1500 * ROW}px`);
      expect(list.style.paddingTop).toBe("0px");
      const firstRow = screen.getAllByTestId("person-row")[0];
      expect(firstRow.tagName).toBe("BUTTON");
      expect(firstRow.closest("li")!.getAttribute("aria-setsize")).toBe("1500");
      expect(firstRow.closest("li")!.getAttribute("aria-posinset")).toBe("1");

      const scroller = screen.getByTestId("people-scroller");
      scroller.scrollTop = 1000 * ROW;
      await fireEvent.scroll(scroller);
      // Rows 1 001-1 010 in view, with the overscan on both sides.
      await waitFor(() => expect(ids()[0]).toBe(1001 - PERSON_OVERSCAN));
      expect(ids()).toEqual(Array.from({ length: 10 + 2 * PERSON_OVERSCAN }, (_, i) => 1001 - PERSON_OVERSCAN + i));
      expect(list.style.paddingTop).toBe(`${(1000 - PERSON_OVERSCAN) * ROW}px`);
      const row = screen.getAllByTestId("person-row").find((r) => r.getAttribute("data-person-id") === "1005")!;
      expect(row.textContent).toContain("Leerling 1005");
      expect(row.closest("li")!.getAttribute("aria-posinset")).toBe("1005");

      // The end: the last row is drawn, nothing past it.
      scroller.scrollTop = 1500 * ROW;
      await fireEvent.scroll(scroller);
      await waitFor(() => expect(ids().at(-1)).toBe(1500));
      expect(ids().length).toBeLessThanOrEqual(10 + 2 * PERSON_OVERSCAN);
    });

    it("keeps the drawn rows one Tab stop each, in order, and opens the one chosen by keyboard", async () => {
      backend({ people: () => school });
      const user = userEvent.setup();
      render(PeopleList);
      await waitFor(() => expect(ids().length).toBeGreaterThan(0));
      screen.getAllByTestId("person-row")[0].focus();
      await user.tab();
      expect(document.activeElement?.getAttribute("data-person-id")).toBe("2");
      await user.keyboard("{Enter}");
      expect(router.route).toMatchObject({ name: "person", id: 2 });
      expect((router.route as { queue?: unknown[] }).queue).toHaveLength(1500);
    });

    it("starts at the top again for a new search", async () => {
      backend({ people: ({ filter }) => ((filter as PeopleFilter).search ? school.slice(0, 500) : school) });
      const user = userEvent.setup();
      render(PeopleList);
      await waitFor(() => expect(ids().length).toBeGreaterThan(0));
      const scroller = screen.getByTestId("people-scroller");
      scroller.scrollTop = 700 * ROW;
      await fireEvent.scroll(scroller);
      await waitFor(() => expect(ids()[0]).toBe(701 - PERSON_OVERSCAN));
      await user.type(screen.getByTestId("people-search"), "leerling{Enter}");
      await waitFor(() => expect(ids()[0]).toBe(1));
      expect(scroller.scrollTop).toBe(0);
      expect(screen.getByTestId("people-list").style.height).toBe(`${500 * ROW}px`);
    });

    it("has every row in the page while the list is short", async () => {
      backend({ people: () => school.slice(0, VIRTUAL_FROM - 1) });
      render(PeopleList);
      await waitFor(() => expect(ids()).toHaveLength(VIRTUAL_FROM - 1));
      expect(screen.getByTestId("people-list").style.height).toBe("");
      expect(screen.getAllByTestId("person-row")[0].closest("li")!.getAttribute("aria-setsize")).toBeNull();
    });
  });

  it("asks for a key's text at once, and while a question is on its way only for the newest text", async () => {
    const held: { search: string | null; answer: ReturnType<typeof deferred<PersonSummary[]>> }[] = [];
    const calls = backend({
      people: ({ filter }) => {
        const f = filter as PeopleFilter;
        if (f.search === null) return everyone;
        const answer = deferred<PersonSummary[]>();
        held.push({ search: f.search, answer });
        return answer.promise;
      },
    });
    const user = userEvent.setup();
    render(PeopleList);
    await screen.findAllByTestId("person-row");
    const searches = () => callsTo(calls, "people").map((c) => (c.filter as PeopleFilter).search);
    // The first key is asked at once: its results can show within a frame.
    await user.type(screen.getByTestId("people-search"), "s");
    await waitFor(() => expect(searches()).toEqual([null, "s"]), { timeout: 100 });
    // Typed while "s" is on its way: nothing asked for the half words.
    await user.type(screen.getByTestId("people-search"), "anne");
    expect(searches()).toEqual([null, "s"]);
    held[0].answer.resolve(everyone.filter((p) => p.name.toLowerCase().includes("s")));
    // When it comes back, the newest text is asked, once.
    await waitFor(() => expect(searches()).toEqual([null, "s", "sanne"]), { timeout: 100 });
    held[1].answer.resolve(everyone.filter((p) => p.name.toLowerCase().includes("sanne")));
    await waitFor(() => expect(screen.getAllByTestId("person-row")).toHaveLength(1));
    expect(searches()).toEqual([null, "s", "sanne"]);
  });
});
