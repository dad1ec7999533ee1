//! The HTTP pipeline of every server built from a spec: the generated
//! `server` modules (typed decoding, one trait method per operation) and
//! `codegen mock` (the IR-driven validator, documented examples) differ only
//! in how a body is decoded and who answers it; everything on the wire is
//! decided here, once.
//!
//! For each request the pipeline runs, in this order:
//!
//! | Step | Refusal |
//! |---|---|
//! | path and method of a known endpoint | `404` / `405` (with `Allow`) |
//! | every header the spec marks `M` is present and not blank | `401` |
//! | `Content-Type` is the endpoint's (`application/json`; parameters such as `; charset=utf-8` are accepted, a charset other than UTF-8 is not) | `415` |
//! | the body fits in [`ServerConfig::body_limit`] (2 MiB by default) | `413` |
//! | the body decodes and follows every rule of the page | `400`, listing every violation |
//! | the handler returns without panicking | `500` |
//! | its answer (success or failure body) follows the page | `500`, the violations are logged and **nothing** non-conforming is sent |
//!
//! A success is sent as `200` with its JSON body (the pages document no
//! status codes); a [`Failure`] with its own status and body. Every refusal
//! carries a JSON body in the pages' failure shape, `{"mensagem": "…"}`, in
//! Portuguese and saying what to change; a `400` adds
//! `"erros": [{"path", "rule", "message"}, …]`.
//!
//! ```
//! use std::sync::Arc;
//!
//! use codegen_runtime::server::{Endpoint, Failure, Mensagem, Method, Routes, ServerConfig, StatusCode};
//! use codegen_runtime::{Decode, Validate};
//!
//! #[derive(Debug, serde::Serialize, Decode, Validate)]
//! struct Pedido {
//!     chave: String,
//! }
//!
//! #[derive(Debug, serde::Serialize, Decode, Validate)]
//! struct Resposta {
//!     titulo: String,
//! }
//!
//! struct Servico;
//!
//! impl Servico {
//!     async fn responder(&self, pedido: Pedido) -> Result<Resposta, Failure> {
//!         match pedido.chave.as_str() {
//!             "1" => Ok(Resposta { titulo: "Pagamento".into() }),
//!             _ => Err(Failure::new(StatusCode::NOT_FOUND, Mensagem::new("Chave não encontrada!"))),
//!         }
//!     }
//! }
//!
//! let router = Routes::new(ServerConfig::default())
//!     .typed(
//!         Endpoint::new("responder", Method::POST, "/responder"),
//!         &Arc::new(Servico),
//!         |servico, _context, pedido| async move { servico.responder(pedido).await },
//!     )
//!     .into_router();
//! # let _: codegen_runtime::server::Router = router;
//! ```

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::future::{poll_fn, Future};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};

use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::http::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::context::{Context, Presence};
use crate::endpoint_rules;
use crate::report::{LocalizedReport, Report};
use crate::validate::Validate;
use crate::violation::Lang;
use crate::Decode;

/// The web framework the routers are made with, for what this module does
/// not wrap (serving, layers, merging with other routes).
pub use axum;
#[doc(no_inline)]
pub use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
#[doc(no_inline)]
pub use axum::Router;

/// The default limit of a request body: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Settings shared by every endpoint of a router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    body_limit: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

impl ServerConfig {
    /// The defaults: a body limit of [`DEFAULT_BODY_LIMIT`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Refuses request bodies above `bytes` with `413`.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The largest request body accepted, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.body_limit
    }
}

/// One operation of a spec as the server sees it: where it is served and
/// which headers it requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    operation: String,
    method: Method,
    path: String,
    content_type: String,
    mandatory_headers: Vec<MandatoryHeader>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct MandatoryHeader {
    name: String,
    description: String,
}

impl Endpoint {
    /// The operation `operation` (its id in the spec, used in messages and
    /// logs), served at `method path` with `Content-Type: application/json`.
    pub fn new(operation: impl Into<String>, method: Method, path: impl Into<String>) -> Self {
        Endpoint {
            operation: operation.into(),
            method,
            path: path.into(),
            content_type: "application/json".to_owned(),
            mandatory_headers: Vec::new(),
        }
    }

