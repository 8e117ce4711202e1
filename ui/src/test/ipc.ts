// A fake backend for tests: answers invoke calls by command name and keeps
// every call, so tests can check exactly what the window sent.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ApiError, ErrorCode } from "../lib/api";

export type Call = { cmd: string; args: Record<string, unknown> };
export type Handler = (args: Record<string, unknown>) => unknown;

/** What a Rust command's `Err(ApiError)` looks like to invoke: a rejected plain object. */
export function refuse(code: ErrorCode, message: string): ApiError {
  return { code, message };
}

export function mockBackend(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const h = handlers[cmd];
    if (!h) throw new Error(`unexpected command ${cmd}`);
    return h(args);
  });
  return calls;
}

export function callsTo(calls: Call[], cmd: string): Record<string, unknown>[] {
  return calls.filter((c) => c.cmd === cmd).map((c) => c.args);
}

/** A promise the test resolves itself, to hold a backend answer "in flight". */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
