//! Errors of one area, each with a stable code: user accounts.

use crate::domain::text::shorten;
use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("user exists {0}")]
    Exists(String),
    #[error("unknown user {0}")]
    Unknown(String),
    /// Disabling (or demoting) the last administrator who can sign in.
    #[error("last admin")]
    LastAdmin,
    /// A teacher sees only their groups, so a teacher without one sees nothing.
    #[error("teacher without groups")]
    TeacherGroups,
    #[error("bad role {0}")]
    Role(String),
    /// An account is linked only to a staff member's own record.
    #[error("not staff {0}")]
    PersonNotStaff(String),
    #[error("person {person} linked to {user}")]
    PersonTaken { person: String, user: String },
    /// The recovery code sets a password for an administrator only.
    #[error("not an admin {0}")]
    NotAdmin(String),
}

impl UserFacing for UserError {
    fn code(&self) -> ErrorCode {
        match self {
            UserError::Exists(_) => ErrorCode::UserExists,
            UserError::Unknown(_) => ErrorCode::UserUnknown,
            UserError::LastAdmin => ErrorCode::UserLastAdmin,
            UserError::TeacherGroups => ErrorCode::UserGroups,
            UserError::Role(_) => ErrorCode::UserRole,
            UserError::PersonNotStaff(_) => ErrorCode::UserPersonNotStaff,
            UserError::PersonTaken { .. } => ErrorCode::UserPersonTaken,
            UserError::NotAdmin(_) => ErrorCode::UserNotAdmin,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            UserError::Exists(u) => {
                lang.pick(format!("Er is al een gebruiker '{}'.", shorten(u, 64)), format!("There is a user '{}' already.", shorten(u, 64)))
            }
            UserError::Unknown(u) => lang.pick(format!("Er is geen gebruiker '{}'.", shorten(u, 64)), format!("There is no user '{}'.", shorten(u, 64))),
            UserError::LastAdmin => lang.pick(
                "Dit is de laatste beheerder die kan aanmelden: maak eerst iemand anders beheerder.".into(),
                "This is the last administrator who can sign in: make someone else an administrator first.".into(),
            ),
            UserError::TeacherGroups => lang.pick(
                "Een leerkracht ziet alleen de kinderen en foto's van zijn of haar groepen: kies minstens één groep.".into(),
                "A teacher sees only the children and photos of their groups: choose at least one group.".into(),
            ),
            UserError::Role(r) => lang.pick(
                format!("'{}' is geen rol. Kies admin (beheerder), office (administratie) of teacher (leerkracht).", shorten(r, 40)),
                format!("'{}' is not a role. Choose admin, office or teacher.", shorten(r, 40)),
            ),
            UserError::PersonNotStaff(p) => lang.pick(
                format!("{} is geen medewerker: een account wordt alleen gekoppeld aan de eigen gegevens van een medewerker.", shorten(p, 64)),
                format!("{} is not staff: an account is linked only to a staff member's own record.", shorten(p, 64)),
            ),
            UserError::PersonTaken { person, user } => lang.pick(
                format!("{} is al gekoppeld aan de gebruiker '{}'.", shorten(person, 64), shorten(user, 64)),
                format!("{} is already linked to the user '{}'.", shorten(person, 64), shorten(user, 64)),
            ),
            UserError::NotAdmin(user) => lang.pick(
                format!("'{}' is geen beheerder (of is uitgeschakeld). De herstelcode zet alleen een nieuw wachtwoord voor een beheerder.", shorten(user, 64)),
                format!("'{}' is not an administrator (or is disabled). The recovery code sets a new password for an administrator only.", shorten(user, 64)),
            ),
        }
    }
}
