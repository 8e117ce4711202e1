//! What `init` prints.

use std::path::Path;

use beeldakkoord_core::domain::org::{GuardianConsent, Organisation, SignaturesForYes};
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, Shown};

#[derive(Serialize)]
pub struct SetUp<'a> {
    pub organisation: Organisation,
    pub user: String,
    pub data_dir: &'a Path,
    pub recovery_sheet: &'a Path,
}

impl Shown for SetUp<'_> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (org, age, user) = (&self.organisation.name, self.organisation.consent_age, &self.user);
        lang.pick(
            format!(
                "{org} is ingericht (toestemming zelf vanaf {age} jaar). Gebruiker: {user}. Druk het herstelblad {} af en leg het in de kluis.",
                self.recovery_sheet.display()
            ),
            format!(
                "{org} is set up (own consent from age {age}). User: {user}. Print the recovery sheet {} and keep it in the safe.",
                self.recovery_sheet.display()
            ),
        )
    }
}

#[derive(Serialize)]
pub struct RecoverySheet {
    pub out: std::path::PathBuf,
    pub bytes: u64,
}

impl Shown for RecoverySheet {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let out = self.out.display();
        lang.pick(
            format!("Nieuw herstelblad geschreven naar {out}. Druk het af, leg het in de kluis en vernietig het vorige: die code werkt niet meer."),
            format!("New recovery sheet written to {out}. Print it, keep it in the safe and destroy the previous one: that code no longer works."),
        )
    }
}

#[derive(Serialize)]
pub struct Recovered {
    pub user: String,
}

impl Shown for Recovered {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(
            format!("{} heeft een nieuw wachtwoord en kan weer aanmelden.", self.user),
            format!("{} has a new password and can sign in again.", self.user),
        )
    }
}

impl Shown for Organisation {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let region = match self.jurisdiction {
            beeldakkoord_core::domain::org::Jurisdiction::Nl => lang.pick("Nederland", "the Netherlands"),
            beeldakkoord_core::domain::org::Jurisdiction::BeVl => lang.pick("Vlaanderen", "Flanders"),
        };
        let (age, start, lock) = (self.consent_age, &self.school_year_start, self.idle_lock_minutes);
        let guardian = match self.guardian_consent {
            GuardianConsent::UntilSchoolYearEnd => {
                lang.pick("tot het einde van het schooljaar van de verjaardag", "until the end of the school year of the birthday")
            }
            GuardianConsent::UntilOwnAnswer => lang.pick("tot het eigen antwoord is vastgelegd", "until their own answer is recorded"),
        };
        let signatures = match self.signatures_for_yes {
            SignaturesForYes::One => lang.pick("Eén ouder/voogd tekent voor een 'ja'", "One guardian signs a 'yes'"),
            SignaturesForYes::Both => lang.pick("Beide ouders/voogden tekenen voor een 'ja'", "Both guardians sign a 'yes'"),
        };
        let leaving = if self.leaving_ends_consent {
            lang.pick("Toestemming eindigt bij vertrek (vanaf de dag erna)", "Consent ends on leaving (from the next day)")
        } else {
            lang.pick("Toestemming loopt na vertrek door tot het einde van de termijn", "Consent runs on after leaving until the end of its term")
        };
        let since = match self.consent_age_changes.last() {
            Some(c) => lang.pick(format!(" (sinds {}; daarvoor {})", c.from, c.previous), format!(" (since {}; before that {})", c.from, c.previous)),
            None => String::new(),
        };
        lang.pick(
            format!(
                "{} ({region})\nToestemming zelf vanaf {age} jaar{since}; wat ouders eerder zeiden geldt daarna {guardian}\n{signatures}; intrekken kan één van hen alleen\n{leaving}\nSchooljaar begint op {start}\nVenster vergrendelt na {lock} minuten zonder invoer",
                self.name
            ),
            format!(
                "{} ({region})\nOwn consent from age {age}{since}; what parents said before counts after that {guardian}\n{signatures}; one of them alone can withdraw\n{leaving}\nSchool year starts on {start}\nWindow locks after {lock} minutes without input",
                self.name
            ),
        )
    }
}

#[derive(Serialize)]
pub struct BackupShown {
    #[serde(flatten)]
    pub info: beeldakkoord_core::api::BackupInfo,
    /// What happened: `created`, `verified` or `restored`.
    pub done: &'static str,
    pub data_dir: Option<std::path::PathBuf>,
}

impl Shown for BackupShown {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let i = &self.info;
        let mb = format!("{:.1}", i.bytes as f64 / 1_000_000.0);
        let what = lang.pick(
            format!("{} bestanden ({} foto-bestanden), {mb} MB, van {} gemaakt op {}", i.files, i.photo_files, i.organisation, i.created_at.replace('T', " ")),
            format!("{} files ({} photo files), {mb} MB, of {} made on {}", i.files, i.photo_files, i.organisation, i.created_at.replace('T', " ")),
        );
        let file = i.file.display();
        match (self.done, &self.data_dir) {
            ("restored", Some(dir)) => lang.pick(
                format!("Reservekopie {file} teruggezet in {}: {what}.", dir.display()),
                format!("Backup {file} restored into {}: {what}.", dir.display()),
            ),
            ("verified", _) => lang.pick(format!("Reservekopie {file} is in orde: {what}."), format!("Backup {file} is sound: {what}.")),
            _ => lang.pick(format!("Reservekopie geschreven naar {file} en gecontroleerd: {what}."), format!("Backup written to {file} and checked: {what}.")),
        }
    }
}
