//! The built console, held in memory with its gzip and brotli forms made once at start:
//! the bundle is a handful of files, and compressing the wasm on every request would cost
//! more than the request itself.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

#[derive(Debug)]
pub struct Asset {
    pub mime: HeaderValue,
    pub identity: Bytes,
    pub gzip: Option<Bytes>,
    pub brotli: Option<Bytes>,
    pub immutable: bool,
}

#[derive(Debug, Default)]
pub struct StaticFiles {
    files: HashMap<String, Asset>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read the console in {dir}: {source} (build it first: ./dev build)")]
    Read { dir: String, source: std::io::Error },
    #[error("{0} has no index.html (build the console first: ./dev build)")]
    NoIndex(String),
}

/// Trunk names bundle files `name-<hash>[_bg].ext`, the hash a u64 in hex without leading
/// zeros (so 12 to 16 digits in practice); those never change content.
fn is_hashed(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, h)| (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Text-like and wasm files compress well; images and archives do not.
fn compressible(mime: &str) -> bool {
    mime.starts_with("text/") || mime.contains("javascript") || mime.contains("json") || mime == "application/wasm" || mime.contains("svg")
}

fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data)?;
    enc.finish()
}

fn brotli(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        // Quality 11 on the ~1 MB wasm takes seconds at every start; 9 is ~10x faster
        // and a few percent larger. Small files get the best.
        let quality = if data.len() > 256 * 1024 { 9 } else { 11 };
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        w.write_all(data)?;
    }
    Ok(out)
}

impl StaticFiles {
    pub fn load(dir: &Path) -> Result<Self, LoadError> {
        let read_err = |source| LoadError::Read { dir: dir.display().to_string(), source };
        // Only what the build put there is served: no dot-entry (`.env`, `.git/`), and
        // nothing whose real path leaves the folder (a symlink to elsewhere).
        let root = std::fs::canonicalize(dir).map_err(read_err)?;
        let mut files = HashMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).map_err(read_err)? {
                let path = entry.map_err(read_err)?.path();
                let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
                let inside = std::fs::canonicalize(&path).is_ok_and(|real| real.starts_with(&root));
                if hidden || !inside {
                    tracing::warn!("not serving {}: {}", path.display(), if hidden { "a dot-entry" } else { "it leaves the folder" });
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let rel = path.strip_prefix(dir).expect("walked from dir").to_string_lossy().replace('\\', "/");
                let data = std::fs::read(&path).map_err(read_err)?;
                let mime = mime_guess::from_path(&path).first_or_octet_stream();
                let mime_str = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
                    format!("{}; charset=utf-8", mime.essence_str())
                } else {
                    mime.essence_str().to_owned()
                };
                let (gz, br) = if compressible(mime.essence_str()) && data.len() > 256 {
                    (gzip(&data).ok().map(Bytes::from), brotli(&data).ok().map(Bytes::from))
                } else {
                    (None, None)
                };
                let name = rel.rsplit('/').next().unwrap_or(&rel).to_owned();
                files.insert(
                    rel,
                    Asset {
                        mime: HeaderValue::from_str(&mime_str).unwrap_or(HeaderValue::from_static("application/octet-stream")),
                        identity: Bytes::from(data),
                        gzip: gz,
                        brotli: br,
                        immutable: is_hashed(&name),
                    },
                );
            }
        }
        if !files.contains_key("index.html") {
            return Err(LoadError::NoIndex(dir.display().to_string()));
        }
        Ok(Self { files })
    }

    /// The file at `path`, or the console's page for one of its own paths (a deep link
    /// or a reload of `/bce/bj/security-groups/g-1`): the console reads the path itself.
    pub fn get(&self, path: &str) -> Option<&Asset> {
        let key = path.trim_start_matches('/');
        self.files
            .get(key)
            .filter(|_| !key.is_empty())
            .or_else(|| palisade_core::route::Place::parse(path).and_then(|_| self.files.get("index.html")))
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Answers a GET or HEAD for `path`, choosing brotli, then gzip, by `Accept-Encoding`.
    pub fn respond(&self, method: &Method, path: &str, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")]).into_response();
        }
        let Some(asset) = self.get(path) else {
            return not_found(path);
        };
        let accepts = |enc: &str| {
            headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|item| {
                let mut parts = item.trim().split(';');
                parts.next().is_some_and(|n| n.trim().eq_ignore_ascii_case(enc)) && !parts.any(|p| p.trim().replace(' ', "") == "q=0")
            })
        };
        let (body, encoding) = match (&asset.brotli, &asset.gzip) {
            (Some(br), _) if accepts("br") => (br.clone(), Some("br")),
            (_, Some(gz)) if accepts("gzip") => (gz.clone(), Some("gzip")),
            _ => (asset.identity.clone(), None),
        };
        let mut res = Response::new(if method == Method::HEAD { Body::empty() } else { Body::from(body.clone()) });
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, asset.mime.clone());
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        if let Some(enc) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
        }
        if asset.gzip.is_some() {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if asset.immutable { "public, max-age=31536000, immutable" } else { "no-cache" }),
        );
        res
    }
}

/// A 404 that says why and leads back (#34): a page, not a bare "not found". Static HTML,
/// nothing inline the Content-Security-Policy would have to allow.
fn not_found(path: &str) -> Response {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let why = escape(&palisade_core::route::why_not(path));
    let body = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found · Palisade</title>\n<h1>Not found</h1>\n<p data-test=\"not-found-why\">{why}</p>\n<p><a href=\"/\">Open the console</a></p>\n"
    );
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed("palisade-console-4f1b2c3d4e5f6a7b_bg.wasm"));
        assert!(is_hashed("palisade-console-4f1b2c3d4e5f6a7b.js"));
        assert!(is_hashed("palisade-0123456789abcdef.css"));
        assert!(is_hashed("palisade-a92ccdde3afa58d.css"), "15 digits: a leading zero dropped");
        assert!(!is_hashed("boot.js"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("palisade-console-xyz.js"));
    }
}
