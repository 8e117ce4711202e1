//! The measures sheet for the privacy register: the technical and
//! organisational measures as this installation enforces them today, and,
//! just as plainly, what it does not do, so the office can arrange it.

use chrono::NaiveDateTime;

use super::layout::{Style, GREEN, RED};
use super::letterhead::{Letterhead, Part};
use super::{date_time, PdfError};
use crate::i18n::Lang;

/// Facts read from the installation at print time.
pub struct Measures<'a> {
    pub lang: Lang,
    pub organisation: &'a str,
    pub printed_at: NaiveDateTime,
    pub printed_by: &'a str,
    pub jurisdiction: &'a str,
    pub consent_age: u8,
    /// Users per role: (admin, office, teacher).
    pub users: (u32, u32, u32),
    pub audit_events: u32,
    /// The first damaged event, if the chain does not hold.
    pub audit_broken_at: Option<i64>,
    /// The first covered row that is not as the trail recorded it: (table, row key).
    pub audit_row: Option<(&'a str, &'a str)>,
    /// The hash of the newest audit event: written down elsewhere, it shows
    /// later that no events were cut off the end.
    pub audit_head: &'a str,
    pub audit_rows: u64,
    pub idle_lock_minutes: u16,
    pub people: u32,
    pub consent_events: u32,
    pub photos: u32,
    pub data_dir: &'a str,
    /// The organisation's logo (PNG), for every page's header.
    pub logo: Option<&'a [u8]>,
    /// The data are encrypted at rest (false only for a read-only copy from before).
    pub encrypted: bool,
    /// The day the recovery sheet in force was printed.
    pub recovery_sheet: Option<chrono::NaiveDate>,
    /// The backup folder, and the newest backup (local time, `YYYY-MM-DDTHH:MM:SS`).
    pub backup_folder: Option<&'a str>,
    pub last_backup: Option<&'a str>,
    pub retention: crate::domain::retention::RetentionSettings,
    /// The last retention run (local time, `YYYY-MM-DDTHH:MM:SS`).
    pub retention_last_run: Option<&'a str>,
    /// Whether the organisation switched on face suggestions (comparing faces).
    pub face_suggestions: bool,
}

