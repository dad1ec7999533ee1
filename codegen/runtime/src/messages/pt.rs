//! Every user-visible text of the runtime in Portuguese, the default
//! language: violation messages (serde_json's syntax errors translated), the
//! lines of a report, the server's refusals (`mensagem`, always Portuguese)
//! and the client's errors. `en.rs` has the same functions in English.

use super::quote::quoted_list;
use crate::violation::{Condition, Detail, Expected, Format, Found};

// Violations

/// The message of a violation, worded to say what to do about it.
pub(crate) fn violation(detail: &Detail) -> String {
    match detail {
        Detail::Missing { name } => {
            format!("atributo obrigatório (M) '{name}' ausente; inclua-o com um valor")
        }
        Detail::Null { name } => {
            format!("atributo obrigatório (M) '{name}' está nulo; informe um valor")
        }
        Detail::Blank { name } => {
            format!("atributo obrigatório '{name}' está em branco; informe um texto não vazio")
        }
        Detail::BlankFormatted { format } => format!(
            "valor em branco; informe {} ou, se o atributo for opcional, omita-o ou envie null",
            match format {
                Format::Date => "uma data AAAA-MM-DD",
                Format::Color => "uma cor #RRGGBB",
            }
        ),
        Detail::Type { expected, found } => format!(
            "tipo inválido: esperado {}, encontrado {}{}",
            expected_word(*expected),
            found_word(*found),
            type_hint(*expected, *found)
        ),
        Detail::Unknown {
            name,
            suggestion: Some(s),
            ..
        } => format!(
            "atributo '{name}' não reconhecido; {}",
            codegen_suggest::did_you_mean(s, codegen_suggest::Lang::Pt)
        ),
        Detail::Unknown {
            name,
            suggestion: None,
            accepted,
        } => format!(
            "atributo '{name}' não reconhecido; os nomes devem seguir exatamente a \
             documentação (aceitos aqui: {})",
            accepted.join(", ")
        ),
        Detail::Duplicate { name } => {
            format!("atributo '{name}' repetido no mesmo objeto; envie-o uma única vez")
        }
        Detail::Format {
            format: Format::Date,
            value,
        } => format!(
            "data inválida '{value}'; use o formato AAAA-MM-DD com uma data real do \
             calendário, por exemplo 2024-08-01"
        ),
        Detail::Format {
            format: Format::Color,
            value,
        } => format!(
            "cor inválida '{value}'; use '#' seguido de 6 dígitos hexadecimais, por \
             exemplo #FF0000"
        ),
        Detail::ConditionalMissing { name, condition } => format!(
            "atributo condicional (C) '{name}' é obrigatório quando {}; informe um valor",
            condition_text(condition)
        ),
        Detail::Syntax {
            line,
            column,
            detail,
        } => format!(
            "JSON malformado na linha {line}, coluna {column}: {}",
            syntax_detail(detail)
        ),
        Detail::IntegerRange => {
            "inteiro fora do intervalo aceito (inteiro de 64 bits com sinal)".to_owned()
        }
        Detail::NumberRange => "número fora do intervalo representável".to_owned(),
        Detail::DecimalRange => {
            "valor não cabe exatamente em um decimal (no máximo 28 casas decimais e \
             79228162514264337593543950335 em módulo); envie-o com menos dígitos"
                .to_owned()
        }
        Detail::NotFinite => {
            "número não finito (NaN ou infinito) não pode ser enviado em JSON".to_owned()
        }
        Detail::Depth { line, column } => {
            format!("JSON aninhado demais na linha {line}, coluna {column}; reduza a profundidade")
        }
        Detail::Pattern { pattern, value } => {
            format!("valor '{value}' não corresponde ao padrão {pattern}")
        }
        Detail::Length {
            len,
            min,
            max,
            of_string,
        } => {
            let unit = if *of_string { "caracteres" } else { "itens" };
            let bounds = match (min, max) {
                (Some(min), Some(max)) => format!("entre {min} e {max}"),
                (Some(min), None) => format!("no mínimo {min}"),
                (None, Some(max)) => format!("no máximo {max}"),
                (None, None) => String::new(),
            };
            format!("tamanho {len} {unit} fora do limite; use {bounds} {unit}")
        }
        Detail::NotAccepted { value, accepted } => format!(
            "valor '{value}' não é aceito; use um destes: {}",
            accepted.join(", ")
        ),
    }
}

