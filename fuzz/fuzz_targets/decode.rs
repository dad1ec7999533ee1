//! The one-pass decoder of every generated type (`T::from_json_slice`) on
//! arbitrary bytes: it returns a value or a report, never panics, and a
//! value it returns passes `Validate` and survives a serde round trip
//! (`mosia_fuzz::decode_checked`). Input: a selector byte, then the payload.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((target, bytes)) = mosia_fuzz::select(data) {
        let _ = (target.decode)(bytes);
    }
});
