import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { useLang } from "../../lib/i18n";
import { callsTo, deferred, mockBackend, refuse } from "../../test/ipc";
import LogoSetting from "./LogoSetting.svelte";

describe("the logo on printouts", () => {
  beforeEach(() => useLang("nl"));

  it("says there is none yet, and after choosing one says it is on every printout", async () => {
    const chosen = deferred<boolean | null>();
    const calls = mockBackend({ has_logo: () => false, set_logo_file: () => chosen.promise });
    const user = userEvent.setup();
    render(LogoSetting);
    expect((await screen.findByTestId("logo-state")).textContent).toContain("nog geen logo");
    expect(screen.queryByTestId("logo-remove")).toBeNull();
    const choose = screen.getByTestId("logo-choose") as HTMLButtonElement;
    expect(choose.textContent).toBe("Logo kiezen");

    await user.dblClick(choose);
    expect(callsTo(calls, "set_logo_file")).toHaveLength(1);
    expect(choose.disabled).toBe(true);
    chosen.resolve(true);
    expect((await screen.findByTestId("print-done")).textContent).toContain("Het logo staat voortaan op elke afdruk.");
    expect(screen.getByTestId("logo-state").textContent).toContain("Op elke afdruk staat het logo");
    expect(screen.getByTestId("logo-choose").textContent).toBe("Ander logo kiezen");
    expect(screen.getByTestId("logo-remove")).toBeTruthy();
    expect(callsTo(calls, "set_logo_file")).toHaveLength(1);
  });

  it("changes nothing when the dialog is closed, and shows a refused file plainly", async () => {
    let answer: () => unknown = () => null;
    const calls = mockBackend({ has_logo: () => false, set_logo_file: () => answer() });
    const user = userEvent.setup();
    render(LogoSetting);
    const choose = (await screen.findByTestId("logo-choose")) as HTMLButtonElement;
    await waitFor(() => expect(choose.disabled).toBe(false));
    await user.click(choose);
    await waitFor(() => expect(callsTo(calls, "set_logo_file")).toHaveLength(1));
    await waitFor(() => expect(choose.disabled).toBe(false));
    expect(screen.queryByTestId("print-done")).toBeNull();
    expect(screen.getByTestId("logo-state").textContent).toContain("nog geen logo");

    answer = () => {
      throw refuse("org.logo", "Dit bestand kan niet als logo dienen (geen afbeelding).");
    };
    await user.click(choose);
    expect((await screen.findByTestId("logo-error")).textContent).toContain("kan niet als logo dienen");
    expect(screen.getByTestId("logo-state").textContent).toContain("nog geen logo");
  });

  it("removes a logo that is set", async () => {
    const calls = mockBackend({ has_logo: () => true, remove_logo: () => null });
    const user = userEvent.setup();
    render(LogoSetting);
    expect((await screen.findByTestId("logo-state")).textContent).toContain("Op elke afdruk staat het logo");
    await user.click(screen.getByTestId("logo-remove"));
    expect((await screen.findByTestId("print-done")).textContent).toContain("Het logo is weggehaald.");
    expect(callsTo(calls, "remove_logo")).toHaveLength(1);
    expect(screen.getByTestId("logo-state").textContent).toContain("nog geen logo");
    expect(screen.queryByTestId("logo-remove")).toBeNull();
  });
});
