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

  it("is fast by keyboard: Tab reaches the boxes in reading order, Space ticks", async () => {
    backend();
    const user = userEvent.setup();
    render(RecordForm, { personId: 7 });
    await screen.findAllByTestId("record-cell");
    (screen.getByTestId("record-date") as HTMLInputElement).focus();
    // Who else signed comes next, then the answers.
    await user.tab();
    expect(document.activeElement?.getAttribute("data-name")).toBe("Piet de Vries");
    await user.tab();
    expect(document.activeElement).toBe(boxes()[0]);
    await user.tab();
    expect(document.activeElement?.getAttribute("data-item")).toBe("class/social/promotion");
    await user.keyboard(" ");
    await user.tab();
    expect(document.activeElement?.getAttribute("data-item")).toBe("individual/paper/activities");
    await user.keyboard(" ");
    await user.keyboard(" ");
    expect(boxes().map((b) => b.checked)).toEqual([false, true, false]);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("record-save"));
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
