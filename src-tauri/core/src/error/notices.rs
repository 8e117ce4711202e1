//! Errors of one area, each with a stable code: information notices about non-targeted images.

use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    #[error("notice without audience")]
    NoticeAudience,
    #[error("notice text empty")]
    NoticeText,
    #[error("notice without purpose or channel")]
    NoticeUses,
}

impl UserFacing for NoticeError {
    fn code(&self) -> ErrorCode {
        match self {
            NoticeError::NoticeAudience => ErrorCode::NoticeAudience,
            NoticeError::NoticeText => ErrorCode::NoticeText,
            NoticeError::NoticeUses => ErrorCode::NoticeUses,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            NoticeError::NoticeAudience => lang.pick(
                "Kies minstens één groep (of al het personeel) die geïnformeerd is.".into(),
                "Choose at least one group (or all staff) that was informed.".into(),
            ),
            NoticeError::NoticeText => lang.pick(
                "Schrijf de tekst van het informatiebericht, zoals de ouders die kregen.".into(),
                "Write the text of the notice as the parents received it.".into(),
            ),
            NoticeError::NoticeUses => lang.pick(
                "Kies minstens één doel en één kanaal waarover de groep geïnformeerd is.".into(),
                "Choose at least one purpose and one channel the group was informed about.".into(),
            ),
        }
    }
}
