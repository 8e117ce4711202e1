//! Keys, as a password manager keeps them: one random data key for the
//! whole installation (it will open the SQLCipher database and the photo
//! files), never stored plain; wrapped once per user with a key derived from
//! that user's password (argon2id), and once with a recovery code printed at
//! setup. A password change re-wraps; an administrator's reset wraps for the
//! new password without knowing the old one (the administrator's own session
//! holds the data key). Keys are zeroised when dropped and never printed.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::rand_core::RngCore;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::i18n::{ErrorCode, Lang, UserFacing};

/// The installation's data key: 256 random bits.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn generate() -> DataKey {
        let mut k = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(k.as_mut());
        DataKey(k)
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A second copy (zeroised on drop like the first), for a benchmark
    /// that opens many times with one unwrapped key.
    pub(crate) fn copy(&self) -> DataKey {
        DataKey(Zeroizing::new(*self.0))
    }

    /// The value for SQLCipher's `PRAGMA key`: a raw key, so SQLCipher runs
    /// no key derivation of its own on every open.
    pub fn sqlcipher_key(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex::encode(self.0.as_ref())))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key itself, not even in a debug print.
        f.write_str("DataKey(…)")
    }
}

/// argon2id cost for deriving a wrapping key from a password or recovery
/// code: 192 MiB, 3 passes, one lane — about half a second on a 2-core
/// machine (measured 453 ms; 64 MiB took 131 ms, 256 MiB 638 ms:
/// `cargo bench -p beeldakkoord-core --bench keys`), so a stolen file costs
/// an attacker that much, and that much memory, per guessed password.
/// Stored with each wrapping, so it can be raised later without breaking
/// older ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

pub const KDF: KdfParams = KdfParams { memory_kib: 192 * 1024, passes: 3, lanes: 1 };

/// The data key sealed for one secret: what is stored per user (and once for
/// the recovery code). Holds nothing that reveals the key without the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    pub kdf: KdfParams,
    /// hex
    pub salt: String,
    /// hex, 24 bytes (XChaCha20-Poly1305)
    pub nonce: String,
    /// hex: the data key sealed, with its 16-byte tag
    pub sealed: String,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The password or recovery code does not open the key (or the stored
    /// wrapping was altered: the tag cannot tell which).
    #[error("wrong secret")]
    WrongSecret,
    /// A recovery code whose check characters do not match: a typo, caught
    /// before any work is done.
    #[error("recovery code mistyped")]
    RecoveryCodeTypo,
    #[error("stored key damaged: {0}")]
    Damaged(String),
    /// The database is encrypted but the keys file beside it is gone.
    #[error("keys file missing")]
    Missing,
    /// No recovery sheet was printed yet.
    #[error("no recovery code")]
    NoRecovery,
    #[error("cannot write the keys file: {0}")]
    Write(std::io::Error),
}

impl UserFacing for KeyError {
    fn code(&self) -> ErrorCode {
        match self {
            KeyError::WrongSecret => ErrorCode::KeyWrongSecret,
            KeyError::RecoveryCodeTypo => ErrorCode::KeyRecoveryTypo,
            KeyError::Damaged(_) => ErrorCode::KeyDamaged,
            KeyError::Missing => ErrorCode::KeyMissing,
            KeyError::NoRecovery => ErrorCode::KeyNoRecovery,
            KeyError::Write(e) if e.kind() == std::io::ErrorKind::StorageFull => ErrorCode::StoreDiskFull,
            KeyError::Write(_) => ErrorCode::KeyWrite,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            KeyError::WrongSecret => {
                lang.pick("Dit wachtwoord of deze herstelcode opent de gegevens niet.".into(), "This password or recovery code does not open the data.".into())
            }
            KeyError::RecoveryCodeTypo => lang.pick(
                "Deze herstelcode bevat een tikfout: controleer de groepen met het herstelblad.".into(),
                "This recovery code has a typo: check the groups against the recovery sheet.".into(),
            ),
            KeyError::Damaged(_) => lang.pick(
                "De opgeslagen sleutel is beschadigd. Zet een reservekopie terug of gebruik de herstelcode.".into(),
                "The stored key is damaged. Restore a backup or use the recovery code.".into(),
            ),
            KeyError::Missing => lang.pick(
                "Het sleutelbestand (beeldakkoord.keys) naast de database ontbreekt, zodat de versleutelde gegevens niet te openen zijn. Zet een reservekopie terug.".into(),
                "The keys file (beeldakkoord.keys) beside the database is missing, so the encrypted data cannot be opened. Restore a backup.".into(),
            ),
            KeyError::NoRecovery => lang.pick(
                "Er is nog geen herstelblad afgedrukt, dus er is geen herstelcode. Een beheerder drukt het af onder Instellingen.".into(),
                "No recovery sheet was printed yet, so there is no recovery code. An administrator prints it under Settings.".into(),
            ),
            KeyError::Write(e) if e.kind() == std::io::ErrorKind::StorageFull => lang.pick(
                "De schijf is vol. Er is niets opgeslagen; maak ruimte vrij en probeer het opnieuw.".into(),
                "The disk is full. Nothing was saved; free some space and try again.".into(),
            ),
            KeyError::Write(e) => lang.pick(
                format!("Het sleutelbestand kan niet geschreven worden ({}). Er is niets veranderd; controleer of de gegevensmap schrijfbaar is.", e.kind()),
                format!("The keys file cannot be written ({}). Nothing was changed; check that the data folder is writable.", e.kind()),
            ),
        }
    }
}

