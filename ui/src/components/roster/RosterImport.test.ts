import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { RosterReport } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, refuse, type Handler } from "../../test/ipc";
import RosterImport from "./RosterImport.svelte";

const report = (dry_run: boolean): RosterReport => ({
  added: 3, updated: 1, unchanged: 20, past_retention: 2, groups_created: ["Groep 8"], ignored_columns: ["Opmerking"], dry_run,
});

function backend(extra: Record<string, Handler> = {}) {
  return mockBackend({
    pick_file: () => "/home/office/leerlingen.csv",
    import_roster: ({ dryRun }) => report(dryRun as boolean),
    ...extra,
  });
}

describe("RosterImport", () => {
  beforeEach(() => useLang("nl"));

  it("explains the expected file", () => {
    mockBackend({});
    render(RosterImport);
    expect(document.body.textContent).toContain("geboortedatum");
    expect(document.body.textContent).toContain("puntkomma (;)");
  });

  it("shows a dry-run preview first, then imports the same file", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(RosterImport);
    await user.click(screen.getByTestId("roster-pick"));
    const preview = await screen.findByTestId("roster-preview");
    expect(screen.getByTestId("roster-added").textContent).toBe("3");
    expect(screen.getByTestId("roster-updated").textContent).toBe("1");
    expect(screen.getByTestId("roster-unchanged").textContent).toBe("20");
    expect(screen.getByTestId("roster-past-retention").textContent).toBe("2");
    expect(screen.getByTestId("roster-groups").textContent).toBe("Groep 8");
    expect(screen.getByTestId("roster-ignored").textContent).toBe("Opmerking");
    expect(preview.textContent).toContain("Nieuwe personen");
    expect(callsTo(calls, "pick_file")).toEqual([{ kind: "roster" }]);
    expect(callsTo(calls, "import_roster")).toEqual([{ path: "/home/office/leerlingen.csv", dryRun: true }]);

    await user.dblClick(screen.getByTestId("roster-import"));
    const result = await screen.findByTestId("roster-result");
    expect(result.textContent).toContain("Toegevoegd");
    expect(screen.queryByTestId("roster-preview")).toBeNull();
    expect(callsTo(calls, "import_roster")).toEqual([
      { path: "/home/office/leerlingen.csv", dryRun: true },
      { path: "/home/office/leerlingen.csv", dryRun: false },
    ]);
  });

  it("shows the backend's message when the file has problems, and imports nothing", async () => {
    const calls = backend({ import_roster: () => { throw refuse("roster.invalid", "Regel 3, kolom geboortedatum: '31-02-2015' is geen datum."); } });
    const user = userEvent.setup();
    render(RosterImport);
    await user.click(screen.getByTestId("roster-pick"));
    expect((await screen.findByTestId("error")).textContent).toBe("Regel 3, kolom geboortedatum: '31-02-2015' is geen datum.");
    expect(screen.queryByTestId("roster-import")).toBeNull();
    expect(callsTo(calls, "import_roster")).toHaveLength(1);
  });

  it("does nothing when the file dialog is cancelled", async () => {
    const calls = backend({ pick_file: () => null });
    const user = userEvent.setup();
    render(RosterImport);
    await user.click(screen.getByTestId("roster-pick"));
    await waitFor(() => expect(callsTo(calls, "pick_file")).toHaveLength(1));
    expect(callsTo(calls, "import_roster")).toHaveLength(0);
    expect(screen.queryByTestId("error")).toBeNull();
  });
});
