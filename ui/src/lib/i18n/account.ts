// Texts of the account screens, Dutch first; English has the same shape.

const nl = {
  chooseTitle: "Kies een eigen wachtwoord",
  chooseLead: (user: string) => `${user}, uw wachtwoord is door de beheerder ingesteld. Kies nu een wachtwoord dat alleen u kent.`,
  current: "Huidig wachtwoord (van de beheerder)",
  next: "Nieuw wachtwoord",
  nextHelp: "Minstens 10 tekens. Een zin van een paar woorden is goed te onthouden en moeilijk te raden.",
  repeat: "Nieuw wachtwoord nog een keer",
  mismatch: "De twee nieuwe wachtwoorden zijn niet gelijk.",
  tooShort: "Het nieuwe wachtwoord moet minstens 10 tekens hebben.",
  save: "Wachtwoord opslaan",
  lockedTitle: "Vergrendeld",
  lockedLead: (user: string) => `Het venster is vergrendeld omdat er een tijd niets gebeurde. ${user}, vul uw wachtwoord in om verder te gaan waar u was.`,
  unlock: "Ontgrendelen",
  otherUser: "Iemand anders meldt zich aan",
};

const en: typeof nl = {
  chooseTitle: "Choose your own password",
  chooseLead: (user: string) => `${user}, your password was set by the administrator. Choose one now that only you know.`,
  current: "Current password (from the administrator)",
  next: "New password",
  nextHelp: "At least 10 characters. A sentence of a few words is easy to remember and hard to guess.",
  repeat: "New password again",
  mismatch: "The two new passwords are not the same.",
  tooShort: "The new password needs at least 10 characters.",
  save: "Save password",
  lockedTitle: "Locked",
  lockedLead: (user: string) => `The window locked because nothing happened for a while. ${user}, enter your password to carry on where you were.`,
  unlock: "Unlock",
  otherUser: "Someone else signs in",
};

export const account = { nl, en };
