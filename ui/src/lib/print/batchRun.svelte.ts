// The batch of exit dossiers that is running, if any. Like the photo import
// it lives outside the leavers screen: the user may look elsewhere while 300
// dossiers are made, and finds the progress (or the report) when they return.

import { api } from "../api";
import type { BatchProgress, BatchReport } from "../api";
import { BackgroundRun } from "../util/backgroundRun.svelte";

/** The backend calls a batch needs; tests pass fakes. */
export type BatchApi = {
  dossierBatch(from: string, to: string, onProgress: (p: BatchProgress) => void): Promise<BatchReport | null>;
  cancelBatch(): Promise<unknown>;
};

/** `report` is null after a run whose folder dialog was closed. */
export class DossierBatch extends BackgroundRun<BatchProgress, BatchReport | null> {
  #api: BatchApi;
  // A run whose stop was asked before its first progress. The backend clears
  // its stop flag when the dossiers start (after the folder dialog), so such a
  // stop is sent once more when the first dossier is reported.
  #stopAgain = 0;

  constructor(calls: BatchApi) {
    super();
    this.#api = calls;
  }

  /** Ask for a folder and make every dossier of the period; false when ignored, cancelled or failed. */
  async start(from: string, to: string): Promise<boolean> {
    if (this.running) return false;
    let thisRun = 0;
    const report = await this.runJob((onProgress, run) => {
      thisRun = run;
      return this.#api.dossierBatch(from, to, (p) => {
        if (this.#stopAgain === run) {
          this.#stopAgain = 0;
          void this.#api.cancelBatch().catch(() => undefined);
        }
        onProgress(p);
      });
    });
    if (this.#stopAgain === thisRun) this.#stopAgain = 0;
    // null: the folder dialog was closed; nothing to report.
    return report !== undefined && report !== null && !report.cancelled;
  }

  /** Stop the batch; its report then says cancelled and nothing is saved. */
  async cancel(): Promise<void> {
    await this.askStop(
      () => this.#api.cancelBatch(),
      () => {
        if (this.progress === null) this.#stopAgain = this.current;
      },
      () => {
        this.#stopAgain = 0;
      },
    );
  }
}

/** The window's one batch. */
export const dossierBatch = new DossierBatch(api);
