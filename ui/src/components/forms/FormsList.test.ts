import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { FormPrintReport, FormSummary } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import FormsList from "./FormsList.svelte";

describe("FormsList", () => {
  let list: FormSummary[];
  beforeEach(() => {
    useLang("nl");
    go({ name: "forms" });
    list = [
      { id: 1, title: "Kinderopvang en basisschool", latest_version: 2, versions: 2, active: true, builtin: "x", answered: 12, audience: "children" },
      { id: 2, title: "Vlaanderen", latest_version: 1, versions: 1, active: false, builtin: "y", answered: 0, audience: "children" },
    ];
  });

  function backend(extra: Record<string, Handler> = {}) {
    return mockBackend({
      forms: () => list,
      set_form_active: ({ form, active }) => {
        list = list.map((f) => (f.id === form ? { ...f, active: active as boolean } : f));
        return null;
      },
      import_form_file: () => ({ form: 3, version: 1, new_version: false }),
      export_form_file: () => "/home/office/formulier-1.toml",
      has_logo: () => false,
      ...extra,
    });
  }

  it("lists title, latest version, in use and answered count", async () => {
    list.push({ id: 3, title: "Medewerkers", latest_version: 1, versions: 1, active: true, builtin: "medewerkers-nl", answered: 0, audience: "staff" });
    backend();
    render(FormsList);
    const rows = await screen.findAllByTestId("form-row");
    expect(rows[0].textContent).toContain("Kinderopvang en basisschool");
    expect(rows[0].textContent).toContain("versie 2");
    // Who answers each form: the staff form is marked as such.
    expect(screen.getAllByTestId("form-audience").map((c) => c.textContent)).toEqual(["Kinderen en ouders", "Kinderen en ouders", "Medewerkers"]);
    expect(rows[0].textContent).toContain("12");
    const boxes = screen.getAllByTestId("form-active") as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, false, true]);
  });

  it("switches a form on, imports and exports", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(FormsList);
    await screen.findAllByTestId("form-row");
    await user.click(screen.getAllByTestId("form-active")[1]);
    await waitFor(() => expect((screen.getAllByTestId("form-active") as HTMLInputElement[])[1].checked).toBe(true));
    expect(callsTo(calls, "set_form_active")).toEqual([{ form: 2, active: true }]);

    await user.click(screen.getByTestId("form-import"));
    expect((await screen.findByRole("status")).textContent).toContain("ingelezen (versie 1)");

    await user.click(screen.getAllByTestId("form-export")[0]);
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("/home/office/formulier-1.toml"));
    expect(callsTo(calls, "export_form_file")).toEqual([{ form: 1, version: null }]);

    await user.click(screen.getAllByTestId("form-edit")[0]);
    expect(router.route).toEqual({ name: "form", id: 1 });
  });

  it("prints a blank form per row, once on a double click", async () => {
    const answer = deferred<FormPrintReport | null>();
    const calls = backend({ print_form: () => answer.promise });
    const user = userEvent.setup();
    render(FormsList);
    await screen.findAllByTestId("form-row");
    const buttons = () => screen.getAllByTestId("print-blank-form") as HTMLButtonElement[];
    expect(buttons()).toHaveLength(2);

    await user.dblClick(buttons()[1]);
    expect(callsTo(calls, "print_form")).toEqual([{ form: 2, target: { kind: "blank" } }]);
    expect(buttons().map((b) => b.disabled)).toEqual([true, true]);
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(["Blanco formulier", "Bezig…"]);

    answer.resolve({ out: "Formulieren/Toestemmingsformulier blanco.pdf", forms: 1, bytes: 12_000 });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Het blanco formulier is opgeslagen als Formulieren/Toestemmingsformulier blanco.pdf."));
    await waitFor(() => expect(buttons().map((b) => b.disabled)).toEqual([false, false]));
  });

  it("says nothing when the save dialog is closed, and shows a refusal", async () => {
    let answer: () => unknown = () => null;
    const calls = backend({ print_form: () => answer() });
    const user = userEvent.setup();
    render(FormsList);
    await user.click((await screen.findAllByTestId("print-blank-form"))[0]);
    await waitFor(() => expect(callsTo(calls, "print_form")).toEqual([{ form: 1, target: { kind: "blank" } }]));
    await waitFor(() => expect((screen.getAllByTestId("print-blank-form")[0] as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByTestId("error")).toBeNull();

    answer = () => {
      throw refuse("file.write", "Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
    };
    await user.click(screen.getAllByTestId("print-blank-form")[0]);
    expect((await screen.findByTestId("error")).textContent).toBe("Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
  });

  describe("measures for the privacy register", () => {
    it("says what the sheet is for, saves it once on a double click and names the file", async () => {
      const answer = deferred<string | null>();
      const calls = backend({ print_measures: () => answer.promise });
      const user = userEvent.setup();
      render(FormsList);
      await screen.findAllByTestId("form-row");
      const measures = screen.getByTestId("measures");
      expect(measures.textContent).toContain("technische en organisatorische maatregelen");
      const print = screen.getByTestId("print-measures") as HTMLButtonElement;
      expect(print.textContent).toBe("Maatregelen afdrukken (verwerkingsregister)");

      await user.dblClick(print);
      expect(callsTo(calls, "print_measures")).toHaveLength(1);
      expect(print.disabled).toBe(true);
      expect(print.textContent).toBe("Bezig…");

      answer.resolve("Register/Maatregelen Beeldakkoord.pdf");
      expect((await screen.findByTestId("print-done")).textContent?.trim()).toBe("De maatregelen zijn opgeslagen als Register/Maatregelen Beeldakkoord.pdf.");
      await waitFor(() => expect(print.disabled).toBe(false));
      expect(print.textContent).toBe("Maatregelen afdrukken (verwerkingsregister)");
      expect(callsTo(calls, "print_measures")).toHaveLength(1);
    });

    it("says nothing when the save dialog is closed, and shows a refusal as its message", async () => {
      let answer: () => unknown = () => null;
      const calls = backend({ print_measures: () => answer() });
      const user = userEvent.setup();
      render(FormsList);
      const print = (await screen.findByTestId("print-measures")) as HTMLButtonElement;
      await user.click(print);
      await waitFor(() => expect(callsTo(calls, "print_measures")).toHaveLength(1));
      await waitFor(() => expect(print.disabled).toBe(false));
      expect(screen.queryByTestId("print-done")).toBeNull();
      expect(screen.queryByTestId("print-error")).toBeNull();

      answer = () => {
        throw refuse("file.write", "Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
      };
      await user.click(print);
      expect((await screen.findByTestId("print-error")).textContent).toBe("Het bestand kon niet opgeslagen worden: de map is alleen-lezen.");
      expect(screen.queryByTestId("print-done")).toBeNull();
      // The forms list's own banner stays for the forms.
      expect(screen.queryByTestId("error")).toBeNull();
    });
  });
});
