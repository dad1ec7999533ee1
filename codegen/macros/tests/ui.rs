//! Every mistake in a `mosia_api!` invocation is a compile error at the
//! offending entry (the `.stderr` files are the expected diagnostics).
//! Regenerate them after an intended change with `TRYBUILD=overwrite`.

use std::fs;
use std::path::{Path, PathBuf};

/// trybuild compiles the cases as a crate whose `CARGO_MANIFEST_DIR` is
/// `<target dir>/tests/trybuild/codegen-macros`; the cases name spec files
/// relative to it, so the fixtures of `tests/ui/spec` are copied there.
fn trybuild_project_dir() -> PathBuf {
    // <target dir>/debug/deps/ui-<hash>
    let exe = std::env::current_exe().unwrap();
    let target = exe.ancestors().nth(3).unwrap();
    target.join("tests/trybuild/codegen-macros")
}

#[test]
fn mistakes_are_compile_errors_at_the_offending_entry() {
    let spec = trybuild_project_dir().join("spec");
    fs::create_dir_all(&spec).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/spec");
    for entry in fs::read_dir(fixtures).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), spec.join(entry.file_name())).unwrap();
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