    /// Requires header `name` (criterion `M` in the page's header table):
    /// a request without it, or with a blank value, is refused with `401`.
    /// `description` (the table's) tells the caller what to send.
    #[must_use]
    pub fn mandatory_header(
        mut self,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.mandatory_headers.push(MandatoryHeader {
            name: name.into(),
            description: description.into(),
        });
        self
    }

    /// The media type the body must have (`application/json`, the default).
    /// Only JSON media types can be served.
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    pub fn operation(&self) -> &str {
        &self.operation
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Names of the mandatory headers, in the page's order.
    pub fn mandatory_headers(&self) -> impl Iterator<Item = &str> {
        self.mandatory_headers.iter().map(|h| h.name.as_str())
    }

    fn check(&self) -> Result<(), RouteError> {
        let invalid = |reason: &str| RouteError::InvalidEndpoint {
            operation: self.operation.clone(),
            reason: reason.to_owned(),
        };
        if !endpoint_rules::is_endpoint_path(&self.path) {
            return Err(invalid(&format!(
                "path `{}` must start with `/` and hold no query, fragment or whitespace",
                self.path
            )));
        }
        for header in &self.mandatory_headers {
            if HeaderName::from_bytes(header.name.as_bytes()).is_err() {
                return Err(invalid(&format!(
                    "`{}` is not a valid header name",
                    header.name
                )));
            }
        }
        if !endpoint_rules::is_json_media_type(&self.content_type) {
            return Err(invalid(&format!(
                "content type `{}` is not JSON; only JSON bodies can be served",
                self.content_type
            )));
        }
        Ok(())
    }
}

/// What a handler knows about the request besides its body: every header
/// (the page's headers, and for operator endpoints the integration's static
/// headers, its authorization tokens and the beneficiary's security
/// headers), the method and the URI.
///
/// Its `Debug` shows header names only: tokens and security headers must not
/// end up in logs.
#[derive(Clone)]
pub struct RequestContext {
    operation: Arc<str>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
}

impl std::fmt::Debug for RequestContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestContext")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("uri", &self.uri.path())
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl RequestContext {
    /// A context for calling a handler directly (tests, other transports).
    pub fn new(operation: &str, method: Method, uri: Uri, headers: HeaderMap) -> Self {
        RequestContext {
            operation: Arc::from(operation),
            method,
            uri,
            headers,
        }
    }

    /// The operation id in the spec (`demonstrativoPagamentoDetalhe`).
    pub fn operation(&self) -> &str {
        &self.operation
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// Every header of the request.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of header `name` (case-insensitive), when it is
    /// visible ASCII text; surrounding whitespace is removed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    }
}

/// The pages' failure body, `{"mensagem": "…"}`: what the server sends on
/// every refusal, and the failure of operations whose page documents none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mensagem {
    /// A message for the person on the other side, in Portuguese. Must not
    /// be blank.
    pub mensagem: String,
}

impl Mensagem {
    pub fn new(mensagem: impl Into<String>) -> Self {
        Mensagem {
            mensagem: mensagem.into(),
        }
    }
}

impl Validate for Mensagem {
    fn validate_in(&self, cx: &mut Context<'_>) {
        cx.mandatory("mensagem", Presence::of_str(&self.mensagem));
    }
}

/// A handler's refusal: an error status (4xx or 5xx) and the failure body
/// the page documents (`F`), or [`Mensagem`] where it documents none.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure<F = Mensagem> {
    status: StatusCode,
    body: F,
}

