//! JSON bodies: malformed JSON and well-formed-but-wrong JSON get Baidu's two codes.

use palisade_core::codes;
use serde::de::DeserializeOwned;

use super::BceError;

pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, BceError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(BceError::with_message(&codes::MALFORMED_JSON, "the request body is empty"));
    }
    // Every request body is an object: serde would read an array into a struct by position
    // (`["name"]` as a group named "name"), which the API never does.
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        return Err(BceError::with_message(&codes::INAPPROPRIATE_JSON, "the request body must be a JSON object, not an array"));
    }
    serde_json::from_slice(body).map_err(|e| {
        if e.is_data() {
            BceError::with_message(&codes::INAPPROPRIATE_JSON, &format!("{} ({e})", codes::INAPPROPRIATE_JSON.description))
        } else {
            BceError::with_message(&codes::MALFORMED_JSON, &format!("{} ({e})", codes::MALFORMED_JSON.description))
        }
    })
}
