import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import type { Channel } from "@tauri-apps/api/core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportProgress, PhotoFilter, ImportReport, PhotoPage, PhotoSummary } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import type { FileDrag } from "../../lib/photos/dragdrop";
import { forgetLibraryView } from "../../lib/photos/gridPages.svelte";
import { photoImport } from "../../lib/photos/importRun.svelte";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import PhotoLibrary from "./PhotoLibrary.svelte";

// Tauri's drag events do not exist in jsdom: the test plays the window.
const drag = vi.hoisted(() => ({ listener: null as ((e: FileDrag) => void) | null, stopped: 0 }));
vi.mock("../../lib/photos/dragdrop", () => ({
  onFileDrag: (listener: (e: FileDrag) => void) => {
    drag.listener = listener;
    return () => void drag.stopped++;
  },
}));

/** Photo number `i` of the library, newest first; ids count down so they differ from positions. */
const photoAt = (i: number): PhotoSummary => ({
  id: 20_000 - i,
  hash: `hash${i}`,
  name: `IMG_${String(i).padStart(5, "0")}.jpg`,
  date: "2026-03-14",
  photo_type: "group",
  posed: false,
  tags: 2,
  unknown_boxes: 0,
  faces: 0,
  scanned: true,
  unchecked: false,
  people: ["Anna de Wit", "Bram Smit"],
  published: [],
});
const pageOf = (total: number, f: PhotoFilter): PhotoPage => ({
  total,
  photos: Array.from({ length: Math.max(0, Math.min(f.limit, total - f.offset)) }, (_, k) => photoAt(f.offset + k)),
});

function backend(total = 10_000, extra: Record<string, Handler> = {}) {
  return mockBackend({
    groups: () => [{ id: 1, name: "Groep 5", members: 24 }, { id: 2, name: "Groep 6", members: 27 }],
    people: () => [
      { id: 7, name: "Lotte van Dijk", kind: "child", groups: ["Groep 5"], birth_date: null, leave_date: null },
      { id: 8, name: "Noor Jansen", kind: "child", groups: ["Groep 6"], birth_date: null, leave_date: null },
    ],
    photos: ({ filter }) => pageOf(total, filter as PhotoFilter),
    ...extra,
  });
}

type Calls = ReturnType<typeof backend>;
const filters = (calls: Calls) => callsTo(calls, "photos").map((a) => a.filter as PhotoFilter);
const offsets = (calls: Calls) => filters(calls).map((f) => f.offset);
const cells = () => screen.queryAllByTestId("photo-cell");
const ids = () => cells().map((c) => Number(c.getAttribute("data-photo-id")));
const unfiltered = { group: null, from: null, to: null, unchecked: false, untagged: false, person: null };

/** What the Rust side does with the import's Channel: numbered messages through the IPC callback. */
function sendProgress(channel: unknown, index: number, message: ImportProgress) {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } }).__TAURI_INTERNALS__;
  internals.runCallback((channel as Channel<ImportProgress>).id, { index, message });
}

const report: ImportReport = {
  imported: [
    { id: 20_001, hash: "n1", new: true, name: "IMG_0001.jpg" },
    { id: 20_002, hash: "n2", new: true, name: "IMG_0002.jpg" },
    { id: 19_990, hash: "o1", new: false, name: "IMG_0003.jpg" },
  ],
  failed: [{ name: "kapot.jpg", code: "photo.corrupt", message: "Dit bestand is geen leesbare foto (afgebroken JPEG)." }],
  cancelled: false,
};

/** An import the test ends itself; `channel` is what the window passed as onProgress. */
function importing() {
  const run = deferred<ImportReport>();
  const seen: { channel: unknown } = { channel: null };
  const handler: Handler = (args) => {
    seen.channel = args.onProgress;
    return run.promise;
  };
  return { run, seen, handler };
}

