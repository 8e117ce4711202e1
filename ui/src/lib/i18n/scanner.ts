// Texts of the scanner folder picker ("Scan toevoegen"). Dutch first;
// English has the same shape.

const nl = {
  title: "Scan toevoegen",
  newest: "Nieuwste scans in de scanmap",
  none: "Er staan geen PDF-, JPEG- of PNG-bestanden in de scanmap.",
  folder: (path: string) => `Scanmap: ${path}`,
  unreachable: (path: string) => `De scanmap ${path} is nu niet bereikbaar (een netwerkmap of USB-schijf?). Kies een bestand of een andere map.`,
  noFolder: "Slaat de scanner van de administratie op in een map? Kies die map: dan staan de nieuwste scans hier klaar.",
  chooseFolder: "Scanmap kiezen…",
  otherFolder: "Andere scanmap…",
  forget: "Geen scanmap gebruiken",
  otherFile: "Ander bestand kiezen…",
  line: (name: string, when: string, size: string) => `${name} — ${when}, ${size}`,
};

export type ScannerDict = typeof nl;

const en: ScannerDict = {
  title: "Add scan",
  newest: "Newest scans in the scanner folder",
  none: "There are no PDF, JPEG or PNG files in the scanner folder.",
  folder: (path: string) => `Scanner folder: ${path}`,
  unreachable: (path: string) => `The scanner folder ${path} cannot be reached now (a network folder or USB disk?). Choose a file or another folder.`,
  noFolder: "Does the office's scanner save into a folder? Choose it: the newest scans will then be ready here.",
  chooseFolder: "Choose scanner folder…",
  otherFolder: "Other scanner folder…",
  forget: "Use no scanner folder",
  otherFile: "Choose another file…",
  line: (name: string, when: string, size: string) => `${name} — ${when}, ${size}`,
};

export const scanner = { nl, en };
