//! The generated decoder and the IR-driven validator are two traversals of
//! one semantics: on many valid payloads and on every kind of mutation of
//! them, they must report the same set of (path, rule).

use codegen::ir::{Part, Response};
use codegen_runtime::Report;
use mosia_tests::arbitrary::{mutate, mutation, valid_object};
use mosia_tests::{generated, load_api, report_pairs};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

/// Cases per operation and part; a few thousand as the issue asks, cheap
/// enough for every `cargo test` (override with PROPTEST_CASES).
const CASES: u32 = 2000;

fn pairs(result: Result<(), Report>) -> Vec<(String, String)> {
    match result {
        Ok(()) => Vec::new(),
        Err(report) => report_pairs(&report),
    }
}

#[test]
fn generated_decoder_and_ir_validator_agree() {
    let api = load_api();
    let mut checked = 0;
    for module in &api.modules {
        for operation in &module.operations {
            let mut parts = vec![(Part::Request, operation.request)];
            if let Response::Typed(ty) = operation.response {
                parts.push((Part::Response, ty));
            }
            if let Some(ty) = operation.failure {
                parts.push((Part::Failure, ty));
            }
            for (part, ty) in parts {
                let cases = std::env::var("PROPTEST_CASES")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(CASES);
                let mut runner = TestRunner::new(Config {
                    cases,
                    failure_persistence: None,
                    ..Config::default()
                });
                let strategy = (
                    valid_object(module, ty),
                    mutation(),
                    any::<Index>(),
                    any::<bool>(),
                );
                runner
                    .run(&strategy, |(valid, mutation, at, pristine)| {
                        let bytes = if pristine {
                            let bytes = serde_json::to_vec(&valid).unwrap();
                            let ours = generated::decode(&operation.id, part, &bytes).unwrap();
                            prop_assert!(
                                ours.is_ok(),
                                "a generated valid payload was rejected: {:?}",
                                ours
                            );
                            bytes
                        } else {
                            mutate(valid, mutation, at)
                        };
                        let by_type =
                            pairs(generated::decode(&operation.id, part, &bytes).unwrap());
                        let by_ir = report_pairs(&codegen::validator::validate(module, ty, &bytes));
                        prop_assert_eq!(
                            &by_type,
                            &by_ir,
                            "{} {} disagree on {}",
                            operation.id,
                            part.as_str(),
                            String::from_utf8_lossy(&bytes)
                        );
                        Ok(())
                    })
                    .unwrap_or_else(|failure| panic!("{failure}"));
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked, 4,
        "criarOcorrencia request + demonstrativo request/response/failure"
    );
}

#[test]
fn every_fixture_gives_the_same_violations_through_the_generated_types() {
    for fixture in mosia_tests::fixtures() {
        let Some(result) = generated::decode(&fixture.operation, fixture.part, &fixture.bytes)
        else {
            continue;
        };
        let actual = pairs(result);
        assert_eq!(actual, fixture.expected, "{}", fixture.id());
    }
}
