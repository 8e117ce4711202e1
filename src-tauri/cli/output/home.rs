//! `today`: the home screen as lines for a terminal.

use beeldakkoord_core::api::{Overview, PersonDue};
use beeldakkoord_core::pdf::{date, date_time};
use beeldakkoord_core::Lang;
use chrono::NaiveDateTime;

use super::{as_itself, lines, Shown};

impl Shown for Overview {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let mut out = vec![lang.pick(format!("Vandaag, {}:", date(self.on, lang)), format!("Today, {}:", date(self.on, lang)))];
        let people = |list: &[PersonDue]| list.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
        let mut say = |n: usize, nl: String, en: String| {
            if n > 0 {
                out.push(format!("- {}", lang.pick(nl, en)));
            }
        };
        if let Some(list) = &self.forms_out {
            let names = list.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ");
            say(
                list.len(),
                format!("Formulieren uitgedeeld, nog niet terug ({}): {names}", list.len()),
                format!("Forms handed out, not returned ({}): {names}", list.len()),
            );
        }
        if let Some(list) = &self.withdrawals {
            let names = list.iter().map(|w| format!("{} ({}, {})", w.name, w.teacher, w.event)).collect::<Vec<_>>().join(", ");
            say(
                list.len(),
                format!("Intrekkingen door leerkrachten, te bevestigen ({}): {names}", list.len()),
                format!("Withdrawals by teachers to confirm ({}): {names}", list.len()),
            );
        }
        if let Some(n) = self.takedown {
            say(n as usize, format!("Publicaties die offline moeten: {n}"), format!("Publications to take down: {n}"));
        }
        if let Some(n) = self.unchecked_photos {
            say(n as usize, format!("Foto's nog niet nagekeken: {n}"), format!("Photos not checked yet: {n}"));
        }
        if let Some(list) = &self.leavers_without_dossier {
            say(
                list.len(),
                format!("Vertrokken zonder afgedrukt dossier ({}): {}", list.len(), people(list)),
                format!("Left without a printed dossier ({}): {}", list.len(), people(list)),
            );
        }
        if let Some(list) = &self.own_consent_this_month {
            say(
                list.len(),
                format!("Beslissen vanaf deze maand zelf ({}): {}", list.len(), people(list)),
                format!("Decide for themselves from this month ({}): {}", list.len(), people(list)),
            );
        }
        if let Some(list) = &self.expiring {
            let d = self.warning_days;
            say(
                list.len(),
                format!("Toestemming loopt binnen {d} dagen af ({}): {}", list.len(), people(list)),
                format!("Consent ends within {d} days ({}): {}", list.len(), people(list)),
            );
        }
        if let Some(b) = &self.backup {
            out.push(format!(
                "- {}",
                match &b.last {
                    Some(l) => {
                        // Written by the core as local `YYYY-MM-DDTHH:MM:SS`; shown day first like every date.
                        let at = NaiveDateTime::parse_from_str(&l.at, "%Y-%m-%dT%H:%M:%S").map_or_else(|_| l.at.clone(), |t| date_time(t, lang));
                        lang.pick(format!("Laatste reservekopie: {at}"), format!("Last backup: {at}"))
                    }
                    None => lang.pick("Nog geen reservekopie gemaakt".into(), "No backup made yet".into()),
                }
            ));
        }
        if out.len() == 1 {
            out.push(lang.pick("Niets te doen.", "Nothing to do.").into());
        }
        lines(out.into_iter())
    }
}
