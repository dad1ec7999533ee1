//! The write rules of `output`, including interrupted writes (the
//! `fault` hook makes the Nth rename or removal fail).

use super::journal::{fault, is_temp_name};
use super::*;

fn file(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        relative_path: path.to_owned(),
        contents: format!("{GENERATED_MARKER} from spec/x.yaml. Do not edit.\n{body}\n"),
    }
}

fn old_set() -> Vec<GeneratedFile> {
    vec![
        file("lib.rs", "pub mod a; pub mod gone;"),
        file("a/mod.rs", "mod types;"),
        file("a/types.rs", "pub struct A;"),
        file("gone/mod.rs", "// its spec is deleted next"),
    ]
}

/// Two files changed, one unchanged, one new in a new directory, one gone.
fn new_set() -> Vec<GeneratedFile> {
    vec![
        file("lib.rs", "pub mod a; pub mod b;"),
        file("a/mod.rs", "mod types;"),
        file("a/types.rs", "pub struct A2;"),
        file("b/mod.rs", "pub struct B;"),
    ]
}

/// Every file under `dir`, with its contents, sorted by path.
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![(dir.to_owned(), String::new())];
    while let Some((path, relative)) = pending.pop() {
        for entry in fs::read_dir(&path).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = if relative.is_empty() {
                name
            } else {
                format!("{relative}/{name}")
            };
            if entry.file_type().unwrap().is_dir() {
                pending.push((entry.path(), child));
            } else {
                found.push((child, fs::read_to_string(entry.path()).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// What the directory holds when exactly `files` were written, plus the
/// hand-written file every test keeps there.
fn exactly(files: &[GeneratedFile]) -> Vec<(String, String)> {
    let mut expected: Vec<_> = files
        .iter()
        .map(|f| (f.relative_path.clone(), f.contents.clone()))
        .collect();
    expected.push(("notes.md".to_owned(), "hand-written".to_owned()));
    expected.sort();
    expected
}

fn old_directory() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &old_set()).unwrap();
    fs::write(dir.path().join("notes.md"), "hand-written").unwrap();
    assert_eq!(snapshot(dir.path()), exactly(&old_set()));
    dir
}

/// The journal commit, 3 renames, 1 removal and the journal's removal.
const MUTATIONS: usize = 6;

#[test]
fn a_failure_at_any_step_leaves_the_old_set_or_a_flagged_state_that_the_next_run_completes() {
    let mut flagged_mixes = 0;
    for n in 0..MUTATIONS {
        let dir = old_directory();
        fault::fail_at(Some(n));
        let error = write(dir.path(), &new_set()).unwrap_err();
        fault::fail_at(None);
        assert!(
            error.to_string().contains("injected failure"),
            "{n}: {error}"
        );

        let after_failure = snapshot(dir.path());
        let journal_left = dir.path().join(JOURNAL).exists();
        if journal_left {
            // Whatever mix is on disk, it is flagged, by --check too.
            let statuses = compare(dir.path(), &new_set()).unwrap();
            assert!(
                statuses
                    .iter()
                    .any(|s| s.path == JOURNAL && s.state == FileState::Interrupted),
                "{n}: {statuses:?}"
            );
            assert!(
                error.to_string().contains("generating again completes it"),
                "{error}"
            );
            let visible: Vec<_> = after_failure
                .iter()
                .filter(|(p, _)| !p.ends_with(".tmp") && p != JOURNAL)
                .cloned()
                .collect();
            if visible != exactly(&old_set()) && visible != exactly(&new_set()) {
                flagged_mixes += 1;
            }
        } else {
            // No journal: nothing visible changed, no temporary file left.
            assert_eq!(after_failure, exactly(&old_set()), "{n}: {error}");
        }

        let summary = write(dir.path(), &new_set()).unwrap();
        assert_eq!(summary.recovered.is_some(), journal_left, "{n}: {summary}");
        assert_eq!(snapshot(dir.path()), exactly(&new_set()), "{n}");
        assert!(compare(dir.path(), &new_set())
            .unwrap()
            .iter()
            .all(|s| s.state == FileState::Unchanged));
    }
    // Failures between the first rename and the last removal did leave
    // mixes on disk: the journal is what made them safe.
    assert_eq!(flagged_mixes, 3);
}

#[test]
fn without_a_fault_every_mutation_is_counted() {
    // MUTATIONS is the whole write: failing one step later fails nothing.
    let dir = old_directory();
    fault::fail_at(Some(MUTATIONS));
    write(dir.path(), &new_set()).unwrap();
    fault::fail_at(None);
    assert_eq!(snapshot(dir.path()), exactly(&new_set()));
}

#[test]
fn a_spec_changed_after_the_failure_ends_in_the_newest_set() {
    let dir = old_directory();
    fault::fail_at(Some(2)); // after the first rename
    write(dir.path(), &new_set()).unwrap_err();
    fault::fail_at(None);
    let mut newest = new_set();
    newest[3] = file("b/mod.rs", "pub struct B2;");
    newest.push(file("c/mod.rs", ""));
    let summary = write(dir.path(), &newest).unwrap();
    assert!(summary.recovered.is_some(), "{summary}");
    assert!(
        summary
            .to_string()
            .starts_with("completed an interrupted write ("),
        "{summary}"
    );
    assert_eq!(snapshot(dir.path()), exactly(&newest));
}

#[test]
fn recovery_never_deletes_a_file_that_became_hand_written() {
    let dir = old_directory();
    fault::fail_at(Some(4)); // the removal of gone/mod.rs
    write(dir.path(), &new_set()).unwrap_err();
    fault::fail_at(None);
    fs::write(dir.path().join("gone/mod.rs"), "mine now").unwrap();
    let recovery = recover(dir.path()).unwrap().unwrap();
    assert!(recovery.removed.is_empty(), "{recovery:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("gone/mod.rs")).unwrap(),
        "mine now"
    );
    assert!(!dir.path().join(JOURNAL).exists());
}

#[test]
fn a_journal_naming_paths_outside_the_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for journal in [
        r#"{"renames": [[".x.rs.1.0.tmp", "../escape.rs"]], "removals": []}"#,
        r#"{"renames": [], "removals": ["/etc/passwd"]}"#,
        r#"{"renames": [["notes.md", "lib.rs"]], "removals": []}"#,
        "not json",
    ] {
        fs::write(dir.path().join(JOURNAL), journal).unwrap();
        let error = recover(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("remove the journal and generate again"),
            "{error}"
        );
    }
}

#[test]
fn temporary_files_of_a_run_that_died_before_its_journal_are_removed() {
    let dir = old_directory();
    fs::write(dir.path().join("a/.types.rs.4242.0.tmp"), "half").unwrap();
    fs::write(dir.path().join("..codegen-journal.4242.0.tmp"), "{").unwrap();
    fs::write(dir.path().join(".keep.1.0.tmp"), "not a name of ours").unwrap();
    write(dir.path(), &new_set()).unwrap();
    let mut expected = exactly(&new_set());
    expected.push((".keep.1.0.tmp".to_owned(), "not a name of ours".to_owned()));
    expected.sort();
    assert_eq!(snapshot(dir.path()), expected);
}

#[test]
fn temporary_names() {
    assert!(is_temp_name(".types.rs.123.0.tmp"));
    assert!(is_temp_name("..codegen-journal.1.12.tmp"));
    for name in [
        ".types.rs.x.0.tmp",
        "types.rs.1.0.tmp",
        "..rs.1.0.tmp",
        ".a.md.1.0.tmp",
        ".types.rs.1.tmp",
    ] {
        assert!(!is_temp_name(name), "{name}");
    }
}