describe("PhotoLibrary", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "photos" });
    photoImport.forget();
    forgetLibraryView();
    drag.listener = null;
    drag.stopped = 0;
  });

  it("shows the total of 10 000 photos but draws and fetches only what is in view", async () => {
    const calls = backend();
    render(PhotoLibrary);
    await waitFor(() => expect(cells().length).toBeGreaterThan(0));
    expect(screen.getByTestId("photo-total").textContent?.trim()).toBe("10\u00a0000 foto's");
    // jsdom has no layout: 5 columns and a 600 px view, so rows 0-2 plus 2 rows of overscan.
    expect(cells()).toHaveLength(25);
    expect(ids().slice(0, 3)).toEqual([20_000, 19_999, 19_998]);
    expect(screen.getByTestId("photo-grid-inner").style.height).toBe(`${2000 * 200}px`);
    expect(filters(calls)).toEqual([{ ...unfiltered, offset: 0, limit: 200 }]);
  });

  it("fetches the page of a scrolled-to range once, with grey cells until it arrives", async () => {
    const page2 = deferred<PhotoPage>();
    const calls = backend(10_000, {
      photos: ({ filter }) => {
        const f = filter as PhotoFilter;
        return f.offset === 400 ? page2.promise : pageOf(10_000, f);
      },
    });
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(25));
    const grid = screen.getByTestId("photo-grid");

    // Row 100 of 2 000 at the top: photos 490-524 with overscan, all on page 2.
    grid.scrollTop = 20_000;
    await fireEvent.scroll(grid);
    await waitFor(() => expect(offsets(calls)).toEqual([0, 400]));
    expect(cells()).toHaveLength(0);
    expect(screen.getAllByTestId("photo-placeholder")).toHaveLength(35);

    grid.scrollTop = 20_100;
    await fireEvent.scroll(grid);
    grid.scrollTop = 20_050;
    await fireEvent.scroll(grid);
    expect(offsets(calls)).toEqual([0, 400]);

    page2.resolve(pageOf(10_000, { ...unfiltered, offset: 400, limit: 200 }));
    await waitFor(() => expect(cells().length).toBeGreaterThan(0));
    expect(cells().length).toBeLessThan(200);
    expect(ids()[0]).toBe(20_000 - 490);
    expect(screen.queryAllByTestId("photo-placeholder")).toHaveLength(0);
    expect(offsets(calls)).toEqual([0, 400]);
  });

  it("shows each photo's thumbnail, date and what still needs doing", async () => {
    const photos: PhotoSummary[] = [
      { ...photoAt(0), photo_type: null, tags: 0, unchecked: true, people: [] },
      { ...photoAt(1), tags: 4, unknown_boxes: 1, date: "2025-12-01", people: ["Anna de Wit", "Bram Smit", "Cas Pauwels"], published: ["website"] },
      { ...photoAt(2), tags: 1, people: ["Noor Jansen"] },
    ];
    backend(3, { photos: () => ({ total: 3, photos }) });
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(3));
    expect(screen.getByTestId("photo-total").textContent?.trim()).toBe("3 foto's");
    const [todo, unknown, done] = cells();
    expect(within(todo).getByTestId("badge-unchecked").textContent).toBe("niet nagekeken");
    expect(within(todo).getByTestId("cell-names").textContent).toBe("");
    expect(todo.textContent).toContain("14-03-2026");
    expect(within(unknown).getByTestId("badge-unknown").textContent).toBe("1 onbekend");
    // Who is on it by name (two, then a count), and whether it is online now.
    expect(within(unknown).getByTestId("cell-names").textContent).toBe("Anna de Wit, Bram Smit en 1 ander");
    expect(within(unknown).getByTestId("badge-online").textContent).toBe("online");
    expect(within(todo).queryByTestId("badge-online")).toBeNull();
    expect(unknown.textContent).toContain("01-12-2025");
    expect(within(done).queryByTestId("badge-unchecked")).toBeNull();
    expect(within(done).getByTestId("cell-names").textContent).toBe("Noor Jansen");
    const img = within(done).getByRole("img");
    expect(img.getAttribute("src")).toMatch(/thumb\/19998$/);
    expect(img.getAttribute("alt")).toBe("IMG_00002.jpg");
    expect(img.getAttribute("loading")).toBe("lazy");
    expect(img.getAttribute("decoding")).toBe("async");
  });

  it("opens a photo from its cell", async () => {
    backend();
    const user = userEvent.setup();
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(25));
    await user.click(cells()[6]);
    expect(router.route).toEqual({ name: "photo", id: 19_994 });
  });

  it("moves between cells with the arrow keys and End, fetching the last page", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(25));
    cells()[0].focus();
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement?.getAttribute("data-index")).toBe("1");
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement?.getAttribute("data-index")).toBe("6");
    await user.keyboard("{End}");
    await waitFor(() => expect(document.activeElement?.getAttribute("data-index")).toBe("9999"));
    expect(document.activeElement?.getAttribute("data-photo-id")).toBe(String(20_000 - 9999));
    expect(offsets(calls)).toEqual([0, 9800]);
    await user.keyboard("{Enter}");
    expect(router.route).toEqual({ name: "photo", id: 20_000 - 9999 });
  });

  it("sends every filter and reloads from the first page", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(PhotoLibrary);
    await screen.findByRole("option", { name: "Groep 6" });

    await user.selectOptions(screen.getByTestId("filter-group"), "Groep 5");
    await waitFor(() => expect(filters(calls).at(-1)).toEqual({ ...unfiltered, group: "Groep 5", offset: 0, limit: 200 }));
    const from = screen.getByTestId("filter-from") as HTMLInputElement;
    await user.type(from, "01-01-2026");
    await user.type(screen.getByTestId("filter-to"), "30-06-2026");
    await user.click(screen.getByTestId("filter-unchecked"));
    await user.click(screen.getByTestId("filter-untagged"));
    await waitFor(() =>
      expect(filters(calls).at(-1)).toEqual({ group: "Groep 5", from: "2026-01-01", to: "2026-06-30", unchecked: true, untagged: true, person: null, offset: 0, limit: 200 }),
    );
    // "From" cannot pass "to": said in words, and not sent.
    await user.clear(from);
    await user.type(from, "01-07-2026");
    await user.tab();
    expect(from.validationMessage).toBe("Kies 30-06-2026 of eerder.");
    await waitFor(() => expect(filters(calls).at(-1)?.from).toBeNull());
    await user.clear(from);
    await user.type(from, "01-01-2026");
    await waitFor(() => expect(filters(calls).at(-1)?.from).toBe("2026-01-01"));

    // Half a date in "to" asks for nothing; "clear" empties it as well.
    const sent = filters(calls).length;
    await user.clear(screen.getByTestId("filter-to"));
    await waitFor(() => expect(filters(calls).at(-1)?.to).toBeNull());
    await user.type(screen.getByTestId("filter-to"), "30-06-20");
    expect(filters(calls)).toHaveLength(sent + 1);

    await user.click(screen.getByTestId("filter-clear"));
    await waitFor(() => expect(filters(calls).at(-1)).toEqual({ ...unfiltered, offset: 0, limit: 200 }));
    expect((screen.getByTestId("filter-group") as HTMLSelectElement).value).toBe("");
    expect(screen.queryByTestId("filter-clear")).toBeNull();
    expect(from.value).toBe("");
    expect((screen.getByTestId("filter-to") as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("filter-to").getAttribute("aria-invalid")).toBeNull();
  });

  it("narrows the library to one person found by part of the name", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(25));
    await user.type(screen.getByTestId("filter-person"), "lot");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(filters(calls).at(-1)).toEqual({ ...unfiltered, person: 7, offset: 0, limit: 200 }));
    expect(screen.getByTestId("filter-person-chosen").textContent).toContain("Lotte van Dijk");
    await user.click(screen.getByTestId("filter-person-clear"));
    await waitFor(() => expect(filters(calls).at(-1)).toEqual({ ...unfiltered, offset: 0, limit: 200 }));
    expect(screen.getByTestId("filter-person")).toBeTruthy();
  });

  it("shows only the answer to the latest filter", async () => {
    const slow = deferred<PhotoPage>();
    backend(10_000, {
      photos: ({ filter }) => {
        const f = filter as PhotoFilter;
        if (f.group === "Groep 5") return slow.promise;
        if (f.group === "Groep 6") return { total: 2, photos: [photoAt(7), photoAt(9)] };
        return pageOf(10_000, f);
      },
    });
    const user = userEvent.setup();
    render(PhotoLibrary);
    await screen.findByRole("option", { name: "Groep 6" });
    await user.selectOptions(screen.getByTestId("filter-group"), "Groep 5");
    await user.selectOptions(screen.getByTestId("filter-group"), "Groep 6");
    await waitFor(() => expect(ids()).toEqual([20_000 - 7, 20_000 - 9]));
    slow.resolve({ total: 50, photos: [photoAt(1)] });
    await new Promise((r) => setTimeout(r, 10));
    expect(ids()).toEqual([20_000 - 7, 20_000 - 9]);
    expect(screen.getByTestId("photo-total").textContent?.trim()).toBe("2 foto's");
  });

  it("imports chosen files with progress, then reports new, known and failed files and reloads", async () => {
    const imp = importing();
    const paths = ["/home/juf/Afbeeldingen/IMG_0001.jpg", "/home/juf/Afbeeldingen/kapot.jpg"];
    const calls = backend(10_000, { pick_photos: () => paths, import_photos: imp.handler });
    const user = userEvent.setup();
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(25));

    await user.click(screen.getByTestId("photo-pick-files"));
    const progress = await screen.findByTestId("import-progress");
    expect(callsTo(calls, "pick_photos")).toEqual([{ folder: false }]);
    expect(callsTo(calls, "import_photos").map((a) => a.paths)).toEqual([paths]);
    sendProgress(imp.seen.channel, 0, { done: 12, total: 200, current: "IMG_0012.jpg" });
    await waitFor(() => expect(screen.getByTestId("import-progress-text").textContent).toBe("12 van 200 — IMG_0012.jpg"));
    const bar = progress.querySelector("progress")!;
    expect(bar.value).toBe(12);
    expect(bar.max).toBe(200);

    // The rest of the screen works; only a second import is not started.
    expect((screen.getByTestId("photo-pick-files") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("photo-pick-folder") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("filter-group") as HTMLSelectElement).disabled).toBe(false);
    expect(cells()).toHaveLength(25);

    imp.run.resolve(report);
    const done = await screen.findByTestId("import-report");
    expect(screen.queryByTestId("import-progress")).toBeNull();
    expect(done.textContent).toContain("Klaar met inlezen");
    expect(screen.getByTestId("import-added").textContent).toBe("2 nieuwe foto's toegevoegd");
    expect(screen.getByTestId("import-already").textContent).toBe("1 foto stond al in de bibliotheek");
    expect(done.textContent).toContain("1 bestand kon niet ingelezen worden:");
    const failed = within(screen.getByTestId("import-failed")).getAllByRole("listitem");
    expect(failed.map((li) => li.textContent)).toEqual(["kapot.jpg: Dit bestand is geen leesbare foto (afgebroken JPEG)."]);
    await waitFor(() => expect(offsets(calls)).toEqual([0, 0]));
    expect((screen.getByTestId("photo-pick-files") as HTMLButtonElement).disabled).toBe(false);

    await user.click(within(done).getByRole("button", { name: "Sluiten" }));
    expect(screen.queryByTestId("import-report")).toBeNull();
  });

  it("stops an import on request and says what got in", async () => {
    const imp = importing();
    const calls = backend(10_000, { pick_photos: () => ["/home/juf/Schoolreis"], import_photos: imp.handler, cancel_import: () => null });
    const user = userEvent.setup();
    render(PhotoLibrary);
    await user.click(screen.getByTestId("photo-pick-folder"));
    await screen.findByTestId("import-progress");
    expect(callsTo(calls, "pick_photos")).toEqual([{ folder: true }]);

    await user.click(screen.getByTestId("import-cancel"));
    expect(await screen.findByTestId("import-stopping")).toBeTruthy();
    expect(screen.getByTestId("import-stopping").textContent).toBe("Bezig met stoppen na het huidige bestand…");
    expect((screen.getByTestId("import-cancel") as HTMLButtonElement).disabled).toBe(true);
    expect(callsTo(calls, "cancel_import")).toHaveLength(1);

    imp.run.resolve({ imported: [report.imported[0]], failed: [], cancelled: true });
    const done = await screen.findByTestId("import-report");
    expect(done.textContent).toContain("Het inlezen is gestopt");
    expect(screen.getByTestId("import-added").textContent).toBe("1 nieuwe foto toegevoegd");
    expect(screen.queryByTestId("import-failed")).toBeNull();
  });

  it("shows the backend's refusal when an import runs already", async () => {
    backend(10_000, {
      pick_photos: () => ["/home/juf/a.jpg"],
      import_photos: () => {
        throw refuse("photo.import_busy", "Er worden al foto's ingelezen.");
      },
    });
    const user = userEvent.setup();
    render(PhotoLibrary);
    await user.click(screen.getByTestId("photo-pick-files"));
    expect((await screen.findByTestId("error")).textContent).toBe("Er worden al foto's ingelezen.");
  });

  it("does nothing when the file dialog is cancelled", async () => {
    const calls = backend(10_000, { pick_photos: () => [] });
    const user = userEvent.setup();
    render(PhotoLibrary);
    await user.click(screen.getByTestId("photo-pick-files"));
    await waitFor(() => expect(callsTo(calls, "pick_photos")).toHaveLength(1));
    expect(callsTo(calls, "import_photos")).toHaveLength(0);
    expect(screen.queryByTestId("import-progress")).toBeNull();
  });

  it("highlights the window while files are dragged over it and imports what is dropped", async () => {
    const imp = importing();
    const calls = backend(10_000, { import_photos: imp.handler });
    const { unmount } = render(PhotoLibrary);
    await waitFor(() => expect(drag.listener).not.toBeNull());
    expect(screen.queryByTestId("drop-zone")).toBeNull();

    drag.listener!({ type: "enter" });
    expect((await screen.findByTestId("drop-zone")).textContent).toContain("Laat los om de foto's in te lezen");
    drag.listener!({ type: "leave" });
    await waitFor(() => expect(screen.queryByTestId("drop-zone")).toBeNull());

    drag.listener!({ type: "enter" });
    drag.listener!({ type: "drop", paths: ["/home/juf/Schoolfeest", "/home/juf/IMG_9.jpg"] });
    await screen.findByTestId("import-progress");
    expect(screen.queryByTestId("drop-zone")).toBeNull();
    expect(callsTo(calls, "import_photos").map((a) => a.paths)).toEqual([["/home/juf/Schoolfeest", "/home/juf/IMG_9.jpg"]]);

    // A second drop during the import is refused in words and not started.
    drag.listener!({ type: "over" });
    expect((await screen.findByTestId("drop-zone")).textContent).toContain("Er worden al foto's ingelezen");
    drag.listener!({ type: "drop", paths: ["/home/juf/Anders"] });
    imp.run.resolve(report);
    await screen.findByTestId("import-report");
    expect(callsTo(calls, "import_photos")).toHaveLength(1);

    unmount();
    expect(drag.stopped).toBe(1);
  });

  it("explains how to add photos to an empty library", async () => {
    backend(0);
    render(PhotoLibrary);
    const empty = await screen.findByTestId("photo-empty");
    expect(empty.textContent).toContain("Er staan nog geen foto's in de bibliotheek.");
    expect(empty.textContent).toContain("Map kiezen");
    expect(screen.getByTestId("photo-total").textContent?.trim()).toBe("0 foto's");
    expect(screen.queryByTestId("photo-grid")).toBeNull();
  });

  it("says no photo matches when a filter leaves none", async () => {
    backend(10_000, { photos: ({ filter }) => ((filter as PhotoFilter).untagged ? { total: 0, photos: [] } : pageOf(10_000, filter as PhotoFilter)) });
    const user = userEvent.setup();
    render(PhotoLibrary);
    await waitFor(() => expect(cells()).toHaveLength(25));
    await user.click(screen.getByTestId("filter-untagged"));
    expect((await screen.findByTestId("photo-empty")).textContent).toBe("Geen foto's gevonden met deze filters.");
  });

  it("comes back to the same filters and place after opening a photo", async () => {
    const calls = backend();
    const user = userEvent.setup();
    const first = render(PhotoLibrary);
    await screen.findByRole("option", { name: "Groep 5" });
    await user.selectOptions(screen.getByTestId("filter-group"), "Groep 5");
    await waitFor(() => expect(filters(calls).at(-1)?.group).toBe("Groep 5"));
    const grid = await screen.findByTestId("photo-grid");
    grid.scrollTop = 20_000;
    await fireEvent.scroll(grid);
    await waitFor(() => expect(offsets(calls).at(-1)).toBe(400));
    first.unmount();

    calls.length = 0;
    render(PhotoLibrary);
    await waitFor(() => expect(filters(calls)).toEqual([
      { ...unfiltered, group: "Groep 5", offset: 0, limit: 200 },
      { ...unfiltered, group: "Groep 5", offset: 400, limit: 200 },
    ]));
    expect((screen.getByTestId("filter-group") as HTMLSelectElement).value).toBe("Groep 5");
    expect(screen.getByTestId("photo-grid").scrollTop).toBe(20_000);
    await waitFor(() => expect(ids()[0]).toBe(20_000 - 490));
  });

  it("shows the backend's message when the photos cannot be read", async () => {
    backend(10_000, { photos: () => { throw refuse("store.open", "De gegevensmap kan niet gelezen worden."); } });
    render(PhotoLibrary);
    expect((await screen.findByTestId("error")).textContent).toBe("De gegevensmap kan niet gelezen worden.");
    expect(screen.queryByTestId("photo-grid")).toBeNull();
  });

  it("speaks English too", async () => {
    useLang("en");
    backend(1234);
    render(PhotoLibrary);
    await waitFor(() => expect(screen.getByTestId("photo-total").textContent?.trim()).toBe("1,234 photos"));
    expect(screen.getByTestId("photo-pick-folder").textContent?.trim()).toBe("Choose folder");
  });
});
