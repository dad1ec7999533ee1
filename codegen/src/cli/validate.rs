//! `codegen validate`: checks a payload against the spec, without compiling
//! anything — what an operator runs on its own responses before going live.

use std::io::Read;
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
format, conditional, syntax, range, depth, pattern, length, value) and a \
message in Portuguese or English. Nothing is compiled: the validator walks \
the spec itself.

At most --max-bytes of the payload are read (64 MiB by default; the \
generated servers refuse bodies above 2 MiB): a larger payload is not \
checked at all, and the command says so and exits with 2.

With --format json the output is a JSON array of {\"path\", \"rule\", \
\"message\"}, one per violation. A report lists at most 1000 violations; when \
more were found, the array ends with one more element, {\"path\": \"\", \
\"rule\": \"truncated\", \"message\": \"… and N more not listed …\", \"omitted\": N}, \
which is not a violation but says how many were left out.

Exit status: 0 valid; 1 invalid (malformed JSON included); 2 usage or I/O \
error (unknown operation, undocumented part, unreadable file, payload \
larger than --max-bytes, spec errors).";

/// What `--max-bytes` is by default: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

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
    /// (ending with a {"rule": "truncated", "omitted": N} element when more
    /// than 1000 violations were found)
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Largest payload read, in bytes (default: 64 MiB); a larger one is
    /// not checked (exit 2)
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = DEFAULT_MAX_BYTES,
        hide_default_value = true,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub max_bytes: u64,
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
    let (source, bytes) = match read_payload(args.file.as_ref(), args.max_bytes) {
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
        // A truncated report ends with a `"rule": "truncated"` element; the
        // note on standard error says so to whoever only sees the terminal.
        OutputFormat::Json => match serde_json::to_string(&report.in_lang(lang)) {
            Ok(json) => {
                say!("{json}");
                if report.omitted() > 0 {
                    complain!(
                        "note: {} violations found, {} listed; the last element of the array \
                         ({{\"rule\": \"truncated\", \"omitted\": {}}}) counts the rest",
                        report.total(),
                        report.len(),
                        report.omitted()
                    );
                }
            }
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

/// Reads the payload, at most `max_bytes` of it: a larger one (or an
/// endless one, `/dev/zero`) stops the read one byte past the limit.
fn read_payload(file: Option<&PathBuf>, max_bytes: u64) -> Result<(String, Vec<u8>), String> {
    // (`source` for the report, `name` for errors, the reader)
    let (source, name, reader): (String, String, Box<dyn Read>) = match file {
        Some(path) if path.as_os_str() != "-" => {
            let name = path.display().to_string();
            let file = std::fs::File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
            (name.clone(), name, Box::new(file))
        }
        _ => (
            "(stdin)".to_owned(),
            "standard input".to_owned(),
            Box::new(std::io::stdin().lock()),
        ),
    };
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "{name} is larger than {}, the most `validate` reads; nothing was checked. \
             Pass --max-bytes BYTES to raise the limit (the generated servers refuse \
             bodies above 2 MiB unless configured otherwise)",
            describe_bytes(max_bytes)
        ));
    }
    Ok((source, bytes))
}

/// `67108864 bytes (64 MiB)`, `1000 bytes`.
fn describe_bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{n} bytes ({} MiB)", n / MIB)
    } else if n == 1 {
        "1 byte".to_owned()
    } else {
        format!("{n} bytes")
    }
}

fn usage(message: String) -> ExitCode {
    complain!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}
