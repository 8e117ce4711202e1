// Texts of faces: the scan in the background, the review of each face on a
// photo, and the face-suggestion settings. Dutch first.

import type { FaceState } from "../api";

const nl = {
  scanning: (done: number, total: number) => `Gezichten zoeken in foto's: ${done} van ${total}`,
  scanPreparing: "Gezichten zoeken in foto's…",
  scanStop: "Stoppen",
  scanStopping: "Stopt na de foto's die nu bekeken worden…",
  scanFailed: (n: number) => (n === 1 ? "In 1 foto kon niet naar gezichten gezocht worden:" : `In ${n} foto's kon niet naar gezichten gezocht worden:`),
  scanHelp: "Gezichten worden op deze computer gezocht; er gaat niets naar internet. Een gezicht dat niemand benoemde telt als iemand zonder toestemming.",
  title: "Gezichten",
  summary: (found: number, open: number) =>
    found === 0 ? "Geen gezichten gevonden." : `${found} ${found === 1 ? "gezicht" : "gezichten"} gevonden, ${open} nog niet benoemd.`,
  notScanned: "Deze foto wordt nog doorzocht op gezichten…",
  allReviewed: "Alle gezichten zijn benoemd of afgewezen.",
  next: "Volgend gezicht dat nog niet benoemd is",
  face: (n: number) => `Gezicht ${n}`,
  whoIsThis: "Wie is dit?",
  state: {
    suggested: "nog niet benoemd",
    named: "benoemd",
    unknown: "onbekend",
    dismissed: "afgewezen",
  } satisfies Record<FaceState, string>,
  boxLabel: (n: number) => `Gezicht ${n}: wie is dit?`,
  dismissedLabel: (n: number) => `Gezicht ${n}: afgewezen`,
  unknown: "Onbekend (niet te herkennen wie het is)",
  dismissTitle: "Geen persoon om rekening mee te houden?",
  notAFace: "Geen gezicht (poster, tekening, beeld)",
  notRecognisable: "Niet herkenbaar (van achteren, afgewend, onscherp)",
  tooSmall: (px: number) => `Te klein om te herkennen (lager dan ${px} pixels)`,
  tooSmallHelp: (px: number, h: number) => `Dit gezicht is ${h} pixels hoog; 'te klein' kan pas onder ${px} pixels.`,
  otherReason: "Andere reden",
  otherPlaceholder: "bijvoorbeeld: spiegelbeeld in het raam",
  dismissOther: "Afwijzen met deze reden",
  reopen: "Opnieuw beoordelen",
  reason: {
    "not-a-face": "geen gezicht",
    "not-recognisable": "niet herkenbaar",
    "too-small": "te klein om te herkennen",
  } as Record<string, string>,
  unidentified: (n: number) => (n === 1 ? "1 gezicht is nog niet geïdentificeerd." : `${n} gezichten zijn nog niet geïdentificeerd.`),
};

const en: typeof nl = {
  scanning: (done: number, total: number) => `Finding faces in photos: ${done} of ${total}`,
  scanPreparing: "Finding faces in photos…",
  scanStop: "Stop",
  scanStopping: "Stops after the photos being looked at now…",
  scanFailed: (n: number) => (n === 1 ? "Faces could not be looked for in 1 photo:" : `Faces could not be looked for in ${n} photos:`),
  scanHelp: "Faces are found on this computer; nothing goes to the internet. A face nobody named counts as someone without consent.",
  title: "Faces",
  summary: (found: number, open: number) =>
    found === 0 ? "No faces found." : `${found} ${found === 1 ? "face" : "faces"} found, ${open} not named yet.`,
  notScanned: "This photo is still being searched for faces…",
  allReviewed: "Every face is named or dismissed.",
  next: "Next face not named yet",
  face: (n: number) => `Face ${n}`,
  whoIsThis: "Who is this?",
  state: {
    suggested: "not named yet",
    named: "named",
    unknown: "unknown",
    dismissed: "dismissed",
  },
  boxLabel: (n: number) => `Face ${n}: who is this?`,
  dismissedLabel: (n: number) => `Face ${n}: dismissed`,
  unknown: "Unknown (nobody can tell who it is)",
  dismissTitle: "No person to take into account?",
  notAFace: "Not a face (poster, drawing, statue)",
  notRecognisable: "Not recognisable (from behind, turned away, blurred)",
  tooSmall: (px: number) => `Too small to recognise (under ${px} pixels)`,
  tooSmallHelp: (px: number, h: number) => `This face is ${h} pixels high; 'too small' is only possible under ${px} pixels.`,
  otherReason: "Other reason",
  otherPlaceholder: "for example: reflection in the window",
  dismissOther: "Dismiss with this reason",
  reopen: "Review again",
  reason: {
    "not-a-face": "not a face",
    "not-recognisable": "not recognisable",
    "too-small": "too small to recognise",
  },
  unidentified: (n: number) => (n === 1 ? "1 face is not identified yet." : `${n} faces are not identified yet.`),
};

export const faces = { nl, en };
