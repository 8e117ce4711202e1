// Texts of retention: the terms in Settings and the screen that lists what is
// past them and removes it. Dutch first.

import type { Removed, RetentionDue } from "../api";

// Each count with its word for one and for more.
type Parts = [keyof Removed, string, string][];

function words(r: Removed, parts: Parts, extra: string | null): string {
  const out = parts
    .filter(([k]) => (r[k] as number) > 0)
    .map(([k, one, more]) => {
      const n = r[k] as number;
      return `${n} ${n === 1 ? one : more}`;
    });
  if (extra) out.push(extra);
  return out.join(", ");
}

const nlParts: Parts = [
  ["consent_events", "toestemmingsregel", "toestemmingsregels"],
  ["photos", "foto", "foto's"],
  ["tags_unnamed", "naam op een foto wordt 'onbekend'", "namen op foto's worden 'onbekend'"],
  ["memberships", "groepslidmaatschap", "groepslidmaatschappen"],
  ["guardians", "ouder/verzorger", "ouders/verzorgers"],
];
const enParts: Parts = [
  ["consent_events", "consent record", "consent records"],
  ["photos", "photo", "photos"],
  ["tags_unnamed", "name on a photo becomes 'unknown'", "names on photos become 'unknown'"],
  ["memberships", "group membership", "group memberships"],
  ["guardians", "guardian", "guardians"],
];

const nl = {
  settingsTitle: "Bewaartermijnen",
  settingsLead:
    "Hoe lang gegevens blijven van wie vertrokken is. Verwijderen gebeurt pas als u het lijstje bekeken hebt; elke verwijdering komt in het logboek.",
  photosYears: "Namen op foto's en nooit gepubliceerde foto's (jaar na vertrek)",
  photosHelp: "Standaard 1: foto's van wie vertrok mogen niet meer gebruikt worden; een schooljaar volstaat om terug te kijken.",
  consentYears: "Toestemming en persoonsgegevens (jaar na vertrek)",
  consentHelp:
    "Standaard 5: zolang kan iemand een klacht indienen over wat gepubliceerd is (verjaring art. 3:310 BW). Pas na het afgedrukte vertrekdossier, en nooit zolang een foto nog online staat.",
  untaggedYears: "Foto's waarop niemand genoemd is en die nooit gepubliceerd zijn (jaar na de fotodatum)",
  untaggedHelp: "Standaard 2: het schooljaar van de foto en het volgende.",
  save: "Opslaan",
  saved: "De bewaartermijnen zijn opgeslagen.",
  review: "Bekijken wat over zijn termijn is…",
  title: "Bewaartermijnen: wat weg mag",
  lead: (date: string) =>
    `Dit gaat weg als u op Verwijderen klikt, per ${date}. Er is nog niets verwijderd. Gepubliceerde foto's blijven, met hun publicaties, als bewijs.`,
  nothing: "Niets is over zijn bewaartermijn. Er hoeft niets weg.",
  onlyWaiting: "Er gaat nu niets weg. Hieronder staat wie nog wacht, en waarom.",
  left: (date: string) => `vertrokken ${date}`,
  goes: (r: Removed) => words(r, nlParts, r.person ? "de persoonsgegevens" : null),
  holdOnline: (ids: string) => `Toestemming blijft: een foto staat nog online (publicatie ${ids}). Haal die eerst weg.`,
  holdDossier: "Toestemming blijft: het vertrekdossier is nog niet afgedrukt.",
  skip: "Dossier overslaan…",
  skipTitle: "Vertrekdossier overslaan",
  skipLead: "Waarom wordt het dossier niet afgedrukt? De reden komt in het logboek; daarna mag de toestemming weg zonder afgedrukt dossier.",
  reason: "Reden",
  skipConfirm: "Overslaan",
  cancel: "Annuleren",
  untagged: "Foto's waarop niemand genoemd is",
  photo: (id: number, name: string, date: string) => `Foto ${id} (${name}, ${date})`,
  remove: "Verwijderen…",
  confirmTitle: "Definitief verwijderen?",
  confirmLead: (total: string) => `Dit kan niet ongedaan gemaakt worden: ${total}. Het logboek houdt bij wat er weg is (zonder namen).`,
  confirm: "Ja, verwijderen",
  removed: (total: string) => `Verwijderd: ${total}. Het staat in het logboek.`,
  total: (r: Removed, persons: number) => words(r, nlParts, persons > 0 ? `gegevens van ${persons} ${persons === 1 ? "persoon" : "personen"}` : null) || "niets",
  reminder: (d: RetentionDue) => {
    const parts = [];
    if (d.persons > 0) parts.push(`gegevens van ${d.persons} ${d.persons === 1 ? "vertrokken persoon" : "vertrokken personen"}`);
    if (d.photos > 0) parts.push(`${d.photos} ${d.photos === 1 ? "foto" : "foto's"}`);
    if (d.tags_unnamed > 0) parts.push(`${d.tags_unnamed} ${d.tags_unnamed === 1 ? "naam op een foto" : "namen op foto's"}`);
    const due = parts.length > 0 ? `Over hun bewaartermijn: ${parts.join(", ")}. ` : "";
    const dossiers = d.dossiers_missing > 0 ? `${d.dossiers_missing} ${d.dossiers_missing === 1 ? "vertrekdossier is" : "vertrekdossiers zijn"} nog niet afgedrukt. ` : "";
    return `${due}${dossiers}`.trim();
  },
  reminderOpen: "Bekijken",
};

