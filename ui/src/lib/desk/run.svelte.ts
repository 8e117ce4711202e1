// The desk view's run: staff hand the screen over for one person and form,
// the parent finishes or stops (or walks away), and the window is back at
// sign-in. The backend holds the lock: while it is on, it answers nothing
// but the desk's own commands, so a reload lands here again.

import { api, toFailure, type AnswerInput, type ApiFailure, type DeskForm, type DeskSignature } from "../api";
import { i18n } from "../i18n";
import { Action } from "../util/action.svelte";
import { go } from "../nav/router.svelte";
import { app, forgetWork } from "../session/session.svelte";

/** Seconds before the idle close in which the parent is asked whether they are still there. */
export const IDLE_WARNING_SECONDS = 30;

class DeskRun {
  form = $state<DeskForm | null>(null);
  /** Why the form could not be shown. */
  error = $state<ApiFailure | null>(null);

  /** Staff hand over the screen: what the window was doing is put away first. */
  async open(person: number, form: number): Promise<void> {
    const shown = await api.openDesk(person, form);
    await forgetWork();
    this.form = shown;
    this.error = null;
    app.phase = "desk";
  }

  /** The form again (after a reload, or in the other language). */
  async load(): Promise<void> {
    try {
      this.form = await api.deskForm();
      this.error = null;
    } catch (e) {
      this.error = toFailure(e);
    }
  }

  /** Keep the answers; the parent sees a thank-you at the sign-in screen. Once on a double click. */
  readonly finishing = new Action(async (answers: AnswerInput[], signatures: DeskSignature[]) => {
    if (!this.form) return;
    await api.finishDesk(this.form.version, answers, signatures);
    this.close(i18n.t.desk.thanks);
  });

  finish(answers: AnswerInput[], signatures: DeskSignature[]): Promise<boolean> {
    return this.finishing.run(answers, signatures);
  }

  /** Leave without keeping anything: stopped by the parent, or idle. */
  async leave(why: "stopped" | "idle"): Promise<void> {
    // Whatever happens to the call, the desk view closes.
    await api.leaveDesk().catch(() => undefined);
    this.close(why === "idle" ? i18n.t.desk.closedIdle : i18n.t.desk.stopped);
  }

  private close(notice: string): void {
    this.form = null;
    this.error = null;
    this.finishing.clear();
    app.notice = notice;
    go({ name: "home" });
    app.phase = "login";
  }
}

export const deskRun = new DeskRun();
