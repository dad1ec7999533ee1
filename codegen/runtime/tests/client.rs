//! The client plumbing against a tiny HTTP/1.1 server on 127.0.0.1 (a raw
//! `TcpListener`, so that every byte of the exchange is under the test's
//! control), through the generated clients of `mosia-api`: what is sent
//! (headers, body), how each kind of answer is mapped, that an invalid
//! request never leaves, timeouts, limits, and that credentials never show.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use codegen_runtime::client::{Error, Headers, StatusCode, Transport};
use codegen_runtime::serde_json::{json, Value};
use codegen_runtime::Lang;
use mosia_api::criar_ocorrencia::{self, CriarOcorrencia, Solicitante};
use mosia_api::demonstrativo_pagamento_detalhe::{self as detalhe, DetalheRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// One request as the server read it.
#[derive(Debug)]
struct Recorded {
    method: String,
    path: String,
    /// Lowercase names, in order.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        codegen_runtime::serde_json::from_slice(&self.body).unwrap()
    }
}

/// What the server answers.
#[derive(Clone)]
enum Answer {
    /// Status line, extra header lines, body (with a `Content-Length`).
    Http(&'static str, &'static str, String),
    /// A body without `Content-Length`, delimited by closing the connection.
    UntilClose(&'static str, String),
    /// Read the request, then say nothing for this long.
    Silence(Duration),
}

fn ok_json(status: &'static str, body: impl Into<String>) -> Answer {
    Answer::Http(status, "content-type: application/json\r\n", body.into())
}

/// A server that answers every connection with `answer`, handing over the
/// first request it reads; and the number of connections it accepted.
async fn server(answer: Answer) -> (String, oneshot::Receiver<Recorded>, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = oneshot::channel();
    let connections = Arc::new(AtomicUsize::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        let mut sender = Some(sender);
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            count.fetch_add(1, Ordering::SeqCst);
            let recorded = handle(stream, answer.clone()).await;
            if let (Some(sender), Some(recorded)) = (sender.take(), recorded) {
                let _ = sender.send(recorded);
            }
        }
    });
    (base_url, receiver, connections)
}

async fn handle(mut stream: TcpStream, answer: Answer) -> Option<Recorded> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let path = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let recorded = Recorded {
        method,
        path,
        headers,
        body,
    };
    let response = match answer {
        Answer::Http(status, extra, body) => format!(
            "HTTP/1.1 {status}\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        ),
        Answer::UntilClose(status, body) => {
            format!("HTTP/1.1 {status}\r\nconnection: close\r\n\r\n{body}")
        }
        Answer::Silence(duration) => {
            tokio::time::sleep(duration).await;
            String::new()
        }
    };
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
    Some(recorded)
}

fn ocorrencia() -> CriarOcorrencia {
    CriarOcorrencia {
        id_tipo_ocorrencia: 12,
        solicitante: Solicitante {
            nome: "Everson".into(),
            chave_unica: "everson@mobilesaude.com.br".into(),
            email: None,
            telefone: Some("27997981966".into()),
        },
        numero_contrato: None,
        id_assunto: None,
        rascunho: Some(false),
        beneficiario: None,
        formularios: None,
        anotacao: Some("Segunda via do boleto".into()),
    }
}

fn mosia(base_url: &str) -> criar_ocorrencia::client::Client {
    criar_ocorrencia::client::Client::builder(
        criar_ocorrencia::client::BASE_URL,
        "token-do-cliente",
    )
    .base_url(base_url)
    .build()
    .unwrap()
}

fn detalhe_request() -> DetalheRequest {
    DetalheRequest {
        chave_pagamento: "MS00579".into(),
        chave_unica: "101012".into(),
        integracao: None,
    }
}

const DEMONSTRATIVO: &str = r##"{
  "titulo": "Pagamento Mensal", "subtitulo": "2024-08", "tituloTotalizador": "Mensalidade",
  "valorTotal": 1257.99, "dataPagamento": "2024-08-01",
  "registros": [{"titulo": "Créditos", "cor": "#FF0000", "valorTotal": 442.1,
                 "valores": [{"codigo": "101", "descricao": "Produção", "valor": 12029.8}]}]
}"##;

