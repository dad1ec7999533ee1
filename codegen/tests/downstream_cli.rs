//! The `codegen` binary in a crate of someone else's, as `cargo install
//! --path codegen` gives it: a temporary cargo package outside this
//! repository (under the system's temporary directory), with one page in its
//! `spec/`, and the tool run from inside it with no flag naming the spec.

mod cli_support;

use cli_support::{assert_exit, files_under, stderr, stdout};

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const PAGE: &str = "demonstrativo_pagamento_detalhe.yaml";

/// A package `minha-integracao`: `Cargo.toml` (with `extra` appended),
/// `src/lib.rs`, and `spec/` holding a copy of one page of this repository.
fn downstream_package(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("codegen-downstream-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    // The point is that no workspace of this repository is around it.
    for ancestor in dir.path().ancestors().skip(1) {
        assert!(
            !ancestor.join("Cargo.toml").exists(),
            "{} has a Cargo.toml: the test needs a temporary directory outside any cargo project",
            ancestor.display()
        );
    }
    fs::write(
        dir.path().join("Cargo.toml"),
        format!(
            "[package]\nname = \"minha-integracao\"\nversion = \"0.1.0\"\nedition = \"2021\"\n{extra}"
        ),
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/lib.rs"), "").unwrap();
    fs::create_dir_all(dir.path().join("spec")).unwrap();
    let repository_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    fs::copy(
        repository_spec.join(PAGE),
        dir.path().join("spec").join(PAGE),
    )
    .unwrap();
    dir
}

fn codegen(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().unwrap()
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_codegen"));
    command
        .args(args)
        .current_dir(dir)
        // Cargo's variable points at this repository's codegen package; an
        // installed binary run by hand does not have it.
        .env_remove("CARGO_MANIFEST_DIR")
        .env("RUST_LOG", "off");
    command
}

#[test]
fn lint_validate_and_openapi_use_the_packages_spec_from_any_of_its_directories() {
    let package = downstream_package("");
    let src = package.path().join("src");
    for cwd in [package.path(), src.as_path()] {
        let lint = codegen(cwd, &["lint"]);
        assert_exit(&lint, 0);
        assert!(
            stdout(&lint).contains(&format!("spec/{PAGE}")),
            "lint names the package's page relative to it:\n{}",
            stdout(&lint)
        );

        // A payload file relative to where the user stands.
        fs::write(
            cwd.join("pedido.json"),
            r#"{"chavePagamento": "MS00579", "chaveUnica": "101012"}"#,
        )
        .unwrap();
        let valid = codegen(
            cwd,
            &[
                "validate",
                "demonstrativoPagamentoDetalhe",
                "request",
                "pedido.json",
            ],
        );
        assert_exit(&valid, 0);
        fs::write(cwd.join("vazio.json"), "{}").unwrap();
        let invalid = codegen(
            cwd,
            &[
                "validate",
                "demonstrativoPagamentoDetalhe",
                "request",
                "vazio.json",
                "--format",
                "json",
            ],
        );
        assert_exit(&invalid, 1);
        assert!(
            stdout(&invalid).contains("\"mandatory\""),
            "{}",
            stdout(&invalid)
        );

        let openapi = codegen(cwd, &["openapi"]);
        assert_exit(&openapi, 0);
        let document: serde_json::Value = serde_json::from_slice(&openapi.stdout).unwrap();
        assert!(
            document["paths"]
                .get("/demonstrativoPagamento/detalhe")
                .is_some(),
            "{document:#}"
        );
        // The other page of this repository is not in the package's spec.
        assert_eq!(document["paths"].as_object().unwrap().len(), 1);
    }
    let written = codegen(&src, &["openapi", "--out", "openapi.json"]);
    assert_exit(&written, 0);
    assert!(src.join("openapi.json").is_file());
}

#[test]
fn generate_needs_out_and_then_writes_and_checks_there() {
    let package = downstream_package("");
    let root = package.path();
    let before = files_under(root);

    // No default location: exit 2 (usage), saying what to pass; nothing written.
    for args in [
        &[][..],
        &["generate"],
        &["--check"],
        &["generate", "--check"],
    ] {
        let output = codegen(root, args);
        assert_exit(&output, 2);
        let message = stderr(&output);
        assert!(
            message.contains("is a package, so generated files have no default location")
                && message.contains("pass --out DIR"),
            "{args:?}: {message}"
        );
        assert_eq!(files_under(root), before);
    }

    // From a subdirectory: --out relative to it, the spec still the package's.
    let src = root.join("src");
    let generated = codegen(&src, &["--out", "gerado"]);
    assert_exit(&generated, 0);
    let out = src.join("gerado");
    let files = files_under(&out);
    assert!(out.join("lib.rs").is_file(), "{files:?}");
    assert!(
        out.join("demonstrativo_pagamento_detalhe").is_dir(),
        "{files:?}"
    );
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        assert!(text.starts_with("// @generated"), "{}", file.display());
        assert!(
            !text.contains(&*root.to_string_lossy()),
            "absolute path in {}",
            file.display()
        );
    }
    assert!(
        fs::read_to_string(out.join("demonstrativo_pagamento_detalhe/mod.rs"))
            .unwrap()
            .contains(&format!("spec/{PAGE}")),
        "headers name the spec relative to the package"
    );

    let check = codegen(root, &["generate", "--check", "--out", "src/gerado"]);
    assert_exit(&check, 0);
    assert!(stdout(&check).contains("up to date"), "{}", stdout(&check));

    // A changed spec makes --check fail, saying how to regenerate here.
    let page = root.join("spec").join(PAGE);
    let text = fs::read_to_string(&page).unwrap();
    let changed = text.replacen(
        "Chave de identificação do período selecionado.",
        "Chave do período.",
        1,
    );
    assert_ne!(changed, text);
    fs::write(&page, changed).unwrap();
    let stale = codegen(root, &["--check", "--out", "src/gerado"]);
    assert_exit(&stale, 1);
    assert!(
        stderr(&stale).contains("run the same command without --check to regenerate"),
        "{}",
        stderr(&stale)
    );
    assert_exit(&codegen(root, &["--out", "src/gerado"]), 0);
    assert_exit(&codegen(root, &["--check", "--out", "src/gerado"]), 0);
}

#[test]
fn a_package_that_is_its_own_workspace_is_still_a_package() {
    // The usual way to keep a crate out of an enclosing workspace.
    let package = downstream_package("\n[workspace]\n");
    let output = codegen(package.path(), &["--check"]);
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("pass --out DIR"),
        "{}",
        stderr(&output)
    );
    assert_exit(&codegen(package.path(), &["lint"]), 0);
}

