import { describe, expect, it } from "vitest";
import { schoolForm } from "../../test/fixtures";
import { cellId, contentOf, draftFrom, emptyDraft, keyProblem, newRow, suggestKey } from "./draft";
import { slugKey, validKey } from "./keys";

describe("form draft", () => {
  it("gives back the same content it was made from", () => {
    expect(contentOf(draftFrom(schoolForm))).toEqual(schoolForm);
  });

  it("keeps a posed photo type posed, and leaves the field out where it is not", () => {
    const posed = { ...schoolForm, photo_types: schoolForm.photo_types.map((t, i) => (i === 0 ? { ...t, posed: true } : t)) };
    const d = draftFrom(posed);
    expect(d.photoTypes.map((r) => r.posed)).toEqual(posed.photo_types.map((_, i) => i === 0));
    expect(contentOf(d)).toEqual(posed);
    d.photoTypes[0].posed = false;
    expect("posed" in contentOf(d).photo_types[0]).toBe(false);
  });

  it("keeps ticked items when a key is renamed and drops them with a removed row", () => {
    const d = draftFrom(schoolForm);
    d.channels[0].key = "krant";
    expect(contentOf(d).items[0]).toEqual({ photo_type: "class", channel: "krant", purpose: "activities" });
    d.photoTypes = d.photoTypes.filter((r) => r.key !== "individual");
    expect(contentOf(d).items).toHaveLength(2);
  });

  it("writes the until term with its date", () => {
    const d = emptyDraft();
    d.termKind = "until";
    d.termDate = "2027-06-30";
    expect(contentOf(d).term).toEqual({ kind: "until", date: "2027-06-30" });
  });

  it("ticks a cell by the rows' local ids", () => {
    const d = emptyDraft();
    Object.assign(d.photoTypes[0], { key: "a" });
    Object.assign(d.channels[0], { key: "b" });
    Object.assign(d.purposes[0], { key: "c" });
    d.items[cellId(d.photoTypes[0], d.channels[0], d.purposes[0])] = true;
    expect(contentOf(d).items).toEqual([{ photo_type: "a", channel: "b", purpose: "c" }]);
  });

  it("suggests a key from the Dutch label until a key is typed", () => {
    const r = newRow();
    r.nl = "Sociale média";
    suggestKey(r);
    expect(r.key).toBe("sociale-media");
    r.keyTouched = true;
    r.nl = "Iets anders";
    suggestKey(r);
    expect(r.key).toBe("sociale-media");
  });

  it("reports empty, invalid and duplicate keys", () => {
    const a = { ...newRow(), key: "web" };
    const b = { ...newRow(), key: "web" };
    expect(keyProblem(a, [a, b])).toBe("duplicate");
    expect(keyProblem({ ...a, key: "Web site" }, [a])).toBe("invalid");
    expect(keyProblem({ ...a, key: " " }, [a])).toBe("empty");
    expect(keyProblem(a, [a])).toBeNull();
  });
});

describe("keys", () => {
  it("accepts lowercase a-z, digits and dashes only", () => {
    expect(validKey("social-2")).toBe(true);
    expect(validKey("Social")).toBe(false);
    expect(validKey("")).toBe(false);
    expect(slugKey("  Groeps- of klassenfoto (geposeerd) ")).toBe("groeps-of-klassenfoto-geposeerd");
  });
});
