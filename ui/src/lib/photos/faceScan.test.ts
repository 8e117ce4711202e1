import { describe, expect, it } from "vitest";
import type { FaceStatus, ScanProgress, ScanReport } from "../api";
import { FaceScan, type ScanApi } from "./faceScan.svelte";

const report = (over: Partial<ScanReport> = {}): ScanReport => ({ scanned: 2, faces: 5, linked: 0, failed: [], cancelled: false, ...over });

/** A backend whose scans wait until the test lets each one finish. */
function fake(waiting = 0) {
  const runs: { progress: (p: ScanProgress) => void; finish: (r: ScanReport | null) => void }[] = [];
  let cancels = 0;
  const calls: ScanApi = {
    faceStatus: async (): Promise<FaceStatus> => ({ suggestions: false, scanned: 0, waiting }),
    scanFaces: (_which, onProgress) => new Promise((finish) => runs.push({ progress: onProgress, finish })),
    cancelScan: async () => {
      cancels++;
    },
  };
  return { calls, runs, cancels: () => cancels };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("the face scan in the background", () => {
  it("shows progress, and scans once more when photos came in while it ran", async () => {
    const b = fake();
    const scan = new FaceScan(b.calls);
    const first = scan.start();
    await tick();
    expect(scan.running).toBe(true);
    b.runs[0].progress({ done: 1, total: 2, photo: 7 });
    expect(scan.progress?.done).toBe(1);
    // An import finished meanwhile: asked again, it runs after this one.
    void scan.start();
    expect(b.runs).toHaveLength(1);
    b.runs[0].finish(report());
    await tick();
    expect(b.runs).toHaveLength(2);
    b.runs[1].finish(report({ scanned: 1 }));
    await first;
    expect(scan.running).toBe(false);
    // A clean scan leaves no report to close; the grid was told to reload.
    expect(scan.report).toBeNull();
    expect(scan.changed).toBeGreaterThanOrEqual(2);
  });

  it("keeps a report that names the photos it could not read", async () => {
    const b = fake();
    const scan = new FaceScan(b.calls);
    const done = scan.start();
    await tick();
    b.runs[0].finish(report({ failed: [{ photo: 3, name: "kapot.jpg", code: "photo.damaged", message: "beschadigd" }] }));
    await done;
    expect(scan.report?.failed[0].name).toBe("kapot.jpg");
  });

  it("starts by itself only when photos wait, and stops when asked", async () => {
    const none = fake(0);
    const idle = new FaceScan(none.calls);
    await idle.startIfWaiting();
    expect(none.runs).toHaveLength(0);

    const b = fake(3);
    const scan = new FaceScan(b.calls);
    void scan.startIfWaiting();
    await tick();
    await tick();
    expect(b.runs).toHaveLength(1);
    void scan.start();
    await scan.cancel();
    expect(b.cancels()).toBe(1);
    b.runs[0].finish(report({ cancelled: true }));
    await tick();
    // Stopped: the start asked meanwhile is dropped too.
    expect(b.runs).toHaveLength(1);
    expect(scan.running).toBe(false);
  });
});
