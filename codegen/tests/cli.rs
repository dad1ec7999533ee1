//! The `codegen` binary: exit codes and messages of generate, `--check`,
//! `lint` and broken specs, run on copies of the workspace's spec in
//! temporary directories.

mod cli_support;

use cli_support::{assert_exit, files_under, stderr, stdout};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

fn workspace_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// A temporary workspace: `Cargo.toml` with `[workspace]` and a copy of
/// `spec/`.
fn temp_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    copy_dir(&workspace_spec(), &dir.path().join("spec"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn codegen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(dir)
        // Cargo's variable would point at the real workspace as a fallback.
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .unwrap()
}

#[test]
fn help_explains_commands_and_exit_codes() {
    let output = codegen(Path::new("."), &["--help"]);
    assert_exit(&output, 0);
    let help = stdout(&output);
    for expected in [
        "generate",
        "lint",
        "--check",
        "--spec",
        "--out",
        "Exit status",
        "Examples:",
    ] {
        assert!(help.contains(expected), "missing {expected:?} in\n{help}");
    }
}

#[test]
fn generates_from_a_subdirectory_then_reports_up_to_date() {
    let ws = temp_workspace();
    let subdir = ws.path().join("some/sub/dir");
    fs::create_dir_all(&subdir).unwrap();

    let first = codegen(&subdir, &[]);
    assert_exit(&first, 0);
    let out = ws.path().join("generated/src");
    let files = files_under(&out);
    assert!(files.len() >= 3, "{files:?}");
    assert!(
        stdout(&first).contains(&format!("wrote {} files, 0 unchanged", files.len())),
        "{}",
        stdout(&first)
    );
    // Headers name the spec relative to the workspace root, whatever the
    // current directory was.
    let lib = fs::read_to_string(out.join("lib.rs")).unwrap();
    assert!(
        lib.starts_with("// @generated from spec/ by `cargo run -p codegen`. Do not edit.\n"),
        "{lib}"
    );
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        assert!(
            !text.contains(&*ws.path().to_string_lossy()),
            "absolute path in {}",
            file.display()
        );
    }

    let second = codegen(&subdir, &["generate"]);
    assert_exit(&second, 0);
    assert!(
        stdout(&second).contains(&format!("wrote 0 files, {} unchanged", files.len())),
        "{}",
        stdout(&second)
    );

    for args in [&["--check"][..], &["generate", "--check"]] {
        let check = codegen(ws.path(), args);
        assert_exit(&check, 0);
        assert!(stdout(&check).contains("up to date"), "{}", stdout(&check));
    }
}

#[test]
fn check_names_each_stale_missing_and_extra_file() {
    let ws = temp_workspace();
    assert_exit(&codegen(ws.path(), &[]), 0);
    let out = ws.path().join("generated/src");
    let files = files_under(&out);
    let types = files
        .iter()
        .find(|f| f.ends_with("types.rs"))
        .unwrap()
        .clone();
    let mut edited = fs::read_to_string(&types).unwrap();
    edited.push_str("// hand edit\n");
    fs::write(&types, edited).unwrap();
    fs::remove_file(out.join("lib.rs")).unwrap();
    fs::write(out.join("old.rs"), "// @generated from spec/old.yaml\n").unwrap();
    fs::write(out.join("mine.rs"), "// hand-written, not generated\n").unwrap();

    let check = codegen(ws.path(), &["--check"]);
    assert_exit(&check, 1);
    let err = stderr(&check);
    let relative = types
        .strip_prefix(ws.path())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    assert!(err.contains(&format!("{relative}: stale")), "{err}");
    assert!(err.contains("generated/src/lib.rs: missing"), "{err}");
    assert!(err.contains("generated/src/old.rs: extra"), "{err}");
    assert!(!err.contains("mine.rs"), "{err}");
    assert!(
        err.contains("3 files in generated/src are out of date"),
        "{err}"
    );

    // Regenerating repairs all three and leaves the hand-written file.
    let fix = codegen(ws.path(), &[]);
    assert_exit(&fix, 0);
    assert!(
        stdout(&fix).contains("removed 1 stale file"),
        "{}",
        stdout(&fix)
    );
    assert!(out.join("mine.rs").exists());
    assert_exit(&codegen(ws.path(), &["--check"]), 0);
}

#[test]
fn check_flags_an_interrupted_write_and_generating_completes_it() {
    let ws = temp_workspace();
    assert_exit(&codegen(ws.path(), &[]), 0);
    let out = ws.path().join("generated/src");
    // What a write that failed after its first rename leaves: the journal,
    // and a temporary file still waiting to replace lib.rs.
    fs::write(
        out.join(".lib.rs.77.0.tmp"),
        "// @generated from an interrupted run\n",
    )
    .unwrap();
    fs::write(
        out.join(".codegen-journal"),
        r#"{"renames": [[".lib.rs.77.0.tmp", "lib.rs"]], "removals": []}"#,
    )
    .unwrap();

    let check = codegen(ws.path(), &["--check"]);
    assert_exit(&check, 1);
    let err = stderr(&check);
    assert!(
        err.contains("generated/src/.codegen-journal: journal of an interrupted write"),
        "{err}"
    );

    let fix = codegen(ws.path(), &[]);
    assert_exit(&fix, 0);
    assert!(
        stdout(&fix)
            .contains("completed an interrupted write (1 replaced, 0 removed); then wrote 1 file"),
        "{}",
        stdout(&fix)
    );
    assert!(!out.join(".codegen-journal").exists());
    assert!(!out.join(".lib.rs.77.0.tmp").exists());
    assert_exit(&codegen(ws.path(), &["--check"]), 0);
}