fn expected_word(expected: Expected) -> &'static str {
    match expected {
        Expected::String | Expected::EnumString => "texto (string JSON)",
        Expected::Integer => "número inteiro",
        Expected::Number => "número",
        Expected::Boolean => "booleano (true ou false)",
        Expected::Object => "objeto",
        Expected::Array => "array",
    }
}

fn found_word(found: Found) -> &'static str {
    match found {
        Found::Null => "null",
        Found::Boolean => "booleano",
        Found::Integer => "número inteiro",
        Found::Number => "número decimal",
        Found::String => "texto",
        Found::Array => "array",
        Found::Object => "objeto",
    }
}

/// What to do about the usual mix-ups, after a type violation's message.
fn type_hint(expected: Expected, found: Found) -> &'static str {
    match (expected, found) {
        (Expected::Integer | Expected::Number, Found::String) => "; envie o número sem aspas",
        (Expected::String, Found::Integer | Found::Number | Found::Boolean) => {
            "; envie o valor entre aspas"
        }
        (Expected::Integer, Found::Number) => "; envie um inteiro, sem casas decimais",
        (Expected::Boolean, Found::String | Found::Integer) => "; use true ou false, sem aspas",
        _ => "",
    }
}

/// When a `C` attribute is mandatory: "… quando {this}".
fn condition_text(condition: &Condition) -> String {
    match condition {
        Condition::Filled(names) => format!("{} estiver preenchido", quoted_list(names, "ou")),
        Condition::Equals(name, value) => format!("'{name}' for {value}"),
    }
}

/// serde_json's description of a syntax error, in Portuguese: every message
/// serde_json 1.0 writes for malformed JSON (its `ErrorCode`s) and the
/// decoder's own `invalid UTF-8 (byte 0x..)`. Anything else (a message of a
/// later serde_json, an I/O error) gets a Portuguese sentence with the
/// original, marked as English, in quotes after it.
fn syntax_detail(detail: &str) -> String {
    // serde_json's text (without " at line N column M") and ours.
    let known = match detail {
        "EOF while parsing a list" => {
            "o conteúdo terminou dentro de um array; falta fechá-lo com ']'"
        }
        "EOF while parsing an object" => {
            "o conteúdo terminou dentro de um objeto; falta fechá-lo com '}'"
        }
        "EOF while parsing a string" => {
            "o conteúdo terminou dentro de um texto; falta fechar as aspas (\")"
        }
        "EOF while parsing a value" => {
            "o conteúdo terminou onde se esperava um valor JSON (corpo vazio ou cortado?)"
        }
        "expected `:`" => "esperado ':' depois do nome do atributo",
        "expected `,` or `]`" => "esperado ',' ou ']' (falta uma vírgula entre itens?)",
        "expected `,` or `}`" => "esperado ',' ou '}' (falta uma vírgula entre atributos?)",
        "expected ident" => {
            "palavra não reconhecida: sem aspas, só true, false e null são valores \
             (textos vão entre aspas duplas)"
        }
        "expected value" => {
            "esperado um valor JSON (objeto, array, texto, número, true, false ou null)"
        }
        "expected `\"`" => "esperadas aspas duplas (\") no início do nome do atributo",
        "invalid escape" => {
            "sequência de escape inválida dentro de um texto (as válidas são \\\", \\\\, \\/, \
             \\b, \\f, \\n, \\r, \\t e \\u seguido de 4 dígitos hexadecimais)"
        }
        "invalid number" => {
            "número inválido (dígitos, com parte decimal e expoente opcionais, sem zeros à \
             esquerda e sem aspas)"
        }
        "number out of range" => "número fora do intervalo representável",
        "invalid unicode code point" => {
            "código Unicode inválido em um escape \\u dentro de um texto"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "caractere de controle (U+0000 a U+001F, como uma quebra de linha ou uma \
             tabulação) sem escape dentro de um texto; escreva \\n, \\t ou \\u00XX"
        }
        "key must be a string" => "o nome do atributo deve ser um texto entre aspas duplas",
        "invalid value: expected key to be a number in quotes" => {
            "o nome do atributo deve ser um número entre aspas duplas"
        }
        "float key must be finite (got NaN or +/-inf)" => {
            "o nome do atributo deve ser um número finito (nem NaN nem infinito)"
        }
        "lone leading surrogate in hex escape" => {
            "escape \\u de meio par substituto UTF-16 sem a outra metade (\\uD800 a \\uDBFF \
             deve vir seguido de \\uDC00 a \\uDFFF); envie o caractere em UTF-8 ou o par \
             completo"
        }
        "trailing comma" => "vírgula sobrando antes de fechar o objeto ou array; remova-a",
        "trailing characters" => "há conteúdo depois do fim do JSON; envie um único valor",
        "unexpected end of hex escape" => {
            "escape \\u de primeira metade de par substituto UTF-16 (\\uD800 a \\uDBFF) sem a \
             segunda metade (\\uDC00 a \\uDFFF) logo depois; envie o caractere em UTF-8 ou o \
             par completo"
        }
        "recursion limit exceeded" => "JSON aninhado demais; reduza a profundidade",
        _ => return other_syntax_detail(detail),
    };
    known.to_owned()
}

