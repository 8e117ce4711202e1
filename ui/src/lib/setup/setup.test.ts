import { describe, expect, it } from "vitest";
import { DEFAULT_CONSENT_AGE, checkPassword, schoolYearStart } from "./setup";

describe("setup rules", () => {
  it("checks length and repeat of the password", () => {
    expect(checkPassword("kort", "kort")).toEqual({ short: true, mismatch: false });
    expect(checkPassword("lang genoeg", "lang genoeg!")).toEqual({ short: false, mismatch: true });
    expect(schoolYearStart(8, 1)).toBe("08-01");
    expect(DEFAULT_CONSENT_AGE).toEqual({ nl: 16, "be-vl": 12 });
  });
});
