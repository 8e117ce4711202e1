import { describe, expect, it } from "vitest";
import { addDays, isWholeDate, outOfBounds, parseDayFirst } from "./dates";

// The backend's today in these tests: the year a date without one gets.
const today = "2026-05-20";
const read = (text: string) => parseDayFirst(text, today);

describe("parseDayFirst", () => {
  it("reads a date typed day first, with any of the usual separators", () => {
    expect(read("14-03-2026")).toEqual({ ok: true, iso: "2026-03-14" });
    expect(read("4-3-2026")).toEqual({ ok: true, iso: "2026-03-04" });
    expect(read("14/03/2026")).toEqual({ ok: true, iso: "2026-03-14" });
    expect(read("4/3/2026")).toEqual({ ok: true, iso: "2026-03-04" });
    expect(read("14.03.2026")).toEqual({ ok: true, iso: "2026-03-14" });
    expect(read("4.3.2026")).toEqual({ ok: true, iso: "2026-03-04" });
    expect(read("14032026")).toEqual({ ok: true, iso: "2026-03-14" });
  });

  it("gives a date without a year the backend's current year", () => {
    expect(read("1-8")).toEqual({ ok: true, iso: "2026-08-01" });
    expect(read("01-08")).toEqual({ ok: true, iso: "2026-08-01" });
    expect(read("14/3")).toEqual({ ok: true, iso: "2026-03-14" });
    expect(parseDayFirst("1-8", "2031-01-02")).toEqual({ ok: true, iso: "2031-08-01" });
  });

  it("takes the ISO date a paste from another program brings", () => {
    expect(read("2026-03-14")).toEqual({ ok: true, iso: "2026-03-14" });
  });

  it("ignores spaces around the date", () => {
    expect(read("  14-03-2026 ")).toEqual({ ok: true, iso: "2026-03-14" });
    expect(read("\t1-8 ")).toEqual({ ok: true, iso: "2026-08-01" });
  });

  it("knows leap years", () => {
    expect(read("29-02-2024")).toEqual({ ok: true, iso: "2024-02-29" });
    expect(read("29-02-2000")).toEqual({ ok: true, iso: "2000-02-29" });
    expect(read("29-02-2025")).toEqual({ ok: false, reason: "day", year: 2025, month: 2, days: 28 });
    expect(read("29-02-1900")).toEqual({ ok: false, reason: "day", year: 1900, month: 2, days: 28 });
  });

  it("refuses days that do not exist", () => {
    expect(read("31-02-2026")).toEqual({ ok: false, reason: "day", year: 2026, month: 2, days: 28 });
    expect(read("31-04-2026")).toEqual({ ok: false, reason: "day", year: 2026, month: 4, days: 30 });
    expect(read("00-01-2026")).toEqual({ ok: false, reason: "day", year: 2026, month: 1, days: 31 });
    expect(read("32-01-2026")).toEqual({ ok: false, reason: "day", year: 2026, month: 1, days: 31 });
  });

  it("refuses a month that does not exist, as in a date typed month first", () => {
    expect(read("14-13-2026")).toEqual({ ok: false, reason: "month", month: 13 });
    expect(read("01-00-2026")).toEqual({ ok: false, reason: "month", month: 0 });
    expect(read("03/14/2026")).toEqual({ ok: false, reason: "month", month: 14 });
  });

  it("refuses years before 1900 and after 2100", () => {
    expect(read("31-12-1899")).toEqual({ ok: false, reason: "year", year: 1899 });
    expect(read("01-01-2101")).toEqual({ ok: false, reason: "year", year: 2101 });
    expect(read("01-01-1900")).toEqual({ ok: true, iso: "1900-01-01" });
    expect(read("31-12-2100")).toEqual({ ok: true, iso: "2100-12-31" });
  });

  it("refuses two-digit years: 01-08-26 could be 1926 or 2026", () => {
    expect(read("1-8-26")).toEqual({ ok: false, reason: "short-year" });
    expect(read("01/08/26")).toEqual({ ok: false, reason: "short-year" });
    expect(read("010826")).toEqual({ ok: false, reason: "short-year" });
  });

  it("refuses letters, half dates and anything else", () => {
    for (const text of ["14 maart 2026", "morgen", "14-03-2026x", "abc", "14", "1403", "1-8-", "1-8-2", "1-8-202", "14-03-20261", "1403202", "14--03-2026", "14 03 2026", "2026/03/14"]) {
      expect(read(text), text).toEqual({ ok: false, reason: "format" });
    }
  });

  it("says an empty field is empty", () => {
    expect(read("")).toEqual({ ok: false, reason: "empty" });
    expect(read("   ")).toEqual({ ok: false, reason: "empty" });
  });
});

describe("outOfBounds", () => {
  it("names the bound a date falls outside, both ends included", () => {
    expect(outOfBounds("2026-03-14", "2026-03-14", "2026-03-14")).toBeNull();
    expect(outOfBounds("2026-03-13", "2026-03-14")).toEqual({ reason: "before", bound: "2026-03-14" });
    expect(outOfBounds("2026-03-15", null, "2026-03-14")).toEqual({ reason: "after", bound: "2026-03-14" });
    expect(outOfBounds("2026-03-15", undefined, undefined)).toBeNull();
  });
});

describe("addDays", () => {
  it("steps over months, years and leap days", () => {
    expect(addDays("2026-03-14", 1)).toBe("2026-03-15");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("isWholeDate", () => {
  it("is true for a date written out in full, in every form the field takes", () => {
    for (const s of ["14-03-2026", "4/3/2026", "14.03.2026", "14032026", "2026-03-15", "2026-3-15", " 01-08-2026 "]) expect(isWholeDate(s), s).toBe(true);
  });

  it("is false for a date still being typed, or a short one that the field completes on leaving", () => {
    for (const s of ["", "1", "14-0", "14-03", "1-8", "14-03-2", "14-03-20", "14-03-202", "1403202", "2026-03-1", "2026-03", "morgen"]) expect(isWholeDate(s), s).toBe(false);
  });
});
