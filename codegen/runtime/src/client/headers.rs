//! [`Headers`]: extra request headers, every value treated as a credential.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::secret::Secret;
use crate::messages;
use crate::violation::Lang;

/// Request headers set by the caller: on a client (sent with every call) or
/// for one call (the `_with` methods of a generated client).
///
/// The pages describe them as credentials: the client token of the clientes
/// API (`Authorization`), and for an operator's endpoints "os headers
/// estáticos definidos ao configurar a integração, combinado com os tokens
/// retornados pela configuração de autorização da integração [...] e os
/// headers de segurança retornado no login do beneficiário". So every value
/// is handled as a secret: marked sensitive
/// ([`HeaderValue::set_sensitive`], which keeps it out of `HeaderMap`'s
/// `Debug` and out of HTTP/2 header compression tables), and left out of
/// this type's `Debug`, which lists the names only.
///
/// Names are case-insensitive (`authorization` and `Authorization` are the
/// same header); inserting a name again replaces its value.
///
/// ```
/// use codegen_runtime::client::Headers;
///
/// let mut headers = Headers::new();
/// headers.insert("X-Integracao", "static-value")?;
/// headers.insert("Authorization", "Bearer abc")?;
/// assert_eq!(format!("{headers:?}"), r#"Headers {"x-integracao": ***, "authorization": ***}"#);
///
/// // The security headers of a beneficiary's login, from any (name, value) pairs:
/// let login = Headers::from_pairs([("X-Session", "s-1"), ("X-Device", "d-2")])?;
/// assert_eq!(login.len(), 2);
/// # Ok::<(), codegen_runtime::client::InvalidHeader>(())
/// ```
#[derive(Clone, Default)]
pub struct Headers {
    map: HeaderMap,
}

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Headers from `(name, value)` pairs (a map of the login's security
    /// headers, a configuration file's static headers). Fails on the first
    /// name or value that cannot be sent in HTTP.
    pub fn from_pairs<I, K, V>(pairs: I) -> Result<Self, InvalidHeader>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<Secret>,
    {
        let mut headers = Headers::new();
        for (name, value) in pairs {
            headers.insert(name.as_ref(), value)?;
        }
        Ok(headers)
    }

    /// Sets `name` to `value`, replacing any value it had. The value must be
    /// visible ASCII (tabs and spaces allowed inside); the name an HTTP token.
    pub fn insert(
        &mut self,
        name: &str,
        value: impl Into<Secret>,
    ) -> Result<&mut Self, InvalidHeader> {
        let header = parse_name(name)?;
        let value = sensitive_value(name, &value.into())?;
        self.map.insert(header, value);
        Ok(self)
    }

    /// [`Headers::insert`] for chaining on an owned value.
    pub fn with(mut self, name: &str, value: impl Into<Secret>) -> Result<Self, InvalidHeader> {
        self.insert(name, value)?;
        Ok(self)
    }

    /// Adds every header of `other`, replacing those of the same name.
    pub fn extend(&mut self, other: Headers) {
        let mut current: Option<HeaderName> = None;
        for (name, value) in other.map {
            // `HeaderMap`'s owned iterator yields a name only for the first
            // value of each header.
            if let Some(name) = name {
                self.map.remove(&name);
                current = Some(name);
            }
            if let Some(name) = &current {
                self.map.append(name.clone(), value);
            }
        }
    }

    /// Removes `name`; whether it was there.
    pub fn remove(&mut self, name: &str) -> bool {
        self.map.remove(name).is_some()
    }

    /// Whether `name` is set (case-insensitive).
    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// The header names, lowercase, in insertion order. Values are not
    /// exposed: they are credentials.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(HeaderName::as_str)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub(crate) fn as_map(&self) -> &HeaderMap {
        &self.map
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Redacted;
        impl fmt::Debug for Redacted {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("***")
            }
        }
        f.write_str("Headers ")?;
        f.debug_map()
            .entries(self.map.keys().map(|name| (name.as_str(), Redacted)))
            .finish()
    }
}

