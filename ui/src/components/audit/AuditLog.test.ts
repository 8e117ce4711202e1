import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry, AuditFilter, ChainReport } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, type Handler } from "../../test/ipc";
import AuditLog from "./AuditLog.svelte";

function entry(id: number, action: string, person: number | null = null): AuditEntry {
  return {
    id,
    at: `2026-11-${String(10 + (id % 10)).padStart(2, "0")}T09:0${id % 10}:00`,
    user: id % 2 ? "kantoor" : "admin",
    action,
    entity: person === null ? "photo" : "person",
    entity_id: person ?? id,
    person,
    person_name: person === null ? null : "Anna de Vries",
    details: JSON.stringify({ given_by: "Marieke", items: ["group/website/information"] }),
  };
}

const all = Array.from({ length: 150 }, (_, i) => entry(150 - i, i % 3 ? "consent.record" : "photo.import", i % 3 ? 7 : null));

const broken: ChainReport = {
  ok: false,
  events: 150,
  broken_at: 12,
  table: "consent_answers",
  row: 12,
  key: "12/group/website/information",
  problem: "changed",
  rows: 900,
  problems: [],
  problem_count: 2,
  head: "ab",
  files: 0,
};

function backend(extra: Record<string, Handler> = {}) {
  return mockBackend({
    users: () => [
      { id: 1, user: "admin", role: "admin", groups: [], disabled: false, must_change_password: false, person: null, person_name: null },
      { id: 2, user: "kantoor", role: "office", groups: [], disabled: false, must_change_password: false, person: null, person_name: null },
    ],
    people: () => [{ id: 7, name: "Anna de Vries", kind: "child", birth_date: null, leave_date: null, groups: [], external_id: null }],
    audit_log: ({ filter }) => {
      const f = filter as AuditFilter;
      const rows = all.filter((e) => (f.person === null || e.person === f.person) && (f.user === null || e.user === f.user) && (f.before === null || e.id < f.before));
      const limit = f.limit ?? 200;
      return { entries: rows.slice(0, limit), more: rows.length > limit };
    },
    verify_audit: () => broken,
    ...extra,
  });
}

describe("AuditLog", () => {
  beforeEach(() => useLang("nl"));

  it("lists events newest first with their Dutch names and loads older ones on request", async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(AuditLog);
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(100));
    const first = screen.getAllByTestId("audit-row")[0];
    expect(within(first).getByText("Foto ingelezen")).toBeTruthy();
    expect(first.textContent).toContain("10-11-2026");
    // A short line is announced, not the table.
    expect(screen.getByTestId("audit-count").textContent).toBe("100 gebeurtenissen getoond.");
    expect(screen.getByTestId("audit-count").closest("[aria-live]")).not.toBeNull();
    expect(first.closest("[aria-live]")).toBeNull();
    await user.click(screen.getByTestId("audit-more"));
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(150));
    expect(screen.queryByTestId("audit-more")).toBeNull();
    expect(callsTo(calls, "audit_log").at(-1)).toMatchObject({ filter: { before: 51 } });
  });

  it("filters by user and by a person picked from a search, and asks the core for exactly that", async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(AuditLog);
    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThan(0));
    await user.selectOptions(screen.getByTestId("audit-user"), "kantoor");
    await waitFor(() => expect(screen.getAllByTestId("audit-row").every((r) => r.textContent?.includes("kantoor"))).toBe(true));
    await user.type(screen.getByTestId("audit-person"), "Anna");
    await user.click(await within(await screen.findByTestId("audit-person-matches")).findByText("Anna de Vries"));
    await waitFor(() => expect(callsTo(calls, "audit_log").at(-1)).toMatchObject({ filter: { person: 7, user: "kantoor", before: null } }));
    expect(screen.getByTestId("audit-person-chip").textContent).toContain("Anna de Vries");
    expect(screen.getAllByTestId("audit-row").every((r) => r.dataset.action === "consent.record")).toBe(true);
  });

  it("asks again for a whole date only, not for each key of one, and 'clear' empties a half-typed date", async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(AuditLog);
    await waitFor(() => expect(screen.getAllByTestId("audit-row").length).toBeGreaterThan(0));
    const asked = () => callsTo(calls, "audit_log").length;
    const before = asked();
    const since = screen.getByTestId("audit-since") as HTMLInputElement;
    await user.type(since, "01-11-202");
    expect(asked()).toBe(before);
    await user.type(since, "6");
    await waitFor(() => expect(callsTo(calls, "audit_log").at(-1)).toMatchObject({ filter: { since: "2026-11-01", until: null } }));
    expect(asked()).toBe(before + 1);

    // A half date in "until", then "clear": both fields empty, one unfiltered reload.
    await user.type(screen.getByTestId("audit-until"), "15-0");
    await user.click(screen.getByTestId("audit-clear"));
    await waitFor(() => expect(callsTo(calls, "audit_log").at(-1)).toMatchObject({ filter: { since: null, until: null } }));
    expect(since.value).toBe("");
    expect((screen.getByTestId("audit-until") as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("audit-until").getAttribute("aria-invalid")).toBeNull();
  });

  it("says plainly which table and row the check found changed", async () => {
    const user = userEvent.setup();
    backend();
    render(AuditLog);
    await user.click(screen.getByTestId("audit-verify"));
    const alert = await screen.findByTestId("audit-broken");
    expect(alert.textContent).toContain("tabel consent_answers, rij 12/group/website/information is buiten Beeldakkoord gewijzigd");
    expect(alert.textContent).toContain("2 afwijking(en)");
  });

  it("shows an intact trail with its figures", async () => {
    const user = userEvent.setup();
    backend({ verify_audit: () => ({ ...broken, ok: true, broken_at: null, table: null, row: null, key: null, problem: null, problem_count: 0 }) });
    render(AuditLog);
    await user.click(screen.getByTestId("audit-verify"));
    expect((await screen.findByTestId("audit-ok")).textContent).toContain("150 gebeurtenissen en 900 rijen");
  });
});
