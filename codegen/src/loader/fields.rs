//! One row of an object table → [`ir::Field`]: wire and Rust names, type,
//! format and criterion.

use std::collections::HashMap;

use crate::ir::{self, Criterion, FieldType, StringFormat};
use crate::naming;
use crate::spec::lenient::suggestion;
use crate::spec::{self, Format, Lenient, TypeKeyword};

use super::conditions::condition;
use super::report::{Report, SpecPath};
use super::types::Declared;

/// One attribute as read, before its condition can be resolved against
/// its siblings. Parts that failed are `None` (and reported).
pub(super) struct Draft<'s> {
    pub at: SpecPath,
    pub wire: Option<&'s str>,
    pub rust: Option<String>,
    pub criterion: Option<spec::Criterion>,
    pub condition: Option<&'s spec::Condition>,
    pub ty: Option<FieldType>,
    pub doc_type: Option<String>,
    pub description: Option<&'s str>,
    pub rule: Option<&'s str>,
}

pub(super) fn draft_field<'s>(
    report: &mut Report,
    declared: &Declared,
    list_at: &SpecPath,
    index: usize,
    item: &'s Lenient<spec::Field>,
) -> Option<Draft<'s>> {
    let name_hint = item.get().and_then(|f| f.name.get()).map(String::as_str);
    let at = list_at.item(index, name_hint);
    report.issues(&at, item);
    let field = match item.slot() {
        spec::Slot::Valid(field) => field,
        spec::Slot::Null => {
            report.error(
                &at,
                "empty attribute; expected a mapping with name, criterion, type and description",
            );
            return None;
        }
        _ => return None,
    };
    let wire = report.required_text(&at, "name", &field.name);
    let rust = wire.and_then(|wire| wire_rust_name(report, &at.key("name"), wire));
    let criterion = report.required(&at, "criterion", &field.criterion).copied();
    let keyword = report.required(&at, "type", &field.ty).copied();
    let ty = keyword.and_then(|keyword| field_type(report, declared, &at, keyword, field));
    let doc_type = report
        .optional_text(&at, "doc_type", &field.doc_type)
        .map(str::to_owned)
        .or_else(|| keyword.map(|k| k.as_str().to_owned()));
    let description = report.required_text(&at, "description", &field.description);
    let rule = report.optional_text(&at, "rule", &field.rule);
    let condition = report.optional(&at, "condition", &field.condition);
    match (criterion, condition) {
        (Some(spec::Criterion::Conditional), None) if !field.condition.issues().is_empty() => {}
        (Some(spec::Criterion::Conditional), None) => report.error_with_help(
            &at.key("criterion"),
            "criterion C needs a `condition` saying when the attribute is mandatory",
            "add `condition: { filled: [otherAttribute] }` or \
             `condition: { equals: { field: otherAttribute, value: ... } }`",
        ),
        (Some(other), Some(_)) if other != spec::Criterion::Conditional => report.error(
            &at.key("condition"),
            format!(
                "`condition` only applies to criterion C; this attribute is {}",
                other.as_str()
            ),
        ),
        _ => {}
    }
    Some(Draft {
        at,
        wire,
        rust,
        criterion,
        condition,
        ty,
        doc_type,
        description,
        rule,
    })
}

/// The Rust field name of a wire name, reporting names Rust cannot spell.
fn wire_rust_name(report: &mut Report, at: &SpecPath, wire: &str) -> Option<String> {
    if wire.trim() != wire {
        report.error(
            at,
            format!(
                "attribute name {wire:?} has leading or trailing whitespace; wire names are exact"
            ),
        );
        return None;
    }
    match naming::field_name(wire) {
        Ok(rust) => Some(rust),
        Err(why) => {
            report.error(
                at,
                format!("attribute name {wire:?} cannot become a Rust identifier: {why}"),
            );
            None
        }
    }
}

