//! Peak heap bytes per body byte for free-form-heavy 2 MiB requests (quoted
//! in BENCHMARKS.md): `cargo run --release -p mosia-tests --example free_form_memory`.

use codegen::ir::Part;
use codegen_runtime::Decode;
use mosia_api::demonstrativo_pagamento_detalhe::DetalheRequest;
use mosia_tests::memory::{body, measure, PeakAlloc, SHAPES};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc::new();

const SIZE: usize = 2 << 20;

fn main() {
    let api = mosia_tests::load_api();
    let (module, operation) =
        codegen::validator::find_operation(&api, "demonstrativoPagamentoDetalhe").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Request).unwrap();
    println!("| shape (2 MiB body) | IR validator | generated, refused body | generated, valid body (values built) |");
    println!("|---|---|---|---|");
    for shape in &SHAPES {
        let valid = body(shape, SIZE, false);
        let refused = body(shape, SIZE, true);
        let per_byte = |peak: usize, len: usize| peak as f64 / len as f64;
        let (report, ir) = measure(&ALLOC, || codegen::validator::validate(module, ty, &valid));
        assert!(report.is_empty(), "{}: {report}", shape.name);
        let (result, gen_refused) = measure(&ALLOC, || DetalheRequest::from_json_slice(&refused));
        assert!(result.is_err());
        let (result, gen_valid) = measure(&ALLOC, || DetalheRequest::from_json_slice(&valid));
        assert!(result.is_ok(), "{}", shape.name);
        drop(result);
        println!(
            "| {} | {:.1}× | {:.1}× | {:.1}× |",
            shape.name,
            per_byte(ir, valid.len()),
            per_byte(gen_refused, refused.len()),
            per_byte(gen_valid, valid.len()),
        );
    }
}
