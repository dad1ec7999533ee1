//! The two servers of the load comparison (`tests/load/run`), answering
//! `POST /demonstrativoPagamento/detalhe` with the same statement:
//!
//! * `generated`: the generated `Operadora` router, served by
//!   `codegen_runtime::server::serve` (validation of both directions, the
//!   pages' error bodies, timeouts, budgets);
//! * `handwritten`: what an integrator would write by hand: an axum handler
//!   taking `Json<Pedido>` into a plain serde struct (types checked,
//!   nothing else), answering the same `Demonstrativo` with `Json`, served
//!   by `axum::serve`, with axum's default 2 MiB body limit.
//!
//! ```text
//! cargo run --release -p mosia-tests --example load_server -- generated 127.0.0.1:8090
//! ```

use std::net::SocketAddr;
use std::sync::Arc;

use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::serde_json::{Map, Value};
use codegen_runtime::server::axum::{self, extract::State, routing::post, Json};
use codegen_runtime::server::{serve, StatusCode};
use mosia_api::demonstrativo_pagamento_detalhe::server::{
    operadora_router, Failure, Operadora, RequestContext,
};
use mosia_api::demonstrativo_pagamento_detalhe::{
    Demonstrativo, DetalheRequest, Falha, Registro, Valor,
};

fn statement() -> Demonstrativo {
    let money = |cents: i64| Decimal::new(cents, 2);
    let valor = |codigo: &str, descricao: &str, cents: i64| Valor {
        codigo: codigo.to_owned(),
        descricao: descricao.to_owned(),
        valor: money(cents),
    };
    Demonstrativo {
        titulo: "Pagamento Mensal".to_owned(),
        subtitulo: "2024-08".to_owned(),
        titulo_totalizador: "Mensalidade".to_owned(),
        valor_total: money(96_510),
        data_pagamento: NaiveDate::from_ymd_opt(2024, 8, 1).expect("a real date"),
        registros: vec![
            Registro {
                titulo: "Créditos".to_owned(),
                icone: Some("icon_plus".to_owned()),
                cor: Some("#00A859".to_owned()),
                valor_total: money(132_307),
                valores: vec![
                    valor("101", "Produção", 120_298),
                    valor("105", "Repasse Particulares", 12_009),
                ],
            },
            Registro {
                titulo: "Débitos".to_owned(),
                icone: Some("icon_minus".to_owned()),
                cor: Some("#E53935".to_owned()),
                valor_total: money(-35_797),
                valores: vec![
                    valor("201", "Imposto de Renda", -27_497),
                    valor("202", "INSS", -8_300),
                ],
            },
        ],
    }
}

/// The statement for `MS00579` of `101012`, 404 otherwise, in both servers.
fn answer(
    chave_unica: &str,
    chave_pagamento: &str,
    known: &Demonstrativo,
) -> Option<Demonstrativo> {
    (chave_unica == "101012" && chave_pagamento == "MS00579").then(|| known.clone())
}

struct Generated {
    statement: Demonstrativo,
}

impl Operadora for Generated {
    async fn demonstrativo_pagamento_detalhe(
        &self,
        _context: RequestContext,
        request: DetalheRequest,
    ) -> Result<Demonstrativo, Failure<Falha>> {
        answer(
            &request.chave_unica,
            &request.chave_pagamento,
            &self.statement,
        )
        .ok_or_else(|| {
            Failure::new(
                StatusCode::NOT_FOUND,
                Falha {
                    mensagem: "Resumo de cobrança não encontrado!".to_owned(),
                },
            )
        })
    }
}

/// The hand-written request: serde checks the types, nothing else.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pedido {
    chave_pagamento: String,
    chave_unica: String,
    #[allow(dead_code)]
    integracao: Option<Map<String, Value>>,
}

async fn handwritten(
    State(statement): State<Arc<Demonstrativo>>,
    Json(pedido): Json<Pedido>,
) -> Result<Json<Demonstrativo>, (StatusCode, Json<Falha>)> {
    answer(&pedido.chave_unica, &pedido.chave_pagamento, &statement)
        .map(Json)
        .ok_or_else(|| {
            (
                StatusCode::NOT_FOUND,
                Json(Falha {
                    mensagem: "Resumo de cobrança não encontrado!".to_owned(),
                }),
            )
        })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let which = args
        .next()
        .ok_or("usage: load_server generated|handwritten ADDR")?;
    let addr: SocketAddr = args.next().as_deref().unwrap_or("127.0.0.1:8090").parse()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("{which} on http://{addr} (pid {})", std::process::id());
    match which.as_str() {
        "generated" => {
            let router = operadora_router(Generated {
                statement: statement(),
            });
            serve(listener, router).await?;
        }
        "handwritten" => {
            let router = axum::Router::new()
                .route("/demonstrativoPagamento/detalhe", post(handwritten))
                .with_state(Arc::new(statement()));
            axum::serve(listener, router).await?;
        }
        other => return Err(format!("unknown server {other:?}: generated or handwritten").into()),
    }
    Ok(())
}
