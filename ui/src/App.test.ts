import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppStatus } from "./lib/api";
import { useLang } from "./lib/i18n";
import { go } from "./lib/nav/router.svelte";
import { callsTo, mockBackend, refuse, type Handler } from "./test/ipc";
import App from "./App.svelte";
import { idleLock } from "./lib/session/idleLock.svelte";
import { dailyBackup } from "./lib/backup/daily.svelte";

const org = { name: "De Regenboog", jurisdiction: "nl", consent_age: 16, school_year_start: { month: 8, day: 1 }, idle_lock_minutes: 10, guardian_consent: "until-school-year-end" } as const;
const session = { user_id: 1, username: "beheer", role: "admin", must_change_password: false, person: null } as const;
const status = (over: Partial<AppStatus> = {}): AppStatus => ({ initialised: true, session, organisation: org, lang: "nl", data_dir: "/data", error: null, today: "2026-11-30", leavers_period: { from: "2026-06-01", to: "2026-08-31" }, idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null, desk: false, ...over });

function backend(s: AppStatus, extra: Record<string, Handler> = {}) {
  const fresh = { settings: { folder: "/usb", keep: 14 }, last: { at: "2026-11-30T08:00:00", file: "/usb/x.bkb", bytes: 10 }, days_since: 0, stale: false, due_today: false };
  const today = { on: "2026-11-30", forms_out: [], withdrawals: [], takedown: 0, unchecked_photos: 0, leavers_without_dossier: [], own_consent_this_month: [], expiring: [], warning_days: 30, backup: fresh };
  return mockBackend({ app_status: () => s, people: () => [], groups: () => [], set_language: () => null, logout: () => null, scheduled_backup: () => null, backup_status: () => fresh, overview: () => today, photo_choices: () => ({ photo_types: [], channels: [], purposes: [] }), ...extra });
}

