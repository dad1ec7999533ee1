//! `codegen validate` on every payload fixture of `tests/fixtures/`: the
//! documented exit status (0 valid, 1 invalid) and exactly the expected
//! violations in `--format json`; exit 2 for usage and I/O errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the codegen binary runs")
}

/// (operation, part, payload path, expected (path, rule) pairs)
type Fixture = (String, String, PathBuf, Vec<(String, String)>);

fn fixtures() -> Vec<Fixture> {
    let mut found = Vec::new();
    let root = workspace().join("tests/fixtures");
    for operation in sorted_dirs(&root) {
        for part in sorted_dirs(&operation) {
            let mut payloads: Vec<PathBuf> = std::fs::read_dir(&part)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy();
                    !name.ends_with(".expected.json")
                        && (name.ends_with(".json") || name.ends_with(".bin"))
                })
                .collect();
            payloads.sort();
            for payload in payloads {
                let expected_path = payload.with_extension("expected.json");
                let expected: Vec<serde_json::Value> =
                    serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap())
                        .unwrap();
                let expected = expected
                    .iter()
                    .map(|v| {
                        (
                            v["path"].as_str().unwrap().to_owned(),
                            v["rule"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect();
                found.push((name_of(&operation), name_of(&part), payload, expected));
            }
        }
    }
    found
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_fixture_gets_its_exit_status_and_violations() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 40, "fixtures found: {}", fixtures.len());
    for (operation, part, payload, mut expected) in fixtures {
        let output = codegen(&[
            "validate",
            &operation,
            &part,
            payload.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let report: Vec<serde_json::Value> = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{}: not a JSON array ({e}): {stdout}", payload.display()));
        let mut actual: Vec<(String, String)> = report
            .iter()
            .map(|v| {
                let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
                assert_eq!(keys.len(), 3, "path, rule, message: {v}");
                assert!(!v["message"].as_str().unwrap().is_empty());
                (
                    v["path"].as_str().unwrap().to_owned(),
                    v["rule"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        actual.sort();
        expected.sort();
        assert_eq!(actual, expected, "{}", payload.display());
        let status = if expected.is_empty() { 0 } else { 1 };
        assert_eq!(output.status.code(), Some(status), "{}", payload.display());
    }
}

#[test]
fn stdin_text_output_and_english() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args([
            "validate",
            "demonstrativoPagamentoDetalhe",
            "failure",
            "-",
            "--lang",
            "en",
        ])
        .current_dir(workspace())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"message": "x"}"#)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains(
            "/message: unknown attribute 'message'; did you mean 'mensagem'? [unknown_attribute]"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("/mensagem: mandatory (M) attribute 'mensagem' is missing"),
        "{stdout}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let valid = "tests/fixtures/demonstrativoPagamentoDetalhe/failure/doc_example.json";
    let cases: [&[&str]; 4] = [
        &["validate", "demonstrativoPagamento", "failure", valid],
        &["validate", "criarOcorrencia", "response", valid],
        &[
            "validate",
            "demonstrativoPagamentoDetalhe",
            "failure",
            "no/such/file.json",
        ],
        &["validate", "demonstrativoPagamentoDetalhe", "answer", valid],
    ];
    for args in cases {
        let output = codegen(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let unknown = codegen(cases[0]);
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("did you mean `demonstrativoPagamentoDetalhe`?"));
    let ok = codegen(&[
        "validate",
        "demonstrativoPagamentoDetalhe",
        "failure",
        valid,
    ]);
    assert_eq!(ok.status.code(), Some(0));
}
