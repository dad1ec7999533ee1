//! Shared helpers for the workspace-level tests: locating the workspace,
//! loading the spec, and walking the payload fixtures of `tests/fixtures/`
//! (layout and file format: `tests/fixtures/README.md`).
//!
//! ```no_run
//! for fixture in mosia_tests::fixtures() {
//!     println!("{} expects {:?}", fixture.id(), fixture.expected);
//! }
//! ```

/// The whole API generated at build time by `codegen::Config` (see
/// `build.rs`), exactly as a crate without a checked-in copy would use it.
pub mod build_script {
    // src/lib.rs
    include!(concat!(env!("OUT_DIR"), "/mosia_api.rs"));
}

pub mod arbitrary;
pub mod generated;
pub mod payloads;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::ir::{Api, Part};
use codegen_runtime::{Report, Rule};

/// The parts a fixture directory may be named after, in the order fixtures
/// are listed.
pub const PARTS: [Part; 3] = [Part::Request, Part::Response, Part::Failure];

/// One payload and the complete set of violations it must produce.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    /// The operation id, exactly as in the spec (`demonstrativoPagamentoDetalhe`).
    pub operation: String,
    /// Which body of the operation the payload is.
    pub part: Part,
    /// The file stem, saying what the case shows (`invalid_cor_short_hex`).
    pub name: String,
    /// The payload file (`<name>.json`, or `<name>.bin` for invalid UTF-8).
    pub path: PathBuf,
    /// The payload, byte for byte as it would be sent.
    pub bytes: Vec<u8>,
    /// Every expected violation as (JSON pointer, rule code), sorted by path
    /// then rule; empty for a valid payload.
    pub expected: Vec<(String, String)>,
}

impl Fixture {
    /// `operation/part/name`, for messages.
    pub fn id(&self) -> String {
        format!("{}/{}/{}", self.operation, self.part.as_str(), self.name)
    }

    /// Whether the payload must be accepted.
    pub fn is_valid(&self) -> bool {
        self.expected.is_empty()
    }

    /// Compares what a validator reported with the expectation. `None` when
    /// they agree; otherwise a message naming the fixture and showing both
    /// sets and their difference.
    pub fn check(&self, actual: &[(String, String)]) -> Option<String> {
        let actual = sorted_set(actual);
        let expected = sorted_set(&self.expected);
        if actual == expected {
            return None;
        }
        let mut message = format!("fixture {} ({})\n", self.id(), self.path.display());
        let _ = writeln!(message, "  expected: {}", render(&expected));
        let _ = writeln!(message, "  actual:   {}", render(&actual));
        let missing: Vec<_> = expected.difference(&actual).cloned().collect();
        let unexpected: Vec<_> = actual.difference(&expected).cloned().collect();
        if !missing.is_empty() {
            let _ = writeln!(
                message,
                "  missing (expected, not reported): {}",
                render(&missing)
            );
        }
        if !unexpected.is_empty() {
            let _ = writeln!(
                message,
                "  unexpected (reported, not expected): {}",
                render(&unexpected)
            );
        }
        Some(message)
    }
}

/// (path, rule code) pairs of a report, sorted, in the fixtures' form.
pub fn report_pairs(report: &Report) -> Vec<(String, String)> {
    report
        .pairs()
        .into_iter()
        .map(|(path, rule)| (path, rule.code().to_owned()))
        .collect()
}

fn sorted_set(pairs: &[(String, String)]) -> BTreeSet<(String, String)> {
    pairs.iter().cloned().collect()
}

fn render<'a>(pairs: impl IntoIterator<Item = &'a (String, String)>) -> String {
    let items: Vec<String> = pairs
        .into_iter()
        .map(|(path, rule)| {
            let path = if path.is_empty() {
                "(root)"
            } else {
                path.as_str()
            };
            format!("{path} {rule}")
        })
        .collect();
    if items.is_empty() {
        "[] (valid)".to_owned()
    } else {
        format!("[{}]", items.join(", "))
    }
}

/// The workspace root (the parent of this crate).
pub fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
        .to_path_buf()
}

/// `spec/` of the workspace.
pub fn spec_dir() -> PathBuf {
    workspace_dir().join("spec")
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Loads `spec/` into the IR, panicking with every diagnostic if it has errors.
pub fn load_api() -> Api {
    let dir = spec_dir();
    codegen::loader::load_dir(&dir).unwrap_or_else(|diagnostics| {
        panic!("spec {} does not load:\n{diagnostics}", dir.display())
    })
}

/// Parses a part directory name (`request`, `response`, `failure`).
pub fn parse_part(name: &str) -> Option<Part> {
    PARTS.into_iter().find(|part| part.as_str() == name)
}

/// Every fixture under [`fixtures_dir`], sorted by operation, part (request,
/// response, failure) and name. Panics, listing every problem, if the tree
/// is malformed (see [`load_fixtures`]).
pub fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir();
    load_fixtures(&dir).unwrap_or_else(|problems| {
        panic!(
            "malformed fixture tree {}:\n  {}",
            dir.display(),
            problems.join("\n  ")
        )
    })
}

