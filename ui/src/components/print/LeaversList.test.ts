import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import type { Channel } from "@tauri-apps/api/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppStatus, BatchProgress, BatchReport, DossierReport, PersonSummary } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { dossierBatch } from "../../lib/print/batchRun.svelte";
import { app } from "../../lib/session/session.svelte";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import LeaversList from "./LeaversList.svelte";

const leavers: PersonSummary[] = [
  { id: 12, name: "Daan Jansen", kind: "child", birth_date: "2014-02-01", leave_date: "2026-07-10", groups: ["Groep 8", "Zwemclub"] },
  { id: 7, name: "Sanne de Vries", kind: "child", birth_date: "2014-03-14", leave_date: "2026-08-31", groups: ["Groep 8"] },
];

function backend(extra: Record<string, Handler> = {}) {
  return mockBackend({ leavers: () => leavers, ...extra });
}

/** What the Rust side does with the batch's Channel: numbered messages through the IPC callback. */
function sendProgress(channel: unknown, index: number, message: BatchProgress) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } }).__TAURI_INTERNALS__;
  internals.runCallback((channel as Channel<BatchProgress>).id, { index, message });
}

/** A batch the test ends itself; `channel` is what the window passed as onProgress. */
function batching() {
  const run = deferred<BatchReport | null>();
  const seen: { channel: unknown } = { channel: null };
  const handler: Handler = (args) => {
    seen.channel = args.onProgress;
    return run.promise;
  };
  return { run, seen, handler };
}

const dossierReport: DossierReport = {
  person: 7,
  out: "Vertrek/Vertrekdossier Sanne de Vries.pdf",
  bytes: 48_213,
  fingerprint: { events: 14, sha256: "0123456789abcdef" + "f".repeat(48) },
};

const rows = () => screen.queryAllByTestId("leaver-row");
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

async function setDate(id: string, typed: string) {
  // As the office types it, day first, and leaves the field.
  const user = userEvent.setup();
  const input = screen.getByTestId(id);
  await user.clear(input);
  if (typed) await user.type(input, typed);
  await user.tab();
}

const appStatus = (leavers_period: AppStatus["leavers_period"]): AppStatus => ({
  initialised: true,
  session: { user_id: 1, username: "beheer", role: "admin", must_change_password: false, person: null },
  organisation: null,
  lang: "nl",
  data_dir: "/d",
  error: null,
  today: "2027-03-10",
  leavers_period,
  idle_lock_seconds: null, recovery_sheet_needed: false, encrypting: null,
      desk: false,
});

