import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LeaverRemoval, Removed, RetentionReport } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import { app } from "../../lib/session/session.svelte";
import { retentionReminder } from "../../lib/retention/reminder.svelte";
import RetentionBanner from "./RetentionBanner.svelte";
import RetentionReview from "./RetentionReview.svelte";
import RetentionSettings from "./RetentionSettings.svelte";

const zero: Removed = { consent_events: 0, consent_answers: 0, scans: 0, tags: 0, tags_unnamed: 0, photos: 0, memberships: 0, guardians: 0, person: false };
const settings = { photos_years: 1, consent_years: 5, untagged_years: 2 };

function leaver(person: number, name: string, removed: Partial<Removed>, hold: LeaverRemoval["hold"]): LeaverRemoval {
  return { person, name, kind: "child", leave_date: "2020-07-31", rules: ["leaver_photos", "leaver_consent"], removed: { ...zero, ...removed }, hold, photos: [] };
}

function report(dry: boolean, leavers: LeaverRemoval[]): RetentionReport {
  const total = leavers.reduce((t, l) => ({ ...t, consent_events: t.consent_events + l.removed.consent_events, photos: t.photos + l.removed.photos }), { ...zero });
  return { date: "2026-11-30", dry_run: dry, settings, leavers, untagged: [{ photo: 9, name: "schoolreis.jpg", date: "2023-05-02" }], total: { ...total, photos: total.photos + 1 }, persons: leavers.filter((l) => l.removed.person).length };
}

function signedIn(role: "admin" | "office") {
  app.status = {
    initialised: true,
    session: { user_id: 1, username: role, role, must_change_password: false, person: null },
    organisation: null,
    lang: "nl",
    data_dir: "/d",
    error: null,
    today: "2026-11-30",
    leavers_period: null,
    idle_lock_seconds: null,
    recovery_sheet_needed: false,
    encrypting: null,
      desk: false,
  };
}

describe("Retention", () => {
  beforeEach(() => useLang("nl"));
  afterEach(() => {
    app.status = null;
    retentionReminder.forget();
  });

  it("reminds administrators, and only them, of what is past its term", async () => {
    const calls = mockBackend({ retention_due: () => ({ persons: 2, photos: 5, tags_unnamed: 0, dossiers_missing: 1, last_run: null }) });
    signedIn("admin");
    const banner = render(RetentionBanner);
    const text = (await screen.findByTestId("retention-banner")).textContent ?? "";
    expect(text).toContain("2 vertrokken personen");
    expect(text).toContain("5 foto's");
    expect(text).toContain("1 vertrekdossier is nog niet afgedrukt");
    banner.unmount();
    retentionReminder.forget();
    const asked = callsTo(calls, "retention_due").length;
    signedIn("office");
    render(RetentionBanner);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("retention-banner")).toBeNull();
    expect(callsTo(calls, "retention_due").length).toBe(asked);
  });

  it("lists what a run removes, says why consent stays, and removes only after a confirmation", async () => {
    let skipped = false;
    let removed = false;
    const calls = mockBackend({
      run_retention: (args) => {
        if (removed) return { ...report(true, []), untagged: [], total: zero };
        const anna = leaver(3, "Anna Visser", { consent_events: 4, person: true, tags_unnamed: 2 }, null);
        const cas = skipped ? leaver(4, "Cas de Wit", { consent_events: 1, person: true }, null) : leaver(4, "Cas de Wit", {}, { kind: "dossier_not_printed" });
        const daan = leaver(5, "Daan Smit", {}, { kind: "publication_online", publications: [12] });
        if (args.dryRun === false) removed = true;
        return report(args.dryRun as boolean, [anna, cas, daan]);
      },
      skip_dossier: (args) => {
        if (!(args.reason as string).trim()) throw refuse("retention.no_reason", "Schrijf op waarom het dossier niet afgedrukt wordt.");
        skipped = true;
        return null;
      },
    });
    const user = userEvent.setup();
    render(RetentionReview);
    const rows = await screen.findAllByTestId("retention-leaver");
    expect(rows[0].textContent).toContain("Anna Visser");
    expect(rows[0].textContent).toContain("4 toestemmingsregels");
    expect(rows[0].textContent).toContain("31-07-2020");
    expect(rows[2].textContent).toContain("publicatie 12");
    expect(screen.getByTestId("retention-untagged").textContent).toContain("schoolreis.jpg");
    expect(screen.getByTestId("retention-lead").textContent).toContain("als u op Verwijderen klikt");
    // Nothing was removed by looking.
    expect(callsTo(calls, "run_retention").every((a) => a.dryRun === true)).toBe(true);

    // Skipping Cas's dossier needs a reason.
    await user.click(screen.getByTestId("retention-skip"));
    await user.click(screen.getByTestId("retention-skip-confirm"));
    expect((await screen.findByTestId("retention-skip-error")).textContent).toContain("waarom");
    await user.type(screen.getByTestId("retention-skip-reason"), "dossier ligt in het archief");
    await user.click(screen.getByTestId("retention-skip-confirm"));
    expect(callsTo(calls, "skip_dossier").at(-1)).toEqual({ person: 4, reason: "dossier ligt in het archief" });
    expect((await screen.findAllByTestId("retention-hold")).length).toBe(1);

    // Remove: a confirmation first; cancelling removes nothing.
    await user.click(screen.getByTestId("retention-remove"));
    await user.click(screen.getByText("Annuleren"));
    expect(callsTo(calls, "run_retention").some((a) => a.dryRun === false)).toBe(false);
    await user.click(screen.getByTestId("retention-remove"));
    await user.click(screen.getByTestId("retention-confirm"));
    expect((await screen.findByTestId("retention-done")).textContent).toContain("gegevens van 2 personen");
    expect(callsTo(calls, "run_retention").filter((a) => a.dryRun === false)).toEqual([{ date: null, dryRun: false }]);
    expect(await screen.findByTestId("retention-nothing")).toBeTruthy();
  });

  it("saves the terms and shows the core's refusal", async () => {
    let current = settings;
    const calls = mockBackend({
      retention_settings: () => current,
      set_retention_settings: (args) => {
        const s = args.settings as typeof settings;
        if (s.photos_years > s.consent_years) throw refuse("retention.photos_longer", "Foto's kunnen niet langer bewaard worden dan de toestemming.");
        current = s;
        return s;
      },
    });
    const user = userEvent.setup();
    render(RetentionSettings);
    const photos = (await screen.findByTestId("retention-photos")) as HTMLInputElement;
    expect(photos.labels?.[0]?.textContent).toBe("Namen op foto's en nooit gepubliceerde foto's (jaar na vertrek)");
    expect(document.getElementById(photos.getAttribute("aria-describedby")!)?.textContent).toContain("een schooljaar volstaat");
    await screen.findByDisplayValue("5");
    await user.clear(photos);
    await user.type(photos, "7");
    await user.click(screen.getByTestId("retention-save"));
    expect((await screen.findByTestId("retention-settings-error")).textContent).toContain("niet langer");
    await user.clear(photos);
    await user.type(photos, "2");
    await user.click(screen.getByTestId("retention-save"));
    expect((await screen.findByTestId("retention-saved")).textContent).toContain("opgeslagen");
    expect(callsTo(calls, "set_retention_settings").at(-1)).toEqual({ settings: { photos_years: 2, consent_years: 5, untagged_years: 2 } });
  });
});
