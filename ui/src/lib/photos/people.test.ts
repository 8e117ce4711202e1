import { describe, expect, it } from "vitest";
import type { PersonSummary } from "../api";
import { pickCandidates } from "./people";

const person = (id: number, name: string, groups: string[]): PersonSummary => ({ id, name, kind: "child", birth_date: null, leave_date: null, groups });

// In the order the core lists people: by surname, "de" left out.
const all = [
  person(2, "Zoe Bakker", ["Groep 5"]),
  person(3, "Anna de Vries", ["Groep 5"]),
  person(1, "Zoë de Vries", ["Groep 3"]),
  person(4, "Bram Zoet", ["Groep 7"]),
];

describe("pickCandidates", () => {
  it("matches the start of name words for every typed word, accents ignored", () => {
    expect(pickCandidates(all, "zoe", new Set(), new Set()).map((p) => p.id)).toEqual([2, 1, 4]);
    expect(pickCandidates(all, "ries", new Set(), new Set())).toEqual([]);
    expect(pickCandidates(all, "de vr", new Set(), new Set()).map((p) => p.id)).toEqual([3, 1]);
  });

  it("puts people of the photo's groups first", () => {
    expect(pickCandidates(all, "zo", new Set(["Groep 7"]), new Set()).map((p) => p.id)).toEqual([4, 2, 1]);
  });

  it("leaves out people already tagged and stops at the maximum", () => {
    expect(pickCandidates(all, "de", new Set(), new Set([1])).map((p) => p.id)).toEqual([3]);
    expect(pickCandidates(all, "z", new Set(), new Set(), 2)).toHaveLength(2);
  });
});
