//! The command line: the same operations as the window, for scripting,
//! migration and tests. `--json` prints one JSON document on stdout; errors
//! go to stderr as one line, with a non-zero exit code.

mod output;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use beeldakkoord_core::api::{BoxInput, FormTarget, InitRequest, NewNotice, NewPerson, PeopleFilter, RecordRequest, WithdrawRequest};
use beeldakkoord_core::auth::{AuthError, Session};
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::dates::parse_date;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::error::{ConsentRequestError, FormsError, PeopleError, SetupError};
use beeldakkoord_core::files::{OutputDir, OutputFile};
use beeldakkoord_core::{Beeldakkoord, Lang};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use serde_json::json;

use crate::error::ApiError;

#[derive(Parser, Debug)]
#[command(name = "beeldakkoord", version, about = "Beeldakkoord: toestemming voor beeldmateriaal / photo consent", disable_help_subcommand = true)]
struct Cli {
    /// Data folder (default: the platform data folder)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Machine-readable output: one JSON document on stdout
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: nl (default) or en
    #[arg(long, global = true, value_name = "nl|en")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Set up the organisation and the first (admin) user
    Init {
        #[arg(long)]
        org: String,
        #[arg(long, value_name = "nl|be-vl")]
        jurisdiction: String,
        #[arg(long, value_name = "N")]
        consent_age: Option<String>,
        #[arg(long, value_name = "MM-DD")]
        school_year_start: Option<String>,
    },
    /// Groups (classes, daycare groups)
    #[command(subcommand)]
    Group(GroupCmd),
    /// Children and staff
    #[command(subcommand)]
    Person(PersonCmd),
    /// Import a roster export (CSV)
    #[command(subcommand)]
    Roster(RosterCmd),
    /// Consent form templates
    #[command(subcommand)]
    Form(FormCmd),
    /// Record, withdraw and show consent
    #[command(subcommand)]
    Consent(ConsentCmd),
    /// Information notices about non-targeted images
    #[command(subcommand)]
    Notice(NoticeCmd),
    /// The photo library: import, type, tags, the verdict for a use
    #[command(subcommand)]
    Photo(PhotoCmd),
    /// Where photos were published
    #[command(subcommand)]
    Publication(PublicationCmd),
    /// Publications to take down
    #[command(subcommand)]
    Takedown(TakedownCmd),
    /// Exit dossiers as PDF (language with --lang): of one person, or
    /// `batch` for everyone who left in a period
    Dossier(DossierArgs),
    /// The audit trail
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Who has to be asked for consent again, and why
    #[command(subcommand)]
    Reconsent(ReconsentCmd),
    /// The organisation's logo on every printout: a PNG or JPEG file, or --remove
    Logo {
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        file: Option<PathBuf>,
        #[arg(long)]
        remove: bool,
    },
    /// The technical and organisational measures as this installation enforces them (one-page PDF)
    Measures {
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace an existing output file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
enum ReconsentCmd {
    /// One line per person and reason: expired, expiring, never-asked, own-consent-age, new-uses
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
    },
    /// The list as a checklist PDF; with --forms also the current form pre-filled for everyone on it
    Print {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[arg(long, value_name = "FILE.pdf")]
        forms: Option<PathBuf>,
        /// Replace existing output files
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct DossierArgs {
    #[command(subcommand)]
    batch: Option<DossierCmd>,
    /// The person's number
    #[arg(required = true)]
    person: Option<String>,
    #[arg(long, value_name = "FILE.pdf", required = true)]
    out: Option<PathBuf>,
    /// Replace an existing output file
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand, Debug)]
enum DossierCmd {
    /// Everyone who left (or leaves) in a period: one PDF each in DIR, plus one combined PDF for printing
    Batch {
        #[arg(long, value_name = "YYYY-MM-DD")]
        left_from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        left_to: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Replace files of the same name in DIR
        #[arg(long)]
        force: bool,
    },
    /// The photos of a person to take home: everyone else made unrecognisable, no metadata
    Photos {
        /// The person's number
        person: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Replace files of the same name in DIR
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
enum AuditCmd {
    /// Recompute the hash chain; with --person also the count and fingerprint
    /// of that person's consent history, as printed on the exit dossier
    Verify {
        #[arg(long, value_name = "ID")]
        person: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum PublicationCmd {
    Add {
        photo: String,
        #[arg(long)]
        channel: String,
        #[arg(long)]
        purpose: String,
        #[arg(long = "where", value_name = "TEXT")]
        place: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    Remove {
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum TakedownCmd {
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum NoticeCmd {
    Add {
        #[arg(long)]
        group: Vec<String>,
        /// The notice went to all staff
        #[arg(long)]
        all_staff: bool,
        #[arg(long, required = true)]
        purpose: Vec<String>,
        #[arg(long, required = true)]
        channel: Vec<String>,
        #[arg(long)]
        text: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum PhotoCmd {
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    Set {
        photo: String,
        #[arg(long = "type", value_name = "KEY")]
        photo_type: String,
        #[arg(long, conflicts_with = "not_posed")]
        posed: bool,
        #[arg(long)]
        not_posed: bool,
    },
    Tag {
        photo: String,
        #[arg(long)]
        person: String,
        #[arg(long = "box", value_name = "X,Y,W,H")]
        area: Option<String>,
        #[arg(long)]
        highlighted: bool,
    },
    Untag {
        photo: String,
        #[arg(long)]
        person: String,
    },
    Check {
        photo: String,
        #[arg(long)]
        channel: String,
        #[arg(long)]
        purpose: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Write an anonymised copy (.jpg or .png) for a use
    Export {
        photo: String,
        #[arg(long)]
        channel: String,
        #[arg(long)]
        purpose: String,
        #[arg(long, value_name = "FILE.jpg")]
        out: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Replace an existing output file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
enum GroupCmd {
    Add { name: String },
}

#[derive(Subcommand, Debug)]
enum PersonCmd {
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "child|staff")]
        kind: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        birth_date: Option<String>,
        #[arg(long)]
        group: Vec<String>,
        #[arg(long)]
        guardian: Vec<String>,
    },
    Leave {
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
    },
    List {
        #[arg(long)]
        group: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum RosterCmd {
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand, Debug)]
enum FormCmd {
    Import {
        file: PathBuf,
    },
    Export {
        id: String,
        #[arg(long, value_name = "FILE.toml")]
        out: PathBuf,
        #[arg(long)]
        version: Option<String>,
        /// Replace an existing output file
        #[arg(long)]
        force: bool,
    },
    List,
    /// Take a form into use: it is offered and consent can be recorded on it
    Activate {
        id: String,
    },
    /// Stop using a form: its answers stay, new ones are refused
    Deactivate {
        id: String,
    },
    Show {
        id: String,
        #[arg(long)]
        version: Option<String>,
    },
    /// The form on paper: blank, filled in for a person, or for a whole group in one PDF
    Print {
        id: String,
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_name = "ID", conflicts_with = "group")]
        person: Option<String>,
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
        /// Date printed as "please return before" (default: two weeks from today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        return_by: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace an existing output file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
struct WithdrawWhat {
    #[arg(long, value_name = "TYPE/CHANNEL/PURPOSE")]
    item: Vec<String>,
    #[arg(long)]
    all: bool,
}

#[derive(Subcommand, Debug)]
enum ConsentCmd {
    Record {
        #[arg(long)]
        person: String,
        #[arg(long)]
        form: String,
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_name = "TYPE/CHANNEL/PURPOSE=yes|no")]
        answer: Vec<String>,
        #[arg(long, value_name = "NAME")]
        given_by: String,
        #[arg(long, value_name = "digital|paper")]
        method: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    Withdraw {
        #[arg(long)]
        person: String,
        #[command(flatten)]
        what: WithdrawWhat,
        #[arg(long, value_name = "NAME")]
        given_by: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    Show {
        #[arg(long)]
        person: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<String>,
    },
}

/// What a command produced: JSON for `--json`, text for people.
pub struct Out {
    json: serde_json::Value,
    text: String,
}

impl Out {
    fn new(json: serde_json::Value, text: impl Into<String>) -> Out {
        Out { json, text: text.into() }
    }
}

struct Ctx {
    lang: Lang,
    json: bool,
    data_dir: PathBuf,
}

impl Ctx {
    fn core(&self) -> Result<Beeldakkoord, ApiError> {
        Beeldakkoord::open(&self.data_dir).map_err(|e| self.err(&e))
    }
    fn err(&self, e: &impl beeldakkoord_core::i18n::UserFacing) -> ApiError {
        ApiError::from_error(e, self.lang)
    }
    fn password(&self) -> Result<(String, String), ApiError> {
        let user = std::env::var("BEELDAKKOORD_USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "admin".into());
        let password = std::env::var("BEELDAKKOORD_PASSWORD").ok().filter(|p| !p.is_empty()).ok_or_else(|| self.err(&AuthError::NoPassword))?;
        Ok((user, password))
    }
    fn login(&self, core: &Beeldakkoord) -> Result<Session, ApiError> {
        let (user, password) = self.password()?;
        core.login(&user, &password).map_err(|e| self.err(&e))
    }
    /// A number; whether something has that number is the core's answer
    /// (`--person 0` is "no such person", not "not a number").
    fn id(&self, what: &str, raw: &str) -> Result<i64, ApiError> {
        raw.trim().parse::<i64>().ok().ok_or_else(|| {
            ApiError::new(
                "input.number",
                self.lang.pick(format!("{what} moet een nummer zijn, niet '{raw}'."), format!("{what} must be a number, not '{raw}'.")),
            )
        })
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
            let err = ApiError::new("cli.usage", usage_message(&e, early_lang));
            report(&err, json_mode);
            return 2;
        }
    };
    let lang = match cli.lang.as_deref() {
        None => early_lang,
        Some(l) => match Lang::parse(l) {
            Some(l) => l,
            None => {
                report(&ApiError::new("cli.lang", format!("Onbekende taal '{l}': kies nl of en. / Unknown language '{l}': choose nl or en.")), cli.json);
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
            0
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

/// clap's complaint as one line in the user's language, naming what is
/// missing or unknown (never cut off after "not provided:").
fn usage_message(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let values = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::String(v)) => v.clone(),
        _ => String::new(),
    };
    let shown = |s: String| beeldakkoord_core::domain::text::shorten(&s, 200);
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

fn report(e: &ApiError, json: bool) {
    if json {
        eprintln!("{}", serde_json::to_string(e).unwrap_or_default());
    } else {
        // One line, whatever the message holds.
        eprintln!("{}", terminal_safe(&e.to_string().replace('\n', " ")));
    }
}

fn parse_box(ctx: &Ctx, raw: &str) -> Result<BoxInput, ApiError> {
    let nums: Vec<i64> = raw.split(',').filter_map(|n| n.trim().parse().ok()).collect();
    match nums[..] {
        [x, y, w, h] if raw.split(',').count() == 4 => Ok(BoxInput { x, y, w, h }),
        _ => Err(ApiError::new(
            "input.box",
            ctx.lang.pick(
                format!("'{raw}' is geen vak. Schrijf X,Y,B,H in pixels, bijv. 120,80,200,240."),
                format!("'{raw}' is not a box. Write X,Y,W,H in pixels, e.g. 120,80,200,240."),
            ),
        )),
    }
}

fn photo_cmd(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: PhotoCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        PhotoCmd::Import { paths } => {
            let r = core.import_photos(s, &paths, lang, &mut |_| true).map_err(e)?;
            let list: Vec<_> = r.imported.iter().map(|p| json!({"id": p.id, "hash": p.hash, "new": p.new})).collect();
            if !r.failed.is_empty() {
                // Partial success: the imported ones are listed, the rest named on stderr.
                // The first few by name and reason, the rest counted: the line stays readable.
                const NAMED: usize = 10;
                let mut names: Vec<String> = r.failed.iter().take(NAMED).map(|f| format!("{} ({})", f.name, f.message)).collect();
                if r.failed.len() > NAMED {
                    names.push(lang.pick(format!("en nog {} bestanden", r.failed.len() - NAMED), format!("and {} more files", r.failed.len() - NAMED)));
                }
                let out = if ctx.json { serde_json::to_string_pretty(&list).unwrap_or_default() } else { output::imported(&r, lang) };
                println!("{out}");
                return Err(ApiError::new(
                    "photo.import_partial",
                    lang.pick(
                        format!("{} van {} bestanden niet ingelezen: {}", r.failed.len(), r.failed.len() + r.imported.len(), names.join("; ")),
                        format!("{} of {} files not imported: {}", r.failed.len(), r.failed.len() + r.imported.len(), names.join("; ")),
                    ),
                ));
            }
            Ok(Out::new(json!(list), output::imported(&r, lang)))
        }
        PhotoCmd::Set { photo, photo_type, posed, not_posed } => {
            let id = ctx.id("PHOTO", &photo)?;
            let posed = if posed {
                Some(true)
            } else if not_posed {
                Some(false)
            } else {
                None
            };
            let p = core.set_photo(s, id, Some(&photo_type), posed).map_err(e)?;
            Ok(Out::new(
                json!({"photo": p.id, "type": p.photo_type, "posed": p.posed}),
                lang.pick(format!("Foto {id} bijgewerkt."), format!("Photo {id} updated.")),
            ))
        }
        PhotoCmd::Tag { photo, person, area, highlighted } => {
            let id = ctx.id("PHOTO", &photo)?;
            let person = ctx.id("--person", &person)?;
            let area = area.as_deref().map(|b| parse_box(ctx, b)).transpose()?;
            let tags = core.tag_photo(s, id, person, area, highlighted).map_err(e)?;
            Ok(Out::new(
                json!({"photo": id, "tags": tags}),
                lang.pick(format!("Persoon {person} getagd op foto {id}."), format!("Person {person} tagged in photo {id}.")),
            ))
        }
        PhotoCmd::Untag { photo, person } => {
            let id = ctx.id("PHOTO", &photo)?;
            let person = ctx.id("--person", &person)?;
            let tags = core.untag_photo(s, id, person).map_err(e)?;
            Ok(Out::new(json!({"photo": id, "tags": tags}), lang.pick(format!("Tag verwijderd van foto {id}."), format!("Tag removed from photo {id}."))))
        }
        PhotoCmd::Export { photo, channel, purpose, out, date, force } => {
            let id = ctx.id("PHOTO", &photo)?;
            let r = core.export_photo(s, id, &channel, &purpose, ctx.opt_date(&date)?, &OutputFile::new(out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"photo": id, "out": r.out, "verdict": r.verdict.outcome, "anonymised": r.anonymised}),
                lang.pick(
                    format!("Kopie opgeslagen in {} ({} personen onherkenbaar gemaakt, geen metagegevens).", r.out, r.anonymised),
                    format!("Copy saved to {} ({} people made unrecognisable, no metadata).", r.out, r.anonymised),
                ),
            ))
        }
        PhotoCmd::Check { photo, channel, purpose, date } => {
            let id = ctx.id("PHOTO", &photo)?;
            let c = core.check_photo(s, id, &channel, &purpose, ctx.opt_date(&date)?).map_err(e)?;
            let people: Vec<_> = c
                .verdict
                .people
                .iter()
                .map(|l| json!({"person": l.person, "targeted": l.targeted, "status": l.status, "record": l.record, "form": l.form, "form_version": l.form_version, "notice": l.notice, "rule": l.rule, "reason": l.rule.describe(lang), "box": l.has_box}))
                .collect();
            let v = json!({"photo": c.photo, "channel": c.channel, "purpose": c.purpose, "date": c.date, "verdict": c.verdict.outcome, "nobody_tagged": c.verdict.nobody_tagged, "people": people});
            Ok(Out::new(v, output::check(&c, lang)))
        }
    }
}

fn run(ctx: &Ctx, command: Command) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    if let Command::Init { org, jurisdiction, consent_age, school_year_start } = command {
        let (username, password) = ctx.password()?;
        let consent_age = consent_age.map(|a| a.trim().parse::<i64>().map_err(|_| ctx.err(&SetupError::ConsentAge(-1)))).transpose()?;
        let req = InitRequest { org_name: org, jurisdiction, consent_age, school_year_start, username, password };
        // Checks everything first: a refused setup leaves no folder or database behind.
        let (core, session) = Beeldakkoord::create(&ctx.data_dir, &req).map_err(|e| ctx.err(&e))?;
        let org = core.organisation().map_err(|e| ctx.err(&e))?;
        return Ok(Out::new(
            json!({"organisation": org, "user": session.username, "data_dir": ctx.data_dir}),
            lang.pick(
                format!("{} is ingericht (toestemming zelf vanaf {} jaar). Gebruiker: {}.", org.name, org.consent_age, session.username),
                format!("{} is set up (own consent from age {}). User: {}.", org.name, org.consent_age, session.username),
            ),
        ));
    }
    let core = ctx.core()?;
    let s = ctx.login(&core)?;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match command {
        Command::Init { .. } => unreachable!("handled above"),
        Command::Photo(cmd) => photo_cmd(ctx, &core, &s, cmd),
        Command::Publication(PublicationCmd::Add { photo, channel, purpose, place, date }) => {
            let photo = ctx.id("PHOTO", &photo)?;
            let id = core.add_publication(&s, photo, &channel, &purpose, &place, ctx.opt_date(&date)?).map_err(e)?;
            Ok(Out::new(json!({"id": id}), lang.pick(format!("Publicatie {id} vastgelegd."), format!("Publication {id} recorded."))))
        }
        Command::Publication(PublicationCmd::Remove { id, date }) => {
            let id = ctx.id("ID", &id)?;
            core.remove_publication(&s, id, ctx.opt_date(&date)?).map_err(e)?;
            Ok(Out::new(json!({"id": id, "removed": true}), lang.pick(format!("Publicatie {id} is verwijderd."), format!("Publication {id} taken down."))))
        }
        Command::Takedown(TakedownCmd::List { date }) => {
            let list = core.takedown_list(&s, ctx.opt_date(&date)?).map_err(e)?;
            let v: Vec<_> = list
                .iter()
                .map(|t| json!({"publication": t.publication, "photo": t.photo, "where": t.place, "channel": t.channel, "purpose": t.purpose, "published_on": t.published_on,
                    "people": t.people.iter().map(|p| json!({"person": p.person, "name": p.name, "status": p.status, "reason": p.rule.describe(lang)})).collect::<Vec<_>>()}))
                .collect();
            Ok(Out::new(json!(v), output::takedown(&list, lang)))
        }
        Command::Dossier(DossierArgs { batch: Some(DossierCmd::Batch { left_from, left_to, out, force }), .. }) => {
            let (from, to) = (ctx.date(&left_from)?, ctx.date(&left_to)?);
            let never = std::sync::atomic::AtomicBool::new(false);
            let r = core.dossier_batch(&s, from, to, lang, &OutputDir::new(&out, force), &mut |_| {}, &never).map_err(e)?;
            Ok(Out::new(
                json!({"count": r.count, "files": r.files, "combined": r.combined}),
                match &r.combined {
                    Some(c) => lang.pick(
                        format!("{} vertrekdossiers geschreven naar {}; alles samen om af te drukken: {}.", r.count, out.display(), c.display()),
                        format!("{} exit dossiers written to {}; all together for printing: {}.", r.count, out.display(), c.display()),
                    ),
                    None => lang.pick(format!("Niemand vertrok tussen {from} en {to}."), format!("Nobody left between {from} and {to}.")),
                },
            ))
        }
        Command::Dossier(DossierArgs { batch: Some(DossierCmd::Photos { person, out, force }), .. }) => {
            let person = ctx.id("PERSON", &person)?;
            let r = core.leaver_photos(&s, person, &OutputDir::new(&out, force), lang).map_err(e)?;
            let mut text = lang.pick(
                format!("{} foto's geschreven naar {} ({} andere personen onherkenbaar gemaakt).", r.files.len(), out.display(), r.hidden),
                format!("{} photos written to {} ({} other people made unrecognisable).", r.files.len(), out.display(), r.hidden),
            );
            for sk in &r.skipped {
                text.push_str(&match &sk.problem {
                    Some(problem) => lang.pick(format!("\nNiet meegegeven: {}", problem), format!("\nLeft out: {}", problem)),
                    None => lang.pick(
                        format!("\nNiet meegegeven: {} (zonder vak: {}).", sk.name, sk.unboxed.join(", ")),
                        format!("\nLeft out: {} (no box: {}).", sk.name, sk.unboxed.join(", ")),
                    ),
                });
            }
            Ok(Out::new(
                json!({"person": r.person, "files": r.files, "hidden": r.hidden, "skipped": r.skipped.iter().map(|sk| json!({"photo": sk.photo, "name": sk.name, "unboxed": sk.unboxed, "problem": sk.problem})).collect::<Vec<_>>()}),
                text,
            ))
        }
        Command::Dossier(DossierArgs { person, out, force, .. }) => {
            // clap requires both when there is no subcommand.
            let (Some(person), Some(out)) = (person, out) else {
                return Err(ApiError::new("cli.usage", lang.pick("Geef een persoonsnummer en --out BESTAND.pdf.", "Give a person number and --out FILE.pdf.")));
            };
            let person = ctx.id("PERSON", &person)?;
            let r = core.print_dossier(&s, person, lang, &OutputFile::new(out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"person": r.person, "out": r.out, "bytes": r.bytes, "events": r.fingerprint.events, "fingerprint": r.fingerprint.sha256}),
                lang.pick(
                    format!(
                        "Vertrekdossier geschreven naar {} ({} gebeurtenissen, vingerafdruk {}).",
                        r.out.display(),
                        r.fingerprint.events,
                        r.fingerprint.sha256
                    ),
                    format!("Exit dossier written to {} ({} events, fingerprint {}).", r.out.display(), r.fingerprint.events, r.fingerprint.sha256),
                ),
            ))
        }
        Command::Reconsent(ReconsentCmd::List { date, group }) => {
            let lines = core.reconsent(&s, ctx.opt_date(&date)?, group.as_deref()).map_err(e)?;
            let v: Vec<_> = lines
                .iter()
                .map(|l| json!({"person": l.person, "name": l.name, "groups": l.groups, "reason": l.reason, "items": l.items, "form": l.form}))
                .collect();
            let text = if lines.is_empty() {
                lang.pick("Niemand hoeft opnieuw gevraagd te worden.", "Nobody needs to be asked again.").to_string()
            } else {
                lines
                    .iter()
                    .map(|l| match l.groups.is_empty() {
                        true => format!("{}: {}", l.name, l.reason.describe(lang)),
                        false => format!("{} ({}): {}", l.name, l.groups.join(", "), l.reason.describe(lang)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok(Out::new(json!(v), text))
        }
        Command::Reconsent(ReconsentCmd::Print { date, group, out, forms, force }) => {
            let forms = forms.map(|f| OutputFile::new(f, force));
            let r = core.print_reconsent(&s, ctx.opt_date(&date)?, group.as_deref(), lang, &OutputFile::new(out, force), forms.as_ref()).map_err(e)?;
            Ok(Out::new(
                json!({"checklist": r.checklist, "people": r.people, "forms": r.forms}),
                lang.pick(
                    format!("Lijst met {} personen geschreven naar {}.", r.people, r.checklist.display()),
                    format!("List of {} people written to {}.", r.people, r.checklist.display()),
                ),
            ))
        }
        Command::Logo { file, remove } => {
            let file = file.filter(|_| !remove);
            match &file {
                Some(f) => core.set_logo_file(&s, f).map_err(e)?,
                None => core.set_logo(&s, None).map_err(e)?,
            }
            Ok(Out::new(
                json!({"logo": file.is_some()}),
                match file {
                    Some(_) => lang.pick("Het logo staat voortaan op elke afdruk.", "The logo is on every printout from now on."),
                    None => lang.pick("Het logo is verwijderd.", "The logo has been removed."),
                },
            ))
        }
        Command::Measures { out, force } => {
            let bytes = core.print_measures(&s, lang, &OutputFile::new(&out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"out": out, "bytes": bytes}),
                lang.pick(format!("Maatregelen geschreven naar {}.", out.display()), format!("Measures written to {}.", out.display())),
            ))
        }
        Command::Audit(AuditCmd::Verify { person }) => {
            let chain = core.verify_audit(&s).map_err(e)?;
            let person = person.map(|p| ctx.id("--person", &p)).transpose()?;
            let fp = person.map(|p| core.person_fingerprint(&s, p).map(|f| (p, f))).transpose().map_err(e)?;
            let ok = chain.broken_at.is_none();
            let mut text = match chain.broken_at {
                None => lang.pick(format!("Audittrail in orde: {} gebeurtenissen.", chain.events), format!("Audit trail intact: {} events.", chain.events)),
                Some(id) => lang.pick(format!("Audittrail beschadigd vanaf gebeurtenis {id}."), format!("Audit trail broken from event {id}.")),
            };
            if let Some((p, f)) = &fp {
                text.push_str(&lang.pick(
                    format!("\nPersoon {p}: {} gebeurtenissen, vingerafdruk {}", f.events, f.sha256),
                    format!("\nPerson {p}: {} events, fingerprint {}", f.events, f.sha256),
                ));
            }
            let mut v = json!({"ok": ok, "events": chain.events, "broken_at": chain.broken_at, "head": chain.head});
            if let Some((p, f)) = fp {
                v["person"] = json!({"id": p, "events": f.events, "fingerprint": f.sha256});
            }
            // A broken chain is an error for scripts, after the report.
            if !ok {
                return Err(ApiError::new("audit.broken", text));
            }
            Ok(Out::new(v, text))
        }
        Command::Notice(NoticeCmd::Add { group, all_staff, purpose, channel, text, date }) => {
            let id = core
                .add_notice(&s, &NewNotice { groups: group, all_staff, purposes: purpose, channels: channel, text, date: ctx.opt_date(&date)? })
                .map_err(e)?;
            Ok(Out::new(json!({"id": id}), lang.pick(format!("Informatiebericht {id} vastgelegd."), format!("Information notice {id} recorded."))))
        }
        Command::Group(GroupCmd::Add { name }) => {
            let g = core.add_group(&s, &name).map_err(e)?;
            Ok(Out::new(json!({"id": g.id, "name": g.name}), lang.pick(format!("Groep '{}' aangemaakt.", g.name), format!("Group '{}' created.", g.name))))
        }
        Command::Person(PersonCmd::Add { name, kind, birth_date, group, guardian }) => {
            let kind = PersonKind::parse(&kind).filter(|_| !kind.trim().is_empty()).ok_or_else(|| ctx.err(&PeopleError::Kind(kind.clone())))?;
            let birth_date = ctx.opt_date(&birth_date)?;
            let id = core.add_person(&s, &NewPerson { name, kind, birth_date, groups: group, guardians: guardian }).map_err(e)?;
            Ok(Out::new(json!({"id": id}), lang.pick(format!("Persoon toegevoegd met nummer {id}."), format!("Person added with number {id}."))))
        }
        Command::Person(PersonCmd::Leave { id, date }) => {
            let id = ctx.id("ID", &id)?;
            let date = ctx.date(&date)?;
            core.set_leave_date(&s, id, date).map_err(e)?;
            Ok(Out::new(
                json!({"id": id, "leave_date": date}),
                lang.pick(format!("Vertrekdatum van {id} is {date}."), format!("Leave date of {id} is {date}.")),
            ))
        }
        Command::Person(PersonCmd::List { group }) => {
            let people = core.people(&s, &PeopleFilter { group, search: None, include_left: true }).map_err(e)?;
            Ok(Out::new(json!(people), output::people(&people, lang)))
        }
        Command::Roster(RosterCmd::Import { file, dry_run }) => {
            let r = core.import_roster_file(&s, &file, dry_run).map_err(e)?;
            Ok(Out::new(json!(r), output::roster(&r, lang)))
        }
        Command::Form(FormCmd::Import { file }) => {
            let r = core.import_form_file(&s, &file).map_err(e)?;
            Ok(Out::new(
                json!({"form": r.form, "version": r.version}),
                lang.pick(format!("Formulier {} versie {} ingelezen.", r.form, r.version), format!("Form {} version {} imported.", r.form, r.version)),
            ))
        }
        Command::Form(FormCmd::Export { id, out, version, force }) => {
            let id = ctx.id("ID", &id)?;
            core.export_form_file(&s, id, ctx.version(&version)?, &OutputFile::new(&out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"form": id, "out": out}),
                lang.pick(format!("Formulier {id} opgeslagen in {}.", out.display()), format!("Form {id} saved to {}.", out.display())),
            ))
        }
        Command::Form(FormCmd::Activate { id }) => {
            let id = ctx.id("ID", &id)?;
            core.set_form_active(&s, id, true).map_err(e)?;
            Ok(Out::new(json!({"form": id, "active": true}), lang.pick(format!("Formulier {id} is in gebruik."), format!("Form {id} is in use."))))
        }
        Command::Form(FormCmd::Deactivate { id }) => {
            let id = ctx.id("ID", &id)?;
            core.set_form_active(&s, id, false).map_err(e)?;
            Ok(Out::new(
                json!({"form": id, "active": false}),
                lang.pick(format!("Formulier {id} is niet meer in gebruik."), format!("Form {id} is no longer in use.")),
            ))
        }
        Command::Form(FormCmd::List) => {
            let forms = core.forms(&s).map_err(e)?;
            Ok(Out::new(json!(forms), output::forms(&forms, lang)))
        }
        Command::Form(FormCmd::Show { id, version }) => {
            let id = ctx.id("ID", &id)?;
            let f = core.form(&s, id, ctx.version(&version)?).map_err(e)?;
            let text = output::form(&f, lang);
            Ok(Out::new(json!(f), text))
        }
        Command::Form(FormCmd::Print { id, version, person, group, return_by, out, force }) => {
            let id = ctx.id("ID", &id)?;
            let target = match (person, group) {
                (Some(p), _) => FormTarget::Person(ctx.id("--person", &p)?),
                (None, Some(g)) => FormTarget::Group(g),
                (None, None) => FormTarget::Blank,
            };
            let r = core.print_form(&s, id, ctx.version(&version)?, &target, lang, ctx.opt_date(&return_by)?, &OutputFile::new(out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"out": r.out, "forms": r.forms, "bytes": r.bytes}),
                lang.pick(
                    format!("{} formulier(en) geschreven naar {}.", r.forms, r.out.display()),
                    format!("{} form(s) written to {}.", r.forms, r.out.display()),
                ),
            ))
        }
        Command::Consent(ConsentCmd::Record { person, form, version, answer, given_by, method, date }) => {
            let person = ctx.id("--person", &person)?;
            let form = ctx.id("--form", &form)?;
            let method = Method::parse(&method).ok_or_else(|| ctx.err(&ConsentRequestError::Method(method.clone())))?;
            let answers = answer.iter().map(|a| AnswerInput::parse(a).map_err(|err| ctx.err(&err))).collect::<Result<Vec<_>, _>>()?;
            let req = RecordRequest { person, form, version: ctx.version(&version)?, answers, given_by, method, date: ctx.opt_date(&date)? };
            let id = core.record_consent(&s, &req).map_err(e)?;
            Ok(Out::new(json!({"record": id}), lang.pick(format!("Toestemming vastgelegd (gebeurtenis {id})."), format!("Consent recorded (event {id})."))))
        }
        Command::Consent(ConsentCmd::Withdraw { person, what, given_by, date }) => {
            let person = ctx.id("--person", &person)?;
            let req = WithdrawRequest { person, items: what.item, all: what.all, given_by, method: Method::Digital, date: ctx.opt_date(&date)? };
            let id = core.withdraw_consent(&s, &req).map_err(e)?;
            Ok(Out::new(json!({"record": id}), lang.pick(format!("Toestemming ingetrokken (gebeurtenis {id})."), format!("Consent withdrawn (event {id})."))))
        }
        Command::Consent(ConsentCmd::Show { person, at }) => {
            let person = ctx.id("--person", &person)?;
            let o = core.consent_at(&s, person, ctx.opt_date(&at)?).map_err(e)?;
            let items: Vec<_> = o
                .items
                .iter()
                .map(|i| json!({"item": i.item, "status": i.status, "record": i.record, "form": i.form, "form_version": i.form_version, "valid_until": i.valid_until}))
                .collect();
            Ok(Out::new(json!({"person": o.person, "at": o.at, "items": items}), output::consent(&o, lang)))
        }
    }
}