#[tokio::test]
async fn criar_ocorrencia_sends_the_token_and_the_body_and_returns_undocumented_json() {
    let (url, request, _) = server(ok_json(
        "201 Created",
        r#"{"id": 9876, "protocolo": "A-1"}"#,
    ))
    .await;
    let response = mosia(&url).criar_ocorrencia(&ocorrencia()).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.body(), &json!({"id": 9876, "protocolo": "A-1"}));
    assert_eq!(response.headers()["content-type"], "application/json");

    let request = request.await.unwrap();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/clientes/ocorrencias");
    assert_eq!(request.header("authorization"), Some("token-do-cliente"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert!(request
        .header("user-agent")
        .unwrap()
        .starts_with("codegen-runtime/"));
    assert_eq!(
        request.json(),
        json!({
            "idTipoOcorrencia": 12,
            "solicitante": {"nome": "Everson", "chaveUnica": "everson@mobilesaude.com.br",
                            "telefone": "27997981966"},
            "rascunho": false,
            "anotacao": "Segunda via do boleto"
        })
    );
}

#[tokio::test]
async fn an_empty_undocumented_success_is_null_and_a_non_json_one_is_invalid() {
    let (url, _, _) = server(Answer::Http("204 No Content", "", String::new())).await;
    let response = mosia(&url).criar_ocorrencia(&ocorrencia()).await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(response.into_inner(), Value::Null);

    let (url, _, _) = server(Answer::Http("200 OK", "", "criada".to_owned())).await;
    let error = mosia(&url)
        .criar_ocorrencia(&ocorrencia())
        .await
        .unwrap_err();
    let Error::InvalidResponse {
        status,
        report,
        body,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*status, StatusCode::OK);
    assert_eq!(report.iter().next().unwrap().rule().code(), "syntax");
    assert_eq!(&body[..], b"criada");
    assert!(error.may_have_reached_server());
}

#[tokio::test]
async fn an_invalid_request_lists_every_violation_and_is_never_sent() {
    let (url, _, connections) = server(ok_json("201 Created", "{}")).await;
    let mut invalid = ocorrencia();
    invalid.solicitante.nome = "  ".into();
    invalid.solicitante.chave_unica = String::new();
    let error = mosia(&url).criar_ocorrencia(&invalid).await.unwrap_err();
    let Error::InvalidRequest(report) = &error else {
        panic!("{error:?}")
    };
    let pairs: Vec<(&str, &str)> = report.iter().map(|v| (v.path(), v.rule().code())).collect();
    assert_eq!(
        pairs,
        [
            ("/solicitante/nome", "blank"),
            ("/solicitante/chaveUnica", "blank")
        ]
    );
    assert!(!error.may_have_reached_server());
    assert!(error
        .to_string()
        .starts_with("requisição inválida, nada foi enviado"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 0, "nothing may be sent");
}

#[tokio::test]
async fn an_error_status_without_a_documented_body_keeps_status_mensagem_and_body() {
    let (url, _, _) = server(ok_json(
        "422 Unprocessable Entity",
        r#"{"mensagem": "Tipo de ocorrência inativo", "codigo": 3}"#,
    ))
    .await;
    let error = mosia(&url)
        .criar_ocorrencia(&ocorrencia())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    assert_eq!(error.mensagem(), Some("Tipo de ocorrência inativo"));
    let failure = error.failure().unwrap();
    assert!(failure.body.starts_with(br#"{"mensagem""#));
    assert_eq!(
        error.to_string(),
        "o servidor respondeu 422 Unprocessable Entity: Tipo de ocorrência inativo"
    );

    let (url, _, _) = server(Answer::Http("502 Bad Gateway", "", "<h1>502</h1>".into())).await;
    let error = mosia(&url)
        .criar_ocorrencia(&ocorrencia())
        .await
        .unwrap_err();
    assert_eq!(error.mensagem(), None);
    assert_eq!(&error.failure().unwrap().body[..], b"<h1>502</h1>");
}

#[tokio::test]
async fn operator_endpoint_decodes_the_documented_success_and_failure() {
    let (url, request, _) = server(ok_json("200 OK", DEMONSTRATIVO)).await;
    let static_headers =
        Headers::from_pairs([("X-Integracao", "abc"), ("X-Token", "t-1")]).unwrap();
    let client = detalhe::client::Client::builder(format!("{url}/mobilesaude/"))
        .headers(static_headers)
        .build()
        .unwrap();
    let login = Headers::new()
        .with("X-Sessao", "sessao-42")
        .unwrap()
        .with("x-token", "t-2")
        .unwrap();
    let response = client
        .demonstrativo_pagamento_detalhe_with(&detalhe_request(), &login)
        .await
        .unwrap();
    assert_eq!(response.titulo, "Pagamento Mensal");
    assert_eq!(response.registros[0].valores[0].codigo, "101");

    let request = request.await.unwrap();
    assert_eq!(request.path, "/mobilesaude/demonstrativoPagamento/detalhe");
    assert_eq!(request.header("x-integracao"), Some("abc"));
    assert_eq!(request.header("x-sessao"), Some("sessao-42"));
    // The call's header replaces the client's of the same name, once.
    assert_eq!(request.header("x-token"), Some("t-2"));
    assert_eq!(
        request
            .headers
            .iter()
            .filter(|(n, _)| n == "x-token")
            .count(),
        1
    );
    assert_eq!(
        request.json(),
        json!({"chavePagamento": "MS00579", "chaveUnica": "101012"})
    );

    let (url, _, _) = server(ok_json(
        "404 Not Found",
        r#"{"mensagem": "Resumo de cobrança não encontrado!"}"#,
    ))
    .await;
    let client = detalhe::client::Client::new(url).unwrap();
    let error = client
        .demonstrativo_pagamento_detalhe(&detalhe_request())
        .await
        .unwrap_err();
    let Error::Failure { status, body } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*status, StatusCode::NOT_FOUND);
    assert_eq!(body.mensagem, "Resumo de cobrança não encontrado!");
    assert_eq!(error.mensagem(), Some("Resumo de cobrança não encontrado!"));
}

#[tokio::test]
async fn an_operator_answer_that_breaks_the_page_is_reported_in_full() {
    let body = r#"{"Titulo": "x", "subtitulo": "", "tituloTotalizador": "T", "valorTotal": 1,
                   "dataPagamento": "01/08/2024", "registros": []}"#;
    let (url, _, _) = server(ok_json("200 OK", body)).await;
    let client = detalhe::client::Client::new(url).unwrap();
    let error = client
        .demonstrativo_pagamento_detalhe(&detalhe_request())
        .await
        .unwrap_err();
    let report = error.report().unwrap();
    assert_eq!(
        report
            .pairs()
            .iter()
            .map(|(p, r)| (p.as_str(), r.code()))
            .collect::<Vec<_>>(),
        [
            ("/Titulo", "unknown_attribute"),
            ("/dataPagamento", "format"),
            ("/subtitulo", "blank"),
            ("/titulo", "mandatory"),
        ]
    );
    assert!(matches!(
        error,
        Error::InvalidResponse {
            status: StatusCode::OK,
            ..
        }
    ));

    // An error status whose body is not the documented `Falha`.
    let (url, _, _) = server(Answer::Http("500 Internal Server Error", "", "oops".into())).await;
    let client = detalhe::client::Client::new(url).unwrap();
    let error = client
        .demonstrativo_pagamento_detalhe(&detalhe_request())
        .await
        .unwrap_err();
    let Error::UnexpectedResponse { status, body } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(&body[..], b"oops");
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let (url, _, connections) = server(Answer::Http(
        "303 See Other",
        "location: /elsewhere\r\n",
        String::new(),
    ))
    .await;
    let error = mosia(&url)
        .criar_ocorrencia(&ocorrencia())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::UnexpectedResponse {
                status: StatusCode::SEE_OTHER,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error
        .to_string()
        .contains("redirecionamentos não são seguidos"));
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_silent_server_times_out_and_the_request_may_have_been_processed() {
    let (url, _, connections) = server(Answer::Silence(Duration::from_secs(10))).await;
    let client =
        criar_ocorrencia::client::Client::builder(criar_ocorrencia::client::BASE_URL, "token")
            .base_url(url)
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap();
    let started = std::time::Instant::now();
    let error = client.criar_ocorrencia(&ocorrencia()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.may_have_reached_server());
    assert!(
        error
            .to_string()
            .starts_with("tempo esgotado esperando a resposta"),
        "{error}"
    );
    // Sent once: no retry.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refused_connection_sent_nothing() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = mosia(&url)
        .criar_ocorrencia(&ocorrencia())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Communication(_)), "{error:?}");
    assert!(!error.may_have_reached_server());
    let text = error.in_lang(Lang::En).to_string();
    assert!(
        text.starts_with("cannot connect, nothing was sent"),
        "{text}"
    );
}

#[tokio::test]
async fn answers_over_the_limit_are_not_read() {
    let big = format!(r#"{{"x": "{}"}}"#, "a".repeat(10_000));
    for answer in [
        ok_json("200 OK", big.clone()),
        Answer::UntilClose("200 OK", big.clone()),
    ] {
        let (url, _, _) = server(answer).await;
        let client =
            criar_ocorrencia::client::Client::builder(criar_ocorrencia::client::BASE_URL, "token")
                .base_url(url)
                .max_response_size(1024)
                .build()
                .unwrap();
        let error = client.criar_ocorrencia(&ocorrencia()).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::ResponseTooLarge {
                    status: StatusCode::OK,
                    limit: 1024
                }
            ),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output() {
    let (url, _, _) = server(ok_json("200 OK", "{}")).await;
    let client = criar_ocorrencia::client::Client::builder(
        criar_ocorrencia::client::BASE_URL,
        "tok-SECRET-123",
    )
    .base_url(&url)
    .header("X-Chave", "chave-SECRET-456")
    .build()
    .unwrap();
    let debug = format!("{client:?} {:?} {:#?}", client.transport(), client);
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(
        debug.contains("authorization") && debug.contains("x-chave"),
        "{debug}"
    );

    // A bad token is reported by name, without its value.
    let error =
        criar_ocorrencia::client::Client::new(criar_ocorrencia::client::BASE_URL, "tok-SECRET\n")
            .unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(
        !text.contains("SECRET") && text.contains("Authorization"),
        "{text}"
    );
}

#[tokio::test]
async fn a_bare_transport_works_with_hand_written_types() {
    use codegen_runtime::client::{Endpoint, Method, UndocumentedFailure};
    use codegen_runtime::{Decode, Validate};

    #[derive(Debug, serde::Serialize, Decode, Validate)]
    struct Pedido {
        nome: String,
    }
    #[derive(Debug, serde::Serialize, Decode, Validate)]
    struct Resposta {
        ok: bool,
    }

    let (url, request, _) = server(ok_json("200 OK", r#"{"ok": true}"#)).await;
    let transport = Transport::builder(url).build().unwrap();
    const ENDPOINT: Endpoint = Endpoint::new(Method::PUT, "/pedidos");
    let response = transport
        .send::<_, Resposta, UndocumentedFailure>(
            &ENDPOINT,
            &Pedido { nome: "x".into() },
            &Headers::new(),
        )
        .await
        .unwrap();
    assert!(response.ok);
    let request = request.await.unwrap();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/pedidos")
    );
    assert_eq!(request.header("authorization"), None);
}

/// The README's "Calling an endpoint" example is the doctest of
/// `codegen_runtime::client` (which compiles), less its hidden lines.
#[test]
fn readme_example_is_the_compiled_doctest() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let section = readme.split("### Calling an endpoint").nth(1).unwrap();
    let readme_code = section
        .split("```rust\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();

    let module = include_str!("../src/client/mod.rs");
    let doctest: String = module
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .skip_while(|l| *l != "```no_run")
        .skip(1)
        .take_while(|l| *l != "```")
        .filter(|l| !l.starts_with("# ") && *l != "#")
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(readme_code, doctest);
}
