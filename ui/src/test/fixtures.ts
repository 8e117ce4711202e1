// Sample backend data shaped like the real answers.
import type { DeskForm, Face, FormContent, FormVersion, ItemStatus, PersonPage, Status } from "../lib/api";

export const schoolForm: FormContent = {
  title: "Toestemming beeldmateriaal 2026-2027",
  text: "Beste ouder, op school maken we foto's.",
  term: { kind: "school-year" },
  photo_types: [
    { key: "class", label: { nl: "Klasfoto", en: "Class photo" } },
    { key: "individual", label: { nl: "Individuele foto", en: "Individual photo" } },
  ],
  channels: [
    { key: "paper", label: { nl: "Schoolkrant", en: "School paper" } },
    { key: "social", label: { nl: "Sociale media", en: "Social media" } },
  ],
  purposes: [
    { key: "activities", label: { nl: "Schoolactiviteiten", en: "School activities" } },
    { key: "promotion", label: { nl: "Promotie", en: "Promotion" } },
  ],
  items: [
    { photo_type: "class", channel: "paper", purpose: "activities" },
    { photo_type: "class", channel: "social", purpose: "promotion" },
    { photo_type: "individual", channel: "paper", purpose: "activities" },
  ],
};

export const schoolVersion: FormVersion = {
  version_id: 11,
  form: 3,
  version: 2,
  content: schoolForm,
  created_at: "2026-08-20T09:00:00",
  answered: true,
};

export function itemStatus(item: string, status: Status, valid_until: string | null = null): ItemStatus {
  return { item, status, record: status === "none" ? null : 1, form: 3, form_version: 2, valid_until, since: status === "none" ? null : "2026-09-01", own_answer_needed: false };
}

export function personPage(over: Partial<PersonPage> = {}): PersonPage {
  return {
    person: {
      id: 7,
      name: "Sanne de Vries",
      kind: "child",
      birth_date: "2015-03-14",
      leave_date: null,
      external_id: "L123",
      memberships: [{ group: "Groep 5", from: "2025-08-01", to: null }],
      guardians: [
        { id: 1, name: "Anna de Vries" },
        { id: 2, name: "Piet de Vries" },
      ],
    },
    at: "2026-10-01",
    age: 11,
    consents: "guardian",
    consent_age: 16,
    forms: [schoolVersion],
    status: [
      itemStatus("class/paper/activities", "granted", "2027-07-31"),
      itemStatus("class/social/promotion", "denied"),
      itemStatus("individual/paper/activities", "withdrawn"),
    ],
    history: [],
    own_confirmation_needed: false,
    // As the backend lists them: who decides now first.
    withdrawers: ["Anna de Vries", "Piet de Vries", "Sanne de Vries"],
    registered_by_teacher: [],
    ...over,
  };
}

/** A face found on a photo, as the backend sends it: number `n`, a box side by side with the others, unreviewed unless told. */
export function faceAt(n: number, state: Face["state"] = "suggested", over: Partial<Face> = {}): Face {
  return {
    face: n,
    box: { x: 100 * n, y: 100, w: 80, h: 90 },
    score: 0.9,
    state,
    person: null,
    person_name: null,
    tag: null,
    reason: null,
    suggestions: [],
    may_be_too_small: false,
    too_small_below: 32,
    ...over,
  };
}

/** What the desk view shows: a child's form with two questions and two guardians. */
export function deskForm(over: Partial<DeskForm> = {}): DeskForm {
  return {
    person: 7,
    person_name: "Noor Bakker",
    groups: ["Groep 3"],
    form: 1,
    version: 2,
    title: "Toestemming beeldmateriaal",
    text: "Beste ouder,\nWij maken graag foto's.",
    items: [
      { key: "group/website/information", photo_type: "Groepsfoto", channel: "Website", purpose: "Informatie" },
      { key: "portrait/social/promotion", photo_type: "Portret", channel: "Sociale media", purpose: "Promotie" },
    ],
    term: "tot het einde van het schooljaar",
    withdraw: "U kunt uw toestemming altijd intrekken.",
    signers: [
      { name: "Ilse Bakker", role: "guardian" },
      { name: "Tom Bakker", role: "guardian" },
    ],
    signatures_for_yes: 1,
    idle_seconds: 180,
    ...over,
  };
}
