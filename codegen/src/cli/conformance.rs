//! `codegen conformance`: plays Mosia, the caller, against a live endpoint
//! and judges every answer against the page (see `codegen::conformance`).

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};

use codegen::conformance::{self, Answer, Exchange, Outcome, Probe, RequestFile, Run};
use codegen::ir::{Api, Implementer, Module, Operation};

use super::{complain, say, SpecArg, EXIT_FAILURE, EXIT_SPEC};

pub const LONG_ABOUT: &str = "\
Plays Mosia, the caller, against a live endpoint before go-live: for each \
operation an operator implements (implemented_by: operator; an operation \
Mosia implements only when named with --operation) it sends the page's \
request example made valid, the requests of --requests DIR, and requests \
built from the table (each optional attribute absent, null and filled; \
free-form objects of several shapes), and judges every answer: a 2xx body \
against the success table, any other status against the failure table, \
the Content-Type, and the time taken (--timeout). Every violation is \
listed with its JSON pointer and its Portuguese message, as `codegen \
validate` prints them.

It also sends requests the table forbids (a mandatory attribute missing, \
an attribute with a wrong name, one of the wrong type), which the endpoint \
should refuse with a 4xx and a {\"mensagem\"}: a warning when it does not, \
not a failure, since the pages do not require refusal.

--requests DIR holds your own requests, with real keys, so the endpoint \
can answer 200: DIR/<operationId>.json and DIR/<operationId>/*.json. Each \
must be a valid request (exit 2 otherwise). Requests are sent one at a \
time, at most --rate per second, and none is retried. --header values \
(tokens) are sent with every request and never printed.

Progress goes to standard error (a bar on a terminal, a line per request \
otherwise); the report (text, json or junit) to standard output.

Exit status: 0 every answer conforms; 1 an answer does not; 2 usage \
error, spec errors, or the endpoint could not be reached at all.";

const EXAMPLES: &str = "\
Examples:
  cargo run -p mosia-api --example operadora --features server &
  cargo run -p codegen -- conformance --url http://127.0.0.1:8080
  codegen conformance --url https://operadora.example/mobilesaude \\
      --header 'x-api-key: ...' --requests conformance/ --format junit > conformance.xml
  codegen conformance --url http://127.0.0.1:9000 --operation criarOcorrencia \\
      --header 'Authorization: ...'";

#[derive(Debug, Clone, Args)]
#[command(long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct ConformanceArgs {
    /// Base URL of the endpoint; each operation's path is appended
    #[arg(long, value_name = "BASE_URL")]
    pub url: String,
    /// Only this operation (repeatable); the only way to exercise one Mosia implements
    #[arg(long = "operation", value_name = "ID")]
    pub operations: Vec<String>,
    /// A header sent with every request, `Nome: valor` (repeatable); values are never printed
    #[arg(long = "header", value_name = "NOME: VALOR")]
    pub headers: Vec<String>,
    /// Your own valid requests: DIR/<operationId>.json, DIR/<operationId>/*.json
    #[arg(long, value_name = "DIR")]
    pub requests: Option<PathBuf>,
    /// `text` for people, `json` for scripts, `junit` for CI (a test case per request)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Seconds an answer may take, each request
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = positive)]
    pub timeout: f64,
    /// Seconds after which an answer is a warning (it still conforms)
    #[arg(long, value_name = "SECS", default_value_t = 5.0, value_parser = positive)]
    pub slow: f64,
    /// Requests per second, at most
    #[arg(long, value_name = "N", default_value_t = 10.0, value_parser = positive)]
    pub rate: f64,
    #[command(flatten)]
    pub spec: SpecArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Junit,
}

fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 => Ok(value),
        _ => Err(format!("`{text}` is not a positive number")),
    }
}

fn usage(message: String) -> ExitCode {
    complain!("error: {message}");
    ExitCode::from(EXIT_SPEC)
}

pub fn run(args: ConformanceArgs) -> ExitCode {
    let url = match reqwest::Url::parse(&args.url) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        Ok(_) => return usage(format!("--url {}: only http and https URLs", args.url)),
        Err(error) => return usage(format!("--url {}: {error}", args.url)),
    };
    let headers = match parse_headers(&args.headers) {
        Ok(headers) => headers,
        Err(message) => return usage(message),
    };
    // Read before the spec is loaded: loading moves into the project
    // directory, and DIR is relative to where the user stands.
    let requests_dir = match &args.requests {
        Some(dir) if !dir.is_dir() => {
            return usage(format!("--requests {}: not a directory", dir.display()))
        }
        Some(dir) => match std::path::absolute(dir) {
            Ok(dir) => Some((dir, args.requests.clone().unwrap_or_default())),
            Err(error) => return usage(format!("--requests {}: {error}", dir.display())),
        },
        None => None,
    };
    let Ok((_, api)) = args.spec.load() else {
        return ExitCode::from(EXIT_SPEC);
    };
    let selected = match select(&api, &args.operations) {
        Ok(selected) => selected,
        Err(message) => return usage(message),
    };
    let mut plan: Vec<(&Module, &Operation, Probe)> = Vec::new();
    for (module, index) in selected {
        let op = &module.operations[index];
        let files = match &requests_dir {
            Some((dir, shown)) => match request_files(module, op, dir, shown) {
                Ok(files) => files,
                Err(message) => return usage(message),
            },
            None => Vec::new(),
        };
        for header in op.headers.iter().filter(|h| h.mandatory) {
            if !headers.contains_key(header.name.as_str()) {
                complain!(
                    "warning: {} requires the header {} ({}); pass --header '{}: ...'",
                    op.id,
                    header.name,
                    header.doc_type,
                    header.name
                );
            }
        }
        for probe in conformance::probes(module, index, &files) {
            plan.push((module, op, probe));
        }
    }
    let timeout = Duration::from_secs_f64(args.timeout);
    let client = match reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("codegen-conformance/", env!("CARGO_PKG_VERSION")))
        .default_headers(headers)
        .build()
    {
        Ok(client) => client,
        Err(error) => return usage(format!("cannot build the HTTP client: {error}")),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            complain!("error: cannot start the async runtime: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    let timing = conformance::Timing {
        timeout,
        slow: Duration::from_secs_f64(args.slow),
    };
    let base = url.as_str().trim_end_matches('/').to_owned();
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let progress = Progress::new(plan.len());
    let exchanges: Vec<Exchange> = runtime.block_on(async {
        let mut exchanges = Vec::with_capacity(plan.len());
        let mut next = tokio::time::Instant::now();
        for (i, (module, op, probe)) in plan.iter().enumerate() {
            tokio::time::sleep_until(next).await;
            next = tokio::time::Instant::now() + interval;
            progress.start(i, probe);
            let started = Instant::now();
            let outcome = send(&client, &base, op, probe).await;
            let elapsed = started.elapsed();
            let verdict = conformance::judge(module, op, probe, &outcome, elapsed, timing);
            let exchange = Exchange {
                probe: probe.clone(),
                outcome,
                elapsed,
                verdict,
            };
            progress.done(i, &exchange);
            let unreachable = matches!(exchange.outcome, Outcome::Unreachable(_));
            exchanges.push(exchange);
            // Not reached at all: the rest would only repeat it.
            if i == 0 && unreachable {
                break;
            }
        }
        exchanges
    });
    progress.finish();
    if !exchanges.is_empty()
        && exchanges
            .iter()
            .all(|e| matches!(e.outcome, Outcome::Unreachable(_)))
    {
        if let Outcome::Unreachable(error) = &exchanges[0].outcome {
            complain!("error: cannot reach {base}: {error}");
        }
        return ExitCode::from(EXIT_SPEC);
    }
    let run = Run {
        url: base,
        exchanges,
    };
    match args.format {
        Format::Text => say!("{}", run.text().trim_end()),
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&run.json()).unwrap_or_default()
        ),
        Format::Junit => {
            say!("{}", run.junit().trim_end());
            complain!("{}", run.summary_text().trim());
        }
    }
    if run.conforms() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILURE)
    }
}

/// `Nome: valor` pairs as headers marked sensitive. Errors name the
/// header, never its value.
fn parse_headers(given: &[String]) -> Result<HeaderMap, String> {
    let mut headers = HeaderMap::new();
    for (i, text) in given.iter().enumerate() {
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!(
                "--header #{}: expected `Nome: valor` (a colon between name and value)",
                i + 1
            ));
        };
        let name = name.trim();
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("--header #{}: `{name}` is not a header name", i + 1))?;
        let mut value = HeaderValue::from_str(value.trim()).map_err(|_| {
            format!("--header {name}: the value has characters a header cannot carry")
        })?;
        value.set_sensitive(true);
        headers.append(header, value);
    }
    Ok(headers)
}

/// The operations to exercise: those named, else every one an operator
/// implements.
fn select<'a>(api: &'a Api, named: &[String]) -> Result<Vec<(&'a Module, usize)>, String> {
    let mut selected = Vec::new();
    if named.is_empty() {
        for module in &api.modules {
            for (index, op) in module.operations.iter().enumerate() {
                if op.implementer == Implementer::Operator {
                    selected.push((module, index));
                }
            }
        }
        if selected.is_empty() {
            return Err(
                "the spec has no operation an operator implements; name one with \
                 --operation ID"
                    .to_owned(),
            );
        }
        return Ok(selected);
    }
    for id in named {
        let (module, op) =
            codegen::validator::find_operation(api, id).map_err(|error| error.to_string())?;
        let index = module
            .operations
            .iter()
            .position(|o| o.id == op.id)
            .unwrap_or_default();
        if !selected
            .iter()
            .any(|(m, i): &(&Module, usize)| m.name == module.name && *i == index)
        {
            selected.push((module, index));
        }
    }
    Ok(selected)
}

/// The caller's requests for `op`: DIR/<id>.json and DIR/<id>/*.json, in
/// name order; each must be valid.
fn request_files(
    module: &Module,
    op: &Operation,
    dir: &Path,
    shown: &Path,
) -> Result<Vec<RequestFile>, String> {
    let mut paths = Vec::new();
    let single = dir.join(format!("{}.json", op.id));
    if single.is_file() {
        paths.push(single);
    }
    let sub = dir.join(&op.id);
    if sub.is_dir() {
        let entries = std::fs::read_dir(&sub).map_err(|e| format!("{}: {e}", sub.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    let mut files = Vec::new();
    for path in paths {
        let name = shown
            .join(path.strip_prefix(dir).unwrap_or(&path))
            .display()
            .to_string();
        let body = std::fs::read(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let report = conformance::requests::check_request(module, op, &body);
        if !report.is_empty() {
            return Err(format!(
                "{name} is not a valid request of {}, so its answer could not be judged: {}",
                op.id,
                report.to_string().trim_end()
            ));
        }
        files.push(RequestFile { name, body });
    }
    Ok(files)
}

async fn send(client: &reqwest::Client, base: &str, op: &Operation, probe: &Probe) -> Outcome {
    let method =
        reqwest::Method::from_bytes(probe.method.as_bytes()).unwrap_or(reqwest::Method::POST);
    let request = client
        .request(method, format!("{base}{}", probe.path))
        .header(CONTENT_TYPE, op.content_type.as_str())
        .body(probe.body.clone());
    let classify = |error: reqwest::Error| {
        if error.is_timeout() {
            Outcome::TimedOut
        } else if error.is_connect() {
            Outcome::Unreachable(describe_error(&error))
        } else {
            Outcome::Broken(describe_error(&error))
        }
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return classify(error),
    };
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    match response.bytes().await {
        Ok(body) => Outcome::Answered(Answer {
            status,
            content_type,
            body: body.to_vec(),
        }),
        Err(error) => classify(error),
    }
}

/// The error and its causes.
fn describe_error(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A bar on a terminal; a line per request otherwise (CI logs).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} [{pos}/{len}] {wide_msg} {elapsed}",
            ) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress { bar, total }
    }

    fn start(&self, _index: usize, probe: &Probe) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{}: {}", probe.operation, probe.name));
        }
    }

    fn done(&self, index: usize, exchange: &Exchange) {
        match &self.bar {
            Some(bar) => {
                if !exchange.verdict.conforms() {
                    bar.println(exchange.line());
                }
                bar.inc(1);
            }
            None => complain!("[{}/{}] {}", index + 1, self.total, exchange.line()),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
