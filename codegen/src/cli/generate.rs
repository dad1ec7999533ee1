//! `codegen [generate] [--check]`: write generated/src, or check it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use codegen::output::{self, FileState};

use super::{complain, plural, say, Paths, SpecArg, EXIT_FAILURE};

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Write nothing; exit 1 and name each file when the output differs from
    /// what the spec produces (missing, stale or extra files)
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub spec: SpecArg,
    /// Directory of the generated Rust files [default: generated/src of a
    /// virtual workspace laid out like this repository; required in a
    /// package]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: GenerateArgs) -> ExitCode {
    match try_run(&args) {
        Ok(code) | Err(code) => code,
    }
}

fn try_run(args: &GenerateArgs) -> Result<ExitCode, ExitCode> {
    let paths = Paths::resolve(args.spec.spec.as_deref())?;
    let out_dir = paths.out_dir(args.out.as_deref())?;
    let api = paths.load()?;
    let files = codegen::emit::generate(&api).map_err(|e| {
        complain!("error: {e}");
        complain!("error: nothing was generated");
        ExitCode::from(EXIT_FAILURE)
    })?;
    let out = paths.display(&out_dir);
    let io_error = |e: output::OutputError| {
        complain!("error: {e}");
        ExitCode::from(EXIT_FAILURE)
    };

    if args.check {
        let differences: Vec<_> = output::compare(&out_dir, &files)
            .map_err(io_error)?
            .into_iter()
            .filter(|s| s.state != FileState::Unchanged)
            .collect();
        if differences.is_empty() {
            say!(
                "{out} is up to date ({})",
                plural(files.len(), "file", "files")
            );
            return Ok(ExitCode::SUCCESS);
        }
        for difference in &differences {
            complain!("{out}/{}: {}", difference.path, difference.state.describe());
        }
        let n = differences.len();
        let how = if paths.is_workspace_layout() && args.spec.spec.is_none() && args.out.is_none() {
            "run `cargo run -p codegen` to regenerate"
        } else {
            "run the same command without --check to regenerate"
        };
        complain!(
            "error: {} in {out} {} out of date; {how}",
            plural(n, "file", "files"),
            if n == 1 { "is" } else { "are" }
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }

    let summary = output::write(&out_dir, &files).map_err(io_error)?;
    for removed in &summary.removed {
        say!("removed {out}/{removed} (no spec produces it any more)");
    }
    say!("{summary} in {out}");
    Ok(ExitCode::SUCCESS)
}
