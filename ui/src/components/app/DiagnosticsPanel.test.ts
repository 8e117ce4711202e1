import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import DiagnosticsPanel from "./DiagnosticsPanel.svelte";
import { callsTo, deferred, mockBackend, refuse } from "../../test/ipc";

const TEXT = "Beeldakkoord 0.1.0\nDatabaseschema: 19\nGegevensmap: /data";

afterEach(() => clearMocks());

describe("DiagnosticsPanel", () => {
  it("copies the details once on a double click and shows what was copied", async () => {
    const answer = deferred<string>();
    const calls = mockBackend({ copy_diagnostics: () => answer.promise });
    render(DiagnosticsPanel);
    const button = screen.getByTestId("diagnostics-copy");
    await userEvent.dblClick(button);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    answer.resolve(TEXT);
    expect((await screen.findByTestId("diagnostics-copied")).textContent).toContain("Gekopieerd");
    expect(screen.getByTestId("diagnostics-text").textContent).toBe(TEXT);
    expect(callsTo(calls, "copy_diagnostics")).toHaveLength(1);
  });

  it("shows the details to copy by hand when the clipboard fails", async () => {
    mockBackend({
      copy_diagnostics: () => {
        throw refuse("app.clipboard", "Het klembord kon niet worden gevuld.");
      },
      diagnostics: () => TEXT,
    });
    render(DiagnosticsPanel);
    await userEvent.click(screen.getByTestId("diagnostics-copy"));
    await screen.findByText("Het klembord kon niet worden gevuld.");
    expect((await screen.findByTestId("diagnostics-text")).textContent).toBe(TEXT);
    expect(screen.queryByTestId("diagnostics-copied")).toBeNull();
  });
});
