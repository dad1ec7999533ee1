//! Identifiers and the `use` lines of a generated module.
//!
//! The IR promises valid identifiers, but `format_ident!` panics on a bad
//! one, and the generator must not panic; so every name from the IR is
//! parsed here and a bad one becomes an [`EmitError`].

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::EmitError;

/// Parses an identifier from the IR (raw identifiers such as `r#type` are
/// accepted, keywords are not).
pub fn ident(module: &str, name: &str) -> Result<Ident, EmitError> {
    syn::parse_str::<Ident>(name).map_err(|_| EmitError::InvalidIdent {
        module: module.to_owned(),
        name: name.to_owned(),
    })
}

/// Whether no generated type may have this Rust name
/// ([`crate::naming::reserved::type_name`]; the loader refuses such specs).
pub fn is_reserved(type_name: &str) -> bool {
    crate::naming::reserved::type_name(type_name).is_some()
}

/// A name the types file may import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Import {
    NaiveDate,
    Decimal,
    Map,
    Value,
    Decode,
    Validate,
    Serialize,
}

impl Import {
    const ALL: [Import; 7] = [
        Import::NaiveDate,
        Import::Decimal,
        Import::Map,
        Import::Value,
        Import::Decode,
        Import::Validate,
        Import::Serialize,
    ];

    fn name(self) -> &'static str {
        match self {
            Import::NaiveDate => "NaiveDate",
            Import::Decimal => "Decimal",
            Import::Map => "Map",
            Import::Value => "Value",
            Import::Decode => "Decode",
            Import::Validate => "Validate",
            Import::Serialize => "Serialize",
        }
    }

    fn full_path(self) -> TokenStream {
        match self {
            Import::NaiveDate => quote!(codegen_runtime::chrono::NaiveDate),
            Import::Decimal => quote!(codegen_runtime::rust_decimal::Decimal),
            Import::Map => quote!(codegen_runtime::serde_json::Map),
            Import::Value => quote!(codegen_runtime::serde_json::Value),
            Import::Decode => quote!(codegen_runtime::Decode),
            Import::Validate => quote!(codegen_runtime::Validate),
            Import::Serialize => quote!(serde::Serialize),
        }
    }
}

/// Hands out the tokens naming each [`Import`] and remembers which were
/// used, so the file imports exactly what it needs. A name that a generated
/// type also takes (a spec type called `Value`) is written fully qualified
/// instead of imported.
#[derive(Debug)]
pub struct Imports {
    used: [bool; Import::ALL.len()],
    taken: Vec<String>,
}

impl Imports {
    /// `taken`: the Rust names of the module's own types.
    pub fn new(taken: Vec<String>) -> Self {
        Self {
            used: [false; Import::ALL.len()],
            taken,
        }
    }

    fn is_taken(&self, import: Import) -> bool {
        self.taken.iter().any(|t| t == import.name())
    }

    /// Tokens that name `import` in the generated file.
    pub fn use_(&mut self, import: Import) -> TokenStream {
        if self.is_taken(import) {
            return import.full_path();
        }
        self.used[import as usize] = true;
        let ident = quote::format_ident!("{}", import.name());
        quote!(#ident)
    }

    /// The `use` items, grouped by crate in a fixed order.
    pub fn items(&self) -> TokenStream {
        let used = |i: Import| self.used[i as usize];
        let mut out = TokenStream::new();
        if used(Import::NaiveDate) {
            out.extend(quote!(
                use codegen_runtime::chrono::NaiveDate;
            ));
        }
        if used(Import::Decimal) {
            out.extend(quote!(
                use codegen_runtime::rust_decimal::Decimal;
            ));
        }
        match (used(Import::Map), used(Import::Value)) {
            (true, true) => out.extend(quote!(
                use codegen_runtime::serde_json::{Map, Value};
            )),
            (true, false) => out.extend(quote!(
                use codegen_runtime::serde_json::Map;
            )),
            (false, true) => out.extend(quote!(
                use codegen_runtime::serde_json::Value;
            )),
            (false, false) => {}
        }
        match (used(Import::Decode), used(Import::Validate)) {
            (true, true) => out.extend(quote!(
                use codegen_runtime::{Decode, Validate};
            )),
            (true, false) => out.extend(quote!(
                use codegen_runtime::Decode;
            )),
            (false, true) => out.extend(quote!(
                use codegen_runtime::Validate;
            )),
            (false, false) => {}
        }
        if used(Import::Serialize) {
            out.extend(quote!(
                use serde::Serialize;
            ));
        }
        out
    }
}
