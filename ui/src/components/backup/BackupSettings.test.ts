import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { BackupStatus } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import BackupSettings from "./BackupSettings.svelte";

const none: BackupStatus = { settings: { folder: null, keep: 14 }, last: null, days_since: null, stale: true, due_today: false };

describe("BackupSettings", () => {
  beforeEach(() => useLang("nl"));

  it("chooses a folder and a count, shows the core's refusal, and makes a backup by hand", async () => {
    let status = none;
    const calls = mockBackend({
      backup_status: () => status,
      pick_backup_folder: () => "/media/usb",
      set_backup_settings: (args) => {
        if ((args.keep as number) > 365) throw refuse("setup.backup_keep", "400 reservekopieën bewaren kan niet: kies 1 tot 365.");
        status = { ...status, settings: { folder: args.folder as string, keep: args.keep as number }, due_today: true };
        return status;
      },
      create_backup: () => {
        status = { ...status, last: { at: "2026-11-30T09:15:00", file: "/media/usb/kopie.bkb", bytes: 1000 }, days_since: 0, stale: false };
        return { file: "/media/usb/kopie.bkb", created_at: "2026-11-30T09:15:00", organisation: "De Regenboog", schema_version: 10, app_version: "0.1.0", files: 3, photo_files: 2, bytes: 1000 };
      },
    });
    const user = userEvent.setup();
    render(BackupSettings);
    expect((await screen.findByTestId("backup-folder")).textContent).toContain("Nog geen map");
    expect(screen.getByTestId("backup-last-settings").textContent).toContain("nog nooit");
    await user.click(screen.getByTestId("backup-choose-folder"));
    expect((await screen.findByTestId("backup-folder")).textContent).toBe("/media/usb");
    const keep = screen.getByTestId("backup-keep") as HTMLInputElement;
    expect(keep.labels?.[0]?.textContent).toBe("Aantal reservekopieën bewaren");
    expect(document.getElementById(keep.getAttribute("aria-describedby")!)?.textContent).toContain("de oudste gaan weg");
    await user.clear(keep);
    await user.type(keep, "400");
    await user.click(screen.getByTestId("backup-save"));
    expect((await screen.findByTestId("backup-error")).textContent).toContain("1 tot 365");
    await user.clear(keep);
    await user.type(keep, "30");
    await user.click(screen.getByTestId("backup-save"));
    expect((await screen.findByTestId("backup-done")).textContent).toContain("opgeslagen");
    expect(callsTo(calls, "set_backup_settings").at(-1)).toEqual({ folder: "/media/usb", keep: 30 });
    await user.click(screen.getByTestId("backup-now"));
    expect((await screen.findByTestId("backup-done")).textContent).toContain("/media/usb/kopie.bkb");
    expect(screen.getByTestId("backup-last-settings").textContent).toContain("30-11-2026");
  });
});
