//! `mosia_api!`: the code [`codegen::Config`] generates from a build script
//! (types and validators, optionally client and server), expanded in place
//! by a function-like macro instead (progenitor's `generate_api!`, typify's
//! `import_types!`).
//!
//! ```ignore
//! // Cargo.toml: codegen-macros, codegen-runtime (with `client` / `server`
//! // when asked for below) and serde.
//! codegen_macros::mosia_api! {
//!     // Spec files (or directories), relative to the crate's Cargo.toml.
//!     // Default: the directory `spec`.
//!     spec: ["spec/demonstrativo_pagamento_detalhe.yaml"],
//!     // Only these operations and the types they reach. Default: all.
//!     operations: ["demonstrativoPagamentoDetalhe"],
//!     // The `client` and `server` modules. Default: false.
//!     client: true,
//!     server: true,
//!     // The crate's own type wherever the spec type appears.
//!     replace: { "Registro" => crate::MeuRegistro },
//!     // Outer attributes on generated structs and fields, by spec names.
//!     type_attributes: { "Demonstrativo" => #[derive(Default)] },
//!     field_attributes: { "Demonstrativo.registros" => #[doc(alias = "records")] },
//! }
//! ```
//!
//! Each option is the builder method of the same meaning: `spec` →
//! [`Config::spec_file`](codegen::Config::spec_file) /
//! [`spec_dir`](codegen::Config::spec_dir), `operations`, `client`,
//! `server`, `replace` → [`replace_type`](codegen::Config::replace_type),
//! `type_attributes` → [`type_attribute`](codegen::Config::type_attribute),
//! `field_attributes` → [`field_attribute`](codegen::Config::field_attribute);
//! every option is optional, each may be given once, and several entries of
//! a map are separated by commas. The expansion is exactly
//! [`Config::generate_source`](codegen::Config::generate_source) for the
//! same settings: one `pub mod` per page, referring to no feature of the
//! crate that invokes the macro (a crate root or any module).
//!
//! **Rebuilds.** The expansion includes every spec file it read with
//! `const _: &[u8] = include_bytes!("/abs/path.yaml");`, so cargo recompiles
//! the crate when one of them changes. A file *added to* (or removed from) a
//! directory named in `spec` is not noticed until something else makes
//! cargo recompile the crate: name the files when that matters.
//!
//! **Errors** are compile errors: every spec diagnostic (file as written
//! in `spec`, line and column or spec path, message and help), spanned at
//! the `spec` entry of that file; every setting that does not fit the spec
//! (an unknown operation or type, with suggestions), spanned at its entry;
//! and syntax errors of the options themselves, spanned at the offending
//! token.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, bracketed, Attribute, Ident, LitBool, LitStr, Token};

/// Generates the modules of the spec pages named in the options; see the
/// [crate documentation](crate).
#[proc_macro]
pub fn mosia_api(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let Some(base) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return quote!(::core::compile_error!(
            "mosia_api!: CARGO_MANIFEST_DIR is not set (not compiled by cargo?), so spec paths have no base"
        ))
        .into();
    };
    match syn::parse::<Options>(input) {
        Ok(options) => expand(&options, Path::new(&base)).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

const KEYS: &[&str] = &[
    "spec",
    "operations",
    "client",
    "server",
    "replace",
    "type_attributes",
    "field_attributes",
];

/// The parsed macro input.
#[derive(Default)]
struct Options {
    spec: Vec<LitStr>,
    operations: Vec<LitStr>,
    client: Option<LitBool>,
    server: Option<LitBool>,
    replace: Vec<(LitStr, syn::Path)>,
    type_attributes: Vec<(LitStr, Vec<Attribute>)>,
    field_attributes: Vec<(LitStr, Vec<Attribute>)>,
}

impl Parse for Options {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut options = Options::default();
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            let name = key.to_string();
            if !KEYS.contains(&name.as_str()) {
                let hint = codegen::diagnostics::did_you_mean(&name, KEYS.iter().copied())
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown mosia_api! option `{name}`{hint} (options: {})",
                        KEYS.join(", ")
                    ),
                ));
            }
            if seen.contains(&name) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("option `{name}` given twice; give it once, listing every entry"),
                ));
            }
            seen.push(name.clone());
            input.parse::<Token![:]>()?;
            match name.as_str() {
                "spec" => options.spec = strings(input)?,
                "operations" => options.operations = strings(input)?,
                "client" => options.client = Some(input.parse()?),
                "server" => options.server = Some(input.parse()?),
                "replace" => {
                    options.replace = map(input, |input| input.parse::<syn::Path>())?;
                }
                "type_attributes" => options.type_attributes = map(input, attributes)?,
                "field_attributes" => options.field_attributes = map(input, attributes)?,
                _ => unreachable!("every key of KEYS is handled"),
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(options)
    }
}

/// `["a", "b"]`, or one string.
fn strings(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    if input.peek(LitStr) {
        return Ok(vec![input.parse()?]);
    }
    let content;
    bracketed!(content in input);
    let list = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(list.into_iter().collect())
}

