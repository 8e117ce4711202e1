// The two languages stay complete, and the screens take their words from them.
//
// 1. The combined Dutch and English dictionaries have the same keys at every
//    depth (arrays of the same length), a text that is a function takes the
//    same number of arguments in both, and no text is empty. TypeScript checks
//    the shape of `en` against `nl`, but not the arity of a function (one that
//    ignores an argument still fits), an empty string or an array's length.
// 2. No .svelte file under src/components writes user-facing words itself: a
//    text node with letters outside `{...}`, or a literal placeholder, title,
//    aria-label, alt or label attribute. Such a word would show in Dutch to an
//    English user (or the other way round), so it belongs in lib/i18n.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { nl } from "./nl";

/** Every difference between two dictionaries, as "path: what is wrong". */
export function dictProblems(a: unknown, b: unknown, path = ""): string[] {
  const here = path || "(root)";
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (kind(a) !== kind(b)) return [`${here}: nl is ${kind(a)}, en is ${kind(b)}`];
  if (typeof a === "string") {
    const out: string[] = [];
    if (a.trim() === "") out.push(`${here}: nl is empty`);
    if ((b as string).trim() === "") out.push(`${here}: en is empty`);
    return out;
  }
  if (typeof a === "function") {
    const fa = a as (...args: never[]) => unknown;
    const fb = b as (...args: never[]) => unknown;
    return fa.length === fb.length ? [] : [`${here}: nl takes ${fa.length} argument(s), en takes ${fb.length}`];
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return [`${here}: nl has ${a.length} entries, en has ${bb.length}`];
    return a.flatMap((v, i) => dictProblems(v, bb[i], `${path}[${i}]`));
  }
  if (a && typeof a === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(ao)) if (!(k in bo)) out.push(`${path ? `${path}.` : ""}${k}: missing in en`);
    for (const k of Object.keys(bo)) if (!(k in ao)) out.push(`${path ? `${path}.` : ""}${k}: missing in nl`);
    for (const k of Object.keys(ao)) if (k in bo) out.push(...dictProblems(ao[k], bo[k], path ? `${path}.${k}` : k));
    return out;
  }
  return [];
}

/** Texts that may stand in markup as they are: no word in any language. */
const ALLOWED = new Set<string>([
  "×", // close button glyph; the button's aria-label says "close"
  "…",
  "–",
  "—",
  "·",
  "/",
  ":",
  "Beeldakkoord", // the product's name, the same in every language
]);

/** The attributes whose literal values a user reads or hears. */
const WORDY_ATTRIBUTES = new Set(["placeholder", "title", "aria-label", "alt", "label", "aria-placeholder", "aria-roledescription", "aria-valuetext"]);

/** HTML entities as the user sees them; an unknown named one stays as written, so its letters count. */
const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", hellip: "…", ndash: "–", mdash: "—", middot: "·", times: "×" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? whole),
  );

const LETTER = /\p{L}/u;

/** Index just past the `{...}` that opens at `start`; strings and template literals inside are skipped. */
function skipBraces(src: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === "\\" ? 2 : 1;
    } else if (c === "`") {
      i++;
      while (i < src.length && src[i] !== "`") {
        if (src[i] === "\\") i += 2;
        else if (src[i] === "$" && src[i + 1] === "{") i = skipBraces(src, i + 1);
        else i++;
      }
    }
    i++;
  }
  return src.length;
}

/** One literal found in markup: the line it is on and what it says. */
type Literal = { line: number; where: string; text: string };

