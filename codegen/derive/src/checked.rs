//! The checked model, the only input of [`crate::expand`]: every name
//! resolved (criterion, format, siblings as rule-table indexes), every rule
//! known to fit its field's type. It exists only for an item without errors.

use syn::{Ident, LitBool, LitInt, LitStr, Type};

pub enum Input {
    Struct(Struct),
    Enum(UnitEnum),
}

pub struct Struct {
    pub ident: Ident,
    /// `#[mosia(deserialize)]`: also implement `serde::Deserialize` through
    /// the validating decoder.
    pub deserialize: bool,
    /// In declaration order.
    pub fields: Vec<Field>,
}

impl Struct {
    /// The fields on the wire, in declaration order: their positions are
    /// the indexes of the rule table.
    pub fn attributes(&self) -> Vec<&Attribute> {
        self.fields
            .iter()
            .filter_map(|field| match field {
                Field::Attribute(attribute) => Some(&**attribute),
                Field::Skipped(_) => None,
            })
            .collect()
    }
}

pub enum Field {
    /// Not on the wire (`#[serde(skip)]`): filled with `Default::default()`.
    Skipped(Ident),
    /// An attribute of the JSON object.
    Attribute(Box<Attribute>),
}

impl Field {
    pub fn ident(&self) -> &Ident {
        match self {
            Field::Skipped(ident) => ident,
            Field::Attribute(attribute) => &attribute.ident,
        }
    }
}

pub struct Attribute {
    pub ident: Ident,
    /// Its name on the wire.
    pub wire: String,
    /// The field's type is syntactically `Option<inner>`.
    pub optional: bool,
    pub inner: Type,
    pub criterion: Criterion,
    pub format: Option<Format>,
    pub pattern: Option<Pattern>,
    pub length: Option<Length>,
}

pub enum Criterion {
    Mandatory,
    Optional,
    Conditional(Condition),
}

/// Siblings are indexes of the rule table: attributes of the same struct,
/// other than the one the condition belongs to.
pub enum Condition {
    /// Mandatory when any of these siblings is filled.
    Filled(Vec<usize>),
    /// Mandatory when the sibling equals the literal.
    Equals(usize, Literal),
}

#[derive(Clone)]
pub enum Literal {
    Str(LitStr),
    Int(LitInt),
    Bool(LitBool),
}

/// On a `String` field.
#[derive(Clone, Copy)]
pub enum Format {
    Date,
    Color,
}

/// A regular expression that compiled when the derive expanded, on a
/// `String` field.
pub struct Pattern(pub LitStr);

/// At least one bound, `min <= max`.
pub struct Length {
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub counts: Counts,
}

/// What a length counts, by the field's type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// The chars of a `String`.
    Chars,
    /// The items of a `Vec`.
    Items,
}

pub struct UnitEnum {
    pub ident: Ident,
    pub deserialize: bool,
    pub variants: Vec<Variant>,
}

pub struct Variant {
    pub ident: Ident,
    /// Its string on the wire.
    pub wire: String,
}
