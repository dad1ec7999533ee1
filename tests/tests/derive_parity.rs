//! A hand-written struct with the derives rejects the same payloads, with the
//! same (path, rule) pairs, as the generated type of the same shape: the
//! generator emits these very derives, so a rule cannot differ between them.

use codegen::ir::Part;
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::{Decode, Report, Validate};
use mosia_api::demonstrativo_pagamento_detalhe as generated;
use mosia_tests::arbitrary::{mutate, mutation, valid_object};
use mosia_tests::{load_api, report_pairs};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde::Serialize;

/// How an integrator might write the response type by hand: its own names,
/// the date kept as text with a format rule instead of `NaiveDate`.
#[derive(Debug, Serialize, Decode, Validate)]
#[serde(rename_all = "camelCase")]
struct Demonstrativo {
    titulo: String,
    subtitulo: String,
    titulo_totalizador: String,
    #[serde(with = "codegen_runtime::json_decimal")]
    valor_total: Decimal,
    #[mosia(format = "date")]
    data_pagamento: String,
    registros: Vec<Registro>,
}

#[derive(Debug, Serialize, Decode, Validate)]
#[serde(rename_all = "camelCase")]
struct Registro {
    titulo: String,
    icone: Option<String>,
    #[mosia(format = "color")]
    cor: Option<String>,
    #[serde(with = "codegen_runtime::json_decimal")]
    valor_total: Decimal,
    #[serde(rename = "valores")]
    lancamentos: Vec<Valor>,
}

#[derive(Debug, Serialize, Decode, Validate)]
struct Valor {
    codigo: String,
    descricao: String,
    #[serde(with = "codegen_runtime::json_decimal")]
    valor: Decimal,
}

fn pairs<T: Decode + Validate>(bytes: &[u8]) -> Vec<(String, String)> {
    match T::from_json_slice(bytes).and_then(|value| value.validate()) {
        Ok(()) => Vec::new(),
        Err(report) => report_pairs(&report),
    }
}

fn check(bytes: &[u8]) -> Result<(), String> {
    let hand = pairs::<Demonstrativo>(bytes);
    let generated = pairs::<generated::Demonstrativo>(bytes);
    if hand == generated {
        Ok(())
    } else {
        Err(format!(
            "hand-written {hand:?} != generated {generated:?} on {}",
            String::from_utf8_lossy(bytes)
        ))
    }
}

#[test]
fn same_verdicts_on_every_response_fixture() {
    let fixtures: Vec<_> = mosia_tests::fixtures()
        .into_iter()
        .filter(|f| f.operation == "demonstrativoPagamentoDetalhe" && f.part == Part::Response)
        .collect();
    assert!(fixtures.len() > 10);
    for fixture in fixtures {
        check(&fixture.bytes).unwrap_or_else(|e| panic!("{}: {e}", fixture.id()));
        // And both give what the fixture says.
        assert_eq!(
            pairs::<Demonstrativo>(&fixture.bytes),
            fixture.expected,
            "{}",
            fixture.id()
        );
    }
}

#[test]
fn same_verdicts_on_mutated_payloads() {
    let api = load_api();
    let (module, operation) =
        codegen::validator::find_operation(&api, "demonstrativoPagamentoDetalhe").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Response).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 1000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(valid_object(module, ty), mutation(), any::<Index>()),
            |(valid, mutation, at)| {
                let pristine = serde_json::to_vec(&valid).unwrap();
                prop_assert!(pairs::<Demonstrativo>(&pristine).is_empty());
                let mutated = mutate(valid, mutation, at);
                check(&mutated).map_err(TestCaseError::fail)?;
                Ok(())
            },
        )
        .unwrap_or_else(|failure| panic!("{failure}"));
}

#[test]
fn same_verdicts_on_values_built_in_code() {
    let hand = Valor {
        codigo: " ".into(),
        descricao: "x".into(),
        valor: Decimal::ONE,
    };
    let generated = generated::Valor {
        codigo: " ".into(),
        descricao: "x".into(),
        valor: Decimal::ONE,
    };
    let pairs = |r: Result<(), Report>| r.map_err(|report| report_pairs(&report));
    assert_eq!(pairs(hand.validate()), pairs(generated.validate()));
    assert_eq!(
        pairs(hand.validate()),
        Err(vec![("/codigo".to_owned(), "blank".to_owned())])
    );
}
