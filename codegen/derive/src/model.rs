//! The derive input parsed into a model: wire names from serde's attributes,
//! rules from `#[mosia(...)]`. Every misuse is recorded in the [`Ctxt`] with
//! the span of the offending attribute or field.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, Lit, LitStr, PathArguments, Type};

use crate::ctxt::{did_you_mean, Ctxt};
use crate::rename::RenameRule;
use crate::serde_attrs::{skip_meta_value, SerdeContainer, SerdeItem};

pub enum Input {
    Struct(Struct),
    Enum(UnitEnum),
}

pub struct Struct {
    pub ident: Ident,
    /// `#[mosia(deserialize)]`: also implement `serde::Deserialize` through
    /// the validating decoder.
    pub deserialize: bool,
    pub fields: Vec<Field>,
}

pub struct UnitEnum {
    pub ident: Ident,
    pub deserialize: bool,
    /// (variant, wire value)
    pub variants: Vec<(Ident, String)>,
}

pub struct Field {
    pub ident: Ident,
    /// Not on the wire (`#[serde(skip)]`): filled with `Default::default()`.
    pub skipped: bool,
    pub wire: String,
    /// The field's type is syntactically `Option<inner>`.
    pub optional: bool,
    pub inner: Type,
    pub criterion: Criterion,
    pub format: Option<Format>,
    pub pattern: Option<LitStr>,
    pub length: Option<Length>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Date,
    Color,
}

pub struct Length {
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Strings count chars, arrays count items.
    pub of_string: bool,
}

pub enum Criterion {
    Mandatory,
    Optional,
    Conditional(Condition),
}

pub enum Condition {
    /// Mandatory when any of these siblings is filled.
    Filled(Vec<Ident>),
    /// Mandatory when the sibling equals the literal.
    Equals(Ident, Lit),
}

const FIELD_KEYS: &[&str] = &["M", "OP", "C", "format", "pattern", "length"];
const CONTAINER_KEYS: &[&str] = &["deserialize"];
const FORMATS: &[&str] = &["date", "color"];

pub fn parse(input: &DeriveInput, cx: &mut Ctxt) -> Option<Input> {
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "Decode/Validate do not support generic types; declare a concrete type",
        );
    }
    let deserialize = parse_container_attrs(input, cx);
    let rename_all = SerdeContainer::parse(&input.attrs, cx).rename_all;
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => {
                let fields = named
                    .named
                    .iter()
                    .map(|field| parse_field(field, rename_all, cx))
                    .collect::<Vec<_>>();
                let fields: Vec<Field> = fields.into_iter().flatten().collect();
                check_conditions(&fields, cx);
                Some(Input::Struct(Struct {
                    ident: input.ident.clone(),
                    deserialize,
                    fields,
                }))
            }
            Fields::Unnamed(_) | Fields::Unit => {
                cx.error_spanned_by(
                    &input.ident,
                    "Decode/Validate need a struct with named fields: each field is an attribute \
                     of a JSON object (tuple and unit structs have no attribute names)",
                );
                None
            }
        },
        Data::Enum(data) => {
            let mut variants = Vec::new();
            for variant in &data.variants {
                if !matches!(variant.fields, Fields::Unit) {
                    cx.error_spanned_by(
                        variant,
                        "Decode/Validate support only unit-only enums (each variant is a string \
                         value on the wire); this variant carries data",
                    );
                    continue;
                }
                let name = variant.ident.unraw().to_string();
                let wire = SerdeItem::parse(&variant.attrs, cx)
                    .rename
                    .unwrap_or_else(|| match rename_all {
                        Some(rule) => rule.apply_to_variant(&name),
                        None => name,
                    });
                variants.push((variant.ident.clone(), wire));
            }
            Some(Input::Enum(UnitEnum {
                ident: input.ident.clone(),
                deserialize,
                variants,
            }))
        }
        Data::Union(data) => {
            cx.error_spanned_by(
                data.union_token,
                "Decode/Validate cannot be derived for a union; use a struct with named fields",
            );
            None
        }
    }
}

fn parse_container_attrs(input: &DeriveInput, cx: &mut Ctxt) -> bool {
    let mut deserialize = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("mosia")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("deserialize") {
                deserialize = true;
                Ok(())
            } else {
                let name = path_name(&meta);
                Err(meta.error(format!(
                    "unknown container attribute `{name}`{}",
                    did_you_mean(&name, CONTAINER_KEYS)
                )))
            }
        });
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }
    deserialize
}

