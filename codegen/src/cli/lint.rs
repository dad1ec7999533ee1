//! `codegen lint`: findings about the spec that do not stop generation.

use std::process::ExitCode;

use clap::Args;

use codegen::lint::{Finding, FindingKind};

use super::{complain, plural, say, SpecArg, EXIT_FAILURE};

pub const LONG_ABOUT: &str = "\
Loads the spec and reports findings that do not stop generation: places \
where a page contradicts itself, examples that are not JSON or whose \
recorded expectation contradicts them, types no operation uses, operation \
parts without an example.

Each finding is printed as `file: spec.path: kind: message`. Findings of \
kind example-expectation and example-mismatch are errors (the spec \
contradicts itself) and make the command exit with 1; the others are \
warnings and information (exit 0). Spec errors exit with 2, as for generate.";

#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub spec: SpecArg,
}

/// Whether a finding means the spec is wrong (rather than the page).
/// Exhaustive on purpose: a new kind must be classified here.
pub fn is_error(kind: FindingKind) -> bool {
    match kind {
        FindingKind::ExampleExpectation | FindingKind::ExampleMismatch => true,
        FindingKind::Disagreement
        | FindingKind::ExampleNotJson
        | FindingKind::UnreachableType
        | FindingKind::MissingExample => false,
    }
}

pub fn run(args: LintArgs) -> ExitCode {
    let (_, api) = match args.spec.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let findings = codegen::lint::lint(&api);
    for finding in &findings {
        say!("{}: {finding}", severity(finding));
    }
    let errors = findings.iter().filter(|f| is_error(f.kind)).count();
    let summary = format!(
        "{} ({}) in {}",
        plural(findings.len(), "finding", "findings"),
        plural(errors, "error", "errors"),
        plural(api.modules.len(), "spec file", "spec files"),
    );
    if errors > 0 {
        complain!("error: {summary}");
        ExitCode::from(EXIT_FAILURE)
    } else {
        say!("{summary}");
        ExitCode::SUCCESS
    }
}

/// `error` makes the run fail; a recorded disagreement is only a `note`
/// (the spec already says which reading it follows).
fn severity(finding: &Finding) -> &'static str {
    match finding.kind {
        kind if is_error(kind) => "error",
        FindingKind::Disagreement => "note",
        _ => "warning",
    }
}
