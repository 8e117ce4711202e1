import { afterEach, describe, expect, it } from "vitest";
import { firstFocus, focusables, rememberFocus, trapTab } from "./focus";

function box(html: string): HTMLElement {
  const el = document.createElement("div");
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

const tab = (shiftKey = false) => new KeyboardEvent("keydown", { key: "Tab", shiftKey, cancelable: true });

describe("focus in a dialog", () => {
  afterEach(() => (document.body.innerHTML = ""));

  it("lists only what Tab stops at", () => {
    const root = box(`
      <a href="#">a</a><a>no href</a>
      <button id="b">b</button><button disabled>off</button>
      <input type="hidden" /><input id="i" />
      <select id="s"></select><textarea id="t"></textarea>
      <div tabindex="0" id="d">d</div><div tabindex="-1">out</div>
      <div hidden><button>hidden</button></div><div inert><button>inert</button></div>`);
    expect(focusables(root).map((e) => e.id || e.tagName)).toEqual(["A", "b", "i", "s", "t", "d"]);
  });

  it("starts on the control marked data-autofocus when it can take the focus", () => {
    expect(firstFocus(box(`<input id="a" /><button id="b" data-autofocus>b</button>`))?.id).toBe("b");
    expect(firstFocus(box(`<input id="a" /><button id="b" data-autofocus disabled>b</button>`))?.id).toBe("a");
    expect(firstFocus(box(`<p>nothing</p>`))).toBeNull();
  });

  it("wraps Tab at both ends and leaves the middle to the browser", () => {
    const root = box(`<input id="a" /><input id="b" /><input id="c" />`);
    const [a, b, c] = focusables(root);
    c.focus();
    let e = tab();
    trapTab(e, root);
    expect([e.defaultPrevented, document.activeElement]).toEqual([true, a]);
    e = tab(true);
    trapTab(e, root);
    expect([e.defaultPrevented, document.activeElement]).toEqual([true, c]);
    b.focus();
    e = tab();
    trapTab(e, root);
    expect([e.defaultPrevented, document.activeElement]).toEqual([false, b]);
  });

  it("brings a focus from outside back in, and holds it when there is nothing to focus", () => {
    const outside = box(`<button id="out">o</button>`).querySelector("button")!;
    const root = box(`<input id="a" /><input id="z" />`);
    outside.focus();
    trapTab(tab(true), root);
    expect(document.activeElement?.id).toBe("z");
    const empty = box(`<p>text</p>`);
    const e = tab();
    trapTab(e, empty);
    expect(e.defaultPrevented).toBe(true);
    // Other keys are not its business.
    const other = new KeyboardEvent("keydown", { key: "a", cancelable: true });
    trapTab(other, root);
    expect(other.defaultPrevented).toBe(false);
  });

  it("gives the focus back, unless that element is gone", () => {
    const [one] = focusables(box(`<button>1</button>`));
    one.focus();
    const back = rememberFocus();
    const [two] = focusables(box(`<button>2</button>`));
    two.focus();
    back();
    expect(document.activeElement).toBe(one);
    two.focus();
    one.remove();
    back();
    expect(document.activeElement).toBe(two);
  });
});
