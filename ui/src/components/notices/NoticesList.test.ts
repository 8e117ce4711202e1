import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { NoticeRow, PhotoChoices } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { formatDate, todayIso } from "../../lib/util/dates";
import { callsTo, deferred, mockBackend, refuse, type Handler } from "../../test/ipc";
import NoticesList from "./NoticesList.svelte";

const choices: PhotoChoices = {
  photo_types: [],
  channels: [
    { key: "paper", label: { nl: "Schoolkrant", en: "School paper" } },
    { key: "social", label: { nl: "Sociale media", en: "Social media" } },
  ],
  purposes: [
    { key: "activities", label: { nl: "Schoolactiviteiten", en: "School activities" } },
    { key: "promotion", label: { nl: "Promotie", en: "Promotion" } },
  ],
};

const longText = "Beste ouders, tijdens het schoolfeest maken we sfeerfoto's. ".repeat(10) + "SLOTZIN";

const stored: NoticeRow[] = [
  { id: 2, text: "Beste ouders, bij het schoolreisje maken we groepsfoto's.", date: "2026-03-14", all_staff: false, groups: ["Groep 5", "Groep 6"], purposes: ["activities"], channels: ["paper", "social"] },
  { id: 1, text: longText, date: "2025-09-01", all_staff: true, groups: [], purposes: ["promotion"], channels: ["website"] },
];

function backend(extra: Record<string, Handler> = {}) {
  let list = [...stored];
  return mockBackend({
    notices: () => list,
    groups: () => [{ id: 1, name: "Groep 5", members: 20 }, { id: 2, name: "Groep 6", members: 18 }],
    photo_choices: () => choices,
    add_notice: ({ notice }) => {
      const n = notice as Omit<NoticeRow, "id">;
      list = [{ ...n, id: 3, date: n.date ?? todayIso() }, ...list];
      return 3;
    },
    ...extra,
  });
}

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByTestId("notice-add-open"));
  const form = screen.getByTestId("notice-form");
  // Ticked out of order: the payload follows the order on screen.
  await user.click(await within(form).findByRole("checkbox", { name: "Groep 6" }));
  await user.click(within(form).getByRole("checkbox", { name: "Groep 5" }));
  await user.click(within(form).getByRole("checkbox", { name: "Promotie" }));
  await user.click(within(form).getByRole("checkbox", { name: "Schoolactiviteiten" }));
  await user.click(within(form).getByRole("checkbox", { name: "Sociale media" }));
  await user.type(screen.getByTestId("notice-text"), "Beste ouders,{Enter}we maken sfeerfoto's.");
  const date = screen.getByTestId("notice-date");
  await user.clear(date);
  await user.type(date, "01-02-2026");
}

const expected = {
  notice: { groups: ["Groep 5", "Groep 6"], all_staff: false, purposes: ["activities", "promotion"], channels: ["social"], text: "Beste ouders,\nwe maken sfeerfoto's.", date: "2026-02-01" },
};

