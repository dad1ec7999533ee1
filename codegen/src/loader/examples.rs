//! `examples:` → [`ir::Example`]s: what each shows and what validating it
//! must give.

use crate::ir::{self, ExampleTarget, Part, Response, Verdict};
use crate::spec::lenient::suggestion;
use crate::spec::{self, Lenient, Slot};

use super::report::{Report, SpecPath};
use super::types::Declared;

/// Every example, `None` where one has errors (reported).
/// `operations` holds each operation's id and, when it was built, the
/// operation itself.
pub fn build(
    report: &mut Report,
    declared: &Declared,
    operations: &[(Option<&str>, Option<&ir::Operation>)],
    items: &[Lenient<spec::Example>],
) -> Vec<Option<ir::Example>> {
    let list_at = SpecPath::root().key("examples");
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let at = list_at.index(index);
            report.issues(&at, item);
            let example = match item.slot() {
                Slot::Valid(example) => example,
                Slot::Null => {
                    report.error(&at, "empty example; expected a mapping with title, verdict and text");
                    return None;
                }
                _ => return None,
            };
            let title = report.required_text(&at, "title", &example.title);
            let target = target(report, declared, operations, &at, example);
            let verdict = report.required(&at, "verdict", &example.verdict).copied();
            let violations = violations(report, &at, &example.violations);
            let text = report.required_text(&at, "text", &example.text);
            let verdict = match (verdict?, violations.as_deref()?) {
                (spec::Verdict::Valid, [_, ..]) => {
                    report.error(
                        &at.key("violations"),
                        "a valid example expects no violations; make the verdict `invalid` or remove them",
                    );
                    return None;
                }
                (spec::Verdict::Invalid, []) => {
                    report.error(&at, "an invalid example lists the violations it is expected to produce in `violations`");
                    return None;
                }
                (spec::Verdict::Valid, []) => Verdict::Valid,
                (spec::Verdict::Invalid, [_, ..]) => Verdict::Invalid,
            };
            Some(ir::Example {
                title: title?.to_owned(),
                target: target?,
                verdict,
                text: text?.to_owned(),
                violations: violations?,
            })
        })
        .collect()
}

fn target(
    report: &mut Report,
    declared: &Declared,
    operations: &[(Option<&str>, Option<&ir::Operation>)],
    at: &SpecPath,
    example: &spec::Example,
) -> Option<ExampleTarget> {
    let operation = report.optional_text(at, "operation", &example.operation);
    let part = report.optional(at, "part", &example.part).copied();
    let ty = report.optional_text(at, "type", &example.ty);
    let any_broken = [
        example.operation.issues(),
        example.part.issues(),
        example.ty.issues(),
    ]
    .iter()
    .any(|issues| !issues.is_empty());
    match (operation, part, ty) {
        (Some(_), _, Some(_)) | (None, Some(_), Some(_)) => {
            report.error(
                at,
                "an example targets either `operation` with `part`, or `type`, not both",
            );
            None
        }
        (Some(name), Some(part), None) => operation_target(report, operations, at, name, part),
        (Some(_), None, None) => {
            if example.part.issues().is_empty() {
                report.error(
                    &at.key("part"),
                    "missing required key \"part\"; an example of an operation says which part it shows: request, response or failure",
                );
            }
            None
        }
        (None, Some(_), None) => {
            if example.operation.issues().is_empty() {
                report.error(
                    &at.key("operation"),
                    "missing required key \"operation\"; `part` needs the operation it belongs to",
                );
            }
            None
        }
        (None, None, Some(name)) => declared
            .reference(report, &at.key("type"), name)
            .map(ExampleTarget::Type),
        (None, None, None) => {
            if !any_broken {
                report.error(
                    at,
                    "an example needs `operation` with `part`, or `type`, saying what it shows",
                );
            }
            None
        }
    }
}

