//! The payload fixtures of `tests/fixtures/` against the IR-driven validator:
//! each payload must give exactly the (path, rule) set of its
//! `.expected.json`, no more and no less.

use std::collections::BTreeSet;

use codegen::ir::{Api, Criterion, FieldType, Part, Response, StringFormat};
use codegen::validator::{find_operation, part_type, validate};
use mosia_tests::{fixtures, load_api, report_pairs, Fixture, PARTS};

/// What validating `fixture` against the spec gives, or why it cannot be done.
fn run(api: &Api, fixture: &Fixture) -> Result<Vec<(String, String)>, String> {
    let (module, operation) = find_operation(api, &fixture.operation).map_err(|e| e.to_string())?;
    let ty = part_type(operation, fixture.part).map_err(|e| e.to_string())?;
    Ok(report_pairs(&validate(module, ty, &fixture.bytes)))
}

#[test]
fn every_fixture_gives_exactly_its_expected_violations() {
    let api = load_api();
    let all = fixtures();
    let mut failures = Vec::new();
    for fixture in &all {
        match run(&api, fixture) {
            Ok(actual) => failures.extend(fixture.check(&actual)),
            Err(error) => failures.push(format!(
                "fixture {}: cannot validate: {error}\n",
                fixture.id()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures disagree with the validator:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Every documented body has fixtures, both accepted and rejected ones, and
/// no fixture targets something the spec does not document.
#[test]
fn every_documented_part_has_valid_and_invalid_fixtures() {
    let api = load_api();
    let all = fixtures();
    let mut problems = Vec::new();
    for module in &api.modules {
        for operation in &module.operations {
            for part in PARTS {
                let documented = match part {
                    Part::Request => true,
                    Part::Response => matches!(operation.response, Response::Typed(_)),
                    Part::Failure => operation.failure.is_some(),
                };
                let of_part: Vec<&Fixture> = all
                    .iter()
                    .filter(|f| f.operation == operation.id && f.part == part)
                    .collect();
                let target = format!("{}/{}", operation.id, part.as_str());
                if !documented {
                    if !of_part.is_empty() {
                        problems.push(format!("{target}: not documented, yet has fixtures"));
                    }
                    continue;
                }
                if !of_part.iter().any(|f| f.is_valid()) {
                    problems.push(format!("{target}: no valid fixture"));
                }
                if !of_part.iter().any(|f| !f.is_valid()) {
                    problems.push(format!("{target}: no invalid fixture"));
                }
            }
        }
    }
    for fixture in &all {
        if find_operation(&api, &fixture.operation).is_err() {
            problems.push(format!("{}: no such operation in the spec", fixture.id()));
        }
    }
    assert!(
        problems.is_empty(),
        "fixture coverage:\n  {}",
        problems.join("\n  ")
    );
}

/// Every rule the spec can produce is shown failing by some fixture. Rules
/// that depend on the spec (`conditional`, `format`, `blank`, ...) are only
/// required when some field of the spec can break them.
#[test]
fn every_applicable_rule_has_a_failing_fixture() {
    let api = load_api();
    let fields = || {
        api.modules
            .iter()
            .flat_map(|m| m.types.iter())
            .flat_map(|t| t.fields.iter())
    };
    let mut required: BTreeSet<&str> = [
        "mandatory",
        "type",
        "unknown_attribute",
        "duplicate_attribute",
        "syntax",
        "depth",
    ]
    .into();
    let leaf = |ty: &FieldType| -> FieldType {
        let mut ty = ty.clone();
        while let FieldType::Array(item) = ty {
            ty = *item;
        }
        ty
    };
    for field in fields() {
        if matches!(field.criterion, Criterion::Conditional(_)) {
            required.insert("conditional");
        }
        match leaf(&field.ty) {
            FieldType::String(Some(StringFormat::Date | StringFormat::Color)) => {
                required.insert("format");
            }
            FieldType::Int | FieldType::Float | FieldType::Decimal => {
                required.insert("range");
            }
            _ => {}
        }
        if matches!(field.ty, FieldType::String(_))
            && !matches!(field.criterion, Criterion::Optional)
        {
            required.insert("blank");
        }
    }
    let shown: BTreeSet<String> = fixtures()
        .into_iter()
        .flat_map(|f| f.expected)
        .map(|(_, rule)| rule)
        .collect();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|rule| !shown.contains(*rule))
        .collect();
    assert!(
        missing.is_empty(),
        "no fixture shows these rules failing: {missing:?}"
    );
}
