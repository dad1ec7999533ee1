//! Emitters: validated IR in, formatted Rust source out.
//!
//! Each emitter turns one [`crate::ir::Module`] into one [`ModulePart`] (a Rust
//! submodule such as `types`, later `client` and `server`). This module owns
//! the layout around the parts, so emitters never deal with files:
//!
//! * [`generate`]: the checked-in crate layout (`lib.rs`, `<module>/mod.rs`,
//!   `<module>/<part>.rs`), written by `cargo run -p codegen`;
//! * [`generate_single_file`]: everything inline in one file, for
//!   `include!` from a build script ([`crate::config::Config`]).
//!
//! Output is deterministic: it depends only on the IR (which is ordered by
//! spec file and spec order), never on hash order, time or the machine.
//!
//! Every name the parts use is decided once per module, in its type space
//! (`space::Space`); each file's imports follow one rule (`scope`).
//! Adding an emitter: write `fn emit(&Space) -> Option<ModulePart>` in a new
//! file and list it in [`PART_EMITTERS`].

mod client;
mod docs;
mod module_docs;
pub mod options;
mod scope;
mod server;
mod space;
mod types;

pub mod json_schema;
pub mod openapi;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Module};
use options::{Gate, Options};
use space::Space;

pub use docs::{code, escape};

/// First characters of every file this crate writes; only files starting
/// with it are ever deleted or overwritten as stale.
pub const GENERATED_MARKER: &str = "// @generated";

/// One output file of the crate layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory, `/`-separated
    /// (`demonstrativo_pagamento_detalhe/types.rs`).
    pub relative_path: String,
    /// Formatted Rust source, starting with [`GENERATED_MARKER`].
    pub contents: String,
}

/// A Rust submodule of a generated module, contributed by one emitter.
#[derive(Debug, Clone)]
pub struct ModulePart {
    /// Module name and file stem (`types`).
    pub name: &'static str,
    /// Cargo feature of the generated crate that gates the part, if any.
    pub feature: Option<&'static str>,
    /// Re-export its items from the parent (`mod types; pub use types::*;`)
    /// instead of exposing the submodule (`pub mod client;`).
    pub glob_reexport: bool,
    /// The items of the submodule (including its own `use` lines).
    pub items: TokenStream,
}

/// An emitter: one module's type space in, one part out (`None` when the
/// module gives it nothing to emit). Rendering cannot fail: every check is
/// made when the space is built.
pub type PartEmitter = fn(&Space<'_>) -> Option<ModulePart>;

/// Every emitter, in the order their submodules are declared.
pub const PART_EMITTERS: &[PartEmitter] = &[types::emit, client::emit, server::emit];

/// Why the IR could not be turned into Rust: a bug of the generator. The
/// loader is the only gate, and every spec it accepts generates (the
/// checks behind these errors are defensive: they catch IR the loader did
/// not build, such as hand-made IR in tests). Each says which module and
/// item is concerned.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("module `{module}`: `{name}` is not a valid Rust identifier")]
    InvalidIdent { module: String, name: String },
    #[error("module name `{0}` is used by more than one spec file")]
    DuplicateModule(String),
    #[error("module `{module}`: reference to a type or field that does not exist ({what})")]
    DanglingReference { module: String, what: String },
    #[error(
        "module `{module}`: type `{name}` would shadow the Rust prelude; rename it in the spec"
    )]
    ReservedTypeName { module: String, name: String },
    /// Something the loader refuses (a media type, a taken name, an
    /// array of colours), met in IR it did not build.
    #[error("module `{module}`: {what} is not supported by the generator")]
    Unsupported { module: String, what: String },
    #[error("internal error: emitted code for `{file}` does not parse: {message}")]
    Unparsable { file: String, message: String },
}

