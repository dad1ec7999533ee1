//! `C` attributes, which neither real page uses yet: a test-only page
//! (`tests/spec_conditional/cadastro.yaml`) with `equals` on String, Int and
//! Boolean siblings and `filled` on object, string, array and date siblings,
//! generated through `build.rs`. The generated decoder and the IR-driven
//! validator must agree on it, and say exactly what the rule says.

use codegen::ir::{Api, Part};
use codegen_runtime::{Decode, Report, Validate};
use mosia_tests::arbitrary::{mutate, mutation, valid_object};
use mosia_tests::conditional::cadastro::Pessoa;
use mosia_tests::report_pairs;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn api() -> Api {
    codegen::loader::load_dir(&mosia_tests::conditional_spec_dir())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn by_type(bytes: &[u8]) -> Vec<(String, String)> {
    match Pessoa::from_json_slice(bytes).and_then(|p| p.validate()) {
        Ok(()) => Vec::new(),
        Err(report) => report_pairs(&report),
    }
}

fn by_ir(api: &Api, bytes: &[u8]) -> Vec<(String, String)> {
    let (module, operation) = codegen::validator::find_operation(api, "cadastrarPessoa").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Request).unwrap();
    report_pairs(&codegen::validator::validate(module, ty, bytes))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = list
        .iter()
        .map(|(p, r)| (p.to_string(), r.to_string()))
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn each_condition_holds_or_not_as_documented() {
    let api = api();
    let cases: Vec<(Value, Vec<(String, String)>)> = vec![
        (json!({"tipoPessoa": "PJ"}), vec![]),
        (
            json!({"tipoPessoa": "PF"}),
            pairs(&[("/cpf", "conditional")]),
        ),
        (
            json!({"tipoPessoa": "PF", "cpf": null}),
            pairs(&[("/cpf", "conditional")]),
        ),
        (
            json!({"tipoPessoa": "PF", "cpf": " "}),
            pairs(&[("/cpf", "blank")]),
        ),
        (json!({"tipoPessoa": "PF", "cpf": "123"}), vec![]),
        (
            json!({"tipoPessoa": "PJ", "dependentes": 1}),
            pairs(&[("/nomeDependente", "conditional")]),
        ),
        (json!({"tipoPessoa": "PJ", "dependentes": 2}), vec![]),
        (
            json!({"tipoPessoa": "PJ", "estrangeiro": true}),
            pairs(&[("/passaporte", "conditional")]),
        ),
        (json!({"tipoPessoa": "PJ", "estrangeiro": false}), vec![]),
        // `filled`: any of the siblings, each in the docs' sense.
        (
            json!({"tipoPessoa": "PJ", "corPreferida": "#00FF00"}),
            pairs(&[("/contato", "conditional")]),
        ),
        (json!({"tipoPessoa": "PJ", "corPreferida": null}), vec![]),
        (
            json!({"tipoPessoa": "PJ", "telefones": []}),
            pairs(&[("/contato", "conditional")]),
        ),
        (
            json!({"tipoPessoa": "PJ", "nascimento": "2000-01-31"}),
            pairs(&[("/contato", "conditional")]),
        ),
        (
            json!({"tipoPessoa": "PJ", "endereco": {"logradouro": "Rua A"}}),
            pairs(&[("/contato", "conditional")]),
        ),
        // An object that could not be built is not "filled".
        (
            json!({"tipoPessoa": "PJ", "endereco": {}}),
            pairs(&[("/endereco/logradouro", "mandatory")]),
        ),
        (
            json!({"tipoPessoa": "PJ", "endereco": {"logradouro": "Rua A"}, "contato": {"email": "a@b"}}),
            vec![],
        ),
        // Nested conditions report at their own path.
        (
            json!({"tipoPessoa": "PJ", "endereco": {"logradouro": "R", "cep": "29100"}, "contato": {"email": "a@b"}}),
            pairs(&[("/endereco/numero", "conditional")]),
        ),
    ];
    for (payload, expected) in cases {
        let bytes = serde_json::to_vec(&payload).unwrap();
        assert_eq!(by_type(&bytes), expected, "generated type on {payload}");
        assert_eq!(by_ir(&api, &bytes), expected, "IR validator on {payload}");
    }
}

#[test]
fn the_message_names_the_condition() {
    let report: Report = Pessoa::from_json_str(r#"{"tipoPessoa": "PF"}"#).unwrap_err();
    assert_eq!(
        report.iter().next().unwrap().message(),
        "atributo condicional (C) 'cpf' é obrigatório quando 'tipoPessoa' for \"PF\"; informe um valor"
    );
}

#[test]
fn generated_decoder_and_ir_validator_agree_on_conditions() {
    let api = api();
    let (module, operation) = codegen::validator::find_operation(&api, "cadastrarPessoa").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Request).unwrap();
    // Make the `equals` conditions hold half of the time, then break things.
    let payloads = (valid_object(module, ty), any::<bool>()).prop_map(|(mut value, hold)| {
        if hold {
            value["tipoPessoa"] = json!("PF");
            value["dependentes"] = json!(1);
            value["estrangeiro"] = json!(true);
        }
        value
    });
    let mut runner = TestRunner::new(Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(payloads, mutation(), any::<Index>()),
            |(valid, mutation, at)| {
                let pristine = serde_json::to_vec(&valid).unwrap();
                prop_assert_eq!(by_type(&pristine), Vec::<(String, String)>::new());
                let bytes = mutate(valid, mutation, at);
                prop_assert_eq!(
                    by_type(&bytes),
                    by_ir(&api, &bytes),
                    "on {}",
                    String::from_utf8_lossy(&bytes)
                );
                Ok(())
            },
        )
        .unwrap_or_else(|failure| panic!("{failure}"));
}
