// @generated from spec/demonstrativo_pagamento_detalhe.yaml by `cargo run -p codegen`. Do not edit.
//! Client side of the endpoints of this page (feature `client`).
//!
//! Build one with `Client::new(base_url)`: the address where the endpoints are served; no
//! header is mandatory in every call.
//!
//! [`Client`] has one async method per endpoint. A request is validated before anything is
//! sent (an invalid one is an [`Error::InvalidRequest`] listing every violation); a success
//! body is decoded and validated in one pass; an error status becomes an [`Error::Failure`]
//! with the failure body. Calls are sent once and never retried automatically: a resent POST
//! may take effect twice. Header values are credentials: they never show in `Debug` output.
//! The plumbing is [`codegen_runtime::client`].
//!
//! Each health operator serves these endpoints at its own address, and Mosia calls them: this
//! client is for testing an operator's implementation, or for whoever plays Mosia's part.
//! There is no default base URL.

use codegen_runtime::client::{
    BuildError, ClientBuilder, Endpoint, Error, FailureBody, Headers, Method, Response,
    Transport,
};
use codegen_runtime::Report;
use super::{Demonstrativo, DetalheRequest, Falha};

/// Client of the endpoints of the page "demonstrativoPagamento/detalhe".
///
/// Built with [`Client::new`], or [`Client::builder`] to change the base URL, the timeouts
/// (10 s to connect, 30 s per call by default) or to add headers sent with every call. Cheap
/// to clone: clones share the connection pool.
///
/// Headers, as the page describes them: the integration's static headers and the tokens of
/// its authorization step go on the client ([`ClientBuilder::header`],
/// [`ClientBuilder::headers`]); the security headers returned at the beneficiary's login go
/// on each call (the `_with` methods).
#[derive(Debug, Clone)]
pub struct Client {
    transport: Transport,
}

impl Client {
    /// A client of the endpoints at `base_url` (the address where they are served,
    /// `https://host/prefix`; the endpoint paths are appended to it), with the default settings.
    ///
    /// Fails with a [`BuildError`] on a malformed base URL or a header value that cannot be sent
    /// (a line break, say); the error never shows the value.
    pub fn new(base_url: impl Into<String>) -> Result<Self, BuildError> {
        Self::builder(base_url).build()
    }

    /// A builder with the same arguments as [`Client::new`], to change the base URL, timeouts or
    /// response size limit, or to add headers for every call.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder<Self> {
        ClientBuilder::new(base_url)
    }

    /// The configuration: base URL, headers (names only in `Debug`), timeout.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }
}

impl From<Transport> for Client {
    fn from(transport: Transport) -> Self {
        Client { transport }
    }
}

impl Client {
    /// Retorna os detalhes do demonstrativo de pagamento referente ao período selecionado
    ///
    /// `POST /demonstrativoPagamento/detalhe` (`demonstrativoPagamentoDetalhe`).
    ///
    /// * Request: [`DetalheRequest`], validated first: if it breaks the page's rules, nothing is
    ///   sent ([`Error::InvalidRequest`] lists every violation).
    /// * Success: [`Demonstrativo`], decoded and validated in one pass
    ///   ([`Error::InvalidResponse`] lists every violation).
    /// * Error status (4xx, 5xx): [`Error::Failure`] with the status and the body as [`Falha`]; a
    ///   body that is not one is an [`Error::UnexpectedResponse`].
    /// * No answer: [`Error::Timeout`] or [`Error::Communication`]; a redirect or any other
    ///   status: [`Error::UnexpectedResponse`].
    ///
    /// Headers, as the page says: "Serão enviados no HEADER os headers estáticos definidos ao
    /// configurar a integração, combinado com os tokens retornados pela configuração de
    /// autorização da integração (caso seja vinculada) e os headers de segurança retornado no
    /// login do beneficiário."
    ///
    /// Sent once, never retried: if the call fails after the request may have reached the server
    /// ([`Error::may_have_reached_server`]), it may have taken effect; check before sending it
    /// again.
    #[inline]
    pub async fn demonstrativo_pagamento_detalhe(
        &self,
        body: &DetalheRequest,
    ) -> Result<Response<Demonstrativo>, Error<Falha>> {
        self.demonstrativo_pagamento_detalhe_with(body, &Headers::new()).await
    }

    /// [`Client::demonstrativo_pagamento_detalhe`] with headers for this call only (the security
    /// headers of a beneficiary's login, say): they are sent after the client's, replacing those
    /// of the same names.
    #[inline]
    pub async fn demonstrativo_pagamento_detalhe_with(
        &self,
        body: &DetalheRequest,
        headers: &Headers,
    ) -> Result<Response<Demonstrativo>, Error<Falha>> {
        const ENDPOINT: Endpoint = Endpoint::new(
            Method::POST,
            "/demonstrativoPagamento/detalhe",
        );
        self.transport.send(&ENDPOINT, body, headers).await
    }
}

/// The failure body of this page's endpoints, decoded and validated like a success body;
/// [`FailureBody::mensagem`] is its `mensagem` attribute.
impl FailureBody for Falha {
    #[inline]
    fn from_failure_body(body: &[u8]) -> Result<Self, Report> {
        codegen_runtime::from_json_slice(body)
    }

    #[inline]
    fn mensagem(&self) -> Option<&str> {
        Some(&self.mensagem)
    }
}
