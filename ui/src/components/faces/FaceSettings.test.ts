import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { FaceStatus } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend } from "../../test/ipc";
import FaceSettings from "./FaceSettings.svelte";
import FaceExclusion from "./FaceExclusion.svelte";

describe("FaceSettings", () => {
  beforeEach(() => useLang("nl"));

  it("says what switching on does, asks to confirm the legal basis, and says switching off deletes", async () => {
    let status: FaceStatus = { suggestions: false, scanned: 40, waiting: 0 };
    const calls = mockBackend({
      face_status: () => status,
      set_face_suggestions: (a) => {
        status = { ...status, suggestions: a.on as boolean, waiting: a.on ? 40 : 0 };
        return status;
      },
      scan_faces: () => null,
    });
    render(FaceSettings);
    expect((await screen.findByTestId("face-settings-state")).textContent).toContain("staan uit");
    const text = screen.getByTestId("face-settings").textContent ?? "";
    expect(text).toContain("biometrische gegevens");
    expect(text).toContain("nooit vanzelf overgenomen");
    // Not before the administrator confirms the basis.
    const on = screen.getByTestId("face-suggestions-on") as HTMLButtonElement;
    expect(on.disabled).toBe(true);
    await userEvent.click(screen.getByTestId("face-suggestions-confirm"));
    await userEvent.click(on);
    expect(callsTo(calls, "set_face_suggestions")).toEqual([{ on: true }]);
    await waitFor(() => expect(screen.getByTestId("face-settings-state").getAttribute("data-on")).toBe("true"));
    expect(screen.getByTestId("face-settings-state").textContent).toContain("40 foto's wachten");
    // The photos already there are described in the background.
    await waitFor(() => expect(callsTo(calls, "scan_faces")).toHaveLength(1));
    expect(screen.getByTestId("face-settings").textContent).toContain("wist alle bewaarde gezichtskenmerken");
    await userEvent.click(screen.getByTestId("face-suggestions-off"));
    expect(callsTo(calls, "set_face_suggestions").at(-1)).toEqual({ on: false });
    await waitFor(() => expect(screen.getByTestId("face-settings-state").getAttribute("data-on")).toBe("false"));
  });
});

describe("FaceExclusion", () => {
  beforeEach(() => useLang("nl"));

  it("records an objection and lifts it again", async () => {
    let excluded = false;
    const calls = mockBackend({
      face_excluded: () => excluded,
      set_face_exclusion: (a) => {
        excluded = a.exclude as boolean;
        return null;
      },
    });
    render(FaceExclusion, { person: 7 });
    await userEvent.click(await screen.findByTestId("face-exclude"));
    expect(callsTo(calls, "set_face_exclusion")).toEqual([{ person: 7, exclude: true }]);
    expect((await screen.findByTestId("face-excluded")).textContent).toContain("Uitgesloten");
    expect(screen.getByTestId("face-exclusion-done").textContent).toContain("nooit voorgesteld");
    await userEvent.click(screen.getByTestId("face-include"));
    expect(callsTo(calls, "set_face_exclusion").at(-1)).toEqual({ person: 7, exclude: false });
    expect(await screen.findByTestId("face-exclude")).toBeTruthy();
  });
});
