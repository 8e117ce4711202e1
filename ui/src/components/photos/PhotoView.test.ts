import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Face, PersonLine, PhotoCheck, PhotoDetail, Tag } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go } from "../../lib/nav/router.svelte";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import { faceAt } from "../../test/fixtures";
import PhotoView from "./PhotoView.svelte";

// jsdom has no PointerEvent; a MouseEvent carries what the drawing reads (button, clientX/Y).
if (typeof globalThis.PointerEvent === "undefined") {
  class PointerEventPolyfill extends MouseEvent {
    pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
    }
  }
  globalThis.PointerEvent = PointerEventPolyfill as unknown as typeof PointerEvent;
}

const choices = {
  photo_types: [
    { key: "group", label: { nl: "Groepsfoto", en: "Group photo" } },
    { key: "class", label: { nl: "Klassenfoto", en: "Class photo" }, posed: true },
  ],
  channels: [
    { key: "website", label: { nl: "Website", en: "Website" } },
    { key: "social", label: { nl: "Sociale media", en: "Social media" } },
  ],
  purposes: [{ key: "information", label: { nl: "Ouders informeren", en: "Informing parents" } }],
};

const people = [
  { id: 1, name: "Daan Bakker", kind: "child", birth_date: "2017-05-02", leave_date: null, groups: ["Groep 5"] },
  { id: 2, name: "Noor Jansen", kind: "child", birth_date: "2017-05-02", leave_date: null, groups: ["Groep 5"] },
  { id: 3, name: "Sem Visser", kind: "child", birth_date: "2017-05-02", leave_date: null, groups: ["Groep 6"] },
];

const tag = (id: number, person: number | null, box: Tag["box"] = { x: 100, y: 100, w: 400, h: 400 }): Tag => ({
  id,
  person,
  person_name: people.find((p) => p.id === person)?.name ?? null,
  box,
  highlighted: false,
});

function detail(tags: Tag[] = [], over: Partial<PhotoDetail["photo"]> = {}): PhotoDetail {
  return {
    photo: {
      id: 5,
      hash: "ab",
      original_name: "IMG_0001.jpg",
      format: "jpeg",
      width: 4000,
      height: 3000,
      orientation: 1,
      taken_on: "2026-10-05",
      photo_type: "group",
      posed: true,
      imported_at: "2026-11-20T10:00:00",
      ...over,
    },
    faces: [],
    scanned: true,
    tags,
    publications: [],
  };
}

/** A line as the backend sends it: naming its tag, with `fine` and `fill` decided. */
const line = (tag: number, person: number | null, status: PersonLine["status"], rule: PersonLine["rule"], has_box = true): PersonLine => ({
  tag,
  fine: status === "consent" || status === "informed",
  fill: status !== "consent" && status !== "informed" && has_box,
  person,
  targeted: true,
  status,
  rule,
  record: status === "consent" ? 12 : null,
  form: status === "consent" ? 1 : null,
  form_version: status === "consent" ? 2 : null,
  notice: null,
  face: null,
  has_box,
});

const face = (n: number, state: Face["state"], person: number | null = null): Face =>
  faceAt(n, state, {
    person,
    person_name: people.find((p) => p.id === person)?.name ?? null,
    tag: person === null && state !== "unknown" ? null : 40 + n,
    reason: state === "dismissed" ? "not-recognisable" : null,
  });

function checkOf(outcome: PhotoCheck["verdict"]["outcome"], lines: PersonLine[], channel = "social"): PhotoCheck {
  // Every consent line rests on record 12: the second version of the school's form, signed by Tim Jansen.
  const consents = lines.some((l) => l.record === 12)
    ? [{ record: 12, withdrawal: false, form_title: "Toestemming beeldmateriaal 2026-2027", form_version: 2, date: "2026-09-01", signers: ["Tim Jansen", "Els Jansen"] }]
    : [];
  return { photo: 5, channel, purpose: "information", date: "2026-11-23", verdict: { outcome, nobody_tagged: lines.length === 0, people: lines }, consents, notices: [] };
}

function backend(d: PhotoDetail, extra: Record<string, Handler> = {}) {
  return mockBackend({ photo_detail: () => d, photo_choices: () => choices, people: () => people, ...extra });
}

