// Texts of the data key: the recovery sheet, recovering with its code, and
// the encryption of photo files from before encryption. Dutch first.

const nl = {
  sheetTitle: "Herstelblad afdrukken",
  sheetLead:
    "Alle gegevens in Beeldakkoord zijn versleuteld: zonder wachtwoord is er niets te lezen, ook niet als de computer gestolen wordt. Weet geen enkele beheerder zijn wachtwoord meer, dan opent alleen de herstelcode de gegevens nog.",
  sheetSteps: [
    "Sla het herstelblad op en druk het af.",
    "Leg het afgedrukte blad in de kluis of een afgesloten kast; bewaar geen kopie op de computer.",
    "Een nieuw herstelblad (onder Instellingen) maakt het vorige ongeldig.",
  ],
  sheetSave: "Herstelblad opslaan…",
  sheetSaved: (path: string) => `Het herstelblad staat in ${path}. Druk het nu af en verwijder daarna het bestand.`,
  sheetConfirm: "Ik heb het herstelblad afgedrukt en veilig opgeborgen.",
  sheetContinue: "Verder",
  sheetSettingsTitle: "Herstelblad",
  sheetSettingsLead: "Is het herstelblad kwijt, of heeft iemand de code gezien? Druk een nieuw af: de code op het vorige blad werkt dan niet meer.",
  sheetNew: "Nieuw herstelblad opslaan…",
  forgot: "Wachtwoord vergeten?",
  forgotLead:
    "Een beheerder stelt een nieuw wachtwoord voor u in onder Gebruikers. Kan geen enkele beheerder meer aanmelden? Gebruik dan de herstelcode van het herstelblad uit de kluis.",
  useCode: "Herstelcode gebruiken",
  backToLogin: "Terug naar aanmelden",
  recoverTitle: "Herstellen met de herstelcode",
  recoverLead: "Typ de code van het herstelblad (hoofdletters, streepjes en spaties maken niet uit), de naam van een beheerder en een nieuw wachtwoord voor die beheerder.",
  code: "Herstelcode",
  adminName: "Gebruikersnaam van een beheerder",
  recoverSubmit: "Nieuw wachtwoord instellen en aanmelden",
  encrypting: (done: number, total: number) => `Foto's van vóór de versleuteling worden versleuteld: ${done} van ${total}. U kunt gewoon doorwerken.`,
};

const en: typeof nl = {
  sheetTitle: "Print the recovery sheet",
  sheetLead:
    "All data in Beeldakkoord are encrypted: without a password nothing can be read, not even when the computer is stolen. When no administrator remembers their password, only the recovery code still opens the data.",
  sheetSteps: [
    "Save the recovery sheet and print it.",
    "Keep the printed sheet in the safe or a locked cupboard; keep no copy on the computer.",
    "A new recovery sheet (under Settings) makes the previous one invalid.",
  ],
  sheetSave: "Save recovery sheet…",
  sheetSaved: (path: string) => `The recovery sheet is in ${path}. Print it now and delete the file afterwards.`,
  sheetConfirm: "I have printed the recovery sheet and put it away safely.",
  sheetContinue: "Continue",
  sheetSettingsTitle: "Recovery sheet",
  sheetSettingsLead: "Lost the recovery sheet, or has someone seen the code? Print a new one: the code on the previous sheet then stops working.",
  sheetNew: "Save a new recovery sheet…",
  forgot: "Forgot your password?",
  forgotLead:
    "An administrator sets a new password for you under Users. Can no administrator sign in any more? Then use the recovery code from the recovery sheet in the safe.",
  useCode: "Use the recovery code",
  backToLogin: "Back to sign-in",
  recoverTitle: "Recover with the recovery code",
  recoverLead: "Type the code from the recovery sheet (capitals, dashes and spaces do not matter), an administrator's user name and a new password for that administrator.",
  code: "Recovery code",
  adminName: "An administrator's user name",
  recoverSubmit: "Set the new password and sign in",
  encrypting: (done: number, total: number) => `Photos from before encryption are being encrypted: ${done} of ${total}. You can carry on working.`,
};

export const keys = { nl, en };
