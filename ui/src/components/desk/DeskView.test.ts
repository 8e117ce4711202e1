import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppStatus } from "../../lib/api";
import { deskForm } from "../../test/fixtures";
import { useLang } from "../../lib/i18n";
import { app } from "../../lib/session/session.svelte";
import { deskRun } from "../../lib/desk/run.svelte";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import App from "../../App.svelte";

const shown = deskForm({ signers: [{ name: "Ilse Bakker", role: "guardian" }] });

const status: AppStatus = {
  initialised: true,
  session: null,
  organisation: null,
  lang: "nl",
  data_dir: "/data",
  error: null,
  today: "2026-11-30",
  leavers_period: null,
  idle_lock_seconds: null,
  recovery_sheet_needed: false,
  encrypting: null,
  desk: true,
};

// jsdom draws nothing: a canvas that takes strokes and gives a fixed PNG.
const PNG = "data:image/png;base64,iVBORw0KGgo=";
function fakeCanvas() {
  const ctx = { beginPath() {}, arc() {}, fill() {}, moveTo() {}, lineTo() {}, stroke() {}, fillRect() {} };
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(() => ctx as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLCanvasElement.prototype, "toDataURL").mockImplementation(() => PNG);
}

function sign(canvas: HTMLElement) {
  fireEvent.pointerDown(canvas, { clientX: 10, clientY: 10, pointerId: 1 });
  fireEvent.pointerMove(canvas, { clientX: 60, clientY: 40, pointerId: 1 });
  fireEvent.pointerMove(canvas, { clientX: 120, clientY: 20, pointerId: 1 });
  fireEvent.pointerUp(canvas, { pointerId: 1 });
}

describe("the desk view", () => {
  beforeEach(() => {
    useLang("nl");
    app.notice = null;
    deskRun.form = null;
    fakeCanvas();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it("shows only the child's form after a reload, and keeps the answers with the drawn signature", async () => {
    const calls = mockBackend({ app_status: () => status, desk_form: () => shown, finish_desk: () => 41, set_language: () => null });
    const user = userEvent.setup();
    render(App);
    expect((await screen.findByTestId("desk-title")).textContent).toContain("Toestemming voor foto's van Noor Bakker");
    expect((screen.getByTestId("desk-text")).textContent).toContain("Wij maken graag foto's.");
    expect((screen.getByTestId("desk-term")).textContent).toContain("tot het einde van het schooljaar");
    expect((screen.getByTestId("desk-withdraw")).textContent).toContain("intrekken");
    // Nothing of the app around it.
    expect(screen.queryByRole("navigation")).toBeNull();

    // Done too soon: the open questions are named, nothing is sent.
    await user.click(screen.getByTestId("desk-finish"));
    expect((screen.getByTestId("desk-problem")).textContent).toContain("Nog 2 vragen zonder antwoord.");
    const questions = screen.getAllByTestId("desk-question");
    await user.click(questions[0].querySelector<HTMLInputElement>("[data-testid=desk-yes]")!);
    await user.click(questions[1].querySelector<HTMLInputElement>("[data-testid=desk-no]")!);
    // The only guardian is chosen already; the box is still empty.
    expect(screen.getByTestId<HTMLInputElement>("desk-signer").checked).toBe(true);
    await user.click(screen.getByTestId("desk-finish"));
    expect((screen.getByTestId("desk-problem")).textContent).toContain("Zet uw handtekening in het vak.");
    expect(callsTo(calls, "finish_desk")).toEqual([]);

    sign(screen.getByTestId("desk-pad-0"));
    await user.click(screen.getByTestId("desk-finish"));
    await waitFor(() => expect(callsTo(calls, "finish_desk")).toHaveLength(1));
    expect(callsTo(calls, "finish_desk")[0]).toEqual({
      version: 2,
      answers: [
        { item: "group/website/information", yes: true },
        { item: "portrait/social/promotion", yes: false },
      ],
      signatures: [{ name: "Ilse Bakker", png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
    });
    // Back at sign-in, with a word for the parent.
    expect((await screen.findByTestId("login-notice")).textContent).toContain("Dank u wel!");
  });

  it("stays open with the backend's words when it refuses, and stops only when asked twice", async () => {
    const calls = mockBackend({
      app_status: () => status,
      desk_form: () => shown,
      finish_desk: () => {
        throw refuse("scan.empty_signature", "Er is nog niets getekend. Zet uw handtekening in het vak.");
      },
      leave_desk: () => null,
    });
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId("desk-title");
    for (const q of screen.getAllByTestId("desk-question")) await user.click(q.querySelector<HTMLInputElement>("[data-testid=desk-no]")!);
    sign(screen.getByTestId("desk-pad-0"));
    await user.click(screen.getByTestId("desk-finish"));
    expect(await screen.findByText("Er is nog niets getekend. Zet uw handtekening in het vak.")).toBeTruthy();
    expect(screen.getByTestId("desk-view")).toBeTruthy();

    await user.click(screen.getByTestId("desk-stop"));
    await user.click(screen.getByTestId("desk-stop-no"));
    expect(callsTo(calls, "leave_desk")).toEqual([]);
    await user.click(screen.getByTestId("desk-stop"));
    await user.click(screen.getByTestId("desk-stop-yes"));
    expect((await screen.findByTestId("login-notice")).textContent).toContain("Er is niets bewaard.");
    expect(callsTo(calls, "leave_desk")).toHaveLength(1);
  });

  it("ignores the keys that would leave the form", async () => {
    mockBackend({ app_status: () => status, desk_form: () => shown });
    render(App);
    await screen.findByTestId("desk-title");
    for (const init of [{ key: "r", ctrlKey: true }, { key: "ArrowLeft", altKey: true }, { key: "F5" }, { key: "Escape" }]) {
      const e = new KeyboardEvent("keydown", { ...init, bubbles: true, cancelable: true });
      document.body.dispatchEvent(e);
      expect(e.defaultPrevented, JSON.stringify(init)).toBe(true);
    }
    const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
    document.body.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
  });

  it("closes when left idle, after asking, and keeps nothing", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockBackend({ app_status: () => status, desk_form: () => ({ ...shown, idle_seconds: 40 }), leave_desk: () => null, finish_desk: () => 1 });
    render(App);
    await screen.findByTestId("desk-title");
    await vi.advanceTimersByTimeAsync(25_000);
    expect((screen.getByTestId("desk-idle")).textContent).toContain("Bent u er nog?");
    await vi.advanceTimersByTimeAsync(16_000);
    expect((await screen.findByTestId("login-notice")).textContent).toContain("niets gebeurde");
    expect(callsTo(calls, "leave_desk")).toHaveLength(1);
    expect(callsTo(calls, "finish_desk")).toEqual([]);
  });
});
