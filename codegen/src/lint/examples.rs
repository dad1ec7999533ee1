//! Examples: is the text JSON, does that match the recorded expectation,
//! and (with a validator) does validating it give exactly the expected
//! violations.

use super::{ExampleValidator, FindingKind, Findings};
use crate::ir::{Example, Expectation, Module, Place, Rule};

pub(super) fn lint(module: &Module, validator: Option<&dyn ExampleValidator>, out: &mut Findings) {
    for (index, example) in module.examples.iter().enumerate() {
        let at = Place::Example(index);
        let expects_syntax = example.violations.iter().any(|v| v.rule == Rule::Syntax);
        match serde_json::from_str::<serde_json::Value>(&example.text) {
            Err(error) => {
                out.push(
                    at,
                    FindingKind::ExampleNotJson,
                    format!(
                        "example {:?} is not JSON: {error} of its text",
                        example.title
                    ),
                );
                if !expects_syntax {
                    out.push(
                        at,
                        FindingKind::ExampleExpectation,
                        format!(
                            "example {:?} is not JSON, but its expected violations do not include `syntax`",
                            example.title
                        ),
                    );
                }
            }
            Ok(_) if expects_syntax => out.push(
                at,
                FindingKind::ExampleExpectation,
                format!(
                    "example {:?} is JSON, yet a `syntax` violation is expected",
                    example.title
                ),
            ),
            Ok(_) => {}
        }
        if let Some(validator) = validator {
            compare(module, example, at, validator, out);
        }
    }
}

/// Reports every expected violation the validator did not find and every
/// violation it found that the spec does not expect (as multisets).
fn compare(
    module: &Module,
    example: &Example,
    at: Place,
    validator: &dyn ExampleValidator,
    out: &mut Findings,
) {
    let mut unexpected = validator.validate(module, example);
    let mut missing: Vec<&Expectation> = Vec::new();
    for expected in &example.violations {
        let found = unexpected
            .iter()
            .position(|found| found.path == expected.path && found.rule == expected.rule);
        match found {
            Some(i) => {
                unexpected.remove(i);
            }
            None => missing.push(expected),
        }
    }
    for violation in missing {
        out.push(
            at,
            FindingKind::ExampleMismatch,
            format!(
                "example {:?}: expected a `{}` violation at {:?}, but validation did not report it",
                example.title, violation.rule, violation.path
            ),
        );
    }
    for violation in unexpected {
        out.push(
            at,
            FindingKind::ExampleMismatch,
            format!(
                "example {:?}: validation reports an unexpected `{}` violation at {:?}",
                example.title, violation.rule, violation.path
            ),
        );
    }
}
