// The search for faces that runs in the background: right after an import
// in the window (photos appear at once, the grid marks those still being
// scanned) and once after an upgrade for photos imported before faces were
// looked for. One at a time; a start while one runs is remembered, so photos
// imported meanwhile are scanned too.

import { api, type FaceStatus, type ScanProgress, type ScanReport } from "../api";
import { BackgroundRun } from "../util/backgroundRun.svelte";

/** The backend calls a scan needs; tests pass fakes. */
export type ScanApi = {
  faceStatus(): Promise<FaceStatus>;
  scanFaces(which: "new" | "all", onProgress: (p: ScanProgress) => void): Promise<ScanReport | null>;
  cancelScan(): Promise<unknown>;
};

/** Progress counts as news for the grid after this many photos. */
const REFRESH_EVERY = 12;

export class FaceScan extends BackgroundRun<ScanProgress, ScanReport | null> {
  /** Goes up while a scan runs (every few photos) and when it ends: the grid reloads. */
  changed = $state(0);
  #api: ScanApi;
  #again = false;

  constructor(calls: ScanApi) {
    super();
    this.#api = calls;
  }

  /** Scan the photos not scanned yet; while a scan runs, once more after it. */
  async start(): Promise<void> {
    if (this.running) {
      this.#again = true;
      return;
    }
    do {
      this.#again = false;
      let lastShown = 0;
      await this.runJob(
        (onProgress) =>
          this.#api.scanFaces("new", (p) => {
            onProgress(p);
            if (p.done - lastShown >= REFRESH_EVERY) {
              lastShown = p.done;
              this.changed++;
            }
          }),
        () => this.changed++,
      );
    } while (this.#again && !this.error);
    // A stopped scan shows no report unless something failed: the grid says what waits.
    if (this.report && this.report.failed.length === 0) this.report = null;
  }

  /** After sign-in and on the library: scan what waits (after an upgrade, or a stopped scan). */
  async startIfWaiting(): Promise<void> {
    if (this.running) return;
    try {
      if ((await this.#api.faceStatus()).waiting > 0) await this.start();
    } catch {
      // The status is only a hint; the next import or visit tries again.
    }
  }

  /** Stop after the photos being scanned now; what was found stays. */
  async cancel(): Promise<void> {
    this.#again = false;
    await this.askStop(() => this.#api.cancelScan());
  }

  override forget(): void {
    super.forget();
    this.#again = false;
  }
}

/** The window's one face scan. */
export const faceScan = new FaceScan(api);
