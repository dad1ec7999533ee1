//! The `codegen` command line: argument definitions and what the
//! subcommands share (paths, loading, exit codes). Each subcommand lives in
//! its own module with a `run(args) -> ExitCode`; `main` only dispatches.

pub mod conformance;
pub mod diff;
pub mod generate;
pub mod import;
pub mod lint;
pub mod mock;
pub mod openapi;
pub mod validate;
mod workspace;

/// `println!` that does not panic when the reader has gone away
/// (`codegen lint | head`): what the tool prints is best-effort, its exit
/// status is what counts.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `eprintln!` with the same tolerance as [`say!`].
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub(crate) use {complain, say};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use codegen::ir::Api;

// Exit status 0 (`ExitCode::SUCCESS`): the command ran and found nothing wrong.

/// The command ran and found a problem: generated files out of date,
/// lint errors, or a file that could not be read or written.
pub const EXIT_FAILURE: u8 = 1;
/// The spec could not be loaded (every diagnostic is printed), or the
/// command line was wrong (clap's own usage errors also exit with 2).
pub const EXIT_SPEC: u8 = 2;

const LONG_ABOUT: &str = "\
Turns the YAML transcriptions of Mosia Omnichannel documentation pages \
(spec/*.yaml) into the Rust crate mosia-api (generated/src): one module per \
page, one documented struct per attribute table, with the page's criteria \
(M mandatory, C conditional, OP optional), types and filling rules carried \
as attributes for the validators of codegen-runtime.

Without a subcommand it regenerates, like `generate`. The spec defaults to \
spec/ of the nearest cargo package (or workspace root) above the current \
directory that has one, so the tool works from any directory of the crate \
or workspace it is run in. Generated files default to generated/src in a \
virtual workspace laid out like this repository; in a package (a crate of \
your own, with the installed `codegen`) generate and --check need --out DIR. \
Only changed files are rewritten; generated files whose spec is gone are \
removed; nothing is written when any spec has an error. A write that fails \
midway keeps a journal (.codegen-journal in the output directory): --check \
reports it and the next run completes it, so the set is never left \
half-written unnoticed.

Exit status: 0 success; 1 generated files out of date (--check), lint \
errors, or a file that could not be read or written; 2 errors in the spec \
(all of them are listed) or bad usage.";

const EXAMPLES: &str = "\
Examples:
  cargo run -p codegen                   regenerate generated/src from spec/
  cargo run -p codegen -- --check        fail, naming each file, if generated/src is out of date
  cargo run -p codegen -- lint           report suspicious transcriptions in spec/
  cargo run -p codegen -- validate demonstrativoPagamentoDetalhe response resposta.json
  cargo run -p codegen -- mock --addr 127.0.0.1:8080
  cargo run -p codegen -- diff git:origin/main spec --fail-on breaking
  cargo run -p codegen -- conformance --url http://127.0.0.1:8080 --format junit > conformance.xml
  cargo run -p codegen -- import pagina.txt --out spec/nova_pagina.yaml
  cargo run -p codegen -- --spec path/to/spec --out /tmp/mosia-api/src
In a crate of your own (after `cargo install --path codegen` in this repository):
  codegen lint                           report suspicious transcriptions in the crate's spec/
  codegen --out generated/src            generate there (a package has no default output)";

#[derive(Debug, Parser)]
#[command(
    name = "codegen",
    version,
    about = "Generates typed Rust and validators from YAML transcriptions of Mosia Omnichannel API pages",
    long_about = LONG_ABOUT,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Arguments of the default command (`generate`).
    #[command(flatten)]
    pub generate: generate::GenerateArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate generated/src from spec/ (the default), or check it is up to date
    #[command(after_help = EXAMPLES)]
    Generate(generate::GenerateArgs),
    /// Report suspicious content in the spec (exit 1 when any finding is an error)
    #[command(long_about = lint::LONG_ABOUT)]
    Lint(lint::LintArgs),
    /// Validate a JSON payload against an operation's request, response or failure (exit 1 when invalid)
    #[command(long_about = validate::LONG_ABOUT)]
    Validate(validate::ValidateArgs),
    /// Serve every operation of the spec: requests validated like the generated servers, answered with the documented examples
    Mock(mock::MockArgs),
    /// Print the spec as an OpenAPI 3.1 document (schemas carry the same rules)
    Openapi(openapi::OpenApiArgs),
    /// List the changes between two versions of a spec, each classified by whom it breaks
    #[command(long_about = diff::LONG_ABOUT)]
    Diff(diff::DiffArgs),
    /// Play Mosia against a live endpoint: send valid and forbidden requests, judge every answer against the page
    #[command(long_about = conformance::LONG_ABOUT)]
    Conformance(conformance::ConformanceArgs),
    /// Draft a spec from a documentation page (browser text or Confluence HTML), noting every guess
    #[command(long_about = import::LONG_ABOUT)]
    Import(import::ImportArgs),
}

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.command {
            None => generate::run(self.generate),
            Some(Command::Generate(args)) => generate::run(args),
            Some(Command::Lint(args)) => lint::run(args),
            Some(Command::Validate(args)) => validate::run(args),
            Some(Command::Mock(args)) => mock::run(args),
            Some(Command::Openapi(args)) => openapi::run(args),
            Some(Command::Diff(args)) => diff::run(args),
            Some(Command::Conformance(args)) => conformance::run(args),
            Some(Command::Import(args)) => import::run(args),
        }
    }
}

