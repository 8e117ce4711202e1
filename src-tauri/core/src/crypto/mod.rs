//! Cryptography for data at rest: the installation's data key and how it is
//! kept (wrapped per user and for the recovery code). Built on RustCrypto's
//! XChaCha20-Poly1305 and argon2id; nothing here is hand-rolled cipher work.

pub mod keyfile;
pub mod keys;
pub mod stream;
