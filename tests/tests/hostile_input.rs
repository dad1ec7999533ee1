//! No input panics the decoder or the IR-driven validator, and both always
//! answer: arbitrary bytes, JSON-looking text, and valid payloads cut or
//! corrupted at random points.

use std::sync::OnceLock;

use codegen::ir::{Api, Part};
use mosia_tests::arbitrary::valid_object;
use mosia_tests::{generated, load_api};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(load_api)
}

fn both_answer(operation: &str, part: Part, bytes: &[u8]) {
    let api = api();
    let (module, op) = codegen::validator::find_operation(api, operation).unwrap();
    let ty = codegen::validator::part_type(op, part).unwrap();
    let by_ir = codegen::validator::validate(module, ty, bytes);
    let by_type = generated::decode(operation, part, bytes).unwrap();
    // Same verdict, and an invalid payload always says why.
    assert_eq!(
        by_ir.is_empty(),
        by_type.is_ok(),
        "{:?}",
        String::from_utf8_lossy(bytes)
    );
    if let Err(report) = by_type {
        assert!(!report.is_empty());
    }
}

proptest! {
    #![proptest_config(Config { cases: 500, failure_persistence: None, ..Config::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        both_answer("demonstrativoPagamentoDetalhe", Part::Response, &bytes);
    }

    #[test]
    fn json_looking_text(text in r#"[\[\]{}",:0-9a-zA-Z \-.eE\\]{0,200}"#) {
        both_answer("criarOcorrencia", Part::Request, text.as_bytes());
    }
}

#[test]
fn valid_payloads_cut_and_corrupted() {
    let (module, operation) =
        codegen::validator::find_operation(api(), "demonstrativoPagamentoDetalhe").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Response).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 500,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        valid_object(module, ty),
        any::<prop::sample::Index>(),
        any::<u8>(),
        any::<bool>(),
    );
    runner
        .run(&strategy, |(value, at, byte, cut)| {
            let mut bytes = serde_json::to_vec(&value).unwrap();
            let index = at.index(bytes.len());
            if cut {
                bytes.truncate(index);
            } else {
                bytes[index] = byte;
            }
            both_answer("demonstrativoPagamentoDetalhe", Part::Response, &bytes);
            Ok(())
        })
        .unwrap();
}
