// Texts of the home screen ("Vandaag"), Dutch first; English has the same shape.

const nl = {
  nav: "Vandaag",
  title: "Vandaag",
  intro: (date: string) => `Wat er op ${date} aandacht vraagt. Klik op een naam of een knop om het af te handelen.`,
  allDone: "Niets te doen: alles is bijgewerkt.",
  nothing: "Niets",
  more: (n: number) => `en nog ${n}`,
  formsOut: {
    title: "Formulieren uitgedeeld, nog niet terug",
    line: (form: string, date: string) => `${form}, uitgedeeld op ${date}`,
    help: "Klik op een naam om het ingeleverde formulier in te vullen.",
    list: "Naar 'Opnieuw vragen'",
  },
  withdrawals: {
    title: "Intrekkingen door leerkrachten, te bevestigen",
    line: (teacher: string, date: string, by: string) => `Ingevoerd door ${teacher}: ${by} trok op ${date} in`,
    confirm: "Bevestigen",
    confirmFor: (name: string) => `Intrekking voor ${name} bevestigen`,
    confirmed: (name: string) => `De intrekking voor ${name} is bevestigd.`,
    help: "De intrekking geldt al. Bevestigen betekent: het kantoor heeft haar gezien en het papier bewaard.",
  },
  takedown: {
    title: "Publicaties die offline moeten",
    count: (n: number) => (n === 1 ? "1 publicatie moet weg." : `${n} publicaties moeten weg.`),
    open: "Naar de verwijderlijst",
  },
  unchecked: {
    title: "Foto's nog niet nagekeken",
    count: (n: number) => (n === 1 ? "1 foto zonder soort, zonder namen of met gezichten om na te lopen." : `${n} foto's zonder soort, zonder namen of met gezichten om na te lopen.`),
    open: "Foto's nakijken",
  },
  leavers: {
    title: "Vertrokken zonder afgedrukt dossier",
    line: (date: string) => `vertrokken op ${date}`,
    open: "Naar 'Vertrekkers'",
  },
  ownConsent: {
    title: "Beslissen deze maand voortaan zelf",
    line: (date: string) => `vanaf ${date}`,
    help: "Vanaf die dag beslist de leerling zelf. Vraag om een eigen antwoord.",
  },
  expiring: {
    title: (days: number) => `Toestemming loopt binnen ${days} dagen af`,
    open: "Naar 'Opnieuw vragen'",
  },
  backup: {
    title: "Reservekopie",
    last: (when: string) => `Laatste reservekopie: ${when}.`,
    never: "Er is nog nooit een reservekopie gemaakt.",
    stale: "Dat is meer dan een week geleden.",
    open: "Naar de instellingen",
  },
};

const en: typeof nl = {
  nav: "Today",
  title: "Today",
  intro: (date: string) => `What needs attention on ${date}. Click a name or a button to deal with it.`,
  allDone: "Nothing to do: everything is up to date.",
  nothing: "Nothing",
  more: (n: number) => `and ${n} more`,
  formsOut: {
    title: "Forms handed out, not returned",
    line: (form: string, date: string) => `${form}, handed out on ${date}`,
    help: "Click a name to enter the returned form.",
    list: "To 'Ask again'",
  },
  withdrawals: {
    title: "Withdrawals by teachers to confirm",
    line: (teacher: string, date: string, by: string) => `Entered by ${teacher}: ${by} withdrew on ${date}`,
    confirm: "Confirm",
    confirmFor: (name: string) => `Confirm the withdrawal for ${name}`,
    confirmed: (name: string) => `The withdrawal for ${name} is confirmed.`,
    help: "The withdrawal already counts. Confirming means: the office has seen it and kept the paper.",
  },
  takedown: {
    title: "Publications to take down",
    count: (n: number) => (n === 1 ? "1 publication must come down." : `${n} publications must come down.`),
    open: "To the takedown list",
  },
  unchecked: {
    title: "Photos not checked yet",
    count: (n: number) => (n === 1 ? "1 photo without a type, without names or with faces to review." : `${n} photos without a type, without names or with faces to review.`),
    open: "Check photos",
  },
  leavers: {
    title: "Left without a printed dossier",
    line: (date: string) => `left on ${date}`,
    open: "To 'Leavers'",
  },
  ownConsent: {
    title: "Decide for themselves from this month",
    line: (date: string) => `from ${date}`,
    help: "From that day the pupil decides. Ask for their own answer.",
  },
  expiring: {
    title: (days: number) => `Consent ends within ${days} days`,
    open: "To 'Ask again'",
  },
  backup: {
    title: "Backup",
    last: (when: string) => `Last backup: ${when}.`,
    never: "No backup has ever been made.",
    stale: "That is more than a week ago.",
    open: "To the settings",
  },
};

export const home = { nl, en };
