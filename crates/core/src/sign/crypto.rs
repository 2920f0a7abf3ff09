//! The primitive calls both schemes build on; kept in one place so the benchmark can
//! measure them as the floor of a signature's cost.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

pub fn hmac_sha256_hex(key: &[u8], msg: &[u8]) -> String {
    hex::encode(hmac_sha256(key, msg))
}

/// `Content-MD5` of a body: base64 of its MD5 digest.
pub fn content_md5(body: &[u8]) -> String {
    use md5::Digest;
    base64(&md5::Md5::digest(body))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Lower-case hex of a digest, on the stack: both schemes chain hex digests into the
/// next step, and a heap string per step costs as much as the step's hashing.
#[derive(Clone, Copy)]
pub struct HexDigest([u8; 64]);

impl HexDigest {
    fn of(digest: &[u8]) -> Self {
        let mut out = [0u8; 64];
        hex::encode_to_slice(digest, &mut out).expect("a SHA-256 digest is 32 bytes");
        Self(out)
    }

    pub fn as_str(&self) -> &str {
        // `hex::encode_to_slice` writes only ASCII hex digits, so this never fails.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

pub fn hmac_sha256_hex_digest(key: &[u8], msg: &[u8]) -> HexDigest {
    HexDigest::of(&hmac_sha256(key, msg))
}

pub fn sha256_hex_digest(data: &[u8]) -> HexDigest {
    HexDigest::of(&Sha256::digest(data))
}

/// Compares two signatures without leaking where they first differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
