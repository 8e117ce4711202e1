import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import LoginForm from "./LoginForm.svelte";
import { callsTo, mockBackend, refuse } from "../../test/ipc";

afterEach(() => clearMocks());

describe("LoginForm", () => {
  it("has the user name focused on arrival and sends on Enter, without a click", async () => {
    const calls = mockBackend({ login: () => Promise.reject(refuse("auth.failed", "Gebruikersnaam of wachtwoord klopt niet.")) });
    render(LoginForm);
    expect(document.activeElement).toBe(screen.getByTestId("login-username"));
    await userEvent.keyboard("juf");
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByTestId("login-password"));
    await userEvent.keyboard("een wachtwoord{Enter}");
    await screen.findByText("Gebruikersnaam of wachtwoord klopt niet.");
    expect(callsTo(calls, "login")).toEqual([{ username: "juf", password: "een wachtwoord" }]);
  });
});
