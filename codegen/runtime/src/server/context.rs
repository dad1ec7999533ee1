//! What a handler knows about a request besides its body
//! ([`RequestContext`]), with a `Debug` that never shows header values.

use std::sync::Arc;

use axum::http::{HeaderMap, Method, Uri};

/// What a handler knows about the request besides its body: every header
/// (the page's headers, and for operator endpoints the integration's static
/// headers, its authorization tokens and the beneficiary's security
/// headers), the method and the URI.
///
/// Its `Debug` shows header names only: tokens and security headers must not
/// end up in logs.
#[derive(Clone)]
pub struct RequestContext {
    operation: Arc<str>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
}

impl std::fmt::Debug for RequestContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestContext")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("uri", &self.uri.path())
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl RequestContext {
    /// A context for calling a handler directly (tests, other transports).
    pub fn new(operation: &str, method: Method, uri: Uri, headers: HeaderMap) -> Self {
        Self::shared(Arc::from(operation), method, uri, headers)
    }

    /// The context of a request the pipeline serves (the operation id is
    /// shared by every request of the endpoint).
    pub(super) fn shared(
        operation: Arc<str>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
    ) -> Self {
        RequestContext {
            operation,
            method,
            uri,
            headers,
        }
    }

    /// The operation id in the spec (`demonstrativoPagamentoDetalhe`).
    pub fn operation(&self) -> &str {
        &self.operation
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// Every header of the request.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of header `name` (case-insensitive), when it is
    /// visible ASCII text; surrounding whitespace is removed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_header_values() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "Bearer SEGREDO".parse().unwrap());
        let context = RequestContext::new(
            "op",
            Method::POST,
            "/x?token=SEGREDO".parse().unwrap(),
            headers,
        );
        let shown = format!("{context:?}");
        assert!(
            shown.contains("authorization") && !shown.contains("SEGREDO"),
            "{shown}"
        );
    }
}
