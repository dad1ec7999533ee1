//! What a call can fail with ([`Error`]) and why a client cannot be built
//! ([`BuildError`], [`BaseUrlProblem`]); their messages, in each language,
//! are in `crate::messages`.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;

use super::failure::{FailureBody, UndocumentedFailure};
use super::headers::InvalidHeader;
use crate::messages;
use crate::report::Report;
use crate::violation::Lang;

/// Why a call did not return a success body.
///
/// `F` is the operation's failure body: the documented type where the page
/// has one (`Error<Falha>`), [`UndocumentedFailure`] otherwise.
///
/// `Display` says what happened and what to do, in Portuguese like
/// [`Report`]; [`Error::in_lang`] gives English.
///
/// **No call is ever retried automatically**, and none should be retried
/// blindly: when [`Error::may_have_reached_server`] is true, a POST may have
/// taken effect (a resent `criarOcorrencia` creates a second occurrence).
///
/// `Debug` is bounded whatever the server sent: a body shows as its size and
/// its first 200 characters, a report as its counts and first 3 violations.
#[non_exhaustive]
pub enum Error<F = UndocumentedFailure> {
    /// The request breaks the page's rules (every violation is listed);
    /// nothing was sent.
    InvalidRequest(Report),
    /// The request could not be written as JSON (a map with non-string keys
    /// in a hand-written type); nothing was sent.
    Encode(serde_json::Error),
    /// No connection or no complete answer within the configured connect or
    /// total timeout.
    Timeout(reqwest::Error),
    /// The connection failed (DNS, refused, TLS) or broke off.
    Communication(reqwest::Error),
    /// The server answered with an error status (4xx or 5xx) and a failure
    /// body, typed as documented (`Falha`) or read leniently.
    Failure { status: StatusCode, body: F },
    /// The server answered with a success status, but its body breaks the
    /// page's rules: every violation is listed. The call may have taken
    /// effect.
    InvalidResponse {
        status: StatusCode,
        report: Report,
        body: Bytes,
    },
    /// Any other answer: an informational or redirect status (redirects are
    /// not followed: a POST must not turn into a GET), or an error status
    /// whose body is not the documented failure.
    UnexpectedResponse { status: StatusCode, body: Bytes },
    /// The body was larger than the configured limit
    /// (`ClientBuilder::max_response_size`); it was not read further.
    ResponseTooLarge { status: StatusCode, limit: usize },
}

impl<F: fmt::Debug> fmt::Debug for Error<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(report) => f
                .debug_tuple("InvalidRequest")
                .field(&ReportSummary(report))
                .finish(),
            Error::Encode(error) => f.debug_tuple("Encode").field(error).finish(),
            Error::Timeout(error) => f.debug_tuple("Timeout").field(error).finish(),
            Error::Communication(error) => f.debug_tuple("Communication").field(error).finish(),
            Error::Failure { status, body } => f
                .debug_struct("Failure")
                .field("status", status)
                .field("body", body)
                .finish(),
            Error::InvalidResponse {
                status,
                report,
                body,
            } => f
                .debug_struct("InvalidResponse")
                .field("status", status)
                .field("report", &ReportSummary(report))
                .field("body", &BodyExcerpt(body))
                .finish(),
            Error::UnexpectedResponse { status, body } => f
                .debug_struct("UnexpectedResponse")
                .field("status", status)
                .field("body", &BodyExcerpt(body))
                .finish(),
            Error::ResponseTooLarge { status, limit } => f
                .debug_struct("ResponseTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
        }
    }
}

/// A report in `Debug`: its counts and first violations.
struct ReportSummary<'a>(&'a Report);

impl fmt::Debug for ReportSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 3;
        let first: Vec<String> = self
            .0
            .iter()
            .take(SHOWN)
            .map(|violation| clip(&violation.to_string(), 200))
            .collect();
        f.debug_struct("Report")
            .field("total", &self.0.total())
            .field("listed", &self.0.len())
            .field("first", &first)
            .finish()
    }
}

/// A body in `Debug`: its size and its first 200 characters.
pub(super) struct BodyExcerpt<'a>(pub(super) &'a [u8]);

impl fmt::Debug for BodyExcerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let start = &self.0[..self.0.len().min(800)];
        f.debug_struct("Body")
            .field("bytes", &self.0.len())
            .field("excerpt", &clip(&String::from_utf8_lossy(start), 200))
            .finish()
    }
}