const en: typeof nl = {
  settingsTitle: "Retention",
  settingsLead: "How long data of people who left is kept. Nothing is removed until you have looked at the list; every removal goes into the audit log.",
  photosYears: "Names on photos and never-published photos (years after leaving)",
  photosHelp: "Default 1: photos of leavers may no longer be used; one school year is enough to look back.",
  consentYears: "Consent and personal records (years after leaving)",
  consentHelp:
    "Default 5: a complaint about what was published can be made that long (Dutch limitation, art. 3:310 BW). Only after the exit dossier was printed, and never while a photo is still online.",
  untaggedYears: "Photos on which nobody is named, never published (years after the photo's date)",
  untaggedHelp: "Default 2: the photo's school year and the next.",
  save: "Save",
  saved: "The retention terms have been saved.",
  review: "Review what is past its term…",
  title: "Retention: what may go",
  lead: (date: string) => `This goes when you click Remove, as of ${date}. Nothing has been removed yet. Published photos stay, with their publications, as evidence.`,
  nothing: "Nothing is past its retention term. Nothing needs to go.",
  onlyWaiting: "Nothing goes now. Below is who is waiting, and why.",
  left: (date: string) => `left ${date}`,
  goes: (r: Removed) => words(r, enParts, r.person ? "the person's record" : null),
  holdOnline: (ids: string) => `Consent stays: a photo is still online (publication ${ids}). Take it down first.`,
  holdDossier: "Consent stays: the exit dossier has not been printed yet.",
  skip: "Skip dossier…",
  skipTitle: "Skip the exit dossier",
  skipLead: "Why is the dossier not printed? The reason goes into the audit log; then the consent data may go without a printed dossier.",
  reason: "Reason",
  skipConfirm: "Skip",
  cancel: "Cancel",
  untagged: "Photos on which nobody is named",
  photo: (id: number, name: string, date: string) => `Photo ${id} (${name}, ${date})`,
  remove: "Remove…",
  confirmTitle: "Remove for good?",
  confirmLead: (total: string) => `This cannot be undone: ${total}. The audit log keeps what went (without names).`,
  confirm: "Yes, remove",
  removed: (total: string) => `Removed: ${total}. It is in the audit log.`,
  total: (r: Removed, persons: number) => words(r, enParts, persons > 0 ? `records of ${persons} ${persons === 1 ? "person" : "persons"}` : null) || "nothing",
  reminder: (d: RetentionDue) => {
    const parts = [];
    if (d.persons > 0) parts.push(`records of ${d.persons} ${d.persons === 1 ? "leaver" : "leavers"}`);
    if (d.photos > 0) parts.push(`${d.photos} ${d.photos === 1 ? "photo" : "photos"}`);
    if (d.tags_unnamed > 0) parts.push(`${d.tags_unnamed} ${d.tags_unnamed === 1 ? "name on a photo" : "names on photos"}`);
    const due = parts.length > 0 ? `Past their retention term: ${parts.join(", ")}. ` : "";
    const dossiers = d.dossiers_missing > 0 ? `${d.dossiers_missing} ${d.dossiers_missing === 1 ? "exit dossier has" : "exit dossiers have"} not been printed. ` : "";
    return `${due}${dossiers}`.trim();
  },
  reminderOpen: "Review",
};

export const retention = { nl, en };
