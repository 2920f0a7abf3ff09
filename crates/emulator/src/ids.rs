//! Resource and request ids in the clouds' own shapes (`g-nky7qeom`, `esg-…`).

use rand::Rng;

const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

pub fn short(prefix: &str, len: usize) -> String {
    let mut rng = rand::rng();
    let tail: String = (0..len).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("{prefix}-{tail}")
}

/// A random (version 4) UUID, for request ids and Huawei resource ids.
pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}