fn path_name(meta: &ParseNestedMeta<'_>) -> String {
    meta.path
        .get_ident()
        .map(|i| i.unraw().to_string())
        .unwrap_or_else(|| {
            let path = &meta.path;
            quote::quote!(#path).to_string().replace(' ', "")
        })
}

fn parse_field(field: &syn::Field, rename_all: Option<RenameRule>, cx: &mut Ctxt) -> Option<Field> {
    let ident = field.ident.clone()?;
    let (optional, inner) = match option_inner(&field.ty) {
        Some(inner) => (true, inner.clone()),
        None => (false, field.ty.clone()),
    };
    let serde = SerdeItem::parse(&field.attrs, cx);
    let skipped = serde.skip;
    let name = ident.unraw().to_string();
    let wire = serde.rename.unwrap_or_else(|| match rename_all {
        Some(rule) => rule.apply_to_field(&name),
        None => name,
    });

    let mut explicit: Vec<(Criterion, Span)> = Vec::new();
    let mut format: Option<Format> = None;
    let mut pattern: Option<LitStr> = None;
    let mut length: Option<Length> = None;

    // Errors of one attribute key do not stop the others: each is recorded
    // and parsing resumes at the next key.
    let mut handle = |meta: ParseNestedMeta<'_>| -> syn::Result<()> {
        let span = meta.path.span();
        if meta.path.is_ident("M") {
            explicit.push((Criterion::Mandatory, span));
        } else if meta.path.is_ident("OP") {
            explicit.push((Criterion::Optional, span));
        } else if meta.path.is_ident("C") {
            let condition = parse_condition(&meta)?;
            explicit.push((Criterion::Conditional(condition), span));
        } else if meta.path.is_ident("format") {
            let value: LitStr = meta.value()?.parse()?;
            let parsed = match value.value().as_str() {
                "date" => Format::Date,
                "color" => Format::Color,
                other => {
                    return Err(syn::Error::new_spanned(
                        &value,
                        format!("unknown format \"{other}\"{}", did_you_mean(other, FORMATS)),
                    ))
                }
            };
            if !is_string(&inner) {
                return Err(syn::Error::new_spanned(
                    &value,
                    format!(
                        "`format = \"{}\"` applies to `String` (or `Option<String>`) fields; \
                             this field is `{}`",
                        value.value(),
                        type_text(&field.ty)
                    ),
                ));
            }
            if format.replace(parsed).is_some() {
                return Err(meta.error("`format` given twice"));
            }
        } else if meta.path.is_ident("pattern") {
            let value: LitStr = meta.value()?.parse()?;
            if let Err(error) = regex::Regex::new(&value.value()) {
                return Err(syn::Error::new_spanned(
                    &value,
                    format!("`pattern` is not a valid regular expression: {error}"),
                ));
            }
            if !is_string(&inner) {
                return Err(syn::Error::new_spanned(
                    &value,
                    format!(
                        "`pattern` applies to `String` (or `Option<String>`) fields; this \
                             field is `{}`",
                        type_text(&field.ty)
                    ),
                ));
            }
            if pattern.replace(value).is_some() {
                return Err(meta.error("`pattern` given twice"));
            }
        } else if meta.path.is_ident("length") {
            let parsed = parse_length(&meta, &inner, &field.ty)?;
            if length.replace(parsed).is_some() {
                return Err(meta.error("`length` given twice"));
            }
        } else {
            let name = path_name(&meta);
            let error = meta.error(format!(
                "unknown field attribute `{name}`{}",
                did_you_mean(&name, FIELD_KEYS)
            ));
            skip_meta_value(&meta)?;
            return Err(error);
        }
        Ok(())
    };
    let mut local = Vec::new();
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("mosia")) {
        let result = attr.parse_nested_meta(|meta| {
            if let Err(error) = handle(meta) {
                local.push(error);
            }
            Ok(())
        });
        if let Err(error) = result {
            local.push(error);
        }
    }
    for error in local {
        cx.syn_error(error);
    }

    if explicit.len() > 1 {
        for (_, span) in &explicit[1..] {
            cx.syn_error(syn::Error::new(
                *span,
                "conflicting criteria: a field has exactly one of `M`, `OP` or `C(...)`",
            ));
        }
    }
    let criterion = match explicit.into_iter().next() {
        Some((Criterion::Optional, span)) if !optional => {
            cx.syn_error(syn::Error::new(
                span,
                format!(
                    "`OP` needs an `Option<...>` field to represent absence; this field is `{}`",
                    type_text(&field.ty)
                ),
            ));
            Criterion::Optional
        }
        Some((Criterion::Conditional(condition), span)) => {
            if !optional {
                cx.syn_error(syn::Error::new(
                    span,
                    format!(
                        "`C` needs an `Option<...>` field (it may be absent while its condition \
                         does not hold); this field is `{}`",
                        type_text(&field.ty)
                    ),
                ));
            }
            Criterion::Conditional(condition)
        }
        Some((criterion, _)) => criterion,
        // Inference: what the type can represent.
        None if optional => Criterion::Optional,
        None => Criterion::Mandatory,
    };

    Some(Field {
        ident,
        skipped,
        wire,
        optional,
        inner,
        criterion,
        format,
        pattern,
        length,
    })
}

