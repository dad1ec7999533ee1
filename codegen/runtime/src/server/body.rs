//! The body of a request: its `Content-Type` (`415` when it is not the
//! endpoint's JSON type, is sent twice or is malformed), its codings (`415`
//! for any `Content-Encoding` but `identity`, `501` for a
//! `Transfer-Encoding` other than `chunked`), and reading it within the body
//! limit (`413`), the body-read timeout (`408`) and the router's budget of
//! body bytes in memory (`503`), or `400` when it breaks off.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::http::header::{
    CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, TRANSFER_ENCODING,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use super::reply::error_response;
use crate::messages::pt;

/// The `415` (or `501`) when `Content-Type` is not `expected`, or the body
/// comes in a coding the server does not decode.
pub(super) fn content_type_refusal(
    operation: &str,
    headers: &HeaderMap,
    expected: &str,
) -> Option<Response> {
    if let Err(message) = check_content_type(headers, expected) {
        tracing::debug!(operation, "refused: unsupported content type");
        return Some(error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &message,
            None,
        ));
    }
    if let Err((status, message)) = check_codings(headers) {
        tracing::debug!(operation, %status, "refused: unsupported coding");
        return Some(error_response(status, &message, None));
    }
    None
}

/// The `415` message when `Content-Type` is not exactly one header naming
/// `expected`, with parameters `name=value` only, and a charset (if any) of
/// UTF-8, the only encoding of JSON.
fn check_content_type(headers: &HeaderMap, expected: &str) -> Result<(), String> {
    let mut values = headers.get_all(CONTENT_TYPE).iter();
    let Some(value) = values.next() else {
        return Err(pt::content_type_missing(expected));
    };
    if values.next().is_some() {
        return Err(pt::content_type_repeated(expected));
    }
    // The usual header, exactly the type and no parameter: nothing to parse.
    if value.as_bytes().eq_ignore_ascii_case(expected.as_bytes()) {
        return Ok(());
    }
    let text = String::from_utf8_lossy(value.as_bytes());
    let mut pieces = text.split(';');
    let media_type = pieces.next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case(expected) {
        return Err(pt::content_type_unsupported(text.trim(), expected));
    }
    for parameter in pieces {
        let Some((name, value)) = parameter.split_once('=') else {
            return Err(pt::content_type_malformed(text.trim(), expected));
        };
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() || value.is_empty() || !is_token(name) {
            return Err(pt::content_type_malformed(text.trim(), expected));
        }
        let value = value.trim_matches('"');
        if name.eq_ignore_ascii_case("charset")
            && !value.eq_ignore_ascii_case("utf-8")
            && !value.eq_ignore_ascii_case("utf8")
        {
            return Err(pt::charset_unsupported(value, expected));
        }
    }
    Ok(())
}

/// An HTTP token (RFC 9110 `tchar`s).
fn is_token(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Every `Content-Encoding` is `identity` (the server decodes no other),
/// and every `Transfer-Encoding` (hyper removes `chunked`'s framing) is
/// `chunked`.
fn check_codings(headers: &HeaderMap) -> Result<(), (StatusCode, String)> {
    let codings = |name| {
        headers
            .get_all(name)
            .iter()
            .flat_map(|value: &HeaderValue| value.as_bytes().split(|&b| b == b','))
            .map(|coding| String::from_utf8_lossy(coding).trim().to_owned())
            .filter(|coding| !coding.is_empty())
            .collect::<Vec<_>>()
    };
    if let Some(coding) = codings(CONTENT_ENCODING)
        .into_iter()
        .find(|coding| !coding.eq_ignore_ascii_case("identity"))
    {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            pt::content_encoding_unsupported(&coding),
        ));
    }
    if let Some(coding) = codings(TRANSFER_ENCODING)
        .into_iter()
        .find(|coding| !coding.eq_ignore_ascii_case("chunked"))
    {
        return Err((
            StatusCode::NOT_IMPLEMENTED,
            pt::transfer_encoding_unsupported(&coding),
        ));
    }
    Ok(())
}

/// How the bodies of a router are read: limit, timeout, and the budget of
/// bytes in memory shared by all its endpoints.
#[derive(Debug)]
pub(super) struct BodyRules {
    pub(super) limit: usize,
    pub(super) timeout: Duration,
    budget: BodyBudget,
}

