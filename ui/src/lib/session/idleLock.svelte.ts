// The idle lock: after the organisation's minutes without input, the window
// locks. The backend forgets the session at once (nothing can be read while
// locked); the screens stay as they were underneath, so the same user
// unlocking finds a half-typed form still there. Another user signs in
// through a clean start.

import { api } from "../api";

const INPUT_EVENTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;

export class IdleLock {
  /** The user the window was locked for; null while unlocked. */
  lockedFor = $state<string | null>(null);
  #last = Date.now();
  #timer: ReturnType<typeof setInterval> | null = null;
  #limitMs = 10 * 60_000;
  #user = "";
  readonly #touch = () => {
    this.#last = Date.now();
  };

  /** Start watching for `user`, locking after `seconds` without input. */
  watch(user: string, seconds: number, target: EventTarget = window): () => void {
    this.#user = user;
    this.#limitMs = Math.max(1, seconds) * 1000;
    this.#last = Date.now();
    for (const e of INPUT_EVENTS) target.addEventListener(e, this.#touch, { passive: true, capture: true });
    // Checked often enough to lock within a few seconds of the deadline.
    this.#timer = setInterval(() => this.#check(), Math.min(5_000, Math.max(250, this.#limitMs / 4)));
    return () => {
      for (const e of INPUT_EVENTS) target.removeEventListener(e, this.#touch, { capture: true });
      if (this.#timer) clearInterval(this.#timer);
      this.#timer = null;
    };
  }

  #check(): void {
    if (this.lockedFor === null && Date.now() - this.#last >= this.#limitMs) void this.lock();
  }

  async lock(): Promise<void> {
    if (this.lockedFor !== null) return;
    this.lockedFor = this.#user;
    // Whatever happens to the call, the window stays locked.
    await api.logout().catch(() => undefined);
  }

  /** The same user signs in again: the screens are as they were. */
  async unlock(password: string): Promise<void> {
    const user = this.lockedFor;
    if (user === null) return;
    await api.login(user, password);
    this.#last = Date.now();
    this.lockedFor = null;
  }

  /** Signing out (or another user): nothing of the locked screens is kept. */
  forget(): void {
    this.lockedFor = null;
  }
}

export const idleLock = new IdleLock();
