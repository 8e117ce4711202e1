// Texts of the notices screens, Dutch first; English has the same shape.

import type { Missing } from "../notices/draft";

const nl = {
  title: "Informatieberichten",
  intro:
    "Een spontane sfeerfoto van een groep, waarin niemand uitgelicht wordt (een niet-gericht beeld), mag zonder toestemming gebruikt worden, maar alleen als de groep vooraf geïnformeerd is: dat zulke foto's gemaakt worden, waarvoor en waar ze komen. Leg hier vast welk bericht u daarover verstuurd hebt.",
  targetedNote:
    "Voor een gericht beeld (een foto van één persoon, een geposeerde foto of een foto waarin iemand uitgelicht wordt) blijft toestemming op het formulier nodig; een informatiebericht is dan niet genoeg.",
  evidenceHint:
    "Een informatiebericht kan achteraf niet gewijzigd of verwijderd worden: het is het bewijs dat u geïnformeerd hebt. Klopt er iets niet? Leg dan een nieuw bericht vast.",
  add: "Informatiebericht toevoegen",
  addTitle: "Nieuw informatiebericht",
  audience: "Wie heeft het bericht gekregen?",
  audienceHelp: "Vink de groepen aan waarvan de ouders het bericht kregen, en/of al het personeel.",
  allStaff: "Al het personeel",
  noGroups: "Er zijn nog geen groepen. Maak ze aan bij Mensen.",
  purposes: "Waarvoor worden de foto's gebruikt?",
  channels: "Waar komen de foto's?",
  noChoices:
    "Er is nog geen formulier in gebruik. De doelen en kanalen komen uit de formulieren: zet eerst een formulier aan bij Formulieren.",
  text: "Tekst van het bericht",
  textHelp: "Plak of typ de tekst precies zoals de ouders hem gekregen hebben.",
  date: "Verstuurd op",
  save: "Informatiebericht opslaan",
  saved: "Het informatiebericht is opgeslagen.",
  missingTitle: "Het bericht is nog niet compleet:",
  missing: {
    audience: "kies minstens één groep, of al het personeel",
    purposes: "kies minstens één doel",
    channels: "kies minstens één kanaal",
    text: "vul de tekst van het bericht in",
    date: "vul de datum in",
  } satisfies Record<Missing, string>,
  none: "Er zijn nog geen informatieberichten vastgelegd.",
  heading: (id: number, date: string) => `Informatiebericht ${id} · ${date}`,
  to: "Aan",
  allStaffShort: "al het personeel",
  usedFor: "Waarvoor",
  usedWhere: "Waar",
  showAll: "Hele tekst tonen",
  showLess: "Minder tonen",
};

const en: typeof nl = {
  title: "Information notices",
  intro:
    "A spontaneous photo of a group in which nobody is singled out (a non-targeted image) may be used without consent, but only if the group was informed beforehand: that such photos are taken, what for and where they appear. Record here which notice you sent about that.",
  targetedNote:
    "A targeted image (a photo of one person, a posed photo or a photo in which someone is singled out) still needs consent on the form; a notice is not enough for that.",
  evidenceHint:
    "A notice cannot be changed or deleted afterwards: it is the evidence that you informed people. Is something wrong? Then record a new notice.",
  add: "Add a notice",
  addTitle: "New information notice",
  audience: "Who received the notice?",
  audienceHelp: "Tick the groups whose parents received the notice, and/or all staff.",
  allStaff: "All staff",
  noGroups: "There are no groups yet. Create them under People.",
  purposes: "What are the photos used for?",
  channels: "Where do the photos appear?",
  noChoices: "No form is in use yet. The purposes and channels come from the forms: first switch on a form under Forms.",
  text: "Text of the notice",
  textHelp: "Paste or type the text exactly as the parents received it.",
  date: "Sent on",
  save: "Save notice",
  saved: "The notice is saved.",
  missingTitle: "The notice is not complete yet:",
  missing: {
    audience: "choose at least one group, or all staff",
    purposes: "choose at least one purpose",
    channels: "choose at least one channel",
    text: "fill in the text of the notice",
    date: "fill in the date",
  },
  none: "No information notices have been recorded yet.",
  heading: (id: number, date: string) => `Information notice ${id} · ${date}`,
  to: "To",
  allStaffShort: "all staff",
  usedFor: "What for",
  usedWhere: "Where",
  showAll: "Show the whole text",
  showLess: "Show less",
};

export const notices = { nl, en };
