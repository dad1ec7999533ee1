//! Parity of the two traversals of one semantics, as `tests/tests/
//! agreement.rs` states it but on any bytes: the generated decoder (then
//! `Validate`, as the agreement test runs it) and the IR-driven validator
//! give the same verdict and the same sorted (JSON pointer, rule code)
//! pairs. Input: a selector byte, then the payload.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((target, bytes)) = mosia_fuzz::select(data) else {
        return;
    };
    let by_type = mosia_fuzz::pairs(&(target.decode)(bytes));
    let (module, ty) = target.ir();
    let by_ir = mosia_fuzz::report_pairs(&codegen::validator::validate(module, ty, bytes));
    assert_eq!(
        by_type,
        by_ir,
        "{}::{}: the generated decoder (left) and the IR validator (right) disagree on {:?}",
        target.module,
        target.rust_name,
        String::from_utf8_lossy(bytes)
    );
});