describe("App start", () => {
  beforeEach(() => {
    dailyBackup.forget();
    useLang("nl");
    go({ name: "people" });
  });

  it("shows a database error plainly", async () => {
    backend(status({ initialised: false, session: null, organisation: null, error: { code: "store.open", message: "De database kan niet geopend worden." } }));
    render(App);
    expect((await screen.findByTestId("error")).textContent).toBe("De database kan niet geopend worden.");
    expect(document.body.textContent).toContain("/data");
  });

  it("opens setup when not initialised and login when there is no session", async () => {
    backend(status({ initialised: false, session: null, organisation: null }));
    const { unmount } = render(App);
    expect(await screen.findByTestId("setup-org")).toBeTruthy();
    unmount();
    backend(status({ session: null }));
    render(App);
    expect(await screen.findByTestId("login-username")).toBeTruthy();
  });

  it("logs in and shows the organisation and the home screen", async () => {
    let s = status({ session: null });
    const calls = backend(s, { app_status: () => s, login: () => { s = status(); return session; } });
    const user = userEvent.setup();
    render(App);
    await user.type(await screen.findByTestId("login-username"), "beheer");
    await user.type(screen.getByTestId("login-password"), "geheim123");
    await user.click(screen.getByTestId("login-submit"));
    expect((await screen.findByTestId("org-name")).textContent).toBe("De Regenboog");
    expect(callsTo(calls, "login")).toEqual([{ username: "beheer", password: "geheim123" }]);
    expect(await screen.findByTestId("home")).toBeTruthy();
  });

  it("asks an administrator to save the recovery sheet before anything else, and continues only once it is saved and put away", async () => {
    let s = status({ recovery_sheet_needed: true });
    const calls = backend(s, { app_status: () => s, print_recovery_sheet: () => { s = status(); return "/home/kantoor/Herstelblad Beeldakkoord.pdf"; } });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByTestId("recovery-sheet-step")).toBeTruthy();
    expect(screen.queryByTestId("people-search")).toBeNull();
    const next = screen.getByTestId("recovery-sheet-continue") as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    await user.click(screen.getByTestId("recovery-sheet-save"));
    expect((await screen.findByTestId("recovery-sheet-saved")).textContent).toContain("Herstelblad Beeldakkoord.pdf");
    expect(next.disabled).toBe(true);
    await user.click(screen.getByTestId("recovery-sheet-confirm"));
    await user.click(next);
    expect(await screen.findByTestId("home")).toBeTruthy();
    expect(callsTo(calls, "print_recovery_sheet").length).toBe(1);
  });

  it("recovers with the code from the sheet: the core checks it, a typo is said plainly", async () => {
    let s = status({ session: null });
    let tries = 0;
    const calls = backend(s, {
      app_status: () => s,
      recover: () => {
        tries += 1;
        if (tries === 1) throw refuse("key.recovery_typo", "Deze herstelcode bevat een tikfout.");
        s = status();
        return session;
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("login-forgot"));
    await user.click(screen.getByTestId("login-use-code"));
    await user.type(screen.getByTestId("recover-code"), "abcd-efgh");
    await user.type(screen.getByTestId("recover-username"), "beheer");
    await user.type(screen.getByTestId("recover-new"), "een nieuwe lange zin");
    await user.type(screen.getByTestId("recover-repeat"), "een nieuwe lange zin");
    await user.click(screen.getByTestId("recover-submit"));
    expect((await screen.findByTestId("recover-error")).textContent).toContain("tikfout");
    await user.click(screen.getByTestId("recover-submit"));
    expect(await screen.findByTestId("home")).toBeTruthy();
    expect(callsTo(calls, "recover")[1]).toEqual({ code: "abcd-efgh", username: "beheer", password: "een nieuwe lange zin" });
  });

  it("restores a backup from the first-run screen and signs in as the user whose password opened it", async () => {
    let s = status({ initialised: false, session: null, organisation: null });
    const calls = backend(s, {
      app_status: () => s,
      pick_file: () => "/media/usb/Beeldakkoord-2026-11-29.bkb",
      restore_backup: () => {
        s = status();
        return session;
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("setup-restore"));
    expect((screen.getByTestId("restore-submit") as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByTestId("restore-choose"));
    expect((await screen.findByTestId("restore-file")).textContent).toContain("Beeldakkoord-2026-11-29.bkb");
    await user.type(screen.getByTestId("restore-user"), "beheer");
    await user.type(screen.getByTestId("restore-password"), "geheim wachtwoord");
    await user.click(screen.getByTestId("restore-submit"));
    expect(await screen.findByTestId("home")).toBeTruthy();
    expect(callsTo(calls, "restore_backup")).toEqual([
      { file: "/media/usb/Beeldakkoord-2026-11-29.bkb", secret: { kind: "password", user: "beheer", password: "geheim wachtwoord" }, admin: null, newPassword: null },
    ]);
  });

  it("warns the office when the last backup is more than a week old", async () => {
    const stale = { settings: { folder: null, keep: 14 }, last: { at: "2026-11-20T08:00:00", file: "/usb/x.bkb", bytes: 10 }, days_since: 10, stale: true, due_today: false };
    const calls = backend(status(), { scheduled_backup: () => null, backup_status: () => stale });
    render(App);
    expect((await screen.findByTestId("backup-stale")).textContent).toContain("10 dagen");
    expect(callsTo(calls, "scheduled_backup").length).toBe(1);
  });

  it("shows a refused login", async () => {
    backend(status({ session: null }), { login: () => { throw refuse("auth.failed", "Gebruikersnaam of wachtwoord klopt niet."); } });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("login-submit"));
    expect((await screen.findByTestId("error")).textContent).toBe("Gebruikersnaam of wachtwoord klopt niet.");
  });

  it("switches language and tells the backend", async () => {
    const calls = backend(status());
    const user = userEvent.setup();
    render(App);
    const people = await screen.findByTestId("nav-people");
    expect(people.textContent).toBe("Mensen");
    await user.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("nav-people").textContent).toBe("People");
    expect(screen.getByTestId("nav-roster").textContent).toBe("Import roster");
    expect(document.documentElement.lang).toBe("en");
    expect(callsTo(calls, "set_language")).toEqual([{ lang: "en" }]);
    await user.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("nav-people").textContent).toBe("Mensen");
    expect(callsTo(calls, "set_language")).toEqual([{ lang: "en" }, { lang: "nl" }]);
  });

  it("navigates and logs out", async () => {
    const calls = backend(status(), { forms: () => [], leavers: () => [], reconsent: () => [], photo_choices: () => ({ photo_types: [], channels: [], purposes: [] }) });
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByTestId("nav-leavers"));
    expect(screen.getByTestId("nav-leavers").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-leavers").textContent).toBe("Vertrekkers");
    expect(await screen.findByTestId("leavers-empty")).toBeTruthy();
    await user.click(screen.getByTestId("nav-reconsent"));
    expect(screen.getByTestId("nav-reconsent").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-leavers").getAttribute("aria-current")).toBeNull();
    expect(screen.getByTestId("nav-reconsent").textContent).toBe("Opnieuw vragen");
    expect(await screen.findByTestId("reconsent-empty")).toBeTruthy();
    await user.click(screen.getByTestId("nav-forms"));
    expect(screen.getByTestId("nav-forms").getAttribute("aria-current")).toBe("page");
    expect(await screen.findByTestId("form-new")).toBeTruthy();
    await user.click(screen.getByTestId("nav-roster"));
    expect(screen.getByTestId("roster-pick")).toBeTruthy();
    await user.click(screen.getByTestId("logout"));
    expect(await screen.findByTestId("login-username")).toBeTruthy();
    expect(callsTo(calls, "logout")).toHaveLength(1);
  });

  it("asks for an own password after an administrator set one, and opens nothing else until then", async () => {
    const first = { ...session, username: "juf", role: "teacher" as const, must_change_password: true, person: null };
    let s = status({ session: first });
    const calls = backend(s, {
      app_status: () => s,
      change_password: (args) => {
        if (args.next === "1234567890") throw refuse("auth.common_password", "Dit wachtwoord staat bij de 1000 meest gebruikte wachtwoorden.");
        s = status({ session: { ...first, must_change_password: false, person: null } });
        return s.session;
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.type(await screen.findByTestId("password-current"), "van de beheerder");
    expect(screen.queryByTestId("nav-people")).toBeNull();
    // Too short, then not the same twice: said here, nothing sent.
    await user.type(screen.getByTestId("password-new"), "kort");
    await user.click(screen.getByTestId("password-save"));
    expect(screen.getByTestId("password-problem").textContent).toContain("10 tekens");
    await user.clear(screen.getByTestId("password-new"));
    await user.type(screen.getByTestId("password-new"), "een lange zin om te onthouden");
    await user.type(screen.getByTestId("password-repeat"), "een andere zin om te onthouden");
    expect(screen.getByTestId("password-problem").textContent).toContain("niet gelijk");
    expect(callsTo(calls, "change_password")).toEqual([]);
    // A common password: the backend's refusal, in its words.
    await user.clear(screen.getByTestId("password-new"));
    await user.clear(screen.getByTestId("password-repeat"));
    await user.type(screen.getByTestId("password-new"), "1234567890");
    await user.type(screen.getByTestId("password-repeat"), "1234567890");
    await user.click(screen.getByTestId("password-save"));
    expect((await screen.findByTestId("error")).textContent).toContain("meest gebruikte");
    await user.clear(screen.getByTestId("password-new"));
    await user.clear(screen.getByTestId("password-repeat"));
    await user.type(screen.getByTestId("password-new"), "een lange zin om te onthouden");
    await user.type(screen.getByTestId("password-repeat"), "een lange zin om te onthouden");
    await user.click(screen.getByTestId("password-save"));
    expect(await screen.findByTestId("nav-people")).toBeTruthy();
    expect(callsTo(calls, "change_password").at(-1)).toEqual({ current: "van de beheerder", next: "een lange zin om te onthouden" });
  });

  it("goes back to login when the backend says the session is gone", async () => {
    backend(status(), { people: () => { throw refuse("auth.required", "U bent niet (meer) aangemeld."); } });
    render(App);
    await waitFor(() => expect(screen.queryByTestId("login-username")).toBeTruthy());
  });

  describe("idle lock", () => {
    afterEach(() => {
      vi.useRealTimers();
      idleLock.forget();
    });

    it("locks after the organisation's minutes and gives the same user back their half-typed screen", async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      const s = status({ organisation: { ...org, idle_lock_minutes: 1 } });
      const calls = backend(s, { login: () => session });
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(App);
      await user.type(await screen.findByTestId("people-search"), "Saar");
      await vi.advanceTimersByTimeAsync(30_000);
      expect(screen.queryByTestId("lock-screen")).toBeNull();
      await vi.advanceTimersByTimeAsync(40_000);
      expect(await screen.findByTestId("lock-screen")).toBeTruthy();
      // The backend forgot the session: nothing can be read while locked.
      expect(callsTo(calls, "logout")).toHaveLength(1);
      await user.type(screen.getByTestId("unlock-password"), "geheim wachtwoord");
      await user.click(screen.getByTestId("unlock-submit"));
      await waitFor(() => expect(screen.queryByTestId("lock-screen")).toBeNull());
      expect(callsTo(calls, "login")).toEqual([{ username: "beheer", password: "geheim wachtwoord" }]);
      expect((screen.getByTestId("people-search") as HTMLInputElement).value).toBe("Saar");
    });

    it("starts clean when someone else signs in", async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      backend(status({ organisation: { ...org, idle_lock_minutes: 1 } }));
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(App);
      await user.type(await screen.findByTestId("people-search"), "Saar");
      await vi.advanceTimersByTimeAsync(70_000);
      await user.click(await screen.findByTestId("unlock-other"));
      expect(await screen.findByTestId("login-username")).toBeTruthy();
      expect(screen.queryByTestId("people-search")).toBeNull();
    });
  });
});
