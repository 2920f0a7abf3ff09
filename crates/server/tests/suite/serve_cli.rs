//! `palisade serve` and `palisade emulator` through the real binary: what the static
//! files serve, where emulator mode may listen, and the names the emulator answers to
//! (the security review, #36).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `palisade {args}`; returns it with the URL of its start line (`Palisade …: http://…/`).
fn start(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_palisade")).args(args).stdout(Stdio::piped()).spawn().expect("start palisade");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("Palisade "))).expect("a start line").unwrap();
    let url = line.split_whitespace().last().unwrap().trim_end_matches('/').to_owned();
    // Keep reading what it prints, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (Running(child), url)
}

/// `curl` the URL with extra arguments: (status, body).
fn curl(url: &str, extra: &[&str]) -> (String, String) {
    let out = Command::new("curl").args(["-s", "-w", "\n%{http_code}"]).args(extra).arg(url).output().expect("curl");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, status) = text.rsplit_once('\n').unwrap();
    (status.to_owned(), body.to_owned())
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("palisade-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn static_files_serve_neither_dot_entries_nor_what_leaves_the_folder() {
    let dist = temp_dir("dotfiles-dist");
    let outside = temp_dir("dotfiles-outside");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dist.join("app.js"), "console.log(1)").unwrap();
    std::fs::write(dist.join(".env"), "SECRET=1").unwrap();
    std::fs::create_dir_all(dist.join(".git")).unwrap();
    std::fs::write(dist.join(".git/config"), "[core]").unwrap();
    std::fs::write(outside.join("passwd"), "root:x:0:0").unwrap();
    std::fs::create_dir_all(outside.join("sub")).unwrap();
    std::fs::write(outside.join("sub/key.pem"), "-----BEGIN").unwrap();
    std::os::unix::fs::symlink(outside.join("passwd"), dist.join("passwd")).unwrap();
    std::os::unix::fs::symlink(outside.join("sub"), dist.join("linked")).unwrap();
    // A link that stays inside the folder is the build's own business: served.
    std::os::unix::fs::symlink(dist.join("app.js"), dist.join("alias.js")).unwrap();
    let (_serve, url) = start(&["serve", "--listen", "127.0.0.1:0", "--state", ":memory:", "--dist", dist.to_str().unwrap()]);
    assert_eq!(curl(&format!("{url}/index.html"), &[]).0, "200");
    assert_eq!(curl(&format!("{url}/alias.js"), &[]).0, "200");
    for hidden in ["/.env", "/.git/config", "/passwd", "/linked/key.pem"] {
        let (status, body) = curl(&format!("{url}{hidden}"), &[]);
        assert_eq!(status, "404", "{hidden}: {body}");
    }
    std::fs::remove_dir_all(&dist).ok();
    std::fs::remove_dir_all(&outside).ok();
}

#[test]
fn emulator_mode_refuses_a_non_loopback_address_unless_told() {
    let dist = temp_dir("expose-dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let d = dist.to_str().unwrap();
    for args in [vec!["serve", "--listen", "0.0.0.0:0", "--state", ":memory:", "--dist", d], vec!["emulator", "--listen", "0.0.0.0:0"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_palisade")).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} started");
        assert!(err.contains("--expose-emulator") && err.contains("loopback"), "{args:?}: {err}");
    }
    // Said explicitly, it starts.
    let (_serve, url) = start(&["serve", "--listen", "0.0.0.0:0", "--state", ":memory:", "--dist", d, "--expose-emulator"]);
    assert!(url.starts_with("http://0.0.0.0:"), "{url}");
    std::fs::remove_dir_all(&dist).ok();
}

#[test]
fn the_emulator_answers_only_to_its_own_names() {
    let (_emu, url) = start(&["emulator", "--listen", "127.0.0.1:0"]);
    let list = format!("{url}/v2/securityGroup");
    // A rebound name: refused before anything else is looked at.
    let (status, body) = curl(&list, &["-H", "Host: attacker.example"]);
    assert_eq!(status, "421", "{body}");
    // Its own address, and the API host an SDK or the proxy sends: answered (unsigned,
    // so the cloud's own refusal).
    for host in [url.strip_prefix("http://").unwrap(), "localhost", "bcc.bj.baidubce.com", "vpc.cn-north-4.myhuaweicloud.com"] {
        let (status, body) = curl(&list, &["-H", &format!("Host: {host}")]);
        assert_ne!(status, "421", "{host}: {body}");
    }
}
