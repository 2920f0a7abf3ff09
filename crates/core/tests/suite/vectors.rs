//! Every case of `shared/vectors/` must be reproduced byte for byte. The files are the
//! output of the official SDKs' own signers; they are read at compile time so the same
//! test runs natively and in the browser.

use palisade_core::sign::{bce, huawei, SignableRequest};
use serde_json::Value;

const BCE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vectors/bce-auth-v1.json"));
const HUAWEI: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/vectors/huawei-sdk-hmac-sha256.json"));

fn cases(src: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(src).expect("vector file is JSON");
    let cases = doc["cases"].as_array().expect("cases").clone();
    assert!(cases.len() >= 40, "expected the full vector set, found {}", cases.len());
    cases
}

fn s(v: &Value) -> &str {
    v.as_str().expect("string field")
}

fn headers(case: &Value) -> Vec<(&str, &str)> {
    case["headers"].as_object().expect("headers").iter().map(|(k, v)| (k.as_str(), s(v))).collect()
}

/// Query pairs; a list value is a repeated parameter.
fn query(case: &Value) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for pair in case["query"].as_array().expect("query") {
        let name = s(&pair[0]);
        match &pair[1] {
            Value::Array(values) => out.extend(values.iter().map(|v| (name, s(v)))),
            v => out.push((name, s(v))),
        }
    }
    out
}

pub fn bce_vectors_match() {
    for case in cases(BCE) {
        let (h, q) = (headers(&case), query(&case));
        let req = SignableRequest {
            method: s(&case["method"]),
            host: s(&case["host"]),
            path: s(&case["path"]),
            query: &q,
            headers: &h,
            body: s(&case["body"]).as_bytes(),
        };
        let signed: Option<Vec<&str>> = case["signed_headers"].as_array().map(|a| a.iter().map(s).collect());
        let params = bce::SigningParams {
            access_key_id: s(&case["access_key_id"]),
            secret_access_key: s(&case["secret_access_key"]),
            timestamp: palisade_core::sign::timestamp::parse_bce(s(&case["timestamp"])).expect("timestamp"),
            expiration_secs: case["expiration_seconds"].as_u64().expect("expiration") as u32,
            signed_headers: signed.as_deref(),
        };
        let name = s(&case["name"]);
        assert_eq!(bce::canonical_uri(req.path), s(&case["encoded_path"]), "{name}: encoded path");
        let sig = bce::sign(&req, &params).expect("sign");
        assert_eq!(sig.canonical_request, s(&case["expected"]["canonical_request"]), "{name}: canonical request");
        assert_eq!(sig.authorization(), s(&case["expected"]["authorization"]), "{name}: authorization");
    }
}

pub fn huawei_vectors_match() {
    for case in cases(HUAWEI) {
        let (h, q) = (headers(&case), query(&case));
        let req = SignableRequest {
            method: s(&case["method"]),
            host: s(&case["host"]),
            path: s(&case["path"]),
            query: &q,
            headers: &h,
            body: s(&case["body"]).as_bytes(),
        };
        let date = palisade_core::sign::timestamp::parse_sdk_date(s(&case["x_sdk_date"])).expect("date");
        let params = huawei::SigningParams { access_key: s(&case["access_key"]), secret_key: s(&case["secret_key"]), timestamp: date };
        let name = s(&case["name"]);
        let sig = huawei::sign(&req, &params).expect("sign");
        assert_eq!(sig.canonical_request, s(&case["expected"]["canonical_request"]), "{name}: canonical request");
        assert_eq!(sig.authorization(), s(&case["expected"]["authorization"]), "{name}: authorization");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    #[test]
    fn bce_vectors_match() {
        super::bce_vectors_match()
    }
    #[test]
    fn huawei_vectors_match() {
        super::huawei_vectors_match()
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::wasm_bindgen_test;
    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn bce_vectors_match_in_the_browser() {
        super::bce_vectors_match()
    }
    #[wasm_bindgen_test]
    fn huawei_vectors_match_in_the_browser() {
        super::huawei_vectors_match()
    }
}