describe("NoticesList", () => {
  beforeEach(() => useLang("nl"));

  it("lists the notices with audience, purposes and channels in words", async () => {
    backend();
    render(NoticesList);
    const rows = await screen.findAllByTestId("notice-row");
    // The list is not a live region: every notice would be read out on each change.
    expect(rows[0].closest("[aria-live]")).toBeNull();
    expect(rows.map((r) => r.getAttribute("data-notice-id"))).toEqual(["2", "1"]);
    expect(within(rows[0]).getByRole("heading").textContent).toBe("Informatiebericht 2 · 14-03-2026");
    expect(within(rows[0]).getByTestId("notice-audience").textContent).toBe("Groep 5, Groep 6");
    await waitFor(() => expect(within(rows[0]).getByTestId("notice-channels").textContent).toBe("Schoolkrant, Sociale media"));
    expect(within(rows[0]).getByTestId("notice-purposes").textContent).toBe("Schoolactiviteiten");
    expect(within(rows[0]).getByTestId("notice-body").textContent).toBe(stored[0].text);
    expect(within(rows[0]).queryByTestId("notice-toggle")).toBeNull();

    expect(within(rows[1]).getByTestId("notice-audience").textContent).toBe("al het personeel");
    expect(within(rows[1]).getByTestId("notice-purposes").textContent).toBe("Promotie");
    // A key no form offers any more is shown as it is.
    expect(within(rows[1]).getByTestId("notice-channels").textContent).toBe("website");
    expect(screen.getByTestId("notices-evidence").textContent).toContain("niet gewijzigd of verwijderd");
  });

  it("folds a long text and unfolds it on request", async () => {
    backend();
    const user = userEvent.setup();
    render(NoticesList);
    const row = (await screen.findAllByTestId("notice-row"))[1];
    const body = within(row).getByTestId("notice-body");
    expect(body.textContent).not.toContain("SLOTZIN");
    expect(body.textContent?.endsWith("…")).toBe(true);
    await user.click(within(row).getByRole("button", { name: "Hele tekst tonen" }));
    expect(body.textContent).toBe(longText);
    expect(within(row).getByTestId("notice-toggle").getAttribute("aria-expanded")).toBe("true");
  });

  it("says plainly when there are no notices yet", async () => {
    backend({ notices: () => [] });
    render(NoticesList);
    expect((await screen.findByTestId("notices-empty")).textContent).toBe("Er zijn nog geen informatieberichten vastgelegd.");
  });

  it("adds a notice with exactly the chosen values, then reloads and confirms", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(NoticesList);
    await screen.findAllByTestId("notice-row");
    await user.click(screen.getByTestId("notice-add-open"));
    expect((screen.getByTestId("notice-date") as HTMLInputElement).value).toBe(formatDate(todayIso()));
    await user.click(screen.getByTestId("notice-add-open"));
    await fillValid(user);
    await user.click(screen.getByTestId("notice-save"));

    await waitFor(() => expect(screen.getAllByTestId("notice-row")).toHaveLength(3));
    expect(callsTo(calls, "add_notice")).toEqual([expected]);
    expect(callsTo(calls, "notices")).toHaveLength(2);
    expect(screen.getByRole("status").textContent).toBe("Het informatiebericht is opgeslagen.");
    expect(screen.queryByTestId("notice-form")).toBeNull();
    expect(screen.getAllByTestId("notice-row")[0].getAttribute("data-notice-id")).toBe("3");
  });

  it("says what is missing instead of sending an incomplete notice", async () => {
    const calls = backend();
    const user = userEvent.setup();
    render(NoticesList);
    await user.click(screen.getByTestId("notice-add-open"));
    expect(screen.queryByTestId("notice-missing")).toBeNull();
    await user.type(screen.getByTestId("notice-text"), "   ");
    await user.click(screen.getByTestId("notice-save"));

    const items = () => within(screen.getByTestId("notice-missing")).getAllByRole("listitem").map((li) => li.textContent);
    expect(items()).toEqual(["kies minstens één groep, of al het personeel", "kies minstens één doel", "kies minstens één kanaal", "vul de tekst van het bericht in"]);
    expect((screen.getByTestId("notice-save") as HTMLButtonElement).disabled).toBe(false);

    // All staff alone is an audience; the message follows the form.
    await user.click(screen.getByTestId("notice-all-staff"));
    expect(items()).toEqual(["kies minstens één doel", "kies minstens één kanaal", "vul de tekst van het bericht in"]);
    expect(callsTo(calls, "add_notice")).toHaveLength(0);
  });

  it("shows a refusal as the backend words it and keeps what was entered", async () => {
    const calls = backend({
      add_notice: () => {
        throw refuse("date.in_future", "Deze datum ligt in de toekomst.");
      },
    });
    const user = userEvent.setup();
    render(NoticesList);
    await fillValid(user);
    await user.click(screen.getByTestId("notice-save"));

    expect((await screen.findByTestId("error")).textContent).toBe("Deze datum ligt in de toekomst.");
    expect(callsTo(calls, "add_notice")).toEqual([expected]);
    expect((screen.getByTestId("notice-text") as HTMLTextAreaElement).value).toBe("Beste ouders,\nwe maken sfeerfoto's.");
    expect((screen.getByRole("checkbox", { name: "Groep 5" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("checkbox", { name: "Sociale media" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("notice-date") as HTMLInputElement).value).toBe("01-02-2026");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("sends once on a double submit", async () => {
    const answer = deferred<number>();
    const calls = backend({ add_notice: () => answer.promise });
    const user = userEvent.setup();
    render(NoticesList);
    await fillValid(user);
    const form = screen.getByTestId("notice-form");
    await fireEvent.submit(form);
    await fireEvent.submit(form);
    expect((screen.getByTestId("notice-save") as HTMLButtonElement).disabled).toBe(true);
    answer.resolve(3);
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("opgeslagen"));
    expect(callsTo(calls, "add_notice")).toHaveLength(1);
  });

  it("shows a failure to load", async () => {
    backend({
      notices: () => {
        throw refuse("auth.required", "Meld u opnieuw aan.");
      },
    });
    render(NoticesList);
    expect((await screen.findByTestId("error")).textContent).toBe("Meld u opnieuw aan.");
    expect(screen.queryByTestId("notices-empty")).toBeNull();
  });

  it("speaks English when asked", async () => {
    useLang("en");
    backend();
    render(NoticesList);
    const rows = await screen.findAllByTestId("notice-row");
    await waitFor(() => expect(within(rows[0]).getByTestId("notice-channels").textContent).toBe("School paper, Social media"));
    expect(within(rows[1]).getByTestId("notice-audience").textContent).toBe("all staff");
    expect(within(rows[0]).getByRole("heading").textContent).toBe("Information notice 2 · 14-03-2026");
  });
});
