//! What a teacher may see, as SQL: the people of their groups (staff only as
//! colleagues to tag), and the photos on which nobody else is tagged, or
//! that they imported themselves. Administrators and the office see all.
//!
//! The values are numbers and a date the core made, never text someone
//! typed, so they are written into the SQL as literals.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    pub user: i64,
    pub groups: Vec<i64>,
    /// Group membership counts on this day.
    pub on: NaiveDate,
    /// The user's own staff record: their own consent is theirs to see.
    pub own_person: Option<i64>,
}

impl Visibility {
    /// True for the user's own staff record: their own consent is theirs to see.
    pub fn is_own(&self, person: i64) -> bool {
        self.own_person == Some(person)
    }

    fn group_list(&self) -> String {
        // An empty IN list is a syntax error; no group matches -1.
        if self.groups.is_empty() {
            return "-1".into();
        }
        self.groups.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
    }

    /// True for the person in `person_col`: staff, or in one of the groups on the day.
    pub fn person_sql(&self, person_col: &str) -> String {
        format!(
            "(EXISTS (SELECT 1 FROM persons vp WHERE vp.id = {person_col} AND vp.kind = 'staff')
              OR EXISTS (SELECT 1 FROM memberships vm WHERE vm.person_id = {person_col} AND vm.group_id IN ({groups})
                           AND vm.from_date <= '{on}' AND (vm.to_date IS NULL OR vm.to_date >= '{on}')))",
            groups = self.group_list(),
            on = self.on
        )
    }

    /// True for the photo in `photo_col`: imported by this user, or every person tagged on it visible.
    pub fn photo_sql(&self, photo_col: &str) -> String {
        format!(
            "(EXISTS (SELECT 1 FROM photos vi WHERE vi.id = {photo_col} AND vi.imported_by = {user})
              OR NOT EXISTS (SELECT 1 FROM photo_tags vt WHERE vt.photo_id = {photo_col} AND vt.person_id IS NOT NULL AND NOT {person}))",
            user = self.user,
            person = self.person_sql("vt.person_id")
        )
    }
}

/// The SQL condition for `scope` on a photo column ("1" when everything is visible).
pub fn photo_condition(scope: Option<&Visibility>, photo_col: &str) -> String {
    scope.map_or_else(|| "1".into(), |v| v.photo_sql(photo_col))
}

/// The SQL condition for `scope` on a person column ("1" when everyone is visible).
pub fn person_condition(scope: Option<&Visibility>, person_col: &str) -> String {
    scope.map_or_else(|| "1".into(), |v| v.person_sql(person_col))
}

pub fn person_visible(c: &Connection, scope: Option<&Visibility>, person: i64) -> Result<bool, StoreError> {
    Ok(super::row(c, &format!("SELECT {}", person_condition(scope, &person.to_string())), [], |r| r.get::<_, bool>(0))?)
}

pub fn photo_visible(c: &Connection, scope: Option<&Visibility>, photo: i64) -> Result<bool, StoreError> {
    Ok(super::row(c, &format!("SELECT {}", photo_condition(scope, &photo.to_string())), [], |r| r.get::<_, bool>(0))?)
}
