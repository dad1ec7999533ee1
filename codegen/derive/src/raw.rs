//! The raw model: what the user wrote on the item, as written — names not
//! yet resolved, unknown keys kept, nothing checked against the field types
//! — each piece with the place its errors point at. Built by
//! [`crate::syntax`], turned into [`crate::checked`] by [`crate::check`].

use proc_macro2::{Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};
use syn::{Generics, Ident, Lit, LitStr, Path, Type};

use crate::rename::RenameRule;
use crate::serde_attrs::SerdeItem;

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    /// serde's `rename_all`, when it names a rule.
    pub rename_all: Option<RenameRule>,
    /// The keys of the container's `#[mosia(...)]`.
    pub keys: Vec<ContainerKey>,
    pub shape: Shape<'a>,
}

pub enum ContainerKey {
    Deserialize,
    Unknown(Path),
}

pub enum Shape<'a> {
    Struct(Vec<Field<'a>>),
    /// A tuple or unit struct.
    Unnamed,
    Union(&'a syn::token::Union),
    Enum(Vec<Variant<'a>>),
}

pub struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub serde: SerdeItem,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub serde: SerdeItem,
    /// The keys of its `#[mosia(...)]` attributes, in the order written.
    pub keys: Vec<FieldKey>,
}

pub struct FieldKey {
    pub place: Place,
    pub rule: Rule,
}

pub enum Rule {
    /// `M`
    Mandatory,
    /// `OP`
    Optional,
    /// `C(...)`
    Conditional(Condition),
    /// `format = "..."`
    Format(LitStr),
    /// `pattern = "..."`
    Pattern(LitStr),
    /// `length(...)`
    Length(Vec<Bound>),
    /// A key that is none of the above.
    Unknown(Path),
}

pub enum Condition {
    /// `filled(a, b)`
    Filled(Vec<Ident>),
    /// `equals(a = literal)`, any literal.
    Equals(Ident, Lit),
    /// A condition that is neither.
    Unknown(Path),
}

pub enum Bound {
    Min(usize),
    Max(usize),
    Unknown(Path),
}

/// Where one attribute key is written: from its name to the end of its
/// value (`format = "date"`, `length(min = 1)`).
#[derive(Clone, Copy)]
pub struct Place {
    /// The key's name.
    pub name: Span,
    /// Its last token.
    pub last: Span,
}

impl Place {
    /// An error pointing at the key's name only.
    pub fn name_error(self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new(self.name, message)
    }

    /// An error pointing at the whole key.
    pub fn error(self, message: impl std::fmt::Display) -> syn::Error {
        syn::Error::new_spanned(self, message)
    }
}

/// Two tokens, at the first and last span: what `syn::Error::new_spanned`
/// needs to cover the range between them.
impl ToTokens for Place {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for span in [self.name, self.last] {
            let mut punct = Punct::new('.', Spacing::Alone);
            punct.set_span(span);
            tokens.append(punct);
        }
    }
}
