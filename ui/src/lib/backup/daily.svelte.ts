// The daily backup: asked for once per sign-in (the core decides whether
// one is due and where it goes), and the status the office sees.

import { api, toFailure, type BackupStatus } from "../api";

class DailyBackup {
  running = $state(false);
  failure = $state<string | null>(null);
  status = $state<BackupStatus | null>(null);
  #askedFor: string | null = null;

  /** Once per signed-in user: make today's backup if one is due, then read the status (office and administrators). */
  async afterSignIn(user: string, office: boolean): Promise<void> {
    if (this.#askedFor === user) return;
    this.#askedFor = user;
    this.running = true;
    this.failure = null;
    try {
      await api.scheduledBackup();
    } catch (e) {
      this.failure = toFailure(e).message;
    } finally {
      this.running = false;
    }
    if (office) await this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.status = await api.backupStatus();
    } catch {
      this.status = null;
    }
  }

  forget(): void {
    this.#askedFor = null;
    this.status = null;
    this.failure = null;
  }
}

export const dailyBackup = new DailyBackup();
