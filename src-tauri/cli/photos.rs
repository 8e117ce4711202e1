//! `photo`, `publication`, `takedown` and `notice`: the photo library and its uses.

use crate::reports::ImportReport;
use beeldakkoord_core::api::{BoxInput, NewNotice};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::ErrorCode;
use beeldakkoord_core::Beeldakkoord;
use serde_json::json;

use super::args::*;
use super::{output, Ctx, Out};
use crate::error::ApiError;

pub(super) fn parse_box(ctx: &Ctx, raw: &str) -> Result<BoxInput, ApiError> {
    let nums: Vec<i64> = raw.split(',').filter_map(|n| n.trim().parse().ok()).collect();
    match nums[..] {
        [x, y, w, h] if raw.split(',').count() == 4 => Ok(BoxInput { x, y, w, h }),
        _ => Err(ApiError::new(
            ErrorCode::InputBox,
            ctx.lang.pick(
                format!("'{raw}' is geen vak. Schrijf X,Y,B,H in pixels, bijv. 120,80,200,240."),
                format!("'{raw}' is not a box. Write X,Y,W,H in pixels, e.g. 120,80,200,240."),
            ),
        )),
    }
}

/// `photo import | set | tag | untag | check | export`.
pub(super) fn photo(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: PhotoCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        PhotoCmd::Import { paths } => {
            let r = ImportReport::new(core.import_photos(s, &paths, &mut |_| true).map_err(e)?, lang);
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
                    ErrorCode::PhotoImportPartial,
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

/// `publication add | remove`.
pub(super) fn publication(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: PublicationCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        PublicationCmd::Add { photo, channel, purpose, place, date } => {
            let photo = ctx.id("PHOTO", &photo)?;
            let id = core.add_publication(s, photo, &channel, &purpose, &place, ctx.opt_date(&date)?).map_err(e)?;
            Ok(Out::new(json!({"id": id}), lang.pick(format!("Publicatie {id} vastgelegd."), format!("Publication {id} recorded."))))
        }
        PublicationCmd::Remove { id, date } => {
            let id = ctx.id("ID", &id)?;
            core.remove_publication(s, id, ctx.opt_date(&date)?).map_err(e)?;
            Ok(Out::new(json!({"id": id, "removed": true}), lang.pick(format!("Publicatie {id} is verwijderd."), format!("Publication {id} taken down."))))
        }
    }
}

/// `takedown list`.
pub(super) fn takedown(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: TakedownCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        TakedownCmd::List { date } => {
            let list = core.takedown_list(s, ctx.opt_date(&date)?).map_err(e)?;
            let v: Vec<_> = list
                .iter()
                .map(|t| json!({"publication": t.publication, "photo": t.photo, "where": t.place, "channel": t.channel, "purpose": t.purpose, "published_on": t.published_on,
                    "people": t.people.iter().map(|p| json!({"person": p.person, "name": p.name, "status": p.status, "reason": p.rule.describe(lang)})).collect::<Vec<_>>()}))
                .collect();
            Ok(Out::new(json!(v), output::takedown(&list, lang)))
        }
    }
}

/// `notice add`.
pub(super) fn notice(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: NoticeCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        NoticeCmd::Add { group, all_staff, purpose, channel, text, date } => {
            let id = core
                .add_notice(s, &NewNotice { groups: group, all_staff, purposes: purpose, channels: channel, text, date: ctx.opt_date(&date)? })
                .map_err(e)?;
            Ok(Out::new(json!({"id": id}), lang.pick(format!("Informatiebericht {id} vastgelegd."), format!("Information notice {id} recorded."))))
        }
    }
}
