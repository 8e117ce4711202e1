// The photo import that is running, if any. It lives outside the library
// screen: the user may open a photo while a long import goes on, and finds
// the progress (or the report) again when they come back.

import * as api from "../api";
import { toFailure, type ApiFailure, type ImportProgress, type PhotoImportReport } from "../api";

/** The backend calls an import needs; tests pass fakes. */
export type ImportApi = {
  pickPhotos(folder: boolean): Promise<string[]>;
  importPhotos(paths: string[], onProgress: (p: ImportProgress) => void): Promise<PhotoImportReport>;
  cancelImport(): Promise<void>;
};

export class PhotoImport {
  /** The file dialog is open. */
  picking = $state(false);
  running = $state(false);
  /** Cancel was asked; the backend stops after the file it is on. */
  stopping = $state(false);
  progress = $state<ImportProgress | null>(null);
  report = $state<PhotoImportReport | null>(null);
  error = $state<ApiFailure | null>(null);
  /** Goes up after every import that ran, so the grid knows to reload. */
  finished = $state(0);
  #api: ImportApi;
  // Which run is current: answers of a forgotten run are ignored.
  #run = 0;

  constructor(calls: ImportApi) {
    this.#api = calls;
  }

  /** A dialog is open or an import runs: a new start is ignored. */
  get busy(): boolean {
    return this.picking || this.running;
  }

  /** Ask for files (or one folder) and import them; false when ignored, cancelled or failed. */
  async pick(folder: boolean): Promise<boolean> {
    if (this.busy) return false;
    const run = this.#run;
    this.picking = true;
    this.error = null;
    let paths: string[];
    try {
      paths = await this.#api.pickPhotos(folder);
    } catch (e) {
      if (run === this.#run) this.error = toFailure(e);
      return false;
    } finally {
      if (run === this.#run) this.picking = false;
    }
    if (run !== this.#run) return false;
    return this.start(paths);
  }

  /** Import these files and folders; ignored while one runs or when there is nothing to import. */
  async start(paths: string[]): Promise<boolean> {
    if (this.busy || paths.length === 0) return false;
    const run = ++this.#run;
    this.running = true;
    this.stopping = false;
    this.progress = null;
    this.report = null;
    this.error = null;
    try {
      const report = await this.#api.importPhotos(paths, (p) => {
        if (run === this.#run) this.progress = p;
      });
      if (run !== this.#run) return false;
      this.report = report;
      return true;
    } catch (e) {
      if (run === this.#run) this.error = toFailure(e);
      return false;
    } finally {
      if (run === this.#run) {
        this.running = false;
        this.stopping = false;
        this.progress = null;
        // Also after a failure: photos before the failing one may be in.
        this.finished++;
      }
    }
  }

  /** Stop after the current file; the report then says cancelled and lists what got in. */
  async cancel(): Promise<void> {
    if (!this.running || this.stopping) return;
    this.stopping = true;
    try {
      await this.#api.cancelImport();
    } catch (e) {
      this.error = toFailure(e);
      this.stopping = false;
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
    this.picking = false;
    this.running = false;
    this.stopping = false;
    this.progress = null;
    this.report = null;
    this.error = null;
  }
}

/** The window's one import. */
export const photoImport = new PhotoImport(api);
