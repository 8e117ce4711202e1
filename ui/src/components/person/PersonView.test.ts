import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { DossierReport, FormPrintReport, FormSummary, LeaverPhotos, PersonPage } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { formatDate, todayIso } from "../../lib/util/dates";
import { itemStatus, personPage } from "../../test/fixtures";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import PersonView from "./PersonView.svelte";
import { app } from "../../lib/session/session.svelte";

const schoolForms: FormSummary[] = [
  { id: 3, title: "Toestemming beeldmateriaal 2026-2027", latest_version: 2, versions: 2, active: true, builtin: null, answered: 40, audience: "children" },
  { id: 4, title: "Oud formulier", latest_version: 1, versions: 1, active: false, builtin: null, answered: 3, audience: "children" },
];

function backend(page: PersonPage, extra: Record<string, Handler> = {}) {
  return mockBackend({
    person_page: () => page,
    withdraw_consent: () => 99,
    forms: () => schoolForms,
    face_excluded: () => false,
    photos: () => ({ total: 0, photos: [] }),
    photo_choices: () => ({ photo_types: [], channels: [], purposes: [] }),
    ...extra,
  });
}

const cell = (item: string) => screen.getAllByTestId("consent-cell").find((c) => c.getAttribute("data-item") === item)!;

describe("PersonView", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "person", id: 7 });
  });

  it("shows who the person is and who decides", async () => {
    backend(personPage());
    render(PersonView, { id: 7 });
    expect((await screen.findByTestId("person-title")).textContent).toBe("Sanne de Vries");
    expect(screen.getByTestId("person-birth-date").textContent).toContain("14-03-2015");
    expect(screen.getByTestId("person-birth-date").textContent).toContain("11 jaar");
    expect(screen.getByTestId("who-consents").textContent).toContain("Ouder/voogd beslist");
    expect(screen.getByTestId("guardians").textContent).toContain("Piet de Vries");
    expect(screen.queryByTestId("own-confirmation")).toBeNull();
  });

  it("gives a teacher the statuses and the withdrawal, not recording, printing or the history", async () => {
    const org = { name: "De Regenboog", jurisdiction: "nl", consent_age: 16, school_year_start: { month: 8, day: 1 }, idle_lock_minutes: 10, guardian_consent: "until-school-year-end" } as const;
    app.status = { initialised: true, session: { user_id: 5, username: "juf", role: "teacher", must_change_password: false, person: null }, organisation: org, lang: "nl", data_dir: "/d", error: null, today: todayIso(), leavers_period: null, idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null, desk: false };
    try {
      backend({ ...personPage(), history: [] });
      render(PersonView, { id: 7 });
      expect(await screen.findByTestId("person-title")).toBeTruthy();
      expect(screen.getByTestId("withdraw-all")).toBeTruthy();
      expect(screen.queryByTestId("record-form-open")).toBeNull();
      expect(screen.queryByText("Geschiedenis")).toBeNull();
    } finally {
      app.status = null;
    }
  });

  it("asks to have guardian consent confirmed when the backend flags it", async () => {
    backend(personPage({ consents: "self", age: 16, own_confirmation_needed: true }));
    render(PersonView, { id: 7 });
    expect((await screen.findByTestId("own-confirmation")).textContent).toContain("Sanne de Vries beslist nu zelf");
    expect(screen.getByTestId("who-consents").textContent).toContain("Beslist zelf (vanaf 16)");
  });

  it("marks an answer that stopped counting because the pupil now decides", async () => {
    const lapsed = { ...itemStatus("class/paper/activities", "none"), record: 3, own_answer_needed: true };
    backend(personPage({ consents: "self", age: 17, own_confirmation_needed: true, status: [lapsed] }));
    render(PersonView, { id: 7 });
    await screen.findByTestId("consent-grid");
    const c = cell("class/paper/activities");
    expect(c.getAttribute("data-status")).toBe("none");
    expect(within(c).getByTestId("own-answer-needed").textContent).toBe("ouders antwoordden; eigen antwoord nodig");
    expect(within(c).queryByTestId("withdraw-item")).toBeNull();
  });

  it("renders every status as words with the right data-status", async () => {
    const page = personPage({
      forms: [{ ...personPage().forms[0], content: { ...personPage().forms[0].content, items: [
        { photo_type: "class", channel: "paper", purpose: "activities" },
        { photo_type: "class", channel: "paper", purpose: "promotion" },
        { photo_type: "class", channel: "social", purpose: "activities" },
        { photo_type: "class", channel: "social", purpose: "promotion" },
        { photo_type: "individual", channel: "paper", purpose: "activities" },
      ] } }],
      status: [
        itemStatus("class/paper/activities", "granted", "2027-07-31"),
        itemStatus("class/paper/promotion", "denied"),
        itemStatus("class/social/activities", "withdrawn"),
        itemStatus("class/social/promotion", "expired", "2026-07-31"),
        itemStatus("individual/paper/activities", "none"),
      ],
    });
    backend(page);
    render(PersonView, { id: 7 });
    await screen.findByTestId("consent-grid");
    const seen = screen.getAllByTestId("consent-cell").map((c) => [c.getAttribute("data-item"), c.getAttribute("data-status"), c.querySelector(".status-text")?.textContent?.trim()]);
    expect(seen).toEqual([
      ["class/paper/activities", "granted", "✓ Gegeven"],
      ["class/paper/promotion", "denied", "✗ Geweigerd"],
      ["class/social/activities", "withdrawn", "⊘ Ingetrokken"],
      ["class/social/promotion", "expired", "◷ Verlopen"],
      ["individual/paper/activities", "none", "– Niet gevraagd"],
    ]);
    expect(cell("class/paper/activities").textContent).toContain("geldig t/m 31-07-2027");
    // Combinations the form does not ask about get no status cell.
    expect(screen.getByTestId("consent-grid").querySelectorAll("td.empty")).toHaveLength(3);
    // Only granted consent can be withdrawn.
    expect(screen.getAllByTestId("withdraw-item").map((b) => b.getAttribute("data-item"))).toEqual(["class/paper/activities"]);
  });

  it("says a yes ended because the person left, not that its term ran out", async () => {
    const base = personPage();
    backend(personPage({ status: [{ ...itemStatus("class/paper/activities", "expired", "2026-11-13"), left_on: "2026-11-13" }, ...base.status.slice(1)] }));
    render(PersonView, { id: 7 });
    await screen.findByTestId("consent-grid");
    expect(cell("class/paper/activities").querySelector('[data-testid="left-on"]')?.textContent).toBe("beëindigd: vertrokken op 13-11-2026");
    expect(cell("class/paper/activities").textContent).not.toContain("gold t/m");
  });

  it("reloads for another date and hides withdrawing there", async () => {
    const calls = backend(personPage());
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    const date = (await screen.findByTestId("consent-date")) as HTMLInputElement;
    await waitFor(() => expect(date.value).not.toBe(""));
    const loads = callsTo(calls, "person_page").length;
    await user.clear(date);
    await user.type(date, "1-6-2026");
    // Nothing reloads for a half-typed date: the grid follows on Enter or on leaving the field.
    expect(callsTo(calls, "person_page")).toHaveLength(loads);
    await user.keyboard("{Enter}");
    expect(date.value).toBe("01-06-2026");
    await waitFor(() => expect(callsTo(calls, "person_page").at(-1)).toEqual({ person: 7, at: "2026-06-01" }));
    await waitFor(() => expect(screen.queryByTestId("withdraw-all")).toBeNull());
    expect(screen.queryAllByTestId("withdraw-item")).toHaveLength(0);
  });

  it("asks for confirmation, then withdraws the chosen item", async () => {
    const calls = backend(personPage());
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    await user.click(await screen.findByTestId("withdraw-item"));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByTestId("withdraw-items").textContent).toContain("Klasfoto · Schoolkrant · Schoolactiviteiten");
    expect(callsTo(calls, "withdraw_consent")).toHaveLength(0);

    const who = within(dialog).getByTestId("withdraw-given-by") as HTMLSelectElement;
    expect([...who.options].map((o) => o.value)).toEqual(["Anna de Vries", "Piet de Vries", "Sanne de Vries"]);
    await user.selectOptions(who, "Piet de Vries");
    await user.dblClick(within(dialog).getByTestId("withdraw-confirm"));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(callsTo(calls, "withdraw_consent")).toEqual([
      { request: { person: 7, items: ["class/paper/activities"], all: false, given_by: "Piet de Vries", method: "paper", date: todayIso() } },
    ]);
    expect(screen.getByRole("status").textContent).toContain("ingetrokken");
  });

  it("withdraws everything with all=true and shows a refusal", async () => {
    const calls = backend(personPage(), {
      withdraw_consent: () => { throw refuse("consent.after_leaving", "Deze datum ligt na de vertrekdatum."); },
    });
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    await user.click(await screen.findByTestId("withdraw-all"));
    await user.click(screen.getByTestId("withdraw-confirm"));
    expect((await screen.findByTestId("error")).textContent).toBe("Deze datum ligt na de vertrekdatum.");
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(callsTo(calls, "withdraw_consent")[0]).toMatchObject({ request: { person: 7, items: [], all: true, given_by: "Anna de Vries" } });
  });

  it("cancelling the dialog sends nothing", async () => {
    const calls = backend(personPage());
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    await user.click(await screen.findByTestId("withdraw-item"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(callsTo(calls, "withdraw_consent")).toHaveLength(0);
  });

  it("lists the history in time order with answers in words", async () => {
    const base = { person: 7, form_version_id: 11, form_id: 3, form_version: 2, form_title: "Toestemming beeldmateriaal 2026-2027", entered_by: "beheer", voids: null, void_reason: null, voided_by: null } as const;
    backend(personPage({
      history: [
        { ...base, id: 2, kind: "withdraw", form_version_id: null, form_id: null, form_version: null, form_title: null, given_by_name: "Sanne de Vries", given_by_role: "self", method: "digital", date: "2026-09-20", entered_at: "2026-09-20T10:00:00", answers: { "individual/paper/activities": "withdrawn" } },
        { ...base, id: 1, kind: "record", given_by_name: "Anna de Vries", given_by_role: "guardian", method: "paper", date: "2026-09-01", entered_at: "2026-09-02T08:30:00", answers: { "class/paper/activities": "yes", "class/social/promotion": "no", "individual/paper/activities": "yes" } },
      ],
      registered_by_teacher: [2],
    }));
    render(PersonView, { id: 7 });
    const events = await screen.findAllByTestId("history-event");
    expect(events.map((e) => e.getAttribute("data-kind"))).toEqual(["record", "withdraw"]);
    const first = events[0].textContent ?? "";
    expect(first).toContain("01-09-2026");
    expect(first).toContain("Toestemming beeldmateriaal 2026-2027, versie 2");
    expect(first).toContain("Door Anna de Vries (ouder/voogd)");
    expect(first).toContain("op papier");
    expect(first).toContain("ingevoerd door beheer op 02-09-2026 08:30");
    expect(events[0].querySelector(".answers-yes")?.textContent).toContain("Klasfoto · Schoolkrant · Schoolactiviteiten");
    expect(events[0].querySelector(".answers-no")?.textContent).toContain("Klasfoto · Sociale media · Promotie");
    expect(events[1].querySelector(".answers-withdrawn")?.textContent).toContain("Individuele foto · Schoolkrant · Schoolactiviteiten");
    expect(events[1].textContent).toContain("(zelf)");
    // The withdrawal a teacher registered is marked for the office; the record is not.
    expect(events[1].querySelector('[data-testid="history-by-teacher"]')?.textContent).toContain("Geregistreerd door een leerkracht");
    expect(events[0].querySelector('[data-testid="history-by-teacher"]')).toBeNull();
  });

  it("names everyone who signed a form, the one who decides first", async () => {
    const base = { person: 7, form_version_id: 11, form_id: 3, form_version: 2, form_title: "Formulier A", entered_by: "beheer", voids: null, void_reason: null, voided_by: null } as const;
    backend(personPage({
      history: [
        { ...base, id: 1, kind: "record", given_by_name: "Anna de Vries", given_by_role: "guardian", method: "paper", date: "2026-09-01", entered_at: "2026-09-02T08:30:00", answers: { "class/paper/activities": "yes" },
          co_signers: [{ name: "Piet de Vries", role: "guardian", guardian: 12 }, { name: "Sanne de Vries", role: "self", guardian: null }] },
      ],
    }));
    render(PersonView, { id: 7 });
    const [event] = await screen.findAllByTestId("history-event");
    expect(event.querySelector('[data-testid="history-signers"]')?.textContent).toBe("Getekend door Anna de Vries (ouder/voogd), Piet de Vries (ouder/voogd), Sanne de Vries (zelf)");
  });

  it("lists the scans kept with an entry, attaches another and saves a copy", async () => {
    const base = { person: 7, form_version_id: 11, form_id: 3, form_version: 2, form_title: "Formulier A", entered_by: "beheer", voids: null, void_reason: null, voided_by: null } as const;
    const scan = { number: 1, kind: "scan", sha256: "ab".repeat(32), format: "pdf", bytes: 2 * 1024 * 1024 + 5, pages: 2, attached_by: "beheer", attached_at: "2026-09-02T08:40:00" } as const;
    const page = personPage({
      history: [{ ...base, id: 1, kind: "record", given_by_name: "Anna de Vries", given_by_role: "guardian", method: "paper", date: "2026-09-01", entered_at: "2026-09-02T08:30:00", answers: { "class/paper/activities": "yes" }, attachments: [scan] }],
    });
    const calls = backend(page, {
      attach_scan_file: () => ({ ...scan, number: 2, format: "jpeg", pages: 1, bytes: 300 * 1024 }),
      attach_scan: () => ({ ...scan, number: 3, format: "pdf", pages: 1, bytes: 80 * 1024 }),
      scan_folder: () => ({
        folder: "/srv/scanner",
        unreachable: false,
        recent: [
          { path: "/srv/scanner/scan_0012.pdf", name: "scan_0012.pdf", bytes: 80 * 1024, modified: "2026-09-02T08:41:00" },
          { path: "/srv/scanner/scan_0011.pdf", name: "scan_0011.pdf", bytes: 75 * 1024, modified: "2026-09-02T08:39:00" },
        ],
      }),
      save_scan: () => "/home/kantoor/Scan registratie 1-1.pdf",
    });
    render(PersonView, { id: 7 });
    const [event] = await screen.findAllByTestId("history-event");
    const kept = within(event).getByTestId("history-scan");
    expect(kept.textContent).toContain("Scan van het ondertekende formulier (PDF, 2.0 MB, 2 pagina's)");
    expect(kept.textContent).toContain("SHA-256 abababababababab…");
    expect(kept.getAttribute("data-sha256")).toBe("ab".repeat(32));

    await userEvent.click(within(kept).getByTestId("scan-save"));
    expect((await screen.findByTestId("notice")).textContent).toBe("Opgeslagen als /home/kantoor/Scan registratie 1-1.pdf");
    expect(callsTo(calls, "save_scan")).toEqual([{ event: 1, number: 1 }]);

    // "Scan toevoegen" offers the scanner folder's newest files, newest first.
    await userEvent.click(within(event).getByTestId("scan-attach"));
    const newest = await screen.findAllByTestId("scan-folder-file");
    expect(newest.map((b) => b.textContent?.trim())).toEqual(["scan_0012.pdf — 02-09-2026 08:41, 80 kB", "scan_0011.pdf — 02-09-2026 08:39, 75 kB"]);
    expect(screen.getByTestId("scan-folder-path").textContent).toContain("/srv/scanner");
    await userEvent.click(newest[0]);
    await waitFor(() => expect(screen.getByTestId("notice").textContent).toBe("Scan bijgevoegd als bijlage 3."));
    expect(callsTo(calls, "attach_scan")).toEqual([{ event: 1, path: "/srv/scanner/scan_0012.pdf" }]);
    // The page is read again to show it.
    expect(callsTo(calls, "person_page").length).toBe(2);

    // Or another file, through the dialog.
    await userEvent.click(within((await screen.findAllByTestId("history-event"))[0]).getByTestId("scan-attach"));
    await userEvent.click(await screen.findByTestId("scan-other-file"));
    await waitFor(() => expect(screen.getByTestId("notice").textContent).toBe("Scan bijgevoegd als bijlage 2."));
    expect(callsTo(calls, "attach_scan_file")).toEqual([{ event: 1 }]);
  });

  it("says in words why a scan was refused", async () => {
    const base = { person: 7, form_version_id: 11, form_id: 3, form_version: 2, form_title: "Formulier A", entered_by: "beheer", voids: null, void_reason: null, voided_by: null } as const;
    backend(personPage({ history: [{ ...base, id: 1, kind: "record", given_by_name: "Anna de Vries", given_by_role: "guardian", method: "paper", date: "2026-09-01", entered_at: "2026-09-02T08:30:00", answers: {} }] }), {
      attach_scan_file: () => { throw refuse("scan.not_a_document", "'brief.txt' is geen PDF, JPEG of PNG."); },
      scan_folder: () => ({ folder: null, unreachable: false, recent: [] }),
    });
    render(PersonView, { id: 7 });
    const [event] = await screen.findAllByTestId("history-event");
    await userEvent.click(within(event).getByTestId("scan-attach"));
    // No scanner folder yet: the office is asked to choose one, or a file.
    expect((await screen.findByTestId("scan-folder-choose")).textContent).toContain("Scanmap kiezen");
    await userEvent.click(screen.getByTestId("scan-other-file"));
    expect((await screen.findByTestId("scan-error")).textContent).toBe("'brief.txt' is geen PDF, JPEG of PNG.");
    expect(within(event).queryByTestId("history-scan")).toBeNull();
  });

  it("shows an entry undone as a mistake, and undoes another with a reason", async () => {
    const base = { person: 7, form_version_id: null, form_id: null, form_version: null, form_title: null, entered_by: "beheer", answers: {}, voids: null, void_reason: null, voided_by: null } as const;
    const calls = backend(
      personPage({
        history: [
          { ...base, id: 1, kind: "record", form_version_id: 11, form_id: 3, form_version: 2, form_title: "Formulier A", given_by_name: "Anna de Vries", given_by_role: "guardian", method: "paper", date: "2026-09-01", entered_at: "2026-09-01T09:00:00", voided_by: 2, answers: { "class/paper/activities": "yes" } },
          { ...base, id: 2, kind: "void", given_by_name: "beheer", given_by_role: "office", method: "digital", date: "2026-09-02", entered_at: "2026-09-02T09:00:00", voids: 1, void_reason: "Formulier van een ander kind" },
          { ...base, id: 3, kind: "record", form_version_id: 11, form_id: 3, form_version: 2, form_title: "Formulier A", given_by_name: "Piet de Vries", given_by_role: "guardian", method: "paper", date: "2026-09-03", entered_at: "2026-09-03T09:00:00", answers: { "class/paper/activities": "no" } },
        ],
      }),
      { void_consent_event: () => 4 },
    );
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    const events = await screen.findAllByTestId("history-event");
    expect(events[0].getAttribute("data-voided")).toBe("true");
    expect(events[0].textContent).toContain("telt niet mee");
    expect(events[1].textContent).toContain("Maakt ongedaan: formulier ingevoerd van 01-09-2026.");
    expect(events[1].textContent).toContain("Reden: Formulier van een ander kind");
    expect(events[1].textContent).toContain("(administratie)");
    // Only the entry that still counts can be undone.
    const undo = screen.getAllByTestId("history-void");
    expect(undo.map((b) => b.getAttribute("data-event-id"))).toEqual(["3"]);

    await user.click(undo[0]);
    const confirm = screen.getByTestId("void-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.type(screen.getByTestId("void-reason"), "Verkeerde datum");
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(callsTo(calls, "void_consent_event")).toEqual([{ person: 7, event: 3, reason: "Verkeerde datum" }]);
    expect(screen.getByRole("status").textContent).toContain("ongedaan gemaakt");
  });

  it("opens the record screen", async () => {
    backend(personPage());
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    await user.click(await screen.findByTestId("record-form-open"));
    expect(router.route).toEqual({ name: "record", id: 7 });
  });

  it("hands the people list it was opened from on to the record screen", async () => {
    backend(personPage());
    const user = userEvent.setup();
    const queue = [{ id: 7, name: "Sanne de Vries" }, { id: 9, name: "Noor Jansen" }];
    render(PersonView, { id: 7, queue });
    await user.click(await screen.findByTestId("record-form-open"));
    expect(router.route).toEqual({ name: "record", id: 7, queue });
  });

  describe("withdrawing one channel", () => {
    const granted = () =>
      personPage({
        status: [
          itemStatus("class/paper/activities", "granted", "2027-07-31"),
          itemStatus("class/social/promotion", "granted", "2027-07-31"),
          itemStatus("individual/paper/activities", "granted", "2027-07-31"),
        ],
      });
    const channelButton = (key: string) => screen.getAllByTestId("withdraw-channel").find((b) => b.getAttribute("data-channel") === key)!;

    it("offers a button under each channel heading with consent in force", async () => {
      backend(personPage());
      const first = render(PersonView, { id: 7 });
      await screen.findByTestId("consent-grid");
      // Only the school paper has a yes in force in the usual fixture.
      expect(screen.getAllByTestId("withdraw-channel").map((b) => [b.dataset.channel, b.textContent?.trim(), b.getAttribute("aria-label")])).toEqual([
        ["paper", "Intrekken", "Intrekken: Schoolkrant"],
      ]);
      expect(screen.getByTestId("withdraw-channel").closest("th")?.textContent).toContain("Schoolkrant");
      first.unmount();

      backend(granted());
      render(PersonView, { id: 7 });
      await screen.findByTestId("consent-grid");
      expect(screen.getAllByTestId("withdraw-channel").map((b) => b.dataset.channel)).toEqual(["paper", "social"]);
    });

    it("withdraws a parent's social-media consent in two actions: the button, then Enter on the preset dialog", async () => {
      const calls = backend(granted());
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await screen.findByTestId("consent-grid");
      await user.click(channelButton("social"));

      const dialog = screen.getByRole("dialog");
      expect(within(dialog).getByRole("heading").textContent).toBe("Toestemming intrekken: Sociale media");
      expect([...within(dialog).getByTestId("withdraw-items").querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Klasfoto · Sociale media · Promotie"]);
      // Filled in: who decides now, today, on paper; the focus on who withdraws, to check at a glance.
      const who = within(dialog).getByTestId("withdraw-given-by") as HTMLSelectElement;
      expect(who.value).toBe("Anna de Vries");
      expect((within(dialog).getByTestId("withdraw-date") as HTMLInputElement).value).toBe(formatDate(todayIso()));
      expect(document.activeElement).toBe(who);
      await user.keyboard("{Enter}");

      await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
      expect(callsTo(calls, "withdraw_consent")).toEqual([
        { request: { person: 7, items: ["class/social/promotion"], all: false, given_by: "Anna de Vries", method: "paper", date: todayIso() } },
      ]);
    });

    it("withdraws every item of a channel that spans several, and hides the buttons on another date", async () => {
      const calls = backend(granted());
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await screen.findByTestId("consent-grid");
      await user.click(channelButton("paper"));
      await user.selectOptions(screen.getByTestId("withdraw-given-by"), "Piet de Vries");
      await user.click(screen.getByTestId("withdraw-confirm"));
      await waitFor(() => expect(callsTo(calls, "withdraw_consent")).toHaveLength(1));
      expect(callsTo(calls, "withdraw_consent")[0]).toMatchObject({
        request: { items: ["class/paper/activities", "individual/paper/activities"], all: false, given_by: "Piet de Vries" },
      });

      const date = screen.getByTestId("consent-date") as HTMLInputElement;
      await user.clear(date);
      await user.type(date, "1-6-2026{Enter}");
      await waitFor(() => expect(screen.queryAllByTestId("withdraw-channel")).toHaveLength(0));
    });

    it("keeps the grid one Tab stop when the heading it was on loses its button", async () => {
      let loads = 0;
      const after = personPage({ status: [itemStatus("class/paper/activities", "granted", "2027-07-31"), itemStatus("class/social/promotion", "withdrawn")] });
      backend(granted(), { person_page: () => (loads++ === 0 ? granted() : after) });
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await screen.findByTestId("consent-grid");
      await user.click(channelButton("social"));
      await user.keyboard("{Enter}");
      await waitFor(() => expect(screen.getAllByTestId("withdraw-channel").map((b) => b.dataset.channel)).toEqual(["paper"]));
      const stops = [...screen.getByTestId("consent-grid").querySelectorAll<HTMLElement>("[tabindex]")].filter((el) => el.tabIndex === 0);
      expect(stops).toHaveLength(1);
    });

    it("gives the focus back to the button that opened the dialog", async () => {
      backend(granted());
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await screen.findByTestId("consent-grid");
      await user.click(channelButton("social"));
      expect(screen.getByRole("dialog").contains(document.activeElement)).toBe(true);
      await user.keyboard("{Escape}");
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(document.activeElement).toBe(channelButton("social"));
    });
  });

  it("makes each consent grid one Tab stop, moved through with the arrow keys", async () => {
    backend(personPage());
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    const grid = await screen.findByTestId("consent-grid");
    const focusable = () => [...grid.querySelectorAll<HTMLElement>("[tabindex]")];
    // The first cell has a withdraw button: that is the grid's one stop.
    expect(focusable().filter((el) => el.tabIndex === 0)).toEqual([within(grid).getByTestId("withdraw-item")]);
    within(grid).getByTestId("withdraw-item").focus();
    // A cell without a control is focused itself, so its status is read there.
    await user.keyboard("{ArrowRight}");
    const denied = cell("class/social/promotion").closest("td")!;
    expect(document.activeElement).toBe(denied);
    expect(denied.getAttribute("role")).toBe("gridcell");
    await user.keyboard("{ArrowLeft}{ArrowDown}");
    expect(document.activeElement).toBe(cell("individual/paper/activities").closest("td"));
    expect(focusable().filter((el) => el.tabIndex === 0)).toEqual([document.activeElement]);
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(within(grid).getByTestId("withdraw-item"));
    // Above it, the heading's button that withdraws the whole channel.
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(within(grid).getByTestId("withdraw-channel"));
    await user.keyboard("{ArrowDown}{Enter}");
    expect(within(screen.getByRole("dialog")).getByRole("heading").textContent).toBe("Toestemming intrekken");
  });

  it("adds a guardian and sets a leave date", async () => {
    const calls = backend(personPage(), { add_guardian: ({ name }) => ({ id: 5, name }), set_leave_date: () => null });
    const user = userEvent.setup();
    render(PersonView, { id: 7 });
    await user.type(await screen.findByTestId("guardian-name"), "Oma de Vries");
    await user.click(screen.getByTestId("guardian-save"));
    await user.type(screen.getByTestId("leave-date"), "15-07-2027");
    await user.click(screen.getByTestId("leave-save"));
    await waitFor(() => expect(callsTo(calls, "set_leave_date")).toEqual([{ person: 7, date: "2027-07-15" }]));
    expect(callsTo(calls, "add_guardian")).toEqual([{ person: 7, name: "Oma de Vries" }]);
  });

  describe("printing", () => {
    const dossier: DossierReport = {
      person: 7,
      out: "Vertrek/Vertrekdossier Sanne de Vries.pdf",
      bytes: 51_200,
      fingerprint: { events: 1, sha256: "9f86d081884c7d65" + "9a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
    };
    const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

    it("prints the exit dossier once on a double click and names the file and fingerprint", async () => {
      const answer = deferred<DossierReport | null>();
      const calls = backend(personPage(), { print_dossier: () => answer.promise });
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await user.dblClick(await screen.findByTestId("print-dossier"));
      expect(callsTo(calls, "print_dossier")).toEqual([{ person: 7 }]);
      expect(button("print-dossier").disabled).toBe(true);
      expect(button("print-dossier").textContent).toBe("Bezig…");
      // One save dialog at a time.
      expect(button("print-form").disabled).toBe(true);
      expect(button("print-photos").disabled).toBe(true);

      answer.resolve(dossier);
      const done = await screen.findByTestId("print-done");
      expect(done.textContent).toContain("Het vertrekdossier is opgeslagen als Vertrek/Vertrekdossier Sanne de Vries.pdf.");
      expect(done.textContent).toContain("Het bevat 1 gebeurtenis, vingerafdruk 9f86d081884c7d65…");
      await waitFor(() => expect(button("print-dossier").disabled).toBe(false));
      expect(button("print-dossier").textContent).toBe("Vertrekdossier afdrukken");
      expect(callsTo(calls, "print_dossier")).toHaveLength(1);
    });

    it("saves the access overview and says how many photos it shows", async () => {
      const calls = backend(personPage(), {
        export_person: () => ({ person: 7, out: "Inzage/Inzage Sanne de Vries.pdf", bytes: 90000, photos: 3, photos_withheld: 1, scans: 1 }),
      });
      render(PersonView, { id: 7 });
      await userEvent.click(await screen.findByTestId("print-access"));
      const done = await screen.findByTestId("print-done");
      expect(done.textContent).toContain("Het inzageoverzicht is opgeslagen als Inzage/Inzage Sanne de Vries.pdf: 3 foto's, alleen deze persoon herkenbaar; 1 zonder afbeelding omdat niet is aangegeven waar deze persoon erop staat.");
      expect(callsTo(calls, "export_person")).toEqual([{ person: 7 }]);
    });

    it("shows nothing when the save dialog is closed", async () => {
      const calls = backend(personPage(), { print_dossier: () => null });
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await user.click(await screen.findByTestId("print-dossier"));
      await waitFor(() => expect(callsTo(calls, "print_dossier")).toHaveLength(1));
      await waitFor(() => expect(button("print-dossier").disabled).toBe(false));
      expect(screen.queryByTestId("print-done")).toBeNull();
      expect(screen.queryByTestId("print-error")).toBeNull();
    });

    it("shows a refusal as its message", async () => {
      backend(personPage(), {
        print_dossier: () => {
          throw refuse("file.write", "Het bestand kon niet opgeslagen worden: de schijf is vol.");
        },
      });
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await user.click(await screen.findByTestId("print-dossier"));
      expect((await screen.findByTestId("print-error")).textContent).toBe("Het bestand kon niet opgeslagen worden: de schijf is vol.");
      expect(screen.queryByTestId("print-done")).toBeNull();
      expect(button("print-dossier").disabled).toBe(false);
    });

    it("prints the form in use for this person, once on a double click", async () => {
      const answer = deferred<FormPrintReport | null>();
      const calls = backend(personPage(), { print_form: () => answer.promise });
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      await waitFor(() => expect(screen.queryByTestId("print-form")).toBeTruthy());
      // One form in use: nothing to choose.
      expect(screen.queryByTestId("print-form-choice")).toBeNull();
      await user.dblClick(button("print-form"));
      expect(callsTo(calls, "print_form")).toEqual([{ form: 3, target: { kind: "person", value: 7 } }]);
      expect(button("print-form").textContent).toBe("Bezig…");
      expect(button("print-dossier").disabled).toBe(true);

      answer.resolve({ out: "Formulieren/Toestemmingsformulier Sanne de Vries.pdf", forms: 1, bytes: 20_000 });
      expect((await screen.findByTestId("print-done")).textContent).toBe("Het formulier is opgeslagen als Formulieren/Toestemmingsformulier Sanne de Vries.pdf.");
      await waitFor(() => expect(button("print-form").disabled).toBe(false));
    });

    it("lets the user pick among several forms in use", async () => {
      const forms: FormSummary[] = [...schoolForms, { id: 9, title: "Toestemming schoolreis", latest_version: 3, versions: 3, active: true, builtin: null, answered: 0, audience: "children" }];
      const calls = backend(personPage(), {
        forms: () => forms,
        print_form: () => {
          throw refuse("person.unknown", "Deze persoon bestaat niet (meer).");
        },
      });
      const user = userEvent.setup();
      render(PersonView, { id: 7 });
      const choice = (await screen.findByTestId("print-form-choice")) as HTMLSelectElement;
      // Only the forms in use, the first chosen.
      expect([...choice.options].map((o) => o.textContent)).toEqual(["Toestemming beeldmateriaal 2026-2027", "Toestemming schoolreis"]);
      await user.selectOptions(choice, "Toestemming schoolreis");
      await user.click(button("print-form"));
      expect((await screen.findByTestId("print-error")).textContent).toBe("Deze persoon bestaat niet (meer).");
      expect(callsTo(calls, "print_form")).toEqual([{ form: 9, target: { kind: "person", value: 7 } }]);
    });

    describe("photos to take home", () => {
      const photos: LeaverPhotos = {
        person: 7,
        files: ["Mee naar huis/12 IMG_0001.jpg", "Mee naar huis/15 IMG_0007.jpg"],
        hidden: 5,
        skipped: [
          { photo: 3, name: "IMG_0003.jpg", unboxed: ["Mila"], problem: null },
          { photo: 4, name: "IMG_0004.jpg", unboxed: ["Mila", "Daan", "Sem"], problem: null },
          { photo: 5, name: "IMG_0005.png", unboxed: [], problem: "IMG_0005.png is beschadigd of onvolledig en kan niet gelezen worden: de beeldgegevens kloppen niet." },
        ],
      };

      it("says what the button does", async () => {
        backend(personPage());
        render(PersonView, { id: 7 });
        const card = await screen.findByTestId("person-print");
        expect(button("print-photos").textContent).toBe("Foto's om mee te geven");
        expect(card.textContent).toContain("met alle anderen onherkenbaar gemaakt en zonder verborgen gegevens in het bestand");
      });

      it("saves them once on a double click, says how many where and who was hidden, and names the photos left out", async () => {
        const answer = deferred<LeaverPhotos | null>();
        const calls = backend(personPage(), { leaver_photos: () => answer.promise });
        const user = userEvent.setup();
        render(PersonView, { id: 7 });
        await waitFor(() => expect(screen.queryByTestId("print-form")).toBeTruthy());
        await user.dblClick(button("print-photos"));
        expect(callsTo(calls, "leaver_photos")).toEqual([{ person: 7 }]);
        expect(button("print-photos").textContent).toBe("Bezig…");
        // All three wait while the folder dialog is open.
        expect([button("print-dossier").disabled, button("print-form").disabled, button("print-photos").disabled]).toEqual([true, true, true]);

        answer.resolve(photos);
        const done = await screen.findByTestId("print-done");
        expect([...done.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
          "2 foto's opgeslagen in Mee naar huis.",
          "Er zijn 5 anderen onherkenbaar gemaakt (geteld per foto).",
        ]);
        const left = screen.getAllByTestId("photos-skipped-item");
        expect(left.map((l) => l.querySelector("span")?.textContent)).toEqual([
          "Niet meegegeven: IMG_0003.jpg — Mila staat erop zonder vak; zet eerst een vak rond Mila.",
          "Niet meegegeven: IMG_0004.jpg — Mila, Daan en Sem staan erop zonder vak; zet eerst een vak rond ieder van hen.",
          // A damaged original is named with the core's reason; the others still went home.
          "Niet meegegeven: IMG_0005.png is beschadigd of onvolledig en kan niet gelezen worden: de beeldgegevens kloppen niet.",
        ]);
        await waitFor(() => expect(button("print-photos").disabled).toBe(false));
        expect(button("print-photos").textContent).toBe("Foto's om mee te geven");
        expect(button("print-dossier").disabled).toBe(false);
        expect(callsTo(calls, "leaver_photos")).toHaveLength(1);

        // The box is drawn on the photo itself.
        await user.click(within(left[1]).getByRole("button", { name: "Foto IMG_0004.jpg openen" }));
        expect(router.route).toEqual({ name: "photo", id: 4 });
      });

      it("says so when nobody else was on them, in English too", async () => {
        useLang("en");
        backend(personPage(), { leaver_photos: () => ({ person: 7, files: ["Take home/12 IMG_0001.jpg"], hidden: 0, skipped: [{ photo: 3, name: "IMG_0003.jpg", unboxed: ["Mila", "Daan"], problem: null }] }) });
        const user = userEvent.setup();
        render(PersonView, { id: 7 });
        await user.click(await screen.findByTestId("print-photos"));
        const done = await screen.findByTestId("print-done");
        expect([...done.querySelectorAll("p")].map((p) => p.textContent)).toEqual(["1 photo saved in Take home.", "Nobody else was on them."]);
        expect(screen.getByTestId("photos-skipped").textContent).toContain("Not included: IMG_0003.jpg — Mila and Daan are on it without a box; put a box around each of them first.");
      });

      it("says plainly when no photo could be saved", async () => {
        let answer: LeaverPhotos = { person: 7, files: [], hidden: 0, skipped: [] };
        backend(personPage(), { leaver_photos: () => answer });
        const user = userEvent.setup();
        render(PersonView, { id: 7 });
        await user.click(await screen.findByTestId("print-photos"));
        expect((await screen.findByTestId("print-done")).textContent?.trim()).toBe("Deze persoon staat op geen enkele foto. Er is niets opgeslagen.");
        expect(screen.queryByTestId("photos-skipped")).toBeNull();

        answer = { person: 7, files: [], hidden: 0, skipped: [photos.skipped[0]] };
        await user.click(button("print-photos"));
        await waitFor(() => expect(screen.getByTestId("print-done").textContent?.trim()).toBe("Er is geen foto opgeslagen."));
        expect(screen.getAllByTestId("photos-skipped-item")).toHaveLength(1);
      });

      it("shows nothing when the folder dialog is closed, and a refusal as its message", async () => {
        let answer: () => unknown = () => photos;
        const calls = backend(personPage(), { leaver_photos: () => answer() });
        const user = userEvent.setup();
        render(PersonView, { id: 7 });
        await user.click(await screen.findByTestId("print-photos"));
        await screen.findByTestId("photos-skipped");

        // A closed dialog also clears what the last run said.
        answer = () => null;
        await user.click(button("print-photos"));
        await waitFor(() => expect(callsTo(calls, "leaver_photos")).toHaveLength(2));
        await waitFor(() => expect(button("print-photos").disabled).toBe(false));
        expect(screen.queryByTestId("print-done")).toBeNull();
        expect(screen.queryByTestId("photos-skipped")).toBeNull();
        expect(screen.queryByTestId("print-error")).toBeNull();

        answer = () => {
          throw refuse("file.write", "Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
        };
        await user.click(button("print-photos"));
        expect((await screen.findByTestId("print-error")).textContent).toBe("Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
        expect(screen.queryByTestId("print-done")).toBeNull();
        expect(button("print-photos").disabled).toBe(false);
      });
    });

    it("offers no form to print when none is in use", async () => {
      const calls = backend(personPage(), { forms: () => [schoolForms[1]] });
      render(PersonView, { id: 7 });
      await screen.findByTestId("print-dossier");
      await waitFor(() => expect(callsTo(calls, "forms")).toHaveLength(1));
      // Let the answer arrive.
      await new Promise((r) => setTimeout(r, 20));
      expect(screen.queryByTestId("print-form")).toBeNull();
      expect(screen.queryByTestId("print-error")).toBeNull();
    });
  });
});
