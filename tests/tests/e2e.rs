//! End to end over real sockets on 127.0.0.1 (random ports): the generated
//! client against the generated server for both pages, raw HTTP for what a
//! client would refuse to send, and `codegen mock` answering exactly like the
//! generated server on the payload fixtures.
//!
//! Every server runs in the test's own runtime and stops with it.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codegen_runtime::server::axum::{self, middleware, Router};
use codegen_runtime::server::{ServerConfig, DEFAULT_BODY_LIMIT};
use codegen_runtime::{Decode, Lang};
use mosia_api::criar_ocorrencia::{self as ocorrencia, CriarOcorrencia, Solicitante};
use mosia_api::demonstrativo_pagamento_detalhe::server::{
    Failure, Operadora, RequestContext, StatusCode,
};
use mosia_api::demonstrativo_pagamento_detalhe::{
    self as detalhe, Demonstrativo, DetalheRequest, Falha,
};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const DETALHE: &str = "/demonstrativoPagamento/detalhe";
const OCORRENCIAS: &str = "/clientes/ocorrencias";
const TOKEN: &str = "token-do-cliente-123";

// ---------------------------------------------------------------------------
// Servers

/// Serves `router` on a random port of 127.0.0.1 and counts every request
/// that reaches it, whatever the pipeline then does with it.
async fn spawn(router: Router) -> (SocketAddr, Arc<AtomicUsize>) {
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    let router = router.layer(middleware::from_fn(
        move |request: axum::extract::Request, next: middleware::Next| {
            counter.fetch_add(1, Ordering::SeqCst);
            next.run(request)
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(codegen_runtime::server::serve(listener, router).into_future());
    (addr, requests)
}

fn url(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// The page's success example, made valid (its registro `subtitulo` removed).
fn demonstrativo() -> Demonstrativo {
    let bytes = serde_json::to_vec(&mosia_tests::payloads::doc_response_valid()).unwrap();
    Demonstrativo::from_json_slice(&bytes).unwrap()
}

/// An operator whose behaviour is chosen by `chavePagamento`.
#[derive(Clone, Default)]
struct TestOperadora {
    calls: Arc<AtomicUsize>,
    /// `x-seguranca` of the last call.
    seguranca: Arc<Mutex<Option<String>>>,
}

impl Operadora for TestOperadora {
    async fn demonstrativo_pagamento_detalhe(
        &self,
        context: RequestContext,
        request: DetalheRequest,
    ) -> Result<Demonstrativo, Failure<Falha>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        *self.seguranca.lock().unwrap() = context.header("x-seguranca").map(str::to_owned);
        match request.chave_pagamento.as_str() {
            "MS00579" => Ok(demonstrativo()),
            "LENTO" => {
                tokio::time::sleep(Duration::from_secs(3)).await;
                Ok(demonstrativo())
            }
            "PANICO" => panic!("falha simulada no handler"),
            "INVALIDA" => {
                let mut invalid = demonstrativo();
                invalid.titulo = "  ".to_owned();
                invalid.registros[0].cor = Some("vermelho".to_owned());
                Ok(invalid)
            }
            "FALHA-200" => Err(Failure::new(
                StatusCode::OK,
                Falha {
                    mensagem: "não é falha".to_owned(),
                },
            )),
            "FALHA-EM-BRANCO" => Err(Failure::new(
                StatusCode::CONFLICT,
                Falha {
                    mensagem: String::new(),
                },
            )),
            _ => Err(Failure::new(
                StatusCode::NOT_FOUND,
                Falha {
                    mensagem: "Resumo de cobrança não encontrado!".to_owned(),
                },
            )),
        }
    }
}

/// Stands in for Mosia: acknowledges with `{}` and remembers the token.
#[derive(Clone, Default)]
struct TestMosia {
    calls: Arc<AtomicUsize>,
    authorization: Arc<Mutex<Option<String>>>,
}

impl ocorrencia::server::Mosia for TestMosia {
    async fn criar_ocorrencia(
        &self,
        context: RequestContext,
        _request: CriarOcorrencia,
    ) -> Result<Value, ocorrencia::server::Failure> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        *self.authorization.lock().unwrap() = context.header("authorization").map(str::to_owned);
        Ok(json!({}))
    }
}

/// Both pages' generated servers behind one router.
fn generated_router(config: ServerConfig, operadora: TestOperadora, mosia: TestMosia) -> Router {
    detalhe::server::operadora_routes(operadora, config.clone())
        .merge(ocorrencia::server::mosia_routes(mosia, config))
        .into_router()
}

async fn generated_server() -> (SocketAddr, Arc<AtomicUsize>, TestOperadora, TestMosia) {
    let (operadora, mosia) = (TestOperadora::default(), TestMosia::default());
    let router = generated_router(ServerConfig::default(), operadora.clone(), mosia.clone());
    let (addr, requests) = spawn(router).await;
    (addr, requests, operadora, mosia)
}

fn detalhe_client(addr: SocketAddr) -> detalhe::client::Client {
    detalhe::client::Client::new(url(addr)).unwrap()
}

fn ocorrencia_client(addr: SocketAddr) -> ocorrencia::client::Client {
    ocorrencia::client::Client::builder(url(addr), TOKEN)
        .build()
        .unwrap()
}

fn detalhe_request(chave_pagamento: &str) -> DetalheRequest {
    DetalheRequest {
        chave_pagamento: chave_pagamento.to_owned(),
        chave_unica: "101012".to_owned(),
        integracao: None,
    }
}

fn ocorrencia_request() -> CriarOcorrencia {
    CriarOcorrencia {
        id_tipo_ocorrencia: 12,
        solicitante: Solicitante {
            nome: "Everson".to_owned(),
            chave_unica: "everson@mobilesaude.com.br".to_owned(),
            email: None,
            telefone: Some("27997981966".to_owned()),
        },
        numero_contrato: None,
        id_assunto: None,
        rascunho: Some(false),
        beneficiario: None,
        formularios: None,
        anotacao: Some("Segunda via do boleto".to_owned()),
    }
}

// ---------------------------------------------------------------------------
// Raw HTTP

struct Answer {
    status: u16,
    content_type: Option<String>,
    allow: Option<String>,
    body: Value,
}

async fn raw(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Answer {
    let client = reqwest::Client::new();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = client.request(method, format!("{}{path}", url(addr)));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.body(body).send().await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &reqwest::header::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let (content_type, allow) = (header("content-type"), header("allow"));
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    Answer {
        status,
        content_type,
        allow,
        body,
    }
}

async fn post_json(addr: SocketAddr, path: &str, auth: bool, body: Vec<u8>) -> Answer {
    let mut headers = vec![("content-type", "application/json")];
    if auth {
        headers.push(("authorization", TOKEN));
    }
    raw(addr, "POST", path, &headers, body).await
}

/// The `mensagem` of an error body, which must be the only other member
/// besides `erros`.
fn mensagem(answer: &Answer) -> &str {
    let object = answer.body.as_object().expect("an error body is an object");
    assert!(
        object.keys().all(|k| k == "mensagem" || k == "erros"),
        "{}",
        answer.body
    );
    object["mensagem"].as_str().expect("mensagem is a string")
}

/// `(path, rule)` of each item of `erros`, sorted.
fn erros(answer: &Answer) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = answer.body["erros"]
        .as_array()
        .expect("erros is an array")
        .iter()
        .map(|e| {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
            (
                e["path"].as_str().unwrap().to_owned(),
                e["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

// ---------------------------------------------------------------------------
// Client against server

#[tokio::test]
async fn client_and_server_agree_on_success_for_both_pages() {
    let (addr, requests, operadora, mosia) = generated_server().await;

    let headers = codegen_runtime::client::Headers::new()
        .with("X-Seguranca", "sessao-do-beneficiario")
        .unwrap();
    let response = detalhe_client(addr)
        .demonstrativo_pagamento_detalhe_with(&detalhe_request("MS00579"), &headers)
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.body(), &demonstrativo());
    assert_eq!(
        operadora.seguranca.lock().unwrap().as_deref(),
        Some("sessao-do-beneficiario")
    );

    let response = ocorrencia_client(addr)
        .criar_ocorrencia(&ocorrencia_request())
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.body(), &json!({}));
    assert_eq!(mosia.authorization.lock().unwrap().as_deref(), Some(TOKEN));

    assert_eq!(requests.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failure_reaches_the_client_with_its_status_and_body() {
    let (addr, _, _, _) = generated_server().await;
    let error = detalhe_client(addr)
        .demonstrativo_pagamento_detalhe(&detalhe_request("NAO-EXISTE"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        error.failure(),
        Some(&Falha {
            mensagem: "Resumo de cobrança não encontrado!".to_owned()
        })
    );

    // The same over raw HTTP: the body is exactly the page's failure shape.
    let answer = post_json(
        addr,
        DETALHE,
        false,
        br#"{"chavePagamento": "NAO-EXISTE", "chaveUnica": "101012"}"#.to_vec(),
    )
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        answer.body,
        json!({"mensagem": "Resumo de cobrança não encontrado!"})
    );
}

#[tokio::test]
async fn an_invalid_request_is_refused_by_the_client_unsent_and_by_the_server_in_full() {
    let (addr, requests, operadora, _) = generated_server().await;
    let invalid = DetalheRequest {
        chave_pagamento: "   ".to_owned(),
        chave_unica: String::new(),
        integracao: None,
    };
    let error = detalhe_client(addr)
        .demonstrativo_pagamento_detalhe(&invalid)
        .await
        .unwrap_err();
    let report = error
        .report()
        .expect("an invalid request carries its report");
    let client_pairs: Vec<(String, String)> = mosia_tests::report_pairs(report);
    assert_eq!(
        client_pairs,
        [
            ("/chavePagamento".to_owned(), "blank".to_owned()),
            ("/chaveUnica".to_owned(), "blank".to_owned())
        ]
    );
    assert!(!error.may_have_reached_server());
    assert_eq!(requests.load(Ordering::SeqCst), 0, "nothing may be sent");

    // The same bytes, sent anyway, are refused by the server with the same
    // violations and messages.
    let answer = post_json(addr, DETALHE, false, serde_json::to_vec(&invalid).unwrap()).await;
    assert_eq!(answer.status, 400);
    assert!(mensagem(&answer).contains("2 violações"), "{}", answer.body);
    assert_eq!(answer.body["erros"], report.to_json(Lang::Pt));
    assert_eq!(erros(&answer), client_pairs);
    assert_eq!(requests.load(Ordering::SeqCst), 1);
    assert_eq!(
        operadora.calls.load(Ordering::SeqCst),
        0,
        "the handler never runs"
    );
}

#[tokio::test]
async fn every_violation_of_a_raw_body_is_listed() {
    let (addr, _, _, mosia) = generated_server().await;
    let body = br#"{"idTipoOcorrencia": "1", "solicitante": {"nome": "", "Email": "x"}, "rascunho": "true", "formularios": [{"idForm": 1.5}]}"#;
    let answer = post_json(addr, OCORRENCIAS, true, body.to_vec()).await;
    assert_eq!(answer.status, 400);
    let expected: Vec<(String, String)> = [
        ("/formularios/0/formData", "mandatory"),
        ("/formularios/0/idForm", "type"),
        ("/idTipoOcorrencia", "type"),
        ("/rascunho", "type"),
        ("/solicitante/Email", "unknown_attribute"),
        ("/solicitante/chaveUnica", "mandatory"),
        ("/solicitante/nome", "blank"),
    ]
    .iter()
    .map(|(p, r)| (p.to_string(), r.to_string()))
    .collect();
    assert_eq!(erros(&answer), expected);
    assert!(mensagem(&answer).contains("7 violações"), "{}", answer.body);
    assert_eq!(mosia.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_missing_or_blank_mandatory_header_is_401() {
    let (addr, _, _, mosia) = generated_server().await;
    let body = serde_json::to_vec(&ocorrencia_request()).unwrap();
    for headers in [
        vec![("content-type", "application/json")],
        vec![
            ("content-type", "application/json"),
            ("authorization", "  "),
        ],
    ] {
        let answer = raw(addr, "POST", OCORRENCIAS, &headers, body.clone()).await;
        assert_eq!(answer.status, 401);
        assert_eq!(
            mensagem(&answer),
            "Header obrigatório 'Authorization' ausente ou em branco: envie-o com token de \
             autenticação do cliente."
        );
    }
    // The header is checked before the body: even an invalid body gets 401.
    let answer = raw(addr, "POST", OCORRENCIAS, &[], b"not json".to_vec()).await;
    assert_eq!(answer.status, 401);
    assert_eq!(mosia.calls.load(Ordering::SeqCst), 0);

    // demonstrativoPagamentoDetalhe marks no header mandatory.
    let answer = post_json(
        addr,
        DETALHE,
        false,
        serde_json::to_vec(&detalhe_request("MS00579")).unwrap(),
    )
    .await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn a_body_above_the_limit_is_413() {
    // The default limit, 2 MiB: one byte more is refused, exactly 2 MiB is read.
    let (addr, _, operadora, _) = generated_server().await;
    let answer = post_json(addr, DETALHE, false, vec![b' '; DEFAULT_BODY_LIMIT + 1]).await;
    assert_eq!(answer.status, 413);
    assert_eq!(
        mensagem(&answer),
        "Corpo da requisição grande demais: o limite deste servidor é 2097152 bytes."
    );
    let mut padded = serde_json::to_vec(&detalhe_request("MS00579")).unwrap();
    padded.resize(DEFAULT_BODY_LIMIT, b' ');
    let answer = post_json(addr, DETALHE, false, padded).await;
    assert_eq!(answer.status, 200);
    assert_eq!(operadora.calls.load(Ordering::SeqCst), 1);

    // A configured limit, also for a chunked body (no Content-Length).
    let router = generated_router(
        ServerConfig::new().body_limit(64),
        TestOperadora::default(),
        TestMosia::default(),
    );
    let (addr, _) = spawn(router).await;
    let answer = post_json(addr, DETALHE, false, vec![b' '; 65]).await;
    assert_eq!(answer.status, 413);
    assert!(mensagem(&answer).contains("64 bytes"));

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let chunk = " ".repeat(40);
    let request = format!(
        "POST {DETALHE} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
         28\r\n{chunk}\r\n28\r\n{chunk}\r\n0\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 413 "), "{response}");
    assert!(
        response.contains(r#"{"mensagem":"Corpo da requisição grande demais"#),
        "{response}"
    );
}

#[tokio::test]
async fn a_content_type_other_than_json_is_415() {
    let (addr, _, operadora, _) = generated_server().await;
    let body = serde_json::to_vec(&detalhe_request("MS00579")).unwrap();
    for (headers, expected) in [
        (vec![], 415),
        (vec![("content-type", "text/plain")], 415),
        (vec![("content-type", "application/xml")], 415),
        (
            vec![("content-type", "application/json; charset=iso-8859-1")],
            415,
        ),
        (
            vec![("content-type", "application/json; charset=utf-8")],
            200,
        ),
        (
            vec![("content-type", "Application/JSON;charset=UTF-8")],
            200,
        ),
    ] {
        let answer = raw(addr, "POST", DETALHE, &headers, body.clone()).await;
        assert_eq!(answer.status, expected, "{headers:?}: {}", answer.body);
        if expected == 415 {
            assert!(
                mensagem(&answer).contains("Content-Type: application/json"),
                "{}",
                answer.body
            );
        }
    }
    assert_eq!(operadora.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn unknown_paths_and_methods_get_json_errors() {
    let (addr, _, _, _) = generated_server().await;
    let answer = post_json(
        addr,
        "/demonstrativoPagamento/detalhes",
        false,
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(answer.status, 404);
    assert_eq!(
        mensagem(&answer),
        "Caminho '/demonstrativoPagamento/detalhes' não encontrado. Este servidor atende: POST \
         /clientes/ocorrencias, POST /demonstrativoPagamento/detalhe."
    );
    let answer = raw(addr, "GET", DETALHE, &[], Vec::new()).await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.allow.as_deref(), Some("POST"));
    assert!(mensagem(&answer).contains("use POST"), "{}", answer.body);
}

#[tokio::test]
async fn percent_encoded_paths_match_no_endpoint() {
    let (addr, _, operadora, _) = generated_server().await;
    let body = serde_json::to_vec(&detalhe_request("MS00579")).unwrap();
    // `%2F` is not a separator and `%64` is not a `d`: neither reaches the
    // handler, whatever it decodes to.
    for path in [
        "/demonstrativoPagamento%2Fdetalhe",
        "/%64emonstrativoPagamento/detalhe",
    ] {
        let answer = post_json(addr, path, true, body.clone()).await;
        assert_eq!(answer.status, 404, "{path}: {}", answer.body);
        assert_eq!(
            mensagem(&answer),
            format!(
                "Caminho '{path}' não encontrado. Este servidor atende: POST \
                 /clientes/ocorrencias, POST /demonstrativoPagamento/detalhe."
            )
        );
    }
    assert_eq!(operadora.calls.load(Ordering::SeqCst), 0);
    let answer = post_json(addr, DETALHE, true, body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(operadora.calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_slow_server_runs_into_the_clients_timeout() {
    let (addr, _, operadora, _) = generated_server().await;
    let client = detalhe::client::Client::builder(url(addr))
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .demonstrativo_pagamento_detalhe(&detalhe_request("LENTO"))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.may_have_reached_server());
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    assert_eq!(operadora.calls.load(Ordering::SeqCst), 1);
    // The same client, on a quick call, is fine.
    client
        .demonstrativo_pagamento_detalhe(&detalhe_request("MS00579"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_panicking_handler_gives_500_and_the_server_keeps_serving() {
    let (addr, _, operadora, _) = generated_server().await;
    let client = detalhe_client(addr);
    let error = client
        .demonstrativo_pagamento_detalhe(&detalhe_request("PANICO"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    let answer = post_json(
        addr,
        DETALHE,
        false,
        br#"{"chavePagamento": "PANICO", "chaveUnica": "1"}"#.to_vec(),
    )
    .await;
    assert_eq!(answer.status, 500);
    assert!(
        mensagem(&answer).starts_with("Erro interno"),
        "{}",
        answer.body
    );
    assert!(!answer.body.to_string().contains("falha simulada"));

    let response = client
        .demonstrativo_pagamento_detalhe(&detalhe_request("MS00579"))
        .await
        .unwrap();
    assert_eq!(response.body(), &demonstrativo());
    assert_eq!(operadora.calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_non_conforming_answer_is_never_sent() {
    let (addr, _, _, _) = generated_server().await;
    for chave in ["INVALIDA", "FALHA-200", "FALHA-EM-BRANCO"] {
        let body = serde_json::to_vec(&detalhe_request(chave)).unwrap();
        let answer = post_json(addr, DETALHE, false, body).await;
        assert_eq!(answer.status, 500, "{chave}");
        let text = mensagem(&answer);
        assert!(text.starts_with("Erro interno"), "{chave}: {text}");
        assert!(!answer.body.to_string().contains("vermelho"));
    }
    // The client reports it as a failure of the server.
    let error = detalhe_client(addr)
        .demonstrativo_pagamento_detalhe(&detalhe_request("INVALIDA"))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
}

// ---------------------------------------------------------------------------
// The mock answers like the generated server

/// An operator and a Mosia answering every valid request with what the mock
/// answers: the page's example (made valid) and `{}`.
#[derive(Clone)]
struct LikeTheMock {
    demonstrativo: Demonstrativo,
}

impl Operadora for LikeTheMock {
    async fn demonstrativo_pagamento_detalhe(
        &self,
        _: RequestContext,
        _: DetalheRequest,
    ) -> Result<Demonstrativo, Failure<Falha>> {
        Ok(self.demonstrativo.clone())
    }
}

impl ocorrencia::server::Mosia for LikeTheMock {
    async fn criar_ocorrencia(
        &self,
        _: RequestContext,
        _: CriarOcorrencia,
    ) -> Result<Value, ocorrencia::server::Failure> {
        Ok(json!({}))
    }
}

/// A request sent to both servers: name, path, headers, body.
type Case = (
    String,
    &'static str,
    Vec<(&'static str, &'static str)>,
    Vec<u8>,
);

#[tokio::test]
async fn the_mock_answers_like_the_generated_server() {
    let api = mosia_tests::load_api();
    let answers = codegen::mock::answers(&api).unwrap();
    let example = answers
        .iter()
        .find(|a| a.operation == "demonstrativoPagamentoDetalhe")
        .unwrap();
    let like_the_mock = LikeTheMock {
        demonstrativo: Demonstrativo::from_json_slice(&example.body).unwrap(),
    };
    let config = ServerConfig::new().body_limit(16 * 1024);
    let generated = detalhe::server::operadora_routes(like_the_mock.clone(), config.clone())
        .merge(ocorrencia::server::mosia_routes(
            like_the_mock,
            config.clone(),
        ))
        .into_router();
    let (generated, _) = spawn(generated).await;
    let (mock, _) = spawn(codegen::mock::router(&api, config).unwrap()).await;

    let mut cases: Vec<Case> = Vec::new();
    let json = ("content-type", "application/json");
    let auth = ("authorization", TOKEN);
    let fixtures: Vec<_> = mosia_tests::fixtures()
        .into_iter()
        .filter(|f| f.part == codegen::ir::Part::Request)
        .collect();
    assert!(fixtures.len() >= 30, "{}", fixtures.len());
    for fixture in &fixtures {
        let path = if fixture.operation == "criarOcorrencia" {
            OCORRENCIAS
        } else {
            DETALHE
        };
        cases.push((fixture.id(), path, vec![json, auth], fixture.bytes.clone()));
    }
    let valid = serde_json::to_vec(&ocorrencia_request()).unwrap();
    cases.push((
        "no Authorization".into(),
        OCORRENCIAS,
        vec![json],
        valid.clone(),
    ));
    cases.push((
        "blank Authorization".into(),
        OCORRENCIAS,
        vec![json, ("authorization", " ")],
        valid.clone(),
    ));
    cases.push((
        "text/plain".into(),
        OCORRENCIAS,
        vec![("content-type", "text/plain"), auth],
        valid.clone(),
    ));
    cases.push(("no Content-Type".into(), DETALHE, vec![], b"{}".to_vec()));
    cases.push((
        "latin1".into(),
        DETALHE,
        vec![("content-type", "application/json; charset=latin1")],
        b"{}".to_vec(),
    ));
    cases.push((
        "too large".into(),
        DETALHE,
        vec![json],
        vec![b' '; 16 * 1024 + 1],
    ));
    cases.push((
        "unknown path".into(),
        "/clientes/ocorrencia",
        vec![json, auth],
        valid.clone(),
    ));

    let mut statuses = std::collections::BTreeSet::new();
    for (name, path, headers, body) in &cases {
        let from_generated = raw(generated, "POST", path, headers, body.clone()).await;
        let from_mock = raw(mock, "POST", path, headers, body.clone()).await;
        assert_eq!(
            (from_mock.status, &from_mock.body),
            (from_generated.status, &from_generated.body),
            "{name}: the mock and the generated server disagree"
        );
        assert_eq!(
            from_mock.content_type, from_generated.content_type,
            "{name}"
        );
        statuses.insert(from_mock.status);
    }
    // Every fixture got the answer its expectation calls for.
    for fixture in &fixtures {
        let path = if fixture.operation == "criarOcorrencia" {
            OCORRENCIAS
        } else {
            DETALHE
        };
        let answer = post_json(mock, path, true, fixture.bytes.clone()).await;
        if fixture.is_valid() {
            assert_eq!(answer.status, 200, "{}", fixture.id());
        } else {
            assert_eq!(answer.status, 400, "{}", fixture.id());
            assert_eq!(erros(&answer), fixture.expected, "{}", fixture.id());
        }
    }
    let covered: Vec<u16> = statuses.into_iter().collect();
    assert_eq!(covered, [200, 400, 401, 404, 413, 415]);
    assert_eq!(
        raw(mock, "GET", DETALHE, &[], Vec::new()).await.body,
        raw(generated, "GET", DETALHE, &[], Vec::new()).await.body
    );
}
