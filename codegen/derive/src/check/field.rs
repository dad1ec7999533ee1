//! One field checked on its own: its wire name, its criterion (explicit or
//! inferred from the type), and each rule resolved and matched against the
//! field's type. The siblings its condition names are resolved later, by
//! [`super::condition`].

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Ident, Lit, LitStr, Path, Type};

use super::{did_you_mean, path_name};
use crate::checked::{self, Counts, Criterion, Format, Length, Literal, Pattern};
use crate::ctxt::Ctxt;
use crate::raw::{self, Bound, Condition, FieldKey, Place, Rule};
use crate::rename::RenameRule;
use crate::types::{is_string, option_inner, type_text, vec_item};

const FIELD_KEYS: &[&str] = &["M", "OP", "C", "format", "pattern", "length"];
const CONDITIONS: &[&str] = &["filled", "equals"];
const FORMATS: &[&str] = &["date", "color"];
const BOUNDS: &[&str] = &["min", "max"];

/// A field whose rules are checked, its condition's siblings still names.
pub struct Draft<'r> {
    pub ident: &'r Ident,
    skipped: bool,
    wire: String,
    optional: bool,
    inner: Type,
    pub criterion: Pending<'r>,
    format: Option<Format>,
    pattern: Option<Pattern>,
    length: Option<Length>,
}

/// A criterion whose siblings are not resolved yet.
pub enum Pending<'r> {
    Mandatory,
    Optional,
    Filled(&'r [Ident]),
    Equals(&'r Ident, Literal),
}

impl Draft<'_> {
    pub fn finish(self, criterion: Criterion) -> checked::Field {
        if self.skipped {
            return checked::Field::Skipped(self.ident.clone());
        }
        checked::Field::Attribute(Box::new(checked::Attribute {
            ident: self.ident.clone(),
            wire: self.wire,
            optional: self.optional,
            inner: self.inner,
            criterion,
            format: self.format,
            pattern: self.pattern,
            length: self.length,
        }))
    }
}

/// Every key of the field is checked, in the order written, each error
/// reported; a key in error is left out of the draft.
pub fn check<'r>(raw: &'r raw::Field<'_>, rename_all: Option<RenameRule>, cx: &Ctxt) -> Draft<'r> {
    let (optional, inner) = match option_inner(raw.ty) {
        Some(inner) => (true, inner.clone()),
        None => (false, raw.ty.clone()),
    };
    let name = raw.ident.unraw().to_string();
    let wire = raw
        .serde
        .rename
        .clone()
        .unwrap_or_else(|| match rename_all {
            Some(rule) => rule.apply_to_field(&name),
            None => name,
        });
    let mut rules = Rules {
        ty: raw.ty,
        inner: &inner,
        explicit: Vec::new(),
        format: None,
        pattern: None,
        length: None,
    };
    for key in &raw.keys {
        if let Err(error) = rules.key(key) {
            cx.syn_error(error);
        }
    }
    let Rules {
        explicit,
        format,
        pattern,
        length,
        ..
    } = rules;
    let criterion = criterion(explicit, optional, raw.ty, cx);
    Draft {
        ident: raw.ident,
        skipped: raw.serde.skip,
        wire,
        optional,
        inner,
        criterion,
        format,
        pattern,
        length,
    }
}

/// The one explicit criterion, or the one the type implies.
fn criterion<'r>(
    explicit: Vec<(Pending<'r>, Span)>,
    optional: bool,
    ty: &Type,
    cx: &Ctxt,
) -> Pending<'r> {
    for (_, span) in explicit.iter().skip(1) {
        cx.syn_error(syn::Error::new(
            *span,
            "conflicting criteria: a field has exactly one of `M`, `OP` or `C(...)`",
        ));
    }
    match explicit.into_iter().next() {
        Some((Pending::Optional, span)) if !optional => {
            cx.syn_error(syn::Error::new(
                span,
                format!(
                    "`OP` needs an `Option<...>` field to represent absence; this field is `{}`",
                    type_text(ty)
                ),
            ));
            Pending::Optional
        }
        Some((condition @ (Pending::Filled(_) | Pending::Equals(..)), span)) => {
            if !optional {
                cx.syn_error(syn::Error::new(
                    span,
                    format!(
                        "`C` needs an `Option<...>` field (it may be absent while its condition \
                         does not hold); this field is `{}`",
                        type_text(ty)
                    ),
                ));
            }
            condition
        }
        Some((criterion, _)) => criterion,
        // Inference: what the type can represent.
        None if optional => Pending::Optional,
        None => Pending::Mandatory,
    }
}