/// `--spec DIR`, shared by every subcommand that reads the spec.
#[derive(Debug, Clone, Args)]
pub struct SpecArg {
    /// Directory of spec files [default: spec/ of the current package, or of
    /// the workspace root]
    #[arg(long, value_name = "DIR")]
    pub spec: Option<PathBuf>,
}

impl SpecArg {
    /// Resolves the paths and loads the spec, printing every diagnostic when
    /// it fails: the first step of every subcommand that reads the spec.
    pub fn load(&self) -> Result<(Paths, Api), ExitCode> {
        let paths = Paths::resolve(self.spec.as_deref())?;
        let api = paths.load()?;
        Ok((paths, api))
    }
}

/// Resolved locations for one run.
#[derive(Debug)]
pub struct Paths {
    /// The directory the tool was started from (user paths are relative to it).
    cwd: PathBuf,
    /// Where the defaults come from (see `workspace`); the current directory
    /// once resolved.
    project: Option<workspace::Project>,
    /// The spec directory as handed to the loader: relative to the project
    /// (which is the current directory by then) when inside it.
    pub spec: PathBuf,
}

impl Paths {
    /// Resolves `--spec` against the current directory and the project
    /// (see `workspace`), then moves into the project directory: the loader
    /// records spec paths as given, and they end up in generated headers,
    /// which must read `spec/x.yaml` whichever directory the tool was
    /// started from.
    pub fn resolve(spec_arg: Option<&Path>) -> Result<Paths, ExitCode> {
        let cwd = std::env::current_dir()
            .map_err(|e| fail(format!("cannot read the current directory: {e}")))?;
        let project = workspace::project(&cwd);
        let spec = match spec_arg {
            Some(p) => workspace::absolute(&cwd, p),
            None => default_spec(project.as_ref())?,
        };
        // Outside a project nothing moves: the path stays as the user gave it.
        let mut spec_for_loader = match (&project, spec_arg) {
            (None, Some(given)) => given.to_owned(),
            _ => spec.clone(),
        };
        if let Some(project) = &project {
            std::env::set_current_dir(&project.dir)
                .map_err(|e| fail(format!("cannot enter {}: {e}", project.dir.display())))?;
            if let Some(relative) = workspace::relative_to(&project.dir, &spec) {
                spec_for_loader = relative;
            }
        }
        Ok(Paths {
            cwd,
            project,
            spec: spec_for_loader,
        })
    }

    /// The absolute output directory: `--out` if given, else
    /// `generated/src` of a workspace laid out like this repository. A
    /// package has no default (an error saying what to pass).
    pub fn out_dir(&self, out: Option<&Path>) -> Result<PathBuf, ExitCode> {
        if let Some(p) = out {
            return Ok(workspace::absolute(&self.cwd, p));
        }
        match &self.project {
            Some(workspace::Project {
                dir,
                layout: workspace::Layout::Workspace,
            }) => Ok(dir.join("generated/src")),
            // Usage problems (the user must say where), hence exit 2.
            Some(workspace::Project { dir, .. }) => {
                complain!(
                    "error: {} is a package, so generated files have no default location; \
                     pass --out DIR (the files form a crate's src/: lib.rs and a module per page, \
                     e.g. --out generated/src), or generate from build.rs with codegen::Config",
                    dir.display()
                );
                Err(ExitCode::from(EXIT_SPEC))
            }
            None => {
                complain!(
                    "error: not inside a cargo package, so generated files have no default location; \
                     pass --out DIR"
                );
                Err(ExitCode::from(EXIT_SPEC))
            }
        }
    }

    /// Whether generated files go where `cargo run -p codegen` (no flags)
    /// puts them in this repository's layout: for the hint of `--check`.
    pub fn is_workspace_layout(&self) -> bool {
        matches!(
            self.project,
            Some(workspace::Project {
                layout: workspace::Layout::Workspace,
                ..
            })
        )
    }

    /// A path for messages: relative to the project when inside it (else
    /// to the starting directory), as the user would type it.
    pub fn display(&self, path: &Path) -> String {
        let base = self.project.as_ref().map_or(&self.cwd, |p| &p.dir);
        workspace::display(Some(base), &workspace::absolute(base, path))
    }

    /// Loads and validates the spec directory, printing every diagnostic
    /// when it fails.
    pub fn load(&self) -> Result<Api, ExitCode> {
        codegen::loader::load_dir(&self.spec).map_err(|diagnostics| {
            for diagnostic in &diagnostics {
                complain!("{}", diagnostic.render());
            }
            let n = diagnostics.len();
            complain!(
                "error: {} in {}; nothing was generated",
                plural(n, "problem", "problems"),
                self.display(&self.spec)
            );
            ExitCode::from(EXIT_SPEC)
        })
    }
}

/// `spec/` of the project, or an error naming the flag when there is none.
fn default_spec(project: Option<&workspace::Project>) -> Result<PathBuf, ExitCode> {
    // Usage problems (the user must say where), hence exit 2.
    match project {
        Some(project) => {
            let spec = project.dir.join("spec");
            if spec.is_dir() {
                return Ok(spec);
            }
            complain!(
                "error: found no spec/ directory beside a Cargo.toml from the current directory \
                 up to the workspace root; create {} with the page transcriptions, or pass --spec DIR",
                spec.display()
            );
        }
        None => complain!(
            "error: not inside a cargo package (no Cargo.toml in the current directory or above), \
             so spec has no default location; pass --spec DIR"
        ),
    }
    Err(ExitCode::from(EXIT_SPEC))
}

/// Prints an error that stops the command before it could do its work.
fn fail(message: String) -> ExitCode {
    complain!("error: {message}");
    ExitCode::from(EXIT_FAILURE)
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
