//! `codegen conformance` as a process, against servers on 127.0.0.1 run in
//! the test's own runtime: the example operator (conforms), the mock
//! (conforms), a deliberately broken server (every planted fault reported
//! with its path, exit 1), and no server at all (exit 2).

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use codegen_runtime::server::axum::{self, http::header, routing::post, Router};
use codegen_runtime::server::{ServerConfig, StatusCode};

/// The example operator of `generated/examples/operadora.rs`, as it is.
#[allow(dead_code)]
#[path = "../../generated/examples/operadora.rs"]
mod operadora;

const DETALHE: &str = "/demonstrativoPagamento/detalhe";
const SECRET: &str = "segredo-nunca-impresso-7f3a";

fn workspace_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

/// Serves `router` on a random port of 127.0.0.1 until `rt` is dropped.
fn spawn(rt: &tokio::runtime::Runtime, router: Router) -> SocketAddr {
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(codegen_runtime::server::serve(listener, router).into_future());
    addr
}

fn conformance(addr: SocketAddr, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("conformance")
        .arg("--url")
        .arg(format!("http://{addr}"))
        .args(["--rate", "1000", "--spec"])
        .arg(workspace_spec())
        .args(args)
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains(SECRET)
            && !String::from_utf8_lossy(&output.stderr).contains(SECRET),
        "a --header value was printed"
    );
    output
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_example_operator_conforms() {
    let rt = runtime();
    let addr = spawn(
        &rt,
        mosia_api::demonstrativo_pagamento_detalhe::server::operadora_router(
            operadora::OperadoraExemplo::new(),
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("demonstrativoPagamentoDetalhe");
    std::fs::create_dir(&own).unwrap();
    std::fs::write(
        own.join("quinzena.json"),
        r#"{"chavePagamento": "MS00580", "chaveUnica": "101012"}"#,
    )
    .unwrap();
    let output = conformance(
        addr,
        &[
            "--requests",
            dir.path().to_str().unwrap(),
            "--header",
            &format!("x-api-key: {SECRET}"),
        ],
    );
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(
            "ok   demonstrativoPagamentoDetalhe: the page's example \"Exemplo request\" \
             without its trailing comma -> 200 in"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("quinzena.json -> 200 in"), "{stdout}");
    assert!(stdout.contains("integracao nested -> 200"), "{stdout}");
    // Forbidden requests are refused with 400 and a mensagem: no warning.
    assert!(
        stdout.contains(
            "ok   demonstrativoPagamentoDetalhe: without mandatory chaveUnica (forbidden) -> 400"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(" 0 not conforming, 0 with warnings"),
        "{stdout}"
    );
    // Not a terminal: a plain progress line per request.
    assert!(stderr.contains("[1/"), "{stderr}");

    // A file of --requests DIR that is not a valid request is a usage error.
    std::fs::write(own.join("errado.json"), r#"{"chavePagamento": 1}"#).unwrap();
    let output = conformance(addr, &["--requests", dir.path().to_str().unwrap()]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("errado.json is not a valid request"),
        "{stderr}"
    );
    assert!(stderr.contains("/chaveUnica"), "{stderr}");
}

#[test]
fn the_mock_conforms_also_for_an_operation_mosia_implements() {
    let rt = runtime();
    let api = codegen::loader::load_dir(&workspace_spec()).unwrap();
    let addr = spawn(
        &rt,
        codegen::mock::router(&api, ServerConfig::default()).unwrap(),
    );
    let output = conformance(
        addr,
        &[
            "--operation",
            "demonstrativoPagamentoDetalhe",
            "--operation",
            "criarOcorrencia",
            "--header",
            &format!("Authorization: {SECRET}"),
            "--format",
            "json",
        ],
    );
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let requests = report["requests"].as_array().unwrap();
    assert!(requests
        .iter()
        .any(|r| r["operation"] == "criarOcorrencia" && r["status"] == 200));
    assert!(requests
        .iter()
        .all(|r| r["conforms"] == true && r["warnings"].as_array().unwrap().is_empty()));
    assert_eq!(report["summary"]["failing"], 0);
    // The requests reach objects the page's example leaves out, and the
    // mandatory attributes inside them.
    let names: Vec<&str> = requests
        .iter()
        .filter(|r| r["operation"] == "criarOcorrencia")
        .filter_map(|r| r["name"].as_str())
        .collect();
    for expected in ["every optional object filled", "formularios []"] {
        assert!(names.contains(&expected), "{expected:?} not in {names:#?}");
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("without mandatory formularios[0].")),
        "{names:#?}"
    );
}

#[test]
fn a_slow_answer_is_a_warning_not_a_failure() {
    let rt = runtime();
    let router = Router::new().route(
        DETALHE,
        post(|| async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            (
                [(header::CONTENT_TYPE, "application/json")],
                r#"{"titulo":"Demonstrativo","subtitulo":"2024-08","tituloTotalizador":"Total","valorTotal":1.5,"dataPagamento":"2024-08-01","registros":[]}"#,
            )
        }),
    );
    let addr = spawn(&rt, router);
    let output = conformance(addr, &["--slow", "0.1", "--timeout", "5"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("mais que os 100 ms tolerados (--slow) [slow]"),
        "{stdout}"
    );
}

/// The faults of the broken server, by request: the first answer breaks
/// three rules of the success table, the second is an HTML 500, the third
/// comes after the timeout; every later one is like the first.
fn broken_router() -> Router {
    let calls = Arc::new(AtomicUsize::new(0));
    Router::new().route(
        DETALHE,
        post(move || {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                let json = [(header::CONTENT_TYPE, "application/json")];
                let faulty = r#"{"titulo":"  ","subtitulo":"2024-08","tituloTotalizador":"Mensalidade","valorTotal":"1257.99","dataPagamento":"2024-08-01","registros":[{"titulo":"Outras informações","subtitulo":"Produção do periodo","valorTotal":442.2,"valores":[]}]}"#;
                match n {
                    1 => (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        [(header::CONTENT_TYPE, "text/html")],
                        "<html><body>Internal Server Error</body></html>",
                    )
                        .into_response(),
                    2 => {
                        tokio::time::sleep(Duration::from_secs(2)).await;
                        (StatusCode::OK, json, faulty).into_response()
                    }
                    _ => (StatusCode::OK, json, faulty).into_response(),
                }
            }
        }),
    )
}

use axum::response::IntoResponse as _;

#[test]
fn every_fault_of_a_broken_server_is_reported_with_its_path() {
    let rt = runtime();
    let addr = spawn(&rt, broken_router());
    let output = conformance(addr, &["--timeout", "1"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    for expected in [
        "/titulo: ",
        "[blank]",
        "/valorTotal: ",
        "[type]",
        "/registros/0/subtitulo: ",
        "[unknown_attribute]",
        "-> 500 in",
        "Content-Type \"text/html\": esperava-se application/json [content_type]",
        "(raiz): ",
        "[syntax]",
        "no answer after",
        "nenhuma resposta em 1 s (tempo limite) [timeout]",
        "Failures by rule: ",
        // Forbidden requests accepted with 200: warnings.
        "warning: status 200 para um request que a tabela proíbe",
    ] {
        assert!(stdout.contains(expected), "{expected:?} not in:\n{stdout}");
    }
}

#[test]
fn junit_output_has_a_test_case_per_request() {
    let rt = runtime();
    let addr = spawn(&rt, broken_router());
    let output = conformance(addr, &["--timeout", "1", "--format", "junit"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    let doc = roxmltree::Document::parse(&stdout).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(
        suite.attribute("name"),
        Some("demonstrativoPagamentoDetalhe")
    );
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(
        suite.attribute("tests"),
        Some(cases.len().to_string().as_str())
    );
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
        .map(|f| f.text().unwrap_or_default().to_owned())
        .collect();
    // Every valid request failed; the forbidden ones only warn.
    let valid = cases
        .iter()
        .filter(|c| !c.attribute("name").unwrap().ends_with("(forbidden)"))
        .count();
    assert_eq!(failures.len(), valid, "{stdout}");
    assert_eq!(root.attribute("failures"), Some(valid.to_string().as_str()));
    assert!(failures[0].contains("/registros/0/subtitulo: "), "{stdout}");
    assert!(failures[2].contains("[timeout]"), "{stdout}");
}

#[test]
fn an_endpoint_that_cannot_be_reached_is_exit_2() {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    // The listener is gone: connections are refused.
    let output = conformance(addr, &["--header", &format!("x-api-key: {SECRET}")]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("error: cannot reach http://127.0.0.1:"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_are_exit_2() {
    let addr: SocketAddr = "127.0.0.1:9".parse().unwrap();
    for args in [
        &["--operation", "naoExiste"][..],
        &["--header", "sem-dois-pontos"][..],
        &["--timeout", "0"][..],
    ] {
        let output = conformance(addr, args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {:?}",
            text(&output)
        );
    }
}