impl BodyRules {
    pub(super) fn new(limit: usize, timeout: Duration, budget: usize) -> Arc<Self> {
        Arc::new(BodyRules {
            limit,
            timeout,
            budget: BodyBudget {
                limit: budget,
                used: AtomicUsize::new(0),
            },
        })
    }

    /// Bytes of bodies held in memory right now.
    #[cfg(test)]
    pub(super) fn in_use(&self) -> usize {
        self.budget.used.load(Ordering::Relaxed)
    }
}

/// Bytes of bodies in memory, and the most there may be.
#[derive(Debug)]
struct BodyBudget {
    limit: usize,
    used: AtomicUsize,
}

impl BodyBudget {
    fn try_take(&self, bytes: usize) -> bool {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(bytes).filter(|&total| total <= self.limit)
            })
            .is_ok()
    }

    fn take_anyway(&self, bytes: usize) {
        self.used.fetch_add(bytes, Ordering::AcqRel);
    }

    fn give_back(&self, bytes: usize) {
        self.used.fetch_sub(bytes, Ordering::AcqRel);
    }
}

/// A body read into memory, its bytes counted in the budget until dropped.
///
/// The chunks are kept as they arrive (hyper's buffers, no copy) and put
/// together once, in a buffer of exactly their size, when the body is
/// complete: nothing is allocated for bytes that were only announced, and
/// no buffer is grown by copies (growing one by doubling left about as much
/// freed memory behind in the allocator as the bodies themselves held).
pub(super) struct BodyBytes {
    chunks: Vec<Bytes>,
    /// The whole body, once complete.
    whole: Bytes,
    len: usize,
    rules: Arc<BodyRules>,
    /// The bytes taken from the budget.
    charged: usize,
}

impl BodyBytes {
    fn new(rules: Arc<BodyRules>) -> Self {
        BodyBytes {
            chunks: Vec::new(),
            whole: Bytes::new(),
            len: 0,
            rules,
            charged: 0,
        }
    }

    /// The whole body (once [`read_body`] finished it).
    pub(super) fn as_slice(&self) -> &[u8] {
        &self.whole
    }

    /// Adds a chunk, if the budget has room for it.
    fn push(&mut self, data: Bytes) -> Result<(), BodyError> {
        if !self.rules.budget.try_take(data.len()) {
            return Err(BodyError::Busy);
        }
        self.charged += data.len();
        self.len += data.len();
        self.chunks.push(data);
        Ok(())
    }

    /// Puts the chunks together. The copy is charged too until the chunks
    /// are released, even beyond the budget: it may be passed, for the
    /// time of a memory copy, by the bodies being put together.
    fn finish(&mut self) {
        if self.chunks.len() <= 1 {
            self.whole = self.chunks.pop().unwrap_or_default();
            return;
        }
        self.rules.budget.take_anyway(self.len);
        let mut whole = Vec::with_capacity(self.len);
        for chunk in self.chunks.drain(..) {
            whole.extend_from_slice(&chunk);
        }
        self.whole = Bytes::from(whole);
        self.rules.budget.give_back(self.charged);
        self.charged = self.len;
    }
}

impl Drop for BodyBytes {
    fn drop(&mut self) {
        self.rules.budget.give_back(self.charged);
    }
}

/// The whole body, or the refusal: `413` when it is (or says in
/// `Content-Length` it is) above the limit, `503` when the budget cannot
/// hold it, `408` when it does not arrive in time, `400` when it cannot be
/// read to its end.
pub(super) async fn read_limited(
    operation: &str,
    headers: &HeaderMap,
    body: Body,
    rules: &Arc<BodyRules>,
) -> Result<BodyBytes, Response> {
    let limit = rules.limit;
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    let bytes = match declared {
        Some(length) if length > limit as u64 => Err(BodyError::TooLarge),
        _ => read_in_time(read_body(body, rules), rules.timeout).await,
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
        BodyError::Busy => {
            tracing::warn!(
                operation,
                budget = rules.budget.limit,
                "refused: the budget of body bytes in memory is exhausted"
            );
            let mut response =
                error_response(StatusCode::SERVICE_UNAVAILABLE, pt::SERVER_BUSY, None);
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
        BodyError::TimedOut => {
            tracing::debug!(operation, timeout = ?rules.timeout, "refused: body too slow");
            error_response(
                StatusCode::REQUEST_TIMEOUT,
                &pt::body_read_timeout(rules.timeout),
                None,
            )
        }
        BodyError::Unreadable(error) => {
            tracing::debug!(operation, %error, "refused: body could not be read");
            error_response(StatusCode::BAD_REQUEST, pt::BODY_UNREADABLE, None)
        }
    })
}

