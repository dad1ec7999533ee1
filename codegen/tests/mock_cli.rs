//! `codegen mock` as a process: it lists what it serves, answers over HTTP,
//! and refuses a spec it cannot serve. (The mock's behaviour request by
//! request is compared with the generated server in `tests/tests/e2e.rs`.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn workspace_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Kills the mock when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn post(addr: &str, path: &str, headers: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serves_the_spec_and_says_what_it_answers() {
    let child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["mock", "--addr", "127.0.0.1:0", "--spec"])
        .arg(workspace_spec())
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = Running(child);
    let stdout = child.0.stdout.take().unwrap();
    let mut banner = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        let done = line.starts_with("Ctrl-C");
        banner.push(line);
        if done {
            break;
        }
    }
    let banner = banner.join("\n");
    assert!(
        banner.contains(
            "POST /demonstrativoPagamento/detalhe (demonstrativoPagamentoDetalhe) -> 200: the \
             page's example \"Exemplo retorno API - sucesso\" without /registros/2/subtitulo"
        ),
        "{banner}"
    );
    assert!(
        banner.contains("POST /clientes/ocorrencias (criarOcorrencia) -> 200: {}"),
        "{banner}"
    );
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in:\n{banner}"))
        .to_owned();

    let json = "Content-Type: application/json\r\n";
    let response = post(
        &addr,
        "/demonstrativoPagamento/detalhe",
        json,
        r#"{"chavePagamento": "MS00579", "chaveUnica": "101012"}"#,
    );
    assert!(response.starts_with("HTTP/1.1 200 "), "{response}");
    assert!(
        response.contains(r#"{"titulo":"Pagamento Mensal","subtitulo":"2024-08""#),
        "{response}"
    );

    let response = post(&addr, "/clientes/ocorrencias", json, "{}");
    assert!(response.starts_with("HTTP/1.1 401 "), "{response}");
    let response = post(
        &addr,
        "/clientes/ocorrencias",
        "Content-Type: application/json\r\nAuthorization: abc\r\n",
        r#"{"idTipoOcorrencia": 1}"#,
    );
    assert!(response.starts_with("HTTP/1.1 400 "), "{response}");
    assert!(
        response.contains(r#""erros":[{"path":"/solicitante","rule":"mandatory""#),
        "{response}"
    );
}

#[test]
fn a_spec_it_cannot_serve_is_refused_before_listening() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    std::fs::create_dir(&spec).unwrap();
    let text = std::fs::read_to_string(workspace_spec().join("criar_ocorrencia.yaml")).unwrap();
    std::fs::write(
        spec.join("criar_ocorrencia.yaml"),
        text.replace("content_type: application/json", "content_type: text/xml"),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["mock", "--addr", "127.0.0.1:0", "--spec"])
        .arg(&spec)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "operations.criarOcorrencia.content_type: content type \"text/xml\" is not JSON"
        ),
        "{stderr}"
    );
}