fn derive(secret: &[u8], salt: &[u8], kdf: KdfParams) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32)).map_err(|e| KeyError::Damaged(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password_into(secret, salt, out.as_mut()).map_err(|e| KeyError::Damaged(e.to_string()))?;
    Ok(out)
}

/// Cheap parameters, for test runs only (see [`kdf`]).
const QUICK: KdfParams = KdfParams { memory_kib: 256, passes: 1, lanes: 1 };

/// The parameters new wrappings get: [`KDF`]. A debug build (the test
/// suite's) takes cheap ones when `BEELDAKKOORD_TEST_QUICK_KDF` is set, so
/// hundreds of test sign-ins do not each cost half a second and 192 MiB; a
/// release build never reads the variable. Each wrapping records its own
/// parameters, and a weaker one is made again at the next sign-in.
pub fn kdf() -> KdfParams {
    if cfg!(debug_assertions) && std::env::var_os("BEELDAKKOORD_TEST_QUICK_KDF").is_some() {
        QUICK
    } else {
        KDF
    }
}

impl KdfParams {
    /// Weaker than what new wrappings get: re-wrap at the next chance.
    pub fn weaker_than(&self, other: &KdfParams) -> bool {
        self.memory_kib < other.memory_kib || self.passes < other.passes
    }
}

/// Seal `key` for `secret` (a password, or a recovery code as printed).
pub fn wrap(key: &DataKey, secret: &str) -> Result<WrappedKey, KeyError> {
    wrap_with(key, secret, kdf())
}

/// Seal `key` for a user whose password is known only by its stored
/// argon2id hash (an installation from before encryption): the hash's own
/// output is the wrapping key, and its salt and parameters are stored, so
/// the password alone opens it. Made again with [`kdf`] at that user's next
/// sign-in.
pub fn wrap_for_password_hash(key: &DataKey, phc: &str) -> Result<WrappedKey, KeyError> {
    let bad = |what: &str| KeyError::Damaged(format!("password hash: {what}"));
    let hash = password_hash::PasswordHash::new(phc).map_err(|_| bad("format"))?;
    if hash.algorithm.as_str() != "argon2id" || hash.version != Some(0x13) {
        return Err(bad("algorithm"));
    }
    let params = Params::try_from(&hash).map_err(|_| bad("parameters"))?;
    let mut salt = [0u8; 64];
    let salt = hash.salt.ok_or_else(|| bad("salt"))?.decode_b64(&mut salt).map_err(|_| bad("salt"))?;
    let output = hash.hash.ok_or_else(|| bad("output"))?;
    let kek: [u8; 32] = output.as_bytes().try_into().map_err(|_| bad("output length"))?;
    let kek = Zeroizing::new(kek);
    let kdf = KdfParams { memory_kib: params.m_cost(), passes: params.t_cost(), lanes: params.p_cost() };
    seal(key, &kek, salt, kdf)
}

fn seal(key: &DataKey, kek: &[u8; 32], salt: &[u8], kdf: KdfParams) -> Result<WrappedKey, KeyError> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(&kek[..]));
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let sealed = cipher.encrypt(&nonce, key.bytes().as_ref()).map_err(|_| KeyError::Damaged("seal".into()))?;
    Ok(WrappedKey { kdf, salt: hex::encode(salt), nonce: hex::encode(nonce), sealed: hex::encode(sealed) })
}

