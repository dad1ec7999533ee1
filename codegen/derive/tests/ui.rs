//! Every misuse of the derives is a compile error pointing at the offending
//! attribute or field (the `.stderr` files are the expected diagnostics).
//! Regenerate them after an intended change with `TRYBUILD=overwrite`.

#[test]
fn misuse_is_a_compile_error() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

#[test]
fn correct_use_compiles_and_runs() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/*.rs");
}
