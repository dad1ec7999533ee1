//! `codegen`: regenerate, check and lint from the command line. The
//! subcommands live in `cli/`; this file only parses and dispatches.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: generation allocates a
/// token, a string or a syntax node at a time, and glibc's malloc was
/// about 40 % of its instructions (BENCHMARKS.md, "Scale").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::Cli::parse().run()
}
