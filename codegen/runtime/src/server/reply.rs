//! What is sent back: a handler's [`Reply`] (its success or [`Failure`],
//! validated before it is sent), the pages' failure body [`Mensagem`], and
//! the JSON error responses of every refusal.

use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::context::{Context, Presence};
use crate::messages::pt;
use crate::report::{LocalizedReport, Report};
use crate::validate::Validate;
use crate::violation::Lang;

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
        Reply::from_result_sized(result, &SizeHint::default())
    }

    /// [`Reply::from_result`], the body written into a buffer of the size
    /// `hint` expects (the size of the endpoint's previous answer).
    pub(super) fn from_result_sized<T, F>(result: Result<T, Failure<F>>, hint: &SizeHint) -> Reply
    where
        T: Serialize + Validate,
        F: Serialize + Validate,
    {
        match result {
            Ok(value) => Reply::checked(StatusCode::OK, "response", &value, hint),
            Err(failure)
                if !failure.status.is_client_error() && !failure.status.is_server_error() =>
            {
                Reply {
                    kind: ReplyKind::BadStatus(failure.status),
                }
            }
            Err(failure) => Reply::checked(failure.status, "failure", &failure.body, hint),
        }
    }

    fn checked<T: Serialize + Validate>(
        status: StatusCode,
        what: &'static str,
        value: &T,
        hint: &SizeHint,
    ) -> Reply {
        if let Err(report) = value.validate() {
            return Reply {
                kind: ReplyKind::Invalid { what, report },
            };
        }
        let mut body = Vec::with_capacity(hint.expected());
        match serde_json::to_writer(&mut body, value) {
            Ok(()) => {
                hint.note(body.len());
                Reply::json(status, body)
            }
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

    /// The response sent: the JSON body, or a `500` (logged) for an answer
    /// that must not be sent.
    pub(super) fn into_response(self, operation: &str) -> Response {
        match self.kind {
            ReplyKind::Json { status, body } => json_response(status, body),
            ReplyKind::Invalid { what, report } => {
                tracing::error!(
                    operation,
                    violations = %report.in_lang(Lang::En).to_string().trim_end(),
                    "the handler's {what} breaks the documented rules and was not sent"
                );
                internal_error(pt::ANSWER_BREAKS_RULES)
            }
            ReplyKind::BadStatus(status) => {
                tracing::error!(
                    operation,
                    %status,
                    "the handler failed with a status that is not a client or server error; \
                     use Ok(..) for successes"
                );
                internal_error(pt::INCONSISTENT_FAILURE)
            }
            ReplyKind::Unserializable(error) => {
                tracing::error!(operation, %error, "the handler's answer could not be serialized");
                internal_error(pt::UNSERIALIZABLE_ANSWER)
            }
        }
    }
}

/// The size of the body an endpoint answered last, so that the next one is
/// written into a buffer allocated once, at its size: no growing by copies,
/// and a buffer that becomes the response body as it is (a `Vec` whose
/// length is its capacity turns into `Bytes` without another allocation).
#[derive(Debug)]
pub(super) struct SizeHint(AtomicUsize);

impl SizeHint {
    /// What `serde_json::to_vec` starts with.
    const INITIAL: usize = 128;
    /// Never more than this up front, whatever the last answer was.
    const MAX: usize = 64 * 1024;

    pub(super) fn expected(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    pub(super) fn note(&self, len: usize) {
        self.0
            .store(len.clamp(Self::INITIAL, Self::MAX), Ordering::Relaxed);
    }
}

impl Default for SizeHint {
    fn default() -> Self {
        SizeHint(AtomicUsize::new(Self::INITIAL))
    }
}

/// A `500` with `mensagem`.
pub(super) fn internal_error(mensagem: &str) -> Response {
    error_response(StatusCode::INTERNAL_SERVER_ERROR, mensagem, None)
}

/// `{"mensagem": …}`, and the violations for a `400`.
#[derive(Serialize)]
struct ErrorBody<'a> {
    mensagem: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    erros: Option<LocalizedReport<'a>>,
}

/// A refusal in the pages' failure shape, `{"mensagem": …}`, with `erros`
/// when there are violations to list.
pub(super) fn error_response(
    status: StatusCode,
    mensagem: &str,
    erros: Option<LocalizedReport<'_>>,
) -> Response {
    let body = serde_json::to_vec(&ErrorBody { mensagem, erros })
        .unwrap_or_else(|_| pt::FALLBACK_BODY.as_bytes().to_vec());
    json_response(status, body)
}

/// `{"mensagem": mensagem}` as bytes.
pub(super) fn error_body(mensagem: &str) -> Vec<u8> {
    serde_json::to_vec(&ErrorBody {
        mensagem,
        erros: None,
    })
    .unwrap_or_else(|_| pt::FALLBACK_BODY.as_bytes().to_vec())
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
mod tests {
    use super::*;

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
}
