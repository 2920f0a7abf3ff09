//! An API request read once: its parts decoded for signing, its body bounded.

use axum::body::to_bytes;
use axum::extract::Request;
use bytes::Bytes;
use palisade_core::sign::{encoding, SignableRequest};

pub struct ApiRequest {
    pub method: String,
    pub host: String,
    /// Decoded path.
    pub path: String,
    /// Decoded pairs; `?bindEsg` is `("bindEsg", "")`.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// The id this request is answered under (`x-bce-request-id`), for bodies that carry it.
    pub request_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the URI is not valid percent-encoded UTF-8")]
    BadUri,
    #[error("a header value is not visible ASCII or UTF-8")]
    BadHeader,
    #[error("the body is larger than {0} bytes")]
    TooLarge(usize),
}

impl ApiRequest {
    pub async fn read(req: Request, limit: usize) -> Result<Self, ReadError> {
        let (parts, body) = req.into_parts();
        let path = encoding::percent_decode(parts.uri.path()).map_err(|_| ReadError::BadUri)?;
        let query = encoding::parse_query(parts.uri.query().unwrap_or("")).map_err(|_| ReadError::BadUri)?;
        let mut headers = Vec::with_capacity(parts.headers.len());
        for (name, value) in &parts.headers {
            let v = std::str::from_utf8(value.as_bytes()).map_err(|_| ReadError::BadHeader)?;
            headers.push((name.as_str().to_owned(), v.to_owned()));
        }
        let host = parts.headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("").to_owned();
        let body = to_bytes(body, limit).await.map_err(|_| ReadError::TooLarge(limit))?;
        Ok(Self { method: parts.method.as_str().to_owned(), host, path, query, headers, body, request_id: String::new() })
    }

    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every non-empty value of `name` (a repeated parameter, as Huawei's `id[]` filters),
    /// each split on commas when `commas` (Baidu's `securityGroupIds=a,b`).
    pub fn query_values(&self, name: &str, commas: bool) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| if commas { v.split(',').collect::<Vec<_>>() } else { vec![v.as_str()] })
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }

    pub fn has_flag(&self, name: &str) -> bool {
        self.query.iter().any(|(k, _)| k == name)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The path's segments after the leading `/`.
    pub fn segments(&self) -> Vec<&str> {
        self.path.trim_start_matches('/').split('/').collect()
    }

    /// Runs `f` with a view of this request for the signature verifiers.
    pub fn with_signable<R>(&self, f: impl FnOnce(&SignableRequest<'_>) -> R) -> R {
        let q: Vec<(&str, &str)> = self.query.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let h: Vec<(&str, &str)> = self.headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        f(&SignableRequest { method: &self.method, host: &self.host, path: &self.path, query: &q, headers: &h, body: &self.body })
    }
}
