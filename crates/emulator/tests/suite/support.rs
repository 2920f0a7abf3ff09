use std::sync::Arc;

use palisade_core::sign::console;
use palisade_core::Cloud;
use palisade_emulator::{Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

pub struct Running {
    pub base: String,
    pub client: reqwest::Client,
}

/// The emulator with fresh demo state, on a free loopback port.
pub async fn start() -> Running {
    start_shared().await.0
}

/// [`start`], keeping a handle on the emulator to look into its store.
pub async fn start_shared() -> (Running, Arc<Emulator>) {
    let emu = Arc::new(Emulator::open(":memory:", Emulator::demo_credentials()).expect("open"));
    let shared = emu.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, palisade_emulator::router(emu)).await.unwrap() });
    (Running { base, client: reqwest::Client::new() }, shared)
}

pub fn now() -> i64 {
    palisade_emulator::now()
}

/// A request signed as the console signs it (Host = the real API host).
pub struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// Raw query string as sent (`maxKeys=2&marker=g-x`).
    pub query: &'a str,
    pub body: &'a str,
    pub host: &'a str,
    pub ak: &'a str,
    pub sk: &'a str,
    pub timestamp: i64,
}

impl<'a> Call<'a> {
    pub fn get(path: &'a str, query: &'a str) -> Self {
        Self::new("GET", path, query, "")
    }

    pub fn new(method: &'a str, path: &'a str, query: &'a str, body: &'a str) -> Self {
        Self { method, path, query, body, host: "bcc.bj.baidubce.com", ak: DEMO_ACCESS_KEY, sk: DEMO_SECRET_KEY, timestamp: now() }
    }

    /// The headers to send: Host and what the console's signing policy adds
    /// (`sign::console::bce`: Content-Type, Content-MD5, x-bce-date, Authorization).
    pub fn signed_headers(&self) -> Vec<(String, String)> {
        let pairs = palisade_core::sign::encoding::parse_query(self.query).unwrap();
        let q: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let path = palisade_core::sign::encoding::percent_decode(self.path).unwrap();
        let region = Cloud::Bce.region_of_host(self.host).unwrap_or("bj");
        let call =
            console::Call { method: self.method, region, path: &path, query: &q, body: (!self.body.is_empty()).then_some(self.body) };
        let keys = console::Keys { access_key: self.ak, secret_key: self.sk, security_token: None };
        let mut h = vec![("Host".to_owned(), self.host.to_owned())];
        h.extend(console::bce(&call, &keys, self.timestamp).unwrap());
        h
    }

    pub async fn send(&self, run: &Running, headers: Vec<(String, String)>) -> (u16, reqwest::header::HeaderMap, serde_json::Value) {
        let url =
            if self.query.is_empty() { format!("{}{}", run.base, self.path) } else { format!("{}{}?{}", run.base, self.path, self.query) };
        let mut rb = run.client.request(self.method.parse().unwrap(), url).body(self.body.to_owned());
        for (n, v) in headers {
            rb = rb.header(n, v);
        }
        let res = rb.send().await.unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        (status, headers, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }

    pub async fn call(&self, run: &Running) -> (u16, reqwest::header::HeaderMap, serde_json::Value) {
        self.send(run, self.signed_headers()).await
    }
}
