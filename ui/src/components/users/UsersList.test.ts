import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { UserInfo } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import UsersList from "./UsersList.svelte";

const admin: UserInfo = { id: 1, user: "beheer", role: "admin", groups: [], disabled: false, must_change_password: false, person: null, person_name: null };
const groups = [
  { id: 1, name: "Groep 3", members: 20 },
  { id: 2, name: "Groep 4", members: 22 },
];

describe("UsersList", () => {
  beforeEach(() => useLang("nl"));

  it("adds a teacher with groups and shows that they still choose their own password", async () => {
    let users: UserInfo[] = [admin];
    const calls = mockBackend({
      users: () => users,
      groups: () => groups,
      people: () => [],
      add_user: (args) => {
        const u = args.user as { user: string; role: "teacher"; groups: string[] };
        const added: UserInfo = { id: 2, user: u.user, role: u.role, groups: u.groups, disabled: false, must_change_password: true, person: null, person_name: null };
        users = [...users, added];
        return added;
      },
    });
    const user = userEvent.setup();
    render(UsersList);
    await user.type(await screen.findByTestId("user-name"), "juf.ellen");
    await user.click(within(screen.getByTestId("user-groups-pick")).getByLabelText("Groep 4"));
    const password = screen.getByTestId("user-password") as HTMLInputElement;
    expect(password.labels?.[0]?.textContent).toBe("Eerste wachtwoord");
    expect(document.getElementById(password.getAttribute("aria-describedby")!)?.textContent).toContain("Geef dit persoonlijk door");
    await user.type(password, "een wachtwoord voor ellen");
    await user.click(screen.getByTestId("user-add"));
    expect(callsTo(calls, "add_user")).toEqual([{ user: { user: "juf.ellen", role: "teacher", groups: ["Groep 4"], password: "een wachtwoord voor ellen" } }]);
    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(2));
    const row = screen.getAllByTestId("user-row")[1];
    expect(row.textContent).toContain("kiest nog een eigen wachtwoord");
    expect(row.textContent).toContain("Groep 4");
  });

  it("shows the core's refusal when the last administrator would be disabled", async () => {
    mockBackend({
      users: () => [admin],
      groups: () => groups,
      people: () => [],
      disable_user: () => {
        throw refuse("user.last_admin", "Dit is de laatste beheerder die kan aanmelden.");
      },
    });
    vi.spyOn(window, "confirm").mockReturnValue(true);
    const user = userEvent.setup();
    render(UsersList);
    await user.click(await screen.findByTestId("user-disable"));
    expect((await screen.findByTestId("error")).textContent).toContain("laatste beheerder");
  });

  it("links an account to the staff member's own record, chosen among staff only", async () => {
    let users: UserInfo[] = [admin, { ...admin, id: 2, user: "juf.ellen", role: "teacher", groups: ["Groep 4"] }];
    const calls = mockBackend({
      users: () => users,
      groups: () => groups,
      people: () => [
        { id: 7, name: "Anna de Vries", kind: "child", birth_date: null, leave_date: null, groups: [], external_id: null },
        { id: 9, name: "Juf Ellen", kind: "staff", birth_date: null, leave_date: null, groups: [], external_id: null },
      ],
      link_user_person: (args) => {
        users = users.map((u) => (u.user === args.user ? { ...u, person: args.person as number, person_name: "Juf Ellen" } : u));
        return users[1];
      },
    });
    const user = userEvent.setup();
    render(UsersList);
    await waitFor(() => expect(screen.getAllByTestId("user-row")).toHaveLength(2));
    await user.click(within(screen.getAllByTestId("user-row")[1]).getByTestId("user-link"));
    const select = screen.getByTestId("user-link-person") as HTMLSelectElement;
    expect(select.labels?.[0]?.textContent).toBe("Eigen gegevens (medewerker)");
    expect(document.getElementById(select.getAttribute("aria-describedby")!)?.textContent).toContain("die van collega's nooit");
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["Niet gekoppeld", "Juf Ellen"]);
    await user.selectOptions(select, "9");
    await user.click(screen.getByTestId("user-link-save"));
    expect(callsTo(calls, "link_user_person")).toEqual([{ user: "juf.ellen", person: 9 }]);
    expect(await screen.findByText("juf.ellen is gekoppeld aan de gegevens van Juf Ellen.")).toBeTruthy();
    await waitFor(() => expect(within(screen.getAllByTestId("user-row")[1]).getByTestId("user-person").textContent).toBe("Juf Ellen"));
  });
});