/** Literal user-facing words in a component's markup. */
export function literalTexts(source: string): Literal[] {
  // Blank out script, style and comments, keeping newlines so lines still count.
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  const src = source
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<script\b[\s\S]*?<\/script>/g, blank)
    .replace(/<style\b[\s\S]*?<\/style>/g, blank);
  const lineOf = (i: number) => src.slice(0, i).split("\n").length;
  const found: Literal[] = [];
  const keep = (text: string, at: number, where: string) => {
    const t = decode(text).replace(/\s+/g, " ").trim();
    if (t && LETTER.test(t) && !ALLOWED.has(t)) found.push({ line: lineOf(at), where, text: t });
  };

  let i = 0;
  let text = "";
  let textStart = 0;
  const flush = () => {
    keep(text, textStart, "text");
    text = "";
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "{") {
      flush();
      i = skipBraces(src, i);
      textStart = i;
    } else if (c === "<" && /[A-Za-z/!]/.test(src[i + 1] ?? "")) {
      flush();
      i = readTag(src, i + 1, (name, value, at) => {
        if (WORDY_ATTRIBUTES.has(name.toLowerCase())) keep(value, at, `${name}=`);
      });
      textStart = i;
    } else {
      if (!text) textStart = i;
      text += c;
      i++;
    }
  }
  flush();
  return found;
}

/** Reads a tag from just after "<" to just past ">"; reports each quoted attribute with its `{...}` parts left out. */
function readTag(src: string, start: number, attribute: (name: string, literal: string, at: number) => void): number {
  let i = start;
  while (i < src.length && src[i] !== ">") {
    if (src[i] === "{") {
      i = skipBraces(src, i);
      continue;
    }
    const m = /^([A-Za-z_:@][\w:.@-]*)\s*=\s*/.exec(src.slice(i, i + 200));
    if (m) {
      const at = i;
      i += m[0].length;
      const q = src[i];
      let literal = "";
      if (q === '"' || q === "'") {
        i++;
        while (i < src.length && src[i] !== q) {
          if (src[i] === "{") i = skipBraces(src, i);
          else literal += src[i++];
        }
        i++;
      } else if (q === "{") {
        i = skipBraces(src, i);
      } else {
        while (i < src.length && !/[\s>]/.test(src[i]) && !(src[i] === "/" && src[i + 1] === ">")) literal += src[i++];
      }
      attribute(m[1], literal, at);
      continue;
    }
    i++;
  }
  return i + 1;
}

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return svelteFiles(p);
    return name.endsWith(".svelte") ? [p] : [];
  });
}

// vitest gives each test file its own directory (under jsdom, import.meta.url is no file URL).
const COMPONENTS = join(__dirname, "..", "..", "components");

describe("i18n dictionaries", () => {
  it("have the same keys, array lengths and function arities in Dutch and English, and no empty text", () => {
    expect(dictProblems(nl, en)).toEqual([]);
  });

  it("the check itself finds a missing key, a different arity, a shorter array and an empty text", () => {
    const a = { x: { y: "a", z: "b" }, f: (n: number) => `${n}`, l: ["1", "2"], e: "x" };
    const b = { x: { y: "a" }, f: () => "", l: ["1"], e: " " };
    expect(dictProblems(a, b)).toEqual([
      "x.z: missing in en",
      "f: nl takes 1 argument(s), en takes 0",
      "l: nl has 2 entries, en has 1",
      "e: en is empty",
    ]);
  });
});

describe("component markup", () => {
  it("has no literal user-facing text outside lib/i18n", () => {
    const files = svelteFiles(COMPONENTS);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) =>
      literalTexts(readFileSync(f, "utf8")).map((l) => `${relative(COMPONENTS, f)}:${l.line} ${l.where} ${JSON.stringify(l.text)}`),
    );
    expect(found).toEqual([]);
  });

  it("the scan finds words in text and attributes, and leaves expressions, scripts, styles and comments alone", () => {
    const src = `<script lang="ts">let a = "Hallo";</script>
<!-- een opmerking -->
<p>{i18n.t.x} Welkom</p>
<input placeholder="Zoeken" title={i18n.t.y} aria-label="Naam {n}" />
<img alt="" src="x.png" class="foto" />
<button>×</button>&nbsp;(&eacute;)
{#if a > b}<span>{\`\${a} }\`}</span>{/if}
<style>p { color: red; }</style>`;
    expect(literalTexts(src)).toEqual([
      { line: 3, where: "text", text: "Welkom" },
      { line: 4, where: "placeholder=", text: "Zoeken" },
      { line: 4, where: "aria-label=", text: "Naam" },
      { line: 6, where: "text", text: "(&eacute;)" },
    ]);
  });
});
