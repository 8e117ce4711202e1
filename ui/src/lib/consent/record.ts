// Turns the ticked boxes into the answers the backend stores: every item of
// the form is answered, unticked means "no".

import type { AnswerInput, FormContent } from "../api";
import { itemKey } from "./items";

export function answersFor(content: FormContent, ticked: Readonly<Record<string, boolean>>): AnswerInput[] {
  return content.items.map((k) => {
    const item = itemKey(k);
    return { item, yes: ticked[item] === true };
  });
}
