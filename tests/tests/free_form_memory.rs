//! Memory stays a small multiple of the input when only the verdict is
//! wanted (the IR-driven validator, `codegen validate`, a refused body),
//! whatever the shape of the free-form data. Figures: BENCHMARKS.md.

use codegen::ir::Part;
use codegen_runtime::Decode;
use mosia_api::demonstrativo_pagamento_detalhe::DetalheRequest;
use mosia_tests::memory::{body, measure, PeakAlloc, SHAPES};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc::new();

/// The server's default body limit.
const SIZE: usize = 2 << 20;

// One test only: the allocator's counters are process-wide.
#[test]
fn checking_free_form_data_takes_under_20_bytes_per_byte() {
    let api = mosia_tests::load_api();
    let (module, operation) =
        codegen::validator::find_operation(&api, "demonstrativoPagamentoDetalhe").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Request).unwrap();
    for shape in &SHAPES {
        let valid = body(shape, SIZE, false);
        let (report, peak) = measure(&ALLOC, || codegen::validator::validate(module, ty, &valid));
        assert!(report.is_empty(), "{}: {report}", shape.name);
        let ratio = peak as f64 / valid.len() as f64;
        assert!(ratio < 20.0, "IR validator, {}: {ratio:.1}×", shape.name);

        let refused = body(shape, SIZE, true);
        let (result, peak) = measure(&ALLOC, || DetalheRequest::from_json_slice(&refused));
        let report = result.unwrap_err();
        assert_eq!(report.len(), 1, "{}: {report}", shape.name);
        let ratio = peak as f64 / refused.len() as f64;
        assert!(
            ratio < 20.0,
            "generated, refused, {}: {ratio:.1}×",
            shape.name
        );

        // Values are built (and handed back) for a valid body.
        let (result, _) = measure(&ALLOC, || DetalheRequest::from_json_slice(&valid));
        assert!(result.is_ok(), "{}", shape.name);
    }
}
