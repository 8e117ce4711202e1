import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { FormContent } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go } from "../../lib/nav/router.svelte";
import { schoolForm, schoolVersion } from "../../test/fixtures";
import { callsTo, mockBackend, refuse, type Handler } from "../../test/ipc";
import FormEditor from "./FormEditor.svelte";

function backend(extra: Record<string, Handler> = {}) {
  let content: FormContent = schoolForm;
  let version = 2;
  return mockBackend({
    form: () => ({ ...schoolVersion, version, content }),
    form_versions: () => [{ ...schoolVersion, version_id: 10, version: 1 }, { ...schoolVersion, version_id: 11 + version, version, content }],
    save_form: (args) => {
      content = args.content as FormContent;
      version = 3;
      return { form: 3, version: 3, new_version: true };
    },
    ...extra,
  });
}

describe("FormEditor", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "form", id: 3 });
  });

  it("previews what a parent reads, live", async () => {
    backend();
    const user = userEvent.setup();
    render(FormEditor, { id: 3 });
    const preview = await screen.findByTestId("form-preview");
    expect(within(preview).getByTestId("preview-title").textContent).toBe(schoolForm.title);
    expect(within(preview).getByTestId("preview-text").textContent).toBe(schoolForm.text);
    expect(preview.textContent).toContain("Uw toestemming geldt tot het einde van dit schooljaar.");
    expect(within(preview).getAllByTestId("preview-question").map((q) => q.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "☐ Schoolkrant: Schoolactiviteiten",
      "☐ Sociale media: Promotie",
      "☐ Schoolkrant: Schoolactiviteiten",
    ]);

    const text = screen.getByTestId("editor-text");
    await user.clear(text);
    await user.type(text, "Nieuwe tekst voor ouders.");
    expect(within(preview).getByTestId("preview-text").textContent).toBe("Nieuwe tekst voor ouders.");

    const box = screen.getAllByTestId("editor-item").find((b) => b.getAttribute("data-item") === "individual/social/promotion")!;
    await user.click(box);
    expect(within(preview).getAllByTestId("preview-question")).toHaveLength(4);
  });

  it("warns that an answered form gets a new version and reports it after saving", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(FormEditor, { id: 3 });
    expect((await screen.findByTestId("editor-answered")).textContent).toContain("nieuwe versie");
    await user.type(screen.getByTestId("editor-title"), " (herzien)");
    await user.click(screen.getByTestId("editor-save"));
    expect((await screen.findByTestId("editor-message")).textContent).toContain("Dit formulier is al ingevuld; er is een nieuwe versie 3 gemaakt");
    const sent = callsTo(calls, "save_form");
    expect(sent).toHaveLength(1);
    expect(sent[0].form).toBe(3);
    expect(sent[0].content).toEqual({ ...schoolForm, title: `${schoolForm.title} (herzien)` });
  });

  it("says plainly saved when the unanswered version was corrected", async () => {
    backend({ save_form: () => ({ form: 3, version: 2, new_version: false }) });
    const user = userEvent.setup();
    render(FormEditor, { id: 3 });
    await user.click(await screen.findByTestId("editor-save"));
    expect((await screen.findByTestId("editor-message")).textContent).toBe("Opgeslagen (versie 2).");
  });

  it("creates a new form from scratch with keys filled in from the labels", async () => {
    const calls = mockBackend({
      create_form: () => ({ form: 9, version: 1, new_version: false }),
      form: () => ({ ...schoolVersion, form: 9, version: 1, answered: false }),
      form_versions: () => [],
    });
    const user = userEvent.setup();
    render(FormEditor, { id: null });
    await user.type(screen.getByTestId("editor-title"), "Sportdag");
    await user.type(screen.getByTestId("editor-text"), "Mogen we foto's maken?");
    await user.click(screen.getByTestId("term-until"));
    await user.type(screen.getByTestId("term-date"), "30-06-2027");
    const [pt, ch, pu] = ["photo-types", "channels", "purposes"].map((id) => screen.getByTestId(id));
    await user.type(within(pt).getByTestId("choice-nl"), "Groepsfoto");
    await user.type(within(pt).getByTestId("choice-en"), "Group photo");
    await user.type(within(ch).getByTestId("choice-nl"), "Website");
    await user.type(within(ch).getByTestId("choice-en"), "Website");
    await user.type(within(pu).getByTestId("choice-nl"), "Verslag");
    await user.type(within(pu).getByTestId("choice-en"), "Report");
    await user.click(screen.getByTestId("editor-item"));
    await user.click(screen.getByTestId("editor-save"));
    await waitFor(() => expect(callsTo(calls, "create_form")).toHaveLength(1));
    expect(callsTo(calls, "create_form")[0].content).toEqual({
      title: "Sportdag",
      text: "Mogen we foto's maken?",
      term: { kind: "until", date: "2027-06-30" },
      photo_types: [{ key: "groepsfoto", label: { nl: "Groepsfoto", en: "Group photo" } }],
      channels: [{ key: "website", label: { nl: "Website", en: "Website" } }],
      purposes: [{ key: "verslag", label: { nl: "Verslag", en: "Report" } }],
      items: [{ photo_type: "groepsfoto", channel: "website", purpose: "verslag" }],
    });
  });

  it("flags a bad key inline and shows the backend's validation message", async () => {
    backend({ save_form: () => { throw refuse("form.bad_key", "De sleutel 'Web' is ongeldig: gebruik alleen kleine letters a-z, cijfers en '-'."); } });
    const user = userEvent.setup();
    render(FormEditor, { id: 3 });
    const key = within(await screen.findByTestId("channels")).getAllByTestId("choice-key")[0];
    await user.clear(key);
    await user.type(key, "Web");
    expect(within(screen.getByTestId("channels")).getByText("Gebruik alleen kleine letters a-z, cijfers en '-'.")).toBeTruthy();
    await user.click(screen.getByTestId("editor-save"));
    expect((await screen.findByTestId("error")).textContent).toContain("De sleutel 'Web' is ongeldig");
  });
});