/// `read` within `timeout`. A small body usually came with the headers and
/// is read at the first poll; only one that has not arrived yet gets a timer
/// (arming and dropping one costs about 2 % of a small request).
async fn read_in_time<F, T>(read: F, timeout: Duration) -> Result<T, BodyError>
where
    F: Future<Output = Result<T, BodyError>>,
{
    let mut read = pin!(read);
    let first = poll_fn(|cx| match read.as_mut().poll(cx) {
        Poll::Ready(done) => Poll::Ready(Some(done)),
        Poll::Pending => Poll::Ready(None),
    })
    .await;
    match first {
        Some(done) => done,
        None => tokio::time::timeout(timeout, read)
            .await
            .unwrap_or(Err(BodyError::TimedOut)),
    }
}

#[derive(Debug)]
enum BodyError {
    TooLarge,
    Busy,
    TimedOut,
    Unreadable(String),
}

/// Reads the body, stopping as soon as it exceeds the limit or the budget.
async fn read_body(body: Body, rules: &Arc<BodyRules>) -> Result<BodyBytes, BodyError> {
    let mut body = std::pin::pin!(body);
    let mut bytes = BodyBytes::new(Arc::clone(rules));
    while let Some(frame) = poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let frame = frame.map_err(|error| BodyError::Unreadable(error.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len.saturating_add(data.len()) > rules.limit {
                return Err(BodyError::TooLarge);
            }
            if !data.is_empty() {
                bytes.push(data)?;
            }
        }
    }
    bytes.finish();
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
        for malformed in [
            "application/json; charset",
            "application/json; charset=",
            "application/json;",
            "application/json; =utf-8",
            "application/json; char set=utf-8",
        ] {
            assert!(
                check(Some(malformed)).unwrap_err().contains("malformado"),
                "{malformed}"
            );
        }
        let mut headers = HeaderMap::new();
        headers.append(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.append(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        assert!(check_content_type(&headers, "application/json")
            .unwrap_err()
            .contains("mais de uma vez"));
    }

    #[test]
    fn codings() {
        let check = |name, value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(name, HeaderValue::from_static(value));
            check_codings(&headers).map_err(|(status, _)| status.as_u16())
        };
        assert_eq!(check(CONTENT_ENCODING, "identity"), Ok(()));
        assert_eq!(check(CONTENT_ENCODING, "Identity, identity"), Ok(()));
        for coding in [
            "gzip",
            "br",
            "deflate",
            "identity, gzip",
            "x-unknown",
            "zstd",
        ] {
            assert_eq!(check(CONTENT_ENCODING, coding), Err(415), "{coding}");
        }
        assert_eq!(check(TRANSFER_ENCODING, "chunked"), Ok(()));
        assert_eq!(check(TRANSFER_ENCODING, "gzip, chunked"), Err(501));
    }

    #[test]
    fn the_budget_counts_received_bytes_and_gives_them_back() {
        let rules = BodyRules::new(100, Duration::from_secs(1), 64);
        let chunk = |n| Bytes::from(vec![b'x'; n]);
        let mut first = BodyBytes::new(Arc::clone(&rules));
        first.push(chunk(10)).unwrap();
        first.push(chunk(30)).unwrap();
        assert_eq!(rules.in_use(), 40);
        let mut second = BodyBytes::new(Arc::clone(&rules));
        assert!(matches!(second.push(chunk(30)), Err(BodyError::Busy)));
        second.push(chunk(24)).unwrap();
        assert_eq!(rules.in_use(), 64);
        first.finish();
        assert_eq!((rules.in_use(), first.as_slice().len()), (64, 40));
        second.finish();
        assert_eq!(second.as_slice(), &[b'x'; 24][..]);
        drop(first);
        assert_eq!(rules.in_use(), 24);
        drop(second);
        assert_eq!(rules.in_use(), 0);
    }
}
