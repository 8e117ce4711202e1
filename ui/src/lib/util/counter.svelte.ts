// Act when a counter another part of the window keeps goes up (an import
// finished, a scan moved on): not for the value it had when the component
// started, only for each change after. Call it while a component initialises.

import { untrack } from "svelte";

export function onCountChange(read: () => number, act: () => void): void {
  let seen = untrack(read);
  $effect(() => {
    const now = read();
    untrack(() => {
      if (now === seen) return;
      seen = now;
      act();
    });
  });
}