/// Repeated wire names, and distinct wire names that collide in Rust
/// (`estadoCivil` and `estado-civil` are both `estado_civil`).
pub(super) fn check_unique_names(report: &mut Report, type_name: &str, drafts: &[Option<Draft>]) {
    let mut wires: HashMap<&str, usize> = HashMap::new();
    let mut rusts: HashMap<&str, &str> = HashMap::new();
    for (index, draft) in drafts.iter().enumerate() {
        let Some(Draft {
            at,
            wire: Some(wire),
            rust,
            ..
        }) = draft
        else {
            continue;
        };
        if let Some(first) = wires.get(wire) {
            report.error(
                &at.key("name"),
                format!(
                    "duplicate attribute {wire:?} in type {type_name:?} (also field {first}); \
                     wire names are unique within a type"
                ),
            );
            continue;
        }
        wires.insert(wire, index);
        if let Some(rust) = rust {
            if let Some(other) = rusts.get(rust.as_str()) {
                report.error(
                    &at.key("name"),
                    format!(
                        "attributes {other:?} and {wire:?} of type {type_name:?} both become \
                         the Rust field `{rust}`"
                    ),
                );
            } else {
                rusts.insert(rust, wire);
            }
        }
    }
}

const ELEMENT_TYPES: &str =
    "String, Int, Float, Boolean, Objeto (a free-form object) or a declared type";

fn field_type(
    report: &mut Report,
    declared: &Declared,
    at: &SpecPath,
    keyword: TypeKeyword,
    field: &spec::Field,
) -> Option<FieldType> {
    let format = report.optional(at, "format", &field.format).copied();
    let of = report.optional_text(at, "of", &field.of);
    let free_form = report.optional(at, "free_form", &field.free_form).copied();

    if free_form.is_some() && keyword != TypeKeyword::Objeto {
        let help = if keyword == TypeKeyword::Array {
            "for an array of free-form objects write `of: Objeto`"
        } else {
            "remove `free_form`"
        };
        report.error_with_help(
            &at.key("free_form"),
            format!(
                "`free_form` only applies to type Objeto; this attribute is {}",
                keyword.as_str()
            ),
            help,
        );
    }
    if of.is_some() && !matches!(keyword, TypeKeyword::Array | TypeKeyword::Objeto) {
        report.error(
            &at.key("of"),
            format!(
                "`of` only applies to types Array and Objeto; this attribute is {}",
                keyword.as_str()
            ),
        );
    }

    let ty = match keyword {
        TypeKeyword::String => FieldType::String(None),
        TypeKeyword::Int => FieldType::Int,
        TypeKeyword::Float => FieldType::Float,
        TypeKeyword::Boolean => FieldType::Boolean,
        // A broken `of` or `free_form` is already reported; saying the
        // Objeto lacks them would only repeat it.
        TypeKeyword::Objeto
            if !field.of.issues().is_empty() || !field.free_form.issues().is_empty() =>
        {
            return None
        }
        TypeKeyword::Objeto => objeto_type(report, declared, at, of, free_form)?,
        TypeKeyword::Array => {
            let Some(of) = of else {
                if field.of.is_absent() || matches!(field.of.slot(), spec::Slot::Null) {
                    report.error(
                        &at.key("of"),
                        format!("type Array needs `of`, the element type: {ELEMENT_TYPES}"),
                    );
                }
                return None;
            };
            match element_type(report, declared, &at.key("of"), of) {
                Some(element) => FieldType::Array(Box::new(element)),
                // Whether a format fits the elements is unknown: say
                // nothing more.
                None => return None,
            }
        }
    };
    match format {
        Some(format) => with_format(report, &at.key("format"), keyword, ty, format),
        None => Some(ty),
    }
}

/// `ty` refined by `format`: on a String (`date`, `color`), a Float
/// (`decimal`), or the elements of an Array of those, except colours.
fn with_format(
    report: &mut Report,
    at: &SpecPath,
    keyword: TypeKeyword,
    ty: FieldType,
    format: Format,
) -> Option<FieldType> {
    let refined = |ty: &FieldType| match (ty, format) {
        (FieldType::String(None), Format::Date) => {
            Some(FieldType::String(Some(StringFormat::Date)))
        }
        (FieldType::String(None), Format::Color) => {
            Some(FieldType::String(Some(StringFormat::Color)))
        }
        (FieldType::Float, Format::Decimal) => Some(FieldType::Decimal),
        _ => None,
    };
    if let FieldType::Array(element) = &ty {
        return match refined(element) {
            Some(FieldType::String(Some(StringFormat::Color))) => {
                report.error_with_help(
                    at,
                    "an array of colours is not supported: the derives check `format = \"color\"` \
                     on String and Option<String> attributes only, so the generated type would not \
                     check its elements",
                    "declare the colours as an Objeto with one `color` attribute, or leave the \
                     format out (the elements are then any string)",
                );
                None
            }
            Some(element) => Some(FieldType::Array(Box::new(element))),
            None => {
                report.error_with_help(
                    at,
                    format!(
                        "format {:?} does not apply to the elements of this Array; it applies to \
                         {}",
                        format.as_str(),
                        applies_to(format)
                    ),
                    "an Array's elements take the format of their type: `of: String` with \
                     `date`, `of: Float` with `decimal`",
                );
                None
            }
        };
    }
    if let Some(refined) = refined(&ty) {
        return Some(refined);
    }
    let rule = match format {
        Format::Date | Format::Color => "only applies to String attributes",
        Format::Decimal => "is only allowed directly on a Float attribute",
    };
    let help = match keyword {
        TypeKeyword::String => "String takes `date` or `color`",
        TypeKeyword::Float => "Float takes `decimal`",
        _ => "remove `format`",
    };
    report.error_with_help(
        at,
        format!(
            "format {:?} {rule}; this attribute is {}",
            format.as_str(),
            keyword.as_str()
        ),
        help,
    );
    None
}