/// Reads a fixture tree `<dir>/<operationId>/<part>/<name>.{json,bin}` with
/// `<name>.expected.json` beside each payload. Every problem is reported at
/// once: unexpected files or directories, a payload without expectation or
/// the reverse, an expectation that is not a sorted, duplicate-free array of
/// `{"path", "rule"}` with known rule codes, a `.bin` payload that is valid
/// UTF-8, and `valid_*` / `invalid_*` names that contradict the expectation.
pub fn load_fixtures(dir: &Path) -> Result<Vec<Fixture>, Vec<String>> {
    let mut problems = Vec::new();
    let mut fixtures = Vec::new();
    for operation_dir in sorted_entries(dir, &mut problems) {
        let operation = file_name(&operation_dir);
        if !operation_dir.is_dir() {
            if operation != "README.md" {
                problems.push(format!(
                    "{}: unexpected file (expected operation directories)",
                    operation_dir.display()
                ));
            }
            continue;
        }
        let mut part_dirs = sorted_entries(&operation_dir, &mut problems);
        part_dirs.sort_by_key(|path| parse_part(&file_name(path)).map_or(usize::MAX, part_rank));
        for part_dir in part_dirs {
            let part_name = file_name(&part_dir);
            let Some(part) = parse_part(&part_name).filter(|_| part_dir.is_dir()) else {
                problems.push(format!(
                    "{}: expected a directory named request, response or failure",
                    part_dir.display()
                ));
                continue;
            };
            load_part(&part_dir, &operation, part, &mut fixtures, &mut problems);
        }
    }
    fixtures.sort_by(|a, b| {
        (&a.operation, part_rank(a.part), &a.name).cmp(&(&b.operation, part_rank(b.part), &b.name))
    });
    if fixtures.is_empty() && problems.is_empty() {
        problems.push(format!("{}: no fixtures", dir.display()));
    }
    if problems.is_empty() {
        Ok(fixtures)
    } else {
        Err(problems)
    }
}

fn part_rank(part: Part) -> usize {
    PARTS.iter().position(|p| *p == part).unwrap_or(PARTS.len())
}

fn load_part(
    dir: &Path,
    operation: &str,
    part: Part,
    fixtures: &mut Vec<Fixture>,
    problems: &mut Vec<String>,
) {
    let files = sorted_entries(dir, problems);
    let names: BTreeSet<String> = files.iter().map(|path| file_name(path)).collect();
    for path in &files {
        let file = file_name(path);
        if let Some(stem) = file.strip_suffix(".expected.json") {
            if !names.contains(&format!("{stem}.json")) && !names.contains(&format!("{stem}.bin")) {
                problems.push(format!(
                    "{}: no payload {stem}.json or {stem}.bin beside it",
                    path.display()
                ));
            }
            continue;
        }
        let (stem, is_bin) = match (file.strip_suffix(".json"), file.strip_suffix(".bin")) {
            (Some(stem), _) => (stem, false),
            (None, Some(stem)) => (stem, true),
            (None, None) => {
                problems.push(format!(
                    "{}: unexpected file (payloads are .json or .bin)",
                    path.display()
                ));
                continue;
            }
        };
        if is_bin && names.contains(&format!("{stem}.json")) {
            problems.push(format!(
                "{}: both {stem}.json and {stem}.bin exist",
                path.display()
            ));
            continue;
        }
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                problems.push(format!("{}: cannot read: {error}", path.display()));
                continue;
            }
        };
        if is_bin && std::str::from_utf8(&bytes).is_ok() {
            problems.push(format!(
                "{}: is valid UTF-8; use a .json extension",
                path.display()
            ));
        }
        let expected_path = dir.join(format!("{stem}.expected.json"));
        let expected = match read_expected(&expected_path) {
            Ok(expected) => expected,
            Err(problem) => {
                problems.push(format!("{}: {problem}", expected_path.display()));
                continue;
            }
        };
        if stem.starts_with("valid_") && !expected.is_empty() {
            problems.push(format!(
                "{}: named valid_* but expects violations",
                expected_path.display()
            ));
        }
        if stem.starts_with("invalid_") && expected.is_empty() {
            problems.push(format!(
                "{}: named invalid_* but expects none",
                expected_path.display()
            ));
        }
        fixtures.push(Fixture {
            operation: operation.to_owned(),
            part,
            name: stem.to_owned(),
            path: path.clone(),
            bytes,
            expected,
        });
    }
}

/// Parses an expectation file: a JSON array of `{"path": ..., "rule": ...}`,
/// sorted by path then rule, without duplicates, with known rule codes.
pub fn read_expected(path: &Path) -> Result<Vec<(String, String)>, String> {
    let text = fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))?;
    parse_expected(&text)
}

