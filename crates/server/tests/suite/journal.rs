//! The journal and the guardrails of `palisade serve` (#35), through the real binary:
//! a forged signed call that breaks the policy is refused before the cloud sees it and
//! journalled; reading, filters, paging and exports; who may read; kill -9; PostgreSQL.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use palisade_core::sign::console;
use palisade_emulator::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY};
use serde_json::Value;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("palisade-journal-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `palisade serve` on a free port with `extra` flags; its base URL.
fn serve(dir: &std::path::Path, extra: &[&str]) -> (Running, String) {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(["serve", "--listen", "127.0.0.1:0", "--dist", dist.to_str().unwrap()])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("Palisade console: "))).expect("a start line").unwrap();
    let url = line.strip_prefix("Palisade console: ").unwrap().trim_end_matches('/').to_owned();
    std::thread::spawn(move || lines.for_each(drop));
    (Running(child), url)
}

/// A Baidu call signed by the console's policy, sent through the proxy as a forger would
/// (no console), with a change id.
async fn bce(client: &reqwest::Client, base: &str, method: &str, path: &str, query: &[(&str, &str)], body: &str) -> (u16, Value) {
    let call = console::Call { method, region: "bj", path, query, body: (!body.is_empty()).then_some(body) };
    let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
    let qs: Vec<String> = query.iter().map(|(k, v)| if v.is_empty() { (*k).to_owned() } else { format!("{k}={v}") }).collect();
    let url = format!("{base}/api/bce/bj{path}{}{}", if qs.is_empty() { "" } else { "?" }, qs.join("&"));
    let mut rb = client.request(method.parse().unwrap(), url).header("x-palisade-change", "change-test-1");
    for (n, v) in console::bce(&call, &keys, palisade_emulator::now()).unwrap() {
        rb = rb.header(n, v);
    }
    if !body.is_empty() {
        rb = rb.body(body.to_owned());
    }
    let res = rb.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_default())
}