fn applies_to(format: Format) -> &'static str {
    match format {
        Format::Date => "String elements (`of: String`)",
        Format::Color => "String attributes",
        Format::Decimal => "Float elements (`of: Float`)",
    }
}

fn objeto_type(
    report: &mut Report,
    declared: &Declared,
    at: &SpecPath,
    of: Option<&str>,
    free_form: Option<bool>,
) -> Option<FieldType> {
    match (of, free_form) {
        (Some(_), Some(true)) => {
            report.error(
                at,
                "an Objeto has either `of: <Type>` or `free_form: true`, not both",
            );
            None
        }
        (Some(name), _) => {
            if TypeKeyword::parse(name).is_some() {
                report.error_with_help(
                    &at.key("of"),
                    format!("`of` of an Objeto names a declared type, not the built-in {name:?}"),
                    "for an object with no documented attributes write `free_form: true`",
                );
                return None;
            }
            declared
                .reference(report, &at.key("of"), name)
                .map(FieldType::Object)
        }
        (None, Some(true)) => Some(FieldType::FreeObject),
        (None, _) => {
            report.error(
                at,
                "type Objeto needs `of: <Type>` (a declared type) or `free_form: true`",
            );
            None
        }
    }
}

fn element_type(
    report: &mut Report,
    declared: &Declared,
    at: &SpecPath,
    of: &str,
) -> Option<FieldType> {
    let element = match TypeKeyword::parse(of) {
        Some(TypeKeyword::String) => FieldType::String(None),
        Some(TypeKeyword::Int) => FieldType::Int,
        Some(TypeKeyword::Float) => FieldType::Float,
        Some(TypeKeyword::Boolean) => FieldType::Boolean,
        Some(TypeKeyword::Objeto) => FieldType::FreeObject,
        Some(TypeKeyword::Array) => {
            report.error(
                at,
                format!("arrays of arrays are not supported; expected {ELEMENT_TYPES}"),
            );
            return None;
        }
        None => match declared.get(of) {
            Some(id) => FieldType::Object(id),
            None => {
                let candidates: Vec<&str> = TypeKeyword::NAMES
                    .iter()
                    .copied()
                    .filter(|name| *name != "Array")
                    .chain(declared.names())
                    .collect();
                report.error(
                    at,
                    format!(
                        "unknown element type {of:?}; expected {ELEMENT_TYPES}{}",
                        suggestion(of, candidates)
                    ),
                );
                return None;
            }
        },
    };
    Some(element)
}

/// Completes a drafted attribute once all its siblings are known.
pub(super) fn finish_field(
    report: &mut Report,
    type_name: &str,
    draft: &Draft,
    siblings: &[Option<Draft>],
) -> Option<ir::Field> {
    let criterion = match draft.criterion? {
        spec::Criterion::Mandatory => Criterion::Mandatory,
        spec::Criterion::Optional => Criterion::Optional,
        spec::Criterion::Conditional => {
            Criterion::Conditional(condition(report, type_name, draft, siblings)?)
        }
    };
    Some(ir::Field {
        wire_name: draft.wire?.to_owned(),
        rust_name: draft.rust.clone()?,
        criterion,
        ty: draft.ty.clone()?,
        doc_type: draft.doc_type.clone()?,
        description: draft.description?.to_owned(),
        rule: draft.rule.map(str::to_owned),
    })
}