describe("LeaversList", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "leavers" });
    dossierBatch.forget();
    // The backend's app status says which period the screen opens with.
    app.status = appStatus({ from: "2026-06-01", to: "2026-08-31" });
  });

  afterEach(() => {
    app.status = null;
  });

  it("opens on last summer, lists who left with groups and date, and opens a person", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(LeaversList);
    expect((screen.getByTestId("leavers-from") as HTMLInputElement).value).toBe("01-06-2026");
    expect((screen.getByTestId("leavers-to") as HTMLInputElement).value).toBe("31-08-2026");
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsTo(calls, "leavers")).toEqual([{ from: "2026-06-01", to: "2026-08-31" }]);
    expect(rows().map((r) => r.getAttribute("data-person-id"))).toEqual(["12", "7"]);
    // The count is announced, not the whole table.
    expect(screen.getByTestId("leavers-count").closest("[aria-live]")).not.toBeNull();
    expect(rows()[0].closest("[aria-live]")).toBeNull();
    expect(rows()[0].textContent).toContain("Daan Jansen");
    expect(rows()[0].textContent).toContain("Groep 8, Zwemclub");
    expect(rows()[0].textContent).toContain("10-07-2026");
    expect(button("batch-start").textContent).toBe("Alle 2 vertrekdossiers maken");
    expect(button("batch-start").disabled).toBe(false);

    await user.click(within(rows()[1]).getByTestId("leaver-open"));
    expect(router.route).toEqual({ name: "person", id: 7 });
  });

  it("opens on the period the backend chose", async () => {
    app.status = appStatus({ from: "2027-06-01", to: "2027-08-31" });
    const calls = backend();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(callsTo(calls, "leavers")).toEqual([{ from: "2027-06-01", to: "2027-08-31" }]);
  });

  it("reloads when a date changes and shows a refused period in place of the list", async () => {
    const calls = backend({
      leavers: ({ from, to }) => {
        if ((from as string) > (to as string)) throw refuse("date.order", "De begindatum ligt na de einddatum.");
        return from === "2026-08-01" ? [leavers[1]] : leavers;
      },
    });
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await setDate("leavers-from", "01-08-2026");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(callsTo(calls, "leavers").at(-1)).toEqual({ from: "2026-08-01", to: "2026-08-31" });
    expect(button("batch-start").textContent).toBe("1 vertrekdossier maken");

    await setDate("leavers-to", "01-07-2026");
    expect((await screen.findByTestId("leavers-error")).textContent).toBe("De begindatum ligt na de einddatum.");
    expect(callsTo(calls, "leavers").at(-1)).toEqual({ from: "2026-08-01", to: "2026-07-01" });
    expect(rows()).toHaveLength(0);
    expect(button("batch-start").disabled).toBe(true);

    await setDate("leavers-to", "31-08-2026");
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.queryByTestId("leavers-error")).toBeNull();
  });

  it("does not reload while a date is still being typed", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const from = screen.getByTestId("leavers-from");
    await user.tripleClick(from);
    await user.keyboard("15-07-20");
    expect(callsTo(calls, "leavers")).toHaveLength(1);
    await user.keyboard("26");
    await waitFor(() => expect(callsTo(calls, "leavers")).toHaveLength(2));
    expect(callsTo(calls, "leavers").at(-1)).toEqual({ from: "2026-07-15", to: "2026-08-31" });
  });

  it("says plainly that nobody left, and has no batch to start", async () => {
    backend({ leavers: () => [] });
    render(LeaversList);
    expect((await screen.findByTestId("leavers-empty")).textContent).toBe("In deze periode is niemand vertrokken.");
    expect(rows()).toHaveLength(0);
    expect(button("batch-start").disabled).toBe(true);
    expect(button("batch-start").textContent).toBe("Alle vertrekdossiers maken");
  });

  it("asks for both dates instead of loading with one missing", async () => {
    const calls = backend();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await setDate("leavers-from", "");
    expect((await screen.findByTestId("leavers-dates-missing")).textContent).toBe("Vul beide datums in.");
    expect(callsTo(calls, "leavers")).toHaveLength(1);
    expect(button("batch-start").disabled).toBe(true);
  });

  it("prints one dossier per row, once on a double click, and names the file and fingerprint", async () => {
    const answer = deferred<DossierReport | null>();
    const calls = backend({ print_dossier: () => answer.promise });
    const user = userEvent.setup();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await user.dblClick(within(rows()[1]).getByTestId("leaver-print"));
    const printButtons = screen.getAllByTestId("leaver-print") as HTMLButtonElement[];
    expect(printButtons.map((b) => b.disabled)).toEqual([true, true]);
    expect(printButtons.map((b) => b.textContent?.trim())).toEqual(["Vertrekdossier", "Bezig…"]);
    expect(callsTo(calls, "print_dossier")).toEqual([{ person: 7 }]);
    // No folder dialog while the save dialog is open.
    expect(button("batch-start").disabled).toBe(true);

    answer.resolve(dossierReport);
    const done = await screen.findByTestId("print-done");
    expect(done.textContent).toContain("Het vertrekdossier is opgeslagen als Vertrek/Vertrekdossier Sanne de Vries.pdf.");
    expect(done.textContent).toContain("Het bevat 14 gebeurtenissen, vingerafdruk 0123456789abcdef…");
    expect(done.textContent).not.toContain("0123456789abcdeff");
    await waitFor(() => expect(printButtons.map((b) => b.disabled)).toEqual([false, false]));
    expect(printButtons.map((b) => b.textContent?.trim())).toEqual(["Vertrekdossier", "Vertrekdossier"]);
  });

  it("shows nothing when the save dialog is closed, and a refusal as its message", async () => {
    let answer: () => unknown = () => null;
    const calls = backend({ print_dossier: () => answer() });
    const user = userEvent.setup();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await user.click(within(rows()[0]).getByTestId("leaver-print"));
    await waitFor(() => expect(callsTo(calls, "print_dossier")).toEqual([{ person: 12 }]));
    await waitFor(() => expect((within(rows()[0]).getByTestId("leaver-print") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId("print-done")).toBeNull();
    expect(screen.queryByTestId("print-error")).toBeNull();

    answer = () => {
      throw refuse("file.write", "Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
    };
    await user.click(within(rows()[0]).getByTestId("leaver-print"));
    expect((await screen.findByTestId("print-error")).textContent).toBe("Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
    expect(screen.queryByTestId("print-done")).toBeNull();
  });

  it("makes all dossiers with progress, then says how many are where and where the combined file is", async () => {
    const batch = batching();
    const calls = backend({ dossier_batch: batch.handler });
    const user = userEvent.setup();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await user.dblClick(button("batch-start"));
    const progress = await screen.findByTestId("batch-progress");
    expect(callsTo(calls, "dossier_batch").map(({ from, to }) => ({ from, to }))).toEqual([{ from: "2026-06-01", to: "2026-08-31" }]);
    expect(batch.seen.channel).toBeTruthy();
    expect(progress.textContent).toContain("Kies een map in het venster dat opent.");
    expect(button("batch-start").disabled).toBe(true);
    // No save dialog while the folder dialog may be open.
    expect((screen.getAllByTestId("leaver-print") as HTMLButtonElement[]).map((b) => b.disabled)).toEqual([true, true]);

    sendProgress(batch.seen.channel, 0, { done: 12, total: 300, name: "Vertrekdossier Daan Jansen (12).pdf" });
    await waitFor(() => expect(screen.getByTestId("batch-progress-text").textContent).toBe("12 van 300 — Vertrekdossier Daan Jansen (12).pdf"));
    const bar = progress.querySelector("progress")!;
    expect(bar.value).toBe(12);
    expect(bar.max).toBe(300);
    // The list still works while the batch runs.
    expect(button("leavers-from").disabled).toBe(false);
    expect((screen.getAllByTestId("leaver-print") as HTMLButtonElement[]).map((b) => b.disabled)).toEqual([false, false]);

    batch.run.resolve({
      count: 2,
      files: ["Vertrek 2026/Vertrekdossier Daan Jansen (12).pdf", "Vertrek 2026/Vertrekdossier Sanne de Vries (7).pdf"],
      combined: "Vertrek 2026/Vertrekdossiers 2026-06-01 tot 2026-08-31.pdf",
      cancelled: false,
    });
    const report = await screen.findByTestId("batch-report");
    expect(screen.queryByTestId("batch-progress")).toBeNull();
    expect(screen.getByTestId("batch-saved").textContent).toBe("2 vertrekdossiers opgeslagen in Vertrek 2026");
    expect(screen.getByTestId("batch-combined").textContent).toBe("Alles samen in Vertrek 2026/Vertrekdossiers 2026-06-01 tot 2026-08-31.pdf, om in één keer af te drukken.");
    expect(button("batch-start").disabled).toBe(false);

    await user.click(within(report).getByRole("button", { name: "Sluiten" }));
    expect(screen.queryByTestId("batch-report")).toBeNull();
  });

  it("stops a batch on request and says nothing was saved", async () => {
    const batch = batching();
    const calls = backend({ dossier_batch: batch.handler, cancel_batch: () => null });
    const user = userEvent.setup();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(button("batch-start"));
    await screen.findByTestId("batch-progress");
    sendProgress(batch.seen.channel, 0, { done: 1, total: 300, name: "Vertrekdossier Daan Jansen (12).pdf" });
    await screen.findByTestId("batch-progress-text");

    await user.dblClick(button("batch-cancel"));
    expect(button("batch-cancel").disabled).toBe(true);
    expect(screen.getByTestId("batch-stopping").textContent).toBe("Bezig met stoppen…");
    await waitFor(() => expect(callsTo(calls, "cancel_batch")).toHaveLength(1));

    batch.run.resolve({ count: 0, files: [], combined: null, cancelled: true });
    const report = await screen.findByTestId("batch-report");
    expect(report.getAttribute("data-cancelled")).toBe("true");
    expect(report.textContent).toContain("Gestopt: er is niets opgeslagen.");
    expect(screen.queryByTestId("batch-saved")).toBeNull();
    expect(screen.queryByTestId("batch-progress")).toBeNull();
  });

  it("shows nothing when the folder dialog is closed, and a refusal plainly", async () => {
    let answer: () => unknown = () => null;
    const calls = backend({ dossier_batch: () => answer() });
    const user = userEvent.setup();
    render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await user.click(button("batch-start"));
    await waitFor(() => expect(callsTo(calls, "dossier_batch")).toHaveLength(1));
    await waitFor(() => expect(button("batch-start").disabled).toBe(false));
    expect(screen.queryByTestId("batch-progress")).toBeNull();
    expect(screen.queryByTestId("batch-report")).toBeNull();
    expect(screen.queryByTestId("batch-error")).toBeNull();

    answer = () => {
      throw refuse("dossier.batch_busy", "Er worden al vertrekdossiers gemaakt. Wacht tot dat klaar is.");
    };
    await user.click(button("batch-start"));
    expect((await screen.findByTestId("batch-error")).textContent).toBe("Er worden al vertrekdossiers gemaakt. Wacht tot dat klaar is.");
    expect(screen.queryByTestId("batch-report")).toBeNull();
  });

  it("finds a running batch again after looking elsewhere", async () => {
    const batch = batching();
    backend({ dossier_batch: batch.handler });
    const user = userEvent.setup();
    const first = render(LeaversList);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(button("batch-start"));
    await screen.findByTestId("batch-progress");
    sendProgress(batch.seen.channel, 0, { done: 40, total: 300, name: "Vertrekdossier Daan Jansen (12).pdf" });
    first.unmount();

    render(LeaversList);
    expect(screen.getByTestId("batch-progress-text").textContent).toBe("40 van 300 — Vertrekdossier Daan Jansen (12).pdf");
  });
});
