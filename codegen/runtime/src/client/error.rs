//! What a call can fail with ([`Error`]) and why a client cannot be built
//! ([`BuildError`], [`BaseUrlProblem`]); their messages, in each language,
//! are in `messages.rs`.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;

use super::failure::{FailureBody, UndocumentedFailure};
use super::headers::InvalidHeader;
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
#[derive(Debug)]
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
    pub(super) error: &'a Error<F>,
    pub(super) lang: Lang,
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
                self.0.write(f, self.1)
            }
        }
        Localized(self, lang)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, Lang::Pt)
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
