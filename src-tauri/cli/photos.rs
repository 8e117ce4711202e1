//! `photo`, `publication`, `takedown` and `notice`: the photo library and its uses.

use crate::reports::{ImportReport, ScanReport};
use beeldakkoord_core::api::{BoxInput, Dismissal, FacesAtImport, NewNotice, ScanWhich};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::ErrorCode;
use beeldakkoord_core::Beeldakkoord;

use super::args::*;
use super::output::{self, Added, Addition, CliError, FaceExclusion, Faces, PublicationRemoved, Tags};
use super::{Ctx, Out};
use crate::error::ApiError;

pub(super) fn parse_box(ctx: &Ctx, raw: &str) -> Result<BoxInput, ApiError> {
    let nums: Vec<i64> = raw.split(',').filter_map(|n| n.trim().parse().ok()).collect();
    match nums[..] {
        [x, y, w, h] if raw.split(',').count() == 4 => Ok(BoxInput { x, y, w, h }),
        _ => Err(ctx.err(&CliError::NotABox(raw.into()))),
    }
}

/// `photo import | set | tag | untag | check | export`.
pub(super) fn photo(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: PhotoCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        PhotoCmd::Import { paths, scan_later } => {
            let faces = if scan_later { FacesAtImport::Later } else { FacesAtImport::Detect };
            let r = ImportReport::new(core.import_photos(s, &paths, faces, &mut |_| true).map_err(e)?, lang);
            if !r.failed.is_empty() {
                // Partial success: the imported ones are listed on stdout, the rest named on stderr.
                let out = Out::of(&r, lang);
                println!("{}", if ctx.json { serde_json::to_string_pretty(&out.json).unwrap_or_default() } else { out.text });
                return Err(ApiError::new(ErrorCode::PhotoImportPartial, output::not_imported(&r, lang)));
            }
            Ok(Out::of(&r, lang))
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
            Ok(Out::of(&core.set_photo(s, id, Some(&photo_type), posed).map_err(e)?, lang))
        }
        PhotoCmd::Tag { photo, person, area, face: Some(face), highlighted } => {
            debug_assert!(area.is_none(), "clap: --box conflicts with --face");
            let id = ctx.id("PHOTO", &photo)?;
            let person = ctx.id("--person", &person)?;
            let face = ctx.count("--face", &face)?;
            core.name_face(s, id, face, person, highlighted).map_err(e)?;
            let tags = core.photo(s, id).map_err(e)?.1;
            Ok(Out::of(&Tags { photo: id, tags, tagged: Some(person) }, lang))
        }
        PhotoCmd::Tag { photo, person, area, face: None, highlighted } => {
            let id = ctx.id("PHOTO", &photo)?;
            let person = ctx.id("--person", &person)?;
            let area = area.as_deref().map(|b| parse_box(ctx, b)).transpose()?;
            let tags = core.tag_photo(s, id, person, area, highlighted).map_err(e)?;
            Ok(Out::of(&Tags { photo: id, tags, tagged: Some(person) }, lang))
        }
        PhotoCmd::Faces { photo: Some(photo), cmd: None } => {
            let id = ctx.id("PHOTO", &photo)?;
            Ok(Out::of(&Faces { photo: id, faces: core.photo_faces(s, id).map_err(e)?, changed: None }, lang))
        }
        PhotoCmd::Faces { cmd: Some(cmd), .. } => faces(ctx, core, s, cmd),
        PhotoCmd::Faces { photo: None, cmd: None } => Err(ctx.err(&CliError::Usage(lang.pick(
            "Noem een foto ('photo faces 12') of een opdracht: scan, unknown, dismiss, reopen, suggestions, exclude.".into(),
            "Name a photo ('photo faces 12') or a command: scan, unknown, dismiss, reopen, suggestions, exclude.".into(),
        )))),
        PhotoCmd::Untag { photo, person } => {
            let id = ctx.id("PHOTO", &photo)?;
            let person = ctx.id("--person", &person)?;
            let tags = core.untag_photo(s, id, person).map_err(e)?;
            Ok(Out::of(&Tags { photo: id, tags, tagged: None }, lang))
        }
        PhotoCmd::Export { photo, channel, purpose, out, date, force } => {
            let id = ctx.id("PHOTO", &photo)?;
            Ok(Out::of(&core.export_photo(s, id, &channel, &purpose, ctx.opt_date(&date)?, &OutputFile::new(out, force)).map_err(e)?, lang))
        }
        PhotoCmd::Check { photo, channel, purpose, date } => {
            let id = ctx.id("PHOTO", &photo)?;
            Ok(Out::of(&core.check_photo(s, id, &channel, &purpose, ctx.opt_date(&date)?).map_err(e)?, lang))
        }
    }
}

