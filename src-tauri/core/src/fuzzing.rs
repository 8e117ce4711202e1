//! Entry points for fuzzing the readers of files a user hands Beeldakkoord
//! (`fuzz/`, cargo-fuzz on nightly) and for replaying the kept corpus on
//! stable (`tests/fuzz_corpus.rs`). Each takes any bytes and checks what
//! must hold for every input: no panic, no unbounded work, every refusal
//! with a code and a message in both languages, and a form read back from
//! the TOML it writes is the same form.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::crypto::keyfile::KeyFile;
use crate::crypto::keys::DataKey;
use crate::domain::form::FormContent;
use crate::i18n::{Lang, UserFacing};

/// Photos larger than this are inspected but not decoded here: decoding is
/// bounded by the library's own limits, but a fuzzer must stay fast.
const DECODE_PIXELS: u64 = 4_000_000;

fn refused(e: &impl UserFacing) {
    assert!(!e.code().as_str().is_empty());
    assert!(!e.message(Lang::Nl).trim().is_empty() && !e.message(Lang::En).trim().is_empty(), "{}", e.code().as_str());
}

/// A roster export: decoded as an office's files are, then read.
pub fn roster_csv(data: &[u8]) {
    let text = match crate::files::decode::decode_text(data) {
        Ok(d) => d.text,
        Err(e) => return refused(&e),
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
    if let Err(e) = crate::roster::parse(&text, today) {
        refused(&e);
    }
}

/// A form file: read, and what it writes reads back the same.
pub fn form_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match FormContent::from_toml(text) {
        Ok(form) => {
            let again = FormContent::from_toml(&form.to_toml());
            assert_eq!(again.ok().as_ref(), Some(&form), "a form reads back from its own TOML");
        }
        Err(e) => refused(&e),
    }
}

/// A photo file: inspected as at import, and decoded as for a thumbnail.
pub fn image(data: &[u8]) {
    // The thumbnail's fast path on the raw bytes, before any check.
    if let Some(e) = crate::photos::jpeg_dc::decode(data, 1) {
        assert_eq!(e.pixels.len() as u64, u64::from(e.width) * u64::from(e.height) * u64::from(e.channels), "one sample per pixel and channel");
    }
    match crate::photos::inspect::inspect("foto.jpg", data) {
        Ok(info) if u64::from(info.width) * u64::from(info.height) <= DECODE_PIXELS => {
            if let Err(e) = crate::photos::library::decode("foto.jpg", data, info.orientation) {
                refused(&e);
            }
        }
        Ok(_) => {}
        Err(e) => refused(&e),
    }
}

/// A backup file. The first byte chooses the way in: the bytes as the whole
/// file (the header and its checks), or as the archive inside a well-formed
/// backup encrypted with the right key (members, names, the manifest).
pub fn backup(data: &[u8]) {
    static KEY: OnceLock<(DataKey, KeyFile)> = OnceLock::new();
    let (key, keys) = KEY.get_or_init(|| (DataKey::generate(), KeyFile::new()));
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode % 2 == 0 { rest.to_vec() } else { crate::backup::around(rest, keys, key) };
    let path = scratch();
    if std::fs::write(&path, &bytes).is_err() {
        return;
    }
    match crate::backup::header(&path) {
        Ok(head) => {
            let read = crate::backup::read(&path, &head, key, |_, r| {
                std::io::copy(r, &mut std::io::sink()).map_err(|e| crate::backup::copy_error(&path, e))?;
                Ok(())
            });
            if let Err(e) = read {
                refused(&e);
            }
        }
        Err(e) => refused(&e),
    }
    let _ = std::fs::remove_file(&path);
}

/// A file of this process's own in the temporary folder.
fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("beeldakkoord-fuzz-{}.bkb", std::process::id()))
}
