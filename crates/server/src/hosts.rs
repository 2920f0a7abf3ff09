//! DNS rebinding: `palisade serve` answers only to the host names it is configured for,
//! and a state-changing `/api` call must come from one of them (`Origin`). A page on
//! another site whose name is made to resolve to 127.0.0.1 then gets nothing.

use axum::http::{header, HeaderMap, Method};

/// The names `Host` (and `Origin`) may carry, without their port.
#[derive(Debug, Clone)]
pub struct AllowedHosts(Vec<String>);

impl Default for AllowedHosts {
    /// The loopback names.
    fn default() -> Self {
        Self(["localhost", "127.0.0.1", "[::1]", "::1"].iter().map(|s| s.to_string()).collect())
    }
}

impl AllowedHosts {
    /// The loopback names, the listen address's own, and any given with `--allowed-host`.
    pub fn new(listen: std::net::SocketAddr, extra: &[String]) -> Self {
        let mut names = Self::default().0;
        names.push(match listen.ip() {
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        });
        names.extend(extra.iter().map(|h| h.to_ascii_lowercase()));
        Self(names)
    }

    fn allows_name(&self, host_and_port: &str) -> bool {
        let host = host_and_port.trim().to_ascii_lowercase();
        // `name:port`, `[v6]:port`, or a bare name.
        let name = match host.rsplit_once(':') {
            Some((n, port)) if port.bytes().all(|b| b.is_ascii_digit()) && (!n.contains(':') || n.ends_with(']')) => n.to_owned(),
            _ => host,
        };
        self.0.contains(&name)
    }

    /// `Host` names this server.
    pub fn allows_host(&self, headers: &HeaderMap) -> bool {
        headers.get(header::HOST).and_then(|h| h.to_str().ok()).is_some_and(|h| self.allows_name(h))
    }

    /// A state-changing call's `Origin`, when sent, is one of ours.
    pub fn allows_origin(&self, method: &Method, headers: &HeaderMap) -> bool {
        if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return true;
        }
        match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            None => true,
            Some(origin) => origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                .is_some_and(|rest| !rest.contains('/') && self.allows_name(rest)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        pairs.iter().map(|(n, v)| (n.clone(), v.parse().unwrap())).collect()
    }

    #[test]
    fn hosts_and_origins() {
        let a = AllowedHosts::new("127.0.0.1:8080".parse().unwrap(), &["console.example.com".into()]);
        for ok in ["127.0.0.1:8080", "localhost", "LOCALHOST:1", "[::1]:8080", "console.example.com"] {
            assert!(a.allows_host(&h(&[(header::HOST, ok)])), "{ok}");
        }
        for bad in ["evil.com", "evil.com:8080", "127.0.0.1.evil.com", "localhost.evil.com:80"] {
            assert!(!a.allows_host(&h(&[(header::HOST, bad)])), "{bad}");
        }
        assert!(!a.allows_host(&HeaderMap::new()), "no Host at all");
        assert!(a.allows_origin(&Method::PUT, &h(&[(header::ORIGIN, "http://127.0.0.1:8080")])));
        assert!(a.allows_origin(&Method::PUT, &HeaderMap::new()), "no Origin: not a browser's cross-site call");
        assert!(!a.allows_origin(&Method::PUT, &h(&[(header::ORIGIN, "http://evil.com")])));
        assert!(!a.allows_origin(&Method::POST, &h(&[(header::ORIGIN, "null")])));
        assert!(a.allows_origin(&Method::GET, &h(&[(header::ORIGIN, "http://evil.com")])), "reads are not state-changing");
    }
}
