//! The names one generated file uses and the `use` lines that bring them
//! in. One rule for every part: a file may keep some names for itself (the
//! client's `Client`, `Error`), and a spec type of such a name is written
//! `super::Name`; otherwise a spec type keeps its short name, and an item
//! from elsewhere whose name a spec type takes is written in full
//! (`codegen_runtime::server::Failure`) instead of being imported.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::space::Space;
use crate::ir::TypeId;

/// An item from outside the module: where it lives and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Extern {
    pub path: &'static str,
    pub name: &'static str,
}

impl Extern {
    pub const fn new(path: &'static str, name: &'static str) -> Self {
        Extern { path, name }
    }

    fn full_path(self) -> TokenStream {
        let segments = self.path.split("::").map(|s| format_ident!("{s}"));
        let name = format_ident!("{}", self.name);
        quote!(#(#segments::)* #name)
    }
}

/// The items the generated files name, each once.
pub mod externs {
    use super::Extern;

    pub const NAIVE_DATE: Extern = Extern::new("codegen_runtime::chrono", "NaiveDate");
    pub const DECIMAL: Extern = Extern::new("codegen_runtime::rust_decimal", "Decimal");
    pub const MAP: Extern = Extern::new("codegen_runtime::serde_json", "Map");
    pub const VALUE: Extern = Extern::new("codegen_runtime::serde_json", "Value");
    pub const DECODE: Extern = Extern::new("codegen_runtime", "Decode");
    pub const VALIDATE: Extern = Extern::new("codegen_runtime", "Validate");
    pub const REPORT: Extern = Extern::new("codegen_runtime", "Report");
    pub const SERIALIZE: Extern = Extern::new("serde", "Serialize");
    pub const ARC: Extern = Extern::new("std::sync", "Arc");
    pub const FUTURE: Extern = Extern::new("std::future", "Future");

    pub const fn client(name: &'static str) -> Extern {
        Extern::new("codegen_runtime::client", name)
    }

    pub const fn server(name: &'static str) -> Extern {
        Extern::new("codegen_runtime::server", name)
    }
}

/// How one file refers to things: hands out the tokens for each name and
/// remembers what to import.
#[derive(Debug)]
pub struct Scope<'s> {
    space: &'s Space<'s>,
    /// Names the file keeps for itself, whether it defines them (the
    /// client's `Client`) or imports them (its `Error`): a spec type of such
    /// a name is referred to as `super::Name`.
    own: &'static [&'static str],
    /// Whether the spec types are defined in this file (the types part)
    /// rather than in its parent.
    defines_types: bool,
    imports: BTreeSet<Extern>,
    reexports: BTreeSet<Extern>,
    spec: BTreeSet<String>,
}

impl<'s> Scope<'s> {
    /// The scope of the file that defines the spec types.
    pub fn types(space: &'s Space<'s>) -> Self {
        Self::new(space, &[], true)
    }

    /// The scope of a submodule of the types' module that keeps `own`.
    pub fn child(space: &'s Space<'s>, own: &'static [&'static str]) -> Self {
        Self::new(space, own, false)
    }

    fn new(space: &'s Space<'s>, own: &'static [&'static str], defines_types: bool) -> Self {
        Scope {
            space,
            own,
            defines_types,
            imports: BTreeSet::new(),
            reexports: BTreeSet::new(),
            spec: BTreeSet::new(),
        }
    }

    /// Whether an outside item of this name must be written in full.
    fn clashes(&self, name: &str) -> bool {
        !self.own.contains(&name) && self.space.is_type_name(name)
    }

    /// Tokens naming `item`: imported, or its full path when the name is
    /// taken here.
    pub fn item(&mut self, item: Extern) -> TokenStream {
        if self.clashes(item.name) {
            return item.full_path();
        }
        if !self.reexports.contains(&item) {
            self.imports.insert(item);
        }
        let name = format_ident!("{}", item.name);
        quote!(#name)
    }

    /// Re-exports `item` publicly (`#[doc(no_inline)] pub use …`) unless its
    /// name is taken here; [`Scope::item`] then names it by the re-export.
    pub fn reexport(&mut self, item: Extern) {
        if !self.clashes(item.name) {
            self.imports.remove(&item);
            self.reexports.insert(item);
        }
    }

    /// An intra-doc link to `member` of `item` (`Routes::merge`), explicit
    /// where the short name is taken.
    pub fn link(&self, item: Extern, member: Option<&str>) -> String {
        let shown = match member {
            Some(member) => format!("{}::{member}", item.name),
            None => item.name.to_owned(),
        };
        if self.clashes(item.name) {
            format!("[`{shown}`]({}::{shown})", item.path)
        } else {
            format!("[`{shown}`]")
        }
    }

    /// Tokens naming a spec type of the module (or the user's replacement).
    pub fn spec(&mut self, id: TypeId) -> TokenStream {
        let entry = &self.space.types[id.0];
        if let Some(path) = &entry.replacement {
            return quote!(#path);
        }
        let ident = &entry.ident;
        if self.defines_types {
            return quote!(#ident);
        }
        if self.own.contains(&ident.to_string().as_str()) {
            return quote!(super::#ident);
        }
        self.spec.insert(ident.to_string());
        quote!(#ident)
    }

    /// An intra-doc link to a spec type.
    pub fn spec_link(&self, id: TypeId) -> String {
        let name = self.space.type_name(id);
        let replaced = self.space.types[id.0].replacement.is_some();
        if !replaced && !self.defines_types && self.own.contains(&name.as_str()) {
            format!("[`{name}`](super::{name})")
        } else {
            self.space.type_link(id)
        }
    }

    /// The file's `use` items: one per path (`std` first, then by path),
    /// the public re-exports, then the spec types from the parent.
    pub fn uses(&self) -> TokenStream {
        let mut out = TokenStream::new();
        for (path, names) in grouped(&self.imports) {
            out.extend(use_item(quote!(), path, &names));
        }
        for (path, names) in grouped(&self.reexports) {
            out.extend(use_item(quote!(#[doc(no_inline)] pub), path, &names));
        }
        if !self.spec.is_empty() {
            let names = self.spec.iter().map(|n| format_ident!("{n}"));
            out.extend(quote! { use super::{#(#names),*}; });
        }
        out
    }
}

/// Items by path, in output order: `std` paths first, then the others by
/// their `use` line ignoring case (so `codegen_runtime::client::{…}` comes
/// before `codegen_runtime::Report`, and a crate's own items after its
/// modules'); names sorted within each.
fn grouped(items: &BTreeSet<Extern>) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut groups: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for item in items {
        match groups.last_mut() {
            Some((path, names)) if *path == item.path => names.push(item.name),
            _ => groups.push((item.path, vec![item.name])),
        }
    }
    groups.sort_by_cached_key(|(path, names)| {
        let tail = match names.as_slice() {
            [one] => one,
            _ => "{",
        };
        (
            !path.starts_with("std"),
            format!("{path}::{tail}").to_lowercase(),
        )
    });
    groups
}

fn use_item(prefix: TokenStream, path: &str, names: &[&str]) -> TokenStream {
    let segments = path.split("::").map(|s| format_ident!("{s}"));
    let idents: Vec<_> = names.iter().map(|n| format_ident!("{n}")).collect();
    match idents.as_slice() {
        [one] => quote! { #prefix use #(#segments::)* #one; },
        _ => quote! { #prefix use #(#segments::)* {#(#idents),*}; },
    }
}
