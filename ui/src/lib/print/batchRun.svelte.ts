// The batch of exit dossiers that is running, if any. Like the photo import
// it lives outside the leavers screen: the user may look elsewhere while 300
// dossiers are made, and finds the progress (or the report) when they return.

import * as api from "../api";
import { toFailure, type ApiFailure, type BatchProgress, type BatchReport } from "../api";

/** The backend calls a batch needs; tests pass fakes. */
export type BatchApi = {
  dossierBatch(from: string, to: string, onProgress: (p: BatchProgress) => void): Promise<BatchReport | null>;
  cancelBatch(): Promise<void>;
};

export class DossierBatch {
  /** From the click on: first the folder dialog, then the dossiers. */
  running = $state(false);
  /** Stop was asked; the backend throws away what it made. */
  stopping = $state(false);
  progress = $state<BatchProgress | null>(null);
  report = $state<BatchReport | null>(null);
  error = $state<ApiFailure | null>(null);
  #api: BatchApi;
  // Which run is current: answers of a forgotten run are ignored.
  #run = 0;
  // A run whose stop was asked before its first progress. The backend clears
  // its stop flag when the dossiers start (after the folder dialog), so such a
  // stop is sent once more when the first dossier is reported.
  #stopAgain = 0;

  constructor(calls: BatchApi) {
    this.#api = calls;
  }

  /** Ask for a folder and make every dossier of the period; false when ignored, cancelled or failed. */
  async start(from: string, to: string): Promise<boolean> {
    if (this.running) return false;
    const run = ++this.#run;
    this.running = true;
    this.stopping = false;
    this.progress = null;
    this.report = null;
    this.error = null;
    try {
      const report = await this.#api.dossierBatch(from, to, (p) => {
        if (this.#stopAgain === run) {
          this.#stopAgain = 0;
          void this.#api.cancelBatch().catch(() => undefined);
        }
        if (run === this.#run) this.progress = p;
      });
      if (run !== this.#run) return false;
      // null: the folder dialog was closed; nothing to report.
      this.report = report;
      return report !== null && !report.cancelled;
    } catch (e) {
      if (run === this.#run) this.error = toFailure(e);
      return false;
    } finally {
      if (this.#stopAgain === run) this.#stopAgain = 0;
      if (run === this.#run) {
        this.running = false;
        this.stopping = false;
        this.progress = null;
      }
    }
  }

  /** Stop the batch; its report then says cancelled and nothing is saved. */
  async cancel(): Promise<void> {
    if (!this.running || this.stopping) return;
    this.stopping = true;
    if (this.progress === null) this.#stopAgain = this.#run;
    try {
      await this.#api.cancelBatch();
    } catch (e) {
      this.error = toFailure(e);
      this.stopping = false;
      this.#stopAgain = 0;
    }
  }

  /** Close the report (and any error). */
  dismiss(): void {
    this.report = null;
    this.error = null;
  }

  /** Forget everything, also a run under way (its answers are then ignored). For tests and logout. */
  forget(): void {
    this.#run++;
    this.running = false;
    this.stopping = false;
    this.progress = null;
    this.report = null;
    this.error = null;
  }
}

/** The window's one batch. */
export const dossierBatch = new DossierBatch(api);