#[test]
fn broken_spec_exits_2_lists_problems_and_writes_nothing() {
    let ws = temp_workspace();
    assert_exit(&codegen(ws.path(), &[]), 0);
    let out = ws.path().join("generated/src");
    let before: Vec<(PathBuf, Vec<u8>, SystemTime)> = files_under(&out)
        .into_iter()
        .map(|f| {
            let old = SystemTime::now() - Duration::from_secs(3600);
            fs::File::options()
                .write(true)
                .open(&f)
                .unwrap()
                .set_modified(old)
                .unwrap();
            let mtime = fs::metadata(&f).unwrap().modified().unwrap();
            (f.clone(), fs::read(&f).unwrap(), mtime)
        })
        .collect();

    // A spec change that would rewrite files, plus a broken spec.
    let spec = ws.path().join("spec");
    let some_spec = files_under(&spec).into_iter().next().unwrap();
    fs::remove_file(&some_spec).unwrap();
    fs::write(spec.join("zz_broken.yaml"), "title: [unclosed\n  - : :\n").unwrap();

    for args in [&[][..], &["--check"], &["lint"]] {
        let output = codegen(ws.path(), args);
        assert_exit(&output, 2);
        let err = stderr(&output);
        assert!(err.contains("spec/zz_broken.yaml"), "{args:?}: {err}");
    }
    for (file, bytes, mtime) in before {
        assert_eq!(
            fs::read(&file).unwrap(),
            bytes,
            "{} changed",
            file.display()
        );
        assert_eq!(
            fs::metadata(&file).unwrap().modified().unwrap(),
            mtime,
            "{} rewritten",
            file.display()
        );
    }
}

#[test]
fn explicit_paths_work_outside_any_workspace() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace_spec(), &dir.path().join("in"));
    let output = codegen(dir.path(), &["--spec", "in", "--out", "out/src"]);
    assert_exit(&output, 0);
    assert!(dir.path().join("out/src/lib.rs").exists());
    assert_exit(
        &codegen(
            dir.path(),
            &["generate", "--check", "--spec", "in", "--out", "out/src"],
        ),
        0,
    );
}

#[test]
fn without_a_workspace_the_defaults_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = codegen(dir.path(), &[]);
    // A usage error: the user has to say where the spec is.
    assert_exit(&output, 2);
    assert!(
        stderr(&output).contains("pass --spec DIR"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_exit(&codegen(Path::new("."), &["--no-such-flag"]), 2);
    assert_exit(&codegen(Path::new("."), &["frobnicate"]), 2);
}

#[test]
fn lint_of_the_workspace_spec_succeeds() {
    let ws = temp_workspace();
    let output = codegen(ws.path(), &["lint"]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("(0 errors) in 2 spec files"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn lint_exits_1_on_an_error_finding() {
    let ws = temp_workspace();
    // Claim that an example which is not JSON has no syntax violation: the
    // spec now contradicts itself, which lint reports as an error.
    let path = ws.path().join("spec/demonstrativo_pagamento_detalhe.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let contradiction =
        "    verdict: invalid\n    violations:\n      - { path: \"\", rule: syntax }\n";
    assert!(
        text.contains(contradiction),
        "the spec changed; update this test"
    );
    fs::write(
        &path,
        text.replacen(contradiction, "    verdict: valid\n", 1),
    )
    .unwrap();

    let output = codegen(ws.path(), &["lint"]);
    assert_exit(&output, 1);
    assert!(
        stdout(&output).contains(
            "error: spec/demonstrativo_pagamento_detalhe.yaml: examples.0: example-expectation"
        ),
        "{}",
        stdout(&output)
    );
    // The IR validator also finds the `syntax` violation the edit denies.
    assert!(
        stdout(&output).contains(
            "error: spec/demonstrativo_pagamento_detalhe.yaml: examples.0: example-mismatch"
        ),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("(2 errors)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn spec_errors_show_the_offending_yaml_line() {
    let ws = temp_workspace();
    let spec = ws.path().join("spec/demonstrativo_pagamento_detalhe.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let bad = text.replacen("format: color", "format: colour", 1);
    assert_ne!(bad, text);
    fs::write(&spec, &bad).unwrap();
    let line = bad
        .lines()
        .position(|l| l.contains("format: colour"))
        .unwrap()
        + 1;

    let output = codegen(ws.path(), &["lint"]);
    assert_exit(&output, 2);
    let err = stderr(&output);
    // The one-line form first (greppable), then the line, underlined.
    assert!(
        err.contains("spec/demonstrativo_pagamento_detalhe.yaml: types.Registro.fields.cor.format: unknown format \"colour\""),
        "{err}"
    );
    assert!(
        err.contains(&format!("demonstrativo_pagamento_detalhe.yaml:{line}:")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{line} |         format: colour")),
        "{err}"
    );
    assert!(err.contains("^^^^^^"), "{err}");
}
