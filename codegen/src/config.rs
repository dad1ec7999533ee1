//! Generating from a build script, prost-build style.
//!
//! ```no_run
//! // build.rs of a crate that depends on `codegen-runtime` and `serde`
//! // (build-dependency: `codegen = { version = "...", default-features = false }`)
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     codegen::Config::new()
//!         .spec_file("spec/demonstrativo_pagamento_detalhe.yaml")
//!         .server(true) // needs codegen-runtime's `server` feature
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/mosia_api.rs"));`
//!
//! The file holds every module inline (`pub mod demonstrativo_pagamento_detalhe
//! { … }`): the types and their validators always, the client and the
//! server when asked for. It refers to no feature of the crate that
//! includes it. The build script reruns when a spec file it read changes
//! (`rerun-if-changed`); the file is rewritten only when its contents
//! change, but cargo recompiles the crate whenever its build script has
//! rerun, even when the output is the same (touching a spec file costs one
//! compilation of the crate).

use std::env;
use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::diagnostics::{did_you_mean, Diagnostics};
use crate::emit::options::{FieldAttribute, Gate, Options, Replacement, TypeAttribute};
use crate::emit::{self, EmitError};
use crate::ir::Api;
use crate::output::{self, OutputError};
use crate::selection;

/// Name of the file written into the output directory.
pub const FILE_NAME: &str = "mosia_api.rs";

/// Builder for generating from a build script.
#[derive(Debug, Clone)]
pub struct Config {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    rerun_if_changed: bool,
    operations: Vec<String>,
    client: bool,
    server: bool,
    replacements: Vec<(String, String)>,
    type_attributes: Vec<(String, String)>,
    field_attributes: Vec<(String, String)>,
}

