// The administrator's retention reminder: asked for once per sign-in (the
// core does a dry run), and again after a removal or a skipped dossier.

import { api, type RetentionDue } from "../api";

class RetentionReminder {
  due = $state<RetentionDue | null>(null);
  #askedFor: string | null = null;

  async afterSignIn(user: string, admin: boolean): Promise<void> {
    if (!admin || this.#askedFor === user) return;
    this.#askedFor = user;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this.due = await api.retentionDue();
    } catch {
      // A reminder that cannot be worked out (a read-only copy) stays away.
      this.due = null;
    }
  }

  forget(): void {
    this.#askedFor = null;
    this.due = null;
  }
}

export const retentionReminder = new RetentionReminder();

/** Whether there is something to look at. */
export function anythingDue(d: RetentionDue | null): d is RetentionDue {
  return !!d && d.persons + d.photos + d.tags_unnamed + d.dossiers_missing > 0;
}
