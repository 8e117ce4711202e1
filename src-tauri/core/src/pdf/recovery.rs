//! The recovery sheet: the one code that opens the encrypted data when no
//! administrator can sign in any more, with what to do with it. Printed at
//! setup and whenever an administrator asks for a new one (which makes
//! every older sheet worthless).

use chrono::NaiveDateTime;

use super::layout::{Style, RED};
use super::letterhead::{Letterhead, Part};
use super::{date_time, PdfError};
use crate::i18n::Lang;

pub struct RecoverySheet<'a> {
    pub lang: Lang,
    pub organisation: &'a str,
    pub logo: Option<&'a [u8]>,
    /// As printed: nine groups of four characters.
    pub code: &'a str,
    pub printed_at: NaiveDateTime,
    pub printed_by: &'a str,
    pub data_dir: &'a str,
}

pub fn render(r: &RecoverySheet<'_>) -> Result<Vec<u8>, PdfError> {
    let lang = r.lang;
    let title = lang.pick("Herstelblad", "Recovery sheet");
    let printed = format!("{} {} — {}", lang.pick("Afgedrukt op", "Printed on"), date_time(r.printed_at, lang), r.printed_by);
    let letterhead = Letterhead { organisation: r.organisation, logo: r.logo, lang };
    let part = Part { title: title.into(), footer_left: "Beeldakkoord".into(), footer_middle: printed.clone() };
    let mut doc = letterhead.start(title, part)?;
    doc.title(lang.pick("Herstelblad voor de gegevens van Beeldakkoord", "Recovery sheet for the Beeldakkoord data"), Style::H1);
    doc.paragraph(
        lang.pick(
            "Bewaar dit blad in de kluis. Het is de enige manier om de versleutelde gegevens te openen als geen beheerder meer kan aanmelden.",
            "Keep this sheet in the safe. It is the only way to open the encrypted data when no administrator can sign in any more.",
        ),
        Style::BODY,
        0.0,
    );
    doc.space(6.0);
    doc.paragraph(lang.pick("Herstelcode", "Recovery code"), Style::H3, 0.0);
    let groups: Vec<&str> = r.code.split('-').collect();
    let lines: Vec<(String, Style)> = groups.chunks(3).map(|row| (row.join("   "), Style::BOLD.size(20.0))).collect();
    doc.shaded(&lines);
    doc.space(2.0);
    doc.paragraph(
        lang.pick(
            "Hoofdletters of kleine letters maakt niet uit; de streepjes en spaties ook niet. De letters O, I, L en U komen er niet in voor (wel de cijfers 0 en 1). Een tikfout wordt herkend voordat er iets gebeurt.",
            "Capitals or small letters do not matter, nor do the dashes and spaces. The letters O, I, L and U never occur (the digits 0 and 1 do). A typo is caught before anything happens.",
        ),
        Style::SMALL,
        0.0,
    );
    doc.space(6.0);
    doc.heading(lang.pick("Wanneer gebruikt u deze code?", "When do you use this code?"), Style::H2);
    let steps: &[(&str, &str)] = &[
        (
            "Alleen als geen enkele beheerder zijn wachtwoord meer weet. Een vergeten wachtwoord van een andere gebruiker stelt een beheerder gewoon opnieuw in.",
            "Only when no administrator remembers their password. Another user's forgotten password is simply reset by an administrator.",
        ),
        (
            "In het aanmeldscherm van Beeldakkoord: kies 'Wachtwoord vergeten?' en 'Herstelcode gebruiken', typ deze code, de naam van een beheerder en een nieuw wachtwoord voor die beheerder.",
            "On Beeldakkoord's sign-in screen: choose 'Forgot your password?' and 'Use the recovery code', type this code, an administrator's user name and a new password for that administrator.",
        ),
        (
            "Of op de opdrachtregel: beeldakkoord key recover --user <naam van een beheerder>, met de code in BEELDAKKOORD_RECOVERY_CODE en het nieuwe wachtwoord in BEELDAKKOORD_NEW_PASSWORD.",
            "Or on the command line: beeldakkoord key recover --user <an administrator's name>, with the code in BEELDAKKOORD_RECOVERY_CODE and the new password in BEELDAKKOORD_NEW_PASSWORD.",
        ),
        (
            "Een reservekopie terugzetten kan ook met deze code, als niemand het wachtwoord van een gebruiker in die kopie weet.",
            "Restoring a backup also works with this code, when nobody knows the password of a user in that backup.",
        ),
    ];
    for (i, (nl, en)) in steps.iter().enumerate() {
        doc.field(&format!("{}.", i + 1), lang.pick(nl, en), 8.0);
        doc.space(1.5);
    }
    doc.space(4.0);
    doc.heading(lang.pick("Let op", "Mind"), Style::H2.color(RED));
    let cautions: &[(&str, &str)] = &[
        (
            "Wie deze code heeft, kan alle gegevens openen: namen, toestemmingen en foto's van kinderen. Maak geen kopie of foto van dit blad en typ de code nergens anders in.",
            "Whoever has this code can open all data: names, consent and photos of children. Do not copy or photograph this sheet and do not type the code anywhere else.",
        ),
        (
            "Drukt een beheerder later een nieuw herstelblad af, dan werkt deze code niet meer. Vernietig dit blad dan.",
            "When an administrator prints a new recovery sheet later, this code stops working. Destroy this sheet then.",
        ),
    ];
    for (nl, en) in cautions {
        doc.paragraph(lang.pick(nl, en), Style::BODY, 0.0);
        doc.space(1.5);
    }
    doc.space(4.0);
    doc.field(lang.pick("Gegevensmap", "Data folder"), r.data_dir, 30.0);
    doc.field(lang.pick("Afgedrukt", "Printed"), &printed, 30.0);
    Ok(doc.finish())
}
