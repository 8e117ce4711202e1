// Texts of the takedown screens, Dutch first; English has the same shape.
// Status and reason words only put the backend's decision into words.

import type { Rule } from "../api";

const nl = {
  title: "Verwijderlijst",
  intro:
    "Foto's die nog online staan, terwijl iemand op de foto er niet meer op mag staan: bijvoorbeeld omdat de toestemming is ingetrokken of verlopen. Haal ze weg en noteer hier dat ze verwijderd zijn.",
  date: "Nakijken op",
  dateHelp: "Vandaag, of een latere dag om vooruit te kijken.",
  none: (date: string) => `Op ${date} hoeft er niets verwijderd te worden.`,
  count: (n: number) => (n === 1 ? "1 publicatie moet weg." : `${n} publicaties moeten weg.`),
  openPhoto: "Foto openen",
  thumbAlt: (place: string) => `Foto geplaatst op ${place}; klik om de foto te openen`,
  channel: "Kanaal",
  purpose: "Doel",
  publishedOn: "Geplaatst op",
  who: "Wie mag er niet meer op staan?",
  unknownName: "Onbekende persoon",
  colleague: "Een collega",
  remove: "Verwijderd",
  removeHelp: "Haal de foto eerst echt weg op deze plaats. Noteer daarna hier wanneer dat gebeurd is.",
  removeDate: "Verwijderd op",
  confirm: "Ja, noteren als verwijderd",
  removed: (place: string) => `De publicatie op ${place} staat als verwijderd genoteerd.`,
  rule: {
    "consent-granted": "er is toestemming voor dit gebruik",
    "consent-denied": "er is nu 'nee' gekozen voor dit gebruik",
    "consent-withdrawn": "de toestemming is ingetrokken",
    "consent-expired": "de toestemming is verlopen: de termijn is voorbij of de persoon is vertrokken",
    "left-organisation": "de persoon is vertrokken en de toestemming eindigde bij het vertrek (instelling van de organisatie)",
    "consent-never-asked": "er is geen toestemming meer voor dit gebruik (bijvoorbeeld omdat een invoer ongedaan is gemaakt)",
    "own-answer-needed": "deze leerling beslist nu zelf; wat de ouders zeiden geldt niet meer en een eigen antwoord ontbreekt",
    "no-photo-type": "bij de foto staat geen soort beeld meer",
    "unknown-person": "een onbekende persoon: niemand kan toestemming gegeven hebben",
    "face-not-identified": "een gevonden gezicht dat nog niemand benoemde",
    "not-registered": "deze persoon staat niet meer in de administratie",
    "notice-covers": "de groep is geïnformeerd over dit gebruik",
    "no-notice": "de groep van deze persoon is niet geïnformeerd over dit gebruik (bijvoorbeeld na een wissel van groep of na vertrek)",
  } satisfies Record<Rule, string>,
};

const en: typeof nl = {
  title: "Takedown list",
  intro:
    "Photos still online while someone in the photo may no longer appear in it: for example because consent was withdrawn or has expired. Take them down and note here that they were taken down.",
  date: "Check on",
  dateHelp: "Today, or a later day to look ahead.",
  none: (date: string) => `Nothing needs to be taken down on ${date}.`,
  count: (n: number) => (n === 1 ? "1 publication must come down." : `${n} publications must come down.`),
  openPhoto: "Open photo",
  thumbAlt: (place: string) => `Photo published on ${place}; click to open the photo`,
  channel: "Channel",
  purpose: "Purpose",
  publishedOn: "Published on",
  who: "Who may no longer appear in it?",
  unknownName: "Unknown person",
  colleague: "A colleague",
  remove: "Mark as taken down",
  removeHelp: "First really take the photo down at this place. Then note here when that happened.",
  removeDate: "Taken down on",
  confirm: "Yes, mark as taken down",
  removed: (place: string) => `The publication on ${place} is marked as taken down.`,
  rule: {
    "consent-granted": "there is consent for this use",
    "consent-denied": "'no' is now chosen for this use",
    "consent-withdrawn": "consent was withdrawn",
    "consent-expired": "consent has expired: the term is over or the person has left",
    "left-organisation": "the person has left and consent ended on leaving (the organisation's setting)",
    "consent-never-asked": "there is no consent for this use any more (for example because an entry was undone)",
    "own-answer-needed": "this pupil now decides; what the parents said no longer counts and their own answer is missing",
    "no-photo-type": "the photo no longer has a photo type",
    "unknown-person": "an unknown person: nobody can have consented",
    "face-not-identified": "a face found that nobody has named yet",
    "not-registered": "this person is no longer in the register",
    "notice-covers": "the group was informed of this use",
    "no-notice": "this person's group was not informed of this use (for example after changing groups or leaving)",
  },
};

export const takedown = { nl, en };
