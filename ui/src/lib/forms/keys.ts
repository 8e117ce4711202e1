// Choice keys are what the form file and the consent records store:
// lowercase a-z, 0-9 and "-", at most 40 characters (the backend checks too).

export const KEY_MAX = 40;

export function validKey(k: string): boolean {
  return k.length > 0 && k.length <= KEY_MAX && /^[a-z0-9-]+$/.test(k);
}

/** A key suggested from a label: "Sociale media" → "sociale-media". */
export function slugKey(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, KEY_MAX)
    .replace(/-+$/, "");
}
