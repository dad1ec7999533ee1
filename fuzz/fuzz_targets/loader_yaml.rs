//! The spec loader on structurally mutated specs. Byte mutations of a spec
//! mostly break its YAML; this target's mutator (`mosia_fuzz::yaml_mutate`)
//! parses the input as YAML and changes the tree instead (removes, copies,
//! grafts and renames nodes, puts spec words in scalars), so the loader's
//! semantic checks (criteria, conditions, types, names, examples) are what
//! gets exercised. The check is the `loader` target's.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        mosia_fuzz::check_spec(text);
    }
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    mosia_fuzz::yaml_mutate(data, size, max_size, seed)
});
