//! A load generator for the emulator, run as a second process on loopback:
//! `cargo run --profile server -p palisade-server --example load -- http://127.0.0.1:8787 64 10`
//! (base URL, concurrent connections, seconds). Each worker creates its own group, then
//! loops signed list / authorize / revoke calls, so groups never fill up. Prints requests
//! per second and latency percentiles per operation, and exits non-zero on any error.
//! With a fourth argument `static`, against `palisade serve` (base `…/api/bce/bj`), four more workers
//! fetch the console's `/` meanwhile and their latency is printed as `static`: what a
//! write-heavy load does to everything else the server answers.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use palisade_core::sign::console;
use palisade_core::Cloud;
use palisade_emulator::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

/// Signed by the console's own policy (`sign::console::bce`), Host as the proxy sends it.
fn headers(method: &str, path: &str, query: &[(&str, &str)], body: &str) -> Vec<(String, String)> {
    let call = console::Call { method, region: "bj", path, query, body: (!body.is_empty()).then_some(body) };
    let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
    let mut h = vec![("Host".to_owned(), Cloud::Bce.api_host("bj"))];
    h.extend(console::bce(&call, &keys, palisade_emulator::now()).expect("sign"));
    h
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    raw_query: &str,
    body: &str,
) -> Result<String, String> {
    let url = if raw_query.is_empty() { format!("{base}{path}") } else { format!("{base}{path}?{raw_query}") };
    let mut rb = client.request(method.parse().unwrap(), url).body(body.to_owned());
    for (n, v) in headers(method, path, query, body) {
        // Through `palisade serve` the Host is the server's own (it answers to no other
        // name); the proxy sends the cloud's host upstream, the one that was signed.
        if n == "Host" && base.contains("/api/") {
            continue;
        }
        rb = rb.header(n, v);
    }
    let res = rb.send().await.map_err(|e| e.to_string())?;
    let status = res.status();
    let text = res.text().await.map_err(|e| e.to_string())?;
    if status.is_success() {
        Ok(text)
    } else {
        Err(format!("{status}: {text}"))
    }
}

#[derive(Default)]
struct Stats {
    list: Vec<Duration>,
    authorize: Vec<Duration>,
    revoke: Vec<Duration>,
    statics: Vec<Duration>,
    errors: Vec<String>,
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort_unstable();
    v.get(((v.len() as f64 - 1.0) * p) as usize).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:8787".into());
    let conns: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(64);
    let secs: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10);
    let client = reqwest::Client::builder().pool_max_idle_per_host(conns).build().unwrap();
    let stats = Arc::new(Mutex::new(Stats::default()));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for w in 0..conns {
        let (client, base, stats) = (client.clone(), base.clone(), stats.clone());
        tasks.push(tokio::spawn(async move {
            let created = call(&client, &base, "POST", "/v2/securityGroup", &[], "", &format!(r#"{{"name":"load{w}"}}"#)).await;
            let id = match created {
                Ok(t) => serde_json::from_str::<serde_json::Value>(&t).unwrap()["securityGroupId"].as_str().unwrap().to_owned(),
                Err(e) => return stats.lock().unwrap().errors.push(e),
            };
            let path = format!("/v2/securityGroup/{id}");
            let rule = r#"{"rule":{"protocol":"tcp","portRange":"8080","direction":"ingress","sourceIp":"10.0.0.0/8"}}"#;
            while Instant::now() < deadline {
                let t = Instant::now();
                let r = call(&client, &base, "GET", "/v2/securityGroup", &[("maxKeys", "10")], "maxKeys=10", "").await;
                let d = t.elapsed();
                let t = Instant::now();
                // authorizeRule requires a clientToken (seed 004); a fresh one per call.
                let token = uuid::Uuid::new_v4().to_string();
                let query = [("authorizeRule", ""), ("clientToken", token.as_str())];
                let a = call(&client, &base, "PUT", &path, &query, &format!("authorizeRule&clientToken={token}"), rule).await;
                let da = t.elapsed();
                let t = Instant::now();
                let v = call(&client, &base, "PUT", &path, &[("revokeRule", "")], "revokeRule", rule).await;
                let dv = t.elapsed();
                let mut s = stats.lock().unwrap();
                s.list.push(d);
                s.authorize.push(da);
                s.revoke.push(dv);
                for e in [r.err(), a.err(), v.err()].into_iter().flatten() {
                    s.errors.push(e);
                }
            }
        }));
    }
    let probe_static = args.get(4).is_some_and(|a| a == "static");
    if let Some(origin) = base.find("/api/").filter(|_| probe_static).map(|i| base[..i].to_owned()) {
        for _ in 0..4 {
            let (client, origin, stats) = (client.clone(), origin.clone(), stats.clone());
            tasks.push(tokio::spawn(async move {
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let r = client.get(format!("{origin}/")).send().await;
                    let ok = match r {
                        Ok(r) if r.status().is_success() => r.bytes().await.map_err(|e| e.to_string()).map(drop),
                        Ok(r) => Err(format!("static: {}", r.status())),
                        Err(e) => Err(e.to_string()),
                    };
                    let d = t.elapsed();
                    {
                        let mut s = stats.lock().unwrap();
                        s.statics.push(d);
                        if let Err(e) = ok {
                            s.errors.push(e);
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }));
        }
    }
    let start = Instant::now();
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut guard = stats.lock().unwrap();
    let s = &mut *guard;
    let total = s.list.len() + s.authorize.len() + s.revoke.len();
    let mut all: Vec<Duration> = s.list.iter().chain(&s.authorize).chain(&s.revoke).copied().collect();
    println!(
        "load: {conns} connections, {elapsed:.1} s, {total} requests, {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} errors",
        total as f64 / elapsed,
        pct(&mut all, 0.5),
        pct(&mut all, 0.99),
        s.errors.len()
    );
    for (name, v) in [("list", &mut s.list), ("authorize", &mut s.authorize), ("revoke", &mut s.revoke), ("static", &mut s.statics)] {
        let n = v.len();
        if n == 0 {
            continue;
        }
        println!("  {name:<9} {:>7.0} req/s  p50 {:.2} ms  p99 {:.2} ms", n as f64 / elapsed, pct(v, 0.5), pct(v, 0.99));
    }
    if let Some(e) = s.errors.first() {
        eprintln!("first error: {e}");
        std::process::exit(1);
    }
}