async fn authorize(client: &reqwest::Client, base: &str, port: &str, source: &str, remark: &str) -> (u16, Value) {
    let body =
        format!(r#"{{"rule":{{"protocol":"tcp","portRange":"{port}","direction":"ingress","sourceIp":"{source}","remark":"{remark}"}}}}"#);
    let token = format!("t-{port}-{}", source.replace(['/', '.'], ""));
    bce(client, base, "PUT", "/v2/securityGroup/g-web00001", &[("authorizeRule", ""), ("clientToken", &token)], &body).await
}

async fn rules(client: &reqwest::Client, base: &str) -> Vec<Value> {
    bce(client, base, "GET", "/v2/securityGroup/g-web00001", &[], "").await.1["rules"].as_array().cloned().unwrap_or_default()
}

async fn journal(client: &reqwest::Client, base: &str, query: &str) -> Value {
    client.get(format!("{base}/api/journal?{query}")).send().await.unwrap().json().await.unwrap()
}

const POLICY: &str = r#"
[[forbid]]
reason = "No SSH or RDP from the internet"
direction = "ingress"
ports = ["22", "3389"]
sources = ["0.0.0.0/0", "::/0"]

[require]
remark = true
"#;

#[tokio::test]
async fn a_forged_call_that_breaks_the_policy_never_reaches_the_cloud_and_is_journalled() {
    let dir = temp_dir("policy");
    std::fs::write(dir.join("policy.toml"), POLICY).unwrap();
    let (_serve, base) = serve(&dir, &["--state", ":memory:", "--policy", dir.join("policy.toml").to_str().unwrap()]);
    let client = reqwest::Client::new();
    let before = rules(&client, &base).await.len();

    // A range that includes 22, from the whole internet: refused in the cloud's shape.
    let (status, body) = authorize(&client, &base, "20-30", "0.0.0.0/0", "jump").await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "Palisade.PolicyViolation");
    assert_eq!(body["message"], "No SSH or RDP from the internet");
    assert!(body["requestId"].as_str().is_some_and(|s| !s.is_empty()));
    // No remark: refused by [require].
    let (status, body) = authorize(&client, &base, "443", "10.0.0.0/8", "").await;
    assert_eq!((status, body["code"].as_str()), (403, Some("Palisade.PolicyViolation")));
    assert_eq!(rules(&client, &base).await.len(), before, "the upstream saw neither call");
    // Allowed: a remark, a private block.
    let (status, _) = authorize(&client, &base, "443", "10.0.0.0/8", "web").await;
    assert_eq!(status, 200);
    assert_eq!(rules(&client, &base).await.len(), before + 1);
    // Huawei's batch-create is read too: its first rule opens RDP to the world.
    let policy: Value = client.get(format!("{base}/api/policy")).send().await.unwrap().json().await.unwrap();
    assert_eq!(policy["enforced"], true);
    assert_eq!(policy["policy"]["forbid"][0]["ports"], serde_json::json!(["22", "3389"]));

    let j = journal(&client, &base, "").await;
    let entries = j["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "reads are not journalled: {j}");
    // Newest first.
    assert_eq!(entries[0]["status"], 200);
    assert_eq!(entries[0]["summary"], "authorize ingress tcp 443 from 10.0.0.0/8 on g-web00001");
    assert_eq!(entries[2]["status"], 403);
    assert_eq!(entries[2]["code"], "Palisade.PolicyViolation");
    assert_eq!(entries[2]["summary"], "authorize ingress tcp 20-30 from 0.0.0.0/0 on g-web00001");
    for e in entries {
        assert_eq!(e["accessKeyId"], DEMO_ACCESS_KEY);
        assert_eq!(e["changeId"], "change-test-1");
        assert_eq!(e["cloud"], "bce");
        assert_eq!(e["region"], "bj");
        assert_eq!(e["path"], "/v2/securityGroup/g-web00001", "the path without the query (tokens)");
        assert_eq!(e["resources"], serde_json::json!(["g-web00001"]));
        let text = e.to_string();
        assert!(!text.contains(DEMO_SECRET_KEY) && !text.contains("bce-auth-v1"), "no secret, no signature: {text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_policy_stops_serve_with_the_line_and_the_field() {
    let dir = temp_dir("bad-policy");
    std::fs::write(dir.join("policy.toml"), "[[forbid]]\nreason = \"x\"\nports = [\"22\", \"0\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(["serve", "--listen", "127.0.0.1:0", "--state", ":memory:", "--policy", dir.join("policy.toml").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3: forbid[0].ports") && err.contains("\"0\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn the_journal_filters_pages_and_exports_and_records_batches() {
    let dir = temp_dir("read");
    let (_serve, base) = serve(&dir, &["--state", ":memory:"]);
    let client = reqwest::Client::new();
    for port in ["8081", "8082", "8083"] {
        assert_eq!(authorize(&client, &base, port, "10.0.0.0/8", "").await.0, 200);
    }
    // A batch binding names every instance and group.
    let batch = r#"{"instanceIds":["i-web00001","i-web00002"],"securityGroupIds":["g-web00001"],"securityGroupType":"normal"}"#;
    let (status, body) = bce(&client, &base, "PUT", "/v2/securitygroup/bind", &[], batch).await;
    assert!(status == 200 || status == 400, "{status} {body}");
    let j = journal(&client, &base, "resource=i-web00002").await;
    let e = &j["entries"].as_array().unwrap()[0];
    assert_eq!(e["resources"], serde_json::json!(["i-web00001", "i-web00002", "g-web00001"]));
    assert!(e["summary"].as_str().unwrap().starts_with("bind g-web00001 (normal) on 2 instance(s)"), "{e}");
    assert_eq!(e["status"].as_u64().unwrap() as u16, status);

    // Paging: one at a time, newest first, until the cursor runs out.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let q = if cursor.is_empty() {
            "limit=1&resource=g-web00001".to_owned()
        } else {
            format!("limit=1&resource=g-web00001&cursor={cursor}")
        };
        let page = journal(&client, &base, &q).await;
        seen.push(page["entries"][0]["summary"].as_str().unwrap().to_owned());
        match page["next"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 4);
    assert!(seen[1].contains("8083") && seen[3].contains("8081"), "{seen:?}");
    assert_eq!(journal(&client, &base, "cloud=huawei").await["entries"].as_array().unwrap().len(), 0);
    assert_eq!(journal(&client, &base, "since=2999-01-01T00:00:00Z").await["entries"].as_array().unwrap().len(), 0);
    let bad = client.get(format!("{base}/api/journal?cursor=x")).send().await.unwrap();
    assert_eq!(bad.status().as_u16(), 400);

    let csv = client.get(format!("{base}/api/journal?format=csv")).send().await.unwrap();
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("at,cloud,region,access_key_id,method,path,resources,summary,status,code,request_id,change_id\n"));
    assert_eq!(csv.lines().count(), 5);
    let jsonl = client.get(format!("{base}/api/journal?format=jsonl&resource=i-web00001")).send().await.unwrap().text().await.unwrap();
    assert_eq!(jsonl.lines().count(), 1);
    assert!(serde_json::from_str::<Value>(jsonl.lines().next().unwrap()).is_ok());
    // Off means off.
    drop(_serve);
    let (_off, base) = serve(&dir, &["--state", ":memory:", "--journal", "off"]);
    let off = client.get(format!("{base}/api/journal")).send().await.unwrap();
    assert_eq!(off.status().as_u16(), 404);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn off_loopback_the_journal_needs_the_token() {
    use axum::extract::Request;
    use palisade_server::listen::Peer;
    use palisade_server::serve::AppState;
    let dir = temp_dir("token");
    std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
    let emulator =
        std::sync::Arc::new(palisade_emulator::Emulator::open(":memory:", palisade_emulator::Emulator::demo_credentials()).unwrap());
    let mut state = AppState::with_emulator(
        palisade_server::static_files::StaticFiles::load(&dir).unwrap(),
        palisade_server::security_headers::SecurityHeaders::new("'none'").unwrap(),
        Default::default(),
        palisade_emulator::router(emulator),
    );
    state.journal_token = Some("a-token-of-32-characters-or-so!!".into());
    let req = |peer: &str, auth: Option<&str>| {
        let mut r = Request::builder().uri("/api/journal");
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        let mut r = r.body(axum::body::Body::empty()).unwrap();
        r.extensions_mut().insert(Peer(peer.parse().unwrap()));
        r
    };
    let may = |s: &AppState, r: Request| palisade_server::journal_api::may_read(s, &r);
    assert!(may(&state, req("127.0.0.1:5000", None)));
    assert!(may(&state, req("[::1]:5000", None)));
    assert!(!may(&state, req("10.1.2.3:5000", None)));
    assert!(!may(&state, req("10.1.2.3:5000", Some("Bearer wrong"))));
    assert!(!may(&state, req("10.1.2.3:5000", Some("Bearer a-token-of-32-characters-or-so!"))));
    assert!(may(&state, req("10.1.2.3:5000", Some("Bearer a-token-of-32-characters-or-so!!"))));
    state.journal_token = None;
    assert!(!may(&state, req("10.1.2.3:5000", Some("Bearer a-token-of-32-characters-or-so!!"))), "no token given: loopback only");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_loses_no_journalled_change() {
    let dir = temp_dir("crash");
    let state = dir.join("state.sqlite");
    let args = ["--state", state.to_str().unwrap()];
    let (serve1, base) = serve(&dir, &args);
    let client = reqwest::Client::new();
    let acked = Arc::new(Mutex::new(Vec::<u32>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..4u32 {
        let (client, base, acked, stop) = (client.clone(), base.clone(), acked.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut port = 2000 + w;
            while !stop.load(Ordering::Relaxed) && port < 2000 + 4 * 45 {
                let body = format!(r#"{{"rule":{{"protocol":"tcp","portRange":"{port}","direction":"ingress","sourceIp":"10.0.0.0/8"}}}}"#);
                let token = format!("k-{port}");
                let call = console::Call {
                    method: "PUT",
                    region: "bj",
                    path: "/v2/securityGroup/g-web00001",
                    query: &[("authorizeRule", ""), ("clientToken", &token)],
                    body: Some(&body),
                };
                let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
                let mut rb = client
                    .put(format!("{base}/api/bce/bj/v2/securityGroup/g-web00001?authorizeRule&clientToken={token}"))
                    .body(body.clone());
                for (n, v) in console::bce(&call, &keys, palisade_emulator::now()).unwrap() {
                    rb = rb.header(n, v);
                }
                match rb.send().await {
                    Ok(r) if r.status().as_u16() == 200 => acked.lock().unwrap().push(port),
                    Ok(r) => panic!("write {port} answered {}", r.status()),
                    Err(_) => break,
                }
                port += 4;
            }
        }));
    }
    while acked.lock().unwrap().len() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let mut serve1 = serve1;
    serve1.0.kill().unwrap(); // SIGKILL
    serve1.0.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(dir.join("journal.sqlite").exists(), "the journal sits beside the state");
    let (_serve2, base) = serve(&dir, &args);
    let j = journal(&client, &base, "limit=500").await;
    let summaries: Vec<String> = j["entries"].as_array().unwrap().iter().map(|e| e["summary"].as_str().unwrap().to_owned()).collect();
    for p in &acked {
        assert!(summaries.iter().any(|s| s.contains(&format!("tcp {p} from"))), "acknowledged change {p} is not in the journal");
    }
    eprintln!("journal crash test: {} changes acknowledged before kill -9, {} journalled after restart", acked.len(), summaries.len());
    std::fs::remove_dir_all(&dir).ok();
}

/// A temporary PostgreSQL cluster (Debian's, as the `postgres` user when run as root).
struct Postgres {
    dir: std::path::PathBuf,
    bin: std::path::PathBuf,
    port: u16,
}

impl Postgres {
    fn run(&self, tool: &str, args: &[&str]) -> std::process::Output {
        let exe = self.bin.join(tool);
        let root = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false);
        let mut cmd = if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args).output().unwrap()
    }

    fn start() -> Postgres {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("Debian's postgresql (scripts/bootstrap.sh installs it)")
            .filter_map(|e| Some(e.ok()?.path().join("bin")))
            .find(|b| b.join("initdb").exists())
            .expect("initdb");
        let dir = std::env::temp_dir().join(format!("palisade-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let _ = Command::new("chown").args(["postgres:postgres", dir.to_str().unwrap()]).status();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let pg = Postgres { dir, bin, port };
        let data = pg.dir.join("data");
        let out = pg.run("initdb", &["-D", data.to_str().unwrap(), "-U", "postgres", "--auth=trust"]);
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let opts = format!("-p {port} -k {} -c listen_addresses=127.0.0.1", pg.dir.display());
        let log = pg.dir.join("log");
        let out = pg.run("pg_ctl", &["-D", data.to_str().unwrap(), "-o", &opts, "-l", log.to_str().unwrap(), "-w", "start"]);
        assert!(out.status.success(), "pg_ctl start: {}", String::from_utf8_lossy(&out.stderr));
        pg
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.run("pg_ctl", &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn replicas_share_one_journal_in_postgresql() {
    let pg = Postgres::start();
    let url = format!("postgres://postgres@127.0.0.1:{}/postgres", pg.port);
    let dir = temp_dir("pg");
    // Two replicas, one emulator each (their own clouds), one journal.
    let (_a, base_a) = serve(&dir, &["--state", ":memory:", "--journal", &url]);
    let (_b, base_b) = serve(&dir, &["--state", ":memory:", "--journal", &url]);
    let client = reqwest::Client::new();
    assert_eq!(authorize(&client, &base_a, "9001", "10.0.0.0/8", "a").await.0, 200);
    assert_eq!(authorize(&client, &base_b, "9002", "10.0.0.0/8", "b").await.0, 200);
    assert_eq!(authorize(&client, &base_a, "9001", "10.0.0.0/8", "a").await.0, 200, "a retry with the same token");
    for base in [&base_a, &base_b] {
        let j = journal(&client, base, "resource=g-web00001").await;
        let summaries: Vec<&str> = j["entries"].as_array().unwrap().iter().map(|e| e["summary"].as_str().unwrap()).collect();
        assert_eq!(summaries.len(), 3, "{summaries:?}");
        assert!(summaries[1].contains("9002") && summaries[2].contains("9001"), "newest first, across replicas: {summaries:?}");
    }
    let page = journal(&client, &base_b, "limit=2").await;
    let next = page["next"].as_str().unwrap();
    let rest = journal(&client, &base_b, &format!("limit=2&cursor={next}")).await;
    assert_eq!(rest["entries"].as_array().unwrap().len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}
