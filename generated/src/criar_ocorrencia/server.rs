// @generated from spec/criar_ocorrencia.yaml by `cargo run -p codegen`. Do not edit.
//! Server side of the endpoints of this page (feature `server`).
//!
//! Endpoints Mosia implements (a stand-in for Mosia: tests, simulators): implement [`Mosia`]
//! and serve it with [`mosia_router`].
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
use codegen_runtime::serde_json::Value;
use codegen_runtime::server::{Endpoint, Method};
#[doc(no_inline)]
pub use codegen_runtime::server::{
    Failure, Mensagem, RequestContext, Router, Routes, ServerConfig, StatusCode,
};
use super::CriarOcorrencia;

/// The endpoints of this page that Mosia implements; clients call them. Implement it to stand
/// in for Mosia (tests, simulators).
///
/// Serve an implementation with [`mosia_router`], or [`mosia_routes`] to choose the settings
/// or merge it with the endpoints of other pages. Each method receives the request's headers
/// in a [`RequestContext`] and its body decoded and validated; it answers with the success
/// body (sent as `200`) or a [`Failure`] (an error status and the failure body).
pub trait Mosia: Send + Sync + 'static {
    /// Cria uma ocorrência
    ///
    /// Cria uma nova ocorrência com os dados passados no body.
    ///
    /// `POST /clientes/ocorrencias` (`criarOcorrencia`): body [`CriarOcorrencia`].
    ///
    /// | Header | Critério | Tipo | Descrição |
    /// |---|---|---|---|
    /// | `Authorization` | M | token do cliente | Token de autenticação do cliente |
    ///
    /// Mandatory (`M`) headers are checked before the call: without them the request is refused
    /// with `401`.
    ///
    /// Answer with any JSON value (the page documents no success body; `{}` acknowledges), or a
    /// `Failure` with an error status and a [`Mensagem`] (the page documents no failure body;
    /// this is the shape of the others).
    fn criar_ocorrencia(
        &self,
        context: RequestContext,
        request: CriarOcorrencia,
    ) -> impl Future<Output = Result<Value, Failure>> + Send;
}

/// Serves `service` with the default [`ServerConfig`]: one route per method of [`Mosia`].
///
/// Unknown paths get `404` and other methods `405`, both with a `{"mensagem": "…"}` body.
pub fn mosia_router<S: Mosia>(service: S) -> Router {
    mosia_routes(service, ServerConfig::default()).into_router()
}

/// The endpoints of [`Mosia`] served by `service` with `config`: finish with
/// [`Routes::into_router`], after [`Routes::merge`] with the routes of other pages if needed.
pub fn mosia_routes<S: Mosia>(service: S, config: ServerConfig) -> Routes {
    let service = Arc::new(service);
    Routes::new(config)
        .typed(
            Endpoint::new("criarOcorrencia", Method::POST, "/clientes/ocorrencias")
                .mandatory_header("Authorization", "Token de autenticação do cliente"),
            &service,
            |service, context, request| async move {
                service.criar_ocorrencia(context, request).await
            },
        )
}
