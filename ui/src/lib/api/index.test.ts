import { describe, expect, it, vi } from "vitest";
import { mockBackend, refuse } from "../../test/ipc";
import { api, ApiFailure, UNKNOWN, onAuthRequired } from "./index";

describe("api wrapper", () => {
  it("returns the data of an ok answer and sends the arguments", async () => {
    const calls = mockBackend({ people: () => [{ id: 1, name: "Sanne", kind: "child", birth_date: null, leave_date: null, groups: [] }] });
    const rows = await api.people({ search: "san", group: null, include_left: false });
    expect(rows.map((r) => r.name)).toEqual(["Sanne"]);
    expect(calls).toEqual([{ cmd: "people", args: { filter: { search: "san", group: null, include_left: false } } }]);
  });

  it("maps a refusal to an ApiFailure with the backend's code and message", async () => {
    mockBackend({ login: () => { throw refuse("auth.failed", "Gebruikersnaam of wachtwoord klopt niet."); } });
    const err = await api.login("a", "b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toMatchObject({ code: "auth.failed", message: "Gebruikersnaam of wachtwoord klopt niet." });
  });

  it("maps an unexpected failure to the unknown code", async () => {
    mockBackend({ groups: () => { throw new Error("ipc broke"); } });
    const err = await api.groups().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: UNKNOWN, message: "ipc broke" });
  });

  it("maps a call that was rejected outright to the unknown code", async () => {
    mockBackend({ app_status: () => Promise.reject("not reachable") });
    await expect(api.appStatus()).rejects.toMatchObject({ code: UNKNOWN, message: "not reachable" });
  });

  it("tells listeners when the session is gone", async () => {
    mockBackend({ forms: () => { throw refuse("auth.required", "Meld u opnieuw aan."); } });
    const listener = vi.fn();
    const stop = onAuthRequired(listener);
    await expect(api.forms()).rejects.toMatchObject({ code: "auth.required" });
    stop();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe("the one door", () => {
  // Every file of the window, read from disk: only lib/api (and test set-up) may reach Tauri or the raw bindings.
  const files = import.meta.glob(["/src/**/*.ts", "/src/**/*.svelte", "!/src/lib/api/**", "!/src/test/**", "!/src/test-setup.ts", "!/src/**/*.test.ts"], {
    query: "?raw",
    import: "default",
    eager: true,
  }) as Record<string, string>;

  it("reads the window's sources", () => {
    expect(Object.keys(files).length).toBeGreaterThan(30);
  });

  it("lets no other module import @tauri-apps or the bindings", () => {
    const outside = Object.entries(files)
      .filter(([, text]) => /from\s+["']@tauri-apps\/|from\s+["'][./]*[^"']*api\/bindings["']/.test(text))
      .map(([path]) => path);
    expect(outside).toEqual([]);
  });
});
