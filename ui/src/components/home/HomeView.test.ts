import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Overview } from "../../lib/api";
import { somethingToDo } from "../../lib/home/overview";
import { useLang } from "../../lib/i18n";
import { go, router } from "../../lib/nav/router.svelte";
import { libraryView } from "../../lib/photos/gridPages.svelte";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import HomeView from "./HomeView.svelte";

const quiet: Overview = {
  on: "2026-11-22",
  forms_out: [],
  withdrawals: [],
  takedown: 0,
  unchecked_photos: 0,
  leavers_without_dossier: [],
  own_consent_this_month: [],
  expiring: [],
  warning_days: 30,
  backup: { settings: { folder: "/usb", keep: 14 }, last: { at: "2026-11-22T08:15:00", file: "a.bkb", bytes: 10 }, days_since: 0, stale: false, due_today: false },
};

const busy: Overview = {
  ...quiet,
  forms_out: Array.from({ length: 10 }, (_, i) => ({ person: i + 1, name: `Kind ${i + 1}`, form: 1, form_name: "Toestemming beeldmateriaal", handed_out_on: "2026-11-02" })),
  withdrawals: [{ event: 41, person: 7, name: "Noor Bakker", given_on: "2026-11-20", given_by: "Ilse Bakker", teacher: "juf.ellen", items: ["group/social/promotion"] }],
  takedown: 2,
  unchecked_photos: 14,
  own_consent_this_month: [{ person: 9, name: "Lotte van Dijk", groups: ["Groep 8"], on: "2026-11-05" }],
};

const choices = { photo_types: [{ key: "group", label: { nl: "Groepsfoto", en: "Group photo" } }], channels: [{ key: "social", label: { nl: "Sociale media", en: "Social media" } }], purposes: [{ key: "promotion", label: { nl: "Promotie", en: "Promotion" } }] };

describe("HomeView", () => {
  beforeEach(() => {
    useLang("nl");
    go({ name: "home" });
  });

  it("says there is nothing to do when every figure is zero, and shows the last backup day first", async () => {
    mockBackend({ overview: () => quiet, photo_choices: () => choices });
    render(HomeView);
    await screen.findByTestId("home-all-done");
    expect(screen.getByTestId("home-takedown-count").textContent).toBe("Niets");
    expect(screen.getByTestId("home-backup-last").textContent).toContain("22-11-2026 08:15");
    expect(somethingToDo(quiet)).toBe(false);
  });

  it("lists what needs doing with a way to each: a name opens the returned form, 'Foto's nakijken' the unchecked photos", async () => {
    mockBackend({ overview: () => busy, photo_choices: () => choices });
    const user = userEvent.setup();
    render(HomeView);
    await screen.findByTestId("home-forms-out");
    expect(screen.queryByTestId("home-all-done")).toBeNull();
    expect(screen.getByTestId("home-forms-out-count").textContent).toBe("10");
    // Eight names, then "and 2 more".
    expect(screen.getAllByTestId("home-form-out")).toHaveLength(8);
    expect(screen.getByTestId("home-forms-out").textContent).toContain("en nog 2");
    expect(screen.getAllByTestId("home-form-out")[0].textContent).toContain("uitgedeeld op 02-11-2026");
    expect(screen.getByTestId("home-own-consent-person").textContent).toContain("vanaf 05-11-2026");
    expect(screen.getByTestId("home-withdrawal").textContent).toContain("Groepsfoto · Sociale media · Promotie");

    await user.click(within(screen.getAllByTestId("home-form-out")[2]).getByRole("button", { name: "Kind 3" }));
    expect(router.route).toEqual({ name: "record", id: 3 });

    go({ name: "home" });
    render(HomeView);
    await user.click((await screen.findAllByTestId("home-open-unchecked"))[0]);
    expect(router.route).toEqual({ name: "photos" });
    expect(libraryView.unchecked).toBe(true);
  });

  it("confirms a teacher's withdrawal once on a double click and reloads", async () => {
    let confirmed = false;
    const calls = mockBackend({
      overview: () => (confirmed ? { ...busy, withdrawals: [] } : busy),
      photo_choices: () => choices,
      confirm_withdrawal: () => {
        confirmed = true;
        return null;
      },
    });
    const user = userEvent.setup();
    render(HomeView);
    const button = await screen.findByRole("button", { name: "Intrekking voor Noor Bakker bevestigen" });
    await user.dblClick(button);
    await waitFor(() => expect(screen.queryByTestId("home-withdrawal")).toBeNull());
    expect(callsTo(calls, "confirm_withdrawal")).toEqual([{ event: 41 }]);
    expect(screen.getByText("De intrekking voor Noor Bakker is bevestigd.")).toBeTruthy();
    expect(screen.getByTestId("home-withdrawals-count").textContent).toBe("Niets");
  });

  it("shows the core's refusal in plain words and keeps the list", async () => {
    mockBackend({
      overview: () => busy,
      photo_choices: () => choices,
      confirm_withdrawal: () => {
        throw refuse("consent.nothing_to_confirm", "Er wacht geen intrekking 41 op bevestiging.");
      },
    });
    const user = userEvent.setup();
    render(HomeView);
    await user.click(await screen.findByTestId("home-confirm"));
    expect(await screen.findByText("Er wacht geen intrekking 41 op bevestiging.")).toBeTruthy();
    expect(screen.getAllByTestId("home-withdrawal")).toHaveLength(1);
  });

  it("leaves out what a teacher cannot act on", async () => {
    const teacher: Overview = { ...quiet, forms_out: null, withdrawals: null, leavers_without_dossier: null, own_consent_this_month: null, expiring: null, backup: null, unchecked_photos: 3 };
    mockBackend({ overview: () => teacher, photo_choices: () => choices });
    render(HomeView);
    await screen.findByTestId("home-unchecked");
    for (const id of ["home-forms-out", "home-withdrawals", "home-leavers", "home-own-consent", "home-expiring", "home-backup"]) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
    expect(screen.getByTestId("home-unchecked-count").textContent).toBe("3");
  });
});
