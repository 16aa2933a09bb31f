//! The hash and id primitives dlt uses (`dlt/common/utils.py`): SHAKE-128 digests and random ids,
//! base64 with the standard alphabet and the padding stripped.

use std::cell::RefCell;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha3::digest::{ExtendableOutput, Update, XofReader};
use sha3::{Digest, Sha3_256, Shake128};

/// Length in bytes of every `_dlt_id` dlt generates (`DLT_ID_LENGTH_BYTES`).
pub const DLT_ID_LENGTH_BYTES: usize = 10;

/// The first `len` bytes of the SHAKE-128 output for `data`.
pub fn shake128(data: &[u8], len: usize) -> Vec<u8> {
    let mut hasher = Shake128::default();
    hasher.update(data);
    let mut out = vec![0u8; len];
    hasher.finalize_xof().read(&mut out);
    out
}

/// Fills `out` with the first bytes of the SHAKE-128 output for `data` (no allocation).
pub fn shake128_into(data: &[u8], out: &mut [u8]) {
    let mut hasher = Shake128::default();
    hasher.update(data);
    hasher.finalize_xof().read(out);
}

/// `digest128b`: base64 of a SHAKE-128 digest of `len` bytes, padding stripped.
pub fn digest128(data: &[u8], len: usize) -> String {
    b64_nopad(&shake128(data, len))
}

/// `base64(sha3_256(data))` with padding, as dlt's schema and state version hashes.
pub fn sha3_256_b64(parts: &[&[u8]]) -> String {
    let mut h = Sha3_256::new();
    for p in parts {
        Digest::update(&mut h, p);
    }
    STANDARD.encode(h.finalize())
}

/// Standard base64 without `=` padding.
pub fn b64_nopad(bytes: &[u8]) -> String {
    let mut s = STANDARD.encode(bytes);
    let trimmed = s.trim_end_matches('=').len();
    s.truncate(trimmed);
    s
}

thread_local! {
    // dlt draws ids from `secrets.token_bytes`; ids only need to be unique, and a per-thread
    // generator seeded from the OS keeps id generation off the syscall path in the hot loop.
    static RNG: RefCell<fastrand::Rng> = RefCell::new(fastrand::Rng::new());
}

/// A random `_dlt_id`: 10 random bytes, base64, padding stripped (14 characters).
pub fn random_dlt_id() -> String {
    let mut bytes = [0u8; DLT_ID_LENGTH_BYTES];
    RNG.with(|rng| rng.borrow_mut().fill(&mut bytes));
    b64_nopad(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shake128_matches_known_vector() {
        // NIST: SHAKE128("") = 7f9c2ba4e88f827d616045507605853e...
        assert_eq!(
            shake128(b"", 8),
            [0x7f, 0x9c, 0x2b, 0xa4, 0xe8, 0x8f, 0x82, 0x7d]
        );
    }

    #[test]
    fn random_ids_have_dlt_format() {
        let a = random_dlt_id();
        let b = random_dlt_id();
        assert_eq!(a.len(), 14);
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/'));
    }
}
