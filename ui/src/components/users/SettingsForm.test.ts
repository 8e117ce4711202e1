import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Organisation } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { app } from "../../lib/session/session.svelte";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import SettingsForm from "./SettingsForm.svelte";

const org: Organisation = { name: "De Regenboog", jurisdiction: "nl", consent_age: 16, school_year_start: { month: 8, day: 1 }, idle_lock_minutes: 10, guardian_consent: "until-school-year-end", signatures_for_yes: "one", leaving_ends_consent: true, expiry_warning_days: 30 };

describe("SettingsForm", () => {
  beforeEach(() => {
    useLang("nl");
    app.status = { initialised: true, session: { user_id: 1, username: "beheer", role: "admin", must_change_password: false, person: null }, organisation: org, lang: "nl", data_dir: "/d", error: null, today: "2026-11-30", leavers_period: null, idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null, desk: false };
  });
  afterEach(() => {
    app.status = null;
  });

  it("saves the lock time and shows the core's refusal of a wrong one", async () => {
    const calls = mockBackend({
      has_logo: () => false,
      update_organisation: (args) => {
        const o = args.organisation as Organisation;
        if (o.idle_lock_minutes > 240) throw refuse("setup.idle_lock", "500 minuten kan niet als vergrendeltijd.");
        return o;
      },
    });
    const user = userEvent.setup();
    render(SettingsForm);
    const minutes = screen.getByTestId("settings-idle-lock");
    expect((minutes as HTMLInputElement).value).toBe("10");
    await user.clear(minutes);
    await user.type(minutes, "500");
    await user.click(screen.getByTestId("settings-save"));
    expect((await screen.findByTestId("error")).textContent).toContain("vergrendeltijd");
    expect(app.status?.organisation?.idle_lock_minutes).toBe(10);
    await user.clear(minutes);
    await user.type(minutes, "5");
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByText("De instellingen zijn opgeslagen.")).toBeTruthy();
    expect(callsTo(calls, "update_organisation").at(-1)).toEqual({ organisation: { ...org, idle_lock_minutes: 5 } });
    expect(app.status?.organisation?.idle_lock_minutes).toBe(5);
  });
});

describe("SettingsForm, rule 3", () => {
  beforeEach(() => {
    useLang("nl");
    app.status = { initialised: true, session: { user_id: 1, username: "beheer", role: "admin", must_change_password: false, person: null }, organisation: org, lang: "nl", data_dir: "/d", error: null, today: "2026-11-30", leavers_period: null, idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null, desk: false };
  });
  afterEach(() => {
    app.status = null;
  });

  it("shows the organisation's choice for a guardian's answer and sends a new one", async () => {
    const calls = mockBackend({ has_logo: () => false, update_organisation: (args) => args.organisation });
    const user = userEvent.setup();
    render(SettingsForm);
    expect((screen.getByTestId("settings-guardian-until-school-year-end") as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByTestId("settings-guardian-until-own-answer"));
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByText("De instellingen zijn opgeslagen.")).toBeTruthy();
    expect(callsTo(calls, "update_organisation").at(-1)).toEqual({ organisation: { ...org, guardian_consent: "until-own-answer" } });
    expect(app.status?.organisation?.guardian_consent).toBe("until-own-answer");
  });

  it("asks both guardians' signatures for a yes when the administrator chooses so", async () => {
    const calls = mockBackend({ has_logo: () => false, update_organisation: (args) => args.organisation });
    const user = userEvent.setup();
    render(SettingsForm);
    expect((screen.getByTestId("settings-signatures-one") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/Intrekken kan altijd door één ouder\/voogd alleen/)).toBeTruthy();
    await user.click(screen.getByTestId("settings-signatures-both"));
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByText("De instellingen zijn opgeslagen.")).toBeTruthy();
    expect(callsTo(calls, "update_organisation").at(-1)).toEqual({ organisation: { ...org, signatures_for_yes: "both" } });
  });

  it("lets leaving end consent by default and sends the choice to keep terms running", async () => {
    const calls = mockBackend({ has_logo: () => false, update_organisation: (args) => args.organisation });
    const user = userEvent.setup();
    render(SettingsForm);
    const box = screen.getByTestId("settings-leaving-ends") as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(screen.getByLabelText("Toestemming eindigt bij vertrek")).toBe(box);
    await user.click(box);
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByText("De instellingen zijn opgeslagen.")).toBeTruthy();
    expect(callsTo(calls, "update_organisation").at(-1)).toEqual({ organisation: { ...org, leaving_ends_consent: false } });
  });

  it("sends the warning period for ending consent", async () => {
    const calls = mockBackend({ has_logo: () => false, update_organisation: (args) => args.organisation });
    const user = userEvent.setup();
    render(SettingsForm);
    const field = screen.getByTestId("settings-warning-days") as HTMLInputElement;
    // The label is the short name only; the help is linked by aria-describedby, not part of the name.
    expect(field.labels?.[0]?.textContent).toBe("Waarschuwen als toestemming afloopt binnen (dagen)");
    expect(document.getElementById(field.getAttribute("aria-describedby")!)?.textContent).toContain("1 tot en met 365 dagen");
    expect(field.value).toBe("30");
    await user.clear(field);
    await user.type(field, "45");
    await user.click(screen.getByTestId("settings-save"));
    expect(await screen.findByText("De instellingen zijn opgeslagen.")).toBeTruthy();
    expect(callsTo(calls, "update_organisation").at(-1)).toEqual({ organisation: { ...org, expiry_warning_days: 45 } });
  });
});
