//! Nothing in the spec directory is lost: every entry whose name says it is
//! a spec (`*.yaml`, `*.yml`) is read or reported. A dangling symbolic link,
//! a link loop, a directory or a FIFO with such a name is an error (exit 2,
//! nothing written, nothing removed), through the loader, every subcommand
//! of the CLI and `codegen::Config`. Also the size and nesting bounds of a
//! spec file.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use codegen::diagnostics::{Diagnostic, Location};
use codegen::loader::{load_dir, load_file, load_str, MAX_SPEC_BYTES};

fn workspace_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// A copy of the workspace's spec files in `to`.
fn copy_spec(to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(workspace_spec()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// The kinds of entry that used to be skipped silently, each put at `path`
/// (which does not exist yet), with what its diagnostic must say.
const BROKEN: &[&str] = &["dangling link", "link loop", "directory", "fifo"];

fn make(kind: &str, path: &Path) -> &'static [&'static str] {
    match kind {
        "dangling link" => {
            symlink("nowhere/page.yaml", path).unwrap();
            &["this entry is a dangling symbolic link: its target \"nowhere/page.yaml\" does not exist"]
        }
        "link loop" => {
            symlink(path.file_name().unwrap(), path).unwrap();
            &[
                "this entry is a symbolic link that cannot be followed (to \"",
                "symbolic links",
            ]
        }
        "directory" => {
            fs::create_dir(path).unwrap();
            &["this entry is a directory, not a spec file"]
        }
        "fifo" => {
            mkfifo(path);
            &["this entry is a named pipe (FIFO), not a spec file"]
        }
        other => panic!("unknown kind {other}"),
    }
}

#[track_caller]
fn assert_names(diagnostic: &Diagnostic, entry: &str, fragments: &[&str]) {
    assert!(
        diagnostic.file.ends_with(&format!("/{entry}")),
        "{diagnostic}"
    );
    assert_eq!(diagnostic.location, Location::File, "{diagnostic}");
    for fragment in fragments {
        assert!(
            diagnostic.message.contains(fragment),
            "{fragment:?} missing from: {diagnostic}"
        );
    }
    let help = diagnostic.help.as_deref().unwrap_or_default();
    assert!(
        help == "point the link at a spec file, or remove it"
            || help.starts_with("a spec file must be a regular file (or a link to one): move"),
        "{diagnostic}"
    );
}

// ---------------------------------------------------------------- the loader

#[test]
fn entries_named_like_specs_that_are_not_files_are_errors() {
    for kind in BROKEN {
        let dir = tempfile::tempdir().unwrap();
        copy_spec(dir.path());
        let fragments = make(kind, &dir.path().join("zz_page.yaml"));
        let started = Instant::now();
        let errors = load_dir(dir.path())
            .expect_err(&format!("a {kind} named like a spec is an error"))
            .into_vec();
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{kind}: blocked?"
        );
        assert_eq!(errors.len(), 1, "{kind}: {errors:?}");
        assert_names(&errors[0], "zz_page.yaml", fragments);
    }
}

#[test]
fn every_broken_entry_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    copy_spec(dir.path());
    let mut expected = Vec::new();
    for (index, kind) in BROKEN.iter().enumerate() {
        let name = format!("broken_{index}.yml");
        make(kind, &dir.path().join(&name));
        expected.push(name);
    }
    let errors = load_dir(dir.path()).expect_err("broken entries").into_vec();
    let files: Vec<&str> = errors
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(files, expected);
}

#[test]
fn links_to_directories_say_where_they_point() {
    let dir = tempfile::tempdir().unwrap();
    copy_spec(dir.path());
    fs::create_dir(dir.path().join("pages")).unwrap();
    symlink("pages", dir.path().join("pages.yaml")).unwrap();
    let errors = load_dir(dir.path())
        .expect_err("a link to a directory")
        .into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_names(
        &errors[0],
        "pages.yaml",
        &["this entry is a symbolic link to \"pages\", which is a directory"],
    );
}

#[test]
fn a_link_to_a_spec_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    copy_spec(elsewhere.path());
    for name in [
        "criar_ocorrencia.yaml",
        "demonstrativo_pagamento_detalhe.yaml",
    ] {
        symlink(elsewhere.path().join(name), dir.path().join(name)).unwrap();
    }
    let api = load_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(api.modules.len(), 2);
}

#[test]
fn upper_case_extensions_are_errors_with_the_name_to_use() {
    let dir = tempfile::tempdir().unwrap();
    copy_spec(dir.path());
    fs::rename(
        dir.path().join("criar_ocorrencia.yaml"),
        dir.path().join("criar_ocorrencia.YAML"),
    )
    .unwrap();
    let errors = load_dir(dir.path())
        .expect_err("upper-case extension")
        .into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].file.ends_with("/criar_ocorrencia.YAML"));
    assert!(
        errors[0].message.contains("is not lower-case"),
        "{}",
        errors[0]
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("rename it to \"criar_ocorrencia.yaml\"")
    );
}

#[test]
fn other_names_are_still_not_specs() {
    let dir = tempfile::tempdir().unwrap();
    copy_spec(dir.path());
    fs::create_dir(dir.path().join("drafts")).unwrap();
    symlink("nowhere", dir.path().join("notes.md")).unwrap();
    mkfifo(&dir.path().join("pipe.yaml.bak"));
    assert_eq!(load_dir(dir.path()).unwrap().modules.len(), 2);
}

