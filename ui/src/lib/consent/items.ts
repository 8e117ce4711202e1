// Item keys and their names in words. An item is "photo_type/channel/purpose";
// its words come from the form's choice labels in the user's language.

import type { Choice, FormContent, ItemKey, Label, Lang, PhotoChoices } from "../api";

export function itemKey(k: ItemKey): string {
  return `${k.photo_type}/${k.channel}/${k.purpose}`;
}

export function splitItem(item: string): ItemKey | null {
  const parts = item.split("/");
  if (parts.length !== 3) return null;
  const [photo_type, channel, purpose] = parts;
  return { photo_type, channel, purpose };
}

export function pickLabel(label: Label, lang: Lang): string {
  return label[lang] || label.nl || label.en;
}

function labelOf(choices: Choice[], key: string, lang: Lang): string | null {
  const c = choices.find((ch) => ch.key === key);
  return c ? pickLabel(c.label, lang) : null;
}

/** The three parts of an item in words, from the first form that knows them (keys as fallback). */
export function itemWords(item: string, forms: FormContent[], lang: Lang): [string, string, string] {
  const k = splitItem(item);
  if (!k) return [item, "", ""];
  const owner = forms.find((f) => f.items.some((i) => itemKey(i) === item)) ?? null;
  const search = owner ? [owner, ...forms] : forms;
  const find = (pick: (f: FormContent) => Choice[], key: string): string => {
    for (const f of search) {
      const l = labelOf(pick(f), key, lang);
      if (l) return l;
    }
    return key;
  };
  return [find((f) => f.photo_types, k.photo_type), find((f) => f.channels, k.channel), find((f) => f.purposes, k.purpose)];
}

/** One line: "Klasfoto · Schoolkrant · Promotie". */
export function describeItem(item: string, forms: FormContent[], lang: Lang): string {
  return itemWords(item, forms, lang).filter((p) => p !== "").join(" · ");
}

/** An item in words from the choices of the forms in use (the backend's photoChoices); a part no form knows stays its key. */
export function describeChoiceItem(item: string, choices: PhotoChoices, lang: Lang): string {
  const k = splitItem(item);
  if (!k) return item;
  const word = (list: Choice[], key: string) => labelOf(list, key, lang) ?? key;
  return [word(choices.photo_types, k.photo_type), word(choices.channels, k.channel), word(choices.purposes, k.purpose)].join(" · ");
}