fn wrap_with(key: &DataKey, secret: &str, kdf: KdfParams) -> Result<WrappedKey, KeyError> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let kek = derive(secret.as_bytes(), &salt, kdf)?;
    seal(key, &kek, &salt, kdf)
}

/// Open a wrapped key with `secret`.
pub fn unwrap(w: &WrappedKey, secret: &str) -> Result<DataKey, KeyError> {
    let bad = |what: &str| KeyError::Damaged(what.to_string());
    let salt = hex::decode(&w.salt).map_err(|_| bad("salt"))?;
    let nonce = hex::decode(&w.nonce).map_err(|_| bad("nonce"))?;
    let sealed = hex::decode(&w.sealed).map_err(|_| bad("sealed"))?;
    if nonce.len() != 24 || salt.len() < 8 {
        return Err(bad("lengths"));
    }
    let kek = derive(secret.as_bytes(), &salt, w.kdf)?;
    let cipher = XChaCha20Poly1305::new(Key::from_slice(&kek[..]));
    let mut opened = Zeroizing::new(cipher.decrypt(XNonce::from_slice(&nonce), sealed.as_ref()).map_err(|_| KeyError::WrongSecret)?);
    let bytes: [u8; 32] = opened.as_slice().try_into().map_err(|_| bad("key length"))?;
    opened.zeroize();
    Ok(DataKey(Zeroizing::new(bytes)))
}

/// Crockford's base32: no I, L, O or U, so a code read aloud or typed from
/// paper has fewer look-alikes; read case-insensitively, with I/L as 1 and O as 0.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new recovery code: 160 random bits as 32 characters in eight groups of
/// four, and a ninth group of four check characters (a mistyped character
/// is caught before the slow key derivation).
pub fn new_recovery_code() -> Zeroizing<String> {
    let mut raw = Zeroizing::new([0u8; 20]);
    OsRng.fill_bytes(raw.as_mut());
    // 160 bits → 32 five-bit symbols.
    let mut symbols = Zeroizing::new(Vec::with_capacity(32));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in raw.iter() {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            symbols.push(((acc >> bits) & 31) as u8);
        }
    }
    let check = checksum(&symbols);
    let all: Vec<u8> = symbols.iter().chain(check.iter()).copied().collect();
    let text: String = all.chunks(4).map(|g| g.iter().map(|&s| ALPHABET[s as usize] as char).collect::<String>()).collect::<Vec<_>>().join("-");
    Zeroizing::new(text)
}

/// Four check symbols, each a weighted sum of the code's symbols modulo 32
/// with odd weights: any one changed character changes all four (an odd
/// weight times a difference of less than 32 is never a multiple of 32).
fn checksum(symbols: &[u8]) -> [u8; 4] {
    let mut out = [0u32; 4];
    for (i, &s) in symbols.iter().enumerate() {
        for (k, o) in out.iter_mut().enumerate() {
            let weight = 2 * ((i as u32 + 1) * (k as u32 + 3) % 16) + 1;
            *o = (*o + u32::from(s) * weight) % 32;
        }
    }
    out.map(|v| v as u8)
}

