import { describe, expect, it } from "vitest";
import { deskForm } from "../../test/fixtures";
import { canvasPng, leavesTheForm, openQuestions, signaturesNeeded } from "./desk";

const form = deskForm;

describe("the desk's own rules of the screen", () => {
  it("lists the questions still open, in the form's order", () => {
    expect(openQuestions(form(), {})).toEqual(["group/website/information", "portrait/social/promotion"]);
    expect(openQuestions(form(), { "portrait/social/promotion": false })).toEqual(["group/website/information"]);
    expect(openQuestions(form(), { "group/website/information": true, "portrait/social/promotion": false })).toEqual([]);
  });

  it("asks both guardians to sign only for a yes where the organisation wants both", () => {
    const both = form({ signatures_for_yes: 2 });
    expect(signaturesNeeded(both, { "group/website/information": false })).toBe(1);
    expect(signaturesNeeded(both, { "group/website/information": true })).toBe(2);
    expect(signaturesNeeded(form(), { "group/website/information": true })).toBe(1);
    // A child with one guardian: one signature, whatever the rule.
    expect(signaturesNeeded(form({ signatures_for_yes: 2, signers: [{ name: "Ilse Bakker", role: "guardian" }] }), { "group/website/information": true })).toBe(1);
  });

  it("stops the keys that reload, go back or open anything else, and keeps those that fill in the form", () => {
    const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });
    for (const k of [key("r", { ctrlKey: true }), key("ArrowLeft", { altKey: true }), key("F5"), key("F12"), key("BrowserBack"), key("Escape"), key("p", { ctrlKey: true }), key("l", { metaKey: true })]) {
      expect(leavesTheForm(k), JSON.stringify(k)).toBe(true);
    }
    for (const k of [key("Tab"), key("Enter"), key(" "), key("ArrowDown"), key("a")]) {
      expect(leavesTheForm(k), JSON.stringify(k)).toBe(false);
    }
  });

  it("turns the signing box into PNG bytes", () => {
    const png = canvasPng({ toDataURL: () => "data:image/png;base64,iVBORw0KGgo=" });
    expect(png).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
