import { describe, expect, it } from "vitest";
import { schoolForm } from "../../test/fixtures";
import { buildGrid, channelItems, channelStarts, columnItems, readingOrder, rowItems } from "./grid";
import { pressedOf, toggled, withAll } from "./ticks";

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

describe("rows, columns and channels of the grid", () => {
  const wide = buildGrid({
    ...schoolForm,
    items: [
      { photo_type: "class", channel: "paper", purpose: "activities" },
      { photo_type: "class", channel: "social", purpose: "activities" },
      { photo_type: "class", channel: "social", purpose: "promotion" },
      { photo_type: "individual", channel: "social", purpose: "promotion" },
    ],
  });

  it("names the items under each heading, leaving out what the form does not ask", () => {
    expect(rowItems(wide.rows[1])).toEqual(["individual/social/promotion"]);
    expect(columnItems(wide, 2)).toEqual(["class/social/promotion", "individual/social/promotion"]);
    expect(columnItems(wide, 0)).toEqual(["class/paper/activities"]);
    expect(channelStarts(wide)).toEqual([0, 1]);
    expect(channelItems(wide, 1)).toEqual(["class/social/activities", "class/social/promotion", "individual/social/promotion"]);
    expect(channelItems(wide, 5)).toEqual([]);
  });
});

describe("ticking many boxes at once", () => {
  const items = ["a", "b", "c"];

  it("says whether a group is all, none or some ticked", () => {
    expect(pressedOf(items, {})).toBe("false");
    expect(pressedOf(items, { a: true, b: false })).toBe("mixed");
    expect(pressedOf(items, { a: true, b: true, c: true })).toBe("true");
  });

  it("ticks or unticks a group and leaves the other boxes alone", () => {
    expect(withAll({ x: true }, items, true)).toEqual({ x: true, a: true, b: true, c: true });
    expect(withAll({ x: true, a: true }, items, false)).toEqual({ x: true, a: false, b: false, c: false });
    // A toggle: some or none ticked becomes all; all becomes none.
    expect(toggled({ a: true }, items)).toEqual({ a: true, b: true, c: true });
    expect(toggled({ a: true, b: true, c: true }, items)).toEqual({ a: false, b: false, c: false });
  });
});
