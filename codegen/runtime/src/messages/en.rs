//! Every user-visible text of the runtime in English: violation messages
//! (serde_json's syntax errors as serde_json writes them), the lines of a
//! report and the client's errors, as in `pt.rs`; and the English-only
//! errors a server's developer sees (an endpoint that cannot be routed).

use super::quote::quoted_list;
use crate::violation::{Condition, Detail, Expected, Format, Found};

// Violations

/// The message of a violation, worded to say what to do about it.
pub(crate) fn violation(detail: &Detail) -> String {
    match detail {
        Detail::Missing { name } => {
            format!("mandatory (M) attribute '{name}' is missing; add it with a value")
        }
        Detail::Null { name } => {
            format!("mandatory (M) attribute '{name}' is null; give it a value")
        }
        Detail::Blank { name } => {
            format!("mandatory attribute '{name}' is blank; give it non-empty text")
        }
        Detail::BlankFormatted { format } => format!(
            "blank value; give {} or, if the attribute is optional, omit it or send null",
            match format {
                Format::Date => "a YYYY-MM-DD date",
                Format::Color => "a #RRGGBB colour",
            }
        ),
        Detail::Type { expected, found } => format!(
            "wrong type: expected {}, found {}{}",
            expected_word(*expected),
            found_word(*found),
            type_hint(*expected, *found)
        ),
        Detail::Unknown {
            name,
            suggestion: Some(s),
            ..
        } => format!("unknown attribute '{name}'; did you mean '{s}'?"),
        Detail::Unknown {
            name,
            suggestion: None,
            accepted,
        } => format!(
            "unknown attribute '{name}'; names must match the documentation exactly \
             (accepted here: {})",
            accepted.join(", ")
        ),
        Detail::Duplicate { name } => {
            format!("attribute '{name}' appears twice in one object; send it once")
        }
        Detail::Format {
            format: Format::Date,
            value,
        } => format!(
            "invalid date '{value}'; use YYYY-MM-DD with a real calendar date, for \
             example 2024-08-01"
        ),
        Detail::Format {
            format: Format::Color,
            value,
        } => format!(
            "invalid colour '{value}'; use '#' followed by 6 hexadecimal digits, for \
             example #FF0000"
        ),
        Detail::ConditionalMissing { name, condition } => format!(
            "conditional (C) attribute '{name}' is mandatory when {}; give it a value",
            condition_text(condition)
        ),
        // serde_json's own words, untranslated.
        Detail::Syntax {
            line,
            column,
            detail,
        } => format!("malformed JSON at line {line}, column {column}: {detail}"),
        Detail::IntegerRange => {
            "integer out of range (a signed 64-bit integer is expected)".to_owned()
        }
        Detail::NumberRange => "number out of the representable range".to_owned(),
        Detail::DecimalRange => {
            "value does not fit an exact decimal (at most 28 decimal places and \
             79228162514264337593543950335 in magnitude); send it with fewer digits"
                .to_owned()
        }
        Detail::NotFinite => {
            "a non-finite number (NaN or infinity) cannot be sent as JSON".to_owned()
        }
        Detail::Depth { line, column } => {
            format!("JSON nested too deeply at line {line}, column {column}")
        }
        Detail::Pattern { pattern, value } => {
            format!("value '{value}' does not match the pattern {pattern}")
        }
        Detail::Length {
            len,
            min,
            max,
            of_string,
        } => {
            let unit = if *of_string { "characters" } else { "items" };
            let bounds = match (min, max) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            };
            format!("length {len} {unit} is out of bounds; use {bounds} {unit}")
        }
        Detail::NotAccepted { value, accepted } => format!(
            "value '{value}' is not accepted; use one of: {}",
            accepted.join(", ")
        ),
    }
}

fn expected_word(expected: Expected) -> &'static str {
    match expected {
        Expected::String | Expected::EnumString => "a string",
        Expected::Integer => "an integer",
        Expected::Number => "a number",
        Expected::Boolean => "a boolean (true or false)",
        Expected::Object => "an object",
        Expected::Array => "an array",
    }
}

fn found_word(found: Found) -> &'static str {
    match found {
        Found::Null => "null",
        Found::Boolean => "a boolean",
        Found::Integer => "an integer",
        Found::Number => "a decimal number",
        Found::String => "a string",
        Found::Array => "an array",
        Found::Object => "an object",
    }
}

/// What to do about the usual mix-ups, after a type violation's message.
fn type_hint(expected: Expected, found: Found) -> &'static str {
    match (expected, found) {
        (Expected::Integer | Expected::Number, Found::String) => "; send the number without quotes",
        (Expected::String, Found::Integer | Found::Number | Found::Boolean) => {
            "; send the value in quotes"
        }
        (Expected::Integer, Found::Number) => "; send an integer, without decimals",
        (Expected::Boolean, Found::String | Found::Integer) => {
            "; use true or false, without quotes"
        }
        _ => "",
    }
}

/// When a `C` attribute is mandatory: "… when {this}".
fn condition_text(condition: &Condition) -> String {
    match condition {
        Condition::Filled(names) => format!("{} is filled", quoted_list(names, "or")),
        Condition::Equals(name, value) => format!("'{name}' is {value}"),
    }
}

