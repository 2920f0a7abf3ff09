//! The accept loop's limits over raw sockets: a header deadline that also closes idle
//! kept-alive connections, and a cap on open connections under which newcomers wait.

use std::time::{Duration, Instant};

use palisade_server::listen::Limits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::serve;

fn get(addr: &str) -> String {
    format!("GET /index.html HTTP/1.1\r\nHost: {addr}\r\n\r\n")
}

/// Reads until the server closes the connection (`Ok(bytes)`) or `within` passes (`Err`).
async fn read_to_close(s: &mut TcpStream, within: Duration) -> Result<Vec<u8>, ()> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline.into(), s.read(&mut buf)).await {
            Err(_) => return Err(()),
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(out),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Reads until a whole answer to `GET /index.html` (its body ends the file) has arrived.
async fn read_answer(s: &mut TcpStream, within: Duration) -> Option<String> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + within;
    while !String::from_utf8_lossy(&out).ends_with("</title>") {
        match tokio::time::timeout_at(deadline.into(), s.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => out.extend_from_slice(&buf[..n]),
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

#[tokio::test]
async fn silent_trickling_and_idle_connections_are_closed_at_the_header_deadline() {
    let addr = serve(Limits { header_timeout: Duration::from_millis(400), max_connections: 64 }).await;
    let started = Instant::now();
    // Connects and sends nothing.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    // Sends its headers a byte every 50 ms: each byte is "progress", the deadline is not.
    let mut trickling = TcpStream::connect(&addr).await.unwrap();
    let head = get(&addr);
    let trickle = tokio::spawn(async move {
        for b in head.as_bytes() {
            if trickling.write_all(&[*b]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        read_to_close(&mut trickling, Duration::from_secs(5)).await
    });
    // Asks once, keeps the connection open, then goes quiet.
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    idle.write_all(get(&addr).as_bytes()).await.unwrap();
    let answer = read_answer(&mut idle, Duration::from_secs(2)).await.expect("the first request is answered");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    assert_eq!(read_to_close(&mut silent, Duration::from_secs(5)).await, Ok(Vec::new()), "a silent client is closed, unanswered");
    let trickled = trickle.await.unwrap().expect("a trickling client is closed");
    assert!(!String::from_utf8_lossy(&trickled).contains(" 200 "), "its request was never served");
    let rest = read_to_close(&mut idle, Duration::from_secs(5)).await.expect("an idle kept-alive connection is closed");
    assert!(!String::from_utf8_lossy(&rest).contains(" 200 "));
    println!("silent, trickling and idle connections closed {:?} after connecting (header timeout 400 ms)", started.elapsed());
}

#[tokio::test]
async fn over_the_connection_cap_newcomers_wait_for_room_and_are_then_served() {
    let addr = serve(Limits { header_timeout: Duration::from_secs(30), max_connections: 4 }).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(&addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await; // all four accepted
                                                          // The kernel completes the handshake (backlog), but the server does not take it up.
    let mut fifth = TcpStream::connect(&addr).await.unwrap();
    fifth.write_all(get(&addr).as_bytes()).await.unwrap();
    assert_eq!(read_answer(&mut fifth, Duration::from_millis(500)).await, None, "no room: the fifth waits");
    drop(held.pop());
    let answer = read_answer(&mut fifth, Duration::from_secs(5)).await.expect("served once a connection closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
