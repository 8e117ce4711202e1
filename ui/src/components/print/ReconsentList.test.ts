import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Group, PhotoChoices, ReconsentLine, ReconsentPrintReport } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { schoolForm } from "../../test/fixtures";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import ReconsentList from "./ReconsentList.svelte";

// As the backend sorts them: by first group (none first), then by name.
const lines: ReconsentLine[] = [
  { person: 30, name: "Els Peeters", groups: [], reason: "never-asked", items: [], form: 3 },
  { person: 12, name: "Daan Jansen", groups: ["Groep 7"], reason: "expired", items: ["class/social/promotion", "class/paper/activities"], form: 3 },
  { person: 12, name: "Daan Jansen", groups: ["Groep 7"], reason: "new-uses", items: ["individual/paper/activities"], form: 3 },
  { person: 5, name: "Lotte Bakker", groups: ["Groep 7"], reason: "expiring", items: ["class/paper/activities"], form: 3 },
  { person: 7, name: "Sanne de Vries", groups: ["Groep 8", "Zwemclub"], reason: "own-consent-age", items: ["class/paper/activities"], form: 3 },
];

const groups: Group[] = [
  { id: 1, name: "Groep 7", members: 24 },
  { id: 2, name: "Groep 8", members: 22 },
  { id: 3, name: "Zwemclub", members: 9 },
];

const choices: PhotoChoices = { photo_types: schoolForm.photo_types, channels: schoolForm.channels, purposes: schoolForm.purposes };

function backend(extra: Record<string, Handler> = {}) {
  return mockBackend({ reconsent: () => lines, groups: () => groups, photo_choices: () => choices, ...extra });
}

const rows = () => screen.queryAllByTestId("reconsent-row");
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const titles = () => screen.queryAllByTestId("reconsent-section-title").map((h) => h.textContent);
const reasonsOf = () => rows().map((r) => [r.getAttribute("data-person-id"), r.getAttribute("data-reason")]);

async function setDate(typed: string) {
  // The whole date at once (as a paste), day first, then the field is left:
  // one reload, where typing it key by key would reload for each half date.
  const input = screen.getByTestId("reconsent-date") as HTMLInputElement;
  await fireEvent.input(input, { target: { value: typed } });
  await fireEvent.blur(input);
}

