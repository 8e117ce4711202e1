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
    /// A tag does not match: changed, reordered, or another key. `chunk`
    /// counts from 0.
    #[error("damaged at chunk {chunk}")]
    Damaged { chunk: u64 },
    /// The input ended before the last chunk.
    #[error("cut off after {bytes} bytes")]
    Truncated { bytes: u64 },
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

impl StreamError {
    /// As an `io::Error` for readers and writers (a tar archive over the
    /// stream), from which [`StreamError::from_io`] gets it back.
    fn into_io(self) -> std::io::Error {
        match self {
            StreamError::Io(e) => e,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other),
        }
    }

    /// The stream's own error inside an `io::Error`, or the I/O error itself.
    pub fn from_io(e: std::io::Error) -> StreamError {
        if e.get_ref().is_some_and(|inner| inner.is::<StreamError>()) {
            if let Some(inner) = e.into_inner() {
                if let Ok(s) = inner.downcast::<StreamError>() {
                    return *s;
                }
                return StreamError::Io(std::io::Error::other("stream"));
            }
            return StreamError::Io(std::io::Error::other("stream"));
        }
        StreamError::Io(e)
    }
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

/// Encrypts what is written into `out`, a chunk at a time; [`Encryptor::finish`]
/// seals the last chunk (without it the output is cut off, and reads as such).
pub struct Encryptor<W: Write> {
    out: W,
    enc: Option<EncryptorBE32<XChaCha20Poly1305>>,
    buf: Vec<u8>,
}

