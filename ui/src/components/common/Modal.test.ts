import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { createRawSnippet } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import Modal from "./Modal.svelte";

// A dialog's content as a caller gives it: a field, a disabled button (no Tab stop) and two buttons.
const content = (autofocus = "") =>
  createRawSnippet(() => ({
    render: () => `<form>
      <input data-testid="field" />
      <button type="button" data-testid="off" disabled>x</button>
      <button type="button" data-testid="ok" ${autofocus === "ok" ? "data-autofocus" : ""}>x</button>
      <button type="button" data-testid="cancel">x</button>
    </form>`,
  }));

describe("Modal", () => {
  let opener: HTMLButtonElement;
  afterEach(() => opener?.remove());

  function open(autofocus = "") {
    // The button that opened the dialog, outside it, with the focus.
    opener = document.createElement("button");
    document.body.append(opener);
    opener.focus();
    const onclose = vi.fn();
    const view = render(Modal, { title: "t", onclose, children: content(autofocus) });
    return { onclose, view };
  }

  it("opens on its first control, or on the one marked data-autofocus", () => {
    const first = open();
    expect(document.activeElement).toBe(screen.getByTestId("field"));
    first.view.unmount();
    open("ok");
    expect(document.activeElement).toBe(screen.getByTestId("ok"));
  });

  it("keeps Tab inside: past the last control back to the first, Shift+Tab the other way, disabled ones skipped", async () => {
    open();
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("ok"));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("cancel"));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("field"));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByTestId("cancel"));
    // A focus that got outside (a click on the page) comes back in on the next Tab.
    opener.focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("field"));
    expect(document.activeElement).not.toBe(opener);
  });

  it("closes on Escape and gives the focus back to what opened it", async () => {
    const { onclose, view } = open();
    await userEvent.setup().keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledOnce();
    view.unmount();
    expect(document.activeElement).toBe(opener);
  });
});
