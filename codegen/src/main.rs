//! `codegen`: regenerate, check and lint from the command line. The
//! subcommands live in `cli/`; this file only parses and dispatches.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::Cli::parse().run()
}
