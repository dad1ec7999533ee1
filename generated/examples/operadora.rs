//! A health operator's side of `demonstrativoPagamento/detalhe`: the
//! payment statements of a few providers, kept in memory, served with the
//! generated [`Operadora`] trait.
//!
//! ```text
//! cargo run -p mosia-api --example operadora --features server -- --addr 127.0.0.1:8080
//!
//! curl -s http://127.0.0.1:8080/demonstrativoPagamento/detalhe \
//!   -H 'Content-Type: application/json' \
//!   -d '{"chavePagamento": "MS00579", "chaveUnica": "101012"}'
//! ```
//!
//! An unknown `chavePagamento` (or one that belongs to another `chaveUnica`)
//! gives `404 {"mensagem": "Resumo de cobrança não encontrado!"}`; an invalid
//! body gives `400` with every violation, before this code is reached.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::ExitCode;

use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::server::{serve, shutdown_signal};
use mosia_api::demonstrativo_pagamento_detalhe::server::{
    operadora_router, Failure, Operadora, RequestContext, StatusCode,
};
use mosia_api::demonstrativo_pagamento_detalhe::{
    Demonstrativo, DetalheRequest, Falha, Registro, Valor,
};

const USAGE: &str = "\
Serves demonstrativoPagamento/detalhe from an in-memory set of payment statements.

Usage: operadora [--addr HOST:PORT]

Options:
  --addr HOST:PORT  address to listen on [default: 127.0.0.1:8080]
  -h, --help        print this help";

/// The statements of each beneficiary, by (`chaveUnica`, `chavePagamento`).
pub struct OperadoraExemplo {
    demonstrativos: HashMap<(String, String), Demonstrativo>,
}

impl Operadora for OperadoraExemplo {
    async fn demonstrativo_pagamento_detalhe(
        &self,
        context: RequestContext,
        request: DetalheRequest,
    ) -> Result<Demonstrativo, Failure<Falha>> {
        // The integration's static headers and the beneficiary's security
        // headers arrive with every call; a real operator checks them here.
        // Values sent by the caller are logged with `?` (escaped, quoted):
        // a newline or an ESC in them cannot forge a log line.
        tracing::info!(
            chave_pagamento = ?request.chave_pagamento,
            integracao = request.integracao.is_some(),
            user_agent = ?context.header("user-agent").unwrap_or("-"),
            "demonstrativoPagamento/detalhe"
        );
        let key = (request.chave_unica, request.chave_pagamento);
        self.demonstrativos.get(&key).cloned().ok_or_else(|| {
            Failure::new(
                StatusCode::NOT_FOUND,
                Falha {
                    mensagem: "Resumo de cobrança não encontrado!".to_owned(),
                },
            )
        })
    }
}

impl Default for OperadoraExemplo {
    fn default() -> Self {
        Self::new()
    }
}

impl OperadoraExemplo {
    /// The example's statements: `MS00579` and `MS00580` of `101012`, and
    /// an empty one for `MS00579` of `202020`.
    pub fn new() -> Self {
        let mut demonstrativos = HashMap::new();
        demonstrativos.insert(
            ("101012".to_owned(), "MS00579".to_owned()),
            Demonstrativo {
                titulo: "Pagamento Mensal".to_owned(),
                subtitulo: "2024-08".to_owned(),
                titulo_totalizador: "Mensalidade".to_owned(),
                valor_total: money(96_510),
                data_pagamento: date(2024, 8, 1),
                registros: vec![
                    registro(
                        "Créditos",
                        Some("icon_plus"),
                        &[
                            ("101", "Produção", 120_298),
                            ("105", "Repasse Particulares", 12_009),
                        ],
                    ),
                    registro(
                        "Débitos",
                        Some("icon_minus"),
                        &[
                            ("201", "Imposto de Renda", -27_497),
                            ("202", "INSS", -8_300),
                        ],
                    ),
                ],
            },
        );
        demonstrativos.insert(
            ("101012".to_owned(), "MS00580".to_owned()),
            Demonstrativo {
                titulo: "Primeira quinzena".to_owned(),
                subtitulo: "2024-09".to_owned(),
                titulo_totalizador: "Produção".to_owned(),
                valor_total: money(45_000),
                data_pagamento: date(2024, 9, 16),
                registros: vec![registro(
                    "Créditos",
                    Some("icon_plus"),
                    &[("101", "Produção", 45_000)],
                )],
            },
        );
        demonstrativos.insert(
            ("202020".to_owned(), "MS00579".to_owned()),
            Demonstrativo {
                titulo: "Pagamento Mensal".to_owned(),
                subtitulo: "2024-08".to_owned(),
                titulo_totalizador: "Mensalidade".to_owned(),
                valor_total: money(0),
                data_pagamento: date(2024, 8, 1),
                registros: Vec::new(),
            },
        );
        OperadoraExemplo { demonstrativos }
    }
}

/// A registro whose total is the sum of its values (in cents).
fn registro(titulo: &str, icone: Option<&str>, valores: &[(&str, &str, i64)]) -> Registro {
    Registro {
        titulo: titulo.to_owned(),
        icone: icone.map(str::to_owned),
        cor: Some(
            if valores.iter().any(|v| v.2 < 0) {
                "#C62828"
            } else {
                "#2E7D32"
            }
            .to_owned(),
        ),
        valor_total: money(valores.iter().map(|v| v.2).sum()),
        valores: valores
            .iter()
            .map(|&(codigo, descricao, centavos)| Valor {
                codigo: codigo.to_owned(),
                descricao: descricao.to_owned(),
                valor: money(centavos),
            })
            .collect(),
    }
}

fn money(centavos: i64) -> Decimal {
    Decimal::new(centavos, 2)
}

/// A date of the fixed data set above (always a real date).
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("the example statements use real dates")
}

/// `--addr HOST:PORT`, or the help.
fn parse_args() -> Result<Option<SocketAddr>, String> {
    let mut addr = SocketAddr::from(([127, 0, 0, 1], 8080));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => args
                .next()
                .ok_or("--addr needs a value, such as 127.0.0.1:8080")?,
            other => match other.strip_prefix("--addr=") {
                Some(value) => value.to_owned(),
                None => return Err(format!("unexpected argument `{other}`")),
            },
        };
        addr = value
            .parse()
            .map_err(|e| format!("--addr `{value}` is not HOST:PORT: {e}"))?;
    }
    Ok(Some(addr))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        // Colour only on a terminal: redirected logs stay plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    let addr = match parse_args() {
        Ok(Some(addr)) => addr,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    println!("Operadora de exemplo em http://{local}/demonstrativoPagamento/detalhe");
    let router = operadora_router(OperadoraExemplo::new());
    // Timeouts, connection limit and graceful shutdown on Ctrl-C or SIGTERM:
    // the defaults of `ServerConfig` (see `codegen_runtime::server::serve`).
    match serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
