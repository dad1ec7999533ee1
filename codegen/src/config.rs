//! Generating from a build script, prost-build style.
//!
//! ```no_run
//! // build.rs of a crate that depends on `codegen-runtime` and `serde`
//! // (build-dependency: `codegen = { version = "...", default-features = false }`)
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     codegen::Config::new().spec_dir("spec").generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in `src/lib.rs`: `include!(concat!(env!("OUT_DIR"), "/mosia_api.rs"));`
//!
//! The file holds every module inline (`pub mod demonstrativo_pagamento_detalhe
//! { … }`), the same code as the checked-in `mosia-api` crate. The build
//! script reruns when a spec file it read changes (`rerun-if-changed`); the
//! file is rewritten only when its contents change, but cargo recompiles the
//! crate whenever its build script has rerun, even when the output is the
//! same (touching a spec file costs one compilation of the crate).

use std::env;
use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::emit::{self, EmitError};
use crate::output::{self, OutputError};

/// Name of the file written into the output directory.
pub const FILE_NAME: &str = "mosia_api.rs";

/// Builder for generating from a build script.
#[derive(Debug, Clone)]
pub struct Config {
    spec_dir: PathBuf,
    out_dir: Option<PathBuf>,
    rerun_if_changed: bool,
}

/// Why generation from a build script failed. `Display` lists every spec
/// diagnostic, one per line, and so does `Debug`: `fn main() -> Result<(),
/// Box<dyn Error>>` with `?` in `build.rs` prints the `Debug` of the error,
/// which must read as well as the CLI's report.
#[derive(thiserror::Error)]
pub enum Error {
    #[error("the spec has errors:\n{0}")]
    Spec(#[from] Diagnostics),
    #[error(transparent)]
    Emit(#[from] EmitError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("cannot list the spec directory {}: {source}", path.display())]
    SpecDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "no output directory: OUT_DIR is not set (not running in a build script?); call `out_dir`"
    )]
    NoOutDir,
    #[error("cannot print cargo directives: {0}")]
    Cargo(#[source] io::Error),
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// Spec directory `spec` (relative to the build script's working
    /// directory, the package root), output to `$OUT_DIR`, printing
    /// `cargo:rerun-if-changed` lines.
    pub fn new() -> Self {
        Config {
            spec_dir: PathBuf::from("spec"),
            out_dir: None,
            rerun_if_changed: true,
        }
    }

    /// The directory of `*.yaml` spec files.
    pub fn spec_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.spec_dir = dir.into();
        self
    }

    /// Where to write [`FILE_NAME`] (default: the `OUT_DIR` cargo gives
    /// build scripts).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for the spec directory and
    /// each spec file (default: yes). Printing any such line makes cargo
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

    /// [`Config::generate`], printing cargo directives to `cargo`.
    fn generate_with(&self, cargo: &mut dyn Write) -> Result<PathBuf, Error> {
        if self.rerun_if_changed {
            // Before loading, so a spec that fails to load is still watched.
            for path in self.watched_paths()? {
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
        let api = crate::loader::load_dir(&self.spec_dir)?;
        let contents = emit::generate_single_file(&api)?;
        let path = out_dir.join(FILE_NAME);
        output::write_file_if_changed(&path, contents.as_bytes())?;
        Ok(path)
    }

    /// The spec directory (so added or removed files rerun the script) and
    /// every entry named like a spec file in it, sorted (the loader reads
    /// or refuses each of them).
    fn watched_paths(&self) -> Result<Vec<PathBuf>, Error> {
        let dir_error = |source| Error::SpecDir {
            path: self.spec_dir.clone(),
            source,
        };
        let mut files = Vec::new();
        for entry in fs::read_dir(&self.spec_dir).map_err(dir_error)? {
            let path = entry.map_err(dir_error)?.path();
            if crate::loader::names_a_spec(&path) {
                files.push(path);
            }
        }
        files.sort();
        files.insert(0, self.spec_dir.clone());
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
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