/// A recovery code as someone typed it (any case, spaces or dashes, I/L/O
/// for 1/1/0), checked and written as printed; a typo is refused here.
pub fn normalise_recovery_code(input: &str) -> Result<Zeroizing<String>, KeyError> {
    let mut symbols = Zeroizing::new(Vec::with_capacity(36));
    for c in input.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        let c = match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        let s = ALPHABET.iter().position(|&a| a as char == c).ok_or(KeyError::RecoveryCodeTypo)?;
        symbols.push(s as u8);
    }
    if symbols.len() != 36 || checksum(&symbols[..32]) != symbols[32..] {
        return Err(KeyError::RecoveryCodeTypo);
    }
    let text: String = symbols.chunks(4).map(|g| g.iter().map(|&s| ALPHABET[s as usize] as char).collect::<String>()).collect::<Vec<_>>().join("-");
    Ok(Zeroizing::new(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_with_its_secret_only() {
        let key = DataKey::generate();
        let w = wrap_with(&key, "een lange zin als wachtwoord", QUICK).unwrap();
        assert_eq!(unwrap(&w, "een lange zin als wachtwoord").unwrap().bytes(), key.bytes());
        assert!(matches!(unwrap(&w, "een lange zin als wachtwoorD"), Err(KeyError::WrongSecret)));
        // Two users, each with their own password, open the same key.
        let other = wrap_with(&key, "iemand anders zijn zin", QUICK).unwrap();
        assert_eq!(unwrap(&other, "iemand anders zijn zin").unwrap().bytes(), key.bytes());
        assert_ne!(w.salt, other.salt);
        // Nothing of the key shows in what is stored.
        let stored = serde_json::to_string(&w).unwrap();
        assert!(!stored.contains(&hex::encode(key.bytes())));
        assert_eq!(format!("{key:?}"), "DataKey(…)");
    }

    #[test]
    fn an_altered_wrapping_opens_nothing() {
        let key = DataKey::generate();
        let w = wrap_with(&key, "een lange zin als wachtwoord", QUICK).unwrap();
        let mut flipped = w.clone();
        let mut sealed = hex::decode(&flipped.sealed).unwrap();
        sealed[3] ^= 1;
        flipped.sealed = hex::encode(sealed);
        assert!(matches!(unwrap(&flipped, "een lange zin als wachtwoord"), Err(KeyError::WrongSecret)));
        let mut cut = w.clone();
        cut.nonce.truncate(10);
        assert!(matches!(unwrap(&cut, "een lange zin als wachtwoord"), Err(KeyError::Damaged(_))));
        let mut salted = w;
        salted.salt = "zz".into();
        assert!(matches!(unwrap(&salted, "een lange zin als wachtwoord"), Err(KeyError::Damaged(_))));
    }

    #[test]
    fn a_recovery_code_opens_the_key_and_a_typo_is_caught_first() {
        let key = DataKey::generate();
        let code = new_recovery_code();
        assert_eq!(code.len(), 9 * 4 + 8, "nine groups of four: {}", code.as_str());
        assert!(code.chars().all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        let w = wrap_with(&key, &code, QUICK).unwrap();
        // As typed from the sheet: lower case, spaces, O for 0.
        let typed = code.to_lowercase().replace('-', " ").replace('0', "o");
        let normal = normalise_recovery_code(&typed).unwrap();
        assert_eq!(normal.as_str(), code.as_str());
        assert_eq!(unwrap(&w, &normal).unwrap().bytes(), key.bytes());
        // Every single changed character is caught by the check.
        for pos in (0..code.len()).filter(|&i| code.as_bytes()[i] != b'-') {
            let mut wrong: Vec<u8> = code.as_bytes().to_vec();
            wrong[pos] = if wrong[pos] == b'7' { b'8' } else { b'7' };
            let wrong = String::from_utf8(wrong).unwrap();
            assert!(matches!(normalise_recovery_code(&wrong), Err(KeyError::RecoveryCodeTypo)), "{wrong}");
        }
        assert!(matches!(normalise_recovery_code("ABCD"), Err(KeyError::RecoveryCodeTypo)));
        assert!(matches!(normalise_recovery_code(&format!("{}!", code.as_str())), Err(KeyError::RecoveryCodeTypo)));
    }

    #[test]
    fn a_stored_password_hash_wraps_for_its_password() {
        use password_hash::{PasswordHasher, SaltString};
        let key = DataKey::generate();
        let salt = SaltString::generate(&mut OsRng);
        let phc = Argon2::default().hash_password(b"het oude wachtwoord", &salt).unwrap().to_string();
        let w = wrap_for_password_hash(&key, &phc).unwrap();
        assert_eq!(w.kdf, KdfParams { memory_kib: 19456, passes: 2, lanes: 1 });
        assert!(w.kdf.weaker_than(&KDF));
        assert_eq!(unwrap(&w, "het oude wachtwoord").unwrap().bytes(), key.bytes());
        assert!(matches!(unwrap(&w, "een ander wachtwoord"), Err(KeyError::WrongSecret)));
        assert!(matches!(wrap_for_password_hash(&key, "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA"), Err(KeyError::Damaged(_))));
        assert!(matches!(wrap_for_password_hash(&key, "not a hash"), Err(KeyError::Damaged(_))));
    }

    #[test]
    fn two_codes_differ_and_the_sqlcipher_key_is_raw_hex() {
        assert_ne!(new_recovery_code().as_str(), new_recovery_code().as_str());
        let key = DataKey::generate();
        let pragma = key.sqlcipher_key();
        assert!(pragma.starts_with("\"x'") && pragma.ends_with("'\"") && pragma.len() == 64 + 5);
    }
}
