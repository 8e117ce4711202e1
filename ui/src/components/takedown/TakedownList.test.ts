import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { PhotoChoices, Takedown } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { formatDate, todayIso } from "../../lib/util/dates";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import TakedownList from "./TakedownList.svelte";

const choices: PhotoChoices = {
  photo_types: [],
  channels: [{ key: "social", label: { nl: "Sociale media", en: "Social media" } }],
  purposes: [{ key: "promotion", label: { nl: "Promotie", en: "Promotion" } }],
};

const online: Takedown[] = [
  {
    publication: 12,
    photo: 5,
    place: "Facebookpagina van de school",
    channel: "social",
    purpose: "promotion",
    published_on: "2026-09-15",
    people: [
      { person: 7, name: "Sanne de Vries", colleague: false, status: "withdrawn", rule: "consent-withdrawn" },
      { person: 8, name: "Jan Jansen", colleague: false, status: "expired", rule: "consent-expired" },
      // On a teacher's list a colleague is not named (rule 8).
      { person: null, name: null, colleague: true, status: "withdrawn", rule: "consent-withdrawn" },
    ],
  },
  {
    publication: 13,
    photo: 6,
    place: "Nieuwsbrief oktober",
    channel: "newsletter",
    purpose: "promotion",
    published_on: "2026-10-01",
    people: [{ person: 9, name: "Noor Bakker", colleague: false, status: "not-informed", rule: "no-notice" }],
  },
];

function backend(extra: Record<string, Handler> = {}) {
  const removed = new Set<number>();
  return mockBackend({
    takedown_list: () => online.filter((p) => !removed.has(p.publication)),
    photo_choices: () => choices,
    remove_publication: ({ publication }) => {
      removed.add(publication as number);
      return null;
    },
    ...extra,
  });
}

const row = (publication: number) => screen.getAllByTestId("takedown-row").find((r) => r.getAttribute("data-publication-id") === String(publication))!;