fn parse_condition(meta: &ParseNestedMeta<'_>) -> syn::Result<Condition> {
    let mut condition = None;
    let result = meta.parse_nested_meta(|inner| {
        if condition.is_some() {
            return Err(inner.error("`C(...)` takes exactly one condition"));
        }
        if inner.path.is_ident("filled") {
            let mut names = Vec::new();
            inner.parse_nested_meta(|sibling| {
                match sibling.path.get_ident() {
                    Some(ident) => names.push(ident.clone()),
                    None => return Err(sibling.error("expected a sibling field name")),
                }
                Ok(())
            })?;
            if names.is_empty() {
                return Err(inner.error("`filled(...)` needs at least one sibling field name"));
            }
            condition = Some(Condition::Filled(names));
        } else if inner.path.is_ident("equals") {
            let mut pair = None;
            inner.parse_nested_meta(|sibling| {
                let Some(ident) = sibling.path.get_ident().cloned() else {
                    return Err(sibling.error("expected `sibling = value`"));
                };
                let lit: Lit = sibling.value()?.parse()?;
                match lit {
                    Lit::Str(_) | Lit::Int(_) | Lit::Bool(_) => {}
                    _ => {
                        return Err(syn::Error::new_spanned(
                            lit,
                            "expected a string, integer or boolean",
                        ))
                    }
                }
                if pair.replace((ident, lit)).is_some() {
                    return Err(sibling.error("`equals(...)` compares exactly one sibling"));
                }
                Ok(())
            })?;
            let Some((ident, lit)) = pair else {
                return Err(inner.error("expected `equals(sibling = value)`"));
            };
            condition = Some(Condition::Equals(ident, lit));
        } else {
            let name = path_name(&inner);
            return Err(inner.error(format!(
                "unknown condition `{name}`{}",
                did_you_mean(&name, &["filled", "equals"])
            )));
        }
        Ok(())
    });
    result?;
    condition.ok_or_else(|| {
        meta.error(
            "`C` needs its condition: `C(filled(sibling, ...))` or `C(equals(sibling = value))`",
        )
    })
}

fn parse_length(meta: &ParseNestedMeta<'_>, inner: &Type, ty: &Type) -> syn::Result<Length> {
    let of_string = is_string(inner);
    if !of_string && vec_item(inner).is_none() {
        return Err(meta.error(format!(
            "`length` applies to `String` and `Vec<...>` fields; this field is `{}`",
            type_text(ty)
        )));
    }
    let (mut min, mut max) = (None, None);
    meta.parse_nested_meta(|bound| {
        let value: syn::LitInt = bound.value()?.parse()?;
        let value: usize = value.base10_parse()?;
        if bound.path.is_ident("min") {
            min = Some(value);
        } else if bound.path.is_ident("max") {
            max = Some(value);
        } else {
            let name = path_name(&bound);
            return Err(bound.error(format!(
                "unknown bound `{name}`{}",
                did_you_mean(&name, &["min", "max"])
            )));
        }
        Ok(())
    })?;
    match (min, max) {
        (None, None) => Err(meta.error("`length` needs `min`, `max` or both")),
        (Some(lo), Some(hi)) if lo > hi => {
            Err(meta.error(format!("`length` min {lo} is greater than max {hi}")))
        }
        _ => Ok(Length {
            min,
            max,
            of_string,
        }),
    }
}

/// Conditions may only name other fields of the same struct that are on the
/// wire; `equals` compares against a field that can hold the literal.
fn check_conditions(fields: &[Field], cx: &mut Ctxt) {
    let names: Vec<String> = fields
        .iter()
        .filter(|f| !f.skipped)
        .map(|f| f.ident.to_string())
        .collect();
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    for field in fields {
        let Criterion::Conditional(condition) = &field.criterion else {
            continue;
        };
        let referenced: Vec<&Ident> = match condition {
            Condition::Filled(idents) => idents.iter().collect(),
            Condition::Equals(ident, _) => vec![ident],
        };
        for ident in referenced {
            if *ident == field.ident {
                cx.error_spanned_by(ident, "a condition cannot name the field it belongs to");
            } else if !candidates.contains(&ident.to_string().as_str()) {
                cx.error_spanned_by(
                    ident,
                    format!(
                        "the condition names `{ident}`, which is not a field of this struct{}",
                        did_you_mean(&ident.to_string(), &candidates)
                    ),
                );
            }
        }
    }
}

pub fn option_inner(ty: &Type) -> Option<&Type> {
    generic_arg(ty, "Option")
}

pub fn vec_item(ty: &Type) -> Option<&Type> {
    generic_arg(ty, "Vec")
}

fn generic_arg<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

pub fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_empty()))
}

fn type_text(ty: &Type) -> String {
    quote::quote!(#ty)
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("< ", "<")
}
