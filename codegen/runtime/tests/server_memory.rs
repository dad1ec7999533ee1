//! The body budget holds: 400 connections on 127.0.0.1 each announce a
//! 2 MiB body (the default limit), send 2,000,000 bytes of it and stall,
//! and the process's resident memory (`VmRSS`, Linux) stays under a bound
//! set by the budget, not by what the clients announce or send (before the
//! budget: 28 MB → 1,025 MB; now a growth of 47 to 60 MB for a budget of
//! 32 MiB, under the bound of 2 × budget + 24 KiB per connection + 16 MiB,
//! 93 MB). Alone in its file: it measures the whole process.
//!
//! `cargo test -p codegen-runtime --features server --test server_memory`

#![cfg(all(feature = "server", target_os = "linux"))]

use std::future::IntoFuture;
use std::sync::Arc;
use std::time::{Duration, Instant};

use codegen_runtime::server::{serve, Endpoint, Method, Reply, Routes, ServerConfig, StatusCode};
use codegen_runtime::Report;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Resident memory of this process, in bytes.
fn rss() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kib: usize = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib * 1024
}

const MIB: usize = 1024 * 1024;
const CONNECTIONS: usize = 400;
const BUDGET: usize = 32 * MIB;
const HEADER_BYTES: usize = 16 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_hundred_stalled_near_limit_bodies_stay_within_the_body_budget() {
    let config = ServerConfig::new()
        .body_budget(BUDGET)
        .max_header_bytes(HEADER_BYTES)
        .body_read_timeout(Duration::from_secs(3))
        .max_connections(1000);
    let router = Routes::new(config.clone())
        .endpoint(
            Endpoint::new("eco", Method::POST, "/eco"),
            |_: &[u8]| Ok::<(), Report>(()),
            |_, ()| async { Reply::json(StatusCode::OK, b"{}".to_vec()) },
        )
        .try_into_router()
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, router).config(config).into_future());

    let before = rss();
    let head: Arc<[u8]> = format!(
        "POST /eco HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        2 * MIB
    )
    .into_bytes()
    .into();
    let body: Arc<[u8]> = vec![b' '; 2_000_000].into();
    let started = Instant::now();
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (head, body) = (Arc::clone(&head), Arc::clone(&body));
            tokio::spawn(async move {
                let stream = TcpStream::connect(addr).await.unwrap();
                let (mut read, mut write) = stream.into_split();
                let writing = async move {
                    write.write_all(&head).await?;
                    for piece in body.chunks(64 * 1024) {
                        write.write_all(piece).await?;
                    }
                    // Stall: keep the connection open without the rest.
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    Ok::<_, std::io::Error>(write)
                };
                let reading = async move {
                    let mut answer = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while let Ok(n @ 1..) = read.read(&mut chunk).await {
                        answer.extend_from_slice(&chunk[..n]);
                    }
                    let answer = String::from_utf8_lossy(&answer).into_owned();
                    answer.split(' ').nth(1).map(str::to_owned)
                };
                tokio::select! {
                    status = reading => status,
                    _ = writing => None,
                }
            })
        })
        .collect();

    // Sample while the bodies arrive and stall, until the body-read
    // timeout answers the admitted ones.
    let mut peak = 0;
    while started.elapsed() < Duration::from_millis(3500) {
        peak = peak.max(rss());
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let mut statuses = std::collections::BTreeMap::<String, usize>::new();
    for client in clients {
        let status = tokio::time::timeout(Duration::from_secs(10), client)
            .await
            .expect("every client answered or closed")
            .unwrap()
            .unwrap_or_else(|| "none".to_owned());
        *statuses.entry(status).or_default() += 1;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let after = rss();
    // What may be held: the budget, as much again of freed memory the
    // allocator keeps (measured: 0.4 to 0.8 times the budget), hyper's
    // buffer of every connection (its headers limit and 8 KiB), and 16 MiB
    // for the rest (runtime, tasks, the clients' side).
    let bound = 2 * BUDGET + CONNECTIONS * (HEADER_BYTES + 8 * 1024) + 16 * MIB;
    eprintln!(
        "{CONNECTIONS} stalled bodies of 2,000,000 of {} bytes, budget {} MiB: RSS {} MB before, \
         peak {} MB (growth {} MB, bound {} MB), {} MB after; answers {statuses:?}",
        2 * MIB,
        BUDGET / MIB,
        before / 1_000_000,
        peak / 1_000_000,
        (peak - before) / 1_000_000,
        bound / 1_000_000,
        after / 1_000_000,
    );
    assert!(peak - before < bound, "peak {peak}, before {before}");
    assert!(
        statuses.get("503").copied().unwrap_or(0) > CONNECTIONS / 2,
        "most are refused for the budget: {statuses:?}"
    );
    assert!(
        statuses.get("408").copied().unwrap_or(0) >= 1,
        "the admitted ones time out: {statuses:?}"
    );
}
