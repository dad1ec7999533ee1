//! The documented rules of an object's attributes, as data, and the one
//! function that applies them.
//!
//! `#[derive(Decode, Validate)]` emits a table of [`FieldRule`]s per type;
//! the IR-driven validator builds the same table from the spec. Both hand
//! it to [`apply`] with a view of the values ([`FieldValues`]: decoding
//! slots, a built value, or what the validator saw), so a criterion, a
//! condition or a format means the same thing on every path.

use regex::Regex;

use crate::context::{Context, Presence};
use crate::violation::{Condition, Format};

/// The rules of one attribute.
#[derive(Debug, Clone, Copy)]
pub struct FieldRule<'a> {
    /// The wire name, exactly as documented.
    pub name: &'a str,
    pub criterion: Criterion<'a>,
    /// A documented string format (a date held as text, a colour).
    pub format: Option<Format>,
    /// A pattern the text must match (derive only; compiled once).
    pub pattern: Option<fn() -> &'static Regex>,
    pub length: Option<Length>,
}

impl<'a> FieldRule<'a> {
    /// An attribute with a criterion and no other rule.
    pub const fn new(name: &'a str, criterion: Criterion<'a>) -> Self {
        FieldRule {
            name,
            criterion,
            format: None,
            pattern: None,
            length: None,
        }
    }
}

/// `M`, `OP` or `C` with its condition.
#[derive(Debug, Clone, Copy)]
pub enum Criterion<'a> {
    Mandatory,
    Optional,
    Conditional(When<'a>),
}

/// When a `C` attribute is required; siblings are indexes into the table.
#[derive(Debug, Clone, Copy)]
pub enum When<'a> {
    /// Any of these siblings is filled.
    Filled(&'a [usize]),
    /// The sibling holds this value.
    Equals(usize, Literal<'a>),
}

/// A value a condition compares with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Literal<'a> {
    Str(&'a str),
    Int(i64),
    Bool(bool),
}

impl Literal<'_> {
    /// As JSON, for the message (`"PF"`, `2`, `true`).
    fn render(self) -> String {
        match self {
            Literal::Str(text) => format!("\"{text}\""),
            Literal::Int(value) => value.to_string(),
            Literal::Bool(value) => value.to_string(),
        }
    }
}

/// Bounds on a text's length in chars, or an array's in items.
#[derive(Debug, Clone, Copy)]
pub struct Length {
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub of_string: bool,
}

/// How a value looks to the rules: a scalar conditions can compare, text
/// formats and patterns can check, or anything else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WireScalar<'v> {
    Str(&'v str),
    Int(i64),
    Bool(bool),
    Other,
}

impl WireScalar<'_> {
    fn equals(self, literal: Literal<'_>) -> bool {
        match (self, literal) {
            (WireScalar::Str(a), Literal::Str(b)) => a == b,
            (WireScalar::Int(a), Literal::Int(b)) => a == b,
            (WireScalar::Bool(a), Literal::Bool(b)) => a == b,
            _ => false,
        }
    }
}

/// The values of one object's attributes, by index into its rule table.
pub trait FieldValues {
    fn presence(&self, index: usize) -> Presence;
    /// The value, where there is a valid one.
    fn scalar(&self, index: usize) -> Option<WireScalar<'_>>;
    /// Chars of a text or items of an array, where a length rule applies.
    fn len(&self, index: usize) -> Option<usize> {
        let _ = index;
        None
    }
}

/// Applies every rule of `rules` to `values`, field by field in declaration
/// order: criterion, format, pattern, length (see [`apply_field`]).
pub fn apply<'p>(rules: &[FieldRule<'p>], values: &impl FieldValues, cx: &mut Context<'p>) {
    for index in 0..rules.len() {
        apply_field(rules, index, values, cx);
    }
}

/// Applies the rules of field `index` of `rules`: its criterion, format,
/// pattern and length. [`apply`] calls it for each field in turn;
/// `#[derive(Validate)]` calls it once per field with the index written
/// out, so that, inlined with the type's constant table, each call becomes
/// the few checks that field has.
#[inline(always)]
pub fn apply_field<'p>(
    rules: &[FieldRule<'p>],
    index: usize,
    values: &impl FieldValues,
    cx: &mut Context<'p>,
) {
    let rule = &rules[index];
    let name = rule.name;
    match rule.criterion {
        Criterion::Mandatory => cx.mandatory(name, values.presence(index)),
        Criterion::Optional => {}
        Criterion::Conditional(when) => {
            let holds = match when {
                When::Filled(siblings) => siblings.iter().any(|&s| values.presence(s).is_filled()),
                When::Equals(sibling, literal) => values
                    .scalar(sibling)
                    .is_some_and(|value| value.equals(literal)),
            };
            cx.conditional(name, values.presence(index), holds, || {
                describe(rules, when)
            });
        }
    }
    if rule.format.is_none() && rule.pattern.is_none() && rule.length.is_none() {
        return;
    }
    if let Some(WireScalar::Str(text)) = values.scalar(index) {
        if let Some(format) = rule.format {
            cx.format(name, text, format);
        }
        if let Some(pattern) = rule.pattern {
            cx.pattern(name, text, pattern());
        }
    }
    if let (Some(length), Some(len)) = (rule.length, values.len(index)) {
        cx.length(name, len, length.min, length.max, length.of_string);
    }
}

/// A condition as the message describes it.
fn describe(rules: &[FieldRule<'_>], when: When<'_>) -> Condition {
    match when {
        When::Filled(siblings) => {
            Condition::Filled(siblings.iter().map(|&s| rules[s].name.to_owned()).collect())
        }
        When::Equals(sibling, literal) => {
            Condition::Equals(rules[sibling].name.to_owned(), literal.render())
        }
    }
}