/// The decoder's own `invalid UTF-8 (byte 0xFF)`, or a text of serde_json
/// not listed above (quoted, marked as English).
fn other_syntax_detail(detail: &str) -> String {
    if let Some(byte) = detail
        .strip_prefix("invalid UTF-8 (byte ")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return format!("os bytes não são UTF-8 válido (byte {byte}); envie o corpo em UTF-8");
    }
    format!(
        "o conteúdo não é JSON válido (mensagem original do analisador, em inglês: \"{detail}\")"
    )
}

// Reports

/// The path shown for the root of a payload (the empty JSON pointer).
pub(crate) const ROOT: &str = "(raiz)";

/// `1 violação`, `3 violações`.
pub(crate) fn violations(count: usize) -> String {
    if count == 1 {
        "1 violação".to_owned()
    } else {
        format!("{count} violações")
    }
}

/// The first line of a report.
pub(crate) fn report_heading(count: usize) -> String {
    format!("{}:", violations(count))
}

/// The last line of a report whose violations were not all listed (and the
/// message of its `truncated` element).
pub(crate) fn omitted(omitted: usize) -> String {
    format!(
        "… e mais {omitted} não listadas (limite de {} por relatório)",
        crate::MAX_VIOLATIONS
    )
}

// Server: the `mensagem` of every refusal (the pages' language, so only here)

#[cfg(feature = "server")]
pub(crate) use server::*;

#[cfg(feature = "server")]
mod server {
    /// `401`: a mandatory header is missing or blank; `description` is the
    /// page's, first letter in lower case (`None` when it has none).
    pub(crate) fn missing_header(name: &str, description: Option<&str>) -> String {
        format!(
            "Header obrigatório '{name}' ausente ou em branco: envie-o com {}.",
            description.unwrap_or("o valor documentado")
        )
    }

    /// `415`: no `Content-Type`.
    pub(crate) fn content_type_missing(expected: &str) -> String {
        format!(
            "Header Content-Type ausente: envie o corpo em JSON com 'Content-Type: {expected}'."
        )
    }

    /// `415`: another media type.
    pub(crate) fn content_type_unsupported(found: &str, expected: &str) -> String {
        format!(
            "Content-Type '{found}' não suportado: envie o corpo em JSON com 'Content-Type: \
             {expected}'."
        )
    }

    /// `415`: a charset other than UTF-8.
    pub(crate) fn charset_unsupported(charset: &str, expected: &str) -> String {
        format!(
            "Charset '{charset}' não suportado: JSON é sempre UTF-8; envie \
             'Content-Type: {expected}' ou '{expected}; charset=utf-8'."
        )
    }

    /// `413`.
    pub(crate) fn body_too_large(limit: usize) -> String {
        format!("Corpo da requisição grande demais: o limite deste servidor é {limit} bytes.")
    }

    /// `408`: the body did not arrive within the body-read timeout.
    pub(crate) fn body_read_timeout(timeout: std::time::Duration) -> String {
        format!(
            "O corpo da requisição não chegou por completo em {} ms; reenvie a requisição \
             inteira de uma vez.",
            timeout.as_millis()
        )
    }

    /// `503`: the budget of body bytes being received is exhausted.
    pub(crate) const SERVER_BUSY: &str =
        "Servidor sobrecarregado: há corpos de requisição demais em recebimento neste \
         momento. Tente novamente em alguns segundos.";

