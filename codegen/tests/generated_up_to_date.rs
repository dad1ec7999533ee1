//! The checked-in `generated/src` must be exactly what `spec/` produces
//! (rust-analyzer's "codegen in check mode" test). On failure it names each
//! stale, missing or extra file; run `cargo run -p codegen` to fix, or rerun
//! this test with `UPDATE_GENERATED=1` to let it regenerate.

use std::path::Path;

use codegen::output::{self, FileState};

#[test]
fn generated_code_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the workspace");
    // The loader records spec paths as given, and they appear in the
    // generated headers: load `spec` from the root, as the CLI does. This
    // binary has a single test, so changing the directory affects no other.
    std::env::set_current_dir(root).unwrap();
    let api = codegen::loader::load_dir(Path::new("spec"))
        .unwrap_or_else(|diagnostics| panic!("spec/ does not load:\n{diagnostics}"));
    let files = codegen::emit::generate(&api).unwrap_or_else(|e| panic!("{e}"));
    let out = Path::new("generated/src");

    let differences: Vec<String> = output::compare(out, &files)
        .unwrap()
        .into_iter()
        .filter(|s| s.state != FileState::Unchanged)
        .map(|s| format!("  generated/src/{}: {}", s.path, s.state.describe()))
        .collect();
    if differences.is_empty() {
        return;
    }
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        let summary = output::write(out, &files).unwrap();
        panic!(
            "generated/src was out of date and has been regenerated ({summary}); rerun the tests"
        );
    }
    panic!(
        "generated/src is out of date with spec/:\n{}\nrun `cargo run -p codegen` (or rerun this test \
         with UPDATE_GENERATED=1) and commit the result",
        differences.join("\n")
    );
}
