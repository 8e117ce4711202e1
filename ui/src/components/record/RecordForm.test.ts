import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { FormSummary, FormVersion, PersonPage } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { formatDate, todayIso } from "../../lib/util/dates";
import { personPage, schoolForm, schoolVersion } from "../../test/fixtures";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import RecordForm from "./RecordForm.svelte";

const summaries: FormSummary[] = [
  { id: 3, title: schoolForm.title, latest_version: 2, versions: 2, active: true, builtin: null, answered: 4, audience: "children" },
  { id: 4, title: "Oud formulier", latest_version: 1, versions: 1, active: false, builtin: null, answered: 0, audience: "children" },
  { id: 5, title: "Uitstapjes", latest_version: 1, versions: 1, active: true, builtin: null, answered: 0, audience: "children" },
];
const tripsVersion: FormVersion = {
  version_id: 20, form: 5, version: 1, created_at: "2026-08-01T10:00:00", answered: false,
  content: { ...schoolForm, title: "Uitstapjes", items: [{ photo_type: "individual", channel: "social", purpose: "promotion" }] },
};

function backend(page: PersonPage = personPage(), extra: Record<string, Handler> = {}) {
  return mockBackend({
    person_page: () => page,
    forms: () => summaries,
    form: ({ form }) => (form === 3 ? schoolVersion : form === 5 ? tripsVersion : Promise.reject(refuse("form.unknown", "?"))),
    record_consent: () => 100,
    ...extra,
  });
}

const boxes = () => screen.getAllByTestId("record-cell") as HTMLInputElement[];