    /// `415`: `Content-Type` sent more than once.
    pub(crate) fn content_type_repeated(expected: &str) -> String {
        format!(
            "Header Content-Type enviado mais de uma vez: envie um único 'Content-Type: \
             {expected}'."
        )
    }

    /// `415`: a `Content-Type` parameter that is not `name=value`.
    pub(crate) fn content_type_malformed(found: &str, expected: &str) -> String {
        format!(
            "Content-Type '{found}' malformado: cada parâmetro deve ser nome=valor; envie \
             'Content-Type: {expected}' ou '{expected}; charset=utf-8'."
        )
    }

    /// `415`: a content coding the server does not decode.
    pub(crate) fn content_encoding_unsupported(coding: &str) -> String {
        format!(
            "Content-Encoding '{coding}' não suportado: este servidor não descomprime \
             corpos; envie o JSON sem compressão e sem o header Content-Encoding."
        )
    }

    /// `501`: a transfer coding other than `chunked`.
    pub(crate) fn transfer_encoding_unsupported(coding: &str) -> String {
        format!(
            "Transfer-Encoding '{coding}' não suportado: envie o corpo com Content-Length \
             ou 'Transfer-Encoding: chunked'."
        )
    }

    /// `400` written by the HTTP layer: the request line or headers could
    /// not be parsed (a bad `Content-Length`, an invalid header).
    pub(crate) const MALFORMED_REQUEST: &str =
        "Requisição HTTP malformada: a linha de requisição ou um header (por exemplo \
         Content-Length) não segue o HTTP/1.1. Corrija-a e reenvie.";

    /// `431` written by the HTTP layer.
    pub(crate) fn headers_too_large(limit: usize) -> String {
        format!(
            "Headers da requisição grandes demais: o limite deste servidor é {limit} bytes \
             para a linha de requisição e os headers."
        )
    }

    /// `414` written by the HTTP layer.
    pub(crate) const URI_TOO_LONG: &str =
        "URI da requisição longa demais: os endpoints deste servidor não usam query string.";

    /// `400`: the body broke off.
    pub(crate) const BODY_UNREADABLE: &str =
        "O corpo da requisição não pôde ser lido por completo; reenvie a requisição.";

    /// `400`: the body breaks the page's rules (listed in `erros`).
    pub(crate) fn invalid_body(count: usize, operation: &str) -> String {
        format!(
            "Corpo da requisição inválido: {} das regras de {operation}. Corrija cada \
             item de 'erros' (path: onde, rule: regra, message: o quê) e reenvie.",
            super::violations(count)
        )
    }

    /// `405`: `allowed` are the methods of the path.
    pub(crate) fn method_not_allowed(method: &str, path: &str, allowed: &[String]) -> String {
        format!(
            "Método {method} não permitido em {path}: use {}.",
            allowed.join(" ou ")
        )
    }

    /// What a `404` lists: `POST /a, POST /b`, or that there is nothing.
    pub(crate) fn endpoint_listing(endpoints: &[String]) -> String {
        if endpoints.is_empty() {
            "nenhum endpoint".to_owned()
        } else {
            endpoints.join(", ")
        }
    }

    /// `404`.
    pub(crate) fn not_found(path: &str, listing: &str) -> String {
        format!("Caminho '{path}' não encontrado. Este servidor atende: {listing}.")
    }

    /// `500`: the handler panicked.
    pub(crate) const HANDLER_PANICKED: &str =
        "Erro interno ao processar a requisição. O problema foi registrado; tente novamente \
         mais tarde.";

    /// `500`: the handler's answer breaks the page's rules.
    pub(crate) const ANSWER_BREAKS_RULES: &str =
        "Erro interno: a resposta produzida pelo servidor não segue a documentação \
         e não foi enviada. O problema foi registrado; tente novamente mais tarde.";

    /// `500`: a failure with a status that is not an error.
    pub(crate) const INCONSISTENT_FAILURE: &str =
        "Erro interno: o servidor produziu uma falha inconsistente. O problema foi \
         registrado; tente novamente mais tarde.";

    /// `500`: the handler's answer cannot be serialized.
    pub(crate) const UNSERIALIZABLE_ANSWER: &str =
        "Erro interno: a resposta não pôde ser serializada. O problema foi \
         registrado; tente novamente mais tarde.";

    /// The whole body sent if an error body itself cannot be serialized.
    pub(crate) const FALLBACK_BODY: &str = r#"{"mensagem": "Erro interno."}"#;
}

