//! `codegen openapi`: the spec as an OpenAPI 3.1 document.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{complain, say, SpecArg, EXIT_FAILURE};

#[derive(Debug, Clone, Args)]
pub struct OpenApiArgs {
    /// Write the document to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub spec: SpecArg,
}

pub fn run(args: OpenApiArgs) -> ExitCode {
    // Resolve --out before `Paths::resolve` moves into the project directory.
    let out = match args
        .out
        .map(|p| std::path::absolute(&p).map(|abs| (p, abs)))
        .transpose()
    {
        Ok(out) => out,
        Err(error) => {
            complain!("error: cannot resolve --out: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    let (_, api) = match args.spec.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let document = codegen::emit::openapi::openapi(&api);
    let text = match serde_json::to_string_pretty(&document) {
        Ok(text) => text + "\n",
        Err(error) => {
            complain!("error: cannot serialize the document: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    match out {
        None => {
            say!("{}", text.trim_end());
            ExitCode::SUCCESS
        }
        Some((given, absolute)) => {
            match codegen::output::write_file_if_changed(&absolute, text.as_bytes()) {
                Ok(_) => {
                    complain!("wrote {}", given.display());
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    complain!("error: {error}");
                    ExitCode::from(EXIT_FAILURE)
                }
            }
        }
    }
}