impl<F> Failure<F> {
    /// Answers `status` with `body`. The status must be a client or server
    /// error; any other is not sent (the pipeline answers `500` and logs it).
    pub fn new(status: StatusCode, body: F) -> Self {
        Failure { status, body }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn body(&self) -> &F {
        &self.body
    }

    pub fn into_parts(self) -> (StatusCode, F) {
        (self.status, self.body)
    }
}

impl Failure<Mensagem> {
    /// `status` with `{"mensagem": mensagem}`.
    pub fn message(status: StatusCode, mensagem: impl Into<String>) -> Self {
        Failure::new(status, Mensagem::new(mensagem))
    }
}

/// The answer to a request that reached its handler.
#[derive(Debug, Clone)]
pub struct Reply {
    kind: ReplyKind,
}

#[derive(Debug, Clone)]
enum ReplyKind {
    Json {
        status: StatusCode,
        body: Vec<u8>,
    },
    /// What the handler produced breaks the page's rules: never sent.
    Invalid {
        what: &'static str,
        report: Report,
    },
    /// A failure with a status that is not an error.
    BadStatus(StatusCode),
    /// The value could not be serialized.
    Unserializable(String),
}

impl Reply {
    /// Sends `body` as is, with `status`. For bodies already known to
    /// follow the page (the mock's checked examples).
    pub fn json(status: StatusCode, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            kind: ReplyKind::Json {
                status,
                body: body.into(),
            },
        }
    }

    /// A handler's outcome: the success as `200`, or the failure with its
    /// status, each only after [`Validate`] found nothing wrong with it.
    pub fn from_result<T, F>(result: Result<T, Failure<F>>) -> Reply
    where
        T: Serialize + Validate,
        F: Serialize + Validate,
    {
        match result {
            Ok(value) => Reply::checked(StatusCode::OK, "response", &value),
            Err(failure)
                if !failure.status.is_client_error() && !failure.status.is_server_error() =>
            {
                Reply {
                    kind: ReplyKind::BadStatus(failure.status),
                }
            }
            Err(failure) => Reply::checked(failure.status, "failure", &failure.body),
        }
    }

    fn checked<T: Serialize + Validate>(
        status: StatusCode,
        what: &'static str,
        value: &T,
    ) -> Reply {
        if let Err(report) = value.validate() {
            return Reply {
                kind: ReplyKind::Invalid { what, report },
            };
        }
        match serde_json::to_vec(value) {
            Ok(body) => Reply::json(status, body),
            Err(error) => Reply {
                kind: ReplyKind::Unserializable(error.to_string()),
            },
        }
    }

    /// The status that will be sent.
    pub fn status(&self) -> StatusCode {
        match self.kind {
            ReplyKind::Json { status, .. } => status,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn into_response(self, operation: &str) -> Response {
        match self.kind {
            ReplyKind::Json { status, body } => json_response(status, body),
            ReplyKind::Invalid { what, report } => {
                tracing::error!(
                    operation,
                    violations = %report.in_lang(Lang::En).to_string().trim_end(),
                    "the handler's {what} breaks the documented rules and was not sent"
                );
                internal_error(
                    "Erro interno: a resposta produzida pelo servidor não segue a documentação \
                     e não foi enviada. O problema foi registrado; tente novamente mais tarde.",
                )
            }
            ReplyKind::BadStatus(status) => {
                tracing::error!(
                    operation,
                    %status,
                    "the handler failed with a status that is not a client or server error; \
                     use Ok(..) for successes"
                );
                internal_error(
                    "Erro interno: o servidor produziu uma falha inconsistente. O problema foi \
                     registrado; tente novamente mais tarde.",
                )
            }
            ReplyKind::Unserializable(error) => {
                tracing::error!(operation, %error, "the handler's answer could not be serialized");
                internal_error(
                    "Erro interno: a resposta não pôde ser serializada. O problema foi \
                     registrado; tente novamente mais tarde.",
                )
            }
        }
    }
}

/// Why a set of [`Routes`] cannot become a router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// The endpoint cannot be served as described.
    InvalidEndpoint { operation: String, reason: String },
    /// Two operations share one method and path.
    Duplicate {
        method: Method,
        path: String,
        first: String,
        second: String,
    },
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteError::InvalidEndpoint { operation, reason } => {
                write!(f, "operation `{operation}`: {reason}")
            }
            RouteError::Duplicate {
                method,
                path,
                first,
                second,
            } => write!(
                f,
                "operations `{first}` and `{second}` are both served at {method} {path}"
            ),
        }
    }
}

impl std::error::Error for RouteError {}

type BoxFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// Decodes a body and starts its handler: the part of an endpoint that
/// differs between the typed server and the mock.
trait Handle: Send + Sync {
    fn handle(&self, context: RequestContext, body: &[u8]) -> Result<BoxFuture, Report>;
}

struct Handler<D, H> {
    decode: D,
    handler: H,
}

impl<Req, D, H, Fut> Handle for Handler<D, H>
where
    D: Fn(&[u8]) -> Result<Req, Report> + Send + Sync,
    H: Fn(RequestContext, Req) -> Fut + Send + Sync,
    Fut: Future<Output = Reply> + Send + 'static,
{
    fn handle(&self, context: RequestContext, body: &[u8]) -> Result<BoxFuture, Report> {
        let request = (self.decode)(body)?;
        Ok(Box::pin((self.handler)(context, request)))
    }
}

/// The endpoints of a server and their handlers, not yet a router:
/// [`Routes::merge`] combines several (the operator endpoints of several
/// pages), [`Routes::into_router`] finishes.
pub struct Routes {
    config: ServerConfig,
    endpoints: Vec<(Endpoint, Arc<dyn Handle>)>,
}

impl fmt::Debug for Routes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Routes")
            .field("config", &self.config)
            .field(
                "endpoints",
                &self.endpoints.iter().map(|(e, _)| e).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Routes {
    pub fn new(config: ServerConfig) -> Self {
        Routes {
            config,
            endpoints: Vec::new(),
        }
    }

    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// The endpoints, in the order they were added.
    pub fn endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.endpoints.iter().map(|(endpoint, _)| endpoint)
    }

    /// Serves `endpoint` with a typed handler: the body is decoded into
    /// `Req` (every violation refused with `400`), `handler` gets the
    /// service, the request context and the decoded body, and its answer is
    /// validated before it is sent (see [`Reply::from_result`]).
    #[must_use]
    pub fn typed<S, Req, Resp, F, H, Fut>(
        self,
        endpoint: Endpoint,
        service: &Arc<S>,
        handler: H,
    ) -> Self
    where
        S: Send + Sync + 'static + ?Sized,
        Req: Decode + Send + 'static,
        Resp: Serialize + Validate + 'static,
        F: Serialize + Validate + 'static,
        H: Fn(Arc<S>, RequestContext, Req) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Resp, Failure<F>>> + Send + 'static,
    {
        let service = Arc::clone(service);
        self.endpoint(
            endpoint,
            crate::from_json_slice::<Req>,
            move |context, request| {
                let answer = handler(Arc::clone(&service), context, request);
                async move { Reply::from_result(answer.await) }
            },
        )
    }

    /// Serves `endpoint` with any decoding: `decode` turns the body into
    /// the handler's input or reports every violation (`400`); `handler`
    /// answers with a [`Reply`].
    #[must_use]
    pub fn endpoint<Req, D, H, Fut>(mut self, endpoint: Endpoint, decode: D, handler: H) -> Self
    where
        Req: 'static,
        D: Fn(&[u8]) -> Result<Req, Report> + Send + Sync + 'static,
        H: Fn(RequestContext, Req) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Reply> + Send + 'static,
    {
        self.endpoints
            .push((endpoint, Arc::new(Handler { decode, handler })));
        self
    }

    /// Adds the endpoints of `other`; the settings stay those of `self`.
    #[must_use]
    pub fn merge(mut self, other: Routes) -> Self {
        self.endpoints.extend(other.endpoints);
        self
    }

    /// The router, or the first endpoint that cannot be served (an invalid
    /// path, header name or content type, or two operations at one method
    /// and path).
    pub fn try_into_router(self) -> Result<Router, RouteError> {
        let (router, errors) = self.build();
        match errors.into_iter().next() {
            Some(error) => Err(error),
            None => Ok(router),
        }
    }

    /// The router. An endpoint that cannot be served (see
    /// [`Routes::try_into_router`]) is left out and logged; generated code
    /// never has one, as the generator checks its endpoints.
    pub fn into_router(self) -> Router {
        let (router, errors) = self.build();
        for error in errors {
            tracing::error!(%error, "endpoint left out of the router");
        }
        router
    }

    fn build(self) -> (Router, Vec<RouteError>) {
        let mut errors = Vec::new();
        let mut table = Table {
            config: self.config,
            by_path: HashMap::new(),
            listing: Vec::new(),
        };
        for (endpoint, handler) in self.endpoints {
            if let Err(error) = endpoint.check() {
                errors.push(error);
                continue;
            }
            let routes = table.by_path.entry(endpoint.path.clone()).or_default();
            if let Some(first) = routes.iter().find(|r| r.endpoint.method == endpoint.method) {
                errors.push(RouteError::Duplicate {
                    method: endpoint.method.clone(),
                    path: endpoint.path.clone(),
                    first: first.endpoint.operation.clone(),
                    second: endpoint.operation.clone(),
                });
                continue;
            }
            table
                .listing
                .push(format!("{} {}", endpoint.method, endpoint.path));
            table.listing.sort();
            routes.push(Route {
                operation: Arc::from(endpoint.operation.as_str()),
                endpoint,
                handler,
            });
        }
        let table = Arc::new(table);
        let router = Router::new().fallback(move |request: Request| {
            let table = Arc::clone(&table);
            async move { table.dispatch(request).await }
        });
        (router, errors)
    }
}