/// At most `max` characters of `text`, `…` when cut.
pub(super) fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl<F> Error<F> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Failure { status, .. }
            | Error::InvalidResponse { status, .. }
            | Error::UnexpectedResponse { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::InvalidRequest(_)
            | Error::Encode(_)
            | Error::Timeout(_)
            | Error::Communication(_) => None,
        }
    }

    /// The violations, for an invalid request or response.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Error::InvalidRequest(report) | Error::InvalidResponse { report, .. } => Some(report),
            _ => None,
        }
    }

    /// The failure body, for an [`Error::Failure`].
    pub fn failure(&self) -> Option<&F> {
        match self {
            Error::Failure { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Whether a timeout expired.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// Whether the request may have reached the server, so that sending it
    /// again may repeat its effect. False only when nothing was sent: an
    /// invalid request, or a connection that could not be established.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::InvalidRequest(_) | Error::Encode(_) => false,
            Error::Timeout(e) | Error::Communication(e) => !e.is_connect(),
            _ => true,
        }
    }

    /// The error with its message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> LocalizedError<'_, F> {
        LocalizedError { error: self, lang }
    }
}

impl<F: FailureBody> Error<F> {
    /// The message of a failure body (`mensagem`), meant for the end user.
    pub fn mensagem(&self) -> Option<&str> {
        self.failure().and_then(FailureBody::mensagem)
    }
}

impl<F: FailureBody> fmt::Display for Error<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.in_lang(Lang::Pt).fmt(f)
    }
}

impl<F: FailureBody + fmt::Debug> std::error::Error for Error<F> {}

/// An [`Error`] rendered in one language.
#[derive(Debug)]
pub struct LocalizedError<'a, F> {
    error: &'a Error<F>,
    lang: Lang,
}

impl<F: FailureBody> fmt::Display for LocalizedError<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&messages::client_error(self.error, self.lang))
    }
}

/// Why a client could not be built. Never shows a header value or the
/// password of a URL.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not an absolute `http`/`https` URL without query,
    /// fragment or credentials.
    InvalidBaseUrl { url: String, reason: BaseUrlProblem },
    /// A header given to the builder cannot be sent.
    InvalidHeader(InvalidHeader),
    /// The HTTP client could not be initialised (TLS backend).
    Http(reqwest::Error),
}

impl BuildError {
    /// The error with its message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> impl fmt::Display + '_ {
        struct Localized<'a>(&'a BuildError, Lang);
        impl fmt::Display for Localized<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&messages::build_error(self.0, self.1))
            }
        }
        Localized(self, lang)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&messages::build_error(self, Lang::Pt))
    }
}

impl std::error::Error for BuildError {}

/// What is wrong with a base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BaseUrlProblem {
    /// Not an absolute URL (`https://host/prefix`).
    NotAbsolute,
    /// A scheme other than `http` or `https`.
    Scheme,
    /// A query (`?…`) or fragment (`#…`): paths are appended to the base URL.
    QueryOrFragment,
    /// A user name or password: credentials belong in headers.
    Credentials,
}