async function chooseUse(channel: string) {
  await userEvent.selectOptions(await screen.findByTestId("use-channel"), channel);
  await userEvent.selectOptions(screen.getByTestId("use-purpose"), "information");
}

describe("PhotoView", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "photo", id: 5 });
  });
  afterEach(() => vi.restoreAllMocks());

  it("shows the photo, its type and who is tagged", async () => {
    backend(detail([tag(10, 1), tag(11, null)]));
    render(PhotoView, { id: 5 });
    await waitFor(() => expect(screen.getByTestId("photo-title").textContent).toContain("IMG_0001.jpg"));
    expect((screen.getByTestId("photo-image") as HTMLImageElement).src).toBe("photo://localhost/preview/5");
    expect((screen.getByTestId("photo-type") as HTMLSelectElement).value).toBe("group");
    expect((screen.getByTestId("photo-posed") as HTMLInputElement).checked).toBe(true);
    const rows = screen.getAllByTestId("tag-row");
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining("Daan Bakker"), expect.stringContaining("Onbekend")]);
    expect(screen.getAllByTestId("photo-box")).toHaveLength(2);
    expect(screen.getByTestId("targeted-help").textContent).toContain("klasfoto");
  });

  it("asks the backend for the verdict of a use and shows it in words, marking the boxes to fill", async () => {
    const calls = backend(detail([tag(10, 1), tag(11, 2)]), {
      check_photo: (a) =>
        a.channel === "website"
          ? checkOf("allowed", [line(10, 1, "consent", "consent-granted"), line(11, 2, "consent", "consent-granted")], "website")
          : checkOf("anonymise", [line(10, 1, "consent", "consent-granted"), line(11, 2, "denied", "consent-denied")]),
    });
    render(PhotoView, { id: 5 });
    await chooseUse("website");
    await waitFor(() => expect(screen.getByTestId("verdict").getAttribute("data-outcome")).toBe("allowed"));
    expect(screen.getByTestId("verdict-outcome").textContent).toContain("Ja, deze foto mag");
    expect(screen.queryAllByTestId("photo-box").filter((b) => b.classList.contains("blur"))).toHaveLength(0);

    await userEvent.selectOptions(screen.getByTestId("use-channel"), "social");
    await waitFor(() => expect(screen.getByTestId("verdict").getAttribute("data-outcome")).toBe("anonymise"));
    const lines = screen.getAllByTestId("verdict-line");
    expect(lines[1].getAttribute("data-status")).toBe("denied");
    expect(lines[1].textContent).toContain("Noor Jansen");
    expect(lines[1].textContent).toContain("'nee' gekozen");
    expect(lines[1].textContent).toContain("wordt onherkenbaar gemaakt");
    // The line names the paper: the form's title and version, its date and who signed.
    expect(within(lines[0]).getByTestId("verdict-source").textContent).toBe("Toestemming beeldmateriaal 2026-2027 (versie 2), 01-09-2026, getekend door Tim Jansen en Els Jansen");
    const blurred = screen.getAllByTestId("photo-box").filter((b) => b.classList.contains("blur"));
    expect(blurred.map((b) => b.getAttribute("data-tag-id"))).toEqual(["11"]);
    expect(callsTo(calls, "check_photo").at(-1)).toEqual({ photo: 5, channel: "social", purpose: "information", date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it("says plainly that a photo without tags is never allowed, and offers no export", async () => {
    backend(detail([]), { check_photo: () => checkOf("blocked", []) });
    render(PhotoView, { id: 5 });
    await chooseUse("website");
    expect((await screen.findByTestId("verdict-nobody")).textContent).toContain("nooit goedgekeurd");
    expect(screen.queryByTestId("export")).toBeNull();
    expect(screen.queryByTestId("publish")).toBeNull();
  });

  it("turns a drag on the photo into a box in photo pixels and tags the chosen person", async () => {
    const calls = backend(detail([]), { tag_photo: () => [tag(20, 3, { x: 1000, y: 750, w: 1000, h: 750 })] });
    render(PhotoView, { id: 5 });
    const img = await screen.findByTestId("photo-image");
    // The 4000×3000 photo shown at 800×600.
    vi.spyOn(img, "getBoundingClientRect").mockReturnValue({ left: 0, top: 0, width: 800, height: 600, right: 800, bottom: 600, x: 0, y: 0, toJSON: () => ({}) });
    const surface = img.parentElement!;
    await fireEvent.pointerDown(surface, { button: 0, clientX: 200, clientY: 150, pointerId: 1 });
    await fireEvent.pointerMove(surface, { clientX: 400, clientY: 300, pointerId: 1 });
    await fireEvent.pointerUp(surface, { clientX: 400, clientY: 300, pointerId: 1 });
    expect(await screen.findByTestId("pending-box")).toBeTruthy();

    await userEvent.type(screen.getByTestId("new-box-search"), "sem");
    await userEvent.click(await screen.findByTestId("person-option"));
    await waitFor(() => expect(screen.queryByTestId("new-box")).toBeNull());
    expect(callsTo(calls, "tag_photo")).toEqual([{ photo: 5, person: 3, area: { x: 1000, y: 750, w: 1000, h: 750 }, highlighted: false }]);
    expect(screen.getAllByTestId("tag-row")[0].textContent).toContain("Sem Visser");
  });

  it("marks a face nobody recognises as unknown, and names it later in one step", async () => {
    const calls = backend(detail([]), {
      mark_unknown: () => [tag(30, null, { x: 0, y: 0, w: 500, h: 500 })],
      identify_box: () => [tag(31, 2, { x: 0, y: 0, w: 500, h: 500 })],
    });
    render(PhotoView, { id: 5 });
    const img = await screen.findByTestId("photo-image");
    vi.spyOn(img, "getBoundingClientRect").mockReturnValue({ left: 0, top: 0, width: 800, height: 600, right: 800, bottom: 600, x: 0, y: 0, toJSON: () => ({}) });
    const surface = img.parentElement!;
    await fireEvent.pointerDown(surface, { button: 0, clientX: 0, clientY: 0 });
    await fireEvent.pointerUp(surface, { clientX: 100, clientY: 100 });
    await userEvent.click(await screen.findByTestId("new-box-unknown"));
    expect(callsTo(calls, "mark_unknown")).toEqual([{ photo: 5, area: { x: 0, y: 0, w: 500, h: 500 } }]);

    await userEvent.click(await screen.findByTestId("photo-box"));
    await userEvent.type(await screen.findByTestId("identify-search"), "noor");
    await userEvent.click(await screen.findByTestId("person-option"));
    expect(callsTo(calls, "identify_box")).toEqual([{ photo: 5, tag: 30, person: 2, highlighted: false }]);
    await waitFor(() => expect(screen.getAllByTestId("tag-row")[0].textContent).toContain("Noor Jansen"));
  });

  it("reviews the faces found on the device one after the other, and counts the rest in the verdict", async () => {
    let faces = [face(1, "suggested"), face(2, "suggested"), face(3, "suggested")];
    let tags: Tag[] = [];
    const d = () => ({ ...detail(tags), faces });
    const calls = backend(d(), {
      photo_detail: () => d(),
      name_face: (a) => {
        tags = [tag(41, a.person as number, faces[0].box)];
        faces = [face(1, "named", a.person as number), face(2, "suggested"), face(3, "suggested")];
        return faces;
      },
      dismiss_face: () => {
        faces = [faces[0], face(2, "dismissed"), face(3, "suggested")];
        return faces;
      },
      check_photo: () => ({
        ...checkOf("anonymise", [line(41, 1, "consent", "consent-granted"), { ...line(0, null, "unidentified", "face-not-identified"), tag: null, face: 3 }], "website"),
        verdict: {
          outcome: "anonymise",
          nobody_tagged: false,
          unidentified_faces: 1,
          people: [line(41, 1, "consent", "consent-granted"), { ...line(0, null, "unidentified", "face-not-identified"), tag: null, face: 3 }],
        },
      }),
    });
    render(PhotoView, { id: 5 });
    expect((await screen.findByTestId("faces-summary")).textContent).toContain("3 gezichten gevonden, 3 nog niet benoemd");
    expect(screen.getAllByTestId("face-box")).toHaveLength(3);

    // Face 1 is Daan: named with the type-ahead; the panel moves on to face 2.
    await userEvent.click(screen.getAllByTestId("face-box")[0]);
    await userEvent.type(await screen.findByTestId("face-name-search"), "daan");
    await userEvent.click(await screen.findByTestId("person-option"));
    expect(callsTo(calls, "name_face")).toEqual([{ photo: 5, face: 1, person: 1, highlighted: false }]);
    await waitFor(() => expect(screen.getByTestId("face-review").getAttribute("data-face")).toBe("2"));
    // The named face is now Daan's tag: its box is the tag's, not a face box of its own.
    await waitFor(() => expect(screen.getAllByTestId("tag-row")[0].textContent).toContain("Daan Bakker"));
    expect(screen.getAllByTestId("face-box").map((b) => b.getAttribute("data-face"))).toEqual(["2", "3"]);

    // Right after the move, a click is the second half of a double click: ignored.
    await userEvent.click(screen.getByTestId("face-not-recognisable"));
    expect(callsTo(calls, "dismiss_face")).toEqual([]);
    // Face 2, a moment later: seen from behind. A double click dismisses once, not face 3 too.
    await new Promise((r) => setTimeout(r, 600));
    await userEvent.dblClick(screen.getByTestId("face-not-recognisable"));
    expect(callsTo(calls, "dismiss_face")).toEqual([{ photo: 5, face: 2, reason: { kind: "not-recognisable" } }]);
    await waitFor(() => expect(screen.getByTestId("face-review").getAttribute("data-face")).toBe("3"));
    expect((screen.getByTestId("face-too-small") as HTMLButtonElement).disabled).toBe(true);

    // The verdict counts the one face left and marks it to be filled.
    await chooseUse("website");
    await waitFor(() => expect(screen.getByTestId("verdict-faces").textContent).toContain("1 gezicht is nog niet geïdentificeerd"));
    await waitFor(() => expect(screen.getAllByTestId("face-box").filter((b) => b.classList.contains("blur")).map((b) => b.getAttribute("data-face"))).toEqual(["3"]));
  });

  it("offers the backend's suggestion for a face and names it only on a click", async () => {
    let faces = [face(1, "suggested"), face(2, "suggested")];
    faces[0] = { ...faces[0], suggestions: [{ person: 2, name: "Noor Jansen", score: 0.68, photos: 3 }] };
    const calls = backend({ ...detail([]), faces }, {
      name_face: (a) => {
        faces = [face(1, "named", a.person as number), face(2, "suggested")];
        return faces;
      },
    });
    render(PhotoView, { id: 5 });
    await userEvent.click((await screen.findAllByTestId("face-box"))[0]);
    const offer = await screen.findByTestId("face-suggestion");
    expect(screen.getByTestId("face-suggestions").textContent).toContain("Waarschijnlijk:");
    expect(offer.textContent).toBe("Noor Jansen (3 eerdere foto's)");
    // Shown is not applied: nothing was named until the click.
    expect(callsTo(calls, "name_face")).toEqual([]);
    await userEvent.click(offer);
    expect(callsTo(calls, "name_face")).toEqual([{ photo: 5, face: 1, person: 2, highlighted: false }]);
    // Face 2 has no suggestion: only the type-ahead.
    await waitFor(() => expect(screen.getByTestId("face-review").getAttribute("data-face")).toBe("2"));
    expect(screen.queryByTestId("face-suggestions")).toBeNull();
  });

  it("says when the photo still waits for the face scan", async () => {
    backend({ ...detail([]), scanned: false });
    render(PhotoView, { id: 5 });
    expect((await screen.findByTestId("faces-not-scanned")).textContent).toContain("nog doorzocht");
  });

  it("shows the backend's refusal when a person left before the photo was taken", async () => {
    backend(detail([]), { tag_photo: () => Promise.reject(refuse("photo.person_left", "Sem Visser is vertrokken op 01-09-2026, vóór deze foto.")) });
    render(PhotoView, { id: 5 });
    await userEvent.click(await screen.findByTestId("tag-without-box"));
    await userEvent.type(screen.getByTestId("nobox-search"), "sem");
    await userEvent.click(await screen.findByTestId("person-option"));
    expect((await screen.findByTestId("error")).textContent).toContain("vertrokken");
    expect(screen.getByTestId("no-tags")).toBeTruthy();
  });

  it("saves the type and posed flag", async () => {
    const calls = backend(detail([], { photo_type: null, posed: false }), {
      set_photo: (a) => ({ ...detail().photo, photo_type: (a.photoType as string) ?? "group", posed: (a.posed as boolean) ?? false }),
    });
    render(PhotoView, { id: 5 });
    await userEvent.selectOptions(await screen.findByTestId("photo-type"), "group");
    await waitFor(() => expect(callsTo(calls, "set_photo")).toEqual([{ photo: 5, photoType: "group", posed: null }]));
    await userEvent.click(screen.getByTestId("photo-posed"));
    await waitFor(() => expect(callsTo(calls, "set_photo")[1]).toEqual({ photo: 5, photoType: null, posed: true }));
  });

  it("shows a photo of a posed type as posed, and its box cannot say otherwise", async () => {
    backend(detail([], { photo_type: "class", posed: false }));
    render(PhotoView, { id: 5 });
    const box = (await screen.findByTestId("photo-posed")) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    expect(box.disabled).toBe(true);
    expect(screen.getByTestId("posed-by-type").textContent).toContain("altijd geposeerd");
    expect(box.getAttribute("aria-describedby")).toBe("posed-by-type");
  });

  it("exports an anonymised copy and records the publication once, even on a double click", async () => {
    const pending = deferred<number>();
    let d = detail([tag(10, 1), tag(11, 2)]);
    const calls = backend(d, {
      photo_detail: () => d,
      check_photo: () => checkOf("anonymise", [line(10, 1, "consent", "consent-granted"), line(11, 2, "denied", "consent-denied")]),
      export_photo_file: () => ({ out: "/home/juf/foto-5-social.jpg", verdict: checkOf("anonymise", []).verdict, anonymised: 1 }),
      add_publication: () => pending.promise,
    });
    render(PhotoView, { id: 5 });
    await chooseUse("social");
    await userEvent.click(await screen.findByTestId("export"));
    expect((await screen.findByTestId("verdict-message")).textContent).toContain("/home/juf/foto-5-social.jpg; 1 persoon onherkenbaar gemaakt");
    expect(callsTo(calls, "export_photo_file")).toEqual([{ photo: 5, channel: "social", purpose: "information", date: expect.any(String) }]);

    await userEvent.type(screen.getByTestId("publish-place"), "Facebookpagina");
    const button = screen.getByTestId("publish");
    await userEvent.dblClick(button);
    expect(callsTo(calls, "add_publication")).toHaveLength(1);
    expect(callsTo(calls, "add_publication")[0]).toMatchObject({ photo: 5, channel: "social", purpose: "information", place: "Facebookpagina" });
    d = { ...d, publications: [{ id: 40, photo: 5, channel: "social", purpose: "information", place: "Facebookpagina", published_on: "2026-11-23", outcome: "anonymise", removed_on: null }] };
    pending.resolve(40);
    const row = await screen.findByTestId("publication-row");
    expect(within(row).getByText(/Facebookpagina/)).toBeTruthy();
    expect(row.textContent).toContain("oordeel bij plaatsing: toegestaan na onherkenbaar maken");
    expect(screen.getByTestId("verdict-message").textContent).toContain("vastgelegd");
  });

  it("marks a publication as taken down on the chosen date", async () => {
    const d = detail([tag(10, 1)]);
    d.publications = [{ id: 40, photo: 5, channel: "website", purpose: "information", place: "Nieuwsbrief", published_on: "2026-10-01", outcome: "allowed", removed_on: null }];
    const calls = backend(d, { remove_publication: () => null });
    render(PhotoView, { id: 5 });
    await userEvent.click(await screen.findByTestId("publication-remove"));
    const date = screen.getByTestId("publication-remove-date") as HTMLInputElement;
    await fireEvent.input(date, { target: { value: "02-11-2026" } });
    await userEvent.click(screen.getByTestId("publication-remove-confirm"));
    await waitFor(() => expect(callsTo(calls, "remove_publication")).toEqual([{ publication: 40, date: "2026-11-02" }]));
  });
});