/// `photo faces scan | unknown | dismiss | reopen | suggestions | exclude`.
fn faces(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: FacesCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    let review = |photo: &str, face: &str| -> Result<(i64, u32), ApiError> { Ok((ctx.id("PHOTO", photo)?, ctx.count("--face", face)?)) };
    match cmd {
        FacesCmd::Scan { all } => {
            let which = if all { ScanWhich::All } else { ScanWhich::New };
            let mut last_shown = std::time::Instant::now();
            let report = core
                .scan_faces(s, which, &mut |p| {
                    // On stderr, at most a few times a second: stdout stays the answer.
                    if p.done == p.total || last_shown.elapsed().as_millis() >= 500 {
                        eprintln!("{}", output::scan_progress(p, lang));
                        last_shown = std::time::Instant::now();
                    }
                    true
                })
                .map_err(e)?;
            Ok(Out::of(&ScanReport::new(report, lang), lang))
        }
        FacesCmd::Unknown { photo, face } => {
            let (id, n) = review(&photo, &face)?;
            Ok(Out::of(&Faces { photo: id, faces: core.face_unknown(s, id, n).map_err(e)?, changed: Some(n) }, lang))
        }
        FacesCmd::Dismiss { photo, face, reason } => {
            let (id, n) = review(&photo, &face)?;
            let reason = Dismissal::parse(reason.as_deref());
            Ok(Out::of(&Faces { photo: id, faces: core.dismiss_face(s, id, n, &reason).map_err(e)?, changed: Some(n) }, lang))
        }
        FacesCmd::Reopen { photo, face } => {
            let (id, n) = review(&photo, &face)?;
            Ok(Out::of(&Faces { photo: id, faces: core.reopen_face(s, id, n).map_err(e)?, changed: Some(n) }, lang))
        }
        FacesCmd::Suggestions { on, off } => {
            let status = if on || off { core.set_face_suggestions(s, on).map_err(e)? } else { core.face_status(s).map_err(e)? };
            Ok(Out::of(&status, lang))
        }
        FacesCmd::Exclude { person, undo } => {
            let id = ctx.id("PERSON", &person)?;
            core.set_face_exclusion(s, id, !undo).map_err(e)?;
            Ok(Out::of(&FaceExclusion { person: id, excluded: !undo }, lang))
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
            Ok(Out::of(&Added { what: Addition::Publication, id }, lang))
        }
        PublicationCmd::Remove { id, date } => {
            let id = ctx.id("ID", &id)?;
            core.remove_publication(s, id, ctx.opt_date(&date)?).map_err(e)?;
            Ok(Out::of(&PublicationRemoved { id, removed: true }, lang))
        }
    }
}

/// `takedown list`.
pub(super) fn takedown(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: TakedownCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        TakedownCmd::List { date } => Ok(Out::of(&core.takedown_list(s, ctx.opt_date(&date)?).map_err(e)?, lang)),
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
            Ok(Out::of(&Added { what: Addition::Notice, id }, lang))
        }
    }
}