/// See [`read_expected`].
pub fn parse_expected(text: &str) -> Result<Vec<(String, String)>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        path: String,
        rule: String,
    }
    let entries: Vec<Entry> = serde_json::from_str(text)
        .map_err(|error| format!("not an array of {{\"path\", \"rule\"}}: {error}"))?;
    let pairs: Vec<(String, String)> = entries.into_iter().map(|e| (e.path, e.rule)).collect();
    for (path, rule) in &pairs {
        if Rule::from_code(rule).is_none() {
            return Err(format!("unknown rule code `{rule}` at `{path}`"));
        }
        if !path.is_empty() && !path.starts_with('/') {
            return Err(format!(
                "`{path}` is not a JSON pointer (\"\" or starting with /)"
            ));
        }
    }
    if let Some(pair) = pairs.windows(2).find(|w| w[0] >= w[1]) {
        return Err(format!(
            "entries must be sorted by path then rule, without duplicates: {:?} comes before {:?}",
            pair[0], pair[1]
        ));
    }
    Ok(pairs)
}

fn sorted_entries(dir: &Path, problems: &mut Vec<String>) -> Vec<PathBuf> {
    match fs::read_dir(dir) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|entry| match entry {
                    Ok(entry) => Some(entry.path()),
                    Err(error) => {
                        problems.push(format!("{}: cannot list: {error}", dir.display()));
                        None
                    }
                })
                .collect();
            paths.sort();
            paths
        }
        Err(error) => {
            problems.push(format!("{}: cannot list: {error}", dir.display()));
            Vec::new()
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, relative: &str, bytes: &[u8]) {
        let path = dir.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    #[test]
    fn reads_a_well_formed_tree_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "README.md", b"docs");
        write(root, "op/response/valid_a.json", b"{}");
        write(root, "op/response/valid_a.expected.json", b"[]");
        write(root, "op/request/invalid_b.bin", b"{\"x\": \"\xe3\"}");
        write(
            root,
            "op/request/invalid_b.expected.json",
            br#"[{"path": "", "rule": "syntax"}]"#,
        );
        let fixtures = load_fixtures(root).unwrap();
        let ids: Vec<String> = fixtures.iter().map(Fixture::id).collect();
        assert_eq!(ids, ["op/request/invalid_b", "op/response/valid_a"]);
        assert_eq!(fixtures[0].expected, [(String::new(), "syntax".to_owned())]);
        assert_eq!(fixtures[0].bytes, b"{\"x\": \"\xe3\"}");
        assert!(fixtures[1].is_valid());
    }

    #[test]
    fn reports_every_problem_of_a_malformed_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "op/request/no_expectation.json", b"{}");
        write(root, "op/request/orphan.expected.json", b"[]");
        write(root, "op/request/valid_but_expects.json", b"{}");
        write(
            root,
            "op/request/valid_but_expects.expected.json",
            br#"[{"path": "/a", "rule": "type"}]"#,
        );
        write(root, "op/request/unsorted.json", b"{}");
        write(
            root,
            "op/request/unsorted.expected.json",
            br#"[{"path": "/b", "rule": "type"}, {"path": "/a", "rule": "type"}]"#,
        );
        write(root, "op/request/bad_rule.json", b"{}");
        write(
            root,
            "op/request/bad_rule.expected.json",
            br#"[{"path": "/a", "rule": "typo"}]"#,
        );
        write(root, "op/request/utf8.bin", b"{}");
        write(root, "op/request/utf8.expected.json", b"[]");
        write(root, "op/reply/x.json", b"{}");
        let problems = load_fixtures(root).unwrap_err();
        let text = problems.join("\n");
        for needle in [
            "no_expectation.expected.json: cannot read",
            "orphan.expected.json: no payload",
            "named valid_* but expects violations",
            "must be sorted",
            "unknown rule code `typo`",
            "utf8.bin: is valid UTF-8",
            "reply: expected a directory named request, response or failure",
        ] {
            assert!(text.contains(needle), "`{needle}` not in:\n{text}");
        }
    }

    #[test]
    fn check_shows_both_sets_and_the_difference() {
        let fixture = Fixture {
            operation: "op".into(),
            part: Part::Failure,
            name: "invalid_x".into(),
            path: PathBuf::from("op/failure/invalid_x.json"),
            bytes: Vec::new(),
            expected: vec![("/mensagem".into(), "blank".into())],
        };
        assert_eq!(fixture.check(&[("/mensagem".into(), "blank".into())]), None);
        let message = fixture.check(&[(String::new(), "syntax".into())]).unwrap();
        assert!(message.contains("op/failure/invalid_x"), "{message}");
        assert!(message.contains("expected: [/mensagem blank]"), "{message}");
        assert!(message.contains("actual:   [(root) syntax]"), "{message}");
        assert!(
            message.contains("missing (expected, not reported): [/mensagem blank]"),
            "{message}"
        );
        assert!(
            message.contains("unexpected (reported, not expected): [(root) syntax]"),
            "{message}"
        );
    }
}
