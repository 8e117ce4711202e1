import { describe, expect, it } from "vitest";
import { deferred } from "../../test/ipc";
import { ApiFailure, type ImportProgress, type ImportReport } from "../api";
import { summarise } from "./importing";
import { PhotoImport, type ImportApi } from "./importRun.svelte";

const report: ImportReport = {
  imported: [
    { id: 1, hash: "a", new: true, name: "IMG_0001.jpg" },
    { id: 2, hash: "b", new: false, name: "IMG_0002.jpg" },
    { id: 3, hash: "c", new: true, name: "IMG_0003.jpg" },
  ],
  failed: [{ name: "kapot.jpg", code: "photo.corrupt", message: "Dit bestand is geen leesbare foto." }],
  cancelled: false,
};

describe("summarise", () => {
  it("counts new photos apart from those the library had", () => {
    expect(summarise(report)).toEqual({ added: 2, already: 1, failed: report.failed, cancelled: false, nothingFound: false });
  });

  it("says when the choice held no photos, but not for a stopped import", () => {
    expect(summarise({ imported: [], failed: [], cancelled: false }).nothingFound).toBe(true);
    expect(summarise({ imported: [], failed: [], cancelled: true }).nothingFound).toBe(false);
  });
});

/** Fake backend calls: the test decides when the import ends and sends progress itself. */
function fake(paths: string[] = ["/foto/a.jpg"]) {
  const log: string[] = [];
  const run = deferred<ImportReport>();
  let progress: ((p: ImportProgress) => void) | null = null;
  const calls: ImportApi = {
    pickPhotos: async (folder) => (log.push(`pick ${folder}`), paths),
    importPhotos: (p, onProgress) => {
      log.push(`import ${p.join(",")}`);
      progress = onProgress;
      return run.promise;
    },
    cancelImport: async () => void log.push("cancel"),
  };
  return { log, run, calls, progress: (p: ImportProgress) => progress!(p) };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe("PhotoImport", () => {
  it("picks, shows progress, keeps the report and counts the finished import", async () => {
    const f = fake(["/foto/IMG_0001.jpg", "/foto/kapot.jpg"]);
    const imp = new PhotoImport(f.calls);
    const done = imp.pick(false);
    await flush();
    expect(imp.running).toBe(true);
    expect(imp.busy).toBe(true);
    f.progress({ done: 1, total: 2, current: "IMG_0001.jpg" });
    expect(imp.progress).toEqual({ done: 1, total: 2, current: "IMG_0001.jpg" });

    f.run.resolve(report);
    expect(await done).toBe(true);
    expect(imp.running).toBe(false);
    expect(imp.progress).toBeNull();
    expect(imp.report).toEqual(report);
    expect(imp.finished).toBe(1);
    expect(f.log).toEqual(["pick false", "import /foto/IMG_0001.jpg,/foto/kapot.jpg"]);
  });

  it("ignores a second start while one runs, and an empty choice", async () => {
    const f = fake();
    const imp = new PhotoImport(f.calls);
    expect(await imp.start([])).toBe(false);
    const first = imp.start(["/foto/map"]);
    expect(await imp.start(["/foto/andere"])).toBe(false);
    expect(await imp.pick(true)).toBe(false);
    f.run.resolve({ imported: [], failed: [], cancelled: false });
    await first;
    expect(f.log).toEqual(["import /foto/map"]);
  });

  it("does nothing when the dialog is cancelled", async () => {
    const f = fake([]);
    const imp = new PhotoImport(f.calls);
    expect(await imp.pick(true)).toBe(false);
    expect(f.log).toEqual(["pick true"]);
    expect(imp.busy).toBe(false);
    expect(imp.finished).toBe(0);
  });

  it("asks the backend to stop once and shows that it is stopping", async () => {
    const f = fake();
    const imp = new PhotoImport(f.calls);
    const running = imp.start(["/foto/map"]);
    await imp.cancel();
    await imp.cancel();
    expect(imp.stopping).toBe(true);
    expect(f.log).toEqual(["import /foto/map", "cancel"]);
    f.run.resolve({ ...report, cancelled: true });
    await running;
    expect(imp.stopping).toBe(false);
    expect(imp.report?.cancelled).toBe(true);
  });

  it("keeps the backend's refusal, and the grid still reloads", async () => {
    const imp = new PhotoImport({
      pickPhotos: async () => [],
      importPhotos: async () => {
        throw new ApiFailure("photo.import_busy", "Er loopt al een import.");
      },
      cancelImport: async () => {},
    });
    expect(await imp.start(["/foto/a.jpg"])).toBe(false);
    expect(imp.error).toMatchObject({ code: "photo.import_busy", message: "Er loopt al een import." });
    expect(imp.running).toBe(false);
    expect(imp.finished).toBe(1);
  });

  it("forgets a run under way: its late answers change nothing", async () => {
    const f = fake();
    const imp = new PhotoImport(f.calls);
    const running = imp.start(["/foto/map"]);
    imp.forget();
    expect(imp.busy).toBe(false);
    f.progress({ done: 1, total: 1, current: "a.jpg" });
    f.run.resolve(report);
    expect(await running).toBe(false);
    expect(imp.progress).toBeNull();
    expect(imp.report).toBeNull();
    expect(imp.finished).toBe(0);
  });
});
