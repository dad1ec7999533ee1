//! What the client's errors say, in Portuguese and English: the `Display`
//! of [`Error`] (through [`LocalizedError`]), of [`BuildError`] and of
//! [`BaseUrlProblem`], each saying what happened and what to do.

use std::fmt;

use super::error::{BaseUrlProblem, BuildError, Error, LocalizedError};
use super::failure::FailureBody;
use crate::report::Report;
use crate::violation::Lang;

impl<F: FailureBody> fmt::Display for LocalizedError<'_, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Lang::{En, Pt};
        let lang = self.lang;
        match (self.error, lang) {
            (Error::InvalidRequest(report), Pt) => write!(
                f,
                "requisição inválida, nada foi enviado; corrija-a: {}",
                report_text(report, lang)
            ),
            (Error::InvalidRequest(report), En) => write!(
                f,
                "invalid request, nothing was sent; fix it: {}",
                report_text(report, lang)
            ),
            (Error::Encode(e), Pt) => write!(
                f,
                "a requisição não pôde ser escrita em JSON, nada foi enviado: {e}"
            ),
            (Error::Encode(e), En) => {
                write!(
                    f,
                    "the request cannot be written as JSON, nothing was sent: {e}"
                )
            }
            (Error::Timeout(e), _) => {
                let chain = chain(e);
                match (e.is_connect(), lang) {
                    (true, Pt) => write!(
                        f,
                        "tempo de conexão esgotado, nada foi enviado; verifique a URL base e a \
                         rede, ou aumente `connect_timeout`: {chain}"
                    ),
                    (true, En) => write!(
                        f,
                        "connect timeout, nothing was sent; check the base URL and the network, \
                         or raise `connect_timeout`: {chain}"
                    ),
                    (false, Pt) => write!(
                        f,
                        "tempo esgotado esperando a resposta (aumente `timeout` se o servidor é \
                         lento); a requisição pode ter sido processada: confira antes de reenviar \
                         (nada é reenviado automaticamente): {chain}"
                    ),
                    (false, En) => write!(
                        f,
                        "timed out waiting for the answer (raise `timeout` if the server is \
                         slow); the request may have been processed: check before sending it \
                         again (nothing is retried automatically): {chain}"
                    ),
                }
            }
            (Error::Communication(e), _) => {
                let chain = chain(e);
                match (e.is_connect(), lang) {
                    (true, Pt) => write!(
                        f,
                        "não foi possível conectar, nada foi enviado; verifique a URL base e a \
                         rede: {chain}"
                    ),
                    (true, En) => write!(
                        f,
                        "cannot connect, nothing was sent; check the base URL and the network: \
                         {chain}"
                    ),
                    (false, Pt) => write!(
                        f,
                        "a comunicação falhou; a requisição pode ter sido processada: confira \
                         antes de reenviar (nada é reenviado automaticamente): {chain}"
                    ),
                    (false, En) => write!(
                        f,
                        "communication failed; the request may have been processed: check \
                         before sending it again (nothing is retried automatically): {chain}"
                    ),
                }
            }
            (Error::Failure { status, body }, _) => match (body.mensagem(), lang) {
                (Some(mensagem), Pt) => write!(f, "o servidor respondeu {status}: {mensagem}"),
                (Some(mensagem), En) => write!(f, "the server answered {status}: {mensagem}"),
                (None, Pt) => write!(f, "o servidor respondeu {status} sem mensagem"),
                (None, En) => write!(f, "the server answered {status} without a message"),
            },
            (Error::InvalidResponse { status, report, .. }, Pt) => write!(
                f,
                "o servidor respondeu {status}, mas o corpo viola a documentação (a requisição \
                 pode ter sido processada): {}",
                report_text(report, lang)
            ),
            (Error::InvalidResponse { status, report, .. }, En) => write!(
                f,
                "the server answered {status}, but the body breaks the documentation (the \
                 request may have been processed): {}",
                report_text(report, lang)
            ),
            (Error::UnexpectedResponse { status, body }, _) => {
                let excerpt = excerpt(body, lang);
                match (status.is_redirection(), lang) {
                    (true, Pt) => write!(
                        f,
                        "resposta inesperada {status}: redirecionamentos não são seguidos; use a \
                         URL final como URL base ({excerpt})"
                    ),
                    (true, En) => write!(
                        f,
                        "unexpected answer {status}: redirects are not followed; use the final \
                         URL as the base URL ({excerpt})"
                    ),
                    (false, Pt) => write!(
                        f,
                        "resposta inesperada {status}, fora do que a documentação descreve: \
                         {excerpt}"
                    ),
                    (false, En) => write!(
                        f,
                        "unexpected answer {status}, not what the documentation describes: \
                         {excerpt}"
                    ),
                }
            }
            (Error::ResponseTooLarge { status, limit }, Pt) => write!(
                f,
                "a resposta {status} passa de {limit} bytes e não foi lida; aumente \
                 `max_response_size` se ela é legítima"
            ),
            (Error::ResponseTooLarge { status, limit }, En) => write!(
                f,
                "the {status} answer is over {limit} bytes and was not read; raise \
                 `max_response_size` if it is legitimate"
            ),
        }
    }
}

