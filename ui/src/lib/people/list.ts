// The people list's sizes. A school of 1 500 draws only the rows in view:
// every row has the same height, so a row's place is index × height.

/** The height of one row in rem (app.css gives .list-row this height, on one line). */
export const PERSON_ROW_REM = 2.75;
/** Rows drawn above and below the view, so Tab and a quick scroll land on a drawn row. */
export const PERSON_OVERSCAN = 8;
/**
 * Below this many people every row is in the page (the browser's own find
 * sees them all, and nothing is measured); from here on only the rows in view are.
 */
export const VIRTUAL_FROM = 150;
