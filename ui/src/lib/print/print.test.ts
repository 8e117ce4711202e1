import { describe, expect, it } from "vitest";
import { deferred } from "../../test/ipc";
import type { BatchProgress, BatchReport, ReconsentLine } from "../api";
import { DossierBatch, type BatchApi } from "./batchRun.svelte";
import { folderOf, shortFingerprint } from "./files";
import { byGroup, peopleOn } from "./reconsent";

describe("print files", () => {
  it("finds the folder of a Unix or Windows path", () => {
    expect(folderOf("Documenten/Vertrek 2026/Vertrekdossiers 2026-06-01 tot 2026-08-31.pdf")).toBe("Documenten/Vertrek 2026");
    expect(folderOf("D:\\Vertrek 2026\\Vertrekdossier Sanne (7).pdf")).toBe("D:\\Vertrek 2026");
    expect(folderOf("D:\\Vertrekdossier.pdf")).toBe("D:\\");
    expect(folderOf("/Vertrekdossier.pdf")).toBe("/");
    expect(folderOf("Vertrekdossier.pdf")).toBe("Vertrekdossier.pdf");
  });

  it("shortens a fingerprint to 16 characters", () => {
    expect(shortFingerprint("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")).toBe("0123456789abcdef");
  });
});

/** A fake backend for one batch: the test plays progress and ends it. */
function fakeApi() {
  const end = deferred<BatchReport | null>();
  const state = { onProgress: null as ((p: BatchProgress) => void) | null, started: [] as [string, string][], cancels: 0 };
  const calls: BatchApi = {
    dossierBatch: (from, to, onProgress) => {
      state.started.push([from, to]);
      state.onProgress = onProgress;
      return end.promise;
    },
    cancelBatch: async () => {
      state.cancels++;
    },
  };
  return { end, state, calls };
}

const done: BatchReport = { count: 2, files: ["M/a.pdf", "M/b.pdf"], combined: "M/alles.pdf", cancelled: false };

describe("DossierBatch", () => {
  it("starts once, shows progress and keeps the report", async () => {
    const fake = fakeApi();
    const batch = new DossierBatch(fake.calls);
    const run = batch.start("2026-06-01", "2026-08-31");
    expect(await batch.start("2026-06-01", "2026-08-31")).toBe(false);
    expect(fake.state.started).toEqual([["2026-06-01", "2026-08-31"]]);
    expect(batch.running).toBe(true);
    fake.state.onProgress!({ done: 1, total: 2, name: "a.pdf" });
    expect(batch.progress).toEqual({ done: 1, total: 2, name: "a.pdf" });
    fake.end.resolve(done);
    expect(await run).toBe(true);
    expect(batch.running).toBe(false);
    expect(batch.progress).toBeNull();
    expect(batch.report).toEqual(done);
  });

  it("shows nothing when the folder dialog is closed", async () => {
    const fake = fakeApi();
    const batch = new DossierBatch(fake.calls);
    const run = batch.start("2026-06-01", "2026-08-31");
    fake.end.resolve(null);
    expect(await run).toBe(false);
    expect(batch.report).toBeNull();
    expect(batch.error).toBeNull();
    expect(batch.running).toBe(false);
  });

  it("asks again to stop when the first dossier is reported after an early stop", async () => {
    // The backend clears its stop flag once the folder is chosen.
    const fake = fakeApi();
    const batch = new DossierBatch(fake.calls);
    const run = batch.start("2026-06-01", "2026-08-31");
    await batch.cancel();
    await batch.cancel();
    expect(fake.state.cancels).toBe(1);
    expect(batch.stopping).toBe(true);
    fake.state.onProgress!({ done: 1, total: 300, name: "a.pdf" });
    fake.state.onProgress!({ done: 2, total: 300, name: "b.pdf" });
    expect(fake.state.cancels).toBe(2);
    fake.end.resolve({ count: 0, files: [], combined: null, cancelled: true });
    expect(await run).toBe(false);
    expect(batch.report?.cancelled).toBe(true);
  });

  it("stops once when progress is under way", async () => {
    const fake = fakeApi();
    const batch = new DossierBatch(fake.calls);
    void batch.start("2026-06-01", "2026-08-31");
    fake.state.onProgress!({ done: 1, total: 300, name: "a.pdf" });
    await batch.cancel();
    fake.state.onProgress!({ done: 2, total: 300, name: "b.pdf" });
    expect(fake.state.cancels).toBe(1);
  });

  it("ignores the answer of a forgotten run", async () => {
    const fake = fakeApi();
    const batch = new DossierBatch(fake.calls);
    const run = batch.start("2026-06-01", "2026-08-31");
    batch.forget();
    fake.state.onProgress!({ done: 1, total: 2, name: "a.pdf" });
    fake.end.resolve(done);
    expect(await run).toBe(false);
    expect(batch.progress).toBeNull();
    expect(batch.report).toBeNull();
    expect(batch.running).toBe(false);
  });
});

describe("re-consent sections", () => {
  const line = (person: number, groups: string[], reason: ReconsentLine["reason"] = "expired"): ReconsentLine => ({ person, name: `P${person}`, groups, reason, items: [], form: null });
  const lines = [line(1, []), line(2, ["Groep 7"]), line(2, ["Groep 7"], "new-uses"), line(3, ["Groep 8", "Zwemclub"]), line(4, ["Groep 8"])];

  it("puts the lines under their first group, in the order they come", () => {
    expect(byGroup(lines, null).map((s) => [s.group, s.lines.map((l) => l.person)])).toEqual([
      [null, [1]],
      ["Groep 7", [2, 2]],
      ["Groep 8", [3, 4]],
    ]);
  });

  it("puts all lines under the chosen group", () => {
    expect(byGroup([lines[3]], "Zwemclub").map((s) => [s.group, s.lines.map((l) => l.person)])).toEqual([["Zwemclub", [3]]]);
    expect(byGroup([], null)).toEqual([]);
  });

  it("counts each person once", () => {
    expect(peopleOn(lines)).toBe(4);
    expect(peopleOn([])).toBe(0);
  });
});
