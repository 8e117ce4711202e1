import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { UserInfo } from "../../lib/api";
import { useLang } from "../../lib/i18n";
import { callsTo, mockBackend, refuse } from "../../test/ipc";
import UsersList from "./UsersList.svelte";

const admin: UserInfo = { id: 1, user: "beheer", role: "admin", groups: [], disabled: false, must_change_password: false };
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
      add_user: (args) => {
        const u = args.user as { user: string; role: "teacher"; groups: string[] };
        const added: UserInfo = { id: 2, user: u.user, role: u.role, groups: u.groups, disabled: false, must_change_password: true };
        users = [...users, added];
        return added;
      },
    });
    const user = userEvent.setup();
    render(UsersList);
    await user.type(await screen.findByTestId("user-name"), "juf.ellen");
    await user.click(within(screen.getByTestId("user-groups-pick")).getByLabelText("Groep 4"));
    await user.type(screen.getByTestId("user-password"), "een wachtwoord voor ellen");
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
});
