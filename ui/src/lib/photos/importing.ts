// What an import report means for people: new photos, photos the library
// already had (same content, so nothing was added), and files that failed.

import type { FailedFile, ImportReport } from "../api";

export type ImportSummary = {
  added: number;
  already: number;
  failed: FailedFile[];
  cancelled: boolean;
  /** Nothing imported and nothing failed: the choice held no photos. */
  nothingFound: boolean;
};

export function summarise(report: ImportReport): ImportSummary {
  const added = report.imported.filter((p) => p.new).length;
  const already = report.imported.length - added;
  return {
    added,
    already,
    failed: report.failed,
    cancelled: report.cancelled,
    nothingFound: !report.cancelled && report.imported.length === 0 && report.failed.length === 0,
  };
}
