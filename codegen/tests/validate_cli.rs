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

/// Runs `codegen` with `stdin`, killing it after 30 s: before the input was
/// bounded, `/dev/zero` was read until memory ran out.
fn codegen_with_stdin(args: &[&str], stdin: std::process::Stdio) -> Output {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(workspace())
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

#[track_caller]
fn assert_too_large(output: &Output, what: &str, limit: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing is checked");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: {what} is larger than {limit}, the most `validate` reads; nothing was \
             checked. Pass --max-bytes BYTES to raise the limit (the generated servers refuse \
             bodies above 2 MiB unless configured otherwise)"
        )
    );
}

#[test]
fn endless_input_stops_at_the_default_limit() {
    let args = ["validate", "criarOcorrencia", "request", "/dev/zero"];
    let started = std::time::Instant::now();
    let output = codegen_with_stdin(&args, std::process::Stdio::null());
    assert_too_large(&output, "/dev/zero", "67108864 bytes (64 MiB)");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));

    let zero = std::fs::File::open("/dev/zero").unwrap();
    let output = codegen_with_stdin(&["validate", "criarOcorrencia", "request"], zero.into());
    assert_too_large(&output, "standard input", "67108864 bytes (64 MiB)");
}

#[test]
fn max_bytes_sets_the_limit_exactly() {
    let payload = "tests/fixtures/demonstrativoPagamentoDetalhe/failure/doc_example.json";
    let size = std::fs::metadata(workspace().join(payload)).unwrap().len();
    let at_limit = size.to_string();
    let below = (size - 1).to_string();
    let args = |limit: &str| -> Vec<String> {
        [
            "validate",
            "demonstrativoPagamentoDetalhe",
            "failure",
            payload,
            "--max-bytes",
            limit,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let run = |limit: &str| {
        let args = args(limit);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        codegen(&args)
    };
    assert_eq!(run(&at_limit).status.code(), Some(0));
    assert_too_large(&run(&below), payload, &format!("{below} bytes"));

    // Standard input too, and --max-bytes 0 is a usage error.
    let file = std::fs::File::open(workspace().join(payload)).unwrap();
    let output = codegen_with_stdin(
        &[
            "validate",
            "demonstrativoPagamentoDetalhe",
            "failure",
            "-",
            "--max-bytes",
            &below,
        ],
        file.into(),
    );
    assert_too_large(&output, "standard input", &format!("{below} bytes"));
    assert_eq!(run("0").status.code(), Some(2));
}

#[test]
fn json_output_says_when_violations_were_left_out() {
    // 1500 unknown attributes: 1000 listed, 500 counted.
    let extra: Vec<String> = (0..1500).map(|i| format!("\"x{i}\": 1")).collect();
    let payload = format!("{{\"mensagem\": \"falhou\", {}}}", extra.join(", "));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("falha.json");
    std::fs::write(&path, payload).unwrap();
    let path = path.to_str().unwrap();
    for (lang, message) in [
        (
            "pt",
            "… e mais 500 não listadas (limite de 1000 por relatório)",
        ),
        ("en", "… and 500 more not listed (at most 1000 per report)"),
    ] {
        let output = codegen(&[
            "validate",
            "demonstrativoPagamentoDetalhe",
            "failure",
            path,
            "--format",
            "json",
            "--lang",
            lang,
        ]);
        assert_eq!(output.status.code(), Some(1));
        let report: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report.len(), 1001);
        assert!(report[..1000]
            .iter()
            .all(|v| v["rule"] == "unknown_attribute" && v.as_object().unwrap().len() == 3));
        assert_eq!(
            report[1000],
            serde_json::json!({
                "path": "",
                "rule": "truncated",
                "message": message,
                "omitted": 500,
            })
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.trim_end(),
            "note: 1500 violations found, 1000 listed; the last element of the array \
             ({\"rule\": \"truncated\", \"omitted\": 500}) counts the rest"
        );
    }
    // The text output says it in its last line, as before.
    let text = codegen(&["validate", "demonstrativoPagamentoDetalhe", "failure", path]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("1500 violações:"), "{}", &stdout[..200]);
    assert!(stdout
        .trim_end()
        .ends_with("… e mais 500 não listadas (limite de 1000 por relatório)"));
}

#[test]
fn help_documents_the_limit_and_the_truncation_marker() {
    let help = codegen(&["validate", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for fragment in [
        "--max-bytes <BYTES>",
        "64 MiB by default",
        "\"rule\": \"truncated\"",
        "\"omitted\": N",
        "payload larger than --max-bytes",
        "Exit status: 0 valid; 1 invalid",
    ] {
        assert!(
            text.contains(fragment),
            "{fragment:?} missing from:\n{text}"
        );
    }
}
