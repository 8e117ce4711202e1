//! The command line: the same operations as the window, for scripting,
//! migration and tests. `--json` prints one JSON document on stdout; errors
//! go to stderr as one line, with a non-zero exit code.

mod args;
mod backup;
mod consent;
mod forms;
mod keys;
mod output;
mod people;
mod photos;
mod print;
mod retention;
mod users;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use args::{Cli, Command};
use beeldakkoord_core::api::InitRequest;
use beeldakkoord_core::auth::{AuthError, Session};
use beeldakkoord_core::domain::dates::parse_date;
use beeldakkoord_core::error::{FormsError, SetupError};
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::{Beeldakkoord, Lang};
use chrono::NaiveDate;
use clap::Parser;
use output::{usage_message, CliError};

use crate::error::ApiError;

/// What a command produced: JSON for `--json`, text for people.
pub struct Out {
    json: serde_json::Value,
    text: String,
    /// Printed, and still a failure: a report that finds a problem
    /// (`audit verify`) shows what it found and exits non-zero.
    failed: Option<ApiError>,
}

impl Out {
    fn of(value: &impl output::Shown, lang: Lang) -> Out {
        Out { json: value.json(lang), text: value.text(lang), failed: None }
    }
    fn failing(self, e: ApiError) -> Out {
        Out { failed: Some(e), ..self }
    }
}

struct Ctx {
    lang: Lang,
    json: bool,
    data_dir: PathBuf,
}

impl Ctx {
    /// Sign in to the data folder (BEELDAKKOORD_USER, BEELDAKKOORD_PASSWORD).
    /// Photo files from before encryption are encrypted first, once.
    fn unlock(&self) -> Result<(Beeldakkoord, Session), ApiError> {
        let (user, password) = self.password()?;
        let (core, session) = Beeldakkoord::unlock(&self.data_dir, &user, &password).map_err(|e| self.err(&e))?;
        if core.plain_photo_files() > 0 {
            core.encrypt_library(&mut |_| true).map_err(|e| self.err(&e))?;
        }
        Ok((core, session))
    }
    fn err(&self, e: &impl beeldakkoord_core::i18n::UserFacing) -> ApiError {
        ApiError::from_error(e, self.lang)
    }
    fn password(&self) -> Result<(String, String), ApiError> {
        let user = std::env::var("BEELDAKKOORD_USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "admin".into());
        let password = std::env::var("BEELDAKKOORD_PASSWORD").ok().filter(|p| !p.is_empty()).ok_or_else(|| self.err(&AuthError::NoPassword))?;
        Ok((user, password))
    }
    /// A number; whether something has that number is the core's answer
    /// (`--person 0` is "no such person", not "not a number").
    fn id(&self, what: &str, raw: &str) -> Result<i64, ApiError> {
        raw.trim().parse::<i64>().ok().ok_or_else(|| self.err(&CliError::NotANumber { what: what.into(), raw: raw.into() }))
    }
    /// A count of one or more.
    fn count(&self, what: &str, raw: &str) -> Result<u32, ApiError> {
        raw.trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| self.err(&CliError::NotANumber { what: what.into(), raw: raw.into() }))
    }
    fn version(&self, raw: &Option<String>) -> Result<Option<u32>, ApiError> {
        raw.as_deref().map(|v| self.id("--version", v).and_then(|n| u32::try_from(n).map_err(|_| self.err(&FormsError::UnknownVersion(0, 0))))).transpose()
    }
    fn date(&self, raw: &str) -> Result<NaiveDate, ApiError> {
        parse_date(raw).map_err(|e| self.err(&e))
    }
    fn opt_date(&self, raw: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
        raw.as_deref().map(|d| self.date(d)).transpose()
    }
}

/// The command line's definition, for tests that walk every command.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Run the CLI; returns the exit code.
pub fn main(args: Vec<OsString>) -> i32 {
    // Language of the usage errors clap reports, before --lang is parsed.
    let early_lang = args
        .windows(2)
        .find(|w| w[0] == "--lang")
        .and_then(|w| Lang::parse(&w[1].to_string_lossy()))
        .or_else(|| args.iter().find_map(|a| a.to_string_lossy().strip_prefix("--lang=").and_then(Lang::parse)))
        .or_else(|| std::env::var("BEELDAKKOORD_LANG").ok().and_then(|l| Lang::parse(&l)))
        .unwrap_or_default();
    let json_mode = args.iter().any(|a| a == "--json");
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { 2 } else { 0 };
            }
            let err = ApiError::from_error(&CliError::Usage(usage_message(&e, early_lang)), early_lang);
            report(&err, json_mode);
            return 2;
        }
    };
    let lang = match cli.lang.as_deref() {
        None => early_lang,
        Some(l) => match Lang::parse(l) {
            Some(l) => l,
            None => {
                report(&ApiError::from_error(&CliError::Lang(l.into()), early_lang), cli.json);
                return 2;
            }
        },
    };
    let ctx = Ctx { lang, json: cli.json, data_dir: crate::data_dir(cli.data_dir.clone()) };
    match run(&ctx, cli.command) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            let written = if cli.json {
                writeln!(stdout, "{}", serde_json::to_string_pretty(&out.json).unwrap_or_default())
            } else {
                writeln!(stdout, "{}", terminal_safe(&out.text))
            };
            if written.is_err() {
                return 1;
            }
            match out.failed {
                Some(e) => {
                    report(&e, cli.json);
                    1
                }
                None => 0,
            }
        }
        Err(e) => {
            report(&e, cli.json);
            1
        }
    }
}

