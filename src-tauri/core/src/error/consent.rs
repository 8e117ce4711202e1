//! Errors of one area, each with a stable code: a request to record or withdraw consent.

use crate::domain::text::shorten;
use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum ConsentRequestError {
    #[error("bad method {0}")]
    Method(String),
    #[error("no items to withdraw")]
    NoItems,
}

impl UserFacing for ConsentRequestError {
    fn code(&self) -> ErrorCode {
        match self {
            ConsentRequestError::Method(_) => ErrorCode::ConsentMethod,
            ConsentRequestError::NoItems => ErrorCode::ConsentNoItems,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            ConsentRequestError::Method(m) => lang.pick(
                format!("'{}' is geen manier van toestemming geven. Kies digital of paper.", shorten(m, 40)),
                format!("'{}' is not a consent method. Choose digital or paper.", shorten(m, 40)),
            ),
            ConsentRequestError::NoItems => {
                lang.pick("Kies welke toestemming u intrekt, of kies 'alles'.".into(), "Choose which consent to withdraw, or choose 'all'.".into())
            }
        }
    }
}
