//! How a failure body (an answer with an error status) is read: the
//! [`FailureBody`] trait of the documented failure types, and
//! [`UndocumentedFailure`] for operations whose page documents none.

use bytes::Bytes;
use serde_json::Value;

use crate::report::Report;

/// The body of a failure response (an error status, 4xx or 5xx).
///
/// Generated clients implement it for the failure type a page documents
/// (`Falha { mensagem }`); [`UndocumentedFailure`] reads any body leniently
/// for the operations whose page documents none.
pub trait FailureBody: Sized {
    /// Reads a failure body; an `Err` makes the answer an
    /// [`Error::UnexpectedResponse`](super::Error::UnexpectedResponse).
    fn from_failure_body(body: &[u8]) -> Result<Self, Report>;

    /// The message for the end user (`mensagem`), if the body has one.
    fn mensagem(&self) -> Option<&str>;
}

/// The failure body of an operation whose page documents none (Criar
/// Ocorrência): the raw body, and `mensagem` when the body is a JSON object
/// whose `mensagem` member is a string (the convention of the other pages).
/// Its `Debug` shows the body's size and first 200 characters only.
#[derive(Clone, PartialEq)]
pub struct UndocumentedFailure {
    /// `mensagem`, read leniently: other members, and any other shape of
    /// body, are ignored.
    pub mensagem: Option<String>,
    /// The body as received.
    pub body: Bytes,
}

impl std::fmt::Debug for UndocumentedFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UndocumentedFailure")
            .field(
                "mensagem",
                &self.mensagem.as_deref().map(|m| super::error::clip(m, 200)),
            )
            .field("body", &super::error::BodyExcerpt(&self.body))
            .finish()
    }
}

impl FailureBody for UndocumentedFailure {
    fn from_failure_body(body: &[u8]) -> Result<Self, Report> {
        let mensagem = match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(mut object)) => match object.remove("mensagem") {
                Some(Value::String(mensagem)) => Some(mensagem),
                _ => None,
            },
            _ => None,
        };
        Ok(UndocumentedFailure {
            mensagem,
            body: Bytes::copy_from_slice(body),
        })
    }

    fn mensagem(&self) -> Option<&str> {
        self.mensagem.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undocumented(body: &str) -> UndocumentedFailure {
        UndocumentedFailure::from_failure_body(body.as_bytes()).unwrap()
    }

    #[test]
    fn undocumented_failures_read_mensagem_leniently() {
        let failure = undocumented(r#"{"mensagem": "Contrato não encontrado", "codigo": 7}"#);
        assert_eq!(failure.mensagem(), Some("Contrato não encontrado"));
        assert_eq!(
            &failure.body[..],
            r#"{"mensagem": "Contrato não encontrado", "codigo": 7}"#.as_bytes()
        );
        for body in [
            "",
            "<html>502</html>",
            r#"{"mensagem": 1}"#,
            "[]",
            r#"{"erro": "x"}"#,
        ] {
            let failure = undocumented(body);
            assert_eq!(failure.mensagem(), None, "{body}");
            assert_eq!(&failure.body[..], body.as_bytes());
        }
    }
}