/// Text for a terminal: control characters (escape sequences among them)
/// shown as a replacement character, so stored text can never steer the
/// terminal. Data from older versions may still hold them; new input is
/// refused at the door.
fn terminal_safe(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

fn report(e: &ApiError, json: bool) {
    if json {
        eprintln!("{}", serde_json::to_string(e).unwrap_or_default());
    } else {
        // One line, whatever the message holds.
        eprintln!("{}", terminal_safe(&e.to_string().replace('\n', " ")));
    }
}

fn run(ctx: &Ctx, command: Command) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    if let Command::Init { org, jurisdiction, consent_age, school_year_start, recovery_sheet } = command {
        let (username, password) = ctx.password()?;
        let consent_age = consent_age.map(|a| a.trim().parse::<i64>().map_err(|_| ctx.err(&SetupError::ConsentAge(-1)))).transpose()?;
        let req = InitRequest { org_name: org, jurisdiction, consent_age, school_year_start, username, password };
        // Checks everything first: a refused setup leaves no folder or database behind.
        let sheet = OutputFile::new(&recovery_sheet, false);
        let (core, session) = Beeldakkoord::create_with_recovery_sheet(&ctx.data_dir, &req, lang, &sheet).map_err(|e| ctx.err(&e))?;
        let organisation = core.organisation().map_err(|e| ctx.err(&e))?;
        return Ok(Out::of(&output::SetUp { organisation, user: session.username, data_dir: &ctx.data_dir, recovery_sheet: &recovery_sheet }, lang));
    }
    if let Command::Key(args::KeyCmd::Recover { user }) = command {
        return keys::recover(ctx, &user);
    }
    match command {
        Command::Backup(args::BackupCmd::Verify { file }) => return backup::verify(ctx, &file),
        Command::Backup(args::BackupCmd::Restore { file, user }) => return backup::restore(ctx, &file, user.as_deref()),
        _ => {}
    }
    let (core, s) = ctx.unlock()?;
    match command {
        Command::Init { .. }
        | Command::Key(args::KeyCmd::Recover { .. })
        | Command::Backup(args::BackupCmd::Verify { .. } | args::BackupCmd::Restore { .. }) => unreachable!("handled before signing in"),
        Command::Backup(args::BackupCmd::Create { file, force }) => backup::create(ctx, &core, &s, file, force),
        Command::Key(cmd) => keys::key(ctx, &core, &s, cmd),
        Command::Photo(cmd) => photos::photo(ctx, &core, &s, cmd),
        Command::Publication(cmd) => photos::publication(ctx, &core, &s, cmd),
        Command::Takedown(cmd) => photos::takedown(ctx, &core, &s, cmd),
        Command::Notice(cmd) => photos::notice(ctx, &core, &s, cmd),
        Command::Dossier(args) => print::dossier(ctx, &core, &s, args),
        Command::Reconsent(cmd) => print::reconsent(ctx, &core, &s, cmd),
        Command::Today => Ok(Out::of(&core.overview(&s).map_err(|err| ctx.err(&err))?, ctx.lang)),
        Command::Logo { file, remove } => print::logo(ctx, &core, &s, file, remove),
        Command::Measures { out, force } => print::measures(ctx, &core, &s, out, force),
        Command::Audit(cmd) => consent::audit(ctx, &core, &s, cmd),
        Command::Consent(cmd) => consent::consent(ctx, &core, &s, cmd),
        Command::Retention(cmd) => retention::retention(ctx, &core, &s, cmd),
        Command::User(cmd) => users::user(ctx, &core, &s, cmd),
        Command::Org(cmd) => users::org(ctx, &core, &s, cmd),
        Command::Group(cmd) => people::group(ctx, &core, &s, cmd),
        Command::Person(cmd) => people::person(ctx, &core, &s, cmd),
        Command::Roster(cmd) => people::roster(ctx, &core, &s, cmd),
        Command::Form(cmd) => forms::form(ctx, &core, &s, cmd),
    }
}
