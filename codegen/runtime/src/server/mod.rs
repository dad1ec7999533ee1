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
//! | path and method of a known endpoint (the path exactly as sent, never percent-decoded) | `404` / `405` (with `Allow`) |
//! | every header the spec marks `M` is present and not blank | `401` |
//! | `Content-Type` is the endpoint's (`application/json`; parameters such as `; charset=utf-8` are accepted, a charset other than UTF-8 is not), sent once, each parameter `name=value` | `415` |
//! | no `Content-Encoding` but `identity` (no body is decompressed) / no `Transfer-Encoding` but `chunked` | `415` / `501` |
//! | the body fits in [`ServerConfig::body_limit`] (2 MiB by default) | `413` |
//! | the body fits in the router's budget of body bytes in memory ([`ServerConfig::body_budget`], 64 MiB by default) | `503` (with `Retry-After: 1`) |
//! | the body arrives within [`ServerConfig::body_read_timeout`] (10 s by default) | `408` |
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
//! Bodies above [`ServerConfig::blocking_decode_above`] (64 KiB) are decoded
//! on Tokio's blocking threads, so that megabytes of JSON never hold up the
//! small requests.
//!
//! [`serve`] runs a router on a listener with the connection side of the
//! same [`ServerConfig`]: first-byte (5 s), header-read (10 s) and idle
//! (5 s) timeouts, a connection limit (¾ of the file-descriptor limit) that
//! closes the idlest connection first, graceful shutdown
//! ([`Serve::with_graceful_shutdown`], [`shutdown_signal`]), hyper's own
//! `400`/`414`/`431` with the JSON failure body, and HTTPS with rustls
//! (feature `tls`, `TlsConfig` from PEM files). Prefer it to
//! `axum::serve`, which has none of these timeouts nor the limit.
//!
//! One concern per module: [`ServerConfig`] (settings), [`Endpoint`] (an
//! operation and its mandatory headers), [`RequestContext`] (what a handler
//! sees besides the body), [`Reply`], [`Failure`] and [`Mensagem`] (what is
//! sent back), [`Routes`] (the endpoints, and the axum router they become),
//! [`serve`] (the accept loop; privately, the connections it tracks);
//! privately, the pipeline of one request, body reading and panic catching.
//! The words of every refusal are in the runtime's Portuguese catalogue
//! (`messages/pt.rs`).
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

mod body;
mod config;
mod conn;
mod context;
mod endpoint;
mod panic;
mod pipeline;
mod reply;
mod routes;
mod serve;
#[cfg(test)]
mod tests;
#[cfg(feature = "tls")]
mod tls;

/// The web framework the routers are made with, for what this module does
/// not wrap (serving, layers, merging with other routes).
pub use axum;
#[doc(no_inline)]
pub use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
#[doc(no_inline)]
pub use axum::Router;

pub use config::{ServerConfig, DEFAULT_BODY_LIMIT};
pub use context::RequestContext;
pub use endpoint::Endpoint;
pub use reply::{Failure, Mensagem, Reply};
pub use routes::{RouteError, Routes};
pub use serve::{serve, shutdown_signal, Serve};
#[cfg(feature = "tls")]
pub use tls::{TlsConfig, TlsError};
