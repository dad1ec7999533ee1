//! `codegen validate`: checks a payload against the spec, without compiling
//! anything — what an operator runs on its own responses before going live.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use codegen::ir::Part;
use codegen_runtime::Lang;

use super::{complain, say, SpecArg};

/// The payload breaks at least one rule (malformed JSON included).
const EXIT_INVALID: u8 = 1;
/// Wrong usage or I/O: unknown operation, undocumented part, unreadable
/// file, spec errors.
const EXIT_USAGE: u8 = 2;

pub const LONG_ABOUT: &str = "\
Validates one JSON payload against the spec, exactly as the generated types \
would: every violation is reported at once, each with its JSON pointer, its \
rule code (mandatory, blank, type, unknown_attribute, duplicate_attribute, \
format, conditional, syntax, range, depth) and a message in Portuguese or \
English. Nothing is compiled: the validator walks the spec itself.

Exit status: 0 valid; 1 invalid (malformed JSON included); 2 usage or I/O \
error (unknown operation, undocumented part, unreadable file, spec errors).";

const EXAMPLES: &str = "\
Examples:
  cargo run -p codegen -- validate demonstrativoPagamentoDetalhe response resposta.json
  curl -s https://operadora.example/demonstrativoPagamento/detalhe \\
      -H 'Content-Type: application/json' -d @req.json \\
    | cargo run -q -p codegen -- validate demonstrativoPagamentoDetalhe response - --format json
  cargo run -p codegen -- validate criarOcorrencia request pedido.json --lang en";

#[derive(Debug, Clone, Args)]
#[command(long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct ValidateArgs {
    /// Operation id, exactly as in the spec (criarOcorrencia, demonstrativoPagamentoDetalhe)
    pub operation: String,
    /// Which body of the operation the payload is
    #[arg(value_enum)]
    pub part: PartArg,
    /// The payload file; `-` (or nothing) reads standard input
    pub file: Option<PathBuf>,
    /// `text` for people; `json` prints a JSON array of {"path", "rule", "message"}
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Language of the messages
    #[arg(long, value_enum, default_value_t = LangArg::Pt)]
    pub lang: LangArg,
    #[command(flatten)]
    pub spec: SpecArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PartArg {
    Request,
    Response,
    Failure,
}

impl From<PartArg> for Part {
    fn from(part: PartArg) -> Part {
        match part {
            PartArg::Request => Part::Request,
            PartArg::Response => Part::Response,
            PartArg::Failure => Part::Failure,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Pt,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Pt => Lang::Pt,
            LangArg::En => Lang::En,
        }
    }
}

pub fn run(args: ValidateArgs) -> ExitCode {
    // Read the payload before `Paths::resolve` moves into the workspace
    // root: FILE is relative to where the user stands.
    let (source, bytes) = match read_payload(args.file.as_ref()) {
        Ok(read) => read,
        Err(message) => return usage(message),
    };
    // Any problem with the spec itself is a usage error here (exit 2).
    let Ok((_, api)) = args.spec.load() else {
        return ExitCode::from(EXIT_USAGE);
    };
    let part = Part::from(args.part);
    let target = codegen::validator::find_operation(&api, &args.operation).and_then(
        |(module, operation)| Ok((module, codegen::validator::part_type(operation, part)?)),
    );
    let (module, ty) = match target {
        Ok(target) => target,
        Err(error) => return usage(error.to_string()),
    };
    let report = codegen::validator::validate(module, ty, &bytes);
    let lang = Lang::from(args.lang);
    match args.format {
        // Serialized straight from the report to keep `path, rule, message`
        // in that order.
        OutputFormat::Json => match serde_json::to_string(&report.in_lang(lang)) {
            Ok(json) => say!("{json}"),
            Err(error) => return usage(format!("cannot serialize the report: {error}")),
        },
        OutputFormat::Text if report.is_empty() => match lang {
            Lang::Pt => say!("{source}: válido ({} {})", args.operation, part.as_str()),
            Lang::En => say!("{source}: valid ({} {})", args.operation, part.as_str()),
        },
        OutputFormat::Text => {
            say!(
                "{source} ({} {}): {}",
                args.operation,
                part.as_str(),
                report.in_lang(lang).to_string().trim_end()
            )
        }
    }
    if report.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    }
}

fn read_payload(file: Option<&PathBuf>) -> Result<(String, Vec<u8>), String> {
    let mut bytes = Vec::new();
    match file {
        Some(path) if path.as_os_str() != "-" => {
            bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok((path.display().to_string(), bytes))
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(("(stdin)".to_owned(), bytes))
        }
    }
}

fn usage(message: String) -> ExitCode {
    complain!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}