describe("RecordForm", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "record", id: 7 });
  });

  it("offers only forms in use and the guardians as givers", async () => {
    const calls = backend();
    render(RecordForm, { personId: 7 });
    const select = (await screen.findByTestId("record-form-select")) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([`${schoolForm.title} (versie 2)`, "Uitstapjes (versie 1)"]);
    expect(callsTo(calls, "form")).toEqual([{ form: 3, version: null }, { form: 5, version: null }]);
    const who = screen.getByTestId("record-given-by") as HTMLSelectElement;
    expect([...who.options].map((o) => o.value)).toEqual(["Anna de Vries", "Piet de Vries"]);
    expect((screen.getByTestId("record-method") as HTMLSelectElement).value).toBe("paper");
    expect((screen.getByTestId("record-date") as HTMLInputElement).value).toBe(formatDate(todayIso()));
  });

  it("offers a staff member only staff forms, and says refusing has no consequences", async () => {
    const staffVersion: FormVersion = { ...tripsVersion, version_id: 30, form: 6, content: { ...tripsVersion.content, title: "Medewerkers", audience: "staff" } };
    const base = personPage({ consents: "self" });
    mockBackend({
      person_page: () => ({ ...base, person: { ...base.person, kind: "staff", name: "Juf Ellen", guardians: [] } }),
      forms: () => [...summaries, { id: 6, title: "Medewerkers", latest_version: 1, versions: 1, active: true, builtin: "medewerkers-nl", answered: 0, audience: "staff" }],
      form: ({ form }) => (form === 3 ? schoolVersion : form === 5 ? tripsVersion : staffVersion),
    });
    render(RecordForm, { personId: 7 });
    const select = (await screen.findByTestId("record-form-select")) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["Medewerkers (versie 1)"]);
    expect(screen.getByTestId("record-staff-no-pressure").textContent).toContain("Weigeren of intrekken heeft geen gevolgen");
  });

  it("offers the person themselves when they decide", async () => {
    backend(personPage({ consents: "self", age: 17 }));
    render(RecordForm, { personId: 7 });
    const who = (await screen.findByTestId("record-given-by")) as HTMLSelectElement;
    expect([...who.options].map((o) => o.value)).toEqual(["Sanne de Vries"]);
  });

  it("opens on who signed when there is a choice, else on the first box", async () => {
    backend();
    const first = render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("record-given-by")));
    first.unmount();

    backend(personPage({ consents: "self", age: 17 }));
    render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    await waitFor(() => expect(document.activeElement).toBe(boxes()[0]));
  });

  it("is fast by keyboard: the grid is one Tab stop, the arrows move, Space ticks", async () => {
    backend();
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    (screen.getByTestId("record-date") as HTMLInputElement).focus();
    // Who else signed comes next, then the buttons for all boxes, then the grid on its first box.
    await user.tab();
    expect(document.activeElement?.getAttribute("data-name")).toBe("Piet de Vries");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("record-all-yes"));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("record-all-no"));
    await user.tab();
    expect(document.activeElement).toBe(boxes()[0]);
    expect(boxes().map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    // One Tab leaves the grid.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("record-save"));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(boxes()[0]);

    await user.keyboard("{ArrowRight}");
    expect(document.activeElement?.getAttribute("data-item")).toBe("class/social/promotion");
    await user.keyboard(" ");
    // No box below it (the form does not ask that): the focus stays.
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement?.getAttribute("data-item")).toBe("class/social/promotion");
    await user.keyboard("{ArrowLeft}{ArrowDown}");
    expect(document.activeElement?.getAttribute("data-item")).toBe("individual/paper/activities");
    await user.keyboard("  ");
    expect(boxes().map((b) => b.checked)).toEqual([false, true, false]);
    // The grid remembers where it was: Tab out and back lands there.
    expect(boxes().map((b) => b.tabIndex)).toEqual([-1, -1, 0]);
    await user.tab();
    await user.tab({ shift: true });
    expect(document.activeElement?.getAttribute("data-item")).toBe("individual/paper/activities");

    // Left of a box is its row's heading, above the first row the column's: Space there ticks the lot.
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("record-row-toggle");
    await user.keyboard(" ");
    expect(boxes().map((b) => b.checked)).toEqual([false, true, true]);
    await user.keyboard("{Control>}{Home}{/Control}");
    expect(document.activeElement?.getAttribute("data-channel")).toBe("paper");
    await user.keyboard(" ");
    expect(boxes().map((b) => b.checked)).toEqual([true, true, true]);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(boxes()[0]);
  });

  describe("many boxes at once", () => {
    // Social media asks two purposes: its heading spans both, each purpose has its own.
    const wide: FormVersion = {
      ...schoolVersion,
      content: {
        ...schoolForm,
        items: [
          { photo_type: "class", channel: "paper", purpose: "activities" },
          { photo_type: "class", channel: "social", purpose: "activities" },
          { photo_type: "class", channel: "social", purpose: "promotion" },
          { photo_type: "individual", channel: "paper", purpose: "activities" },
          { photo_type: "individual", channel: "social", purpose: "promotion" },
        ],
      },
    };
    const answers = (calls: ReturnType<typeof backend>) =>
      Object.fromEntries(((callsTo(calls, "record_consent")[0].request as { answers: { item: string; yes: boolean }[] }).answers).map((a) => [a.item, a.yes]));
    const toggle = (testid: string, attrs: Record<string, string>) =>
      screen.getAllByTestId(testid).find((b) => Object.entries(attrs).every(([k, v]) => b.getAttribute(`data-${k}`) === v))!;

    it("records 'yes, except social media' in two clicks", async () => {
      const calls = backend(personPage(), { form: ({ form }) => (form === 3 ? wide : tripsVersion) });
      const user = userEvent.setup();
      render(RecordForm, { personId: 7 });
      await screen.findAllByTestId("record-cell");
      await user.click(screen.getByTestId("record-all-yes"));
      await user.click(toggle("record-col-toggle", { channel: "social" }));
      expect(toggle("record-col-toggle", { channel: "social" }).getAttribute("aria-pressed")).toBe("false");
      expect(toggle("record-col-toggle", { channel: "paper" }).getAttribute("aria-pressed")).toBe("true");
      await user.click(screen.getByTestId("record-save"));
      await waitFor(() => expect(callsTo(calls, "record_consent")).toHaveLength(1));
      expect(answers(calls)).toEqual({
        "class/paper/activities": true,
        "class/social/activities": false,
        "class/social/promotion": false,
        "individual/paper/activities": true,
        "individual/social/promotion": false,
      });
    });

    it("toggles a row, a purpose column and everything, and says which are half ticked", async () => {
      backend(personPage(), { form: ({ form }) => (form === 3 ? wide : tripsVersion) });
      const user = userEvent.setup();
      render(RecordForm, { personId: 7 });
      await screen.findAllByTestId("record-cell");
      const ticked = () => boxes().filter((b) => b.checked).map((b) => b.dataset.item);
      // A channel with one purpose has no second toggle for it.
      expect(screen.getAllByTestId("record-col-toggle").map((b) => [b.dataset.channel, b.dataset.purpose ?? null])).toEqual([
        ["paper", null],
        ["social", null],
        ["social", "activities"],
        ["social", "promotion"],
      ]);
      const row = toggle("record-row-toggle", { "photo-type": "class" });
      expect(row.getAttribute("aria-label")).toBe("Klasfoto: alles aan- of uitvinken");
      await user.click(row);
      expect(ticked()).toEqual(["class/paper/activities", "class/social/activities", "class/social/promotion"]);
      expect(row.getAttribute("aria-pressed")).toBe("true");
      expect(toggle("record-col-toggle", { channel: "social", purpose: "promotion" }).getAttribute("aria-pressed")).toBe("mixed");
      // Half ticked becomes all ticked; all ticked becomes none.
      await user.click(toggle("record-col-toggle", { channel: "social", purpose: "promotion" }));
      expect(ticked()).toContain("individual/social/promotion");
      await user.click(toggle("record-col-toggle", { channel: "social", purpose: "promotion" }));
      expect(ticked()).toEqual(["class/paper/activities", "class/social/activities"]);
      expect(row.getAttribute("aria-pressed")).toBe("mixed");
      await user.click(row);
      expect(row.getAttribute("aria-pressed")).toBe("true");
      await user.click(row);
      expect(ticked()).toEqual([]);
      await user.click(screen.getByTestId("record-all-yes"));
      expect(ticked()).toHaveLength(5);
      expect(screen.getByTestId("record-bar").textContent).toContain("5 van 5 keer ja aangevinkt.");
      await user.click(screen.getByTestId("record-all-no"));
      expect(ticked()).toEqual([]);
    });
  });

  describe("a pile of forms for a list", () => {
    const queue = [
      { id: 5, name: "Daan Bakker" },
      { id: 7, name: "Sanne de Vries" },
      { id: 9, name: "Noor Jansen" },
    ];

    it("saves and goes straight on to the next person of the list, saying who was saved", async () => {
      const calls = backend();
      const user = userEvent.setup();
      go({ name: "record", id: 7, queue });
      render(RecordForm, { personId: 7, queue });
      await screen.findAllByTestId("record-cell");
      expect(screen.getByTestId("record-next-name").textContent).toBe("Volgende: Noor Jansen, 3 van 3");
      await user.click(screen.getByTestId("record-all-yes"));
      await user.click(screen.getByTestId("record-save-next"));
      await waitFor(() => expect(router.route).toEqual({ name: "record", id: 9, queue }));
      expect(router.flash).toBe("Opgeslagen voor Sanne de Vries.");
      expect(callsTo(calls, "record_consent")[0]).toMatchObject({ request: { person: 7 } });
    });

    it("shows in the bar what was saved, on the next person's screen, and the last one has no next", async () => {
      backend(personPage({ person: { ...personPage().person, id: 9, name: "Noor Jansen" } }));
      go({ name: "record", id: 9, queue }, "Opgeslagen voor Sanne de Vries.");
      render(RecordForm, { personId: 9, queue });
      await screen.findAllByTestId("record-cell");
      expect(screen.getByTestId("record-saved").textContent).toBe("Opgeslagen voor Sanne de Vries.");
      expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Formulier invoeren: Noor Jansen");
      expect(screen.queryByTestId("record-save-next")).toBeNull();
      expect(screen.queryByTestId("record-next-name")).toBeNull();
      expect(screen.getByTestId("record-last").textContent).toBe("Dit is de laatste in de lijst (3 van 3).");
    });

    it("keeps the plain Save and Ctrl+Enter going to the person's page; Ctrl+Shift+Enter saves and goes on", async () => {
      const calls = backend();
      const user = userEvent.setup();
      const first = render(RecordForm, { personId: 7, queue });
      await screen.findAllByTestId("record-cell");
      await user.keyboard("{Control>}{Enter}{/Control}");
      await waitFor(() => expect(router.route).toEqual({ name: "person", id: 7, queue }));
      expect(router.flash).toBe("Het formulier is opgeslagen.");
      first.unmount();

      go({ name: "record", id: 7, queue });
      render(RecordForm, { personId: 7, queue });
      await screen.findAllByTestId("record-cell");
      await user.keyboard("{Control>}{Shift>}{Enter}{/Shift}{/Control}");
      await waitFor(() => expect(router.route).toEqual({ name: "record", id: 9, queue }));
      expect(callsTo(calls, "record_consent")).toHaveLength(2);
    });

    it("skips to the next person without saving", async () => {
      const calls = backend();
      const user = userEvent.setup();
      render(RecordForm, { personId: 7, queue });
      await user.click(await screen.findByTestId("record-skip"));
      expect(router.route).toEqual({ name: "record", id: 9, queue });
      expect(callsTo(calls, "record_consent")).toHaveLength(0);
    });

    it("stays on the screen with the refusal when saving fails", async () => {
      backend(personPage(), { record_consent: () => { throw refuse("consent.guardian_required", "Sanne is 11: een ouder/voogd moet toestemming geven."); } });
      const user = userEvent.setup();
      go({ name: "record", id: 7, queue });
      render(RecordForm, { personId: 7, queue });
      await user.click(await screen.findByTestId("record-save-next"));
      expect((await screen.findByTestId("error")).textContent).toBe("Sanne is 11: een ouder/voogd moet toestemming geven.");
      // The refusal shows beside the buttons, where the user is looking.
      expect(screen.getByTestId("record-bar").contains(screen.getByTestId("error"))).toBe(true);
      expect(router.route).toEqual({ name: "record", id: 7, queue });
    });

    it("offers no next without a list", async () => {
      backend();
      render(RecordForm, { personId: 7 });
      await screen.findAllByTestId("record-cell");
      expect(screen.queryByTestId("record-save-next")).toBeNull();
      expect(screen.queryByTestId("record-last")).toBeNull();
      expect(screen.getByTestId("record-bar").contains(screen.getByTestId("record-save"))).toBe(true);
    });
  });

  it("saves exactly the ticked answers with giver, method and date, once on a double click", async () => {
    const gate = deferred<number>();
    const calls = backend(personPage(), { record_consent: () => gate.promise });
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    await user.click(boxes()[0]);
    await user.click(boxes()[2]);
    await user.selectOptions(screen.getByTestId("record-given-by"), "Piet de Vries");
    // The other guardian signed too; the one chosen above is not offered twice, the child of 11 not at all.
    const others = () => (screen.getAllByTestId("record-co-signer") as HTMLInputElement[]).map((b) => b.dataset.name);
    expect(others()).toEqual(["Anna de Vries"]);
    await user.click(screen.getAllByTestId("record-co-signer")[0]);
    await user.selectOptions(screen.getByTestId("record-method"), "digital");
    const date = screen.getByTestId("record-date");
    await user.clear(date);
    await user.type(date, "3-9-2026");

    await user.dblClick(screen.getByTestId("record-save"));
    expect((screen.getByTestId("record-save") as HTMLButtonElement).disabled).toBe(true);
    gate.resolve(100);

    await waitFor(() => expect(router.route).toEqual({ name: "person", id: 7 }));
    expect(router.flash).toBe("Het formulier is opgeslagen.");
    expect(callsTo(calls, "record_consent")).toEqual([
      {
        request: {
          person: 7,
          form: 3,
          version: 2,
          answers: [
            { item: "class/paper/activities", yes: true },
            { item: "class/social/promotion", yes: false },
            { item: "individual/paper/activities", yes: true },
          ],
          given_by: "Piet de Vries",
          co_signers: ["Anna de Vries"],
          method: "digital",
          date: "2026-09-03",
        },
      },
    ]);
  });

  it("switching forms shows that form's grid and clears the ticks", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    await user.click(boxes()[0]);
    await user.selectOptions(screen.getByTestId("record-form-select"), "5");
    expect(boxes().map((b) => b.getAttribute("data-item"))).toEqual(["individual/social/promotion"]);
    await user.click(boxes()[0]);
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(callsTo(calls, "record_consent")).toHaveLength(1));
    expect(callsTo(calls, "record_consent")[0]).toMatchObject({ request: { form: 5, version: 1, answers: [{ item: "individual/social/promotion", yes: true }] } });
  });

  it("saves nothing with a date that does not exist, by button or Ctrl+Enter, and says why", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    const date = screen.getByTestId("record-date") as HTMLInputElement;
    await user.clear(date);
    await user.type(date, "31-02-2026");
    await user.keyboard("{Control>}{Enter}{/Control}");
    await user.click(screen.getByTestId("record-save"));
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(date.getAttribute("aria-describedby")!)?.textContent).toBe("Die dag bestaat niet: februari 2026 heeft 28 dagen.");
    expect(callsTo(calls, "record_consent")).toHaveLength(0);
    expect(router.route).toEqual({ name: "record", id: 7 });
  });

  it("shows the backend's refusal and stays on the screen", async () => {
    backend(personPage(), { record_consent: () => { throw refuse("consent.guardian_required", "Sanne is 11: een ouder/voogd moet toestemming geven."); } });
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    await user.click(await screen.findByTestId("record-save"));
    expect((await screen.findByTestId("error")).textContent).toBe("Sanne is 11: een ouder/voogd moet toestemming geven.");
    expect(router.route).toEqual({ name: "record", id: 7 });
    expect((screen.getByTestId("record-save") as HTMLButtonElement).disabled).toBe(false);
  });

  it("lets the full form text be read", async () => {
    backend();
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    const summary = await screen.findByText("Tekst van het formulier lezen");
    await user.click(summary);
    expect(summary.closest("details")?.open).toBe(true);
    expect(summary.closest("details")?.textContent).toContain("op school maken we foto's");
  });
});