struct Route {
    operation: Arc<str>,
    endpoint: Endpoint,
    handler: Arc<dyn Handle>,
}

struct Table {
    config: ServerConfig,
    /// Endpoints by exact path.
    by_path: HashMap<String, Vec<Route>>,
    /// `METHOD /path` of every endpoint, sorted, for the `404` message.
    listing: Vec<String>,
}

impl Table {
    async fn dispatch(&self, request: Request) -> Response {
        let path = percent_decode(request.uri().path());
        let Some(routes) = self.by_path.get(path.as_ref()) else {
            return error_response(
                StatusCode::NOT_FOUND,
                &format!(
                    "Caminho '{}' não encontrado. Este servidor atende: {}.",
                    request.uri().path(),
                    if self.listing.is_empty() {
                        "nenhum endpoint".to_owned()
                    } else {
                        self.listing.join(", ")
                    }
                ),
                None,
            );
        };
        let Some(route) = routes
            .iter()
            .find(|r| r.endpoint.method == *request.method())
        else {
            let allowed: Vec<&str> = routes.iter().map(|r| r.endpoint.method.as_str()).collect();
            let mut response = error_response(
                StatusCode::METHOD_NOT_ALLOWED,
                &format!(
                    "Método {} não permitido em {}: use {}.",
                    request.method(),
                    path,
                    allowed.join(" ou ")
                ),
                None,
            );
            if let Ok(allow) = HeaderValue::from_str(&allowed.join(", ")) {
                response.headers_mut().insert(ALLOW, allow);
            }
            return response;
        };
        route.serve(&self.config, request).await
    }
}

impl Route {
    async fn serve(&self, config: &ServerConfig, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let operation = &*self.operation;

        for header in &self.endpoint.mandatory_headers {
            let filled = parts
                .headers
                .get(header.name.as_str())
                .is_some_and(|value| !value.as_bytes().iter().all(u8::is_ascii_whitespace));
            if !filled {
                tracing::debug!(operation, header = %header.name, "refused: mandatory header missing");
                return error_response(
                    StatusCode::UNAUTHORIZED,
                    &format!(
                        "Header obrigatório '{}' ausente ou em branco: envie-o com {}.",
                        header.name,
                        lowercase_first(&header.description)
                    ),
                    None,
                );
            }
        }

        if let Err(message) = check_content_type(&parts.headers, &self.endpoint.content_type) {
            tracing::debug!(operation, "refused: unsupported content type");
            return error_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, &message, None);
        }

        let limit = config.body_limit;
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        let bytes = match declared {
            Some(length) if length > limit as u64 => Err(BodyError::TooLarge),
            _ => read_body(body, limit, declared.unwrap_or(0)).await,
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(BodyError::TooLarge) => {
                tracing::debug!(operation, limit, "refused: body too large");
                return error_response(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    &format!(
                        "Corpo da requisição grande demais: o limite deste servidor é {} bytes.",
                        limit
                    ),
                    None,
                );
            }
            Err(BodyError::Unreadable(error)) => {
                tracing::debug!(operation, %error, "refused: body could not be read");
                return error_response(
                    StatusCode::BAD_REQUEST,
                    "O corpo da requisição não pôde ser lido por completo; reenvie a requisição.",
                    None,
                );
            }
        };

