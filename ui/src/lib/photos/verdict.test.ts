import { describe, expect, it } from "vitest";
import type { Face, PersonLine, PhotoCheck, Tag } from "../api";
import { faceAt } from "../../test/fixtures";
import { checkMatches, facesToBlur, linesWithTags, outcomeTone, tagsToBlur } from "./verdict";

const tag = (id: number, person: number | null, box: boolean): Tag => ({
  id,
  person,
  person_name: person === null ? null : `P${person}`,
  box: box ? { x: 1, y: 1, w: 10, h: 10 } : null,
  highlighted: false,
});

const fineStatus = (s: PersonLine["status"]) => s === "consent" || s === "informed";

/** A line as the backend sends it: with its tag, `fine` and `fill`. */
const line = (tag: number, person: number | null, status: PersonLine["status"], has_box: boolean): PersonLine => ({
  tag,
  fine: fineStatus(status),
  fill: !fineStatus(status) && has_box,
  person,
  targeted: true,
  status,
  rule: "consent-granted",
  record: null,
  form: null,
  form_version: null,
  notice: null,
  face: null,
  has_box,
});

/** A line for a face nobody reviewed (no tag, no person). */
const faceLine = (face: number): PersonLine => ({ ...line(0, null, "unidentified", true), tag: null, face, rule: "face-not-identified" });

const face = (n: number, state: Face["state"]): Face => faceAt(n, state);

const checkOf = (people: PersonLine[], outcome: PhotoCheck["verdict"]["outcome"] = "anonymise"): PhotoCheck => ({
  photo: 1,
  channel: "social",
  purpose: "information",
  date: "2026-11-23",
  verdict: { outcome, nobody_tagged: people.length === 0, unidentified_faces: people.filter((l) => l.face !== null).length, people },
  consents: [],
  notices: [],
});

describe("verdict display", () => {
  const tags = [tag(10, 1, true), tag(11, 2, true), tag(12, null, true), tag(13, 3, false)];
  const check = checkOf([line(10, 1, "consent", true), line(11, 2, "denied", true), line(12, null, "no-consent", true), line(13, 3, "informed", false)]);

  it("pairs each line with the tag it names, whatever the order", () => {
    expect(linesWithTags(check, tags).map((l) => l.tag?.id)).toEqual([10, 11, 12, 13]);
    expect(linesWithTags(check, [...tags].reverse()).map((l) => l.tag?.id)).toEqual([10, 11, 12, 13]);
    expect(linesWithTags(null, tags)).toEqual([]);
  });

  it("marks exactly the boxes the backend fills", () => {
    expect([...tagsToBlur(check)].sort()).toEqual([11, 12]);
  });

  it("knows when the verdict no longer belongs to the tags", () => {
    expect(checkMatches(check, tags, [])).toBe(true);
    expect(checkMatches(check, tags.slice(0, 3), [])).toBe(false);
    expect(checkMatches(check, [tags[0], tags[1], tags[2], tag(13, 4, false)], [])).toBe(false);
    expect(checkMatches(check, [tags[0], tags[1], tags[2], tag(13, 3, true)], [])).toBe(false);
    expect(checkMatches(checkOf([], "blocked"), [], [])).toBe(true);
    expect(checkMatches(null, [], [])).toBe(false);
  });

  it("counts faces nobody reviewed as lines of their own, shown as one count", () => {
    const withFaces = checkOf([line(10, 1, "consent", true), faceLine(1), faceLine(3)]);
    const faces = [face(1, "suggested"), face(2, "dismissed"), face(3, "suggested")];
    expect(checkMatches(withFaces, [tags[0]], faces)).toBe(true);
    // Face 3 named since: its line no longer belongs.
    expect(checkMatches(withFaces, [tags[0]], [face(1, "suggested"), face(2, "dismissed"), face(3, "named")])).toBe(false);
    expect(linesWithTags(withFaces, [tags[0]]).map((l) => l.tag?.id)).toEqual([10]);
    expect([...facesToBlur(withFaces)].sort()).toEqual([1, 3]);
    expect(tagsToBlur(withFaces).size).toBe(0);
  });

  it("gives each outcome its tone", () => {
    expect(outcomeTone("allowed")).toBe("ok");
    expect(outcomeTone("anonymise")).toBe("warn");
    expect(outcomeTone("blocked")).toBe("bad");
  });
});
