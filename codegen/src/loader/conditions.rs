//! `condition:` of a `C` attribute → [`ir::Condition`], resolved against
//! the attribute's siblings.

use crate::ir::{self, FieldId, FieldType, Scalar, StringFormat};
use crate::spec::lenient::{describe, suggestion};

use super::fields::Draft;
use super::report::{Report, SpecPath};

/// The condition of a `C` attribute; `None` if it has errors (reported).
pub(super) fn condition(
    report: &mut Report,
    type_name: &str,
    draft: &Draft,
    siblings: &[Option<Draft>],
) -> Option<ir::Condition> {
    let at = draft.at.key("condition");
    let condition = draft.condition?;
    let filled = report.optional(&at, "filled", &condition.filled);
    let equals = report.optional(&at, "equals", &condition.equals);
    let broken = !condition.filled.issues().is_empty() || !condition.equals.issues().is_empty();
    match (filled, equals) {
        (Some(_), Some(_)) => {
            report.error(
                &at,
                "a condition has exactly one of `filled` or `equals`, not both",
            );
            None
        }
        (Some(names), None) => {
            if names.is_empty() {
                report.error(
                    &at.key("filled"),
                    "`filled` lists no attributes; expected at least one sibling attribute",
                );
                return None;
            }
            let ids: Vec<Option<FieldId>> = names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let item_at = at.key("filled").index(i);
                    let name = report.required_text(&at.key("filled"), &i.to_string(), name)?;
                    sibling(report, &item_at, type_name, draft, siblings, name)
                })
                .collect();
            ids.into_iter()
                .collect::<Option<Vec<_>>>()
                .map(ir::Condition::Filled)
        }
        (None, Some(equals)) => {
            let at = at.key("equals");
            let field = report
                .required_text(&at, "field", &equals.field)
                .and_then(|name| {
                    sibling(report, &at.key("field"), type_name, draft, siblings, name)
                });
            let value = report.required(&at, "value", &equals.value);
            let (field, value) = (field?, value?);
            let value = scalar(report, &at.key("value"), value)?;
            let sibling_ty = siblings.get(field.0)?.as_ref()?.ty.as_ref()?;
            comparable(
                report,
                &at.key("value"),
                siblings,
                field,
                sibling_ty,
                &value,
            )?;
            Some(ir::Condition::Equals { field, value })
        }
        (None, None) => {
            if !broken {
                report.error(
                    &at,
                    "a condition needs `filled: [...]` or `equals: { field, value }`",
                );
            }
            None
        }
    }
}

/// A sibling attribute named by a condition.
fn sibling(
    report: &mut Report,
    at: &SpecPath,
    type_name: &str,
    draft: &Draft,
    siblings: &[Option<Draft>],
    name: &str,
) -> Option<FieldId> {
    if Some(name) == draft.wire {
        report.error(
            at,
            format!("attribute {name:?} cannot be conditioned on itself"),
        );
        return None;
    }
    let position = siblings
        .iter()
        .position(|s| s.as_ref().and_then(|s| s.wire) == Some(name));
    match position {
        Some(index) => Some(FieldId(index)),
        None => {
            let names = siblings
                .iter()
                .flatten()
                .filter_map(|s| s.wire)
                .filter(|wire| Some(*wire) != draft.wire);
            report.error(
                at,
                format!(
                    "unknown attribute {name:?}; a condition names another attribute of type {type_name:?}{}",
                    suggestion(name, names)
                ),
            );
            None
        }
    }
}

fn scalar(report: &mut Report, at: &SpecPath, value: &serde_yaml::Value) -> Option<Scalar> {
    match value {
        serde_yaml::Value::String(s) => Some(Scalar::String(s.clone())),
        serde_yaml::Value::Bool(b) => Some(Scalar::Bool(*b)),
        serde_yaml::Value::Number(n) if n.as_i64().is_some() => n.as_i64().map(Scalar::Int),
        other => {
            report.error(
                at,
                format!(
                    "expected a string, an integer (within i64) or a boolean, found {}",
                    describe(other)
                ),
            );
            None
        }
    }
}

/// Whether the sibling can ever hold `value`; a condition that can never
/// hold is a transcription mistake.
fn comparable(
    report: &mut Report,
    at: &SpecPath,
    siblings: &[Option<Draft>],
    field: FieldId,
    sibling_ty: &FieldType,
    value: &Scalar,
) -> Option<()> {
    // A date is a `NaiveDate` in the generated type, not text: comparing it
    // with a literal is not supported (yet), so it is refused here rather
    // than silently never matching.
    let fits = matches!(
        (sibling_ty, value),
        (
            FieldType::String(None | Some(StringFormat::Color)),
            Scalar::String(_)
        ) | (FieldType::Int, Scalar::Int(_))
            | (FieldType::Boolean, Scalar::Bool(_))
    );
    if fits {
        return Some(());
    }
    let name = siblings
        .get(field.0)
        .and_then(|s| s.as_ref()?.wire)
        .unwrap_or_default();
    let kind = match sibling_ty {
        FieldType::String(_) => "String",
        FieldType::Int => "Int",
        FieldType::Boolean => "Boolean",
        FieldType::Float | FieldType::Decimal => "Float",
        FieldType::Object(_) | FieldType::FreeObject => "Objeto",
        FieldType::Array(_) => "Array",
    };
    let message = match sibling_ty {
        FieldType::String(Some(StringFormat::Date)) => format!(
            "`equals` cannot compare the date attribute {name:?}; use `filled` or compare another attribute"
        ),
        FieldType::String(_) | FieldType::Int | FieldType::Boolean => format!(
            "attribute {name:?} is {kind}, so it can never equal {}",
            scalar_text(value)
        ),
        _ => format!("`equals` compares String, Int or Boolean attributes; {name:?} is {kind}"),
    };
    report.error(at, message);
    None
}

fn scalar_text(value: &Scalar) -> String {
    match value {
        Scalar::String(s) => format!("the string {s:?}"),
        Scalar::Int(i) => format!("the integer {i}"),
        Scalar::Bool(b) => format!("the boolean {b}"),
    }
}
