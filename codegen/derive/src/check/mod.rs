//! Check: the [`raw`] model turned into the [`checked`] one. Names are
//! resolved (with a "did you mean" from `codegen-suggest`), rules are
//! matched against the field types, conditions against the siblings; every
//! misuse is reported to the [`Ctxt`] with its span, and a checked model is
//! returned only when the item has none.

mod condition;
mod field;

use syn::ext::IdentExt;
use syn::{Fields, Path};

use crate::checked;
use crate::ctxt::Ctxt;
use crate::raw::{self, ContainerKey, Shape};

const CONTAINER_KEYS: &[&str] = &["deserialize"];

pub fn input(raw: &raw::Input<'_>, cx: &Ctxt) -> Option<checked::Input> {
    if !raw.generics.params.is_empty() {
        cx.error_spanned_by(
            raw.generics,
            "Decode/Validate do not support generic types; declare a concrete type",
        );
    }
    let deserialize = container(&raw.keys, cx);
    let input = match &raw.shape {
        Shape::Struct(fields) => {
            structure(raw, fields, deserialize, cx).map(checked::Input::Struct)
        }
        Shape::Enum(variants) => Some(checked::Input::Enum(unit_enum(
            raw,
            variants,
            deserialize,
            cx,
        ))),
        Shape::Unnamed => {
            cx.error_spanned_by(
                raw.ident,
                "Decode/Validate need a struct with named fields: each field is an attribute \
                 of a JSON object (tuple and unit structs have no attribute names)",
            );
            None
        }
        Shape::Union(token) => {
            cx.error_spanned_by(
                token,
                "Decode/Validate cannot be derived for a union; use a struct with named fields",
            );
            None
        }
    };
    input.filter(|_| !cx.has_errors())
}

/// Whether the container asks for `deserialize`.
fn container(keys: &[ContainerKey], cx: &Ctxt) -> bool {
    let mut deserialize = false;
    for key in keys {
        match key {
            ContainerKey::Deserialize => deserialize = true,
            ContainerKey::Unknown(path) => {
                let name = path_name(path);
                cx.error_spanned_by(
                    path,
                    format!(
                        "unknown container attribute `{name}`{}",
                        did_you_mean(&name, CONTAINER_KEYS)
                    ),
                );
            }
        }
    }
    deserialize
}

/// Each field on its own first, then the conditions, which need them all.
fn structure(
    raw: &raw::Input<'_>,
    fields: &[raw::Field<'_>],
    deserialize: bool,
    cx: &Ctxt,
) -> Option<checked::Struct> {
    let drafts: Vec<field::Draft<'_>> = fields
        .iter()
        .map(|f| field::check(f, raw.rename_all, cx))
        .collect();
    let siblings = condition::Siblings::new(fields);
    let criteria: Vec<Option<checked::Criterion>> = drafts
        .iter()
        .map(|draft| siblings.resolve(draft.ident, &draft.criterion, cx))
        .collect();
    if cx.has_errors() {
        return None;
    }
    let fields = drafts
        .into_iter()
        .zip(criteria)
        .map(|(draft, criterion)| Some(draft.finish(criterion?)))
        .collect::<Option<_>>()?;
    Some(checked::Struct {
        ident: raw.ident.clone(),
        deserialize,
        fields,
    })
}

fn unit_enum(
    raw: &raw::Input<'_>,
    variants: &[raw::Variant<'_>],
    deserialize: bool,
    cx: &Ctxt,
) -> checked::UnitEnum {
    let mut checked = Vec::new();
    for variant in variants {
        if !matches!(variant.original.fields, Fields::Unit) {
            cx.error_spanned_by(
                variant.original,
                "Decode/Validate support only unit-only enums (each variant is a string \
                 value on the wire); this variant carries data",
            );
            continue;
        }
        let ident = &variant.original.ident;
        let name = ident.unraw().to_string();
        let wire = variant
            .serde
            .rename
            .clone()
            .unwrap_or_else(|| match raw.rename_all {
                Some(rule) => rule.apply_to_variant(&name),
                None => name,
            });
        checked.push(checked::Variant {
            ident: ident.clone(),
            wire,
        });
    }
    checked::UnitEnum {
        ident: raw.ident.clone(),
        deserialize,
        variants: checked,
    }
}

/// A key's name as written, for messages.
fn path_name(path: &Path) -> String {
    path.get_ident()
        .map(|i| i.unraw().to_string())
        .unwrap_or_else(|| quote::quote!(#path).to_string().replace(' ', ""))
}

/// `; did you mean `x`?` when a candidate is close to `name` (the shared
/// rule and wording of `codegen-suggest`), else the whole list of
/// candidates.
fn did_you_mean(name: &str, candidates: &[&str]) -> String {
    match codegen_suggest::closest(name, candidates.iter().copied()) {
        Some(s) => format!(
            "; {}",
            codegen_suggest::did_you_mean(s, codegen_suggest::Lang::En)
        ),
        None => format!("; expected one of: {}", candidates.join(", ")),
    }
}
