//! One operation of a spec as the server sees it ([`Endpoint`]): method,
//! path, media type, and the mandatory headers, the first thing checked of
//! a request that reached it (`401`).

use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;

use super::reply::error_response;
use super::routes::RouteError;
use crate::endpoint_rules;
use crate::messages::{en, pt};

/// One operation of a spec as the server sees it: where it is served and
/// which headers it requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub(super) operation: String,
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) content_type: String,
    mandatory_headers: Vec<MandatoryHeader>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct MandatoryHeader {
    name: String,
    description: String,
}

impl Endpoint {
    /// The operation `operation` (its id in the spec, used in messages and
    /// logs), served at `method path` with `Content-Type: application/json`.
    pub fn new(operation: impl Into<String>, method: Method, path: impl Into<String>) -> Self {
        Endpoint {
            operation: operation.into(),
            method,
            path: path.into(),
            content_type: "application/json".to_owned(),
            mandatory_headers: Vec::new(),
        }
    }

    /// Requires header `name` (criterion `M` in the page's header table):
    /// a request without it, or with a blank value, is refused with `401`.
    /// `description` (the table's) tells the caller what to send.
    #[must_use]
    pub fn mandatory_header(
        mut self,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.mandatory_headers.push(MandatoryHeader {
            name: name.into(),
            description: description.into(),
        });
        self
    }

    /// The media type the body must have (`application/json`, the default).
    /// Only JSON media types can be served.
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    pub fn operation(&self) -> &str {
        &self.operation
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Names of the mandatory headers, in the page's order.
    pub fn mandatory_headers(&self) -> impl Iterator<Item = &str> {
        self.mandatory_headers.iter().map(|h| h.name.as_str())
    }

    /// Whether the endpoint can be served as described (the rules of
    /// [`crate::endpoint_rules`]).
    pub(super) fn check(&self) -> Result<(), RouteError> {
        let invalid = |reason: &str| RouteError::InvalidEndpoint {
            operation: self.operation.clone(),
            reason: reason.to_owned(),
        };
        if !endpoint_rules::is_endpoint_path(&self.path) {
            return Err(invalid(&en::invalid_path(&self.path)));
        }
        for header in &self.mandatory_headers {
            if !endpoint_rules::is_header_name(&header.name) {
                return Err(invalid(&en::invalid_header_name(&header.name)));
            }
        }
        if !endpoint_rules::is_json_media_type(&self.content_type) {
            return Err(invalid(&en::not_json(&self.content_type)));
        }
        Ok(())
    }

    /// The `401` for the first mandatory header missing or blank in
    /// `headers`, if one is.
    pub(super) fn missing_header_refusal(&self, headers: &HeaderMap) -> Option<Response> {
        for header in &self.mandatory_headers {
            let filled = headers
                .get(header.name.as_str())
                .is_some_and(|value| !value.as_bytes().iter().all(u8::is_ascii_whitespace));
            if !filled {
                tracing::debug!(
                    operation = self.operation,
                    header = %header.name,
                    "refused: mandatory header missing"
                );
                return Some(error_response(
                    StatusCode::UNAUTHORIZED,
                    &pt::missing_header(
                        &header.name,
                        lowercase_first(&header.description).as_deref(),
                    ),
                    None,
                ));
            }
        }
        None
    }
}

/// `text` trimmed, its first letter in lower case; `None` when blank.
fn lowercase_first(text: &str) -> Option<String> {
    let mut chars = text.trim().chars();
    let first = chars.next()?;
    Some(first.to_lowercase().chain(chars).collect())
}