fn operation_target(
    report: &mut Report,
    operations: &[(Option<&str>, Option<&ir::Operation>)],
    at: &SpecPath,
    name: &str,
    part: spec::Part,
) -> Option<ExampleTarget> {
    let Some(index) = operations.iter().position(|(id, _)| *id == Some(name)) else {
        let ids: Vec<&str> = operations.iter().filter_map(|(id, _)| *id).collect();
        let listed = if ids.is_empty() {
            "no operations are declared".to_owned()
        } else {
            format!("declared operations: {}", ids.join(", "))
        };
        report.error(
            &at.key("operation"),
            format!(
                "unknown operation {name:?}; {listed}{}",
                suggestion(name, ids.iter().copied())
            ),
        );
        return None;
    };
    let part = match part {
        spec::Part::Request => Part::Request,
        spec::Part::Response => Part::Response,
        spec::Part::Failure => Part::Failure,
    };
    if let Some(op) = operations[index].1 {
        if part == Part::Failure && op.failure.is_none() {
            report.error(
                &at.key("part"),
                format!("operation {name:?} documents no failure type"),
            );
            return None;
        }
        if part == Part::Response && op.response == Response::Undocumented {
            report.error(
                &at.key("part"),
                format!("operation {name:?} has an undocumented response; an example cannot be checked against it"),
            );
            return None;
        }
    }
    Some(ExampleTarget::Operation {
        operation: index,
        part,
    })
}

fn violations(
    report: &mut Report,
    at: &SpecPath,
    node: &Lenient<Vec<Lenient<spec::Violation>>>,
) -> Option<Vec<ir::Expectation>> {
    let Some(items) = report.optional(at, "violations", node) else {
        return node.issues().is_empty().then(Vec::new);
    };
    let list_at = at.key("violations");
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let at = list_at.index(index);
            report.issues(&at, item);
            let violation = match item.slot() {
                Slot::Valid(violation) => violation,
                Slot::Null => {
                    report.error(&at, "empty violation; expected { path, rule }");
                    return None;
                }
                _ => return None,
            };
            let path = report
                .required(&at, "path", &violation.path)
                .and_then(|path| json_pointer(report, &at.key("path"), path));
            let rule = report.required(&at, "rule", &violation.rule);
            Some(ir::Expectation {
                path: path?.to_owned(),
                rule: rule_of(*rule?),
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// RFC 6901: empty, or `/`-separated tokens where `~` only escapes 0 or 1.
fn json_pointer<'s>(report: &mut Report, at: &SpecPath, pointer: &'s str) -> Option<&'s str> {
    let well_formed = pointer.is_empty()
        || (pointer.starts_with('/')
            && pointer
                .split('~')
                .skip(1)
                .all(|rest| rest.starts_with(['0', '1'])));
    if well_formed {
        Some(pointer)
    } else {
        report.error(
            at,
            format!(
                "{pointer:?} is not a JSON pointer; expected \"\" for the whole example or a path like \"/registros/2/subtitulo\""
            ),
        );
        None
    }
}

/// The runtime's rule for a spec's rule code (the spec accepts exactly the
/// runtime's codes: `spec::rule_code_tests`).
fn rule_of(code: spec::RuleCode) -> ir::Rule {
    use ir::Rule;
    use spec::RuleCode;
    match code {
        RuleCode::Mandatory => Rule::Mandatory,
        RuleCode::Blank => Rule::Blank,
        RuleCode::Type => Rule::Type,
        RuleCode::UnknownAttribute => Rule::UnknownAttribute,
        RuleCode::DuplicateAttribute => Rule::DuplicateAttribute,
        RuleCode::Format => Rule::Format,
        RuleCode::Conditional => Rule::Conditional,
        RuleCode::Syntax => Rule::Syntax,
        RuleCode::Range => Rule::Range,
        RuleCode::Depth => Rule::Depth,
        RuleCode::Pattern => Rule::Pattern,
        RuleCode::Length => Rule::Length,
        RuleCode::Value => Rule::Value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each spec rule code gives the runtime rule of the same code.
    #[test]
    fn rule_codes_give_the_runtime_rules() {
        for rule in ir::Rule::ALL {
            let code: spec::RuleCode = serde_yaml::from_str(rule.code()).expect("a spec code");
            assert_eq!(rule_of(code), rule);
        }
    }
}
