import { describe, expect, it } from "vitest";
import { schoolForm } from "../../test/fixtures";
import { buildGrid, readingOrder } from "./grid";

describe("buildGrid", () => {
  it("makes rows of photo types and columns of asked channel × purpose, in the form's order", () => {
    const g = buildGrid(schoolForm);
    expect(g.rows.map((r) => r.photoType.key)).toEqual(["class", "individual"]);
    expect(g.columns.map((c) => `${c.channel.key}/${c.purpose.key}`)).toEqual(["paper/activities", "social/promotion"]);
    expect(g.channels.map((c) => [c.channel.key, c.span])).toEqual([["paper", 1], ["social", 1]]);
    expect(g.rows[0].cells).toEqual(["class/paper/activities", "class/social/promotion"]);
    expect(g.rows[1].cells).toEqual(["individual/paper/activities", null]);
  });

  it("leaves out photo types and channels the form does not ask about", () => {
    const g = buildGrid({ ...schoolForm, items: [{ photo_type: "individual", channel: "social", purpose: "activities" }] });
    expect(g.rows.map((r) => r.photoType.key)).toEqual(["individual"]);
    expect(g.columns.map((c) => `${c.channel.key}/${c.purpose.key}`)).toEqual(["social/activities"]);
  });

  it("lists items in reading order", () => {
    expect(readingOrder(buildGrid(schoolForm))).toEqual(["class/paper/activities", "class/social/promotion", "individual/paper/activities"]);
  });
});
