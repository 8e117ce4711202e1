//! The command line as clap reads it. The README documents it: renaming anything here is a breaking change.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "beeldakkoord", version, about = "Beeldakkoord: toestemming voor beeldmateriaal / photo consent", disable_help_subcommand = true)]
pub struct Cli {
    /// Data folder (default: the platform data folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Machine-readable output: one JSON document on stdout
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages: nl (default) or en
    #[arg(long, global = true, value_name = "nl|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
        /// Where the recovery sheet goes (PDF with the recovery code, for the safe)
        #[arg(long, value_name = "FILE.pdf")]
        recovery_sheet: PathBuf,
    },
    /// The data key: a new recovery sheet, or a new admin password from the recovery code
    #[command(subcommand)]
    Key(KeyCmd),
    /// Backups: make one, check one, restore one into an empty data folder
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Retention terms, and removing what is past them (admins only)
    #[command(subcommand)]
    Retention(RetentionCmd),
    /// Accounts: who signs in, with which role (admins only)
    #[command(subcommand)]
    User(UserCmd),
    /// The organisation's settings (changing them: admins only)
    #[command(subcommand)]
    Org(OrgCmd),
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
    /// What needs attention today: the window's home screen as a list
    Today,
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
pub enum ReconsentCmd {
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
pub struct DossierArgs {
    #[command(subcommand)]
    pub batch: Option<DossierCmd>,
    /// The person's number
    #[arg(required = true)]
    pub person: Option<String>,
    #[arg(long, value_name = "FILE.pdf", required = true)]
    pub out: Option<PathBuf>,
    /// Replace an existing output file
    #[arg(long)]
    pub force: bool,
}

#[derive(Subcommand, Debug)]
pub enum DossierCmd {
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
pub enum AuditCmd {
    /// Recompute the hash chain; with --person also the count and fingerprint
    /// of that person's consent history, as printed on the exit dossier
    Verify {
        #[arg(long, value_name = "ID")]
        person: Option<String>,
    },
    /// Who did what, when: newest first (administrators only)
    Log {
        /// Only events about this person
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Only what this user did
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// From this day on
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<String>,
        /// Up to and including this day
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        /// At most this many entries (default 200)
        #[arg(long, value_name = "N")]
        limit: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PublicationCmd {
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
pub enum TakedownCmd {
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum NoticeCmd {
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
pub enum FacesCmd {
    /// Look for faces in photos not scanned yet (every photo with --all); progress on stderr
    Scan {
        #[arg(long)]
        all: bool,
    },
    /// Someone is there whom nobody can name: the face becomes a box to fill
    Unknown {
        photo: String,
        #[arg(long, value_name = "N")]
        face: String,
    },
    /// Not a face, or not recognisable; the reason is kept
    Dismiss {
        photo: String,
        #[arg(long, value_name = "N")]
        face: String,
        /// not-a-face (default), not-recognisable, too-small, or words of your own
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Undo the review of a face: unreviewed again
    Reopen {
        photo: String,
        #[arg(long, value_name = "N")]
        face: String,
    },
    /// Whether face suggestions are on; an administrator switches them with --on or --off
    Suggestions {
        #[arg(long, conflicts_with = "off")]
        on: bool,
        #[arg(long)]
        off: bool,
    },
    /// Never suggest this person for a face (their face data are deleted); --undo lifts it
    Exclude {
        person: String,
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PhotoCmd {
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Leave the faces for `photo faces scan`: a large import returns sooner
        #[arg(long)]
        scan_later: bool,
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
        #[arg(long = "box", value_name = "X,Y,W,H", conflicts_with = "face")]
        area: Option<String>,
        /// Name a detected face (its number from `photo faces PHOTO`)
        #[arg(long, value_name = "N")]
        face: Option<String>,
        #[arg(long)]
        highlighted: bool,
    },
    /// The faces found on a photo and their review; or scan, or review one
    #[command(args_conflicts_with_subcommands = true)]
    Faces {
        /// The photo whose faces to list
        photo: Option<String>,
        #[command(subcommand)]
        cmd: Option<FacesCmd>,
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
pub enum GroupCmd {
    Add { name: String },
}

#[derive(Subcommand, Debug)]
pub enum OrgCmd {
    /// Name, region, age of own consent, school year, lock time and how long a guardian's answer counts
    Show,
    /// Change what is given; the rest stays
    Set {
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_name = "N")]
        consent_age: Option<String>,
        #[arg(long, value_name = "MM-DD")]
        school_year_start: Option<String>,
        /// Minutes without input before the window locks (1-240)
        #[arg(long, value_name = "N")]
        idle_lock_minutes: Option<String>,
        /// How long a guardian's answer counts once a child decides for
        /// themselves: until the end of the school year of the birthday
        /// (default) or until the child's own answer is recorded
        #[arg(long, value_name = "WHEN", value_parser = ["until-school-year-end", "until-own-answer"])]
        guardian_consent: Option<String>,
        /// How many guardians sign a "yes": one (default) or both where two
        /// are linked; a withdrawal always needs one
        #[arg(long, value_name = "HOW_MANY", value_parser = ["one", "both"])]
        signatures_for_yes: Option<String>,
        /// Whether leaving ends a person's consent from the day after the
        /// leave date (on, the default) or the forms' terms run on (off)
        #[arg(long, value_name = "ON_OFF", value_parser = ["on", "off"])]
        leaving_ends_consent: Option<String>,
        /// How many days ahead a "yes" that ends is announced on the home
        /// screen and in the re-consent round (1–365, default 30)
        #[arg(long, value_name = "DAYS")]
        expiry_warning_days: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum BackupCmd {
    /// Write a backup of all data (encrypted, with a manifest of hashes) to FILE
    Create {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
    /// Check a backup without restoring it (BEELDAKKOORD_USER and _PASSWORD of a
    /// user in the backup, or BEELDAKKOORD_RECOVERY_CODE)
    Verify {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Restore a backup into the data folder, which must be empty or new; with
    /// BEELDAKKOORD_RECOVERY_CODE, --user names an admin who gets BEELDAKKOORD_NEW_PASSWORD
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "ADMIN")]
        user: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum RetentionCmd {
    /// The terms in years; the options change what is given, the rest stays
    Settings {
        /// A leaver's names on photos, and photos never published that show no one else still kept (default 1)
        #[arg(long, value_name = "YEARS")]
        photos_years: Option<String>,
        /// A leaver's consent history and record, once their dossier was printed (default 5)
        #[arg(long, value_name = "YEARS")]
        consent_years: Option<String>,
        /// Photos on which nobody is named, never published, after the photo's date (default 2)
        #[arg(long, value_name = "YEARS")]
        untagged_years: Option<String>,
    },
    /// Remove what is past its term on DATE (default today); --dry-run lists
    /// exactly that and removes nothing
    Run {
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Let a leaver's consent data go at the end of its term without a printed
    /// dossier; the reason goes into the audit log
    SkipDossier {
        #[arg(value_name = "PERSON")]
        person: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum KeyCmd {
    /// Print a new recovery sheet (admins only); the previous code stops working
    Sheet {
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace an existing output file
        #[arg(long)]
        force: bool,
    },
    /// No admin can sign in: the code from the recovery sheet (BEELDAKKOORD_RECOVERY_CODE)
    /// sets a new password (BEELDAKKOORD_NEW_PASSWORD) for an admin
    Recover {
        #[arg(long, value_name = "ADMIN")]
        user: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Add an account; its first password comes from BEELDAKKOORD_NEW_PASSWORD
    /// and the user chooses their own at the first sign-in
    Add {
        name: String,
        #[arg(long, value_name = "admin|office|teacher")]
        role: String,
        /// A group a teacher sees (repeat for more)
        #[arg(long = "group", value_name = "NAME")]
        groups: Vec<String>,
    },
    /// Every account, with its role and groups
    List,
    /// Replace the groups a teacher sees
    Groups {
        name: String,
        #[arg(long = "group", value_name = "NAME", required = true)]
        groups: Vec<String>,
    },
    /// Disable an account (never deleted: the name stays in the history)
    Disable { name: String },
    /// Link an account to the staff member's own person record, so they see
    /// their own consent (--none undoes the link)
    Link {
        name: String,
        #[arg(long, value_name = "ID", required_unless_present = "none", conflicts_with = "none")]
        person: Option<String>,
        #[arg(long)]
        none: bool,
    },
    /// A new password from BEELDAKKOORD_NEW_PASSWORD: your own (proved by
    /// BEELDAKKOORD_PASSWORD), or, for an admin, someone else's
    Passwd { name: String },
}

#[derive(Subcommand, Debug)]
pub enum PersonCmd {
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
    /// Everything kept about one person, for an access request (GDPR article 15).
    Export {
        id: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum RosterCmd {
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum FormCmd {
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
pub struct WithdrawWhat {
    #[arg(long, value_name = "TYPE/CHANNEL/PURPOSE")]
    pub item: Vec<String>,
    #[arg(long)]
    pub all: bool,
}

#[derive(Subcommand, Debug)]
pub enum ConsentCmd {
    Record {
        #[arg(long)]
        person: String,
        #[arg(long)]
        form: String,
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_name = "TYPE/CHANNEL/PURPOSE=yes|no")]
        answer: Vec<String>,
        /// Who signed; repeat for each signer (both guardians, say).
        #[arg(long, value_name = "NAME", required = true)]
        given_by: Vec<String>,
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
        /// Who signed; repeat for each signer.
        #[arg(long, value_name = "NAME", required = true)]
        given_by: Vec<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    Show {
        #[arg(long)]
        person: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<String>,
    },
    /// Keep the scan or photo of the signed paper form with an event.
    Attach {
        #[arg(long)]
        event: String,
        /// A PDF, JPEG or PNG.
        file: PathBuf,
    },
    /// Confirm a withdrawal a teacher registered (the office has seen it).
    Confirm {
        #[arg(long)]
        event: String,
    },
    /// Copy a kept scan out, exactly as it was attached.
    Scan {
        #[arg(long)]
        event: String,
        /// Which of the event's attachments (1 = the first).
        #[arg(long, default_value = "1")]
        number: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
}