pub fn render(m: &Measures<'_>) -> Result<Vec<u8>, PdfError> {
    let lang = m.lang;
    let title = lang.pick("Technische en organisatorische maatregelen", "Technical and organisational measures");
    let printed = format!("{} {} — {}", lang.pick("Afgedrukt op", "Printed on"), date_time(m.printed_at, lang), m.printed_by);
    let letterhead = Letterhead { organisation: m.organisation, logo: m.logo, lang };
    let part = Part {
        title: lang.pick("Voor het verwerkingsregister", "For the record of processing").into(),
        footer_left: "Beeldakkoord".into(),
        footer_middle: printed,
    };
    let mut doc = letterhead.start(title, part)?;
    doc.title(title, Style::H1.size(15.0));
    doc.paragraph(
        &lang.pick(
            format!(
                "Verwerking: toestemming voor beeldmateriaal van leerlingen en medewerkers. Rechtsgebied {}; eigen toestemming vanaf {} jaar.",
                m.jurisdiction, m.consent_age
            ),
            format!("Processing: consent for images of pupils and staff. Jurisdiction {}; own consent from age {}.", m.jurisdiction, m.consent_age),
        ),
        Style::SMALL.size(9.0),
        0.0,
    );
    let (admins, office, teachers) = m.users;
    let chain = match (m.audit_broken_at, m.audit_row) {
        (_, Some((table, row))) => lang.pick(
            format!("{} gebeurtenissen, keten nu gecontroleerd: BESCHADIGD, tabel {table} rij {row} is niet zoals vastgelegd.", m.audit_events),
            format!("{} events, chain checked now: BROKEN, table {table} row {row} is not as recorded.", m.audit_events),
        ),
        (None, None) => lang.pick(
            format!("{} gebeurtenissen en {} rijen nu gecontroleerd: intact.", m.audit_events, m.audit_rows),
            format!("{} events and {} rows checked now: intact.", m.audit_events, m.audit_rows),
        ),
        (Some(id), None) => lang.pick(
            format!("{} gebeurtenissen, keten nu gecontroleerd: BESCHADIGD vanaf gebeurtenis {id}.", m.audit_events),
            format!("{} events, chain checked now: BROKEN from event {id}.", m.audit_events),
        ),
    };
    let in_place: Vec<(String, String)> = vec![
        (
            lang.pick("Toegang", "Access").into(),
            lang.pick(
                format!("Elke handeling vraagt een aanmelding met gebruikersnaam en wachtwoord. Wachtwoorden worden alleen als argon2id-hash bewaard. Gebruikers: {admins} beheerder(s), {office} administratie, {teachers} leerkracht(en)."),
                format!("Every action needs a login with user name and password. Passwords are kept only as argon2id hashes. Users: {admins} administrator(s), {office} office, {teachers} teacher(s)."),
            ),
        ),
        (
            lang.pick("Beelden", "Images").into(),
            lang.pick(
                format!("{} foto's, alleen zichtbaar voor wie is aangemeld. Originelen blijven ongewijzigd; een kopie voor publicatie krijgt effen vlakken over wie niet mag en geen metagegevens (geen EXIF, GPS, XMP of IPTC). Gezichten: hier gezocht, tellen mee tot iemand ze benoemt; suggesties wie het is: {}.", m.photos, if m.face_suggestions { "AAN" } else { "uit" }),
                format!("{} photos, visible only to a logged-in user. Originals stay unchanged; a copy for publication gets flat fills over whoever may not be shown and no metadata (no EXIF, GPS, XMP or IPTC). Faces: found here, counted until someone names them; suggestions of who it is: {}.", m.photos, if m.face_suggestions { "ON" } else { "off" }),
            ),
        ),
        (
            lang.pick("Toestemming", "Consent").into(),
            lang.pick(
                format!("Specifiek per soort beeld, kanaal, doel en termijn; {} gebeurtenissen voor {} personen. De geschiedenis wordt alleen aangevuld: de database weigert wijzigen en verwijderen. Elke foto wordt vóór publicatie getoetst; publicaties worden met dat oordeel vastgelegd en bij intrekking op de verwijderlijst gezet.", m.consent_events, m.people),
                format!("Specific per photo type, channel, purpose and term; {} events for {} people. The history is only added to: the database refuses changes and deletions. Every photo is checked before publication; publications are recorded with that verdict and put on the takedown list on withdrawal.", m.consent_events, m.people),
            ),
        ),
        (
            lang.pick("Rechten per rol", "Rights per role").into(),
            lang.pick(
                format!("Beheerder, administratie en leerkracht. Een leerkracht ziet alleen de kinderen en foto's van de eigen groepen, nooit de toestemmingsgeschiedenis of die van collega's, en kan een intrekking registreren maar geen toestemming vastleggen. Het venster vergrendelt na {} minuten zonder invoer.", m.idle_lock_minutes),
                format!("Administrator, office and teacher. A teacher sees only the children and photos of their own groups, never the consent history or colleagues' consent, and can register a withdrawal but not record consent. The window locks after {} minutes without input.", m.idle_lock_minutes),
            ),
        ),
        (
            lang.pick("Audittrail", "Audit trail").into(),
            lang.pick(
                format!("Elke wijziging met gebruiker en tijd, aan elkaar gekoppeld met SHA-256, met een SHA-256 van elke rij die ze schreef (toestemming, formulieren, personen, foto's, labels, publicaties, meldingen, gebruikers). Wie een volledige geschiedenis opent of afdrukt, wordt vastgelegd. {chain} Kop van de keten: {}.", m.audit_head),
                format!("Every change with user and time, linked by SHA-256, with a SHA-256 of every row it wrote (consent, forms, people, photos, tags, publications, notices, users). Opening or printing a full history is recorded. {chain} Head of the chain: {}.", m.audit_head),
            ),
        ),
        (
            lang.pick("Opslag", "Storage").into(),
            lang.pick(
                format!("Alleen op deze computer, in {}. Beeldakkoord stuurt niets naar derden of naar de cloud.", m.data_dir),
                format!("On this computer only, in {}. Beeldakkoord sends nothing to third parties or to the cloud.", m.data_dir),
            ),
        ),
        (
            lang.pick("Bewijs", "Proof").into(),
            lang.pick(
                "Bij vertrek een vertrekdossier met de volledige formuliertekst, elke wijziging en een vingerafdruk van de geschiedenis.".to_string(),
                "On leaving, an exit dossier with the full form text, every change and a fingerprint of the history.".to_string(),
            ),
        ),
    ];
    let mut in_place = in_place;
    let mut outside: Vec<(String, String)> = Vec::new();
    let sheet = match m.recovery_sheet {
        Some(d) => lang.pick(format!("Herstelblad afgedrukt op {}.", d.format("%d-%m-%Y")), format!("Recovery sheet printed on {}.", d.format("%d-%m-%Y"))),
        None => lang.pick("Er is nog geen herstelblad afgedrukt.".to_string(), "No recovery sheet has been printed yet.".to_string()),
    };
    if m.encrypted {
        in_place.push((
            lang.pick("Versleuteling", "Encryption").into(),
            lang.pick(
                format!("De database (SQLCipher) en elk fotobestand (XChaCha20-Poly1305) zijn versleuteld met één willekeurige sleutel, die per gebruiker met diens wachtwoord is afgeschermd (argon2id) en één keer met de herstelcode. Zonder wachtwoord is niets te lezen, ook niet als de computer gestolen wordt. {sheet}"),
                format!("The database (SQLCipher) and every photo file (XChaCha20-Poly1305) are encrypted with one random key, sealed per user with their password (argon2id) and once with the recovery code. Without a password nothing can be read, not even when the computer is stolen. {sheet}"),
            ),
        ));
    } else {
        outside.push((
            lang.pick("Versleuteling", "Encryption").into(),
            lang.pick(
                "Deze kopie is niet versleuteld. Open de gegevens op een schrijfbare plek: ze worden bij de eerste aanmelding versleuteld.",
                "This copy is not encrypted. Open the data in a writable place: they are encrypted at the first sign-in.",
            )
            .into(),
        ));
    }
    match (m.backup_folder, m.last_backup) {
        (Some(folder), last) => in_place.push((
            lang.pick("Reservekopie", "Backup").into(),
            lang.pick(
                format!(
                    "Elke dag een versleutelde reservekopie met controle van elke byte, in {folder}. Laatste: {}.",
                    last.map(|l| l.replace('T', " ")).unwrap_or_else(|| "nog geen".into())
                ),
                format!(
                    "An encrypted backup every day, every byte checked, in {folder}. Last: {}.",
                    last.map(|l| l.replace('T', " ")).unwrap_or_else(|| "none yet".into())
                ),
            ),
        )),
        (None, _) => outside.push((
            lang.pick("Reservekopie", "Backup").into(),
            lang.pick(
                "Er is geen map voor dagelijkse reservekopieën gekozen. Kies er een onder Instellingen (een USB-schijf of netwerkmap), buiten deze computer.",
                "No folder for daily backups has been chosen. Choose one under Settings (a USB disk or network folder), off this computer.",
            )
            .into(),
        )),
    }
    let r = &m.retention;
    let last_run = m.retention_last_run.map(|l| l.get(..10).unwrap_or(l)).unwrap_or(lang.pick("nog nooit", "never"));
    in_place.push((
        lang.pick("Bewaartermijnen", "Retention").into(),
        lang.pick(
            format!(
                "Van wie vertrok: namen op foto's na {} jaar, toestemming na {} jaar (pas na het vertrekdossier, niet zolang een foto online staat); foto's zonder namen na {} jaar. Elke verwijdering staat in het logboek. Laatste controle: {}.",
                r.photos_years,
                r.consent_years,
                r.untagged_years,
                last_run
            ),
            format!(
                "Of leavers: names on photos after {} years, consent after {} years (only after the exit dossier, never while a photo is online); photos without names after {} years. Every removal is in the audit log. Last run: {}.",
                r.photos_years,
                r.consent_years,
                r.untagged_years,
                last_run
            ),
        ),
    ));
    outside.push((
        lang.pick("Bewaartermijnen", "Retention").into(),
        lang.pick(
            "Bekijk elke maand onder Bewaartermijnen wat over zijn termijn is. Papieren dossiers vallen onder uw archiefbeleid.",
            "Review what is past its term every month, under Retention. Paper dossiers fall under your archive policy.",
        )
        .into(),
    ));
    doc.heading(lang.pick("Wat Beeldakkoord afdwingt", "What Beeldakkoord enforces"), Style::H2.color(GREEN));
    for (k, v) in &in_place {
        doc.field(k, v, 37.0);
        doc.space(0.8);
    }
    doc.heading(lang.pick("Wat u buiten Beeldakkoord regelt", "What you arrange outside Beeldakkoord"), Style::H2.color(RED));
    for (k, v) in &outside {
        doc.field(k, v, 37.0);
        doc.space(0.8);
    }
    Ok(doc.finish())
}
