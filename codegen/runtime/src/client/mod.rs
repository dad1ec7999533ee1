//! The HTTP plumbing of generated clients (feature `client`): reqwest with
//! rustls, written once here so that each generated `client` module is a
//! thin, documented wrapper with one async method per endpoint.
//!
//! * [`ClientBuilder`]: base URL, headers sent with every call, connect and
//!   total timeouts ([`DEFAULT_CONNECT_TIMEOUT`] 10 s, [`DEFAULT_TIMEOUT`]
//!   30 s), the largest answer read.
//! * [`Transport::send`]: validates the request ([`crate::Validate`]; an
//!   invalid one is never sent), sends it **once**, and decodes the answer
//!   with the one-pass validating decoder ([`crate::Decode`]).
//! * [`Response`]: a success body with its status and headers.
//! * [`Error`]: what a call can fail with, each variant with a message that
//!   says what to do (Portuguese, like [`crate::Report`]; English with
//!   [`Error::in_lang`]).
//! * [`Secret`] and [`Headers`]: credentials that never show in `Debug`
//!   output; header values are marked sensitive.
//!
//! # Calling an endpoint
//!
//! `criarOcorrencia`, Mosia's API that clients call, with the client token
//! the page asks for in `Authorization`:
//!
//! ```no_run
//! use mosia_api::criar_ocorrencia::client::{Client, BASE_URL};
//! use mosia_api::criar_ocorrencia::{CriarOcorrencia, Solicitante};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // BASE_URL is the page's https://api.mosiaomnichannel.com.br; every page's
//! // client takes the base URL first, then the credentials every call needs.
//! // 10 s to connect, 30 s per call.
//! let client = Client::new(BASE_URL, std::env::var("MOSIA_TOKEN")?)?;
//!
//! let ocorrencia = CriarOcorrencia {
//!     id_tipo_ocorrencia: 12,
//!     solicitante: Solicitante {
//!         nome: "Everson".into(),
//!         chave_unica: "everson@mobilesaude.com.br".into(),
//!         email: None,
//!         telefone: None,
//!     },
//!     numero_contrato: None,
//!     id_assunto: None,
//!     rascunho: None,
//!     beneficiario: None,
//!     formularios: None,
//!     anotacao: Some("Segunda via do boleto".into()),
//! };
//!
//! match client.criar_ocorrencia(&ocorrencia).await {
//!     // The page documents no success body: it comes back as JSON.
//!     Ok(resposta) => println!("{}: {}", resposta.status(), resposta.body()),
//!     // Invalid request (every violation listed) or no connection: nothing
//!     // was sent, so trying again cannot create a duplicate.
//!     Err(erro) if !erro.may_have_reached_server() => eprintln!("{erro}"),
//!     // Anything else (a timeout, an error status with its `mensagem`): the
//!     // occurrence may exist already. Nothing is retried automatically.
//!     Err(erro) => eprintln!("não reenviar sem conferir: {erro}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # No automatic retry
//!
//! A call is sent once. The endpoints are POSTs that are not idempotent: a
//! `criarOcorrencia` sent twice creates two occurrences. When a call fails
//! after the request may have reached the server
//! ([`Error::may_have_reached_server`]), check before sending it again.
//! Redirects are not followed either (a POST would silently become a GET).
//!
//! # Credentials
//!
//! Header values given to a client or a call are treated as credentials:
//! [`Secret`] and [`Headers`] print `***` in `Debug`, values are marked
//! sensitive ([`reqwest::header::HeaderValue::set_sensitive`]), errors name
//! headers but never show their values, and base URLs with a user name or
//! password are rejected. Nothing here logs.

mod builder;
mod error;
mod failure;
mod headers;
mod secret;
mod transport;

pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT,
};
pub use error::{BaseUrlProblem, BuildError, Error, LocalizedError};
pub use failure::{FailureBody, UndocumentedFailure};
pub use headers::{Headers, InvalidHeader};
pub use secret::Secret;
pub use transport::{Endpoint, Response, Transport};

// What generated clients and their callers name, without depending on
// reqwest or bytes themselves.
pub use bytes::Bytes;
pub use reqwest;
pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode};
