//! Decodes one benchmark payload N times, for instruction counts that do not
//! depend on the machine's load (quoted in BENCHMARKS.md):
//!
//! ```sh
//! cargo build --release -p mosia-tests --example decode_instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/decode_instructions generated-1mb 1
//! ```
//!
//! Subtract the count of `none 1` (building the payloads) from each.

use codegen_runtime::Decode;
use mosia_api::criar_ocorrencia::CriarOcorrencia;
use mosia_api::demonstrativo_pagamento_detalhe::Demonstrativo;
use mosia_tests::{payloads, plain};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(which), Some(times)) = (args.next(), args.next()) else {
        eprintln!("usage: decode_instructions generated-doc|generated-1mb|generated-form|unknown-1mb|plain-doc|plain-1mb|none TIMES");
        std::process::exit(2);
    };
    let times: usize = times.parse().expect("TIMES is a number");
    let doc = serde_json::to_vec(&payloads::doc_response_valid()).unwrap();
    let big = payloads::large_response(1 << 20);
    let form = payloads::large_ocorrencia(3000);
    // The same size as `big`, all of it distinct unknown attributes (the
    // hardening issue's attack: each would get a suggestion, were it not
    // for the violation cap).
    let unknown = unknown_attributes(big.len());
    for _ in 0..times {
        match which.as_str() {
            "generated-doc" => drop(black_box(Demonstrativo::from_json_slice(&doc).unwrap())),
            "generated-1mb" => drop(black_box(Demonstrativo::from_json_slice(&big).unwrap())),
            "generated-form" => drop(black_box(CriarOcorrencia::from_json_slice(&form).unwrap())),
            "unknown-1mb" => drop(black_box(
                Demonstrativo::from_json_slice(&unknown).unwrap_err(),
            )),
            "plain-doc" => drop(black_box(
                serde_json::from_slice::<plain::Demonstrativo>(&doc).unwrap(),
            )),
            "plain-1mb" => drop(black_box(
                serde_json::from_slice::<plain::Demonstrativo>(&big).unwrap(),
            )),
            "none" => {}
            other => panic!("unknown payload {other}"),
        }
    }
}

/// `{"atributo0000000": 0, "atributo0000001": 1, …}` of about `size` bytes.
fn unknown_attributes(size: usize) -> Vec<u8> {
    let mut out = String::from("{");
    let mut i = 0usize;
    while out.len() < size {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("\"atributo{i:07}\": {i}"));
        i += 1;
    }
    out.push('}');
    out.into_bytes()
}