/// A report on one line after the error's own words: `2 violações: /a: …; /b: …`.
fn report_text(report: &Report, lang: Lang) -> String {
    let text = report.in_lang(lang).to_string();
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.map(str::trim).collect();
    format!("{head} {}", rest.join("; "))
}

/// An error and its sources, `: `-separated (reqwest's own message rarely
/// says more than "error sending request").
fn chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// The start of a body, for a message: at most 200 characters on one line.
fn excerpt(body: &[u8], lang: Lang) -> String {
    const MAX: usize = 200;
    if body.is_empty() {
        return match lang {
            Lang::Pt => "corpo vazio",
            Lang::En => "empty body",
        }
        .to_owned();
    }
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    format!("«{}»", out.trim())
}

impl BuildError {
    pub(super) fn write(&self, f: &mut fmt::Formatter<'_>, lang: Lang) -> fmt::Result {
        match (self, lang) {
            (BuildError::InvalidBaseUrl { url, reason }, Lang::Pt) => {
                write!(f, "URL base inválida '{url}': {}", reason.text(lang))
            }
            (BuildError::InvalidBaseUrl { url, reason }, Lang::En) => {
                write!(f, "invalid base URL '{url}': {}", reason.text(lang))
            }
            (BuildError::InvalidHeader(e), _) => e.write(f, lang),
            (BuildError::Http(e), Lang::Pt) => {
                write!(f, "o cliente HTTP não pôde ser criado: {}", chain(e))
            }
            (BuildError::Http(e), Lang::En) => {
                write!(f, "the HTTP client cannot be created: {}", chain(e))
            }
        }
    }
}

impl BaseUrlProblem {
    pub(super) fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (BaseUrlProblem::NotAbsolute, Lang::Pt) => {
                "não é uma URL absoluta; escreva-a como https://host/prefixo"
            }
            (BaseUrlProblem::NotAbsolute, Lang::En) => {
                "not an absolute URL; write it as https://host/prefix"
            }
            (BaseUrlProblem::Scheme, Lang::Pt) => "use http:// ou https://",
            (BaseUrlProblem::Scheme, Lang::En) => "use http:// or https://",
            (BaseUrlProblem::QueryOrFragment, Lang::Pt) => {
                "tire a query (?…) e o fragmento (#…): os caminhos são acrescentados à URL base"
            }
            (BaseUrlProblem::QueryOrFragment, Lang::En) => {
                "remove the query (?…) and fragment (#…): paths are appended to the base URL"
            }
            (BaseUrlProblem::Credentials, Lang::Pt) => {
                "tire o usuário e a senha da URL (mostrados como ***): credenciais vão em headers"
            }
            (BaseUrlProblem::Credentials, Lang::En) => {
                "remove the user and password from the URL (shown as ***): credentials go in headers"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use reqwest::StatusCode;
    use serde_json::Value;

    use super::*;
    use crate::client::UndocumentedFailure;
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
