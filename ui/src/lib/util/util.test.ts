import { describe, expect, it } from "vitest";
import { deferred } from "../../test/ipc";
import { ApiFailure } from "../api";
import { Action } from "./action.svelte";
import { Resource } from "./resource.svelte";
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
    // English writes the day first too, as the date fields take it.
    expect(formatDate("2026-03-04", "en")).toBe("04-03-2026");
    expect(formatDateTime("2026-03-04T09:05:00", "nl")).toBe("04-03-2026 09:05");
    expect(todayIso(new Date(2026, 0, 9))).toBe("2026-01-09");
    // Once the backend said what day it is, date fields start from its day.
    setBackendToday("2031-05-06");
    expect(todayIso()).toBe("2031-05-06");
    setBackendToday(null);
  });
});

describe("Resource", () => {
  it("shows only the answer to the latest request", async () => {
    const r = new Resource<string[]>([]);
    const slow = deferred<string[]>();
    const first = r.load(() => slow.promise);
    expect(await r.load(async () => ["new"])).toBe(true);
    slow.resolve(["old"]);
    expect(await first).toBe(false);
    expect(r.value).toEqual(["new"]);
    expect(r.loaded).toBe(true);
  });

  it("puts a refusal in the list's place, or beside a page that stays", async () => {
    const list = new Resource<number[]>([]);
    await list.load(async () => [1, 2]);
    await list.load(async () => {
      throw new ApiFailure("date.out_of_range", "Deze datum kan niet.");
    });
    expect(list.value).toEqual([]);
    expect(list.error?.code).toBe("date.out_of_range");

    const page = new Resource<{ name: string } | null>(null, { onError: "keep" });
    await page.load(async () => ({ name: "Anna" }));
    await page.load(async () => {
      throw new ApiFailure("date.out_of_range", "Deze datum kan niet.");
    });
    expect(page.value).toEqual({ name: "Anna" });
    expect(page.error?.code).toBe("date.out_of_range");
    await page.load(async () => ({ name: "Anna" }));
    expect(page.error).toBeNull();
  });

  it("empties without asking when there is nothing to ask", async () => {
    const r = new Resource<number[]>([]);
    await r.load(async () => [1]);
    expect(await r.load(null)).toBe(false);
    expect(r.value).toEqual([]);
  });
});
