//! The README's curl example, run for real: `palisade emulator`, `palisade sign`, curl.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Emulator(Child);

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `palisade emulator` on a free port; returns it with its base URL and the demo
/// access and secret keys it printed.
fn start_emulator() -> (Emulator, String, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(["emulator", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start palisade emulator");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap().strip_prefix("Palisade emulator: ").expect("URL line").trim_end_matches('/').to_owned();
    let creds = lines.next().unwrap().unwrap();
    let words: Vec<&str> = creds.split_whitespace().collect();
    assert_eq!(&words[..4], ["Demo", "credentials:", "access", "key"]);
    (Emulator(child), url, words[4].to_owned(), words[7].to_owned())
}

#[test]
fn the_readme_curl_example_works_against_the_emulator() {
    let (_emu, base, ak, sk) = start_emulator();
    let url = format!("{base}/v2/securityGroup?maxKeys=10");
    let sign =
        Command::new(env!("CARGO_BIN_EXE_palisade")).args(["sign", "bce", "--ak", &ak, "--sk", &sk, "--url", &url]).output().unwrap();
    assert!(sign.status.success(), "{}", String::from_utf8_lossy(&sign.stderr));
    let dir = std::env::temp_dir().join(format!("palisade-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let headers = dir.join("headers");
    std::fs::write(&headers, &sign.stdout).unwrap();

    let curl = |extra: &[&str]| {
        let out = Command::new("curl")
            .args(["-s", "-w", "\n%{http_code}", "-H", &format!("@{}", headers.display())])
            .args(extra)
            .arg(&url)
            .output()
            .expect("curl");
        let text = String::from_utf8(out.stdout).unwrap();
        let (body, status) = text.rsplit_once('\n').unwrap();
        (status.to_owned(), serde_json::from_str::<serde_json::Value>(body).unwrap())
    };
    let (status, body) = curl(&[]);
    assert_eq!(status, "200", "{body}");
    assert_eq!(body["securityGroups"].as_array().unwrap().len(), 5, "the five demo groups");
    assert_eq!(body["maxKeys"], 10);

    // The same signed headers with another method do not verify.
    let (status, body) = curl(&["-X", "DELETE"]);
    assert_eq!(status, "400");
    assert_eq!(body["code"], "SignatureDoesNotMatch");
    std::fs::remove_dir_all(&dir).ok();
}

/// `palisade serve --emulator-address`: one `palisade emulator` process behind the proxy,
/// over plain HTTP on loopback (and only loopback).
#[test]
fn serve_forwards_to_a_separate_emulator_on_loopback_only() {
    let (_emu, base, _, _) = start_emulator();
    let addr = base.strip_prefix("http://").unwrap().to_owned();
    let dist = std::env::temp_dir().join(format!("palisade-loopback-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();

    let refused = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(["serve", "--listen", "127.0.0.1:0", "--dist", dist.to_str().unwrap(), "--emulator-address", "10.1.2.3:8787"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("loopback"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(["serve", "--listen", "127.0.0.1:0", "--dist", dist.to_str().unwrap(), "--emulator-address", &addr, "--journal", "off"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("Palisade console: "))).unwrap().unwrap();
    let serve = line.strip_prefix("Palisade console: ").unwrap().trim_end_matches('/').to_owned();
    let _serve = Emulator(child);
    let url = format!("{serve}/api/bce/bj/v2/securityGroup?maxKeys=10");
    // Signed for the real host, as the browser signs; the proxy sets Host, the emulator checks it.
    let sign = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args([
            "sign",
            "bce",
            "--ak",
            palisade_emulator::DEMO_ACCESS_KEY,
            "--sk",
            palisade_emulator::DEMO_SECRET_KEY,
            "--url",
            "https://bcc.bj.baidubce.com/v2/securityGroup?maxKeys=10",
        ])
        .output()
        .unwrap();
    assert!(sign.status.success(), "{}", String::from_utf8_lossy(&sign.stderr));
    let mut curl = Command::new("curl");
    curl.args(["-s", "-w", "\n%{http_code}", &url]);
    for line in String::from_utf8_lossy(&sign.stdout).lines().filter(|l| l.contains(": ")) {
        curl.args(["-H", line.trim()]);
    }
    let out = String::from_utf8(curl.output().unwrap().stdout).unwrap();
    assert!(out.ends_with("\n200"), "{out}");
    assert!(out.contains("g-default0"), "{out}");
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// 300 attempts to store a 1 MB description, over both clouds' create calls, against the
/// real binary with its state in memory: every one refused with the documented code, and
/// the process's memory stays flat (300 MB would be kept if any were stored).
#[tokio::test]
async fn three_hundred_one_megabyte_descriptions_are_refused_and_memory_stays_flat() {
    use palisade_core::sign::{console, huawei, SignableRequest};
    let (emu, base, ak, sk) = start_emulator();
    let pid = emu.0.id();
    let client = reqwest::Client::new();
    let big = "d".repeat(1_000_000);
    let project = "060576782980d5762f9ec014dd2f1148";
    let send = |cloud: usize| {
        let (path, body, host) = match cloud {
            0 => ("/v2/securityGroup".to_owned(), serde_json::json!({"name": "big", "desc": big}).to_string(), "bcc.bj.baidubce.com"),
            1 => ("/v1/enterprise/security".to_owned(), serde_json::json!({"name": "big", "desc": big}).to_string(), "bcc.bj.baidubce.com"),
            _ => (
                format!("/v3/{project}/vpc/security-groups"),
                serde_json::json!({"security_group": {"name": "big", "description": big}}).to_string(),
                "vpc.cn-north-4.myhuaweicloud.com",
            ),
        };
        let mut headers: Vec<(String, String)> = vec![("Host".into(), host.into())];
        if cloud < 2 {
            let call = console::Call { method: "POST", region: "bj", path: &path, query: &[], body: Some(&body) };
            let keys = console::Keys { access_key: &ak, secret_key: &sk, security_token: None };
            headers.extend(console::bce(&call, &keys, palisade_emulator::now()).unwrap());
        } else {
            let h = [("Content-Type", "application/json")];
            let req = SignableRequest { method: "POST", host, path: &path, query: &[], headers: &h, body: body.as_bytes() };
            let params = huawei::SigningParams { access_key: &ak, secret_key: &sk, timestamp: palisade_emulator::now() };
            headers.push(("Content-Type".into(), "application/json".into()));
            headers.extend(huawei::sign(&req, &params).unwrap().headers_to_add);
        }
        let mut rb = client.post(format!("{base}{path}")).body(body);
        for (n, v) in headers {
            rb = rb.header(n, v);
        }
        rb
    };
    // Warm up the allocator with a few, then measure.
    for i in 0..3 {
        send(i).send().await.unwrap();
    }
    let before = rss_kib(pid);
    for i in 0..300 {
        let res = send(i % 3).send().await.unwrap();
        let status = res.status().as_u16();
        let b: serde_json::Value = res.json().await.unwrap();
        let code = b["code"].as_str().or(b["error_code"].as_str()).unwrap_or_default().to_owned();
        let expected = ["InappropriateJSON", "Esg.EsgDescTooLong", "VPC.0601"][i % 3];
        assert_eq!((status, code.as_str()), (400, expected), "attempt {i}: {b}");
    }
    let after = rss_kib(pid);
    println!("300 x 1 MB descriptions refused; emulator RSS {before} KiB -> {after} KiB");
    assert!(after < before + 64 * 1024, "memory grew by {} KiB", after - before);
}