// Reports

/// The path shown for the root of a payload (the empty JSON pointer).
pub(crate) const ROOT: &str = "(root)";

/// `1 violation`, `3 violations`.
pub(crate) fn violations(count: usize) -> String {
    if count == 1 {
        "1 violation".to_owned()
    } else {
        format!("{count} violations")
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
        "… and {omitted} more not listed (at most {} per report)",
        crate::MAX_VIOLATIONS
    )
}

// Server: why endpoints cannot be routed (for the server's developer; what
// the server answers is always Portuguese, in `pt.rs`)

#[cfg(feature = "server")]
pub(crate) use server::*;

#[cfg(feature = "server")]
mod server {
    use crate::server::RouteError;

    pub(crate) fn route_error(error: &RouteError) -> String {
        match error {
            RouteError::InvalidEndpoint { operation, reason } => {
                format!("operation `{operation}`: {reason}")
            }
            RouteError::Duplicate {
                method,
                path,
                first,
                second,
            } => format!("operations `{first}` and `{second}` are both served at {method} {path}"),
        }
    }

    /// The reasons of a [`RouteError::InvalidEndpoint`].
    pub(crate) fn invalid_path(path: &str) -> String {
        format!("path `{path}` must start with `/` and hold no query, fragment or whitespace")
    }

    pub(crate) fn invalid_header_name(name: &str) -> String {
        format!("`{name}` is not a valid header name")
    }

    pub(crate) fn not_json(content_type: &str) -> String {
        format!("content type `{content_type}` is not JSON; only JSON bodies can be served")
    }
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
                "invalid request, nothing was sent; fix it: {}",
                one_line(report, Lang::En)
            ),
            Error::Encode(e) => {
                format!("the request cannot be written as JSON, nothing was sent: {e}")
            }
            Error::Timeout(e) if e.is_connect() => format!(
                "connect timeout, nothing was sent; check the base URL and the network, or raise \
                 `connect_timeout`: {}",
                chain(e)
            ),
            Error::Timeout(e) => format!(
                "timed out waiting for the answer (raise `timeout` if the server is slow); the \
                 request may have been processed: check before sending it again (nothing is \
                 retried automatically): {}",
                chain(e)
            ),
            Error::Communication(e) if e.is_connect() => format!(
                "cannot connect, nothing was sent; check the base URL and the network: {}",
                chain(e)
            ),
            Error::Communication(e) => format!(
                "communication failed; the request may have been processed: check before \
                 sending it again (nothing is retried automatically): {}",
                chain(e)
            ),
            Error::Failure { status, body } => match body.mensagem() {
                Some(mensagem) => format!("the server answered {status}: {mensagem}"),
                None => format!("the server answered {status} without a message"),
            },
            Error::InvalidResponse { status, report, .. } => format!(
                "the server answered {status}, but the body breaks the documentation (the \
                 request may have been processed): {}",
                one_line(report, Lang::En)
            ),
            Error::UnexpectedResponse { status, body } => {
                let excerpt = excerpt(body).unwrap_or_else(|| "empty body".to_owned());
                if status.is_redirection() {
                    format!(
                        "unexpected answer {status}: redirects are not followed; use the final \
                         URL as the base URL ({excerpt})"
                    )
                } else {
                    format!(
                        "unexpected answer {status}, not what the documentation describes: \
                         {excerpt}"
                    )
                }
            }
            Error::ResponseTooLarge { status, limit } => format!(
                "the {status} answer is over {limit} bytes and was not read; raise \
                 `max_response_size` if it is legitimate"
            ),
        }
    }

    /// Why a client cannot be built.
    pub(crate) fn build_error(error: &BuildError) -> String {
        match error {
            BuildError::InvalidBaseUrl { url, reason } => {
                format!("invalid base URL '{url}': {}", base_url_problem(*reason))
            }
            BuildError::InvalidHeader(e) => invalid_header(e),
            BuildError::Http(e) => format!("the HTTP client cannot be created: {}", chain(e)),
        }
    }

    fn base_url_problem(problem: BaseUrlProblem) -> &'static str {
        match problem {
            BaseUrlProblem::NotAbsolute => "not an absolute URL; write it as https://host/prefix",
            BaseUrlProblem::Scheme => "use http:// or https://",
            BaseUrlProblem::QueryOrFragment => {
                "remove the query (?…) and fragment (#…): paths are appended to the base URL"
            }
            BaseUrlProblem::Credentials => {
                "remove the user and password from the URL (shown as ***): credentials go in \
                 headers"
            }
        }
    }

    /// A header that cannot be sent; never shows the value (a credential).
    pub(crate) fn invalid_header(error: &InvalidHeader) -> String {
        let name = error.name().escape_debug();
        if error.is_value() {
            format!(
                "invalid value for header '{name}': only visible ASCII, space and tab are \
                 allowed (no line breaks, no accents); the value is not shown, being a credential"
            )
        } else {
            format!("invalid header name '{name}': use letters, digits and !#$%&'*+-.^_`|~ only")
        }
    }
}
