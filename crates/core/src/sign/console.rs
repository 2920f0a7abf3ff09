//! How the console signs its calls: the one policy that the browser, the test suites and
//! the load generator all use, so the tests exercise what the browser really sends.
//!
//! The browser cannot set `Host` (nor `Content-Length`); it signs for the real API host
//! ([`Cloud::api_host`]) and the proxy sends that `Host` upstream.
//!
//! - Baidu: `Content-Type` and `Content-MD5` when there is a body (the MD5 binds the body
//!   to the signature, as the official Go SDK's default signed set does; bce-auth-v1 has
//!   no payload hash), `host`, `x-bce-date`, and `x-bce-security-token` with STS keys.
//! - Huawei: every header sent (`Content-Type`, `X-Project-Id`, `X-Sdk-Date`,
//!   `X-Security-Token`) and `host`; the body is covered by the canonical request's
//!   SHA-256.

use super::content_md5;
use super::{bce, huawei, SignError, SignableRequest};
use crate::cloud::Cloud;

pub const JSON_BCE: &str = "application/json;charset=utf-8";
pub const JSON_HUAWEI: &str = "application/json";

/// The keys one call is signed with. Never stored by this module.
#[derive(Clone, Copy)]
pub struct Keys<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    /// Baidu STS `x-bce-security-token` / Huawei `X-Security-Token`.
    pub security_token: Option<&'a str>,
}

/// A call before signing: decoded path and query, optional JSON body.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    pub method: &'a str,
    pub region: &'a str,
    /// The API path (`/v2/securityGroup`, or Huawei's full `/v3/{project}/vpc/...`).
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<&'a str>,
}

impl<'a> Call<'a> {
    fn signable(&self, host: &'a str, headers: &'a [(&'a str, &'a str)]) -> SignableRequest<'a> {
        SignableRequest { method: self.method, host, path: self.path, query: self.query, headers, body: self.body.unwrap_or("").as_bytes() }
    }
}

fn as_refs(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

/// Every header a Baidu call sends, `Authorization` and `x-bce-date` included.
pub fn bce(call: &Call<'_>, keys: &Keys<'_>, now: i64) -> Result<Vec<(String, String)>, SignError> {
    let mut headers: Vec<(String, String)> = Vec::with_capacity(5);
    let mut signed: Vec<&str> = Vec::with_capacity(5);
    if let Some(body) = call.body {
        headers.push(("Content-Type".into(), JSON_BCE.into()));
        headers.push(("Content-MD5".into(), content_md5(body.as_bytes())));
        signed.extend(["content-md5", "content-type"]);
    }
    signed.extend(["host", bce::DATE_HEADER]);
    if let Some(token) = keys.security_token {
        headers.push((bce::SECURITY_TOKEN_HEADER.into(), token.into()));
        signed.push(bce::SECURITY_TOKEN_HEADER);
    }
    let host = Cloud::Bce.api_host(call.region);
    let refs = as_refs(&headers);
    let req = call.signable(&host, &refs);
    let params = bce::SigningParams {
        access_key_id: keys.access_key,
        secret_access_key: keys.secret_key,
        timestamp: now,
        expiration_secs: bce::DEFAULT_EXPIRATION_SECS,
        signed_headers: Some(&signed),
    };
    let signature = bce::sign(&req, &params)?;
    headers.extend(signature.headers_to_add);
    Ok(headers)
}

/// Every header a Huawei call sends, `Authorization` and `X-Sdk-Date` included.
pub fn huawei(call: &Call<'_>, project_id: &str, keys: &Keys<'_>, now: i64) -> Result<Vec<(String, String)>, SignError> {
    let mut headers: Vec<(String, String)> =
        vec![("Content-Type".into(), JSON_HUAWEI.into()), (huawei::PROJECT_ID_HEADER.into(), project_id.into())];
    if let Some(token) = keys.security_token {
        headers.push((huawei::SECURITY_TOKEN_HEADER.into(), token.into()));
    }
    let host = Cloud::Huawei.api_host(call.region);
    let refs = as_refs(&headers);
    let req = call.signable(&host, &refs);
    let params = huawei::SigningParams { access_key: keys.access_key, secret_key: keys.secret_key, timestamp: now };
    let signature = huawei::sign(&req, &params)?;
    headers.extend(signature.headers_to_add);
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::StaticCredentials;

    #[test]
    fn content_md5_is_base64_of_the_digest() {
        // RFC 1321's test suite, base64-encoded.
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
        assert_eq!(content_md5(b"message digest"), "+WtpfXy3k41SWi8xqvFh0A==");
    }

    #[test]
    fn a_baidu_call_verifies_and_signs_its_body() {
        let keys = Keys { access_key: "ak", secret_key: "sk", security_token: Some("tok") };
        let call = Call { method: "PUT", region: "gz", path: "/v2/securityGroup/g-1", query: &[("authorizeRule", "")], body: Some("{}") };
        let headers = bce(&call, &keys, 1_700_000_000).unwrap();
        let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Content-Type", "Content-MD5", "x-bce-security-token", "Authorization", "x-bce-date"]);
        let auth = &headers[3].1;
        assert!(auth.contains("/content-md5;content-type;host;x-bce-date;x-bce-security-token/"), "{auth}");
        let mut with_host: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        with_host.push(("Host", "bcc.gz.baidubce.com"));
        let req = SignableRequest { method: "PUT", host: "", path: call.path, query: call.query, headers: &with_host, body: b"{}" };
        let creds = StaticCredentials(vec![("ak".into(), "sk".into())]);
        assert_eq!(bce::verify(&req, 1_700_000_000, &creds).as_deref(), Ok("ak"));
        let mut other_region = with_host.clone();
        other_region[5].1 = "bcc.bj.baidubce.com";
        let req = SignableRequest { headers: &other_region, ..req };
        assert!(bce::verify(&req, 1_700_000_000, &creds).is_err(), "another region's host must not verify");
        let mut other_body = with_host.clone();
        other_body[1].1 = "AAAAAAAAAAAAAAAAAAAAAA==";
        let req = SignableRequest { headers: &other_body, ..req };
        assert_eq!(bce::verify(&req, 1_700_000_000, &creds), Err(crate::sign::VerifyError::PayloadMismatch));
    }

    #[test]
    fn a_huawei_call_verifies() {
        let keys = Keys { access_key: "ak", secret_key: "sk", security_token: None };
        let call = Call { method: "GET", region: "cn-north-4", path: "/v3/p/vpc/security-groups", query: &[("limit", "10")], body: None };
        let headers = huawei(&call, "p", &keys, 1_700_000_000).unwrap();
        let mut sent: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        sent.push(("Host", "vpc.cn-north-4.myhuaweicloud.com"));
        let req = SignableRequest { method: "GET", host: "", path: call.path, query: call.query, headers: &sent, body: b"" };
        let creds = StaticCredentials(vec![("ak".into(), "sk".into())]);
        assert_eq!(huawei::verify(&req, 1_700_000_000, &creds).as_deref(), Ok("ak"));
    }
}