/// The rules read so far from a field's keys.
struct Rules<'r, 't> {
    /// The field's type as written, and without its `Option`.
    ty: &'t Type,
    inner: &'t Type,
    explicit: Vec<(Pending<'r>, Span)>,
    format: Option<Format>,
    pattern: Option<Pattern>,
    length: Option<Length>,
}

impl<'r> Rules<'r, '_> {
    fn key(&mut self, key: &'r FieldKey) -> syn::Result<()> {
        let place = key.place;
        match &key.rule {
            Rule::Mandatory => self.explicit.push((Pending::Mandatory, place.name)),
            Rule::Optional => self.explicit.push((Pending::Optional, place.name)),
            Rule::Conditional(condition) => {
                let pending = match condition {
                    Condition::Filled(names) => Pending::Filled(names),
                    Condition::Equals(ident, lit) => Pending::Equals(ident, literal(lit)?),
                    Condition::Unknown(path) => return Err(unknown(path, "condition", CONDITIONS)),
                };
                self.explicit.push((pending, place.name));
            }
            Rule::Format(value) => {
                let format = match value.value().as_str() {
                    "date" => Format::Date,
                    "color" => Format::Color,
                    other => {
                        return Err(syn::Error::new_spanned(
                            value,
                            format!("unknown format \"{other}\"{}", did_you_mean(other, FORMATS)),
                        ))
                    }
                };
                self.on_string(value, &format!("`format = \"{}\"`", value.value()))?;
                if self.format.replace(format).is_some() {
                    return Err(place.error("`format` given twice"));
                }
            }
            Rule::Pattern(value) => {
                if let Err(error) = regex::Regex::new(&value.value()) {
                    return Err(syn::Error::new_spanned(
                        value,
                        format!("`pattern` is not a valid regular expression: {error}"),
                    ));
                }
                self.on_string(value, "`pattern`")?;
                if self.pattern.replace(Pattern(value.clone())).is_some() {
                    return Err(place.error("`pattern` given twice"));
                }
            }
            Rule::Length(bounds) => {
                let length = self.length_of(place, bounds)?;
                if self.length.replace(length).is_some() {
                    return Err(place.error("`length` given twice"));
                }
            }
            Rule::Unknown(path) => return Err(unknown(path, "field attribute", FIELD_KEYS)),
        }
        Ok(())
    }

    /// `format` and `pattern` read text: the field must be a `String`.
    fn on_string(&self, value: &LitStr, rule: &str) -> syn::Result<()> {
        if is_string(self.inner) {
            return Ok(());
        }
        Err(syn::Error::new_spanned(
            value,
            format!(
                "{rule} applies to `String` (or `Option<String>`) fields; this field is `{}`",
                type_text(self.ty)
            ),
        ))
    }

    fn length_of(&self, place: Place, bounds: &[Bound]) -> syn::Result<Length> {
        let counts = if is_string(self.inner) {
            Counts::Chars
        } else if vec_item(self.inner).is_some() {
            Counts::Items
        } else {
            return Err(place.name_error(format!(
                "`length` applies to `String` and `Vec<...>` fields; this field is `{}`",
                type_text(self.ty)
            )));
        };
        let (mut min, mut max) = (None, None);
        for bound in bounds {
            match bound {
                Bound::Min(value) => min = Some(*value),
                Bound::Max(value) => max = Some(*value),
                Bound::Unknown(path) => return Err(unknown(path, "bound", BOUNDS)),
            }
        }
        match (min, max) {
            (None, None) => Err(place.error("`length` needs `min`, `max` or both")),
            (Some(lo), Some(hi)) if lo > hi => {
                Err(place.error(format!("`length` min {lo} is greater than max {hi}")))
            }
            _ => Ok(Length { min, max, counts }),
        }
    }
}

/// What `equals(sibling = literal)` can compare against.
fn literal(lit: &Lit) -> syn::Result<Literal> {
    match lit {
        Lit::Str(s) => Ok(Literal::Str(s.clone())),
        Lit::Int(i) => Ok(Literal::Int(i.clone())),
        Lit::Bool(b) => Ok(Literal::Bool(b.clone())),
        _ => Err(syn::Error::new_spanned(
            lit,
            "expected a string, integer or boolean",
        )),
    }
}

/// ``unknown {what} `name`; did you mean `x`?``, at the name.
fn unknown(path: &Path, what: &str, known: &[&str]) -> syn::Error {
    let name = path_name(path);
    syn::Error::new_spanned(
        path,
        format!("unknown {what} `{name}`{}", did_you_mean(&name, known)),
    )
}
