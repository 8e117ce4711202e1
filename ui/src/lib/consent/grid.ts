// Lays a form's items out as a table: photo types as rows, channel × purpose
// as columns, in the order the form lists its choices. Only combinations the
// form asks about get a column or row; other cells stay empty.

import type { Choice, FormContent } from "../api";
import { itemKey } from "./items";

export type GridColumn = { channel: Choice; purpose: Choice };
export type ChannelHeader = { channel: Choice; span: number };
export type GridRow = { photoType: Choice; cells: (string | null)[] };
export type Grid = { channels: ChannelHeader[]; columns: GridColumn[]; rows: GridRow[] };

export function buildGrid(content: FormContent): Grid {
  const asked = new Set(content.items.map(itemKey));
  const has = (pred: (k: { photo_type: string; channel: string; purpose: string }) => boolean) => content.items.some(pred);

  const columns: GridColumn[] = [];
  const channels: ChannelHeader[] = [];
  for (const channel of content.channels) {
    const purposes = content.purposes.filter((p) => has((k) => k.channel === channel.key && k.purpose === p.key));
    if (purposes.length === 0) continue;
    channels.push({ channel, span: purposes.length });
    for (const purpose of purposes) columns.push({ channel, purpose });
  }

  const rows: GridRow[] = content.photo_types
    .filter((t) => has((k) => k.photo_type === t.key))
    .map((photoType) => ({
      photoType,
      cells: columns.map((c) => {
        const key = `${photoType.key}/${c.channel.key}/${c.purpose.key}`;
        return asked.has(key) ? key : null;
      }),
    }));

  return { channels, columns, rows };
}

/** Every item of the grid in reading order (left to right, top to bottom). */
export function readingOrder(grid: Grid): string[] {
  return grid.rows.flatMap((r) => r.cells.filter((c): c is string => c !== null));
}

/** The items of a row, left to right. */
export function rowItems(row: GridRow): string[] {
  return row.cells.filter((c): c is string => c !== null);
}

/** The items of column `col` (0-based), top to bottom. */
export function columnItems(grid: Grid, col: number): string[] {
  return grid.rows.map((r) => r.cells[col]).filter((c): c is string => c != null);
}

/** The first column of each channel header, in order (a header spans `span` columns from there). */
export function channelStarts(grid: Grid): number[] {
  let at = 0;
  return grid.channels.map((ch) => {
    const start = at;
    at += ch.span;
    return start;
  });
}

/** Every item under channel header `index` (all its purposes), row by row. */
export function channelItems(grid: Grid, index: number): string[] {
  const start = channelStarts(grid)[index] ?? 0;
  const span = grid.channels[index]?.span ?? 0;
  return grid.rows.flatMap((r) => r.cells.slice(start, start + span).filter((c): c is string => c !== null));
}
