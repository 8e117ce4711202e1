import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useLang } from "../../lib/i18n";
import { app } from "../../lib/session/session.svelte";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import OwnPassword from "./OwnPassword.svelte";

const session = { user_id: 3, username: "kantoor", role: "office", must_change_password: false, person: null } as const;

describe("OwnPassword", () => {
  beforeEach(() => {
    useLang("nl");
    app.status = { initialised: true, session, organisation: null, lang: "nl", data_dir: "/d", error: null, today: "2026-11-30", leavers_period: null, idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null, desk: false };
  });
  afterEach(() => {
    app.status = null;
  });

  it("changes the own password after the core checked the current one, and says a wrong one plainly", async () => {
    const calls = mockBackend({
      change_password: (args) => {
        if (args.current !== "het oude wachtwoord") throw refuse("auth.failed", "Het huidige wachtwoord klopt niet.");
        return session;
      },
    });
    const user = userEvent.setup();
    render(OwnPassword);
    expect(screen.getByRole("heading").textContent).toBe("Eigen wachtwoord wijzigen");
    await user.type(screen.getByTestId("password-current"), "verkeerd");
    await user.type(screen.getByTestId("password-new"), "een nieuwe lange zin");
    await user.type(screen.getByTestId("password-repeat"), "een nieuwe lange zin");
    await user.click(screen.getByTestId("password-save"));
    expect((await screen.findByTestId("error")).textContent).toContain("klopt niet");
    await user.clear(screen.getByTestId("password-current"));
    await user.type(screen.getByTestId("password-current"), "het oude wachtwoord");
    await user.click(screen.getByTestId("password-save"));
    expect(await screen.findByText("Uw wachtwoord is gewijzigd. Gebruik voortaan het nieuwe.")).toBeTruthy();
    expect(callsTo(calls, "change_password").at(-1)).toEqual({ current: "het oude wachtwoord", next: "een nieuwe lange zin" });
    expect((screen.getByTestId("password-new") as HTMLInputElement).value).toBe("");
  });

  it("says a short or mismatched new password without asking the core", async () => {
    const calls = mockBackend({ change_password: () => session });
    const user = userEvent.setup();
    render(OwnPassword);
    await user.type(screen.getByTestId("password-current"), "het oude wachtwoord");
    const next = screen.getByTestId("password-new") as HTMLInputElement;
    expect(next.labels?.[0]?.textContent).toBe("Nieuw wachtwoord");
    expect(document.getElementById(next.getAttribute("aria-describedby")!)?.textContent).toContain("Minstens 10 tekens");
    await user.type(next, "kort");
    await user.type(screen.getByTestId("password-repeat"), "kort");
    await user.click(screen.getByTestId("password-save"));
    expect((await screen.findByTestId("password-problem")).textContent).toContain("minstens 10 tekens");
    expect(callsTo(calls, "change_password")).toEqual([]);
  });
});
