//! Decodes the 1 MB response many times, for profilers:
//! `cargo run --release -p mosia-tests --example profile_decode -- generated|plain|ir`.

use codegen_runtime::Decode;

// Every contender allocates a lot of small objects; glibc's malloc made the
// timings swing by up to 70% between runs of the same binary. mimalloc keeps
// them steady and serves all contenders alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use mosia_api::demonstrativo_pagamento_detalhe::Demonstrativo;

fn main() {
    let which = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "generated".into());
    let bytes = mosia_tests::payloads::large_response(1 << 20);
    let api = mosia_tests::load_api();
    let (module, op) =
        codegen::validator::find_operation(&api, "demonstrativoPagamentoDetalhe").unwrap();
    let ty = codegen::validator::part_type(op, codegen::ir::Part::Response).unwrap();
    let start = std::time::Instant::now();
    for _ in 0..200 {
        match which.as_str() {
            "ir" => assert!(codegen::validator::validate(module, ty, &bytes).is_empty()),
            "value" => drop(std::hint::black_box(
                serde_json::from_slice::<serde_json::Value>(&bytes).unwrap(),
            )),
            _ => drop(std::hint::black_box(
                Demonstrativo::from_json_slice(&bytes).unwrap(),
            )),
        }
    }
    eprintln!("{which}: {:?} per decode", start.elapsed() / 200);
}
