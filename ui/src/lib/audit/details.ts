// An audit event's details (compact JSON) as one short line a person can
// read: "name: Anna, groups: Groep A". Long lists and texts are cut, since
// the full record stays in the trail and on the CLI.

const MAX = 160;

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>);
    return `{${entries.map(([k, x]) => `${k}: ${show(x)}`).join(", ")}}`;
  }
  return String(v);
}

export function summarise(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    parsed = details;
  }
  const text =
    parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? Object.entries(parsed as Record<string, unknown>)
          .map(([k, v]) => `${k}: ${show(v)}`)
          .join(" · ")
      : show(parsed);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
