// Texts of backups: the settings, the daily backup, the warning, and the
// restore on the first-run screen. Dutch first.

const nl = {
  settingsTitle: "Reservekopieën",
  settingsLead:
    "Kies een map buiten deze computer (een USB-schijf of een netwerkmap). Bij de eerste aanmelding van elke dag maakt Beeldakkoord daar een versleutelde reservekopie en bewaart het de nieuwste.",
  folder: "Map",
  noFolder: "Nog geen map gekozen: er worden geen dagelijkse reservekopieën gemaakt.",
  chooseFolder: "Map kiezen…",
  keep: "Aantal reservekopieën bewaren",
  keepHelp: "1 tot 365; de oudste gaan weg. Andere bestanden in de map blijven staan.",
  save: "Opslaan",
  saved: "De instellingen voor reservekopieën zijn opgeslagen.",
  now: "Nu een reservekopie maken…",
  made: (file: string) => `Reservekopie gemaakt en gecontroleerd: ${file}.`,
  last: (at: string) => `Laatste reservekopie: ${at}.`,
  never: "Er is nog nooit een reservekopie gemaakt.",
  stale: (days: number) => `De laatste reservekopie is ${days} dagen oud. Maak er een, of laat een beheerder een map kiezen onder Instellingen.`,
  staleNever: "Er is nog geen reservekopie. Een beheerder kiest onder Instellingen een map; daarna gaat het elke dag vanzelf.",
  running: "Reservekopie van vandaag wordt gemaakt…",
  failed: (message: string) => `De reservekopie van vandaag is mislukt: ${message}`,
  restoreAsk: "Een nieuwe computer of een kapotte schijf?",
  restoreLink: "Reservekopie terugzetten",
  restoreTitle: "Reservekopie terugzetten",
  restoreLead:
    "Zet een reservekopie van Beeldakkoord terug op deze computer, bijvoorbeeld na een nieuwe computer of een kapotte schijf. Alles wordt gecontroleerd voordat het gebruikt wordt.",
  chooseFile: "Reservekopie kiezen…",
  file: "Bestand",
  withPassword: "Met de gebruikersnaam en het wachtwoord van een gebruiker in de reservekopie",
  withCode: "Met de herstelcode van het herstelblad",
  user: "Gebruikersnaam",
  password: "Wachtwoord",
  restore: "Terugzetten",
  backToSetup: "Terug naar inrichten",
};

const en: typeof nl = {
  settingsTitle: "Backups",
  settingsLead:
    "Choose a folder off this computer (a USB disk or a network folder). At the first sign-in of every day Beeldakkoord writes an encrypted backup there and keeps the newest.",
  folder: "Folder",
  noFolder: "No folder chosen yet: no daily backups are made.",
  chooseFolder: "Choose folder…",
  keep: "Number of backups to keep",
  keepHelp: "1 to 365; the oldest go. Other files in the folder stay.",
  save: "Save",
  saved: "The backup settings have been saved.",
  now: "Make a backup now…",
  made: (file: string) => `Backup made and checked: ${file}.`,
  last: (at: string) => `Last backup: ${at}.`,
  never: "No backup has been made yet.",
  stale: (days: number) => `The last backup is ${days} days old. Make one, or have an administrator choose a folder under Settings.`,
  staleNever: "There is no backup yet. An administrator chooses a folder under Settings; after that it happens every day by itself.",
  running: "Making today's backup…",
  failed: (message: string) => `Today's backup failed: ${message}`,
  restoreAsk: "A new computer or a broken disk?",
  restoreLink: "Restore a backup",
  restoreTitle: "Restore a backup",
  restoreLead:
    "Restore a Beeldakkoord backup on this computer, for instance on a new computer or after a broken disk. Everything is checked before it is used.",
  chooseFile: "Choose backup…",
  file: "File",
  withPassword: "With the user name and password of a user in the backup",
  withCode: "With the recovery code from the recovery sheet",
  user: "User name",
  password: "Password",
  restore: "Restore",
  backToSetup: "Back to setup",
};

export const backup = { nl, en };
