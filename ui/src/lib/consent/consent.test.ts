import { describe, expect, it } from "vitest";
import { itemStatus, personPage, schoolForm } from "../../test/fixtures";
import type { ConsentEvent } from "../api";
import { sortHistory, splitAnswers } from "./history";
import { describeChoiceItem, describeItem } from "./items";
import { coSignerOptions, giverOptions, withdrawerOptions } from "./people";
import { answersFor } from "./record";
import { grantedByChannel, grantedItems, statusIndex, statusOf } from "./status";

describe("answersFor", () => {
  it("answers every item of the form; unticked is no", () => {
    expect(answersFor(schoolForm, { "class/social/promotion": true, "not/on/form": true })).toEqual([
      { item: "class/paper/activities", yes: false },
      { item: "class/social/promotion", yes: true },
      { item: "individual/paper/activities", yes: false },
    ]);
  });
});

describe("who can be named", () => {
  it("offers the guardians when they decide, the person when they decide themselves", () => {
    expect(giverOptions(personPage())).toEqual(["Anna de Vries", "Piet de Vries"]);
    expect(giverOptions(personPage({ consents: "self" }))).toEqual(["Sanne de Vries"]);
  });

  it("offers a pupil from 12 to sign beside a parent, not a younger child", () => {
    expect(coSignerOptions(personPage({ age: 11 }), "Anna de Vries")).toEqual(["Piet de Vries"]);
    expect(coSignerOptions(personPage({ age: 12 }), "Anna de Vries")).toEqual(["Piet de Vries", "Sanne de Vries"]);
    expect(coSignerOptions(personPage({ age: null }), "Anna de Vries")).toEqual(["Piet de Vries"]);
    expect(coSignerOptions(personPage({ consents: "self", age: 16 }), "Sanne de Vries")).toEqual(["Anna de Vries", "Piet de Vries"]);
  });

  it("offers to withdraw exactly whom the backend lists, in its order", () => {
    expect(withdrawerOptions(personPage())).toEqual(["Anna de Vries", "Piet de Vries", "Sanne de Vries"]);
    expect(withdrawerOptions(personPage({ consents: "self", withdrawers: ["Sanne de Vries", "Anna de Vries"] }))).toEqual(["Sanne de Vries", "Anna de Vries"]);
  });
});

describe("status lookup", () => {
  it("uses the backend's verdict and shows unknown items as not asked", () => {
    const page = personPage();
    const idx = statusIndex(page);
    expect(statusOf(idx, "class/social/promotion").status).toBe("denied");
    expect(statusOf(idx, "x/y/z").status).toBe("none");
    expect(grantedItems(page)).toEqual(["class/paper/activities"]);
  });
});

describe("item words", () => {
  it("names an item with the form's labels in the chosen language", () => {
    expect(describeItem("class/social/promotion", [schoolForm], "nl")).toBe("Klasfoto · Sociale media · Promotie");
    expect(describeItem("class/social/promotion", [schoolForm], "en")).toBe("Class photo · Social media · Promotion");
    expect(describeItem("old/key/here", [schoolForm], "nl")).toBe("old · key · here");
  });

  it("names an item with the choices of the forms in use, keys where none is known", () => {
    const choices = { photo_types: schoolForm.photo_types, channels: schoolForm.channels, purposes: schoolForm.purposes };
    expect(describeChoiceItem("class/social/promotion", choices, "nl")).toBe("Klasfoto · Sociale media · Promotie");
    expect(describeChoiceItem("class/social/promotion", choices, "en")).toBe("Class photo · Social media · Promotion");
    expect(describeChoiceItem("class/radio/promotion", choices, "nl")).toBe("Klasfoto · radio · Promotie");
    expect(describeChoiceItem("not-an-item", choices, "nl")).toBe("not-an-item");
  });
});

describe("history", () => {
  const ev = (id: number, date: string, entered_at: string): ConsentEvent => ({
    id, person: 7, kind: "record", form_version_id: 11, form_id: 3, form_version: 2, form_title: "F",
    given_by_name: "Anna", given_by_role: "guardian", method: "paper", date, entered_by: "admin", entered_at, answers: {},
    voids: null, void_reason: null, voided_by: null,
  });

  it("sorts by date, then by entry time", () => {
    const sorted = sortHistory([ev(3, "2026-09-02", "2026-09-02T08:00:00"), ev(2, "2026-09-01", "2026-09-03T10:00:00"), ev(1, "2026-09-01", "2026-09-01T10:00:00")]);
    expect(sorted.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it("splits answers into yes, no and withdrawn in the form's order", () => {
    const a = splitAnswers({ "b/b/b": "yes", "a/a/a": "no", "c/c/c": "yes", "d/d/d": "withdrawn" }, ["c/c/c", "b/b/b"]);
    expect(a).toEqual({ yes: ["c/c/c", "b/b/b"], no: ["a/a/a"], withdrawn: ["d/d/d"] });
  });
});

describe("grantedByChannel", () => {
  it("groups the backend's granted items by channel, in the forms' order, named in the user's language", () => {
    const page = personPage({
      status: [
        itemStatus("class/social/promotion", "granted"),
        itemStatus("class/paper/activities", "granted"),
        itemStatus("individual/paper/activities", "granted"),
        itemStatus("individual/social/promotion", "withdrawn"),
        itemStatus("class/video/promotion", "granted"),
      ],
    });
    expect(grantedByChannel(page, "nl")).toEqual([
      { channel: "paper", label: "Schoolkrant", items: ["class/paper/activities", "individual/paper/activities"] },
      { channel: "social", label: "Sociale media", items: ["class/social/promotion"] },
      // A channel no form names (an older form's) comes last, under its key.
      { channel: "video", label: "video", items: ["class/video/promotion"] },
    ]);
    expect(grantedByChannel(page, "en")[1].label).toBe("Social media");
    expect(grantedByChannel(personPage({ status: [itemStatus("class/paper/activities", "denied")] }), "nl")).toEqual([]);
  });
});
