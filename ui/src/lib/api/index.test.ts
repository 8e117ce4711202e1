import { describe, expect, it, vi } from "vitest";
import { mockBackend, refuse } from "../../test/ipc";
import * as api from "./index";

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
    expect(err).toBeInstanceOf(api.ApiFailure);
    expect(err).toMatchObject({ code: "auth.failed", message: "Gebruikersnaam of wachtwoord klopt niet." });
  });

  it("maps an unexpected failure to the unknown code", async () => {
    mockBackend({ groups: () => { throw new Error("ipc broke"); } });
    const err = await api.groups().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: api.UNKNOWN, message: "ipc broke" });
  });

  it("maps a failure of an untyped command too", async () => {
    mockBackend({ app_status: () => Promise.reject("not reachable") });
    await expect(api.appStatus()).rejects.toMatchObject({ code: api.UNKNOWN, message: "not reachable" });
  });

  it("tells listeners when the session is gone", async () => {
    mockBackend({ forms: () => { throw refuse("auth.required", "Meld u opnieuw aan."); } });
    const listener = vi.fn();
    const stop = api.onAuthRequired(listener);
    await expect(api.forms()).rejects.toMatchObject({ code: "auth.required" });
    stop();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
