//! Syntax: the derive input read into the [`raw`] model. Only the grammar
//! of `#[mosia(...)]` is enforced here (a value where one is expected, one
//! condition in `C(...)`); unknown names are kept for [`crate::check`],
//! which resolves and reports them. Every error goes to the [`Ctxt`] and
//! parsing resumes at the next key.

use proc_macro2::TokenTree;
use syn::meta::ParseNestedMeta;
use syn::{Data, DeriveInput, Fields, Lit, LitStr};

use crate::ctxt::Ctxt;
use crate::raw::{self, Bound, Condition, ContainerKey, FieldKey, Place, Rule};
use crate::serde_attrs::{skip_meta_value, SerdeContainer, SerdeItem};

pub fn parse<'a>(input: &'a DeriveInput, cx: &Ctxt) -> raw::Input<'a> {
    let keys = container_keys(input, cx);
    let rename_all = SerdeContainer::parse(&input.attrs, cx).rename_all;
    let shape = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => raw::Shape::Struct(
                named
                    .named
                    .iter()
                    .filter_map(|field| parse_field(field, cx))
                    .collect(),
            ),
            Fields::Unnamed(_) | Fields::Unit => raw::Shape::Unnamed,
        },
        Data::Enum(data) => raw::Shape::Enum(
            data.variants
                .iter()
                .map(|variant| raw::Variant {
                    original: variant,
                    serde: SerdeItem::parse(&variant.attrs, cx),
                })
                .collect(),
        ),
        Data::Union(data) => raw::Shape::Union(&data.union_token),
    };
    raw::Input {
        ident: &input.ident,
        generics: &input.generics,
        rename_all,
        keys,
        shape,
    }
}

fn container_keys(input: &DeriveInput, cx: &Ctxt) -> Vec<ContainerKey> {
    let mut keys = Vec::new();
    each_mosia_key(&input.attrs, cx, |meta| {
        if meta.path.is_ident("deserialize") {
            keys.push(ContainerKey::Deserialize);
        } else {
            keys.push(ContainerKey::Unknown(meta.path.clone()));
            skip_meta_value(meta)?;
        }
        Ok(())
    });
    keys
}

fn parse_field<'a>(field: &'a syn::Field, cx: &Ctxt) -> Option<raw::Field<'a>> {
    let ident = field.ident.as_ref()?;
    let serde = SerdeItem::parse(&field.attrs, cx);
    let mut keys = Vec::new();
    each_mosia_key(&field.attrs, cx, |meta| {
        keys.push(field_key(meta)?);
        Ok(())
    });
    Some(raw::Field {
        ident,
        ty: &field.ty,
        serde,
        keys,
    })
}

/// Calls `handle` on every key of every `#[mosia(...)]`; a key's error is
/// recorded and the next key is read.
fn each_mosia_key(
    attrs: &[syn::Attribute],
    cx: &Ctxt,
    mut handle: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("mosia")) {
        let result = attr.parse_nested_meta(|meta| {
            if let Err(error) = handle(&meta) {
                cx.syn_error(error);
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }
}

fn field_key(meta: &ParseNestedMeta<'_>) -> syn::Result<FieldKey> {
    let name = meta.path.segments[0].ident.span();
    let mut place = Place {
        name,
        last: meta.path.segments.last().map_or(name, |s| s.ident.span()),
    };
    let path = &meta.path;
    let rule = if path.is_ident("M") {
        Rule::Mandatory
    } else if path.is_ident("OP") {
        Rule::Optional
    } else if path.is_ident("C") {
        Rule::Conditional(parse_condition(meta)?)
    } else if path.is_ident("format") || path.is_ident("pattern") {
        let value: LitStr = meta.value()?.parse()?;
        place.last = value.span();
        if path.is_ident("format") {
            Rule::Format(value)
        } else {
            Rule::Pattern(value)
        }
    } else if path.is_ident("length") {
        if meta.input.peek(syn::token::Paren) {
            let group: TokenTree = meta.input.fork().parse()?;
            place.last = group.span();
        }
        Rule::Length(parse_bounds(meta)?)
    } else {
        let unknown = Rule::Unknown(path.clone());
        skip_meta_value(meta)?;
        unknown
    };
    Ok(FieldKey { place, rule })
}

fn parse_condition(meta: &ParseNestedMeta<'_>) -> syn::Result<Condition> {
    let mut condition = None;
    meta.parse_nested_meta(|inner| {
        if condition.is_some() {
            return Err(inner.error("`C(...)` takes exactly one condition"));
        }
        condition = Some(if inner.path.is_ident("filled") {
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
            Condition::Filled(names)
        } else if inner.path.is_ident("equals") {
            let mut pair = None;
            inner.parse_nested_meta(|sibling| {
                let Some(ident) = sibling.path.get_ident().cloned() else {
                    return Err(sibling.error("expected `sibling = value`"));
                };
                let lit: Lit = sibling.value()?.parse()?;
                if pair.replace((ident, lit)).is_some() {
                    return Err(sibling.error("`equals(...)` compares exactly one sibling"));
                }
                Ok(())
            })?;
            let Some((ident, lit)) = pair else {
                return Err(inner.error("expected `equals(sibling = value)`"));
            };
            Condition::Equals(ident, lit)
        } else {
            let unknown = Condition::Unknown(inner.path.clone());
            skip_meta_value(&inner)?;
            unknown
        });
        Ok(())
    })?;
    condition.ok_or_else(|| {
        meta.error(
            "`C` needs its condition: `C(filled(sibling, ...))` or `C(equals(sibling = value))`",
        )
    })
}

fn parse_bounds(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<Bound>> {
    let mut bounds = Vec::new();
    meta.parse_nested_meta(|bound| {
        let path = &bound.path;
        if path.is_ident("min") || path.is_ident("max") {
            let value: syn::LitInt = bound.value()?.parse()?;
            let value: usize = value.base10_parse()?;
            bounds.push(if path.is_ident("min") {
                Bound::Min(value)
            } else {
                Bound::Max(value)
            });
        } else {
            bounds.push(Bound::Unknown(path.clone()));
            skip_meta_value(&bound)?;
        }
        Ok(())
    })?;
    Ok(bounds)
}
