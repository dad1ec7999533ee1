//! The entry points of a decoding walk over JSON bytes: UTF-8 checked once,
//! fatal parser errors turned into violations, a value returned only when
//! nothing at all was reported.

use serde::de::{Deserializer, Error as _};

use super::{Decode, Decoded};
use crate::context::Context;
use crate::report::Report;
use crate::violation::{Detail, Expected, Found};

/// Decodes and validates JSON bytes into `T`, reporting every violation.
///
/// Malformed JSON (invalid UTF-8 included) is a single `syntax` violation at
/// the root with its line and column; nesting of 128 levels or more is a
/// `depth` violation at the root; a number beyond `f64` (`1e400`) is a
/// `range` violation at its path. Both stop the parser and the rest of the
/// document is not checked; after a number out of range the violations
/// found before it are kept, after a depth error (like a syntax error) only
/// that one is reported.
pub fn from_json_slice<T: Decode>(bytes: &[u8]) -> Result<T, Report> {
    walk_json_slice(bytes, T::EXPECTED, T::from_null, |deserializer, cx| {
        T::decode(deserializer, cx)
    })
}

/// Runs any decoding walk over JSON bytes with the handling every entry point
/// shares: fatal parser errors become `syntax`/`depth`/`range` violations,
/// trailing bytes are rejected, and a value is returned only when nothing at
/// all was reported. The IR-driven validator uses it with its own walk.
pub fn walk_json_slice<'p, T>(
    bytes: &[u8],
    expected: Expected,
    from_null: impl FnOnce() -> Option<T>,
    walk: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
        &mut Context<'p>,
    ) -> Result<Decoded<T>, serde_json::Error>,
) -> Result<T, Report> {
    // UTF-8 is checked once, up front (a fast, vectorised pass), instead of
    // string by string while parsing.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return Err(invalid_utf8(bytes, error)),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut cx = Context::new();
    let decoded = match walk(&mut deserializer, &mut cx) {
        Ok(decoded) => decoded,
        Err(error) => return Err(fatal(error, cx)),
    };
    if let Err(error) = deserializer.end() {
        return Err(fatal(error, cx));
    }
    finish_root(decoded, cx, expected, from_null)
}

/// Bytes that are not UTF-8: one `syntax` violation at the root, positioned
/// like serde_json positions its own errors (1-based line and column).
fn invalid_utf8(bytes: &[u8], error: std::str::Utf8Error) -> Report {
    let before = &bytes[..error.valid_up_to()];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    let byte = bytes[error.valid_up_to()];
    let mut cx = Context::new();
    cx.report(Detail::Syntax {
        line,
        column,
        detail: format!("invalid UTF-8 (byte 0x{byte:02X})"),
    });
    cx.into_report()
}

/// Same as [`from_json_slice`] for text.
pub fn from_json_str<T: Decode>(text: &str) -> Result<T, Report> {
    from_json_slice(text.as_bytes())
}

/// The outcome at the root: a value only when nothing at all was reported.
fn finish_root<T>(
    decoded: Decoded<T>,
    mut cx: Context<'_>,
    expected: Expected,
    from_null: impl FnOnce() -> Option<T>,
) -> Result<T, Report> {
    match decoded {
        Decoded::Value(value) if !cx.has_violations() => Ok(value),
        Decoded::Null => match from_null() {
            Some(value) if !cx.has_violations() => Ok(value),
            _ => {
                cx.type_mismatch(expected, Found::Null);
                Err(cx.into_report())
            }
        },
        Decoded::Value(_) | Decoded::Invalid => Err(cx.into_report()),
    }
}

/// Validated decoding behind `#[mosia(deserialize)]`: lets a generated type be
/// used wherever serde is (axum's `Json`, `serde_json::from_value`, ...)
/// without skipping the rules. All violations become one error message.
pub fn deserialize_validated<'de, T: Decode, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut cx = Context::new();
    let decoded = T::decode(deserializer, &mut cx)?;
    finish_root(decoded, cx, T::EXPECTED, T::from_null)
        .map_err(|report| D::Error::custom(report.to_string().trim_end()))
}

/// Turns an error that stopped the parser into the final report.
fn fatal(error: serde_json::Error, mut cx: Context<'_>) -> Report {
    let (line, column) = (error.line(), error.column());
    let text = error.to_string();
    let detail = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(detail, _)| detail)
        .to_owned();
    if detail.starts_with("number out of range") {
        // Keep what was found before: the position of the number is known.
        cx.report(Detail::NumberRange);
        return cx.into_report();
    }
    let detail = if detail.starts_with("recursion limit exceeded") {
        Detail::Depth { line, column }
    } else {
        Detail::Syntax {
            line,
            column,
            detail,
        }
    };
    // Malformed JSON is one violation at the root: what was found before it
    // would mostly be noise about a document that does not parse.
    let mut root = Context::new();
    root.report(detail);
    root.into_report()
}
