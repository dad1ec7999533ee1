//! What a user sees when generated code meets the wrong runtime or a type
//! of theirs that lacks the runtime's traits: a compile error that says
//! what to do (the `.stderr` files are the expected diagnostics;
//! regenerate them after an intended change with `TRYBUILD=overwrite`).

#[test]
fn mismatches_are_explained() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
