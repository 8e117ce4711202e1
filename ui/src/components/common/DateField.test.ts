import { fireEvent, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { tick } from "svelte";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useLang } from "../../lib/i18n";
import { setBackendToday } from "../../lib/util/dates";
import DateFieldHarness from "../../test/DateFieldHarness.svelte";

const field = () => screen.getByTestId("date") as HTMLInputElement;
const bound = () => screen.getByTestId("bound").textContent;
const changes = () => screen.getByTestId("changes").textContent;
/** The message under the field, through the input's own aria-describedby. */
const message = () => {
  const id = field().getAttribute("aria-describedby");
  return id ? document.getElementById(id)?.textContent : null;
};

describe("DateField", () => {
  beforeEach(() => {
    useLang("nl");
    setBackendToday("2026-05-20");
  });
  afterEach(() => setBackendToday(null));

  it("is one text box that takes digits, named by its label", () => {
    render(DateFieldHarness, { value: "2026-03-14" });
    const input = screen.getByLabelText("Datum") as HTMLInputElement;
    expect(input).toBe(field());
    expect(input.type).toBe("text");
    expect(input.getAttribute("inputmode")).toBe("numeric");
    expect(input.getAttribute("autocomplete")).toBe("off");
    expect(input.placeholder).toBe("dd-mm-jjjj");
    expect(input.id).toBe("the-date");
    expect(input.value).toBe("14-03-2026");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(input.getAttribute("aria-describedby")).toBeNull();
  });

  it("binds a typed date as ISO, and writes it day first on leaving", async () => {
    const user = userEvent.setup();
    render(DateFieldHarness);
    await user.type(field(), "4/3/2026");
    // Accepted while typing: the bound value follows at once.
    expect(bound()).toBe("2026-03-04");
    expect(field().value).toBe("4/3/2026");
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId("next"));
    expect(field().value).toBe("04-03-2026");
    expect(bound()).toBe("2026-03-04");
    expect(changes()).toBe("2026-03-04");
  });

  it("reads every form the office types", async () => {
    const user = userEvent.setup();
    render(DateFieldHarness);
    const cases: [string, string, string][] = [
      ["14-03-2026", "14-03-2026", "2026-03-14"],
      ["14.03.2026", "14-03-2026", "2026-03-14"],
      ["14032026", "14-03-2026", "2026-03-14"],
      ["2026-03-15", "15-03-2026", "2026-03-15"],
      ["1-8", "01-08-2026", "2026-08-01"],
      ["  29-02-2024 ", "29-02-2024", "2024-02-29"],
    ];
    for (const [typed, shown, iso] of cases) {
      await user.clear(field());
      await user.type(field(), typed);
      await user.keyboard("{Enter}");
      expect(field().value, typed).toBe(shown);
      expect(bound(), typed).toBe(iso);
    }
  });

  it("refuses an impossible date in words, binds nothing and makes its form invalid", async () => {
    const user = userEvent.setup();
    const submitted = vi.fn();
    render(DateFieldHarness, { value: "2026-03-14", onsubmitted: submitted });
    await user.clear(field());
    await user.type(field(), "31-02-2026");
    expect(bound()).toBe("");
    // Nothing said while typing: the user may not be done.
    expect(field().getAttribute("aria-invalid")).toBeNull();
    expect(field().validity.valid).toBe(false);
    await user.tab();
    expect(field().value).toBe("31-02-2026");
    expect(field().getAttribute("aria-invalid")).toBe("true");
    expect(message()).toBe("Die dag bestaat niet: februari 2026 heeft 28 dagen.");
    expect(field().validationMessage).toBe("Die dag bestaat niet: februari 2026 heeft 28 dagen.");
    // Text that is no date is no change for onchange: the screen keeps what it showed.
    expect(changes()).toBe("");
    const form = field().form!;
    expect(form.checkValidity()).toBe(false);
    await user.click(screen.getByTestId("submit"));
    expect(submitted).not.toHaveBeenCalled();

    // Typing again clears the complaint; a good date binds and submits.
    await user.clear(field());
    expect(field().getAttribute("aria-invalid")).toBeNull();
    await user.type(field(), "28-02-2026");
    await user.click(screen.getByTestId("submit"));
    expect(submitted).toHaveBeenCalledWith("2026-02-28");
    expect(field().value).toBe("28-02-2026");
  });

  it("says why, for each kind of wrong date", async () => {
    const user = userEvent.setup();
    render(DateFieldHarness);
    const cases: [string, string][] = [
      ["1-8-26", "Typ het jaar met vier cijfers, bijvoorbeeld 14-03-2026. Bij twee cijfers is niet zeker welke eeuw bedoeld is."],
      ["14-13-2026", "Die maand bestaat niet: het tweede getal is de maand, van 1 tot en met 12."],
      ["00-01-2026", "Die dag bestaat niet: januari 2026 heeft 31 dagen."],
      ["29-02-2025", "Die dag bestaat niet: februari 2025 heeft 28 dagen."],
      ["01-01-1899", "Kies een jaar van 1900 tot en met 2100."],
      ["morgen", "Typ de datum als dd-mm-jjjj, bijvoorbeeld 14-03-2026."],
    ];
    for (const [typed, said] of cases) {
      await user.clear(field());
      await user.type(field(), typed);
      await user.keyboard("{Enter}");
      expect(message(), typed).toBe(said);
      expect(bound(), typed).toBe("");
    }
  });

  it("keeps to its bounds and names them day first", async () => {
    const user = userEvent.setup();
    const { rerender } = render(DateFieldHarness, { min: "2026-03-01", max: "2026-03-31" });
    await user.type(field(), "28-02-2026");
    await user.tab();
    expect(message()).toBe("Kies 01-03-2026 of later.");
    expect(bound()).toBe("");
    await user.clear(field());
    await user.type(field(), "1-4-2026");
    await user.tab();
    expect(message()).toBe("Kies 31-03-2026 of eerder.");
    expect(bound()).toBe("");
    await user.clear(field());
    await user.type(field(), "31-3-2026");
    await user.tab();
    expect(message()).toBeNull();
    expect(bound()).toBe("2026-03-31");
    // A bound that moves judges the date again.
    await rerender({ min: "2026-03-01", max: "2026-03-15" });
    expect(field().validationMessage).toBe("Kies 15-03-2026 of eerder.");
    // An arrow key steps back within them.
    await user.click(field());
    await user.keyboard("{ArrowDown}");
    expect(field().value).toBe("15-03-2026");
    expect(bound()).toBe("2026-03-15");
    expect(field().validity.valid).toBe(true);
  });

  it("asks for a date it needs only when the form is tried", async () => {
    const user = userEvent.setup();
    render(DateFieldHarness, { required: true });
    await user.click(field());
    await user.tab();
    expect(message()).toBeNull();
    expect(field().form!.checkValidity()).toBe(false);
    await tick();
    expect(message()).toBe("Vul de datum in.");
    expect(field().getAttribute("aria-invalid")).toBe("true");
  });

  it("follows a value the screen sets", async () => {
    const user = userEvent.setup();
    render(DateFieldHarness, { value: "2026-03-14" });
    await user.clear(field());
    await user.type(field(), "99-99");
    await user.tab();
    expect(field().getAttribute("aria-invalid")).toBe("true");
    await user.click(screen.getByTestId("reset"));
    expect(field().value).toBe("02-01-2026");
    expect(field().getAttribute("aria-invalid")).toBeNull();
    expect(field().validity.valid).toBe(true);
  });

  it("steps a day with the arrow keys, from today when empty", async () => {
    const user = userEvent.setup();
    render(DateFieldHarness);
    await user.click(field());
    await user.keyboard("{ArrowUp}");
    expect(field().value).toBe("20-05-2026");
    await user.keyboard("{ArrowUp}");
    expect(bound()).toBe("2026-05-21");
    await user.clear(field());
    await user.type(field(), "1-3-2024");
    await user.keyboard("{ArrowDown}");
    expect(field().value).toBe("29-02-2024");
    expect(bound()).toBe("2024-02-29");
  });

  it("speaks English, with the same day-first dates", async () => {
    useLang("en");
    const user = userEvent.setup();
    render(DateFieldHarness, { value: "2026-03-14" });
    expect(field().placeholder).toBe("dd-mm-yyyy");
    expect(field().value).toBe("14-03-2026");
    await user.clear(field());
    await user.type(field(), "31-04-2026");
    await fireEvent.blur(field());
    expect(message()).toBe("That day does not exist: April 2026 has 30 days.");
  });

  describe("while the user types", () => {
    /** Types `typed` key by key, noting the bound value after each. */
    async function typeNoting(user: ReturnType<typeof userEvent.setup>, typed: string): Promise<string[]> {
      const seen: string[] = [];
      for (const key of typed) {
        await user.keyboard(key);
        seen.push(bound() ?? "");
      }
      return seen;
    }

    it("keeps the bound value through half a date, and binds the whole date once", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness, { value: "2026-01-10" });
      await user.tripleClick(field());
      // Selected text typed over: no emptying on the way, so nothing binds until the year is whole.
      const seen = await typeNoting(user, "14-03-2025");
      expect(seen).toEqual([...Array(9).fill("2026-01-10"), "2025-03-14"]);
      // Half a date is not yet a date for the form either, and says nothing yet.
      expect(field().getAttribute("aria-invalid")).toBeNull();
      expect(changes()).toBe("");
      await user.tab();
      expect(changes()).toBe("2025-03-14");
    });

    it("binds a short date (this year) only when the user settles, with Enter or by leaving", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness);
      await user.type(field(), "1-8");
      expect(bound()).toBe("");
      await user.keyboard("{Enter}");
      expect(bound()).toBe("2026-08-01");
      expect(field().value).toBe("01-08-2026");
      await user.clear(field());
      await user.type(field(), "14-03");
      expect(bound()).toBe("");
      await user.tab();
      expect(bound()).toBe("2026-03-14");
    });

    it("binds an emptied field at once", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness, { value: "2026-01-10" });
      await user.clear(field());
      expect(bound()).toBe("");
    });

    it("holds a half date back from its form: no submit with the old date", async () => {
      const user = userEvent.setup();
      const submitted = vi.fn();
      render(DateFieldHarness, { value: "2026-01-10", onsubmitted: submitted });
      await user.tripleClick(field());
      await user.keyboard("14-03-20");
      expect(bound()).toBe("2026-01-10");
      expect(field().validity.valid).toBe(false);
      await user.click(screen.getByTestId("submit"));
      expect(submitted).not.toHaveBeenCalled();
      // Leaving it settles: text that is no date binds nothing, and says why.
      expect(bound()).toBe("");
      expect(message()).toBe("Typ het jaar met vier cijfers, bijvoorbeeld 14-03-2026. Bij twee cijfers is niet zeker welke eeuw bedoeld is.");
    });
  });

  describe("a screen's 'clear filters'", () => {
    it("empties a field holding half a date, though the bound value was empty already", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness);
      await user.type(field(), "12-0");
      await user.click(screen.getByTestId("clear"));
      expect(field().value).toBe("");
      expect(bound()).toBe("");
      expect(field().getAttribute("aria-invalid")).toBeNull();
      expect(message()).toBeNull();
      expect(field().validity.valid).toBe(true);
    });

    it("empties a field whose date was being retyped, and a wrong date with its message", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness, { value: "2026-03-14" });
      await user.tripleClick(field());
      await user.keyboard("15-0");
      expect(bound()).toBe("2026-03-14");
      await user.click(screen.getByTestId("clear"));
      expect(field().value).toBe("");
      expect(bound()).toBe("");

      await user.type(field(), "31-02-2026");
      await user.tab();
      expect(message()).toBe("Die dag bestaat niet: februari 2026 heeft 28 dagen.");
      await user.click(screen.getByTestId("clear"));
      expect(field().value).toBe("");
      expect(message()).toBeNull();
      expect(field().getAttribute("aria-invalid")).toBeNull();
      expect(field().validity.valid).toBe(true);
      // No onchange for a reset the screen made itself.
      expect(changes()).toBe("");
    });
  });

  describe("accessibility", () => {
    it("keeps the message out of the label: the input's name stays the label, the message describes it and is announced", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness, { help: "Bijvoorbeeld de eerste schooldag." });
      await user.type(field(), "31-02-2026");
      await user.tab();
      const problem = document.getElementById(`${field().getAttribute("aria-describedby")!.split(" ").at(-1)}`)!;
      expect(problem.textContent).toBe("Die dag bestaat niet: februari 2026 heeft 28 dagen.");
      expect(problem.closest("label")).toBeNull();
      expect(problem.getAttribute("aria-live")).toBe("polite");
      // Named by its label alone, described by the help and the message.
      expect(screen.getByRole("textbox", { name: "Datum" })).toBe(field());
      expect(screen.getByRole("textbox", { name: "Datum" })).toHaveProperty("labels.length", 1);
      expect(field().labels![0].textContent).toBe("Datum");
      const described = field()
        .getAttribute("aria-describedby")!
        .split(" ")
        .map((id) => document.getElementById(id)!.textContent);
      expect(described).toEqual(["Bijvoorbeeld de eerste schooldag.", "Die dag bestaat niet: februari 2026 heeft 28 dagen."]);
      expect(field().closest("label")).toBeNull();
      // The message element is in the page before it says anything, so its words are announced when they come.
      await user.clear(field());
      expect(problem.isConnected).toBe(true);
      expect(problem.textContent).toBe("");
    });

    it("is one Tab stop, forward and back", async () => {
      const user = userEvent.setup();
      render(DateFieldHarness, { value: "2026-03-14", help: "Hulp" });
      screen.getByTestId("before").focus();
      await user.tab();
      expect(document.activeElement).toBe(field());
      await user.tab();
      expect(document.activeElement).toBe(screen.getByTestId("next"));
      await user.tab({ shift: true });
      expect(document.activeElement).toBe(field());
      await user.tab({ shift: true });
      expect(document.activeElement).toBe(screen.getByTestId("before"));
      // Nothing else in the field can take the focus.
      const wrapper = field().parentElement!;
      const focusable = wrapper.querySelectorAll("input, button, select, textarea, a[href], [tabindex]");
      expect([...focusable]).toEqual([field()]);
      expect(field().tabIndex).toBe(0);
    });

    it("shows the app's focus ring: nothing in its styles takes the outline away", () => {
      // jsdom draws nothing, so this reads the styles: the app's ring on every
      // :focus-visible, and no rule of the field or the app that removes it.
      const dir = join(__dirname, "..", "..");
      const own = readFileSync(join(__dirname, "DateField.svelte"), "utf8");
      const css = readFileSync(join(dir, "app.css"), "utf8");
      expect(css).toMatch(/(^|\n):focus-visible\s*\{[^}]*outline:\s*3px solid var\(--focus\)/);
      for (const source of [own, css]) expect(source).not.toMatch(/outline(-style)?:\s*(none|0)\b/);
    });
  });
});
