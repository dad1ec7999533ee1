//! The router as a whole: which endpoint sets cannot be routed, and, over
//! HTTP on 127.0.0.1, what each request path and method reaches.

use std::net::SocketAddr;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;
use crate::Report;

fn accept(_: &[u8]) -> Result<(), Report> {
    Ok(())
}

async fn answer(_: RequestContext, (): ()) -> Reply {
    Reply::json(StatusCode::OK, b"{}".to_vec())
}

#[test]
fn route_errors() {
    let routes = || Routes::new(ServerConfig::default());
    let error = routes()
        .endpoint(Endpoint::new("a", Method::POST, "/x"), accept, answer)
        .endpoint(Endpoint::new("b", Method::POST, "/x"), accept, answer)
        .try_into_router()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "operations `a` and `b` are both served at POST /x"
    );
    for endpoint in [
        Endpoint::new("a", Method::POST, "x"),
        Endpoint::new("a", Method::POST, "/x?y"),
        Endpoint::new("a", Method::POST, "/x").mandatory_header("bad header", "x"),
        Endpoint::new("a", Method::POST, "/x").content_type("text/plain"),
    ] {
        assert!(routes()
            .endpoint(endpoint, accept, answer)
            .try_into_router()
            .is_err());
    }
    assert!(routes()
        .endpoint(Endpoint::new("a", Method::POST, "/x"), accept, answer)
        .endpoint(Endpoint::new("b", Method::GET, "/x"), accept, answer)
        .try_into_router()
        .is_ok());
    // One path as sent: `ç` can only arrive percent-encoded.
    let error = routes()
        .endpoint(Endpoint::new("a", Method::POST, "/aç"), accept, answer)
        .endpoint(Endpoint::new("b", Method::POST, "/a%C3%A7"), accept, answer)
        .try_into_router()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "operations `a` and `b` are both served at POST /a%C3%A7"
    );
}

/// `endpoints` served on 127.0.0.1 (port chosen by the system).
async fn serve(endpoints: &[(Method, &str)]) -> SocketAddr {
    let mut routes = Routes::new(ServerConfig::default());
    for (index, (method, path)) in endpoints.iter().enumerate() {
        let endpoint = Endpoint::new(format!("op{index}"), method.clone(), *path);
        routes = routes.endpoint(endpoint, accept, answer);
    }
    let router = routes.try_into_router().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { super::serve(listener, router).await.unwrap() });
    addr
}

struct Answer {
    status: u16,
    allow: Option<String>,
    /// `Null` when there is none (`HEAD`).
    body: Value,
}

impl Answer {
    fn mensagem(&self) -> &str {
        self.body["mensagem"].as_str().unwrap_or_default()
    }
}

/// Sends `method target` with a `{}` JSON body, exactly as written (no
/// client library normalizes the target).
async fn send(addr: SocketAddr, method: &str, target: &str) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: 2\r\nConnection: close\r\n\r\n{{}}"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let allow = head
        .lines()
        .find_map(|line| line.strip_prefix("allow: "))
        .map(str::to_owned);
    let body = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(body).unwrap()
    };
    Answer {
        status,
        allow,
        body,
    }
}

#[tokio::test]
async fn percent_encoded_paths_match_no_endpoint() {
    let addr = serve(&[(Method::POST, "/demonstrativoPagamento/detalhe")]).await;
    assert_eq!(
        send(addr, "POST", "/demonstrativoPagamento/detalhe")
            .await
            .status,
        200
    );
    for target in [
        "/demonstrativoPagamento%2Fdetalhe",
        "/demonstrativoPagamento%2fdetalhe",
        "/%64emonstrativoPagamento/detalhe",
        "/demonstrativoPagamento/detalh%65",
        "/demonstrativoPagamento%2Fdetalhe/",
    ] {
        let answer = send(addr, "POST", target).await;
        assert_eq!(answer.status, 404, "{target}: {}", answer.body);
        assert_eq!(
            answer.mensagem(),
            format!(
                "Caminho '{target}' não encontrado. Este servidor atende: POST \
                 /demonstrativoPagamento/detalhe."
            )
        );
    }
}

#[tokio::test]
async fn other_methods_of_a_known_path_get_405_with_allow() {
    let addr = serve(&[
        (Method::POST, "/x"),
        (Method::PUT, "/x"),
        (Method::GET, "/y"),
        (Method::from_bytes(b"PURGE").unwrap(), "/z"),
    ])
    .await;
    let answer = send(addr, "GET", "/x").await;
    assert_eq!(
        (answer.status, answer.allow.as_deref()),
        (405, Some("POST, PUT"))
    );
    assert_eq!(
        answer.mensagem(),
        "Método GET não permitido em /x: use POST ou PUT."
    );
    assert_eq!(send(addr, "PUT", "/x").await.status, 200);
    // Only the declared methods are served: not `HEAD` for a `GET`.
    assert_eq!(send(addr, "GET", "/y").await.status, 200);
    let answer = send(addr, "HEAD", "/y").await;
    assert_eq!((answer.status, answer.allow.as_deref()), (405, Some("GET")));
    // Extension methods are routed too.
    assert_eq!(send(addr, "PURGE", "/z").await.status, 200);
    let answer = send(addr, "OPTIONS", "/z").await;
    assert_eq!(
        (answer.status, answer.allow.as_deref()),
        (405, Some("PURGE"))
    );
    assert_eq!(
        send(addr, "PURGE", "/x").await.allow.as_deref(),
        Some("POST, PUT")
    );
}

#[tokio::test]
async fn every_valid_endpoint_path_is_a_literal_served_as_a_url_sends_it() {
    let addr = serve(&[
        (Method::POST, "/"),
        (Method::POST, "/:id"),
        (Method::POST, "/*"),
        (Method::POST, "/x/*rest"),
        (Method::POST, "/{id}"),
        (Method::POST, "/{{x}}"),
        (Method::POST, "/aç"),
        (Method::POST, "/a%20b"),
        (Method::POST, "/a//b"),
        (Method::POST, "/b/"),
    ])
    .await;
    for target in [
        "/",
        "/:id",
        "/*",
        "/x/*rest",
        "/%7Bid%7D",
        "/%7B%7Bx%7D%7D",
        "/a%C3%A7",
        "/a%20b",
        "/a//b",
        "/b/",
    ] {
        let answer = send(addr, "POST", target).await;
        assert_eq!(answer.status, 200, "{target}: {}", answer.body);
    }
    // No capture, no catch-all, no other spelling.
    for target in [
        "/7",
        "/:other",
        "/x/y",
        "/%7Bother%7D",
        "/a%c3%a7",
        "/a%2520b",
        "/b",
    ] {
        let answer = send(addr, "POST", target).await;
        assert_eq!(answer.status, 404, "{target}: {}", answer.body);
    }
}

#[tokio::test]
async fn a_router_without_endpoints_says_so() {
    let addr = serve(&[]).await;
    let answer = send(addr, "POST", "/x").await;
    assert_eq!(answer.status, 404);
    assert_eq!(
        answer.mensagem(),
        "Caminho '/x' não encontrado. Este servidor atende: nenhum endpoint."
    );
}