/// The crate layout: `lib.rs` plus, per module, `mod.rs` and one file per
/// part, sorted by path, with every part behind its feature
/// ([`Options::crate_layout`]). Fails as a whole if any module fails.
pub fn generate(api: &Api) -> Result<Vec<GeneratedFile>, EmitError> {
    generate_with(api, &Options::crate_layout())
}

/// [`generate`] with the parts, replacements and attributes of `options`.
pub fn generate_with(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>, EmitError> {
    docs::clear_placeholders();
    let files = generate_files(api, options);
    docs::clear_placeholders();
    files
}

fn generate_files(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>, EmitError> {
    check_module_names(api)?;
    let mut files = vec![GeneratedFile {
        relative_path: "lib.rs".to_owned(),
        contents: render(&lib_header(api), "lib.rs", lib_tokens(api))?,
    }];
    // Token streams cannot cross threads, and options may hold some
    // (replacements, attributes): modules are generated on every core only
    // when the options are just the parts' gates, which each worker copies.
    let per_module = if options.has_tokens() {
        api.modules
            .iter()
            .map(|module| module_files(module, options))
            .collect::<Vec<_>>()
    } else {
        let (client, server) = (options.client, options.server);
        crate::parallel::map(&api.modules, |module| {
            let options = Options {
                client,
                server,
                ..Options::default()
            };
            module_files(module, &options)
        })
    };
    for module in per_module {
        files.extend(module?);
    }
    files.sort_by(|a, b| a.relative_path.cmp(&b.relative_path));
    Ok(files)
}

/// One module's files of the crate layout: `mod.rs` and one per part.
fn module_files(module: &Module, options: &Options) -> Result<Vec<GeneratedFile>, EmitError> {
    let space = Space::new(module, options)?;
    let parts = emit_parts(&space)?;
    let header = module_header(module);
    let dir = &module.name;
    let module_docs = module_docs::docs(&space);
    let declarations = parts.iter().map(|part| declare_part(part, false));
    let mut files = Vec::with_capacity(parts.len() + 1);
    files.push(GeneratedFile {
        relative_path: format!("{dir}/mod.rs"),
        contents: render(
            &header,
            &format!("{dir}/mod.rs"),
            quote! { #module_docs #(#declarations)* },
        )?,
    });
    for part in parts {
        let path = format!("{dir}/{}.rs", part.name);
        files.push(GeneratedFile {
            contents: render(&header, &path, part.items)?,
            relative_path: path,
        });
    }
    Ok(files)
}

/// Everything in one file of inline modules (`pub mod x { … }`), meant for
/// `include!(concat!(env!("OUT_DIR"), "/mosia_api.rs"))`, with every part
/// behind its feature. It has no inner attributes at top level, which
/// `include!` would reject.
pub fn generate_single_file(api: &Api) -> Result<String, EmitError> {
    generate_single_file_with(api, &Options::crate_layout())
}

/// [`generate_single_file`] with the parts, replacements and attributes of
/// `options`.
pub fn generate_single_file_with(api: &Api, options: &Options) -> Result<String, EmitError> {
    docs::clear_placeholders();
    let file = single_file(api, options);
    docs::clear_placeholders();
    file
}

fn single_file(api: &Api, options: &Options) -> Result<String, EmitError> {
    check_module_names(api)?;
    let mut modules = Vec::with_capacity(api.modules.len());
    for module in &api.modules {
        let name = ident(&module.name, &module.name)?;
        let space = Space::new(module, options)?;
        let module_docs = module_docs::docs(&space);
        let parts = emit_parts(&space)?;
        let declarations = parts.iter().map(|part| declare_part(part, true));
        modules.push(quote! {
            pub mod #name {
                #module_docs
                #(#declarations)*
            }
        });
    }
    let header = format!(
        "{GENERATED_MARKER} from {} by `codegen::Config` (build script). Do not edit.",
        spec_dir_display(api)
    );
    let check = version_check();
    render(&header, "mosia_api.rs", quote! { #check #(#modules)* })
}

/// A constant that stops the build, with a message saying so, when the
/// crate's `codegen-runtime` is not the one this `codegen` generates for.
fn version_check() -> TokenStream {
    let version = env!("CARGO_PKG_VERSION");
    let mut doc = docs::Doc::new();
    doc.line(format!(
        "Generated by codegen {version}: the build stops here, saying so, when"
    ))
    .line("codegen-runtime is not a compatible version.");
    let doc = doc.outer();
    quote! {
        #doc
        const _: () = codegen_runtime::require_version(#version);
    }
}

/// Runs every emitter on the module. Part names become identifiers and
/// file names, so they are checked here rather than trusted.
fn emit_parts(space: &Space<'_>) -> Result<Vec<ModulePart>, EmitError> {
    let module = space.module;
    let mut parts: Vec<ModulePart> = Vec::new();
    for emitter in PART_EMITTERS {
        let Some(mut part) = emitter(space) else {
            continue;
        };
        let gate = match part.feature {
            Some("client") => space.options.client,
            Some("server") => space.options.server,
            _ => Gate::Emit,
        };
        match gate {
            Gate::Omit => continue,
            Gate::Emit => part.feature = None,
            Gate::Feature => {}
        }
        let name = ident(&module.name, part.name)?;
        if name != part.name || part.name == "mod" || parts.iter().any(|p| p.name == part.name) {
            return Err(EmitError::InvalidIdent {
                module: module.name.clone(),
                name: part.name.to_owned(),
            });
        }
        parts.push(part);
    }
    Ok(parts)
}

/// How a part is declared in its module: `mod types; pub use types::*;` or
/// `#[cfg(feature = "client")] pub mod client;` in the crate layout, with
/// the items inline (`mod types { … }`) in the single-file layout.
fn declare_part(part: &ModulePart, inline: bool) -> TokenStream {
    let name = quote::format_ident!("{}", part.name); // checked by `emit_parts`
    let cfg = part
        .feature
        .map(|f| quote! { #[cfg(feature = #f)] })
        .unwrap_or_default();
    let body = if inline {
        let items = &part.items;
        quote! { { #items } }
    } else {
        quote! { ; }
    };
    if part.glob_reexport {
        quote! { #cfg mod #name #body #cfg pub use #name::*; }
    } else {
        quote! { #cfg pub mod #name #body }
    }
}

fn lib_tokens(api: &Api) -> TokenStream {
    let mut doc = docs::Doc::new();
    doc.line("Typed Rust for the Mosia Omnichannel APIs, generated from the YAML transcriptions")
        .line("of their documentation pages.")
        .paragraph(
            "Each module is one page: its types (with the page's criteria as validation \
             rules)\nand, in its documentation, the endpoints it describes.",
        )
        .paragraph("| Módulo | Página |")
        .line("|---|---|");
    for module in &api.modules {
        doc.line(format!(
            "| [`{}`] | {} |",
            module.name,
            docs::cell(&module.title)
        ));
    }
    doc.paragraph(
        "Regenerate with `cargo run -p codegen`; check with `cargo run -p codegen -- --check`.",
    );
    let crate_docs = doc.inner();
    // No outer doc on `pub mod x;`: rustdoc would merge it with the module's
    // own `//!` docs and resolve their intra-doc links from the crate root.
    // `rustfmt::skip`: the files are prettyplease's layout, which is stable
    // across machines; `cargo fmt` must neither rewrite nor reject them.
    let mods = api.modules.iter().map(|m| {
        // Validated by `check_module_names`.
        let name = quote::format_ident!("{}", m.name);
        quote! { #[rustfmt::skip] pub mod #name; }
    });
    let check = version_check();
    quote! { #crate_docs #check #(#mods)* }
}

/// Parses an identifier (raw identifiers such as `r#type` are accepted,
/// keywords are not); `format_ident!` would panic on a bad one.
fn ident(module: &str, name: &str) -> Result<syn::Ident, EmitError> {
    syn::parse_str::<syn::Ident>(name).map_err(|_| EmitError::InvalidIdent {
        module: module.to_owned(),
        name: name.to_owned(),
    })
}

/// Module names become directories and `pub mod` items: they must be plain
/// identifiers and unique.
fn check_module_names(api: &Api) -> Result<(), EmitError> {
    let mut seen = BTreeSet::new();
    for module in &api.modules {
        // A raw identifier (`r#type`) would name a directory `r#type`.
        let ident = ident(&module.name, &module.name)?;
        if module.name.starts_with("r#") || ident != module.name.as_str() {
            return Err(EmitError::InvalidIdent {
                module: module.name.clone(),
                name: module.name.clone(),
            });
        }
        if !seen.insert(module.name.as_str()) {
            return Err(EmitError::DuplicateModule(module.name.clone()));
        }
    }
    Ok(())
}

fn module_header(module: &Module) -> String {
    format!(
        "{GENERATED_MARKER} from {} by `cargo run -p codegen`. Do not edit.",
        one_line(&module.source)
    )
}

fn lib_header(api: &Api) -> String {
    format!(
        "{GENERATED_MARKER} from {} by `cargo run -p codegen`. Do not edit.",
        spec_dir_display(api)
    )
}

/// The directory shared by every module's source (`spec/`), for headers of
/// files that come from all of them.
fn spec_dir_display(api: &Api) -> String {
    let dirs: BTreeSet<&str> = api
        .modules
        .iter()
        .map(|m| m.source.rsplit_once('/').map_or("", |(dir, _)| dir))
        .collect();
    match dirs.into_iter().collect::<Vec<_>>().as_slice() {
        [dir] if !dir.is_empty() => format!("{}/", one_line(dir)),
        _ => "spec/".to_owned(),
    }
}

/// A header is a single `//` comment line whatever the source path holds.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Parses and pretty-prints tokens, prefixed with the header comment (which
/// prettyplease would drop, being a plain comment).
///
/// prettyplease puts no blank line between items; for readability each item
/// is printed on its own and separated by one, except runs of `use` and
/// `mod x;` declarations, which stay together.
fn render(header: &str, file: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let syntax: syn::File = syn::parse2(tokens).map_err(|e| EmitError::Unparsable {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    let mut out = format!("{header}\n");
    let inner = syn::File {
        shebang: None,
        attrs: syntax.attrs,
        items: Vec::new(),
    };
    out.push_str(&prettyplease::unparse(&inner));
    let mut previous: Option<bool> = None;
    for item in syntax.items {
        let is_declaration = is_declaration(&item);
        let after_docs = previous.is_none() && !inner.attrs.is_empty();
        if after_docs || previous.is_some_and(|prev| !(prev && is_declaration)) {
            out.push('\n');
        }
        previous = Some(is_declaration);
        out.push_str(&space_members(&prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        })));
    }
    Ok(docs::expand_placeholders(&out))
}

/// A blank line between the members of an `impl` or `trait` block (a
/// method, a constant) where prettyplease puts none: before a line that
/// starts an item at the same indentation as the `}` closing the previous one.
fn space_members(text: &str) -> String {
    const STARTS: [&str; 8] = [
        "///",
        "#[",
        "pub ",
        "fn ",
        "async fn ",
        "const ",
        "type ",
        "impl ",
    ];
    let mut out = String::with_capacity(text.len() + 64);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let starts_item = STARTS.iter().any(|s| line.trim_start().starts_with(s));
        if starts_item
            && previous
                .is_some_and(|p| p.len() == indent + 1 && p.ends_with('}') && p.trim() == "}")
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// `use …;` and body-less `mod …;` items, which read best grouped.
fn is_declaration(item: &syn::Item) -> bool {
    match item {
        syn::Item::Use(_) => true,
        syn::Item::Mod(m) => m.content.is_none(),
        _ => false,
    }
}
