//! What the derives read of serde's own attributes, parsed once per item:
//! the wire names (`rename`, `rename_all`) and what is not on the wire
//! (`skip`). Everything else serde accepts is skipped over untouched.

use syn::meta::ParseNestedMeta;
use syn::LitStr;

use crate::ctxt::Ctxt;
use crate::rename::RenameRule;

/// `#[serde(...)]` on a struct or enum.
#[derive(Default)]
pub struct SerdeContainer {
    pub rename_all: Option<RenameRule>,
}

/// `#[serde(...)]` on a field or variant.
#[derive(Default)]
pub struct SerdeItem {
    /// The deserialize-side name from `rename = "..."` or
    /// `rename(deserialize = "...")`.
    pub rename: Option<String>,
    /// `skip` or `skip_deserializing`: not on the wire.
    pub skip: bool,
}

impl SerdeContainer {
    pub fn parse(attrs: &[syn::Attribute], cx: &Ctxt) -> Self {
        let mut container = SerdeContainer::default();
        each_serde_meta(attrs, cx, |meta| {
            if meta.path.is_ident("rename_all") {
                container.rename_all = RenameRule::from_str(&rename_value(meta)?);
            } else {
                skip_meta_value(meta)?;
            }
            Ok(())
        });
        container
    }
}

impl SerdeItem {
    pub fn parse(attrs: &[syn::Attribute], cx: &Ctxt) -> Self {
        let mut item = SerdeItem::default();
        each_serde_meta(attrs, cx, |meta| {
            if meta.path.is_ident("rename") {
                item.rename = Some(rename_value(meta)?);
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
                item.skip = true;
            } else if meta.path.is_ident("flatten") {
                return Err(meta.error(
                    "`#[serde(flatten)]` is not supported by Decode/Validate: declare the attributes \
                     on this struct",
                ));
            } else {
                skip_meta_value(meta)?;
            }
            Ok(())
        });
        item
    }
}

fn each_serde_meta(
    attrs: &[syn::Attribute],
    cx: &Ctxt,
    mut handle: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        if let Err(error) = attr.parse_nested_meta(|meta| handle(&meta)) {
            cx.syn_error(error);
        }
    }
}

/// `rename = "x"` or `rename(serialize = "a", deserialize = "b")`: the
/// deserialize side, which is what arrives on the wire.
fn rename_value(meta: &ParseNestedMeta<'_>) -> syn::Result<String> {
    if meta.input.peek(syn::Token![=]) {
        let value: LitStr = meta.value()?.parse()?;
        return Ok(value.value());
    }
    let mut found = None;
    let mut serialize = None;
    meta.parse_nested_meta(|side| {
        let value: LitStr = side.value()?.parse()?;
        if side.path.is_ident("deserialize") {
            found = Some(value.value());
        } else {
            serialize = Some(value.value());
        }
        Ok(())
    })?;
    found
        .or(serialize)
        .ok_or_else(|| meta.error("expected a name"))
}

/// Consumes the value of an attribute that is not interpreted here.
pub fn skip_meta_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|nested| skip_meta_value(&nested))?;
    }
    Ok(())
}
