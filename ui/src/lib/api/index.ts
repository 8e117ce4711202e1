// The one door to the backend. Everything else imports from here, never from
// bindings.ts or @tauri-apps/api: every command's answer is unwrapped into its
// data, or an ApiFailure is thrown.

import { Channel } from "@tauri-apps/api/core";
import { getCurrentWebview, type DragDropEvent } from "@tauri-apps/api/webview";
import { commands } from "./bindings";
import type { ApiError, BatchProgress, BatchReport, ErrorCode, ImportProgress, ImportReport, ScanProgress, ScanReport, ScanWhich } from "./bindings";

export type * from "./bindings";
export type { DragDropEvent };

/** Code used when the backend could not be reached or answered something unexpected. */
export const UNKNOWN = "ui.unknown";

/** Every code a failure can carry: the backend's (generated from Rust) and the window's own. */
export type FailureCode = ErrorCode | typeof UNKNOWN;

/** A refusal or failure from the backend: `code` is for logic, `message` for people. */
export class ApiFailure extends Error {
  readonly code: FailureCode;
  constructor(code: FailureCode, message: string) {
    super(message);
    this.name = "ApiFailure";
    this.code = code;
  }
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && typeof (e as ApiError).code === "string" && typeof (e as ApiError).message === "string";
}

/** Turn anything thrown into an ApiFailure, so callers handle one kind. */
export function toFailure(e: unknown): ApiFailure {
  if (e instanceof ApiFailure) return e;
  if (isApiError(e)) return new ApiFailure(e.code, e.message);
  if (e instanceof Error) return new ApiFailure(UNKNOWN, e.message);
  return new ApiFailure(UNKNOWN, String(e));
}

// Session loss is handled in one place (back to the login screen).
type Listener = () => void;
const authListeners = new Set<Listener>();
export function onAuthRequired(listener: Listener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

// Every command answers Result<T, ApiError> (a Rust test holds them to it),
// so one wrapper serves them all.
type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ApiError };
type Commands = typeof commands;
type Unwrapped<F> = F extends (...args: infer A) => Promise<Result<infer T>> ? (...args: A) => Promise<T> : never;
/** The backend's commands as the window calls them: arguments as in Rust, the data or a thrown ApiFailure. */
export type Backend = { [K in keyof Commands]: Unwrapped<Commands[K]> };

async function unwrap<T>(answer: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await answer;
  } catch (e) {
    throw toFailure(e);
  }
  if (result.status === "ok") return result.data;
  const failure = toFailure(result.error);
  if (failure.code === "auth.required") authListeners.forEach((l) => l());
  throw failure;
}

/**
 * Every call leaves a User Timing measure `api:<command>` (the latest per
 * command, so they never pile up): visible in the web inspector, and read by
 * the end-to-end test that checks the window keeps drawing while a call runs.
 */
function timed<T>(name: string, call: () => Promise<T>): Promise<T> {
  const start = performance.now();
  return call().finally(() => {
    try {
      performance.clearMeasures(`api:${name}`);
      performance.measure(`api:${name}`, { start, end: performance.now() });
    } catch {
      // A web view without User Timing: nothing to record.
    }
  });
}

function unwrapAll(raw: Commands): Backend {
  const entries = Object.entries(raw).map(([name, command]) => {
    const call = command as (...args: unknown[]) => Promise<Result<unknown>>;
    return [name, (...args: unknown[]) => timed(name, () => unwrap(call(...args)))];
  });
  return Object.fromEntries(entries) as Backend;
}

function channel<T>(listener: (message: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = listener;
  return c;
}

const backend = unwrapAll(commands);

/**
 * The backend. Long jobs report progress to a plain callback (the Channel
 * stays in here): `importPhotos` hears about every file as it is done,
 * `dossierBatch` about every dossier written.
 */
export const api = {
  ...backend,
  importPhotos: (paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportReport> => backend.importPhotos(paths, channel(onProgress)),
  dossierBatch: (from: string, to: string, onProgress: (p: BatchProgress) => void): Promise<BatchReport | null> =>
    backend.dossierBatch(from, to, channel(onProgress)),
  scanFaces: (which: ScanWhich, onProgress: (p: ScanProgress) => void): Promise<ScanReport | null> => backend.scanFaces(which, channel(onProgress)),
};

/**
 * Where the window loads a photo's picture: the app's `photo:` protocol,
 * which serves only to a logged-in user. Windows webviews reach custom
 * protocols as http://NAME.localhost.
 */
export function photoUrl(id: number, rendition: "thumb" | "preview"): string {
  const windows = typeof navigator !== "undefined" && /Windows/i.test(navigator.userAgent);
  return windows ? `http://photo.localhost/${rendition}/${id}` : `photo://localhost/${rendition}/${id}`;
}

type TauriWindow = { __TAURI_INTERNALS__?: { metadata?: { currentWebview?: { label?: string } } } };

/**
 * Subscribes to files dragged onto this window (Tauri reports them on the
 * webview with their paths); null outside a Tauri window (tests, a browser).
 */
export function webviewDragEvents(): ((listener: (e: DragDropEvent) => void) => Promise<() => void>) | null {
  try {
    // mockIPC in tests sets __TAURI_INTERNALS__ but no webview metadata.
    if (typeof window === "undefined" || !(window as unknown as TauriWindow).__TAURI_INTERNALS__?.metadata?.currentWebview) return null;
    const webview = getCurrentWebview();
    return (listener) => webview.onDragDropEvent((e) => listener(e.payload));
  } catch {
    return null;
  }
}
