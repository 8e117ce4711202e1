import { describe, expect, it } from "vitest";
import { peopleFilter } from "./filter";
import { newPerson } from "./newPerson";
import { placeIn, queueOf } from "./queue";

describe("peopleFilter", () => {
  it("sends empty fields as no filter", () => {
    expect(peopleFilter("  ", "", false)).toEqual({ search: null, group: null, include_left: false });
    expect(peopleFilter(" Sanne ", "Groep 5", true)).toEqual({ search: "Sanne", group: "Groep 5", include_left: true });
  });
});

describe("newPerson", () => {
  it("drops empty guardian fields and an empty birth date", () => {
    expect(newPerson({ name: " Sanne ", kind: "child", birth: "", groups: ["Groep 5"], guardians: ["Anna", " ", "Anna", "Piet "] })).toEqual({
      name: "Sanne", kind: "child", birth_date: null, groups: ["Groep 5"], guardians: ["Anna", "Piet"],
    });
  });

  it("sends no guardians for staff", () => {
    expect(newPerson({ name: "Jan", kind: "staff", birth: "1980-01-02", groups: [], guardians: ["Anna"] }).guardians).toEqual([]);
  });
});

describe("the list carried to the record screen", () => {
  const queue = queueOf([
    { id: 4, name: "Daan Bakker", kind: "child", birth_date: null, leave_date: null, groups: ["Groep 3"] },
    { id: 9, name: "Noor Jansen", kind: "child", birth_date: null, leave_date: null, groups: ["Groep 3"] },
  ]);

  it("keeps ids and names in the list's order, and says who comes next", () => {
    expect(queue).toEqual([{ id: 4, name: "Daan Bakker" }, { id: 9, name: "Noor Jansen" }]);
    expect(placeIn(queue, 4)).toEqual({ position: 1, total: 2, next: { id: 9, name: "Noor Jansen" } });
    expect(placeIn(queue, 9)).toEqual({ position: 2, total: 2, next: null });
    expect(placeIn(queue, 5)).toBeNull();
    expect(placeIn(undefined, 4)).toBeNull();
  });
});
