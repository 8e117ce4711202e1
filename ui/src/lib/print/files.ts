// What the print screens say about the files the backend wrote. Paths come
// from Windows or from Unix-like systems, so both separators count.

/** The folder a file is in: "A/B/c.pdf" → "A/B", "A\\B\\c.pdf" → "A\\B"; a bare name stays as is. */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (i < 0) return path;
  // The root itself ("/" or "C:\") keeps its separator.
  if (i === 0 || (i === 2 && path[1] === ":")) return path.slice(0, i + 1);
  return path.slice(0, i);
}

/** The start of a SHA-256 fingerprint, enough to compare by eye. */
export function shortFingerprint(sha256: string): string {
  return sha256.slice(0, 16);
}
