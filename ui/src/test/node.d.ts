// The few Node APIs the source-scanning tests use (they run in Node under
// vitest). The app itself runs in a web view and has no Node types, so these
// are declared here instead of pulling in @types/node for every file.

declare module "node:fs" {
  export function readFileSync(path: string, encoding: "utf8"): string;
  export function readdirSync(path: string): string[];
  export function statSync(path: string): { isDirectory(): boolean };
}

declare module "node:path" {
  export function join(...parts: string[]): string;
  export function relative(from: string, to: string): string;
}

/** The directory of the test file, which vitest provides. */
declare const __dirname: string;
