import { describe, expect, it } from "vitest";
import { deferred } from "../../test/ipc";
import { ApiFailure } from "../api";
import { Action } from "./action.svelte";
import { formatDate, formatDateTime, setBackendToday, todayIso } from "./dates";

describe("Action", () => {
  it("runs once while busy and keeps the failure", async () => {
    const gate = deferred<void>();
    let runs = 0;
    const a = new Action(async () => {
      runs++;
      await gate.promise;
      throw new ApiFailure("store.busy", "Nee.");
    });
    const first = a.run();
    expect(a.busy).toBe(true);
    expect(await a.run()).toBe(false);
    gate.resolve();
    expect(await first).toBe(false);
    expect(runs).toBe(1);
    expect(a.busy).toBe(false);
    expect(a.error).toMatchObject({ code: "store.busy", message: "Nee." });
  });
});

describe("dates", () => {
  it("formats ISO dates for reading", () => {
    expect(formatDate("2026-03-04", "nl")).toBe("04-03-2026");
    expect(formatDate("2026-03-04", "en")).toBe("04/03/2026");
    expect(formatDateTime("2026-03-04T09:05:00", "nl")).toBe("04-03-2026 09:05");
    expect(todayIso(new Date(2026, 0, 9))).toBe("2026-01-09");
    // Once the backend said what day it is, date fields start from its day.
    setBackendToday("2031-05-06");
    expect(todayIso()).toBe("2031-05-06");
    setBackendToday(null);
  });
});
