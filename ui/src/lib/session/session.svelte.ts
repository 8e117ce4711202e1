// Which of the start screens shows: the database error, first-run setup,
// login, or the app. Always derived from the backend's appStatus.

import { api, onAuthRequired, toFailure, type AppStatus } from "../api";
import { useLang } from "../i18n";
import { setBackendToday } from "../util/dates";
import { go } from "../nav/router.svelte";
import { forgetLibraryView } from "../photos/gridPages.svelte";
import { forgetPeopleView } from "../people/view";
import { faceScan } from "../photos/faceScan.svelte";
import { photoImport } from "../photos/importRun.svelte";
import { dossierBatch } from "../print/batchRun.svelte";
import { idleLock } from "./idleLock.svelte";
import { retentionReminder } from "../retention/reminder.svelte";
import { dailyBackup } from "../backup/daily.svelte";

export type Phase = "loading" | "broken" | "setup" | "login" | "password" | "sheet" | "app" | "desk";

class AppState {
  phase = $state<Phase>("loading");
  status = $state<AppStatus | null>(null);
  /** Set when even appStatus failed (the backend did not answer). */
  failure = $state<string | null>(null);
  /** A word for whoever stands at the sign-in screen next (after the desk view, say). */
  notice = $state<string | null>(null);
}

export const app = new AppState();

/**
 * Whether the signed-in user works as a teacher: the window then leaves out
 * what only the office does (the core refuses it anyway).
 */
export function teacherView(): boolean {
  return app.status?.session?.role === "teacher";
}

function phaseOf(s: AppStatus): Phase {
  if (s.error) return "broken";
  if (!s.initialised) return "setup";
  // The locked desk view, also after the window reloaded.
  if (s.desk) return "desk";
  if (!s.session) return "login";
  // A password the administrator chose: the user picks their own before anything else.
  if (s.session.must_change_password) return "password";
  // No recovery sheet in force: an administrator prints one before anything else.
  if (s.recovery_sheet_needed) return "sheet";
  return "app";
}

export async function start(): Promise<void> {
  try {
    const s = await api.appStatus();
    setBackendToday(s.today);
    app.status = s;
    app.failure = null;
    useLang(s.lang);
    app.phase = phaseOf(s);
  } catch (e) {
    app.failure = toFailure(e).message;
    app.phase = "broken";
  }
}

/** After setup or login: fetch the organisation and session, open the home screen. */
export async function enter(): Promise<void> {
  go({ name: "home" });
  await start();
}

export async function signOut(): Promise<void> {
  await forgetWork();
  await api.logout();
  go({ name: "home" });
  app.phase = "login";
}

/** Stop and forget what the window was doing for the signed-in user. */
export async function forgetWork(): Promise<void> {
  // An import under way stops between files; the next user starts with an unfiltered library.
  if (photoImport.running) await photoImport.cancel();
  photoImport.forget();
  // A face scan under way stops between photos; what it found stays.
  if (faceScan.running) await faceScan.cancel();
  faceScan.forget();
  // A batch of exit dossiers under way stops and keeps nothing; its report is not the next user's.
  if (dossierBatch.running) await dossierBatch.cancel();
  dossierBatch.forget();
  forgetLibraryView();
  forgetPeopleView();
  idleLock.forget();
  dailyBackup.forget();
  retentionReminder.forget();
}

// A lost session (e.g. after a restart of the backend) sends the user to login.
onAuthRequired(() => {
  // While locked the session is gone on purpose: the lock screen signs in again.
  if (idleLock.lockedFor !== null || app.phase === "desk") return;
  if (app.phase === "app" || app.phase === "password") app.phase = "login";
});
