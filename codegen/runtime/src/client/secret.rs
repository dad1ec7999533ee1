//! [`Secret`]: a credential that never shows in `Debug` output.

use std::fmt;

/// A credential (the client token of the clientes API, an integration token,
/// a security header returned at the beneficiary's login).
///
/// Its `Debug` prints `Secret(***)` whatever the value, so a client, a
/// builder or an error can be logged with `{:?}` without leaking it; it has
/// no `Display` and no `Serialize`, so it cannot end up in a message or a
/// JSON document by accident. Read the value with [`Secret::expose`] where it
/// is really needed (the client only does so to build the header, which it
/// marks sensitive).
///
/// ```
/// use codegen_runtime::client::Secret;
///
/// let token = Secret::from("s3cr3t");
/// assert_eq!(format!("{token:?}"), "Secret(***)");
/// assert_eq!(token.expose(), "s3cr3t");
/// ```
#[derive(Clone, Default)]
pub struct Secret(Box<str>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into().into_boxed_str())
    }

    /// The value itself. Keep it out of logs and messages.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value.into_boxed_str())
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.into())
    }
}

impl From<&String> for Secret {
    fn from(value: &String) -> Self {
        Secret(value.as_str().into())
    }
}

impl From<Box<str>> for Secret {
    fn from(value: Box<str>) -> Self {
        Secret(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_whatever_the_value() {
        for value in ["", "abc", "Bearer eyJhbGciOi", "multi\nline"] {
            let secret = Secret::from(value);
            assert_eq!(format!("{secret:?}"), "Secret(***)");
            assert_eq!(format!("{secret:#?}"), "Secret(***)");
            assert_eq!(secret.expose(), value);
        }
    }

    #[test]
    fn redacted_inside_containers() {
        let nested = (Some(Secret::new("tok-123")), vec![Secret::from("x-9")]);
        let debug = format!("{nested:?}");
        assert!(
            !debug.contains("tok-123") && !debug.contains("x-9"),
            "{debug}"
        );
    }
}
