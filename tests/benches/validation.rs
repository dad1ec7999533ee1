//! Validation throughput, all contenders in one run on the same bytes:
//!
//! * `plain_serde`: `serde_json::from_slice` into plain `#[derive(Deserialize)]`
//!   structs of the same shape and field types (Decimal money, NaiveDate) —
//!   the floor: it checks types and nothing else, and stops at the first error.
//! * `plain_serde_f64`: the same with `f64` money, as integrators often write it.
//! * `generated`: the generated type's one-pass validated decoding.
//! * `jsonschema`: parsing into `serde_json::Value`, then the `jsonschema` crate
//!   validating it against the schema `codegen` emits for the type (formats on).
//! * `ir_validator`: the IR-driven validator behind `codegen validate`.
//! * `value_parse_only`: `serde_json::from_slice::<Value>` alone — the part of
//!   `jsonschema`'s time that is parsing, for reference.
//!
//! Run with `cargo bench -p mosia-tests --bench validation`; results and
//! ratios are recorded in BENCHMARKS.md.

use std::hint::black_box;

use codegen::ir::{Module, Part};
use codegen_runtime::Decode;

// Every contender allocates a lot of small objects; glibc's malloc made the
// timings swing by up to 70% between runs of the same binary. mimalloc keeps
// them steady and serves all contenders alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mosia_api::criar_ocorrencia::CriarOcorrencia;
use mosia_api::demonstrativo_pagamento_detalhe::Demonstrativo;
use mosia_tests::payloads;
use serde::Deserialize;
use serde_json::Value;

use mosia_tests::plain;

#[allow(dead_code)]
mod plain_f64 {
    use super::*;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Demonstrativo {
        pub titulo: String,
        pub subtitulo: String,
        pub titulo_totalizador: String,
        pub valor_total: f64,
        pub data_pagamento: String,
        pub registros: Vec<Registro>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Registro {
        pub titulo: String,
        pub icone: Option<String>,
        pub cor: Option<String>,
        pub valor_total: f64,
        pub valores: Vec<Valor>,
    }

    #[derive(Deserialize)]
    pub struct Valor {
        pub codigo: String,
        pub descricao: String,
        pub valor: f64,
    }
}

struct Case {
    name: &'static str,
    operation: &'static str,
    part: Part,
    bytes: Vec<u8>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "doc_response",
            operation: "demonstrativoPagamentoDetalhe",
            part: Part::Response,
            bytes: serde_json::to_vec(&payloads::doc_response_valid()).unwrap(),
        },
        Case {
            name: "response_1mb",
            operation: "demonstrativoPagamentoDetalhe",
            part: Part::Response,
            bytes: payloads::large_response(1 << 20),
        },
        Case {
            name: "ocorrencia_large_form_data",
            operation: "criarOcorrencia",
            part: Part::Request,
            bytes: payloads::large_ocorrencia(3000),
        },
    ]
}

fn bench(c: &mut Criterion) {
    let api = mosia_tests::load_api();
    for case in cases() {
        let (module, operation) = codegen::validator::find_operation(&api, case.operation).unwrap();
        let ty = codegen::validator::part_type(operation, case.part).unwrap();
        let schema = codegen::emit::json_schema::schema_for(module, ty);
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        let module: &Module = module;
        let bytes = &case.bytes;

        // Every contender must accept the payload, or the race is not fair.
        assert!(codegen::validator::validate(module, ty, bytes).is_empty());
        assert!(validator.is_valid(&serde_json::from_slice::<Value>(bytes).unwrap()));

        let mut group = c.benchmark_group(case.name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if case.operation == "demonstrativoPagamentoDetalhe" {
            Demonstrativo::from_json_slice(bytes).unwrap();
            group.bench_function("plain_serde", |b| {
                b.iter(|| serde_json::from_slice::<plain::Demonstrativo>(black_box(bytes)).unwrap())
            });
            group.bench_function("plain_serde_f64", |b| {
                b.iter(|| {
                    serde_json::from_slice::<plain_f64::Demonstrativo>(black_box(bytes)).unwrap()
                })
            });
            group.bench_function("generated", |b| {
                b.iter(|| Demonstrativo::from_json_slice(black_box(bytes)).unwrap())
            });
        } else {
            CriarOcorrencia::from_json_slice(bytes).unwrap();
            group.bench_function("plain_serde", |b| {
                b.iter(|| {
                    serde_json::from_slice::<plain::CriarOcorrencia>(black_box(bytes)).unwrap()
                })
            });
            group.bench_function("generated", |b| {
                b.iter(|| CriarOcorrencia::from_json_slice(black_box(bytes)).unwrap())
            });
        }
        // Not a contender: the parse that (c) pays before validating, to show
        // how much of (c) is parsing.
        group.bench_function("value_parse_only", |b| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(bytes)).unwrap())
        });
        group.bench_function("jsonschema", |b| {
            b.iter(|| {
                let value: Value = serde_json::from_slice(black_box(bytes)).unwrap();
                assert!(validator.is_valid(&value));
            })
        });
        group.bench_function("ir_validator", |b| {
            b.iter(
                || assert!(codegen::validator::validate(module, ty, black_box(bytes)).is_empty()),
            )
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
