//! The facts `palisade-core` holds are written there once: a second copy elsewhere
//! (another crate building a host name, its own region list, an `"ingress"` literal, a
//! hand-made request id) fails here. It reads the repository's own sources.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Non-test Rust sources of the console, the emulator and the server.
fn callers() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["src", "crates/emulator/src", "crates/server/src"] {
        sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 40, "the sources were found: {}", files.len());
    // The emulator's fixtures are data (rules as the API writes them, service host names).
    files.retain(|f| !f.ends_with("fixtures.rs"));
    files.into_iter().map(|f| (f.clone(), std::fs::read_to_string(&f).unwrap())).collect()
}

/// Code lines only: comments and `#[cfg(test)]` modules say these words legitimately.
fn code(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn no_caller_re_derives_a_contract_of_core() {
    let forbidden = [
        (".baidubce.com\"", "an API host: use Cloud::api_host / region_of_host"),
        (".myhuaweicloud.com\"", "an API host: use Cloud::api_host / region_of_host"),
        ("\"cn-north-1\"", "a region list: use Cloud::regions"),
        ("\"fwh\"", "a region list: use Cloud::regions"),
        ("\"ingress\"", "a direction: use Direction"),
        ("\"egress\"", "a direction: use Direction"),
        ("\"x-bce-date\"", "a signing header: use sign::bce / sign::console"),
        ("\"host;x-bce-date\"", "the signing policy: use sign::console"),
        ("\"InvalidURI\"", "an error code: use codes::*"),
        ("\"GatewayTimeout\"", "an error code: use codes::*"),
        ("serde_json::json!({\"mode\"", "the /api/config answer: use config::ServerConfig"),
        ("rand::random::<[u8; 16]>", "a request id: use the uuid crate"),
    ];
    let mut found = Vec::new();
    for (path, text) in callers() {
        let code = code(&text);
        for (needle, why) in forbidden {
            if code.contains(needle) {
                found.push(format!("{}: {needle} — {why}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "contracts re-derived outside palisade-core:\n{}", found.join("\n"));
}