        let context = RequestContext {
            operation: Arc::clone(&self.operation),
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
        };
        let started = catch_unwind(AssertUnwindSafe(|| self.handler.handle(context, &bytes)));
        let answer = match started {
            Ok(Ok(answer)) => answer,
            Ok(Err(report)) => {
                tracing::debug!(
                    operation,
                    violations = report.len(),
                    "refused: invalid body"
                );
                let count = report.total();
                return error_response(
                    StatusCode::BAD_REQUEST,
                    &format!(
                        "Corpo da requisição inválido: {} das regras de {operation}. Corrija cada \
                         item de 'erros' (path: onde, rule: regra, message: o quê) e reenvie.",
                        if count == 1 {
                            "1 violação".to_owned()
                        } else {
                            format!("{count} violações")
                        }
                    ),
                    Some(report.in_lang(Lang::Pt)),
                );
            }
            Err(panic) => return panicked(operation, &*panic),
        };
        match (CatchUnwind { future: answer }).await {
            Ok(reply) => match catch_unwind(AssertUnwindSafe(|| reply.into_response(operation))) {
                Ok(response) => response,
                Err(panic) => panicked(operation, &*panic),
            },
            Err(panic) => panicked(operation, &*panic),
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "o valor documentado".to_owned(),
    }
}

/// The `415` message when `Content-Type` is not `expected` (parameters are
/// allowed; a charset must be UTF-8, the only encoding of JSON).
fn check_content_type(headers: &HeaderMap, expected: &str) -> Result<(), String> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Err(format!(
            "Header Content-Type ausente: envie o corpo em JSON com 'Content-Type: {expected}'."
        ));
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let mut pieces = text.split(';');
    let media_type = pieces.next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case(expected) {
        return Err(format!(
            "Content-Type '{}' não suportado: envie o corpo em JSON com 'Content-Type: {expected}'.",
            text.trim()
        ));
    }
    for parameter in pieces {
        let Some((name, value)) = parameter.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        if name.trim().eq_ignore_ascii_case("charset")
            && !value.eq_ignore_ascii_case("utf-8")
            && !value.eq_ignore_ascii_case("utf8")
        {
            return Err(format!(
                "Charset '{value}' não suportado: JSON é sempre UTF-8; envie \
                 'Content-Type: {expected}' ou '{expected}; charset=utf-8'."
            ));
        }
    }
    Ok(())
}

enum BodyError {
    TooLarge,
    Unreadable(String),
}

