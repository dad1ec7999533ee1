//! The IR-driven validator (`codegen::validator::validate`) on arbitrary
//! bytes against every object type of the checked-in spec: it returns a
//! report, never panics. Input: a selector byte, then the payload.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((target, bytes)) = mosia_fuzz::select(data) {
        let (module, ty) = target.ir();
        let _ = codegen::validator::validate(module, ty, bytes);
    }
});
