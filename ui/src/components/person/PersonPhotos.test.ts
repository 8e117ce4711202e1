import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { PhotoFilter, PhotoSummary } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { forgetLibraryView, libraryView } from "../../lib/photos/gridPages.svelte";
import { callsTo, mockBackend } from "../../test/ipc";
import PersonPhotos from "./PersonPhotos.svelte";

const photo = (id: number, published: string[]): PhotoSummary => ({
  id,
  hash: `h${id}`,
  name: `IMG_${id}.jpg`,
  date: "2026-10-0" + (id % 9),
  photo_type: "group",
  posed: true,
  tags: 2,
  unknown_boxes: 0,
  faces: 0,
  scanned: true,
  unchecked: false,
  people: ["Lotte van Dijk", "Noor Jansen"],
  published,
});

const choices = {
  photo_types: [],
  channels: [
    { key: "website", label: { nl: "Website", en: "Website" } },
    { key: "social", label: { nl: "Sociale media", en: "Social media" } },
  ],
  purposes: [],
};

describe("PersonPhotos", () => {
  beforeEach(() => {
    useLang("nl");
    forgetLibraryView();
    go({ name: "person", id: 7 });
  });

  it("lists every photo of the person with where it is online, and opens the library filtered to them", async () => {
    const calls = mockBackend({
      photos: () => ({ total: 2, photos: [photo(3, ["social", "website"]), photo(2, [])] }),
      photo_choices: () => choices,
    });
    render(PersonPhotos, { person: 7, name: "Lotte van Dijk" });
    await waitFor(() => expect(screen.getAllByTestId("person-photo")).toHaveLength(2));
    expect((callsTo(calls, "photos")[0].filter as PhotoFilter).person).toBe(7);
    expect(screen.getByText("Foto's (2)")).toBeTruthy();
    const [online, offline] = screen.getAllByTestId("person-photo");
    await waitFor(() => expect(within(online).getByTestId("person-photo-online").textContent).toBe("Online: Sociale media, Website"));
    expect(online.getAttribute("data-online")).toBe("true");
    expect(offline.textContent).toContain("Niet online");

    await userEvent.click(screen.getByTestId("person-photos-library"));
    expect(router.route).toEqual({ name: "photos" });
    expect(libraryView.person).toEqual({ id: 7, name: "Lotte van Dijk" });
  });

  it("says so when the person is on no photo", async () => {
    mockBackend({ photos: () => ({ total: 0, photos: [] }), photo_choices: () => choices });
    render(PersonPhotos, { person: 7, name: "Lotte van Dijk" });
    expect(await screen.findByText("Deze persoon is op geen enkele foto getagd.")).toBeTruthy();
    expect(screen.queryByTestId("person-photos-library")).toBeNull();
  });
});