/// Reads the body, stopping as soon as it exceeds `limit`; `declared` is its
/// `Content-Length` (at most `limit` by now), to allocate once.
async fn read_body(body: Body, limit: usize, declared: u64) -> Result<Vec<u8>, BodyError> {
    let mut body = std::pin::pin!(body);
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(limit));
    while let Some(frame) = poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let frame = frame.map_err(|error| BodyError::Unreadable(error.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len().saturating_add(data.len()) > limit {
                return Err(BodyError::TooLarge);
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// `%XX` sequences of a request path decoded, when the result is UTF-8
/// (spec paths are compared in their written form).
fn percent_decode(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.contains('%') {
        return path.into();
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(high), Some(low)) if hex(high).is_some() && hex(low).is_some() => {
                let value = hex(high).unwrap_or(0) * 16 + hex(low).unwrap_or(0);
                out.push(value as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(decoded) => decoded.into(),
        Err(_) => path.into(),
    }
}

/// Polls a future, turning a panic into an error instead of unwinding
/// through the server.
struct CatchUnwind {
    future: BoxFuture,
}

impl Future for CatchUnwind {
    type Output = Result<Reply, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Self::Output> {
        let future = &mut self.future;
        match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(reply)) => Poll::Ready(Ok(reply)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

fn panicked(operation: &str, panic: &(dyn Any + Send)) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    tracing::error!(operation, panic = message, "the handler panicked");
    internal_error(
        "Erro interno ao processar a requisição. O problema foi registrado; tente novamente \
         mais tarde.",
    )
}

fn internal_error(mensagem: &str) -> Response {
    error_response(StatusCode::INTERNAL_SERVER_ERROR, mensagem, None)
}

/// `{"mensagem": …}`, and the violations for a `400`.
#[derive(Serialize)]
struct ErrorBody<'a> {
    mensagem: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    erros: Option<LocalizedReport<'a>>,
}

fn error_response(
    status: StatusCode,
    mensagem: &str,
    erros: Option<LocalizedReport<'_>>,
) -> Response {
    let body = serde_json::to_vec(&ErrorBody { mensagem, erros })
        .unwrap_or_else(|_| br#"{"mensagem": "Erro interno."}"#.to_vec());
    json_response(status, body)
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    #[test]
    fn debug_never_shows_header_values() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Bearer SEGREDO".parse().unwrap());
        let context = RequestContext::new(
            "op",
            Method::POST,
            "/x?token=SEGREDO".parse().unwrap(),
            headers,
        );
        let shown = format!("{context:?}");
        assert!(
            shown.contains("authorization") && !shown.contains("SEGREDO"),
            "{shown}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        let check = |value: Option<&str>| {
            let mut headers = HeaderMap::new();
            if let Some(value) = value {
                headers.insert(CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
            }
            check_content_type(&headers, "application/json")
        };
        assert!(check(Some("application/json")).is_ok());
        assert!(check(Some("Application/JSON; charset=UTF-8")).is_ok());
        assert!(check(Some("application/json;charset=\"utf-8\"; q=1")).is_ok());
        assert!(check(Some("application/json; charset=latin1"))
            .unwrap_err()
            .contains("UTF-8"));
        assert!(check(Some("text/plain"))
            .unwrap_err()
            .contains("text/plain"));
        assert!(check(None).unwrap_err().contains("ausente"));
    }

    #[test]
    fn paths_are_percent_decoded_when_utf8() {
        assert_eq!(percent_decode("/a%20b"), "/a b");
        assert_eq!(percent_decode("/a%C3%A7"), "/aç");
        assert_eq!(percent_decode("/a%FF"), "/a%FF");
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/a%zz"), "/a%zz");
    }

    #[test]
    fn failures_with_success_statuses_are_not_sent() {
        let reply =
            Reply::from_result::<Mensagem, Mensagem>(Err(Failure::message(StatusCode::OK, "x")));
        assert_eq!(reply.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let reply = Reply::from_result::<Mensagem, Mensagem>(Ok(Mensagem::new(" ")));
        assert_eq!(reply.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let reply = Reply::from_result::<Mensagem, Mensagem>(Err(Failure::message(
            StatusCode::NOT_FOUND,
            "Não encontrado!",
        )));
        assert_eq!(reply.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn route_errors() {
        let routes = || Routes::new(ServerConfig::default());
        let ok = |_: &[u8]| Ok(());
        let answer = |_, ()| async { Reply::json(StatusCode::OK, b"{}".to_vec()) };
        let error = routes()
            .endpoint(Endpoint::new("a", Method::POST, "/x"), ok, answer)
            .endpoint(Endpoint::new("b", Method::POST, "/x"), ok, answer)
            .try_into_router()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "operations `a` and `b` are both served at POST /x"
        );
        for endpoint in [
            Endpoint::new("a", Method::POST, "x"),
            Endpoint::new("a", Method::POST, "/x?y"),
            Endpoint::new("a", Method::POST, "/x").mandatory_header("bad header", "x"),
            Endpoint::new("a", Method::POST, "/x").content_type("text/plain"),
        ] {
            assert!(routes()
                .endpoint(endpoint, ok, answer)
                .try_into_router()
                .is_err());
        }
        assert!(routes()
            .endpoint(Endpoint::new("a", Method::POST, "/x"), ok, answer)
            .endpoint(Endpoint::new("b", Method::GET, "/x"), ok, answer)
            .try_into_router()
            .is_ok());
    }
}
