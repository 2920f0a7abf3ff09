//! Every Baidu request is verified; each refusal has Baidu's code, status and body.

use crate::support::{start, Call};

async fn expect_error(call: &Call<'_>, headers: Option<Vec<(String, String)>>, status: u16, code: &str) {
    let run = start().await;
    let (got, h, body) = match headers {
        Some(h) => call.send(&run, h).await,
        None => call.call(&run).await,
    };
    assert_eq!(got, status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    let rid = h.get("x-bce-request-id").expect("x-bce-request-id").to_str().unwrap().to_owned();
    assert_eq!(body["requestId"], rid.as_str(), "the body and the header carry the same request id");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn a_tampered_request_is_signature_does_not_match() {
    let call = Call::get("/v2/securityGroup", "maxKeys=10");
    let mut h = call.signed_headers();
    // Signed for maxKeys=10, sent as maxKeys=11.
    let tampered = Call { query: "maxKeys=11", ..Call::get("/v2/securityGroup", "") };
    h.retain(|(n, _)| n != "Host");
    h.push(("Host".into(), "bcc.bj.baidubce.com".into()));
    expect_error(&tampered, Some(h), 400, "SignatureDoesNotMatch").await;
}

#[tokio::test]
async fn the_wrong_secret_is_signature_does_not_match() {
    expect_error(&Call { sk: "wrong", ..Call::get("/v2/securityGroup", "") }, None, 400, "SignatureDoesNotMatch").await;
}

#[tokio::test]
async fn an_unknown_key_is_invalid_access_key_id() {
    expect_error(&Call { ak: "nobody", ..Call::get("/v2/securityGroup", "") }, None, 403, "InvalidAccessKeyId").await;
}

#[tokio::test]
async fn an_old_request_is_request_expired() {
    let old = crate::support::now() - 3600;
    expect_error(&Call { timestamp: old, ..Call::get("/v2/securityGroup", "") }, None, 400, "RequestExpired").await;
}

#[tokio::test]
async fn no_or_broken_authorization() {
    let call = Call::get("/v2/securityGroup", "");
    expect_error(&call, Some(vec![]), 403, "AccessDenied").await;
    expect_error(&call, Some(vec![("Authorization".into(), "bce-auth-v1/x".into())]), 400, "InvalidHTTPAuthHeader").await;
}

#[tokio::test]
async fn unknown_paths_get_general_codes_not_500() {
    expect_error(&Call::get("/v2/nothingHere", ""), None, 400, "InvalidURI").await;
    expect_error(&Call::get("/v9/securityGroup", ""), None, 404, "InvalidVersion").await;
}