describe("ReconsentList", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "reconsent" });
    // Only the clock: waiting and typing keep real timers.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 7, 31, 23, 30));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens on today, lists everyone per group with the reason and items in words, and opens a person", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(ReconsentList);
    // The local day, also late in the evening.
    expect((screen.getByTestId("reconsent-date") as HTMLInputElement).value).toBe("31-08-2026");
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(callsTo(calls, "reconsent")).toEqual([{ at: "2026-08-31", group: null }]);

    expect(titles()).toEqual(["Zonder groep", "Groep 7", "Groep 8"]);
    const sections = screen.getAllByTestId("reconsent-section");
    const inSection = (i: number) => within(sections[i]).getAllByTestId("reconsent-row").map((r) => r.getAttribute("data-person-id"));
    expect([inSection(0), inSection(1), inSection(2)]).toEqual([["30"], ["12", "12", "5"], ["7"]]);
    expect(reasonsOf()).toEqual([
      ["30", "never-asked"],
      ["12", "expired"],
      ["12", "new-uses"],
      ["5", "expiring"],
      ["7", "own-consent-age"],
    ]);
    // Each person once, though Daan is there twice.
    expect(screen.getByTestId("reconsent-count").textContent).toBe("4 personen om opnieuw te vragen");
    // The count is announced, not the whole list.
    expect(screen.getByTestId("reconsent-count").closest("[aria-live]")).not.toBeNull();
    expect(rows()[0].closest("[aria-live]")).toBeNull();

    const daan = rows()[1];
    expect(within(daan).getByTestId("reconsent-open").textContent).toBe("Daan Jansen");
    expect(within(daan).getByTestId("reconsent-reason").textContent).toBe("Toestemming is verlopen");
    // The words arrive with the groups, beside the list: keys until then.
    await waitFor(() =>
      expect([...within(daan).getByTestId("reconsent-items").querySelectorAll("li")].map((li) => li.textContent)).toEqual([
        "Klasfoto · Sociale media · Promotie",
        "Klasfoto · Schoolkrant · Schoolactiviteiten",
      ]),
    );
    // Never asked concerns no item in particular.
    expect(within(rows()[0]).getByTestId("reconsent-items").textContent?.trim()).toBe("");

    await user.click(within(rows()[4]).getByTestId("reconsent-open"));
    expect(router.route).toEqual({ name: "person", id: 7 });
  });

  it("names every reason in plain words, in Dutch and in English", async () => {
    const five: ReconsentLine[] = (["expired", "expiring", "never-asked", "own-consent-age", "new-uses"] as const).map((reason) => ({
      person: 7,
      name: "Sanne de Vries",
      groups: ["Groep 8"],
      reason,
      items: [],
      form: 3,
    }));
    backend({ reconsent: () => five });
    const view = render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getAllByTestId("reconsent-reason").map((r) => r.textContent)).toEqual([
      "Toestemming is verlopen",
      "Toestemming loopt binnen 30 dagen af",
      "Heeft nooit een formulier ingevuld",
      "Beslist nu zelf, maar de toestemming kwam van een ouder/voogd",
      "Nieuwe versie van het formulier vraagt om nieuw gebruik",
    ]);
    view.unmount();

    useLang("en");
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getAllByTestId("reconsent-reason").map((r) => r.textContent)).toEqual([
      "Consent has expired",
      "Consent ends within 30 days",
      "Never filled in a form",
      "Decides alone now, but consent came from a parent/guardian",
      "A new version of the form asks about new uses",
    ]);
    expect(screen.getByTestId("reconsent-count").textContent).toBe("1 person to ask again");
  });

  it("reloads when the date or the group changes, with the chosen group as the one heading", async () => {
    const calls = backend({
      reconsent: ({ group }) => (group === null ? lines : lines.filter((l) => l.groups.includes(group as string))),
    });
    const user = userEvent.setup();
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    const select = screen.getByTestId("reconsent-group") as HTMLSelectElement;
    await waitFor(() => expect([...select.options].map((o) => o.textContent)).toEqual(["Alle groepen", "Groep 7", "Groep 8", "Zwemclub"]));

    await setDate("01-09-2026");
    await waitFor(() => expect(callsTo(calls, "reconsent").at(-1)).toEqual({ at: "2026-09-01", group: null }));

    await user.selectOptions(select, "Zwemclub");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsTo(calls, "reconsent").at(-1)).toEqual({ at: "2026-09-01", group: "Zwemclub" });
    // Sanne's first group is Groep 8, but she is listed for the chosen group.
    expect(titles()).toEqual(["Zwemclub"]);
    expect(screen.getByTestId("reconsent-section").getAttribute("data-group")).toBe("Zwemclub");

    await user.selectOptions(select, "Alle groepen");
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(callsTo(calls, "reconsent").at(-1)).toEqual({ at: "2026-09-01", group: null });
    expect(titles()).toEqual(["Zonder groep", "Groep 7", "Groep 8"]);

    // An emptied date field asks for today.
    await setDate("");
    await waitFor(() => expect(callsTo(calls, "reconsent").at(-1)).toEqual({ at: null, group: null }));
    expect(callsTo(calls, "reconsent")).toEqual([
      { at: "2026-08-31", group: null },
      { at: "2026-09-01", group: null },
      { at: "2026-09-01", group: "Zwemclub" },
      { at: "2026-09-01", group: null },
      { at: null, group: null },
    ]);
  });

  it("shows only the answer for the latest choice", async () => {
    const slow = deferred<ReconsentLine[]>();
    backend({ reconsent: ({ at }) => (at === "2026-08-31" ? slow.promise : [lines[4]]) });
    render(ReconsentList);
    await setDate("01-09-2026");
    await waitFor(() => expect(rows()).toHaveLength(1));
    slow.resolve(lines);
    await new Promise((r) => setTimeout(r, 20));
    expect(reasonsOf()).toEqual([["7", "own-consent-age"]]);
  });

  it("says plainly that nobody has to be asked again, and has nothing to print", async () => {
    backend({ reconsent: () => [] });
    render(ReconsentList);
    expect((await screen.findByTestId("reconsent-empty")).textContent).toBe("Niemand hoeft opnieuw gevraagd te worden.");
    expect(rows()).toHaveLength(0);
    expect(screen.queryByTestId("reconsent-section")).toBeNull();
    expect(button("reconsent-print").disabled).toBe(true);
    expect(button("reconsent-print-forms").disabled).toBe(true);
  });

  it("shows a refused date in place of the list", async () => {
    backend({
      reconsent: ({ at }) => {
        if (at === "1900-01-01") throw refuse("date.out_of_range", "Deze datum ligt te ver in het verleden of de toekomst.");
        return lines;
      },
    });
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    await setDate("01-01-1900");
    expect((await screen.findByTestId("reconsent-error")).textContent).toBe("Deze datum ligt te ver in het verleden of de toekomst.");
    expect(rows()).toHaveLength(0);
    expect(button("reconsent-print").disabled).toBe(true);

    await setDate("01-09-2026");
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.queryByTestId("reconsent-error")).toBeNull();
  });

  it("shows the keys of items when their words cannot be loaded", async () => {
    backend({
      photo_choices: () => {
        throw refuse("auth.required", "U bent niet (meer) aangemeld.");
      },
    });
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect((await screen.findByTestId("reconsent-choices-error")).textContent).toBe("U bent niet (meer) aangemeld.");
    expect(within(rows()[3]).getByTestId("reconsent-items").textContent?.trim()).toBe("class · paper · activities");
  });

  it("prints the list once on a double click and names the file", async () => {
    const answer = deferred<ReconsentPrintReport | null>();
    const calls = backend({ print_reconsent: () => answer.promise });
    const user = userEvent.setup();
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));

    await user.dblClick(button("reconsent-print"));
    expect(callsTo(calls, "print_reconsent")).toEqual([{ at: "2026-08-31", group: null, forms: false }]);
    expect(button("reconsent-print").textContent?.trim()).toBe("Bezig…");
    expect(button("reconsent-print").disabled).toBe(true);
    // One save dialog at a time.
    expect(button("reconsent-print-forms").disabled).toBe(true);
    expect(button("reconsent-print-forms").textContent?.trim()).toBe("Lijst en formulieren afdrukken");

    answer.resolve({ checklist: "Rondes/Toestemming opnieuw vragen.pdf", people: 4, forms: null });
    expect((await screen.findByTestId("print-done")).textContent?.trim()).toBe("De lijst is opgeslagen als Rondes/Toestemming opnieuw vragen.pdf (4 personen).");
    await waitFor(() => expect(button("reconsent-print").disabled).toBe(false));
    expect(button("reconsent-print").textContent?.trim()).toBe("Lijst afdrukken");
    expect(button("reconsent-print-forms").disabled).toBe(false);
    expect(callsTo(calls, "print_reconsent")).toHaveLength(1);
  });

  it("prints the list with the forms for the chosen group and day, and names both files", async () => {
    const answer = deferred<ReconsentPrintReport | null>();
    const calls = backend({ print_reconsent: () => answer.promise });
    const user = userEvent.setup();
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    await waitFor(() => expect((screen.getByTestId("reconsent-group") as HTMLSelectElement).options).toHaveLength(4));
    await user.selectOptions(screen.getByTestId("reconsent-group"), "Groep 8");
    await setDate("01-09-2026");

    await user.dblClick(button("reconsent-print-forms"));
    expect(callsTo(calls, "print_reconsent")).toEqual([{ at: "2026-09-01", group: "Groep 8", forms: true }]);
    expect(button("reconsent-print-forms").textContent?.trim()).toBe("Bezig…");
    expect(button("reconsent-print").disabled).toBe(true);

    answer.resolve({ checklist: "Rondes/Toestemming opnieuw vragen.pdf", people: 1, forms: "Rondes/Formulieren om opnieuw te vragen.pdf" });
    const done = await screen.findByTestId("print-done");
    expect([...done.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      "De lijst is opgeslagen als Rondes/Toestemming opnieuw vragen.pdf (1 persoon).",
      "De formulieren staan ernaast, in Rondes/Formulieren om opnieuw te vragen.pdf.",
    ]);
  });

  it("says so when forms were asked for but no form is in use", async () => {
    backend({ print_reconsent: () => ({ checklist: "Rondes/Toestemming opnieuw vragen.pdf", people: 4, forms: null }) });
    const user = userEvent.setup();
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));
    await user.click(button("reconsent-print-forms"));
    expect((await screen.findByTestId("print-done")).textContent).toContain("Er zijn geen formulieren gemaakt: er is geen formulier in gebruik.");
  });

  it("shows nothing when the save dialog is closed, and a refusal as its message", async () => {
    let answer: () => unknown = () => null;
    const calls = backend({ print_reconsent: () => answer() });
    const user = userEvent.setup();
    render(ReconsentList);
    await waitFor(() => expect(rows()).toHaveLength(5));

    await user.click(button("reconsent-print"));
    await waitFor(() => expect(callsTo(calls, "print_reconsent")).toHaveLength(1));
    await waitFor(() => expect(button("reconsent-print").disabled).toBe(false));
    expect(screen.queryByTestId("print-done")).toBeNull();
    expect(screen.queryByTestId("print-error")).toBeNull();

    answer = () => {
      throw refuse("file.write", "Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
    };
    await user.click(button("reconsent-print-forms"));
    expect((await screen.findByTestId("print-error")).textContent).toBe("Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
    expect(screen.queryByTestId("print-done")).toBeNull();
    expect(button("reconsent-print-forms").disabled).toBe(false);
  });
});
