// Texts of the date field: its placeholder and why a typed date was refused,
// in plain words. Dutch first; English has the same shape. Both languages
// write dates day first (14-03-2026).

const nl = {
  placeholder: "dd-mm-jjjj",
  required: "Vul de datum in.",
  format: "Typ de datum als dd-mm-jjjj, bijvoorbeeld 14-03-2026.",
  shortYear: "Typ het jaar met vier cijfers, bijvoorbeeld 14-03-2026. Bij twee cijfers is niet zeker welke eeuw bedoeld is.",
  year: (first: number, last: number) => `Kies een jaar van ${first} tot en met ${last}.`,
  month: "Die maand bestaat niet: het tweede getal is de maand, van 1 tot en met 12.",
  day: (month: string, year: number, days: number) => `Die dag bestaat niet: ${month} ${year} heeft ${days} dagen.`,
  before: (date: string) => `Kies ${date} of later.`,
  after: (date: string) => `Kies ${date} of eerder.`,
};

export type DatesDict = typeof nl;

const en: DatesDict = {
  placeholder: "dd-mm-yyyy",
  required: "Fill in the date.",
  format: "Type the date as dd-mm-yyyy, for example 14-03-2026.",
  shortYear: "Type the year with four digits, for example 14-03-2026. With two digits it is not clear which century is meant.",
  year: (first: number, last: number) => `Choose a year from ${first} to ${last}.`,
  month: "That month does not exist: the second number is the month, from 1 to 12.",
  day: (month: string, year: number, days: number) => `That day does not exist: ${month} ${year} has ${days} days.`,
  before: (date: string) => `Choose ${date} or later.`,
  after: (date: string) => `Choose ${date} or earlier.`,
};

export const dates = { nl, en };
