//! kill -9 during a stream of writes: after a restart on the same state file, every
//! acknowledged write is there and nothing is half-applied.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use palisade_core::sign::console;
use palisade_core::Cloud;
use palisade_emulator::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

fn start(state: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(["emulator", "--listen", "127.0.0.1:0", "--state", state])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap().strip_prefix("Palisade emulator: ").unwrap().trim_end_matches('/').to_owned();
    (child, url)
}

/// Signed by the console's own policy, with the Host the proxy would send.
fn signed(method: &str, path: &str, query: &[(&str, &str)], body: &str) -> Vec<(String, String)> {
    let call = console::Call { method, region: "bj", path, query, body: (!body.is_empty()).then_some(body) };
    let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
    let mut h = vec![("Host".to_owned(), Cloud::Bce.api_host("bj"))];
    h.extend(console::bce(&call, &keys, palisade_emulator::now()).unwrap());
    h
}

async fn authorize(client: &reqwest::Client, base: &str, port: u32) -> Result<u16, reqwest::Error> {
    let body = format!(r#"{{"rule":{{"protocol":"tcp","portRange":"{port}","direction":"ingress","sourceIp":"10.0.0.0/8"}}}}"#);
    let token = format!("crash-{port}");
    let q = [("authorizeRule", ""), ("clientToken", token.as_str())];
    let mut rb = client.put(format!("{base}/v2/securityGroup/g-web00001?authorizeRule&clientToken={token}")).body(body.clone());
    for (n, v) in signed("PUT", "/v2/securityGroup/g-web00001", &q, &body) {
        rb = rb.header(n, v);
    }
    Ok(rb.send().await?.status().as_u16())
}

async fn group(client: &reqwest::Client, base: &str) -> serde_json::Value {
    let mut rb = client.get(format!("{base}/v2/securityGroup/g-web00001"));
    for (n, v) in signed("GET", "/v2/securityGroup/g-web00001", &[], "") {
        rb = rb.header(n, v);
    }
    rb.send().await.unwrap().json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_loses_no_acknowledged_write_and_half_applies_nothing() {
    let dir = std::env::temp_dir().join(format!("palisade-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.sqlite").display().to_string();
    let (mut child, base) = start(&state);
    let client = reqwest::Client::new();
    let acked = Arc::new(Mutex::new(Vec::<u32>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    // Four writers, each its own ports, until the process dies under them.
    let mut writers = Vec::new();
    for w in 0..4u32 {
        let (client, base, acked, stop) = (client.clone(), base.clone(), acked.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut port = 1000 + w;
            while !stop.load(Ordering::Relaxed) && port < 1000 + 4 * 45 {
                match authorize(&client, &base, port).await {
                    Ok(200) => acked.lock().unwrap().push(port),
                    Ok(other) => panic!("write {port} answered {other}"),
                    Err(_) => break, // the process is gone
                }
                port += 4;
            }
        }));
    }
    // Let some writes land, then kill -9 in the middle of the stream.
    while acked.lock().unwrap().len() < 30 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 30);

    let (mut child, base) = start(&state);
    let g = group(&client, &base).await;
    let ports: Vec<u32> =
        g["rules"].as_array().unwrap().iter().filter_map(|r| r["portRange"].as_str()?.parse().ok()).filter(|p| *p >= 1000).collect();
    for p in &acked {
        assert!(ports.contains(p), "acknowledged write {p} was lost");
    }
    // Each applied write added one rule and one version, together or not at all.
    assert_eq!(g["sgVersion"].as_i64().unwrap(), 1 + ports.len() as i64, "rules and version disagree: {g}");
    assert!(ports.len() <= acked.len() + 4, "at most one in-flight write per writer may have landed unacknowledged");
    // The fixtures were not loaded twice over the existing state.
    assert_eq!(g["rules"].as_array().unwrap().len(), 3 + ports.len());
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    eprintln!("crash test: {} writes acknowledged before kill -9, {} present after restart", acked.len(), ports.len());
}