// Client

#[cfg(feature = "client")]
pub(crate) use client::*;

#[cfg(feature = "client")]
mod client {
    use super::super::quote::{chain, excerpt, one_line};
    use crate::client::{BaseUrlProblem, BuildError, Error, FailureBody, InvalidHeader};
    use crate::Lang;

    /// Why a call did not return a success body.
    pub(crate) fn client_error<F: FailureBody>(error: &Error<F>) -> String {
        match error {
            Error::InvalidRequest(report) => format!(
                "requisição inválida, nada foi enviado; corrija-a: {}",
                one_line(report, Lang::Pt)
            ),
            Error::Encode(e) => {
                format!("a requisição não pôde ser escrita em JSON, nada foi enviado: {e}")
            }
            Error::Timeout(e) if e.is_connect() => format!(
                "tempo de conexão esgotado, nada foi enviado; verifique a URL base e a rede, ou \
                 aumente `connect_timeout`: {}",
                chain(e)
            ),
            Error::Timeout(e) => format!(
                "tempo esgotado esperando a resposta (aumente `timeout` se o servidor é lento); \
                 a requisição pode ter sido processada: confira antes de reenviar (nada é \
                 reenviado automaticamente): {}",
                chain(e)
            ),
            Error::Communication(e) if e.is_connect() => format!(
                "não foi possível conectar, nada foi enviado; verifique a URL base e a rede: {}",
                chain(e)
            ),
            Error::Communication(e) => format!(
                "a comunicação falhou; a requisição pode ter sido processada: confira antes de \
                 reenviar (nada é reenviado automaticamente): {}",
                chain(e)
            ),
            Error::Failure { status, body } => match body.mensagem() {
                Some(mensagem) => format!("o servidor respondeu {status}: {mensagem}"),
                None => format!("o servidor respondeu {status} sem mensagem"),
            },
            Error::InvalidResponse { status, report, .. } => format!(
                "o servidor respondeu {status}, mas o corpo viola a documentação (a requisição \
                 pode ter sido processada): {}",
                one_line(report, Lang::Pt)
            ),
            Error::UnexpectedResponse { status, body } => {
                let excerpt = excerpt(body).unwrap_or_else(|| "corpo vazio".to_owned());
                if status.is_redirection() {
                    format!(
                        "resposta inesperada {status}: redirecionamentos não são seguidos; use a \
                         URL final como URL base ({excerpt})"
                    )
                } else {
                    format!(
                        "resposta inesperada {status}, fora do que a documentação descreve: \
                         {excerpt}"
                    )
                }
            }
            Error::ResponseTooLarge { status, limit } => format!(
                "a resposta {status} passa de {limit} bytes e não foi lida; aumente \
                 `max_response_size` se ela é legítima"
            ),
        }
    }

    /// Why a client cannot be built.
    pub(crate) fn build_error(error: &BuildError) -> String {
        match error {
            BuildError::InvalidBaseUrl { url, reason } => {
                format!("URL base inválida '{url}': {}", base_url_problem(*reason))
            }
            BuildError::InvalidHeader(e) => invalid_header(e),
            BuildError::Http(e) => format!("o cliente HTTP não pôde ser criado: {}", chain(e)),
        }
    }

    fn base_url_problem(problem: BaseUrlProblem) -> &'static str {
        match problem {
            BaseUrlProblem::NotAbsolute => {
                "não é uma URL absoluta; escreva-a como https://host/prefixo"
            }
            BaseUrlProblem::Scheme => "use http:// ou https://",
            BaseUrlProblem::QueryOrFragment => {
                "tire a query (?…) e o fragmento (#…): os caminhos são acrescentados à URL base"
            }
            BaseUrlProblem::Credentials => {
                "tire o usuário e a senha da URL (mostrados como ***): credenciais vão em headers"
            }
        }
    }

    /// A header that cannot be sent; never shows the value (a credential).
    pub(crate) fn invalid_header(error: &InvalidHeader) -> String {
        let name = error.name().escape_debug();
        if error.is_value() {
            format!(
                "valor inválido no header '{name}': só ASCII visível, espaço e tab são permitidos \
                 (sem quebras de linha nem acentos); o valor não é mostrado por ser credencial"
            )
        } else {
            format!("nome de header inválido '{name}': use só letras, dígitos e !#$%&'*+-.^_`|~")
        }
    }
}
