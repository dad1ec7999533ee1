//! An operator's side of `demonstrativoPagamentoDetalhe`, generated in
//! `build.rs`: the statements of a few beneficiaries, in memory.

use std::collections::HashMap;

use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::server::{Failure, RequestContext, StatusCode};
use codegen_runtime::{Decode, Validate};

// The generated module `demonstrativo_pagamento_detalhe` (types,
// validators, `client`, `server`).
include!(concat!(env!("OUT_DIR"), "/mosia_api.rs"));

use demonstrativo_pagamento_detalhe::server::Operadora;
use demonstrativo_pagamento_detalhe::{Demonstrativo, DetalheRequest, Falha};

/// Our own type for the page's `Valor` (one entry of a statement): the
/// page's attributes and rules, plus ours (the code is digits only), and
/// what a generated type derives.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Lancamento {
    #[mosia(pattern = "^[0-9]+$")]
    pub codigo: String,
    pub descricao: String,
    #[serde(with = "codegen_runtime::json_decimal")]
    pub valor: Decimal,
}

impl Lancamento {
    /// Whether the entry is a discount.
    pub fn is_desconto(&self) -> bool {
        self.valor.is_sign_negative()
    }
}

/// The header a real integration would check (a security header of the
/// beneficiary's login).
pub const TOKEN_HEADER: &str = "x-token-beneficiario";

/// The statements by (`chaveUnica`, `chavePagamento`).
#[derive(Default)]
pub struct Demonstrativos {
    by_key: HashMap<(String, String), Demonstrativo>,
}

impl Demonstrativos {
    pub fn insert(
        &mut self,
        chave_unica: &str,
        chave_pagamento: &str,
        demonstrativo: Demonstrativo,
    ) {
        self.by_key.insert(
            (chave_unica.to_owned(), chave_pagamento.to_owned()),
            demonstrativo,
        );
    }
}

fn falha(status: StatusCode, mensagem: &str) -> Failure<Falha> {
    Failure::new(
        status,
        Falha {
            mensagem: mensagem.to_owned(),
        },
    )
}

impl Operadora for Demonstrativos {
    async fn demonstrativo_pagamento_detalhe(
        &self,
        context: RequestContext,
        request: DetalheRequest,
    ) -> Result<Demonstrativo, Failure<Falha>> {
        if context.header(TOKEN_HEADER).is_none() {
            return Err(falha(
                StatusCode::UNAUTHORIZED,
                "Sessão do beneficiário ausente",
            ));
        }
        let key = (request.chave_unica, request.chave_pagamento);
        self.by_key
            .get(&key)
            .cloned()
            .ok_or_else(|| falha(StatusCode::NOT_FOUND, "Resumo de cobrança não encontrado!"))
    }
}