impl<W: Write> Encryptor<W> {
    pub fn new(key: &DataKey, mut out: W) -> std::io::Result<Encryptor<W>> {
        let mut prefix = [0u8; PREFIX];
        OsRng.fill_bytes(&mut prefix);
        out.write_all(MAGIC)?;
        out.write_all(&prefix)?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(key.bytes()));
        let nonce: &[u8] = &prefix;
        Ok(Encryptor { out, enc: Some(EncryptorBE32::from_aead(cipher, nonce.into())), buf: Vec::with_capacity(CHUNK) })
    }

    /// Seal the last chunk; the writer, flushed.
    pub fn finish(mut self) -> std::io::Result<W> {
        let enc = self.enc.take().ok_or_else(|| std::io::Error::other("finished twice"))?;
        let sealed = enc.encrypt_last(&self.buf[..]).map_err(|_| std::io::Error::other("seal"))?;
        self.out.write_all(&sealed)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Encryptor<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        // A full chunk is sealed only when more follows: the last one must be sealed as last.
        if self.buf.len() == CHUNK {
            let enc = self.enc.as_mut().ok_or_else(|| std::io::Error::other("finished"))?;
            let sealed = enc.encrypt_next(&self.buf[..]).map_err(|_| std::io::Error::other("seal"))?;
            self.out.write_all(&sealed)?;
            self.buf.clear();
        }
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Decrypts what `input` holds, a chunk ahead, so the last chunk is known
/// as last. A damaged or cut-off stream is an error, never short data.
pub struct Decryptor<R: Read> {
    input: R,
    dec: Option<DecryptorBE32<XChaCha20Poly1305>>,
    /// The next sealed chunk, read ahead.
    ahead: Vec<u8>,
    /// Decrypted bytes not handed out yet.
    plain: Vec<u8>,
    at: usize,
    chunk: u64,
    read: u64,
}

impl<R: Read> Decryptor<R> {
    pub fn new(key: &DataKey, mut input: R) -> Result<Decryptor<R>, StreamError> {
        let mut head = [0u8; 4 + PREFIX];
        if fill(&mut input, &mut head)? != head.len() || &head[..4] != MAGIC {
            return Err(StreamError::NotEncrypted);
        }
        let cipher = XChaCha20Poly1305::new(Key::from_slice(key.bytes()));
        let prefix: &[u8] = &head[4..];
        let mut ahead = vec![0u8; CHUNK + TAG];
        let n = fill(&mut input, &mut ahead)?;
        ahead.truncate(n);
        let read = (head.len() + n) as u64;
        Ok(Decryptor { input, dec: Some(DecryptorBE32::from_aead(cipher, prefix.into())), ahead, plain: Vec::new(), at: 0, chunk: 0, read })
    }

    /// Open the next chunk; false at the end.
    fn next_chunk(&mut self) -> Result<bool, StreamError> {
        let Some(dec) = self.dec.as_mut() else { return Ok(false) };
        let mut next = vec![0u8; CHUNK + TAG];
        let more = if self.ahead.len() == CHUNK + TAG { fill(&mut self.input, &mut next)? } else { 0 };
        next.truncate(more);
        self.read += more as u64;
        let current = std::mem::replace(&mut self.ahead, next);
        let chunk = self.chunk;
        self.plain = if more == 0 {
            let dec = self.dec.take().ok_or(StreamError::Damaged { chunk })?;
            match dec.decrypt_last(&current[..]) {
                Ok(p) => p,
                // A whole chunk sealed as "more follows", then nothing: the end was cut off.
                Err(_) if current.len() == CHUNK + TAG => return Err(StreamError::Truncated { bytes: self.read }),
                Err(_) if current.len() < TAG => return Err(StreamError::Truncated { bytes: self.read }),
                Err(_) => return Err(StreamError::Damaged { chunk }),
            }
        } else {
            dec.decrypt_next(&current[..]).map_err(|_| StreamError::Damaged { chunk })?
        };
        self.at = 0;
        self.chunk += 1;
        Ok(true)
    }
}

impl<R: Read> Read for Decryptor<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.plain.len() {
            if !self.next_chunk().map_err(StreamError::into_io)? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.plain.len() - self.at);
        out[..n].copy_from_slice(&self.plain[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Encrypt everything `plain` gives into `out`.
pub fn encrypt(key: &DataKey, plain: &mut impl Read, out: &mut impl Write) -> Result<(), StreamError> {
    let mut enc = Encryptor::new(key, out)?;
    std::io::copy(plain, &mut enc)?;
    enc.finish()?;
    Ok(())
}

/// Decrypt what `sealed` gives into `out`. On an error, what was written to
/// `out` must be thrown away: callers write to a temporary file or buffer.
pub fn decrypt(key: &DataKey, sealed: &mut impl Read, out: &mut impl Write) -> Result<(), StreamError> {
    let mut dec = Decryptor::new(key, sealed)?;
    std::io::copy(&mut dec, out).map_err(StreamError::from_io)?;
    Ok(())
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
        assert!(matches!(opened(&key, &flipped), Err(StreamError::Damaged { .. })));
        // Cut exactly after a whole chunk: the last-chunk flag is missing, and that is said.
        assert!(matches!(opened(&key, &s[..head + 2 * chunk]), Err(StreamError::Truncated { .. })));
        assert!(matches!(opened(&key, &s[..s.len() - 1]), Err(StreamError::Damaged { chunk: 3 })));
        assert!(matches!(opened(&key, &s[..head + 5]), Err(StreamError::Truncated { .. })));
        let mut swapped = s.clone();
        let (a, b) = (head..head + chunk, head + chunk..head + 2 * chunk);
        let first = s[a.clone()].to_vec();
        swapped[a].copy_from_slice(&s[b.clone()]);
        swapped[b].copy_from_slice(&first);
        assert!(matches!(opened(&key, &swapped), Err(StreamError::Damaged { .. })));
        let mut longer = s.clone();
        longer.extend_from_slice(&[0u8; 40]);
        assert!(matches!(opened(&key, &longer), Err(StreamError::Damaged { .. })));
        assert!(matches!(opened(&DataKey::generate(), &s), Err(StreamError::Damaged { .. })), "another key");
        assert!(matches!(opened(&key, b"\xff\xd8\xff\xe0 a plain JPEG"), Err(StreamError::NotEncrypted)));
        assert!(matches!(opened(&key, b"BK"), Err(StreamError::NotEncrypted)));
    }
}
