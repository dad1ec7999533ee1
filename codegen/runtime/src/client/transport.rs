//! [`Transport`]: the configured client, and the one `send` path every
//! generated method goes through (validate, send once, read within the
//! limit, decode); [`Endpoint`] and [`Response`], what goes in and out.

use std::fmt;
use std::ops::Deref;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde_json::Value;

use super::builder::ClientBuilder;
use super::error::Error;
use super::failure::FailureBody;
use super::headers::Headers;
use crate::decode::Decode;
use crate::validate::Validate;

/// An endpoint, as a generated method describes it to [`Transport`].
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The HTTP method.
    pub method: Method,
    /// The path, appended to the base URL (`/clientes/ocorrencias`).
    pub path: &'static str,
}

impl Endpoint {
    pub const fn new(method: Method, path: &'static str) -> Self {
        Endpoint { method, path }
    }
}

/// A success answer: the decoded body with the status and headers.
///
/// Derefs to the body; [`Response::into_inner`] takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The HTTP status (a 2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, by value.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// The configured HTTP plumbing a generated client wraps: base URL, headers
/// for every call, timeouts and a `reqwest::Client` (cheap to clone: clones
/// share the connection pool).
///
/// [`Transport::send`] is the only way a request leaves: validated first,
/// sent once (never retried), its answer decoded with the validating
/// decoder.
#[derive(Clone)]
pub struct Transport {
    pub(super) base_url: String,
    pub(super) http: reqwest::Client,
    pub(super) headers: Headers,
    pub(super) timeout: Duration,
    pub(super) max_response_size: usize,
}

impl Transport {
    /// A builder for a bare transport.
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder<Transport> {
        ClientBuilder::new(base_url)
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The headers sent with every call (names only in `Debug`).
    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    /// The total timeout of a call.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The underlying `reqwest::Client`.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends `body` to `endpoint` and decodes a documented success body.
    ///
    /// In order: `body` is validated ([`Validate`]; an invalid one is an
    /// [`Error::InvalidRequest`] and nothing is sent); it is sent once as
    /// JSON with the client's headers, then `headers` (which replace those
    /// of the same names); a 2xx body is decoded and validated in one pass
    /// ([`Decode`]; [`Error::InvalidResponse`] lists every violation); a
    /// 4xx/5xx body is read as `F` ([`Error::Failure`]); anything else is an
    /// [`Error::UnexpectedResponse`].
    ///
    /// Nothing is retried: see [`Error::may_have_reached_server`].
    pub async fn send<Req, Res, F>(
        &self,
        endpoint: &Endpoint,
        body: &Req,
        headers: &Headers,
    ) -> Result<Response<Res>, Error<F>>
    where
        Req: Serialize + Validate + ?Sized,
        Res: Decode,
        F: FailureBody,
    {
        let (status, response_headers, bytes) = self.exchange(endpoint, body, headers).await?;
        let decoded = Res::from_json_slice(&bytes);
        answer(status, response_headers, bytes, decoded)
    }

    /// [`Transport::send`] for an operation whose success body the page
    /// does not document: any JSON comes back as a `Value` (an empty body
    /// as `Value::Null`); a body that is not JSON is an
    /// [`Error::InvalidResponse`] with a `syntax` violation.
    pub async fn send_undocumented<Req, F>(
        &self,
        endpoint: &Endpoint,
        body: &Req,
        headers: &Headers,
    ) -> Result<Response<Value>, Error<F>>
    where
        Req: Serialize + Validate + ?Sized,
        F: FailureBody,
    {
        let (status, response_headers, bytes) = self.exchange(endpoint, body, headers).await?;
        let decoded = if bytes.iter().all(u8::is_ascii_whitespace) {
            Ok(Value::Null)
        } else {
            Value::from_json_slice(&bytes)
        };
        answer(status, response_headers, bytes, decoded)
    }

    /// Validates, sends, reads the answer; returns it when it is a success,
    /// the mapped error otherwise.
    async fn exchange<Req, F>(
        &self,
        endpoint: &Endpoint,
        body: &Req,
        headers: &Headers,
    ) -> Result<(StatusCode, HeaderMap, Bytes), Error<F>>
    where
        Req: Serialize + Validate + ?Sized,
        F: FailureBody,
    {
        body.validate().map_err(Error::InvalidRequest)?;
        let json = serde_json::to_vec(body).map_err(Error::Encode)?;

        let mut all = self.headers.clone();
        all.extend(headers.clone());
        let mut request_headers = all.as_map().clone();
        let json_type = HeaderValue::from_static("application/json");
        request_headers.insert(CONTENT_TYPE, json_type.clone());
        request_headers.insert(ACCEPT, json_type);

        let url = format!("{}{}", self.base_url, endpoint.path);
        let response = self
            .http
            .request(endpoint.method.clone(), url)
            .headers(request_headers)
            .timeout(self.timeout)
            .body(json)
            .send()
            .await
            .map_err(network_error)?;

        let status = response.status();
        let response_headers = response.headers().clone();
        let bytes = read_limited(response, self.max_response_size).await?;

        if status.is_success() {
            return Ok((status, response_headers, bytes));
        }
        if status.is_client_error() || status.is_server_error() {
            if let Ok(failure) = F::from_failure_body(&bytes) {
                return Err(Error::Failure {
                    status,
                    body: failure,
                });
            }
        }
        Err(Error::UnexpectedResponse {
            status,
            body: bytes,
        })
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("headers", &self.headers)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .finish_non_exhaustive()
    }
}

/// The whole body, unless it is larger than `limit`.
async fn read_limited<F>(mut response: reqwest::Response, limit: usize) -> Result<Bytes, Error<F>> {
    let status = response.status();
    let too_large = Error::ResponseTooLarge { status, limit };
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large);
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(network_error)? {
        if body.len() + chunk.len() > limit {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn network_error<F>(error: reqwest::Error) -> Error<F> {
    if error.is_timeout() {
        Error::Timeout(error)
    } else {
        Error::Communication(error)
    }
}

/// A decoded success body as a [`Response`], or the violations (with the raw
/// bytes) as [`Error::InvalidResponse`].
fn answer<T, F>(
    status: StatusCode,
    headers: HeaderMap,
    bytes: Bytes,
    decoded: Result<T, crate::Report>,
) -> Result<Response<T>, Error<F>> {
    match decoded {
        Ok(body) => Ok(Response {
            status,
            headers,
            body,
        }),
        Err(report) => Err(Error::InvalidResponse {
            status,
            report,
            body: bytes,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_debug_shows_configuration_not_credentials() {
        let transport = Transport::builder("https://host/base/")
            .header("Authorization", "tok-123")
            .headers(Headers::from_pairs([("X-Login", "sess-456")]).unwrap())
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        let debug = format!("{transport:?}");
        assert_eq!(
            debug,
            r#"Transport { base_url: "https://host/base", headers: Headers {"authorization": ***, "x-login": ***}, timeout: 5s, max_response_size: 10485760, .. }"#
        );
        assert_eq!(transport.timeout(), Duration::from_secs(5));
    }
}
