import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import SetupForm from "./SetupForm.svelte";

const status = { initialised: true, session: { user_id: 1, username: "beheer", role: "admin", must_change_password: false, person: null }, organisation: null, lang: "nl", data_dir: "/d", error: null, today: "2026-11-30", leavers_period: null, idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null, desk: false };

async function fill(user: ReturnType<typeof userEvent.setup>, password2: string) {
  await user.type(screen.getByTestId("setup-org"), "De Regenboog");
  await user.type(screen.getByTestId("setup-username"), "beheer");
  await user.type(screen.getByTestId("setup-password"), "geheim wachtwoord");
  await user.type(screen.getByTestId("setup-password2"), password2);
}

describe("SetupForm", () => {
  beforeEach(() => useLang("nl"));

  it("has the organisation's name focused on arrival, and help that is no part of a field's name", () => {
    mockBackend({});
    render(SetupForm);
    expect(document.activeElement).toBe(screen.getByTestId("setup-org"));
    // The label names the field; the help is linked as its description.
    const age = screen.getByLabelText("Leeftijd vanaf wanneer iemand zelf toestemming geeft");
    expect(age).toBe(screen.getByTestId("setup-consent-age"));
    expect(document.getElementById(age.getAttribute("aria-describedby")!)?.textContent).toContain("In Nederland meestal 16");
    const password = screen.getByLabelText("Wachtwoord");
    expect(document.getElementById(password.getAttribute("aria-describedby")!)?.textContent).toBe("Minstens 10 tekens.");
  });

  it("shows a password mismatch inline and sends nothing", async () => {
    const calls = mockBackend({ setup: () => status.session, app_status: () => status });
    const user = userEvent.setup();
    render(SetupForm);
    await fill(user, "geheim124");
    expect(screen.getByTestId("setup-password-mismatch").textContent).toContain("niet hetzelfde");
    await user.click(screen.getByTestId("setup-submit"));
    expect(callsTo(calls, "setup")).toHaveLength(0);
  });

  it("refuses a short password before sending", async () => {
    const calls = mockBackend({ setup: () => status.session });
    const user = userEvent.setup();
    render(SetupForm);
    await user.type(screen.getByTestId("setup-password"), "kort");
    await user.click(screen.getByTestId("setup-submit"));
    expect(screen.getByTestId("setup-password-short").textContent).toContain("minstens 10");
    expect(callsTo(calls, "setup")).toHaveLength(0);
  });

  it("prefills the age of own consent from the region", async () => {
    mockBackend({});
    const user = userEvent.setup();
    render(SetupForm);
    const age = screen.getByTestId("setup-consent-age") as HTMLInputElement;
    expect(age.value).toBe("16");
    await user.selectOptions(screen.getByTestId("setup-jurisdiction"), "be-vl");
    expect(age.value).toBe("12");
  });

  it("sends the setup request and shows the backend's refusal as is", async () => {
    const calls = mockBackend({ setup: () => { throw refuse("setup.org_name", "Vul de naam van de organisatie in."); } });
    const user = userEvent.setup();
    render(SetupForm);
    await fill(user, "geheim wachtwoord");
    await user.selectOptions(screen.getByTestId("setup-jurisdiction"), "be-vl");
    await user.click(screen.getByTestId("setup-submit"));
    expect((await screen.findByTestId("error")).textContent).toBe("Vul de naam van de organisatie in.");
    expect(callsTo(calls, "setup")).toEqual([
      { request: { org_name: "De Regenboog", jurisdiction: "be-vl", consent_age: 12, school_year_start: "08-01", username: "beheer", password: "geheim wachtwoord" } },
    ]);
  });
});
