//! The `codegen` command line: argument definitions and what the
//! subcommands share (paths, loading, exit codes). Each subcommand lives in
//! its own module with a `run(args) -> ExitCode`; `main` only dispatches.

pub mod generate;
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

Without a subcommand it regenerates, like `generate`. Paths default to \
spec/ and generated/src under the workspace root, which is found from the \
current directory, so the tool works from any directory of the workspace. \
Only changed files are rewritten, each atomically; generated files whose \
spec is gone are removed; nothing is written when any spec has an error.

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
  cargo run -p codegen -- --spec path/to/spec --out /tmp/mosia-api/src";

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
        }
    }
}

/// `--spec DIR`, shared by every subcommand that reads the spec.
#[derive(Debug, Clone, Args)]
pub struct SpecArg {
    /// Directory of spec files [default: spec/ under the workspace root]
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
    root: Option<PathBuf>,
    /// The spec directory as handed to the loader: relative to the root
    /// (which is the current directory by then) when inside it.
    pub spec: PathBuf,
}

impl Paths {
    /// Resolves `--spec` against the current directory and the workspace
    /// root, then moves into the root: the loader records spec paths as
    /// given, and they end up in generated headers, which must read
    /// `spec/x.yaml` whichever directory the tool was started from.
    pub fn resolve(spec_arg: Option<&Path>) -> Result<Paths, ExitCode> {
        let cwd = std::env::current_dir()
            .map_err(|e| fail(format!("cannot read the current directory: {e}")))?;
        let root = workspace::root(&cwd);
        let spec = match spec_arg {
            Some(p) => workspace::absolute(&cwd, p),
            None => default_under(root.as_deref(), "spec", "--spec")?,
        };
        // Outside a workspace nothing moves: the path stays as the user gave it.
        let mut spec_for_loader = match (&root, spec_arg) {
            (None, Some(given)) => given.to_owned(),
            _ => spec.clone(),
        };
        if let Some(root) = &root {
            std::env::set_current_dir(root).map_err(|e| {
                fail(format!(
                    "cannot enter the workspace root {}: {e}",
                    root.display()
                ))
            })?;
            if let Some(relative) = workspace::relative_to(root, &spec) {
                spec_for_loader = relative;
            }
        }
        Ok(Paths {
            cwd,
            root,
            spec: spec_for_loader,
        })
    }

    /// The absolute output directory: `--out` if given, else
    /// `generated/src` under the workspace root.
    pub fn out_dir(&self, out: Option<&Path>) -> Result<PathBuf, ExitCode> {
        match out {
            Some(p) => Ok(workspace::absolute(&self.cwd, p)),
            None => default_under(self.root.as_deref(), "generated/src", "--out"),
        }
    }

    /// A path for messages: relative to the workspace root when inside it
    /// (else to the starting directory), as the user would type it.
    pub fn display(&self, path: &Path) -> String {
        let base = self.root.as_deref().unwrap_or(&self.cwd);
        workspace::display(Some(base), &workspace::absolute(base, path))
    }

    /// Loads and validates the spec directory, printing every diagnostic
    /// when it fails.
    pub fn load(&self) -> Result<Api, ExitCode> {
        codegen::loader::load_dir(&self.spec).map_err(|diagnostics| {
            for diagnostic in &diagnostics {
                complain!("error: {diagnostic}");
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

/// `<root>/<sub>`, or an error naming the flag when there is no workspace.
fn default_under(root: Option<&Path>, sub: &str, flag: &str) -> Result<PathBuf, ExitCode> {
    match root {
        Some(root) => Ok(root.join(sub)),
        // A usage problem (the user must say where), hence exit 2.
        None => {
            complain!(
                "error: not inside a cargo workspace, so {sub} has no default location; pass {flag} DIR"
            );
            Err(ExitCode::from(EXIT_SPEC))
        }
    }
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
