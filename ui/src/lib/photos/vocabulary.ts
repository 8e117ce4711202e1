// The words screens need beside their own list: the groups and the photo
// types, channels and purposes of the forms in use. Without them a screen
// still works and shows keys.

import { api, type Group, type PhotoChoices } from "../api";

export const noChoices = (): PhotoChoices => ({ photo_types: [], channels: [], purposes: [] });

export type Vocabulary = { groups: Group[]; choices: PhotoChoices };

export const noVocabulary = (): Vocabulary => ({ groups: [], choices: noChoices() });

export async function vocabulary(): Promise<Vocabulary> {
  const [groups, choices] = await Promise.all([api.groups(), api.photoChoices()]);
  return { groups, choices };
}
