// The photo import that is running, if any. It lives outside the library
// screen: the user may open a photo while a long import goes on, and finds
// the progress (or the report) again when they come back.

import { api } from "../api";
import { toFailure, type ImportProgress, type ImportReport } from "../api";
import { BackgroundRun } from "../util/backgroundRun.svelte";

/** The backend calls an import needs; tests pass fakes. */
export type ImportApi = {
  pickPhotos(folder: boolean): Promise<string[]>;
  importPhotos(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportReport>;
  cancelImport(): Promise<unknown>;
};

export class PhotoImport extends BackgroundRun<ImportProgress, ImportReport> {
  /** The file dialog is open. */
  picking = $state(false);
  /** Goes up after every import that ran, so the grid knows to reload. */
  finished = $state(0);
  #api: ImportApi;

  constructor(calls: ImportApi) {
    super();
    this.#api = calls;
  }

  /** A dialog is open or an import runs: a new start is ignored. */
  get busy(): boolean {
    return this.picking || this.running;
  }

  /** Ask for files (or one folder) and import them; false when ignored, cancelled or failed. */
  async pick(folder: boolean): Promise<boolean> {
    if (this.busy) return false;
    const run = this.current;
    this.picking = true;
    this.error = null;
    let paths: string[];
    try {
      paths = await this.#api.pickPhotos(folder);
    } catch (e) {
      if (run === this.current) this.error = toFailure(e);
      return false;
    } finally {
      if (run === this.current) this.picking = false;
    }
    if (run !== this.current) return false;
    return this.start(paths);
  }

  /** Import these files and folders; ignored while one runs or when there is nothing to import. */
  async start(paths: string[]): Promise<boolean> {
    if (this.busy || paths.length === 0) return false;
    const report = await this.runJob(
      (onProgress) => this.#api.importPhotos(paths, onProgress),
      // Also after a failure: photos before the failing one may be in.
      () => this.finished++,
    );
    return report !== undefined;
  }

  /** Stop after the current file; the report then says cancelled and lists what got in. */
  async cancel(): Promise<void> {
    await this.askStop(() => this.#api.cancelImport());
  }

  /** Forget everything, also a run under way and an open dialog's answer. For tests and logout. */
  override forget(): void {
    super.forget();
    this.picking = false;
  }
}

/** The window's one import. */
export const photoImport = new PhotoImport(api);
