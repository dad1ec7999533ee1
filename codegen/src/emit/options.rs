//! What a generation run emits beyond the types, and how the output is
//! adapted to the crate that includes it: which parts, spec types replaced
//! by the user's own, extra attributes. Built and checked against the IR by
//! [`crate::config::Config`]; the type space applies it.

use proc_macro2::TokenStream;

/// Whether a part (client, server) is emitted, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gate {
    /// Not emitted.
    #[default]
    Omit,
    /// Emitted unconditionally.
    Emit,
    /// Emitted behind `#[cfg(feature = "<part>")]` of the crate that holds
    /// the code (the checked-in `mosia-api`, whose features select parts).
    Feature,
}

/// Everything the emitters need besides the IR.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub client: Gate,
    pub server: Gate,
    pub replacements: Vec<Replacement>,
    pub type_attributes: Vec<TypeAttribute>,
    pub field_attributes: Vec<FieldAttribute>,
}

impl Options {
    /// The checked-in crate's layout: every part, each behind its feature.
    pub fn crate_layout() -> Self {
        Options {
            client: Gate::Feature,
            server: Gate::Feature,
            ..Options::default()
        }
    }
}

/// A spec type (by its spec name, in one module) that the user's own type
/// replaces everywhere it appears: fields, client, server trait.
#[derive(Debug, Clone)]
pub struct Replacement {
    pub module: String,
    pub type_name: String,
    /// The user's type, as the generated code writes it (`crate::MeuRegistro`).
    pub path: syn::Path,
}

/// Outer attributes added to a generated struct (`#[derive(Hash)]`).
#[derive(Debug, Clone)]
pub struct TypeAttribute {
    pub module: String,
    pub type_name: String,
    pub attribute: TokenStream,
}

/// Outer attributes added to a field of a generated struct, which is named
/// by its wire name.
#[derive(Debug, Clone)]
pub struct FieldAttribute {
    pub module: String,
    pub type_name: String,
    pub wire_name: String,
    pub attribute: TokenStream,
}

impl Options {
    /// Whether the options hold token streams (replacements, attributes),
    /// which cannot be sent to another thread.
    pub(crate) fn has_tokens(&self) -> bool {
        !(self.replacements.is_empty()
            && self.type_attributes.is_empty()
            && self.field_attributes.is_empty())
    }

    pub(crate) fn replacement(&self, module: &str, type_name: &str) -> Option<&syn::Path> {
        self.replacements
            .iter()
            .find(|r| r.module == module && r.type_name == type_name)
            .map(|r| &r.path)
    }

    pub(crate) fn type_attributes<'a>(
        &'a self,
        module: &'a str,
        type_name: &'a str,
    ) -> impl Iterator<Item = &'a TokenStream> + 'a {
        self.type_attributes
            .iter()
            .filter(move |a| a.module == module && a.type_name == type_name)
            .map(|a| &a.attribute)
    }

    pub(crate) fn field_attributes<'a>(
        &'a self,
        module: &'a str,
        type_name: &'a str,
        wire_name: &'a str,
    ) -> impl Iterator<Item = &'a TokenStream> + 'a {
        self.field_attributes
            .iter()
            .filter(move |a| {
                a.module == module && a.type_name == type_name && a.wire_name == wire_name
            })
            .map(|a| &a.attribute)
    }
}