/// Why generation from a build script failed. `Display` lists every spec
/// diagnostic, one per line, and so does `Debug`: `fn main() -> Result<(),
/// Box<dyn Error>>` with `?` in `build.rs` prints the `Debug` of the error,
/// which must read as well as the CLI's report.
#[derive(thiserror::Error)]
pub enum Error {
    #[error("the spec has errors:\n{}", .0.render())]
    Spec(#[from] Diagnostics),
    /// A builder setting that does not fit the spec (an unknown operation
    /// or type, a replacement that is no Rust path): every such problem.
    #[error("the codegen::Config settings do not fit the spec:\n{}", .0.join("\n"))]
    Settings(Vec<String>),
    #[error(transparent)]
    Emit(#[from] EmitError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(
        "no output directory: OUT_DIR is not set (not running in a build script?); call `out_dir`"
    )]
    NoOutDir,
    #[error("cannot print cargo directives: {0}")]
    Cargo(#[source] io::Error),
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Every spec file of the directory `spec` (relative to the build
    /// script's working directory, the package root), types and validators
    /// only, output to `$OUT_DIR`, printing `cargo:rerun-if-changed` lines.
    pub fn new() -> Self {
        Config {
            inputs: Vec::new(),
            out_dir: None,
            rerun_if_changed: true,
            operations: Vec::new(),
            client: false,
            server: false,
            replacements: Vec::new(),
            type_attributes: Vec::new(),
            field_attributes: Vec::new(),
        }
    }

    /// Reads every `*.yaml` / `*.yml` file of `dir`. With `spec_dir` or
    /// [`Config::spec_file`] called at least once, only what they name is
    /// read (instead of `spec/`); call them as often as needed.
    pub fn spec_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.inputs.push(dir.into());
        self
    }

    /// Reads this spec file (one page): see [`Config::spec_dir`].
    pub fn spec_file(&mut self, file: impl Into<PathBuf>) -> &mut Self {
        self.inputs.push(file.into());
        self
    }

    /// Generates only these operations (by spec id, such as
    /// `demonstrativoPagamentoDetalhe`), the types they reach and the
    /// modules that hold them. Default: every operation.
    pub fn operations<I, S>(&mut self, ids: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Generates a `client` module per page (default: no). The crate then
    /// needs `codegen-runtime` with its `client` feature.
    pub fn client(&mut self, enabled: bool) -> &mut Self {
        self.client = enabled;
        self
    }

    /// Generates a `server` module per page (default: no). The crate then
    /// needs `codegen-runtime` with its `server` feature.
    pub fn server(&mut self, enabled: bool) -> &mut Self {
        self.server = enabled;
        self
    }

    /// Uses the crate's own `rust_path` (`crate::MeuRegistro`) wherever
    /// the spec type `spec_type` appears (fields, client, server trait),
    /// instead of generating it. `spec_type` is the spec's name for the
    /// type (`Registro`), or `module.Type` where several pages have one of
    /// that name. The type must implement what a generated one does:
    /// `Decode`, `Validate`, `serde::Serialize`, `Debug`, `Clone`,
    /// `PartialEq` (derive the first three with `codegen_runtime`'s derives).
    pub fn replace_type(
        &mut self,
        spec_type: impl Into<String>,
        rust_path: impl Into<String>,
    ) -> &mut Self {
        self.replacements.push((spec_type.into(), rust_path.into()));
        self
    }

    /// Adds an outer attribute (`#[derive(Hash, Eq)]`) to the generated
    /// struct of `spec_type` (named as in [`Config::replace_type`]).
    pub fn type_attribute(
        &mut self,
        spec_type: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.type_attributes
            .push((spec_type.into(), attribute.into()));
        self
    }

    /// Adds an outer attribute to a field, named `Type.attribute` by the
    /// spec's names (`Registro.valorTotal`; `module.Type.attribute` where
    /// several pages have the type).
    pub fn field_attribute(
        &mut self,
        field: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.field_attributes.push((field.into(), attribute.into()));
        self
    }

    /// Where to write [`FILE_NAME`] (default: the `OUT_DIR` cargo gives
    /// build scripts).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for each spec file and
    /// directory read (default: yes). Printing any such line makes cargo
    /// rerun the build script only when those paths change, instead of on
    /// any change in the package; turn it off if the build script also
    /// depends on other files and prints nothing for them.
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.rerun_if_changed = enabled;
        self
    }

    /// Loads the spec, generates the code and writes it if it changed.
    /// Returns the path of the written file.
    pub fn generate(&self) -> Result<PathBuf, Error> {
        self.generate_with(&mut io::stdout().lock())
    }

    /// The generated source, without writing it (what the `mosia_api!`
    /// macro expands to, and what [`Config::generate`] writes).
    pub fn generate_source(&self) -> Result<String, Error> {
        let api = crate::loader::load_inputs(&self.inputs())?;
        let (api, options) = self.resolve(api)?;
        Ok(emit::generate_single_file_with(&api, &options)?)
    }

    /// Every spec file the settings read, and the directories listed (so an
    /// added or removed file reruns the build script).
    pub fn read_paths(&self) -> Vec<PathBuf> {
        let mut paths = Vec::new();
        for input in self.inputs() {
            if input.is_dir() {
                let mut ignored = Diagnostics::new();
                let files = crate::loader::spec_files_in(&input, &mut ignored);
                paths.push(input);
                paths.extend(files.into_iter().map(|(path, _)| path));
            } else {
                paths.push(input);
            }
        }
        paths
    }

    fn inputs(&self) -> Vec<PathBuf> {
        if self.inputs.is_empty() {
            vec![PathBuf::from("spec")]
        } else {
            self.inputs.clone()
        }
    }

    /// [`Config::generate`], printing cargo directives to `cargo`.
    fn generate_with(&self, cargo: &mut dyn Write) -> Result<PathBuf, Error> {
        if self.rerun_if_changed {
            // Before loading, so a spec that fails to load is still watched.
            for path in self.read_paths() {
                writeln!(cargo, "cargo:rerun-if-changed={}", path.display())
                    .map_err(Error::Cargo)?;
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let contents = self.generate_source()?;
        let path = out_dir.join(FILE_NAME);
        output::write_file_if_changed(&path, contents.as_bytes())?;
        Ok(path)
    }

    /// Applies the operation selection and checks every setting against
    /// the spec, reporting all problems at once.
    fn resolve(&self, api: Api) -> Result<(Api, Options), Error> {
        let mut problems = Vec::new();
        let selected = if self.operations.is_empty() {
            None
        } else {
            let unknown = selection::unknown_operations(&api, &self.operations);
            if !unknown.is_empty() {
                let known: Vec<&str> = api
                    .modules
                    .iter()
                    .flat_map(|m| m.operations.iter().map(|op| op.id.as_str()))
                    .collect();
                for id in unknown {
                    problems.push(format!(
                        "operations: no operation `{id}` in the spec{} (operations: {})",
                        hint(id, &known),
                        known.join(", ")
                    ));
                }
            }
            // Names of the settings below are looked up in the whole spec
            // when the selection is wrong, so each problem is reported once.
            problems
                .is_empty()
                .then(|| selection::select_operations(&api, &self.operations))
        };
        let api = selected.unwrap_or(api);
        let gate = |on: bool| if on { Gate::Emit } else { Gate::Omit };
        let mut options = Options {
            client: gate(self.client),
            server: gate(self.server),
            ..Options::default()
        };
        for (spec_type, rust_path) in &self.replacements {
            let what = format!("replace_type({spec_type:?}, {rust_path:?})");
            let found = find_type(&api, spec_type).map_err(|e| format!("{what}: {e}"));
            let path = syn::parse_str::<syn::Path>(rust_path).map_err(|_| {
                format!("{what}: `{rust_path}` is not a Rust path (write it as in code: `crate::MeuRegistro`)")
            });
            match (found, path) {
                (Ok((module, type_name)), Ok(path)) => options.replacements.push(Replacement {
                    module,
                    type_name,
                    path,
                }),
                (found, path) => problems.extend(found.err().into_iter().chain(path.err())),
            }
        }
        for (spec_type, attribute) in &self.type_attributes {
            let what = format!("type_attribute({spec_type:?}, …)");
            let found = find_type(&api, spec_type).map_err(|e| format!("{what}: {e}"));
            let attribute = parse_attribute(attribute).map_err(|e| format!("{what}: {e}"));
            match (found, attribute) {
                (Ok((module, type_name)), Ok(attribute)) => {
                    if options
                        .replacements
                        .iter()
                        .any(|r| r.module == module && r.type_name == type_name)
                    {
                        problems.push(format!("{what}: `{type_name}` is replaced by a type of the crate, so no struct is generated to carry the attribute"));
                    }
                    options.type_attributes.push(TypeAttribute {
                        module,
                        type_name,
                        attribute,
                    })
                }
                (found, attribute) => {
                    problems.extend(found.err().into_iter().chain(attribute.err()))
                }
            }
        }
        for (field, attribute) in &self.field_attributes {
            let what = format!("field_attribute({field:?}, …)");
            let found = find_field(&api, field).map_err(|e| format!("{what}: {e}"));
            let attribute = parse_attribute(attribute).map_err(|e| format!("{what}: {e}"));
            match (found, attribute) {
                (Ok((module, type_name, wire_name)), Ok(attribute)) => {
                    options.field_attributes.push(FieldAttribute {
                        module,
                        type_name,
                        wire_name,
                        attribute,
                    })
                }
                (found, attribute) => {
                    problems.extend(found.err().into_iter().chain(attribute.err()))
                }
            }
        }
        if problems.is_empty() {
            Ok((api, options))
        } else {
            Err(Error::Settings(problems))
        }
    }
}

fn hint(name: &str, candidates: &[&str]) -> String {
    did_you_mean(name, candidates.iter().copied())
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// The module and spec name of the type `Type` or `module.Type`.
fn find_type(api: &Api, name: &str) -> Result<(String, String), String> {
    let (module_name, type_name) = match name.split_once('.') {
        Some((module, ty)) => (Some(module), ty),
        None => (None, name),
    };
    let matches: Vec<&str> = api
        .modules
        .iter()
        .filter(|m| module_name.is_none_or(|wanted| m.name == wanted))
        .filter(|m| m.types.iter().any(|t| t.name == type_name))
        .map(|m| m.name.as_str())
        .collect();
    match matches.as_slice() {
        [module] => Ok(((*module).to_owned(), type_name.to_owned())),
        [] => {
            let known: Vec<String> = api
                .modules
                .iter()
                .flat_map(|m| {
                    m.types
                        .iter()
                        .map(move |t| format!("{}.{}", m.name, t.name))
                })
                .collect();
            let short: Vec<&str> = api
                .modules
                .iter()
                .flat_map(|m| m.types.iter().map(|t| t.name.as_str()))
                .collect();
            Err(format!(
                "no type `{name}` in the spec{} (types: {})",
                hint(type_name, &short),
                known.join(", ")
            ))
        }
        several => Err(format!(
            "`{type_name}` is a type of several pages ({}); name one as `module.{type_name}`",
            several.join(", ")
        )),
    }
}

/// The module, type and wire name of `Type.attribute` or
/// `module.Type.attribute`.
fn find_field(api: &Api, name: &str) -> Result<(String, String, String), String> {
    let Some((ty, wire_name)) = name.rsplit_once('.') else {
        return Err(format!(
            "`{name}` names no field; write `Type.attribute` (`Registro.valorTotal`)"
        ));
    };
    let (module, type_name) = find_type(api, ty)?;
    let object = api
        .modules
        .iter()
        .find(|m| m.name == module)
        .and_then(|m| m.types.iter().find(|t| t.name == type_name))
        .ok_or_else(|| format!("no type `{ty}`"))?;
    if object.field(wire_name).is_none() {
        let names: Vec<&str> = object.fields.iter().map(|f| f.wire_name.as_str()).collect();
        return Err(format!(
            "`{type_name}` has no attribute `{wire_name}`{} (attributes: {})",
            hint(wire_name, &names),
            names.join(", ")
        ));
    }
    Ok((module, type_name, wire_name.to_owned()))
}

/// An outer attribute written as in code (`#[derive(Hash)]`).
fn parse_attribute(text: &str) -> Result<proc_macro2::TokenStream, String> {
    let attributes =
        syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text).map_err(|e| {
            format!("`{text}` is not an outer attribute such as `#[derive(Hash)]` ({e})")
        })?;
    if attributes.is_empty() {
        return Err(format!(
            "`{text}` is not an outer attribute such as `#[derive(Hash)]`"
        ));
    }
    Ok(quote::quote!(#(#attributes)*))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn prints_rerun_lines_for_the_directory_and_each_spec_file() {
        let spec = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        fs::write(spec.path().join("b.yml"), "").unwrap();
        fs::write(spec.path().join("a.yaml"), "").unwrap();
        fs::write(spec.path().join("notes.md"), "").unwrap();
        let mut printed = Vec::new();
        // The empty specs do not load; the lines come first regardless.
        let result = Config::new()
            .spec_dir(spec.path())
            .out_dir(out.path())
            .generate_with(&mut printed);
        assert!(matches!(result, Err(Error::Spec(_))));
        let dir = spec.path().display();
        assert_eq!(
            String::from_utf8(printed).unwrap(),
            format!(
                "cargo:rerun-if-changed={dir}\n\
                 cargo:rerun-if-changed={dir}/a.yaml\n\
                 cargo:rerun-if-changed={dir}/b.yml\n"
            )
        );
    }

    #[test]
    fn without_out_dir_or_out_dir_env_it_is_an_error() {
        if env::var_os("OUT_DIR").is_some() {
            return; // running under a build script's environment
        }
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
        let result = Config::new()
            .spec_dir(spec)
            .emit_rerun_if_changed(false)
            .generate_with(&mut Vec::new());
        assert!(matches!(result, Err(Error::NoOutDir)), "{result:?}");
    }
}
