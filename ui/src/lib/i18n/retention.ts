// Texts of retention: the terms in Settings and the screen that lists what is
// past them and removes it. Dutch first.

import type { Removed } from "../api";

type Parts = [keyof Removed, string][];

function words(r: Removed, parts: Parts, extra: string | null): string {
  const out = parts.filter(([k]) => (r[k] as number) > 0).map(([k, w]) => `${r[k] as number} ${w}`);
  if (extra) out.push(extra);
  return out.join(", ");
}

const nlParts: Parts = [
  ["consent_events", "toestemmingsregels"],
  ["photos", "foto's"],
  ["tags_unnamed", "namen op foto's worden 'onbekend'"],
  ["memberships", "groepslidmaatschappen"],
  ["guardians", "ouders/verzorgers"],
];
const enParts: Parts = [
  ["consent_events", "consent records"],
  ["photos", "photos"],
  ["tags_unnamed", "names on photos become 'unknown'"],
  ["memberships", "group memberships"],
  ["guardians", "guardians"],
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
  total: (r: Removed, persons: number) => words(r, nlParts, persons > 0 ? `gegevens van ${persons} personen` : null) || "niets",
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
  total: (r: Removed, persons: number) => words(r, enParts, persons > 0 ? `records of ${persons} persons` : null) || "nothing",
};

export const retention = { nl, en };
