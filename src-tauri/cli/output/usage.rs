//! The command line's own refusals (before the core is asked), in words.

use beeldakkoord_core::domain::text::shorten;
use beeldakkoord_core::i18n::{ErrorCode, UserFacing};
use beeldakkoord_core::Lang;

/// What the command line itself refuses, with a stable code like the core's errors.
#[derive(Debug)]
pub enum CliError {
    /// clap's complaint, already in the user's language.
    Usage(String),
    /// `--lang` names no language Beeldakkoord speaks.
    Lang(String),
    /// An argument that should be a number.
    NotANumber {
        what: String,
        raw: String,
    },
    /// `--box` that is not four whole numbers.
    NotABox(String),
    /// `dossier` without a person or `--out`.
    DossierArgs,
    /// `user add` or `user passwd` without BEELDAKKOORD_NEW_PASSWORD.
    NoNewPassword,
    NoRecoveryCode,
}

impl UserFacing for CliError {
    fn code(&self) -> ErrorCode {
        match self {
            CliError::Usage(_) | CliError::DossierArgs => ErrorCode::CliUsage,
            CliError::Lang(_) => ErrorCode::CliLang,
            CliError::NotANumber { .. } => ErrorCode::InputNumber,
            CliError::NotABox(_) => ErrorCode::InputBox,
            CliError::NoNewPassword => ErrorCode::AuthNoPassword,
            CliError::NoRecoveryCode => ErrorCode::KeyRecoveryTypo,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Usage(text) => text.clone(),
            // Both languages: the language itself is what is wrong.
            CliError::Lang(l) => {
                let l = shorten(l, 40);
                format!("Onbekende taal '{l}': kies nl of en. / Unknown language '{l}': choose nl or en.")
            }
            CliError::NotANumber { what, raw } => {
                let raw = shorten(raw, 80);
                lang.pick(format!("{what} moet een nummer zijn, niet '{raw}'."), format!("{what} must be a number, not '{raw}'."))
            }
            CliError::NotABox(raw) => {
                let raw = shorten(raw, 80);
                lang.pick(
                    format!("'{raw}' is geen vak. Schrijf X,Y,B,H in pixels, bijv. 120,80,200,240."),
                    format!("'{raw}' is not a box. Write X,Y,W,H in pixels, e.g. 120,80,200,240."),
                )
            }
            CliError::DossierArgs => lang.pick("Geef een persoonsnummer en --out BESTAND.pdf.", "Give a person number and --out FILE.pdf.").into(),
            CliError::NoNewPassword => {
                lang.pick("Zet het nieuwe wachtwoord in BEELDAKKOORD_NEW_PASSWORD.", "Put the new password in BEELDAKKOORD_NEW_PASSWORD.").into()
            }
            CliError::NoRecoveryCode => lang
                .pick(
                    "Zet de herstelcode van het herstelblad in BEELDAKKOORD_RECOVERY_CODE.",
                    "Put the recovery code from the recovery sheet in BEELDAKKOORD_RECOVERY_CODE.",
                )
                .into(),
        }
    }
}

/// clap's complaint as one line in the user's language, naming what is
/// missing or unknown (never cut off after "not provided:").
pub fn usage_message(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let values = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::String(v)) => v.clone(),
        _ => String::new(),
    };
    let shown = |s: String| shorten(&s, 200);
    let (nl, en) = match e.kind() {
        ErrorKind::MissingRequiredArgument => {
            let missing = shown(values(ContextKind::InvalidArg));
            (format!("Er ontbreekt iets: {missing}"), format!("Something is missing: {missing}"))
        }
        ErrorKind::UnknownArgument => {
            let arg = shown(values(ContextKind::InvalidArg));
            (format!("Onbekende optie: {arg}"), format!("Unknown option: {arg}"))
        }
        ErrorKind::InvalidSubcommand => {
            let cmd = shown(values(ContextKind::InvalidSubcommand));
            (format!("Onbekende opdracht: {cmd}"), format!("Unknown command: {cmd}"))
        }
        ErrorKind::ArgumentConflict => {
            let args = shown([values(ContextKind::InvalidArg), values(ContextKind::PriorArg)].join(", "));
            (format!("Deze opties gaan niet samen: {args}"), format!("These options do not go together: {args}"))
        }
        _ => {
            // Other kinds: clap's own first line, after a sentence in the user's language.
            let first = e.render().to_string().lines().next().unwrap_or_default().trim_start_matches("error: ").trim_end_matches('.').to_string();
            (format!("Ongeldige opdracht ({})", shown(first.clone())), format!("Invalid command ({})", shown(first)))
        }
    };
    lang.pick(format!("{nl}. Zie 'beeldakkoord --help'."), format!("{en}. See 'beeldakkoord --help'."))
}
