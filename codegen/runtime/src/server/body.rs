//! The body of a request: its `Content-Type` (`415` when it is not the
//! endpoint's JSON type) and reading it within the body limit (`413`, or
//! `400` when it breaks off).

use std::future::poll_fn;

use axum::body::{Body, HttpBody};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::reply::error_response;
use crate::messages::pt;

/// The `415` when `Content-Type` is not `expected`, if it is not.
pub(super) fn content_type_refusal(
    operation: &str,
    headers: &HeaderMap,
    expected: &str,
) -> Option<Response> {
    check_content_type(headers, expected).err().map(|message| {
        tracing::debug!(operation, "refused: unsupported content type");
        error_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, &message, None)
    })
}

/// The `415` message when `Content-Type` is not `expected` (parameters are
/// allowed; a charset must be UTF-8, the only encoding of JSON).
fn check_content_type(headers: &HeaderMap, expected: &str) -> Result<(), String> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Err(pt::content_type_missing(expected));
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let mut pieces = text.split(';');
    let media_type = pieces.next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case(expected) {
        return Err(pt::content_type_unsupported(text.trim(), expected));
    }
    for parameter in pieces {
        let Some((name, value)) = parameter.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        if name.trim().eq_ignore_ascii_case("charset")
            && !value.eq_ignore_ascii_case("utf-8")
            && !value.eq_ignore_ascii_case("utf8")
        {
            return Err(pt::charset_unsupported(value, expected));
        }
    }
    Ok(())
}

/// The whole body, or the `413` when it is (or says in `Content-Length` it
/// is) above `limit` bytes, or the `400` when it cannot be read to its end.
pub(super) async fn read_limited(
    operation: &str,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Vec<u8>, Response> {
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    let bytes = match declared {
        Some(length) if length > limit as u64 => Err(BodyError::TooLarge),
        _ => read_body(body, limit, declared.unwrap_or(0)).await,
    };
    bytes.map_err(|error| match error {
        BodyError::TooLarge => {
            tracing::debug!(operation, limit, "refused: body too large");
            error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                &pt::body_too_large(limit),
                None,
            )
        }
        BodyError::Unreadable(error) => {
            tracing::debug!(operation, %error, "refused: body could not be read");
            error_response(StatusCode::BAD_REQUEST, pt::BODY_UNREADABLE, None)
        }
    })
}

enum BodyError {
    TooLarge,
    Unreadable(String),
}

/// Reads the body, stopping as soon as it exceeds `limit`; `declared` is its
/// `Content-Length` (at most `limit` by now), to allocate once.
async fn read_body(body: Body, limit: usize, declared: u64) -> Result<Vec<u8>, BodyError> {
    let mut body = std::pin::pin!(body);
    let mut bytes = Vec::with_capacity(usize::try_from(declared).unwrap_or(0).min(limit));
    while let Some(frame) = poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let frame = frame.map_err(|error| BodyError::Unreadable(error.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len().saturating_add(data.len()) > limit {
                return Err(BodyError::TooLarge);
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn content_types() {
        let check = |value: Option<&str>| {
            let mut headers = HeaderMap::new();
            if let Some(value) = value {
                headers.insert(CONTENT_TYPE, HeaderValue::from_str(value).unwrap());
            }
            check_content_type(&headers, "application/json")
        };
        assert!(check(Some("application/json")).is_ok());
        assert!(check(Some("Application/JSON; charset=UTF-8")).is_ok());
        assert!(check(Some("application/json;charset=\"utf-8\"; q=1")).is_ok());
        assert!(check(Some("application/json; charset=latin1"))
            .unwrap_err()
            .contains("UTF-8"));
        assert!(check(Some("text/plain"))
            .unwrap_err()
            .contains("text/plain"));
        assert!(check(None).unwrap_err().contains("ausente"));
    }
}
