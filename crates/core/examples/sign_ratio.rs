//! Signing cost over its HMAC/SHA floor, as the best of many interleaved rounds: on a
//! shared machine criterion's means move by 20% between runs, and both sides of the
//! ratio must see the same machine. `cargo run -p palisade-core --profile bench --example sign_ratio`

use std::hint::black_box;
use std::time::Instant;

use palisade_core::sign::{bce, huawei};

const ROUNDS: usize = 300;
const PER_ROUND: u32 = 2_000;

/// Nanoseconds per call of `f`, the best round of [`ROUNDS`].
fn best(mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..PER_ROUND {
            f();
        }
        best = best.min(start.elapsed().as_nanos() as f64 / f64::from(PER_ROUND));
    }
    best
}

fn report(name: &str, sign: impl FnMut(), floor: impl FnMut()) {
    let (mut sign, mut floor) = (sign, floor);
    // Interleave the two so that a slow spell of the machine hits both.
    let (mut s, mut f) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        s = s.min(best(&mut sign));
        f = f.min(best(&mut floor));
    }
    println!("{name:<28} sign {s:>7.0} ns   floor {f:>7.0} ns   ratio {:.2}", s / f);
}

#[path = "../benches/typical.rs"]
mod typical;

fn main() {
    let (req, params) = typical::bce_authorize();
    let list = typical::BCE_SIGNED;
    let canonical = bce::sign(&req, &params).unwrap().canonical_request;
    // The Baidu signature's parts, for where the time goes.
    let parts: [(&str, &dyn Fn()); 6] = [
        ("canonical_request", &|| drop(black_box(bce::canonical_request(black_box(&req), black_box(Some(list)))))),
        ("canonical_headers", &|| drop(black_box(bce::canonical_headers(black_box(&req), black_box(Some(list)))))),
        ("canonical_query", &|| drop(black_box(bce::canonical_query(black_box(req.query))))),
        ("canonical_uri", &|| drop(black_box(bce::canonical_uri(black_box(req.path))))),
        ("format_bce", &|| drop(black_box(palisade_core::sign::timestamp::format_bce(black_box(typical::TIMESTAMP))))),
        ("a String allocation", &|| drop(black_box(String::with_capacity(black_box(256))))),
    ];
    for (name, f) in parts {
        println!("  part {name:<22} {:>6.0} ns", best(f));
    }
    report(
        "bce (4 signed headers)",
        || drop(black_box(bce::sign(black_box(&req), black_box(&params)))),
        || drop(black_box(typical::bce_floor(&canonical))),
    );

    let (req, params) = typical::bce_console();
    let canonical = bce::sign(&req, &params).unwrap().canonical_request;
    report(
        "bce (console: host;date)",
        || drop(black_box(bce::sign(black_box(&req), black_box(&params)))),
        || drop(black_box(typical::bce_floor(&canonical))),
    );

    let (req, params) = typical::huawei_update();
    let signature = huawei::sign(&req, &params).unwrap();
    report(
        "huawei (update with body)",
        || drop(black_box(huawei::sign(black_box(&req), black_box(&params)))),
        || drop(black_box(typical::huawei_floor(&signature))),
    );
}
