//! `codegen mock`: serves every operation of a spec from its IR, validating
//! requests exactly like the generated servers and answering with the
//! documented examples (see `codegen::mock`).

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Args;

use codegen_runtime::server::{ServerConfig, DEFAULT_BODY_LIMIT};

use super::{complain, say, SpecArg, EXIT_FAILURE, EXIT_SPEC};

pub const LONG_ABOUT: &str = "\
Serves every operation of the spec over HTTP without compiling anything: \
each request is checked like the generated servers check it (401 for a \
missing mandatory header, 415 for a Content-Type other than \
application/json, 413 above the body limit, 400 listing every violation, \
404/405 for unknown paths and methods, each with a {\"mensagem\": ...} body) \
and a valid one is answered with 200 and the operation's documented success \
example. Where the page's example breaks its own table only by unknown \
attributes, they are removed; where no usable example exists, placeholders \
are built from the table; an undocumented response is answered with {}.

Point an integration at it before the real endpoint exists. Stop it with \
Ctrl-C. Set RUST_LOG (e.g. RUST_LOG=debug) for more or less logging.";

const EXAMPLES: &str = "\
Examples:
  cargo run -p codegen -- mock
  cargo run -p codegen -- mock --addr 127.0.0.1:9000 --spec path/to/spec
  curl -s http://127.0.0.1:8080/demonstrativoPagamento/detalhe \\
    -H 'Content-Type: application/json' -d '{\"chavePagamento\": \"MS00579\", \"chaveUnica\": \"101012\"}'";

#[derive(Debug, Clone, Args)]
#[command(long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct MockArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Largest request body accepted, in bytes (larger ones get 413)
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_BODY_LIMIT)]
    pub body_limit: usize,
    #[command(flatten)]
    pub spec: SpecArg,
}

pub fn run(args: MockArgs) -> ExitCode {
    let (paths, api) = match args.spec.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let answers = match codegen::mock::answers(&api) {
        Ok(answers) => answers,
        Err(error) => {
            complain!("error: {error}");
            return ExitCode::from(EXIT_SPEC);
        }
    };
    let config = ServerConfig::new().body_limit(args.body_limit);
    let router = match codegen::mock::router(&api, config.clone()) {
        Ok(router) => router,
        Err(error) => {
            complain!("error: {error}");
            return ExitCode::from(EXIT_SPEC);
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,codegen_runtime=debug".into()),
        )
        .with_writer(std::io::stderr)
        // Colour only on a terminal: redirected logs stay plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            complain!("error: cannot start the async runtime: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(error) => {
                complain!("error: cannot listen on {}: {error}", args.addr);
                return ExitCode::from(EXIT_FAILURE);
            }
        };
        let local = listener.local_addr().unwrap_or(args.addr);
        say!(
            "Mock of {} serving on http://{local}",
            paths.display(&paths.spec)
        );
        for answer in &answers {
            say!(
                "  {} {} ({}) -> {}: {}",
                answer.method,
                answer.path,
                answer.operation,
                answer.status,
                answer.source
            );
        }
        say!("Ctrl-C stops it.");
        match codegen_runtime::server::serve(listener, router)
            .config(config)
            .with_graceful_shutdown(codegen_runtime::server::shutdown_signal())
            .await
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                complain!("error: {error}");
                ExitCode::from(EXIT_FAILURE)
            }
        }
    })
}
