//! Errors of one area, each with a stable code: detected faces and their review.

use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum FaceError {
    /// The photo has no face with this number.
    #[error("photo {photo} has no face {face}")]
    Unknown { photo: i64, face: u32 },
    /// "Too small to recognise" for a face that is not.
    #[error("face {face} is {height} px high")]
    NotTooSmall { face: u32, height: u32, limit: u32 },
}

impl UserFacing for FaceError {
    fn code(&self) -> ErrorCode {
        match self {
            FaceError::Unknown { .. } => ErrorCode::FaceUnknown,
            FaceError::NotTooSmall { .. } => ErrorCode::FaceNotTooSmall,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            FaceError::Unknown { photo, face } => lang.pick(
                format!("Foto {photo} heeft geen gezicht {face}. Bekijk de gezichten met 'photo faces {photo}'."),
                format!("Photo {photo} has no face {face}. See its faces with 'photo faces {photo}'."),
            ),
            FaceError::NotTooSmall { face, height, limit } => lang.pick(
                format!("Gezicht {face} is {height} pixels hoog: groot genoeg om te herkennen (te klein is lager dan {limit} pixels). Geef een naam, kies 'onbekend', of noem een andere reden."),
                format!("Face {face} is {height} pixels high: large enough to recognise (too small is under {limit} pixels). Name it, mark it unknown, or give another reason."),
            ),
        }
    }
}