#[test]
fn a_package_without_spec_says_where_it_looked() {
    let package = downstream_package("");
    fs::remove_dir_all(package.path().join("spec")).unwrap();
    let output = codegen(&package.path().join("src"), &["lint"]);
    assert_exit(&output, 2);
    let message = stderr(&output);
    assert!(
        message.contains("found no spec/ directory beside a Cargo.toml")
            && message.contains(&*package.path().to_string_lossy())
            && message.contains("pass --spec DIR"),
        "{message}"
    );
}

#[test]
fn mock_serves_the_packages_spec() {
    let package = downstream_package("");
    let child = command(package.path(), &["mock", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    struct Running(std::process::Child);
    impl Drop for Running {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Running(child);
    let mut banner = Vec::new();
    for line in BufReader::new(child.0.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        let done = line.starts_with("Ctrl-C");
        banner.push(line);
        if done {
            break;
        }
    }
    let banner = banner.join("\n");
    assert!(
        banner.contains("POST /demonstrativoPagamento/detalhe"),
        "{banner}"
    );
    assert!(!banner.contains("criarOcorrencia"), "{banner}");
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in:\n{banner}"))
        .to_owned();
    let body = r#"{"chavePagamento": "MS00579", "chaveUnica": "101012"}"#;
    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /demonstrativoPagamento/detalhe HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200 "), "{response}");
}