impl From<InvalidHeader> for BuildError {
    fn from(error: InvalidHeader) -> Self {
        BuildError::InvalidHeader(error)
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use reqwest::StatusCode;
    use serde_json::Value;

    use super::*;
    use crate::violation::{Detail, Violation};

    fn report() -> Report {
        Report::new(vec![
            Violation::new(
                "/solicitante/nome".to_owned(),
                Detail::Blank {
                    name: "nome".to_owned(),
                },
            ),
            Violation::new(
                "/idTipoOcorrencia".to_owned(),
                Detail::Missing {
                    name: "idTipoOcorrencia".to_owned(),
                },
            ),
        ])
    }

    fn undocumented(body: &str) -> UndocumentedFailure {
        UndocumentedFailure::from_failure_body(body.as_bytes()).unwrap()
    }

    #[derive(Debug)]
    struct Falha {
        mensagem: String,
    }

    impl FailureBody for Falha {
        fn from_failure_body(body: &[u8]) -> Result<Self, Report> {
            crate::from_json_slice::<serde_json::Map<String, Value>>(body).map(|m| Falha {
                mensagem: m["mensagem"].as_str().unwrap_or_default().to_owned(),
            })
        }

        fn mensagem(&self) -> Option<&str> {
            Some(&self.mensagem)
        }
    }

    #[test]
    fn invalid_request_lists_every_violation_on_one_line() {
        let error: Error = Error::InvalidRequest(report());
        assert_eq!(
            error.to_string(),
            "requisição inválida, nada foi enviado; corrija-a: 2 violações: \
             /solicitante/nome: atributo obrigatório 'nome' está em branco; informe um texto \
             não vazio [blank]; /idTipoOcorrencia: atributo obrigatório (M) 'idTipoOcorrencia' \
             ausente; inclua-o com um valor [mandatory]"
        );
        assert!(error.in_lang(Lang::En).to_string().starts_with(
            "invalid request, nothing was sent; fix it: 2 violations: /solicitante/nome: "
        ));
        assert!(!error.may_have_reached_server());
        assert_eq!(error.status(), None);
        assert_eq!(error.report().map(Report::len), Some(2));
    }

    #[test]
    fn failures_show_status_and_mensagem() {
        let error: Error = Error::Failure {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: undocumented(r#"{"mensagem": "Tipo de ocorrência inativo"}"#),
        };
        assert_eq!(
            error.to_string(),
            "o servidor respondeu 422 Unprocessable Entity: Tipo de ocorrência inativo"
        );
        assert_eq!(error.mensagem(), Some("Tipo de ocorrência inativo"));
        assert_eq!(error.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
        assert!(error.may_have_reached_server());

        let error: Error = Error::Failure {
            status: StatusCode::BAD_GATEWAY,
            body: undocumented("<html>bad gateway</html>"),
        };
        assert_eq!(
            error.to_string(),
            "o servidor respondeu 502 Bad Gateway sem mensagem"
        );
        assert_eq!(
            error.in_lang(Lang::En).to_string(),
            "the server answered 502 Bad Gateway without a message"
        );

        let typed: Error<Falha> = Error::Failure {
            status: StatusCode::NOT_FOUND,
            body: Falha::from_failure_body(
                r#"{"mensagem": "Resumo de cobrança não encontrado!"}"#.as_bytes(),
            )
            .unwrap(),
        };
        assert_eq!(
            typed.to_string(),
            "o servidor respondeu 404 Not Found: Resumo de cobrança não encontrado!"
        );
        assert_eq!(
            typed.failure().map(|f| f.mensagem.as_str()),
            Some("Resumo de cobrança não encontrado!")
        );
    }

    #[test]
    fn invalid_and_unexpected_responses_say_what_to_do() {
        let error: Error = Error::InvalidResponse {
            status: StatusCode::OK,
            report: report(),
            body: Bytes::from_static(b"{}"),
        };
        let text = error.to_string();
        assert!(
            text.starts_with(
                "o servidor respondeu 200 OK, mas o corpo viola a documentação (a requisição \
                 pode ter sido processada): 2 violações: /solicitante/nome: "
            ),
            "{text}"
        );
        assert!(!text.contains('\n'), "{text}");

        let error: Error = Error::UnexpectedResponse {
            status: StatusCode::MOVED_PERMANENTLY,
            body: Bytes::new(),
        };
        assert_eq!(
            error.to_string(),
            "resposta inesperada 301 Moved Permanently: redirecionamentos não são seguidos; use \
             a URL final como URL base (corpo vazio)"
        );
        let long = format!("<html>\n{}</html>", "x".repeat(500));
        let error: Error = Error::UnexpectedResponse {
            status: StatusCode::NOT_FOUND,
            body: Bytes::from(long),
        };
        let text = error.in_lang(Lang::En).to_string();
        assert!(
            text.starts_with(
                "unexpected answer 404 Not Found, not what the documentation describes: «<html> xxx"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("xxx…»") && text.chars().count() < 300,
            "{text}"
        );

        let error: Error = Error::ResponseTooLarge {
            status: StatusCode::OK,
            limit: 1024,
        };
        assert_eq!(
            error.to_string(),
            "a resposta 200 OK passa de 1024 bytes e não foi lida; aumente `max_response_size` \
             se ela é legítima"
        );
    }

    #[test]
    fn debug_of_a_huge_answer_is_bounded() {
        // 800,000 violations (1000 kept) and a 2.6 MB body, as a broken
        // server can send.
        let violations = (0..crate::MAX_VIOLATIONS)
            .map(|i| {
                Violation::new(
                    format!("/a{i}"),
                    Detail::Missing {
                        name: format!("a{i}"),
                    },
                )
            })
            .collect();
        let report = Report::new(violations).with_omitted(799_000);
        let body = Bytes::from("x".repeat(2_600_000));
        let error: Error = Error::InvalidResponse {
            status: StatusCode::OK,
            report: report.clone(),
            body: body.clone(),
        };
        let shown = format!("{error:?}");
        eprintln!(
            "Debug of a 2.6 MB body with 800,000 violations: {} bytes",
            shown.len()
        );
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        assert!(
            shown.contains("bytes: 2600000") && shown.contains("total: 800000, listed: 1000"),
            "{shown}"
        );
        let error: Error = Error::UnexpectedResponse {
            status: StatusCode::BAD_GATEWAY,
            body: body.clone(),
        };
        assert!(format!("{error:?}").len() < 1_000);
        let error: Error = Error::Failure {
            status: StatusCode::BAD_GATEWAY,
            body: UndocumentedFailure::from_failure_body(&body).unwrap(),
        };
        assert!(format!("{error:#?}").len() < 1_000);
        let error: Error = Error::InvalidRequest(report);
        assert!(format!("{error:?}").len() < 2_000);
    }

    #[test]
    fn build_errors() {
        let error = BuildError::InvalidBaseUrl {
            url: "api.mosiaomnichannel.com.br".to_owned(),
            reason: BaseUrlProblem::NotAbsolute,
        };
        assert_eq!(
            error.to_string(),
            "URL base inválida 'api.mosiaomnichannel.com.br': não é uma URL absoluta; escreva-a \
             como https://host/prefixo"
        );
        assert_eq!(
            error.in_lang(Lang::En).to_string(),
            "invalid base URL 'api.mosiaomnichannel.com.br': not an absolute URL; write it as \
             https://host/prefix"
        );
    }
}