/// `{ "name" => value, … }`.
fn map<T>(
    input: ParseStream,
    value: fn(ParseStream) -> syn::Result<T>,
) -> syn::Result<Vec<(LitStr, T)>> {
    let content;
    braced!(content in input);
    let mut entries = Vec::new();
    while !content.is_empty() {
        let name: LitStr = content.parse()?;
        content.parse::<Token![=>]>()?;
        entries.push((name, value(&content)?));
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(entries)
}

/// One or more outer attributes: `#[derive(Hash)] #[serde(default)]`.
fn attributes(input: ParseStream) -> syn::Result<Vec<Attribute>> {
    let attributes = Attribute::parse_outer(input)?;
    if attributes.is_empty() {
        return Err(input.error("expected an outer attribute such as `#[derive(Hash)]`"));
    }
    Ok(attributes)
}

/// A spec input: as written (for messages), where it is, what it spans.
struct Input {
    written: String,
    path: PathBuf,
    span: Span,
}

impl Options {
    fn inputs(&self, base: &Path) -> Vec<Input> {
        if self.spec.is_empty() {
            return vec![Input {
                written: "spec".to_owned(),
                path: base.join("spec"),
                span: Span::call_site(),
            }];
        }
        self.spec
            .iter()
            .map(|lit| Input {
                written: lit.value(),
                path: base.join(lit.value()),
                span: lit.span(),
            })
            .collect()
    }

    /// The builder with the same settings, paths resolved against `base`.
    fn config(&self, base: &Path) -> codegen::Config {
        let mut config = codegen::Config::new();
        for input in self.inputs(base) {
            if input.path.is_dir() {
                config.spec_dir(input.path);
            } else {
                config.spec_file(input.path);
            }
        }
        config
            .operations(self.operations.iter().map(LitStr::value))
            .client(self.client.as_ref().is_some_and(LitBool::value))
            .server(self.server.as_ref().is_some_and(LitBool::value));
        for (name, path) in &self.replace {
            config.replace_type(name.value(), path_text(path));
        }
        for (name, attributes) in &self.type_attributes {
            config.type_attribute(name.value(), quote!(#(#attributes)*).to_string());
        }
        for (name, attributes) in &self.field_attributes {
            config.field_attribute(name.value(), quote!(#(#attributes)*).to_string());
        }
        config
    }
}

/// `crate::MeuRegistro` as written (the builder's messages quote it).
fn path_text(path: &syn::Path) -> String {
    if path.segments.iter().all(|s| s.arguments.is_none()) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let lead = if path.leading_colon.is_some() {
            "::"
        } else {
            ""
        };
        format!("{lead}{}", segments.join("::"))
    } else {
        path.to_token_stream().to_string()
    }
}

/// The expansion: the generated modules (or the errors) and one
/// `include_bytes!` per spec file read.
fn expand(options: &Options, base: &Path) -> TokenStream {
    let config = options.config(base);
    let includes = config
        .read_paths()
        .into_iter()
        .filter(|path| path.is_file())
        .map(|path| {
            let path = path.to_string_lossy().into_owned();
            quote!(
                const _: &[u8] = ::core::include_bytes!(#path);
            )
        });
    let body = match config.generate_source() {
        Ok(source) => match source.parse::<TokenStream>() {
            Ok(tokens) => tokens,
            Err(error) => error_at(
                Span::call_site(),
                &format!(
                    "mosia_api!: the generated code does not lex ({error}); please report this"
                ),
            ),
        },
        Err(error) => errors(options, base, error),
    };
    quote! {
        #(#includes)*
        #body
    }
}

fn error_at(span: Span, message: &str) -> TokenStream {
    quote_spanned!(span=> ::core::compile_error!(#message);)
}

/// One `compile_error!` per problem, each at the option it comes from.
fn errors(options: &Options, base: &Path, error: codegen::config::Error) -> TokenStream {
    match error {
        codegen::config::Error::Spec(diagnostics) => {
            let inputs = options.inputs(base);
            diagnostics
                .into_iter()
                .map(|mut diagnostic| {
                    let file = PathBuf::from(&diagnostic.file);
                    let input = inputs.iter().find_map(|input| {
                        let rest = file.strip_prefix(&input.path).ok()?;
                        Some((input, rest.to_path_buf()))
                    });
                    let span = match input {
                        Some((input, rest)) => {
                            diagnostic.file = if rest.as_os_str().is_empty() {
                                input.written.clone()
                            } else {
                                Path::new(&input.written).join(rest).display().to_string()
                            };
                            input.span
                        }
                        None => Span::call_site(),
                    };
                    // rustc prints `error: ` itself; the rest is the
                    // diagnostic with its YAML line, as the CLI shows it.
                    let rendered = diagnostic.render();
                    let text = rendered.strip_prefix("error: ").unwrap_or(&rendered);
                    error_at(span, text)
                })
                .collect()
        }
        codegen::config::Error::Settings(problems) => problems
            .iter()
            .map(|problem| {
                let (span, message) = setting(options, problem);
                error_at(span, &message)
            })
            .collect(),
        other => error_at(Span::call_site(), &format!("mosia_api!: {other}")),
    }
}

/// Where a problem reported by the builder belongs, and its text in the
/// macro's terms (`replace "Registros": no type …` instead of
/// `replace_type("Registros", "crate::X"): no type …`).
fn setting(options: &Options, problem: &str) -> (Span, String) {
    for id in &options.operations {
        if problem.starts_with(&format!("operations: no operation `{}`", id.value())) {
            return (id.span(), problem.to_owned());
        }
    }
    let renamed = |lit: &LitStr, builder: String, option: &str| {
        problem
            .strip_prefix(&builder)
            .map(|rest| (lit.span(), format!("{option} {:?}: {rest}", lit.value())))
    };
    for (name, path) in &options.replace {
        let builder = format!("replace_type({:?}, {:?}): ", name.value(), path_text(path));
        if let Some(found) = renamed(name, builder, "replace") {
            return found;
        }
    }
    for (name, _) in &options.type_attributes {
        let builder = format!("type_attribute({:?}, …): ", name.value());
        if let Some(found) = renamed(name, builder, "type_attributes") {
            return found;
        }
    }
    for (name, _) in &options.field_attributes {
        let builder = format!("field_attribute({:?}, …): ", name.value());
        if let Some(found) = renamed(name, builder, "field_attributes") {
            return found;
        }
    }
    (Span::call_site(), problem.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// The expansion without its `include_bytes!` items, and those paths.
    fn split(expansion: TokenStream) -> (String, Vec<String>) {
        let file: syn::File = syn::parse2(expansion).unwrap();
        let mut includes = Vec::new();
        let mut items = Vec::new();
        for item in file.items {
            match &item {
                // `const _: &[u8] = include_bytes!("…");` (the generated
                // runtime version check is a `const _` too, and stays).
                syn::Item::Const(c)
                    if c.ident == "_" && matches!(&*c.expr, syn::Expr::Macro(_)) =>
                {
                    let syn::Expr::Macro(m) = &*c.expr else {
                        unreachable!()
                    };
                    let path: LitStr = m.mac.parse_body().unwrap();
                    includes.push(path.value());
                }
                _ => items.push(item),
            }
        }
        (quote!(#(#items)*).to_string(), includes)
    }

    fn generated(config: &codegen::Config) -> String {
        let file = syn::parse_file(&config.generate_source().unwrap()).unwrap();
        file.to_token_stream().to_string()
    }

    #[test]
    fn expands_to_the_builder_output_for_every_option() {
        let options: Options = syn::parse_quote! {
            spec: ["spec/demonstrativo_pagamento_detalhe.yaml"],
            operations: ["demonstrativoPagamentoDetalhe"],
            client: true,
            server: true,
            replace: { "Registro" => crate::MeuRegistro },
            type_attributes: { "Demonstrativo" => #[derive(Default)] #[doc(alias = "statement")] },
            field_attributes: {
                "Demonstrativo.registros" => #[doc(alias = "records")],
                "Valor.codigo" => #[doc(alias = "code")],
            },
        };
        let (items, includes) = split(expand(&options, &workspace()));
        let page = workspace().join("spec/demonstrativo_pagamento_detalhe.yaml");
        let expected = generated(
            codegen::Config::new()
                .spec_file(&page)
                .operations(["demonstrativoPagamentoDetalhe"])
                .client(true)
                .server(true)
                .replace_type("Registro", "crate::MeuRegistro")
                .type_attribute(
                    "Demonstrativo",
                    "#[derive(Default)] #[doc(alias = \"statement\")]",
                )
                .field_attribute("Demonstrativo.registros", "#[doc(alias = \"records\")]")
                .field_attribute("Valor.codigo", "#[doc(alias = \"code\")]"),
        );
        assert_eq!(items, expected);
        assert!(items.contains("crate :: MeuRegistro"), "{items}");
        assert_eq!(includes, [page.to_string_lossy()]);
    }

    #[test]
    fn default_is_every_page_of_spec_types_only() {
        let (items, includes) = split(expand(&Options::default(), &workspace()));
        let expected = generated(codegen::Config::new().spec_dir(workspace().join("spec")));
        assert_eq!(items, expected);
        assert!(!items.contains("pub mod client"), "{items}");
        // Each file of the directory, not the directory.
        let mut names: Vec<String> = includes
            .iter()
            .map(|p| {
                Path::new(p)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "criar_ocorrencia.yaml",
                "demonstrativo_pagamento_detalhe.yaml"
            ]
        );
    }

    #[test]
    fn a_spec_directory_is_read_like_the_builder_reads_it() {
        let options: Options = syn::parse_quote!(spec: "spec", client: false);
        let (items, _) = split(expand(&options, &workspace()));
        assert_eq!(
            items,
            generated(codegen::Config::new().spec_dir(workspace().join("spec")))
        );
    }
}
