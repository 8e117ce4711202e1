import { describe, expect, it } from "vitest";
import { peopleFilter } from "./filter";
import { newPerson } from "./newPerson";

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