describe("TakedownList", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "takedown" });
  });

  it("lists each publication with where, what for and who in words", async () => {
    const calls = backend();
    render(TakedownList);
    const rows = await screen.findAllByTestId("takedown-row");
    expect(rows.map((r) => r.getAttribute("data-publication-id"))).toEqual(["12", "13"]);
    expect(callsTo(calls, "takedown_list")).toEqual([{ date: todayIso() }]);
    expect(screen.getByTestId("takedown-count").textContent).toBe("2 publicaties moeten weg.");
    // The count is announced, not the whole list.
    expect(screen.getByTestId("takedown-count").closest("[aria-live]")).not.toBeNull();
    expect(rows[0].closest("[aria-live]")).toBeNull();

    const first = within(rows[0]);
    expect(first.getByTestId("takedown-place").textContent).toBe("Facebookpagina van de school");
    await waitFor(() => expect(first.getByTestId("takedown-channel").textContent).toBe("Sociale media"));
    expect(first.getByTestId("takedown-purpose").textContent).toBe("Promotie");
    expect(first.getByTestId("takedown-published").textContent).toBe("15-09-2026");
    expect((first.getByRole("img") as HTMLImageElement).src).toMatch(/thumb\/5$/);

    const people = first.getAllByTestId("takedown-person").map((p) => p.textContent?.replace(/\s+/g, " ").trim());
    expect(people).toEqual([
      "Sanne de Vries Ingetrokken de toestemming is ingetrokken",
      "Jan Jansen Verlopen de toestemming is verlopen: de termijn is voorbij of de persoon is vertrokken",
      "Een collega Ingetrokken de toestemming is ingetrokken",
    ]);
    const second = within(rows[1]);
    // A channel no form offers any more is shown as its key.
    expect(second.getByTestId("takedown-channel").textContent).toBe("newsletter");
    expect(second.getByTestId("takedown-status").textContent).toBe("Niet geïnformeerd");
    expect(second.getByTestId("takedown-reason").textContent).toContain("niet geïnformeerd over dit gebruik");
  });

  it("reloads for another date", async () => {
    const calls = backend();
    render(TakedownList);
    await screen.findAllByTestId("takedown-row");
    const user = userEvent.setup();
    const date = screen.getByTestId("takedown-date") as HTMLInputElement;
    expect(date.value).toBe(formatDate(todayIso()));
    await user.clear(date);
    await user.type(date, "01-08-2027");
    await waitFor(() => expect(callsTo(calls, "takedown_list").at(-1)).toEqual({ date: "2027-08-01" }));
  });

  it("says plainly when nothing needs to come down", async () => {
    backend({ takedown_list: () => [] });
    render(TakedownList);
    expect((await screen.findByTestId("takedown-empty")).textContent).toBe(`Op ${formatDate(todayIso(), "nl")} hoeft er niets verwijderd te worden.`);
    expect(screen.queryByTestId("takedown-row")).toBeNull();
  });

  it("asks for the date, marks the publication taken down once and reloads", async () => {
    const answer = deferred<null>();
    let sent = 0;
    const calls = backend({
      remove_publication: () => {
        sent++;
        return answer.promise;
      },
      takedown_list: () => (sent > 0 ? online.slice(1) : online),
    });
    const user = userEvent.setup();
    render(TakedownList);
    await screen.findAllByTestId("takedown-row");
    await user.click(within(row(12)).getByTestId("takedown-remove"));
    expect(callsTo(calls, "remove_publication")).toHaveLength(0);

    const date = within(row(12)).getByTestId("takedown-remove-date") as HTMLInputElement;
    expect(date.value).toBe(formatDate(todayIso()));
    await user.clear(date);
    await user.type(date, "2-10-2026");
    const form = within(row(12)).getByTestId("takedown-confirm-form");
    await fireEvent.submit(form);
    await fireEvent.submit(form);
    expect((within(row(12)).getByTestId("takedown-confirm") as HTMLButtonElement).disabled).toBe(true);
    answer.resolve(null);

    await waitFor(() => expect(screen.getAllByTestId("takedown-row")).toHaveLength(1));
    expect(callsTo(calls, "remove_publication")).toEqual([{ publication: 12, date: "2026-10-02" }]);
    expect(callsTo(calls, "takedown_list")).toHaveLength(2);
    expect(screen.getAllByTestId("takedown-row")[0].getAttribute("data-publication-id")).toBe("13");
    expect(screen.getByRole("status").textContent).toBe("De publicatie op Facebookpagina van de school staat als verwijderd genoteerd.");
  });

  it("sends nothing without a date", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(TakedownList);
    await screen.findAllByTestId("takedown-row");
    await user.click(within(row(13)).getByTestId("takedown-remove"));
    await user.clear(within(row(13)).getByTestId("takedown-remove-date"));
    await user.click(within(row(13)).getByTestId("takedown-confirm"));
    expect(within(row(13)).getByText("Vul de datum in.")).toBeTruthy();
    expect(callsTo(calls, "remove_publication")).toHaveLength(0);
  });

  it("shows a refusal and keeps the publication", async () => {
    const calls = backend({
      remove_publication: () => {
        throw refuse("publication.removed_before_published", "De verwijderdatum ligt voor de datum van plaatsen.");
      },
    });
    const user = userEvent.setup();
    render(TakedownList);
    await screen.findAllByTestId("takedown-row");
    await user.click(within(row(13)).getByTestId("takedown-remove"));
    await user.click(within(row(13)).getByTestId("takedown-confirm"));
    expect((await within(row(13)).findByTestId("error")).textContent).toBe("De verwijderdatum ligt voor de datum van plaatsen.");
    expect(callsTo(calls, "remove_publication")).toEqual([{ publication: 13, date: todayIso() }]);
    expect(screen.getAllByTestId("takedown-row")).toHaveLength(2);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("opens the photo from the thumbnail or the button, and a person from their name", async () => {
    backend();
    const user = userEvent.setup();
    render(TakedownList);
    await screen.findAllByTestId("takedown-row");
    await user.click(within(row(12)).getByTestId("takedown-thumb"));
    expect(router.route).toEqual({ name: "photo", id: 5 });
    await user.click(within(row(13)).getByTestId("takedown-open"));
    expect(router.route).toEqual({ name: "photo", id: 6 });
    await user.click(within(row(12)).getByRole("button", { name: "Jan Jansen" }));
    expect(router.route).toEqual({ name: "person", id: 8 });
  });

  it("shows a failure to load", async () => {
    backend({
      takedown_list: () => {
        throw refuse("date.out_of_range", "Deze datum kan niet.");
      },
    });
    render(TakedownList);
    expect((await screen.findByTestId("error")).textContent).toBe("Deze datum kan niet.");
    expect(screen.queryByTestId("takedown-empty")).toBeNull();
  });

  it("speaks English when asked", async () => {
    useLang("en");
    backend();
    render(TakedownList);
    const first = within((await screen.findAllByTestId("takedown-row"))[0]);
    expect(first.getAllByTestId("takedown-status").map((s) => s.textContent)).toEqual(["Withdrawn", "Expired", "Withdrawn"]);
    expect(first.getAllByTestId("takedown-person")[2].textContent).toContain("A colleague");
    expect(first.getAllByTestId("takedown-reason")[0].textContent).toBe("consent was withdrawn");
    expect(first.getByTestId("takedown-remove").textContent?.trim()).toBe("Mark as taken down");
  });
});