#[test]
fn load_file_refuses_a_fifo_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.yaml");
    mkfifo(&path);
    // Opening a FIFO for reading blocks until a writer comes: the load runs
    // on a thread, so a regression fails here instead of hanging.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let loaded = load_file(&path).map(|m| m.name).map_err(|e| e.into_vec());
        let _ = sender.send(loaded);
    });
    let errors = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("load_file blocked on the FIFO")
        .expect_err("a FIFO");
    assert!(errors[0].message.contains("named pipe"), "{}", errors[0]);
}

// ---------------------------------------------------------------- size and depth

#[test]
fn spec_files_larger_than_the_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let title = "x".repeat(MAX_SPEC_BYTES);
    fs::write(&path, format!("page:\n  title: {title}\n")).unwrap();
    let started = Instant::now();
    let errors = load_file(&path).expect_err("too large").into_vec();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "the spec file is larger than 8 MiB, the most a spec file may be",
    );
    assert!(errors[0].help.is_some());
    // The same from text.
    let text = format!("page:\n  title: {title}\n");
    let errors = load_str("spec/huge.yaml", &text)
        .expect_err("too large")
        .into_vec();
    assert!(
        errors[0].message.contains("larger than 8 MiB"),
        "{}",
        errors[0]
    );
    // Just under the limit, it is read (a page with a title only loads).
    let title = "x".repeat(MAX_SPEC_BYTES - 100);
    fs::write(&path, format!("page:\n  title: {title}\n")).unwrap();
    let module = load_file(&path).map_err(|e| e.len()).expect("loads");
    assert_eq!(module.title.len(), title.len());
}

#[test]
fn files_that_are_not_utf8_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    fs::write(&path, b"page:\n  title: P\xe1gina\n").unwrap();
    let errors = load_file(&path).expect_err("not UTF-8").into_vec();
    assert!(
        errors[0]
            .message
            .contains("not UTF-8 text (invalid byte at offset 16)"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_deeply_nested_flow_sequence_is_refused_at_once_with_its_line() {
    // 100 000 levels, 200 KB: 50 s of YAML parsing before the pre-scan.
    let depth = 100_000;
    let text = format!(
        "page:\n  title: Deep\ntypes:\n  X: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let started = Instant::now();
    let errors = load_str("spec/deep.yaml", &text)
        .expect_err("too deep")
        .into_vec();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].location,
        Location::LineColumn {
            line: 4,
            column: "  X: ".len() + 128 + 1
        }
    );
    assert_eq!(
        errors[0].to_string(),
        "spec/deep.yaml:4:134: YAML nested too deeply: more than 128 levels of lists and \
         mappings inside each other (the limit for a spec file); a page needs only a few"
    );
}

// ---------------------------------------------------------------- the CLI

/// Runs the binary; one still running after 30 s (`mock` serving a spec
/// that loaded) is killed, and its exit status is then `None`.
fn codegen(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR")
        .stdin(Stdio::null())
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
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Every file under `dir` with its contents.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(d) = pending.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let contents = fs::read(&path).unwrap();
                files.push((path, contents));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_subcommand_stops_with_exit_2_and_nothing_is_written_or_removed() {
    for kind in BROKEN {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        let spec = dir.path().join("spec");
        copy_spec(&spec);
        let generated = codegen(dir.path(), &[]);
        assert_eq!(generated.status.code(), Some(0), "{generated:?}");
        let out = dir.path().join("generated/src");
        let before = tree(&out);
        assert!(before
            .iter()
            .any(|(p, _)| p.ends_with("criar_ocorrencia/types.rs")));

        // The page's spec file is replaced by something unreadable.
        fs::remove_file(spec.join("criar_ocorrencia.yaml")).unwrap();
        let fragments = make(kind, &spec.join("criar_ocorrencia.yaml"));
        for args in [
            &[][..],
            &["--check"],
            &["lint"],
            &["openapi"],
            &["mock", "--addr", "127.0.0.1:0"],
            &["validate", "criarOcorrencia", "request", "Cargo.toml"],
        ] {
            let output = codegen(dir.path(), args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{kind} {args:?}: {stderr}");
            assert!(
                stderr.contains("error: spec/criar_ocorrencia.yaml: this entry is"),
                "{kind} {args:?}: {stderr}"
            );
            for fragment in fragments {
                assert!(stderr.contains(fragment), "{kind} {args:?}: {stderr}");
            }
            assert!(
                !String::from_utf8_lossy(&output.stdout).contains("removed"),
                "{kind} {args:?}"
            );
        }
        assert_eq!(tree(&out), before, "{kind}: generated/src changed");
    }
}

#[test]
fn config_refuses_the_same_entries_and_writes_nothing() {
    for kind in BROKEN {
        let spec = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        copy_spec(spec.path());
        let fragments = make(kind, &spec.path().join("nova_pagina.yaml"));
        let error = codegen::Config::new()
            .spec_dir(spec.path())
            .out_dir(out.path())
            .emit_rerun_if_changed(false)
            .generate()
            .expect_err(kind);
        let text = error.to_string();
        assert!(matches!(error, codegen::config::Error::Spec(_)), "{text}");
        assert!(text.contains("/nova_pagina.yaml: this entry is"), "{text}");
        for fragment in fragments {
            assert!(text.contains(fragment), "{kind}: {text}");
        }
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0, "{kind}");
    }
}
