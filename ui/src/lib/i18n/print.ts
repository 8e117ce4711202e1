// Texts of the printouts: exit dossiers (one person, or everyone who left in a
// period), consent forms on paper, photos to take home, the re-consent round
// and the measures sheet. Dutch first; English has the same shape.

import type { ReconsentReason } from "../api";

/** "A", "A en B", "A, B en C": names in a sentence. */
function joinNames(names: string[], and: string): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} ${and} ${names[names.length - 1]}`;
}

const nl = {
  openFile: "Openen in de PDF-viewer",
  busy: "Bezig…",
  // The person page.
  title: "Afdrukken",
  help: "Het vertrekdossier zet alles over de toestemming van deze persoon op een rij, om te bewaren na het vertrek. Het formulier is een toestemmingsformulier op papier met naam en groep al ingevuld, om te laten invullen en ondertekenen.",
  dossier: "Vertrekdossier afdrukken",
  access: "Inzageoverzicht (AVG)",
  accessSaved: (path: string, photos: number, withheld: number) =>
    `Het inzageoverzicht is opgeslagen als ${path}: ${photos === 1 ? "1 foto" : `${photos} foto's`}, alleen deze persoon herkenbaar${withheld > 0 ? `; ${withheld} zonder afbeelding omdat niet is aangegeven waar deze persoon erop staat` : ""}.`,
  form: "Formulier afdrukken",
  formChoice: "Welk formulier",
  dossierSaved: (path: string) => `Het vertrekdossier is opgeslagen als ${path}.`,
  dossierFingerprint: (events: number, fingerprint: string) =>
    `Het bevat ${events === 0 ? "geen gebeurtenissen" : events === 1 ? "1 gebeurtenis" : `${events} gebeurtenissen`}, vingerafdruk ${fingerprint}…`,
  formSaved: (path: string) => `Het formulier is opgeslagen als ${path}.`,
  formsSaved: (n: number, path: string) => (n === 1 ? `1 formulier opgeslagen in ${path}.` : `${n} formulieren opgeslagen in ${path}.`),
  blankSaved: (path: string) => `Het blanco formulier is opgeslagen als ${path}.`,
  // Photos to take home, on the person page.
  photos: "Foto's om mee te geven",
  photosHelp:
    "Foto's om mee te geven: elke foto waarop deze persoon staat, met alle anderen onherkenbaar gemaakt en zonder verborgen gegevens in het bestand (zoals datum en plaats).",
  photosSaved: (n: number, folder: string) => (n === 1 ? `1 foto opgeslagen in ${folder}.` : `${n} foto's opgeslagen in ${folder}.`),
  photosHidden: (n: number) =>
    n === 0 ? "Er stond niemand anders op." : n === 1 ? "Er is 1 andere persoon onherkenbaar gemaakt." : `Er zijn ${n} anderen onherkenbaar gemaakt (geteld per foto).`,
  photosNone: "Deze persoon staat op geen enkele foto. Er is niets opgeslagen.",
  photosNoneSaved: "Er is geen foto opgeslagen.",
  photosSkipped: (photo: string, names: string[]) =>
    names.length === 1
      ? `Niet meegegeven: ${photo} — ${names[0]} staat erop zonder vak; zet eerst een vak rond ${names[0]}.`
      : `Niet meegegeven: ${photo} — ${joinNames(names, "en")} staan erop zonder vak; zet eerst een vak rond ieder van hen.`,
  photosProblem: (problem: string) => `Niet meegegeven: ${problem}`,
  openPhoto: "Foto openen",
  openPhotoLabel: (photo: string) => `Foto ${photo} openen`,
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
  // The re-consent round.
  reconsent: {
    title: "Opnieuw vragen",
    intro:
      "Wie u opnieuw om toestemming moet vragen, en waarom. Kies de dag waarop u wilt vragen, bijvoorbeeld de eerste schooldag. Druk de lijst af om af te vinken, eventueel met voor iedereen een formulier waarop naam en groep al zijn ingevuld.",
    date: "Datum",
    dateHelp: "Leeg is vandaag.",
    group: "Groep",
    noGroup: "Zonder groep",
    none: "Niemand hoeft opnieuw gevraagd te worden.",
    count: (n: number) => (n === 1 ? "1 persoon om opnieuw te vragen" : `${n} personen om opnieuw te vragen`),
    name: "Naam",
    reason: "Waarom",
    items: "Waarvoor",
    reasons: {
      expired: "Toestemming is verlopen",
      expiring: "Toestemming loopt binnen 30 dagen af",
      "never-asked": "Heeft nooit een formulier ingevuld",
      "own-consent-age": "Beslist nu zelf, maar de toestemming kwam van een ouder/voogd",
      "new-uses": "Nieuwe versie van het formulier vraagt om nieuw gebruik",
    } satisfies Record<ReconsentReason, string>,
    print: "Lijst afdrukken",
    printForms: "Lijst en formulieren afdrukken",
    printHelp: "De formulieren komen in een apart bestand naast de lijst, één per persoon, met naam en groep al ingevuld.",
    saved: (path: string, people: number) =>
      `De lijst is opgeslagen als ${path} (${people === 1 ? "1 persoon" : `${people} personen`}).`,
    formsSaved: (path: string) => `De formulieren staan ernaast, in ${path}.`,
    noForms: "Er zijn geen formulieren gemaakt: er is geen formulier in gebruik.",
  },
  // The measures sheet, on the forms list.
  measures: {
    print: "Maatregelen afdrukken (verwerkingsregister)",
    help: "Eén pagina met de technische en organisatorische maatregelen rond Beeldakkoord, om bij uw verwerkingsregister te bewaren.",
    saved: (path: string) => `De maatregelen zijn opgeslagen als ${path}.`,
  },
  // The organisation's logo on every printout, on the forms list.
  logo: {
    set: "Op elke afdruk staat het logo van de organisatie, naast de naam.",
    none: "De afdrukken hebben nog geen logo; alleen de naam van de organisatie staat bovenaan.",
    choose: "Logo kiezen",
    replace: "Ander logo kiezen",
    remove: "Logo weghalen",
    help: "Een PNG- of JPEG-afbeelding van hooguit 5 MB.",
    chosen: "Het logo staat voortaan op elke afdruk.",
    removed: "Het logo is weggehaald.",
  },
};

