// @generated from spec/criar_ocorrencia.yaml by `cargo run -p codegen`. Do not edit.
//! Client side of the endpoints of this page (feature `client`).
//!
//! Build one with `Client::new(BASE_URL, authorization)`: the base URL (the page gives
//! [`BASE_URL`]), then the headers every call needs (`Authorization`).
//!
//! [`Client`] has one async method per endpoint. A request is validated before anything is
//! sent (an invalid one is an [`Error::InvalidRequest`] listing every violation); a success
//! body is decoded and validated in one pass; an error status becomes an [`Error::Failure`]
//! with the failure body. Calls are sent once and never retried automatically: a resent POST
//! may take effect twice. Header values are credentials: they never show in `Debug` output.
//! The plumbing is [`codegen_runtime::client`].
//!
//! Mosia Omnichannel serves these endpoints; an operator calls them.

use codegen_runtime::client::{
    BuildError, ClientBuilder, Endpoint, Error, Headers, Method, Response, Secret,
    Transport,
};
use codegen_runtime::serde_json::Value;
use super::CriarOcorrencia;

/// The base URL the page gives for these endpoints: <https://api.mosiaomnichannel.com.br>
pub const BASE_URL: &str = "https://api.mosiaomnichannel.com.br";

/// Client of the endpoints of the page "Api clientes - Criar Ocorrência".
///
/// Built with [`Client::new`], or [`Client::builder`] to change the base URL, the timeouts
/// (10 s to connect, 30 s per call by default) or to add headers sent with every call. Cheap
/// to clone: clones share the connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    transport: Transport,
}

impl Client {
    /// A client of the endpoints at `base_url` (the address where they are served,
    /// `https://host/prefix`; the endpoint paths are appended to it), with the default settings.
    ///
    /// The page gives the address of these endpoints: [`BASE_URL`].
    ///
    /// `authorization`: Token de autenticação do cliente (token do cliente), sent as the
    /// `Authorization` header of every call; it never shows in `Debug` output.
    ///
    /// Fails with a [`BuildError`] on a malformed base URL or a header value that cannot be sent
    /// (a line break, say); the error never shows the value.
    pub fn new(
        base_url: impl Into<String>,
        authorization: impl Into<Secret>,
    ) -> Result<Self, BuildError> {
        Self::builder(base_url, authorization).build()
    }

    /// A builder with the same arguments as [`Client::new`], to change the base URL, timeouts or
    /// response size limit, or to add headers for every call.
    pub fn builder(
        base_url: impl Into<String>,
        authorization: impl Into<Secret>,
    ) -> ClientBuilder<Self> {
        ClientBuilder::new(base_url).header("Authorization", authorization)
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
    /// Cria uma ocorrência
    ///
    /// `POST /clientes/ocorrencias` (`criarOcorrencia`).
    ///
    /// Cria uma nova ocorrência com os dados passados no body.
    ///
    /// * Request: [`CriarOcorrencia`], validated first: if it breaks the page's rules, nothing is
    ///   sent ([`Error::InvalidRequest`] lists every violation).
    /// * Success: the page documents no body, so it comes back as JSON ([`Value`], `Value::Null`
    ///   when empty) with its status.
    /// * Error status (4xx, 5xx): [`Error::Failure`] with the status, the raw body and its
    ///   `mensagem` when it has one (the page documents no failure body).
    /// * No answer: [`Error::Timeout`] or [`Error::Communication`]; a redirect or any other
    ///   status: [`Error::UnexpectedResponse`].
    /// * Header `Authorization` (M, token do cliente): Token de autenticação do cliente; given to
    ///   [`Client::new`].
    ///
    /// Sent once, never retried: if the call fails after the request may have reached the server
    /// ([`Error::may_have_reached_server`]), it may have taken effect; check before sending it
    /// again.
    #[inline]
    pub async fn criar_ocorrencia(
        &self,
        body: &CriarOcorrencia,
    ) -> Result<Response<Value>, Error> {
        self.criar_ocorrencia_with(body, &Headers::new()).await
    }

    /// [`Client::criar_ocorrencia`] with headers for this call only (the security headers of a
    /// beneficiary's login, say): they are sent after the client's, replacing those of the same
    /// names.
    #[inline]
    pub async fn criar_ocorrencia_with(
        &self,
        body: &CriarOcorrencia,
        headers: &Headers,
    ) -> Result<Response<Value>, Error> {
        const ENDPOINT: Endpoint = Endpoint::new(Method::POST, "/clientes/ocorrencias");
        self.transport.send_undocumented(&ENDPOINT, body, headers).await
    }
}
