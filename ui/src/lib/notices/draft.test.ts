import { describe, expect, it } from "vitest";
import { emptyDraft, inOrder, missing, preview, toNewNotice } from "./draft";

describe("notice draft", () => {
  it("lists everything missing in an empty draft", () => {
    expect(missing(emptyDraft("2026-03-14"))).toEqual(["audience", "purposes", "channels", "text"]);
    expect(missing({ ...emptyDraft(""), text: "   \n" })).toEqual(["audience", "purposes", "channels", "text", "date"]);
  });

  it("accepts all staff alone as the audience", () => {
    const d = { ...emptyDraft("2026-03-14"), allStaff: true, purposes: ["activities"], channels: ["paper"], text: "Beste collega's" };
    expect(missing(d)).toEqual([]);
  });

  it("keeps the offered order and sends the text as typed", () => {
    expect(inOrder(["b", "x", "a"], ["a", "b", "c"])).toEqual(["a", "b"]);
    const d = { groups: ["Groep 6", "Groep 5"], allStaff: false, purposes: ["promotion", "activities"], channels: ["social"], text: " Beste ouders\n", date: "2026-03-14" };
    expect(toNewNotice(d, { groups: ["Groep 5", "Groep 6"], purposes: ["activities", "promotion"], channels: ["paper", "social"] })).toEqual({
      groups: ["Groep 5", "Groep 6"],
      all_staff: false,
      purposes: ["activities", "promotion"],
      channels: ["social"],
      text: " Beste ouders\n",
      date: "2026-03-14",
    });
  });

  it("previews only long texts, cut at a word", () => {
    expect(preview("Kort bericht.")).toBeNull();
    expect(preview("a\nb\nc", 280, 3)).toBeNull();
    expect(preview("a\nb\nc\nd", 280, 3)).toBe("a\nb\nc …");
    expect(preview("woord ".repeat(100), 40)).toBe("woord woord woord woord woord woord …");
  });
});