const en: typeof nl = {
  openFile: "Open in the PDF viewer",
  busy: "Working…",
  title: "Print",
  help: "The exit dossier sets out everything about this person's consent, to keep after they leave. The form is a consent form on paper with name and group filled in, to be completed and signed.",
  dossier: "Print exit dossier",
  access: "Access overview (GDPR)",
  accessSaved: (path: string, photos: number, withheld: number) =>
    `The access overview was saved as ${path}: ${photos === 1 ? "1 photo" : `${photos} photos`}, only this person recognisable${withheld > 0 ? `; ${withheld} without a picture because where this person is on it is not marked` : ""}.`,
  form: "Print consent form",
  formChoice: "Which form",
  dossierSaved: (path: string) => `The exit dossier was saved as ${path}.`,
  dossierFingerprint: (events: number, fingerprint: string) =>
    `It holds ${events === 0 ? "no events" : events === 1 ? "1 event" : `${events} events`}, fingerprint ${fingerprint}…`,
  formSaved: (path: string) => `The form was saved as ${path}.`,
  formsSaved: (n: number, path: string) => (n === 1 ? `1 form saved in ${path}.` : `${n} forms saved in ${path}.`),
  blankSaved: (path: string) => `The blank form was saved as ${path}.`,
  photos: "Photos to take home",
  photosHelp: "Photos to take home: every photo this person is on, with everyone else made unrecognisable and no hidden details in the file (such as date and place).",
  photosSaved: (n: number, folder: string) => (n === 1 ? `1 photo saved in ${folder}.` : `${n} photos saved in ${folder}.`),
  photosHidden: (n: number) =>
    n === 0 ? "Nobody else was on them." : n === 1 ? "1 other person was made unrecognisable." : `${n} others were made unrecognisable (counted per photo).`,
  photosNone: "This person is not on any photo. Nothing was saved.",
  photosNoneSaved: "No photo was saved.",
  photosSkipped: (photo: string, names: string[]) =>
    names.length === 1
      ? `Not included: ${photo} — ${names[0]} is on it without a box; put a box around ${names[0]} first.`
      : `Not included: ${photo} — ${joinNames(names, "and")} are on it without a box; put a box around each of them first.`,
  photosProblem: (problem: string) => `Not included: ${problem}`,
  openPhoto: "Open photo",
  openPhotoLabel: (photo: string) => `Open photo ${photo}`,
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
  reconsent: {
    title: "Ask again",
    intro:
      "Who you need to ask for consent again, and why. Choose the day you want to ask, for example the first day of school. Print the list to tick off, if you like with a form for everyone with name and group filled in.",
    date: "Date",
    dateHelp: "Empty means today.",
    group: "Group",
    noGroup: "No group",
    none: "Nobody has to be asked again.",
    count: (n: number) => (n === 1 ? "1 person to ask again" : `${n} people to ask again`),
    name: "Name",
    reason: "Why",
    items: "For what",
    reasons: {
      expired: "Consent has expired",
      expiring: "Consent ends within 30 days",
      "never-asked": "Never filled in a form",
      "own-consent-age": "Decides alone now, but consent came from a parent/guardian",
      "new-uses": "A new version of the form asks about new uses",
    },
    print: "Print list",
    printForms: "Print list and forms",
    printHelp: "The forms go in a separate file beside the list, one per person, with name and group filled in.",
    saved: (path: string, people: number) => `The list was saved as ${path} (${people === 1 ? "1 person" : `${people} people`}).`,
    formsSaved: (path: string) => `The forms are beside it, in ${path}.`,
    noForms: "No forms were made: no form is in use.",
  },
  measures: {
    print: "Print measures (processing register)",
    help: "One page with the technical and organisational measures around Beeldakkoord, to keep with your processing register.",
    saved: (path: string) => `The measures were saved as ${path}.`,
  },
  logo: {
    set: "Every printout carries the organisation's logo, beside its name.",
    none: "Printouts have no logo yet; only the organisation's name is at the top.",
    choose: "Choose logo",
    replace: "Choose another logo",
    remove: "Remove logo",
    help: "A PNG or JPEG image of at most 5 MB.",
    chosen: "The logo is on every printout from now on.",
    removed: "The logo has been removed.",
  },
};

export const print = { nl, en };
