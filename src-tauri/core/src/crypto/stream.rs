//! Files encrypted with the data key, streamed in chunks so memory stays
//! bounded whatever the size: XChaCha20-Poly1305 in the STREAM construction
//! (RustCrypto's `aead::stream`, big-endian 32-bit counter with a last-chunk
//! flag), so a chunk changed, dropped, reordered, cut off at the end or
//! added after it is detected, not silently read.
//!
//! Layout: `BKE1`, a 19-byte random nonce prefix, then chunks of at most
//! 64 KiB plaintext, each followed by its 16-byte tag.

use std::io::{Read, Write};

use chacha20poly1305::aead::rand_core::RngCore;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::{KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305};

use super::keys::DataKey;

const MAGIC: &[u8; 4] = b"BKE1";
const PREFIX: usize = 19;
/// Plaintext per chunk.
pub const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Not a file this app encrypted (another format, or plain).
    #[error("not encrypted")]
    NotEncrypted,
    /// A tag does not match: changed, cut off, reordered, or another key.
    #[error("damaged")]
    Damaged,
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

/// Read until `buf` is full or the input ends; how much was read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Feed `input` to `seal` in pieces of `size` bytes, one piece ahead, so
/// the last one is known as last (the STREAM construction flags it).
fn pieces(
    input: &mut impl Read,
    size: usize,
    out: &mut impl Write,
    mut seal: impl FnMut(&[u8], bool) -> Result<Vec<u8>, StreamError>,
) -> Result<(), StreamError> {
    let mut current = vec![0u8; size];
    let mut next = vec![0u8; size];
    let mut len = fill(input, &mut current)?;
    loop {
        let more = if len == size { fill(input, &mut next)? } else { 0 };
        out.write_all(&seal(&current[..len], more == 0)?)?;
        if more == 0 {
            return Ok(());
        }
        std::mem::swap(&mut current, &mut next);
        len = more;
    }
}

/// Encrypt everything `plain` gives into `out`.
pub fn encrypt(key: &DataKey, plain: &mut impl Read, out: &mut impl Write) -> Result<(), StreamError> {
    let mut prefix = [0u8; PREFIX];
    OsRng.fill_bytes(&mut prefix);
    out.write_all(MAGIC)?;
    out.write_all(&prefix)?;
    let cipher = XChaCha20Poly1305::new(Key::from_slice(key.bytes()));
    let nonce: &[u8] = &prefix;
    let mut enc = Some(EncryptorBE32::from_aead(cipher, nonce.into()));
    pieces(plain, CHUNK, out, |piece, last| {
        let sealed = match (last, &mut enc) {
            (false, Some(e)) => e.encrypt_next(piece),
            (true, e) => e.take().ok_or(StreamError::Damaged)?.encrypt_last(piece),
            (false, None) => return Err(StreamError::Damaged),
        };
        sealed.map_err(|_| StreamError::Damaged)
    })
}

/// Decrypt what `sealed` gives into `out`. On an error, what was written to
/// `out` must be thrown away: callers write to a temporary file or buffer.
pub fn decrypt(key: &DataKey, sealed: &mut impl Read, out: &mut impl Write) -> Result<(), StreamError> {
    let mut head = [0u8; 4 + PREFIX];
    if fill(sealed, &mut head)? != head.len() || &head[..4] != MAGIC {
        return Err(StreamError::NotEncrypted);
    }
    let cipher = XChaCha20Poly1305::new(Key::from_slice(key.bytes()));
    let prefix: &[u8] = &head[4..];
    let mut dec = Some(DecryptorBE32::from_aead(cipher, prefix.into()));
    pieces(sealed, CHUNK + TAG, out, |piece, last| {
        let plain = match (last, &mut dec) {
            (false, Some(d)) => d.decrypt_next(piece),
            (true, d) => d.take().ok_or(StreamError::Damaged)?.decrypt_last(piece),
            (false, None) => return Err(StreamError::Damaged),
        };
        plain.map_err(|_| StreamError::Damaged)
    })
}

/// Whether `bytes` start like a file this module wrote.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(key: &DataKey, plain: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        encrypt(key, &mut &plain[..], &mut out).unwrap();
        out
    }

    fn opened(key: &DataKey, sealed: &[u8]) -> Result<Vec<u8>, StreamError> {
        let mut out = Vec::new();
        decrypt(key, &mut &sealed[..], &mut out).map(|_| out)
    }

    fn bytes(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 31 % 251) as u8).collect()
    }

    #[test]
    fn every_size_round_trips_at_the_chunk_boundaries() {
        let key = DataKey::generate();
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17] {
            let plain = bytes(n);
            let s = sealed(&key, &plain);
            assert_eq!(s.len(), 4 + PREFIX + n + TAG * n.div_ceil(CHUNK).max(1), "size {n}");
            assert!(is_encrypted(&s));
            assert_eq!(opened(&key, &s).unwrap(), plain, "size {n}");
        }
    }

    #[test]
    fn nothing_of_the_plain_bytes_shows_and_two_encryptions_differ() {
        let key = DataKey::generate();
        let plain = b"\xff\xd8\xff\xe0 JFIF Anna de Vries, groep 3".repeat(100);
        let a = sealed(&key, &plain);
        let b = sealed(&key, &plain);
        assert_ne!(a, b, "a fresh nonce each time");
        assert!(!a.windows(4).any(|w| w == b"JFIF") && !a.windows(4).any(|w| w == b"Anna"));
    }

    #[test]
    fn a_changed_cut_reordered_or_extended_file_is_damaged_never_read() {
        let key = DataKey::generate();
        let plain = bytes(3 * CHUNK + 100);
        let s = sealed(&key, &plain);
        let chunk = CHUNK + TAG;
        let head = 4 + PREFIX;
        let mut flipped = s.clone();
        flipped[head + 10] ^= 1;
        assert!(matches!(opened(&key, &flipped), Err(StreamError::Damaged)));
        // Cut exactly after a whole chunk: the last-chunk flag is missing.
        assert!(matches!(opened(&key, &s[..head + 2 * chunk]), Err(StreamError::Damaged)));
        assert!(matches!(opened(&key, &s[..s.len() - 1]), Err(StreamError::Damaged)));
        let mut swapped = s.clone();
        let (a, b) = (head..head + chunk, head + chunk..head + 2 * chunk);
        let first = s[a.clone()].to_vec();
        swapped[a].copy_from_slice(&s[b.clone()]);
        swapped[b].copy_from_slice(&first);
        assert!(matches!(opened(&key, &swapped), Err(StreamError::Damaged)));
        let mut longer = s.clone();
        longer.extend_from_slice(&[0u8; 40]);
        assert!(matches!(opened(&key, &longer), Err(StreamError::Damaged)));
        assert!(matches!(opened(&DataKey::generate(), &s), Err(StreamError::Damaged)), "another key");
        assert!(matches!(opened(&key, b"\xff\xd8\xff\xe0 a plain JPEG"), Err(StreamError::NotEncrypted)));
        assert!(matches!(opened(&key, b"BK"), Err(StreamError::NotEncrypted)));
    }
}