fn parse_name(name: &str) -> Result<HeaderName, InvalidHeader> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| InvalidHeader {
        name: name.to_owned(),
        part: Part::Name,
    })
}

/// A header value built from a secret, marked sensitive.
pub(crate) fn sensitive_value(name: &str, secret: &Secret) -> Result<HeaderValue, InvalidHeader> {
    let invalid = || InvalidHeader {
        name: name.to_owned(),
        part: Part::Value,
    };
    // `HeaderValue` accepts bytes above 127 ("obs-text"), which servers
    // read in different charsets: only ASCII is sent.
    if !secret.expose().is_ascii() {
        return Err(invalid());
    }
    let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| invalid())?;
    value.set_sensitive(true);
    Ok(value)
}

/// A header that cannot be sent: its name is not an HTTP token, or its value
/// holds a line break, a control character or a non-ASCII character.
///
/// It names the header but never shows the value (a credential).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidHeader {
    name: String,
    part: Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Name,
    Value,
}

impl InvalidHeader {
    /// The header name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the value (rather than the name) is what cannot be sent.
    pub fn is_value(&self) -> bool {
        self.part == Part::Value
    }
}

impl fmt::Display for InvalidHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&messages::invalid_header(self, Lang::Pt))
    }
}

impl std::error::Error for InvalidHeader {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_sensitive_and_redacted() {
        let headers = Headers::new()
            .with("Authorization", "tok-123")
            .unwrap()
            .with("X-Static", "plain")
            .unwrap();
        assert!(headers.as_map().values().all(HeaderValue::is_sensitive));
        let debug = format!("{headers:?} {headers:#?} {:?}", headers.as_map());
        assert!(
            !debug.contains("tok-123") && !debug.contains("plain"),
            "{debug}"
        );
        assert!(debug.contains("authorization") && debug.contains("x-static"));
    }

    #[test]
    fn names_are_case_insensitive_and_insert_replaces() {
        let mut headers = Headers::new();
        headers.insert("X-Token", "a").unwrap();
        headers.insert("x-token", "b").unwrap();
        assert_eq!(headers.len(), 1);
        assert_eq!(headers.as_map()["X-TOKEN"], "b");
        assert!(headers.contains("X-TOKEN"));
        assert!(headers.remove("X-Token"));
        assert!(headers.is_empty());
    }

    #[test]
    fn extend_replaces_same_names_and_keeps_the_others() {
        let mut client = Headers::from_pairs([("Authorization", "client"), ("X-A", "1")]).unwrap();
        let call = Headers::from_pairs([("authorization", "call"), ("X-B", "2")]).unwrap();
        client.extend(call);
        let map = client.as_map();
        assert_eq!(map.get_all("authorization").iter().count(), 1);
        assert_eq!(map["authorization"], "call");
        assert_eq!(map["x-a"], "1");
        assert_eq!(map["x-b"], "2");
        assert_eq!(
            client.names().collect::<Vec<_>>(),
            ["x-a", "authorization", "x-b"]
        );
    }

    #[test]
    fn invalid_headers_name_the_header_but_never_show_the_value() {
        let err = Headers::new()
            .with("Authorization", "tok\r\nX-Injected: 1")
            .unwrap_err();
        assert!(err.is_value());
        assert_eq!(err.name(), "Authorization");
        let text = format!("{err} {err:?}");
        assert!(
            !text.contains("tok") && !text.contains("Injected"),
            "{text}"
        );
        assert!(text.contains("'Authorization'"), "{text}");

        let err = Headers::new().with("Bad Name", "x").unwrap_err();
        assert!(!err.is_value());
        assert_eq!(
            err.to_string(),
            "nome de header inválido 'Bad Name': use só letras, dígitos e !#$%&'*+-.^_`|~"
        );
        assert!(Headers::new().with("X-Acento", "ção").is_err());
        assert!(Headers::from_pairs([("ok", "1"), ("", "2")]).is_err());
    }
}
