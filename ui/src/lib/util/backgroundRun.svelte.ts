// A long job the window runs in the background (a photo import, a batch of
// exit dossiers): one at a time, with progress, a stop, and a report that
// waits for the user. Answers of a run that was forgotten (logout) are
// ignored. The jobs themselves say what they call and what counts as done.

import { toFailure, type ApiFailure } from "../api";

export class BackgroundRun<P, R> {
  running = $state(false);
  /** Stop was asked; the backend stops between steps. */
  stopping = $state(false);
  progress = $state<P | null>(null);
  report = $state<R | null>(null);
  error = $state<ApiFailure | null>(null);
  // Which run is current: answers of a forgotten run are ignored.
  #run = 0;

  /** The current run's number (it changes on every start and on forget). */
  protected get current(): number {
    return this.#run;
  }

  /**
   * Run `job` as a new run: its progress and report land here unless a newer
   * run or `forget()` came in between. `settled` runs when the current run
   * ends, however it ends. Returns the report, or undefined when the job
   * failed or the run was forgotten.
   */
  protected async runJob(job: (onProgress: (p: P) => void, run: number) => Promise<R>, settled?: () => void): Promise<R | undefined> {
    const run = ++this.#run;
    this.running = true;
    this.stopping = false;
    this.progress = null;
    this.report = null;
    this.error = null;
    try {
      const report = await job((p) => {
        if (run === this.#run) this.progress = p;
      }, run);
      if (run !== this.#run) return undefined;
      this.report = report;
      return report;
    } catch (e) {
      if (run === this.#run) this.error = toFailure(e);
      return undefined;
    } finally {
      if (run === this.#run) {
        this.running = false;
        this.stopping = false;
        this.progress = null;
        settled?.();
      }
    }
  }

  /** Ask the running job to stop; `asked` runs once the stop is under way, `failed` when it could not be sent. */
  protected async askStop(cancel: () => Promise<unknown>, asked?: () => void, failed?: () => void): Promise<void> {
    if (!this.running || this.stopping) return;
    this.stopping = true;
    asked?.();
    try {
      await cancel();
    } catch (e) {
      this.error = toFailure(e);
      this.stopping = false;
      failed?.();
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
