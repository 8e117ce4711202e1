import { describe, expect, it } from "vitest";
import { summarise } from "./details";

describe("summarise", () => {
  it("reads an object as key: value pairs", () => {
    expect(summarise('{"name":"Anna","groups":["Groep A","Groep B"],"birth_date":null}')).toBe("name: Anna · groups: Groep A, Groep B · birth_date: —");
  });
  it("keeps nested objects readable", () => {
    expect(summarise('{"answers":{"group/website/information":"yes"}}')).toBe("answers: {group/website/information: yes}");
  });
  it("cuts long details", () => {
    const long = summarise(JSON.stringify({ text: "x".repeat(500) }));
    expect(long.length).toBe(160);
    expect(long.endsWith("…")).toBe(true);
  });
  it("shows details that are not JSON as they are", () => {
    expect(summarise("niet {json")).toBe("niet {json");
    expect(summarise("{}")).toBe("");
  });
});
