//! [`ClientBuilder`]: a client's configuration (base URL, headers sent with
//! every call, timeouts, the largest answer read) and its checks, reported
//! by `build` without ever showing a header value or a URL's password.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use reqwest::Url;

use super::error::{BaseUrlProblem, BuildError};
use super::headers::Headers;
use super::secret::Secret;
use super::transport::Transport;

/// Connect timeout unless [`ClientBuilder::connect_timeout`] says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Total timeout of a call (connecting, sending, and reading the whole
/// answer) unless [`ClientBuilder::timeout`] says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest answer read, unless [`ClientBuilder::max_response_size`] says
/// otherwise: 10 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 10 * 1024 * 1024;

/// `User-Agent` of the requests, unless the caller sets one (as a header or
/// on its own `reqwest::Client`).
pub const USER_AGENT: &str = concat!("codegen-runtime/", env!("CARGO_PKG_VERSION"));

/// Configures a client: base URL, headers sent with every call, timeouts.
///
/// `C` is the client it builds: a generated `Client`, or a bare
/// [`Transport`]. Every setter is infallible; a bad URL or header is
/// reported by [`ClientBuilder::build`], which never shows a header value.
///
/// ```
/// use std::time::Duration;
/// use codegen_runtime::client::{ClientBuilder, Transport};
///
/// let transport: Transport = ClientBuilder::new("https://www.operadoradesaude.com.br/mobilesaude")
///     .header("X-Integracao", "valor-fixo")
///     .header("Authorization", "Bearer token-da-integracao")
///     .timeout(Duration::from_secs(15))
///     .build()?;
/// assert_eq!(transport.base_url(), "https://www.operadoradesaude.com.br/mobilesaude");
/// assert!(!format!("{transport:?}").contains("token-da-integracao"));
/// # Ok::<(), codegen_runtime::client::BuildError>(())
/// ```
pub struct ClientBuilder<C = Transport> {
    base_url: String,
    headers: Headers,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_size: usize,
    http: Option<reqwest::Client>,
    error: Option<BuildError>,
    client: PhantomData<fn() -> C>,
}

impl<C: From<Transport>> ClientBuilder<C> {
    /// A builder for the API at `base_url` (`https://host/prefix`; the
    /// endpoint paths are appended to it, a trailing `/` is ignored).
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            headers: Headers::new(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            http: None,
            error: None,
            client: PhantomData,
        }
    }

    /// Replaces the base URL (a staging environment, a mock server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// A header sent with every call, its value treated as a credential
    /// (see [`Headers`]). A call's own headers replace it.
    pub fn header(mut self, name: &str, value: impl Into<Secret>) -> Self {
        if let Err(e) = self.headers.insert(name, value) {
            self.error.get_or_insert(BuildError::InvalidHeader(e));
        }
        self
    }

    /// Headers sent with every call, replacing those of the same names set
    /// before. A call's own headers replace them.
    pub fn headers(mut self, headers: Headers) -> Self {
        self.headers.extend(headers);
        self
    }

    /// How long connecting may take ([`DEFAULT_CONNECT_TIMEOUT`]). Not used
    /// with [`ClientBuilder::http_client`], whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole call may take, from connecting to the last byte of
    /// the answer ([`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest answer read, in bytes ([`DEFAULT_MAX_RESPONSE_SIZE`]); a
    /// larger one is an [`Error::ResponseTooLarge`](super::Error::ResponseTooLarge).
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Sends through this `reqwest::Client` (proxies, custom TLS roots)
    /// instead of one built here. Its connect timeout, redirect policy and
    /// `User-Agent` apply; [`ClientBuilder::timeout`] still bounds each call.
    /// Clients built here follow no redirect: a POST must not become a GET.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client, or the first problem with its configuration.
    pub fn build(self) -> Result<C, BuildError> {
        let base_url = check_base_url(&self.base_url)?;
        if let Some(error) = self.error {
            return Err(error);
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(USER_AGENT)
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(C::from(Transport {
            base_url,
            http,
            headers: self.headers,
            timeout: self.timeout,
            max_response_size: self.max_response_size,
        }))
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &redact_url(&self.base_url))
            .field("headers", &self.headers)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("custom_http_client", &self.http.is_some())
            .finish()
    }
}

/// The base URL without its trailing `/`, if it is an absolute http(s) URL
/// without query, fragment or credentials.
fn check_base_url(given: &str) -> Result<String, BuildError> {
    let invalid = |reason| BuildError::InvalidBaseUrl {
        url: redact_url(given),
        reason,
    };
    let url = Url::parse(given.trim()).map_err(|_| invalid(BaseUrlProblem::NotAbsolute))?;
    if url.cannot_be_a_base() || url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(BaseUrlProblem::NotAbsolute));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(BaseUrlProblem::Scheme));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(BaseUrlProblem::QueryOrFragment));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(BaseUrlProblem::Credentials));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// A URL for messages: user name and password replaced by `***`.
fn redact_url(given: &str) -> String {
    match Url::parse(given.trim()) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            // Both only fail for URLs that cannot have credentials at all.
            let _ = url.set_username("***");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => given.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::BaseUrlProblem::*;

    fn problem(url: &str) -> Option<BaseUrlProblem> {
        match check_base_url(url) {
            Ok(_) => None,
            Err(BuildError::InvalidBaseUrl { reason, .. }) => Some(reason),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            check_base_url("https://api.mosiaomnichannel.com.br").unwrap(),
            "https://api.mosiaomnichannel.com.br"
        );
        assert_eq!(
            check_base_url("https://www.operadoradesaude.com.br/mobilesaude/").unwrap(),
            "https://www.operadoradesaude.com.br/mobilesaude"
        );
        assert_eq!(
            check_base_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(problem("api.mosiaomnichannel.com.br"), Some(NotAbsolute));
        assert_eq!(problem(""), Some(NotAbsolute));
        assert_eq!(problem("mailto:x@y.z"), Some(NotAbsolute));
        assert_eq!(problem("ftp://host/x"), Some(Scheme));
        assert_eq!(problem("https://host/x?key=1"), Some(QueryOrFragment));
        assert_eq!(problem("https://host/x#top"), Some(QueryOrFragment));
        assert_eq!(problem("https://user:pw@host/x"), Some(Credentials));
    }

    #[test]
    fn url_credentials_never_show() {
        let err = ClientBuilder::<Transport>::new("https://user:hunter2@host/x")
            .build()
            .unwrap_err();
        let text = format!("{err} {err:?} {}", err.in_lang(crate::Lang::En));
        assert!(
            !text.contains("hunter2") && !text.contains("user:"),
            "{text}"
        );
        assert!(text.contains("https://***@host/x"), "{text}");
        let builder = ClientBuilder::<Transport>::new("https://user:hunter2@host/x");
        assert!(!format!("{builder:?}").contains("hunter2"));
    }

    #[test]
    fn header_errors_surface_at_build_without_the_value() {
        let err = ClientBuilder::<Transport>::new("https://host")
            .header("Authorization", "tok\nen")
            .header("Bad Name", "x")
            .build()
            .unwrap_err();
        assert!(matches!(&err, BuildError::InvalidHeader(e) if e.name() == "Authorization"));
        assert!(!err.to_string().contains("tok"));
    }
}
