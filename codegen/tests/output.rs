//! Writing and checking an output directory: only changed files are
//! rewritten, stale generated files go, hand-written files stay, and check
//! mode names every difference.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use codegen::emit::GeneratedFile;
use codegen::output::{self, FileState, FileStatus};

fn file(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        relative_path: path.to_owned(),
        contents: format!("// @generated from spec/x.yaml. Do not edit.\n{body}\n"),
    }
}

fn files() -> Vec<GeneratedFile> {
    vec![
        file("lib.rs", "pub mod a;"),
        file("a/mod.rs", "mod types;"),
        file("a/types.rs", "pub struct A;"),
    ]
}

/// Sets a file's mtime in the past so a rewrite would be visible.
fn age(path: &Path) -> SystemTime {
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    fs::metadata(path).unwrap().modified().unwrap()
}

fn states(dir: &Path, files: &[GeneratedFile]) -> Vec<(String, FileState)> {
    output::compare(dir, files)
        .unwrap()
        .into_iter()
        .map(|FileStatus { path, state }| (path, state))
        .collect()
}

#[test]
fn writes_into_a_fresh_directory_and_then_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("src");
    let summary = output::write(&out, &files()).unwrap();
    assert_eq!(summary.to_string(), "wrote 3 files, 0 unchanged");
    assert_eq!(
        fs::read_to_string(out.join("a/types.rs")).unwrap(),
        files()[2].contents
    );

    let before = age(&out.join("a/types.rs"));
    let summary = output::write(&out, &files()).unwrap();
    assert_eq!(summary.to_string(), "wrote 0 files, 3 unchanged");
    assert_eq!(
        fs::metadata(out.join("a/types.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    assert!(states(&out, &files())
        .iter()
        .all(|(_, s)| *s == FileState::Unchanged));
}

#[test]
fn only_changed_files_are_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    output::write(dir.path(), &files()).unwrap();
    let untouched = age(&dir.path().join("lib.rs"));
    let mut changed = files();
    changed[2] = file("a/types.rs", "pub struct B;");
    let summary = output::write(dir.path(), &changed).unwrap();
    assert_eq!(summary.written, ["a/types.rs"]);
    assert_eq!(summary.to_string(), "wrote 1 file, 2 unchanged");
    assert_eq!(
        fs::metadata(dir.path().join("lib.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        untouched
    );
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(dir.path().join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn check_names_missing_stale_and_extra_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = files();
    old.push(file("gone/mod.rs", "// spec deleted"));
    output::write(dir.path(), &old).unwrap();
    fs::write(
        dir.path().join("a/types.rs"),
        "// @generated\npub struct Edited;\n",
    )
    .unwrap();
    fs::remove_file(dir.path().join("a/mod.rs")).unwrap();
    fs::write(dir.path().join("handwritten.rs"), "pub fn mine() {}\n").unwrap();

    assert_eq!(
        states(dir.path(), &files()),
        [
            ("a/mod.rs".to_owned(), FileState::Missing),
            ("a/types.rs".to_owned(), FileState::Stale),
            ("gone/mod.rs".to_owned(), FileState::Extra),
            ("lib.rs".to_owned(), FileState::Unchanged),
        ]
    );

    let summary = output::write(dir.path(), &files()).unwrap();
    assert_eq!(
        summary.to_string(),
        "wrote 2 files, 1 unchanged, removed 1 stale file"
    );
    assert!(
        !dir.path().join("gone").exists(),
        "emptied directory is removed"
    );
    assert!(
        dir.path().join("handwritten.rs").exists(),
        "hand-written file is kept"
    );
    assert!(states(dir.path(), &files())
        .iter()
        .all(|(_, s)| *s == FileState::Unchanged));
}

#[test]
fn a_directory_with_other_files_is_kept_when_its_generated_file_goes() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = files();
    old.push(file("b/mod.rs", ""));
    output::write(dir.path(), &old).unwrap();
    fs::write(dir.path().join("b/notes.md"), "mine").unwrap();
    output::write(dir.path(), &files()).unwrap();
    assert!(dir.path().join("b/notes.md").exists());
    assert!(!dir.path().join("b/mod.rs").exists());
}

#[test]
fn a_failed_write_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    output::write(dir.path(), &files()).unwrap();
    let mut next = files();
    next[0] = file("lib.rs", "pub mod a; pub mod c;");
    // `c` cannot be a directory: a plain file is in the way.
    fs::write(dir.path().join("c"), "not a directory").unwrap();
    next.push(file("c/mod.rs", ""));
    let err = output::write(dir.path(), &next).unwrap_err();
    assert!(err.to_string().contains("cannot create directory"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("lib.rs")).unwrap(),
        files()[0].contents
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn paths_escaping_the_output_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["../evil.rs", "/etc/evil.rs", "a//b.rs", "./a.rs", ""] {
        let err = output::write(&dir.path().join("out"), &[file(bad, "")]).unwrap_err();
        assert!(
            err.to_string().contains("refusing to write"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn single_file_is_written_only_when_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mosia_api.rs");
    assert!(output::write_file_if_changed(&path, b"// @generated\n").unwrap());
    let before = age(&path);
    assert!(!output::write_file_if_changed(&path, b"// @generated\n").unwrap());
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
    assert!(output::write_file_if_changed(&path, b"// @generated\n// v2\n").unwrap());
}

#[test]
fn generated_files_deeper_than_the_layout_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a/b/c.rs");
    fs::create_dir_all(deep.parent().unwrap()).unwrap();
    fs::write(&deep, "// @generated elsewhere\n").unwrap();
    let hidden = dir.path().join(".cache/x.rs");
    fs::create_dir_all(hidden.parent().unwrap()).unwrap();
    fs::write(&hidden, "// @generated elsewhere\n").unwrap();

    let summary = output::write(dir.path(), &files()).unwrap();
    assert!(summary.removed.is_empty(), "{summary:?}");
    assert!(deep.exists() && hidden.exists());
}
