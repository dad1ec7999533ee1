// @generated from spec/demonstrativo_pagamento_detalhe.yaml by `cargo run -p codegen`. Do not edit.
//! Server side of the endpoints of this page (feature `server`).
//!
//! Endpoints each health operator implements (Mosia calls them): implement [`Operadora`] and
//! serve it with [`operadora_router`].
//!
//! Requests are checked before a method is called: `401` for a missing or blank mandatory
//! header, `415` for a `Content-Type` other than `application/json`, `413` above the body
//! limit of [`ServerConfig`] (2 MiB by default), `400` with every violation of the page's
//! rules. What a method returns is validated before it is sent: a value that breaks the rules
//! is never sent (`500`, with the violations logged), and neither is anything after a panic
//! (`500`). Errors carry `{"mensagem": "…"}`, the pages' failure shape. See
//! `codegen_runtime::server`.

use std::future::Future;
use std::sync::Arc;
use codegen_runtime::server::{Endpoint, Method};
#[doc(no_inline)]
pub use codegen_runtime::server::{
    Failure, Mensagem, RequestContext, Router, Routes, ServerConfig, StatusCode,
};
use super::{Demonstrativo, DetalheRequest, Falha};

/// The endpoints of this page that a health operator implements; Mosia calls them.
///
/// Serve an implementation with [`operadora_router`], or [`operadora_routes`] to choose the
/// settings or merge it with the endpoints of other pages. Each method receives the request's
/// headers in a [`RequestContext`] and its body decoded and validated; it answers with the
/// success body (sent as `200`) or a [`Failure`] (an error status and the failure body).
pub trait Operadora: Send + Sync + 'static {
    /// Retorna os detalhes do demonstrativo de pagamento referente ao período selecionado
    ///
    /// `POST /demonstrativoPagamento/detalhe` (`demonstrativoPagamentoDetalhe`): body
    /// [`DetalheRequest`].
    ///
    /// Serão enviados no HEADER os headers estáticos definidos ao configurar a integração,
    /// combinado com os tokens retornados pela configuração de autorização da integração (caso
    /// seja vinculada) e os headers de segurança retornado no login do beneficiário.
    ///
    /// Answer with a [`Demonstrativo`], or a `Failure` with an error status and a [`Falha`].
    fn demonstrativo_pagamento_detalhe(
        &self,
        context: RequestContext,
        request: DetalheRequest,
    ) -> impl Future<Output = Result<Demonstrativo, Failure<Falha>>> + Send;
}

/// Serves `service` with the default [`ServerConfig`]: one route per method of [`Operadora`].
///
/// Unknown paths get `404` and other methods `405`, both with a `{"mensagem": "…"}` body.
pub fn operadora_router<S: Operadora>(service: S) -> Router {
    operadora_routes(service, ServerConfig::default()).into_router()
}

/// The endpoints of [`Operadora`] served by `service` with `config`: finish with
/// [`Routes::into_router`], after [`Routes::merge`] with the routes of other pages if needed.
pub fn operadora_routes<S: Operadora>(service: S, config: ServerConfig) -> Routes {
    let service = Arc::new(service);
    Routes::new(config)
        .typed(
            Endpoint::new(
                "demonstrativoPagamentoDetalhe",
                Method::POST,
                "/demonstrativoPagamento/detalhe",
            ),
            &service,
            |service, context, request| async move {
                service.demonstrativo_pagamento_detalhe(context, request).await
            },
        )
}
