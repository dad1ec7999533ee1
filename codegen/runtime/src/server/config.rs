//! The settings shared by every endpoint of a router ([`ServerConfig`]).

/// The default limit of a request body: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Settings shared by every endpoint of a router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    body_limit: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

impl ServerConfig {
    /// The defaults: a body limit of [`DEFAULT_BODY_LIMIT`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Refuses request bodies above `bytes` with `413`.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The largest request body accepted, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.body_limit
    }
}
