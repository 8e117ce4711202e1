// Texts of the printouts: exit dossiers (one person, or everyone who left in a
// period) and consent forms on paper. Dutch first; English has the same shape.

const nl = {
  busy: "Bezig…",
  // The person page.
  title: "Afdrukken",
  help: "Het vertrekdossier zet alles over de toestemming van deze persoon op een rij, om te bewaren na het vertrek. Het formulier is een toestemmingsformulier op papier met naam en groep al ingevuld, om te laten invullen en ondertekenen.",
  dossier: "Vertrekdossier afdrukken",
  form: "Formulier afdrukken",
  formChoice: "Welk formulier",
  dossierSaved: (path: string) => `Het vertrekdossier is opgeslagen als ${path}.`,
  dossierFingerprint: (events: number, fingerprint: string) =>
    `Het bevat ${events === 0 ? "geen gebeurtenissen" : events === 1 ? "1 gebeurtenis" : `${events} gebeurtenissen`}, vingerafdruk ${fingerprint}…`,
  formSaved: (path: string) => `Het formulier is opgeslagen als ${path}.`,
  formsSaved: (n: number, path: string) => (n === 1 ? `1 formulier opgeslagen in ${path}.` : `${n} formulieren opgeslagen in ${path}.`),
  blankSaved: (path: string) => `Het blanco formulier is opgeslagen als ${path}.`,
  // The people list, filtered by a group.
  groupForms: "Formulieren voor deze groep afdrukken",
  // The forms list.
  blank: "Blanco formulier",
  blankLabel: (title: string) => `Blanco formulier afdrukken: ${title}`,
  // The leavers screen.
  leavers: {
    title: "Vertrekkers",
    intro:
      "Iedereen met een vertrekdatum in de gekozen periode. Maak per persoon een vertrekdossier, of maak ze allemaal tegelijk: één PDF per persoon en één PDF met alles samen, om in één keer af te drukken.",
    from: "Vertrokken vanaf",
    to: "tot en met",
    datesMissing: "Vul beide datums in.",
    none: "In deze periode is niemand vertrokken.",
    count: (n: number) => (n === 1 ? "1 persoon vertrokken" : `${n} personen vertrokken`),
    name: "Naam",
    groups: "Groepen",
    left: "Vertrokken op",
    print: "Vertrekdossier",
    printLabel: (name: string) => `Vertrekdossier van ${name} afdrukken`,
    batchStart: (n: number) => (n === 1 ? "1 vertrekdossier maken" : n === 0 ? "Alle vertrekdossiers maken" : `Alle ${n} vertrekdossiers maken`),
    batchHelp: "U kiest eerst een map. Er wordt pas iets in die map gezet als alle dossiers klaar zijn.",
    making: "Vertrekdossiers maken",
    preparing: "Kies een map in het venster dat opent. Daarna begint het maken.",
    progress: (done: number, total: number, name: string) => `${done} van ${total} — ${name}`,
    progressLabel: "Voortgang van de vertrekdossiers",
    cancel: "Stoppen",
    stopping: "Bezig met stoppen…",
    doneTitle: "De vertrekdossiers zijn klaar",
    saved: (n: number, folder: string) => (n === 1 ? `1 vertrekdossier opgeslagen in ${folder}` : `${n} vertrekdossiers opgeslagen in ${folder}`),
    combined: (path: string) => `Alles samen in ${path}, om in één keer af te drukken.`,
    stoppedTitle: "Gestopt",
    stopped: "Gestopt: er is niets opgeslagen.",
    nobody: "Er was niemand om een vertrekdossier voor te maken. Er is niets opgeslagen.",
  },
};

const en: typeof nl = {
  busy: "Working…",
  title: "Print",
  help: "The exit dossier sets out everything about this person's consent, to keep after they leave. The form is a consent form on paper with name and group filled in, to be completed and signed.",
  dossier: "Print exit dossier",
  form: "Print consent form",
  formChoice: "Which form",
  dossierSaved: (path: string) => `The exit dossier was saved as ${path}.`,
  dossierFingerprint: (events: number, fingerprint: string) =>
    `It holds ${events === 0 ? "no events" : events === 1 ? "1 event" : `${events} events`}, fingerprint ${fingerprint}…`,
  formSaved: (path: string) => `The form was saved as ${path}.`,
  formsSaved: (n: number, path: string) => (n === 1 ? `1 form saved in ${path}.` : `${n} forms saved in ${path}.`),
  blankSaved: (path: string) => `The blank form was saved as ${path}.`,
  groupForms: "Print forms for this group",
  blank: "Blank form",
  blankLabel: (title: string) => `Print blank form: ${title}`,
  leavers: {
    title: "Leavers",
    intro:
      "Everyone with a leave date in the chosen period. Make an exit dossier per person, or make them all at once: one PDF per person and one PDF with everything, to print in one go.",
    from: "Left from",
    to: "up to and including",
    datesMissing: "Fill in both dates.",
    none: "Nobody left in this period.",
    count: (n: number) => (n === 1 ? "1 person left" : `${n} people left`),
    name: "Name",
    groups: "Groups",
    left: "Left on",
    print: "Exit dossier",
    printLabel: (name: string) => `Print the exit dossier of ${name}`,
    batchStart: (n: number) => (n === 1 ? "Make 1 exit dossier" : n === 0 ? "Make all exit dossiers" : `Make all ${n} exit dossiers`),
    batchHelp: "You choose a folder first. Nothing is put in that folder until all dossiers are done.",
    making: "Making exit dossiers",
    preparing: "Choose a folder in the window that opens. Then the making starts.",
    progress: (done: number, total: number, name: string) => `${done} of ${total} — ${name}`,
    progressLabel: "Exit dossier progress",
    cancel: "Stop",
    stopping: "Stopping…",
    doneTitle: "The exit dossiers are ready",
    saved: (n: number, folder: string) => (n === 1 ? `1 exit dossier saved in ${folder}` : `${n} exit dossiers saved in ${folder}`),
    combined: (path: string) => `Everything together in ${path}, to print in one go.`,
    stoppedTitle: "Stopped",
    stopped: "Stopped: nothing was saved.",
    nobody: "There was nobody to make an exit dossier for. Nothing was saved.",
  },
};

export const print = { nl, en };
