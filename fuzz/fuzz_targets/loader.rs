//! The spec loader on arbitrary text: `codegen::loader::load_str` must
//! return a module or diagnostics, never panic, for any input. A module it
//! accepts must also be usable by the IR-driven validator: every type's rule
//! table is built by validating a few small payloads against it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `load_str` takes text; invalid UTF-8 is refused before it by every
    // caller (the CLI reads files with `read_to_string`).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    mosia_fuzz::check_spec(text);
});
