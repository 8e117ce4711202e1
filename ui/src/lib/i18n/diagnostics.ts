// Texts of the helpdesk's diagnostics (Settings and the start error). Dutch first.

const nl = {
  title: "Hulp bij een probleem",
  lead: "Vraagt de helpdesk om gegevens over deze installatie? Kopieer ze en plak ze in uw bericht. Er staan geen namen of andere persoonsgegevens in.",
  copy: "Gegevens voor de helpdesk kopiëren",
  copied: "Gekopieerd. Plak de gegevens (Ctrl+V) in uw bericht aan de helpdesk.",
};

const en: typeof nl = {
  title: "Help with a problem",
  lead: "Does the helpdesk ask for details of this installation? Copy them and paste them into your message. They contain no names or other personal data.",
  copy: "Copy details for the helpdesk",
  copied: "Copied. Paste the details (Ctrl+V) into your message to the helpdesk.",
};

export const diagnostics = { nl, en };
