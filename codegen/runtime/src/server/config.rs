//! The settings of a server ([`ServerConfig`]): those of the request
//! bodies, used by [`Routes`](super::Routes), and those of the connections,
//! used by [`serve`](super::serve). Every limit has a default of seconds or
//! of a few MiB, stated on its setter and in [`ServerConfig::new`].

use std::time::Duration;

/// The default limit of a request body: 2 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Settings of a server: pass the same value to the routes
/// (`operadora_routes(service, config.clone())`, [`Routes::new`](super::Routes::new))
/// and to [`serve`](super::serve) (`.config(config)`).
///
/// | Setting | Default | Used by | What happens beyond it |
/// |---|---|---|---|
/// | [`body_limit`](Self::body_limit) | 2 MiB | routes | `413` |
/// | [`body_budget`](Self::body_budget) | 64 MiB, for all requests at once | routes | `503` (with `Retry-After: 1`) |
/// | [`body_read_timeout`](Self::body_read_timeout) | 10 s for a whole body | routes | `408`, connection closed |
/// | [`blocking_decode_above`](Self::blocking_decode_above) | 64 KiB | routes | larger bodies are decoded on Tokio's blocking threads |
/// | [`first_byte_timeout`](Self::first_byte_timeout) | 5 s after accepting | `serve` | connection closed |
/// | [`header_read_timeout`](Self::header_read_timeout) | 10 s for a request line and headers | `serve` | connection closed |
/// | [`idle_timeout`](Self::idle_timeout) | 5 s without a request or a byte | `serve` | connection closed |
/// | [`max_connections`](Self::max_connections) | ¾ of the process's file-descriptor limit | `serve` | the idlest connection is closed; without an idle one, the new one is |
/// | [`max_header_bytes`](Self::max_header_bytes) | 64 KiB | `serve` | `431` |
/// | [`shutdown_timeout`](Self::shutdown_timeout) | 10 s | `serve` | connections still busy are closed |
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    pub(super) body_limit: usize,
    pub(super) body_budget: usize,
    pub(super) body_read_timeout: Duration,
    pub(super) blocking_decode_above: usize,
    pub(super) first_byte_timeout: Duration,
    pub(super) header_read_timeout: Duration,
    pub(super) idle_timeout: Duration,
    pub(super) max_connections: Option<usize>,
    pub(super) max_header_bytes: usize,
    pub(super) shutdown_timeout: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            body_limit: DEFAULT_BODY_LIMIT,
            body_budget: 64 * 1024 * 1024,
            body_read_timeout: Duration::from_secs(10),
            blocking_decode_above: 64 * 1024,
            first_byte_timeout: Duration::from_secs(5),
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
            max_connections: None,
            max_header_bytes: 64 * 1024,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

impl ServerConfig {
    /// The defaults of the table above.
    pub fn new() -> Self {
        Self::default()
    }

    /// Refuses request bodies above `bytes` with `413` (default 2 MiB,
    /// [`DEFAULT_BODY_LIMIT`]), as soon as `Content-Length` says so or
    /// the bytes received pass it.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The largest request body accepted, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.body_limit
    }

    /// The bytes of request bodies held in memory at once by all the
    /// endpoints of a router (default 64 MiB): bytes are counted as they
    /// arrive (what was allocated for them, never what `Content-Length`
    /// announces), and a request whose next bytes do not fit is answered
    /// `503` with `Retry-After: 1` and its bytes released. Memory for
    /// bodies stays below this whatever the clients do.
    #[must_use]
    pub fn body_budget(mut self, bytes: usize) -> Self {
        self.body_budget = bytes;
        self
    }

    /// The longest a whole request body may take to arrive, from the end
    /// of its headers (default 10 s); a slower one is answered `408` and
    /// its connection closed.
    #[must_use]
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// Bodies larger than `bytes` (default 64 KiB) are decoded on Tokio's
    /// blocking threads, a few at a time (half the cores, at least one), so
    /// that decoding megabytes never holds up the small requests served on
    /// the async workers.
    #[must_use]
    pub fn blocking_decode_above(mut self, bytes: usize) -> Self {
        self.blocking_decode_above = bytes;
        self
    }

    /// Closes a connection that sent no byte within `timeout` of being
    /// accepted (default 5 s).
    #[must_use]
    pub fn first_byte_timeout(mut self, timeout: Duration) -> Self {
        self.first_byte_timeout = timeout;
        self
    }

    /// Closes a connection whose request line and headers are not complete
    /// within `timeout` (default 10 s). The time counts from when the
    /// server starts waiting for them: on a kept-alive connection, from the
    /// end of the previous answer, so it also bounds the idle time.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Closes a connection with no request being answered that neither
    /// sent nor received a byte for `timeout` (default 5 s): the keep-alive
    /// idle time.
    #[must_use]
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// At most `connections` open at once (default: three quarters of the
    /// process's soft file-descriptor limit, `RLIMIT_NOFILE`, at least 16).
    /// A connection accepted beyond it makes room by closing the idlest
    /// connection (no request being answered; one that never sent a byte
    /// first, then the one silent the longest); when every connection is
    /// busy, the new one is closed at once.
    #[must_use]
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = Some(connections.max(1));
        self
    }

    /// The largest request line and headers accepted (default 64 KiB, at
    /// least 8 KiB); larger ones are answered `431`.
    #[must_use]
    pub fn max_header_bytes(mut self, bytes: usize) -> Self {
        self.max_header_bytes = bytes.max(8 * 1024);
        self
    }

    /// After the shutdown signal, how long the requests being answered may
    /// take before their connections are closed (default 10 s).
    #[must_use]
    pub fn shutdown_timeout(mut self, timeout: Duration) -> Self {
        self.shutdown_timeout = timeout;
        self
    }

    /// The connection limit in force: the configured one, or the default
    /// computed from the file-descriptor limit.
    pub fn connection_limit(&self) -> usize {
        self.max_connections
            .unwrap_or_else(default_connection_limit)
    }
}

/// Three quarters of the soft `RLIMIT_NOFILE`, at least 16 (1024 where it
/// cannot be read).
fn default_connection_limit() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit only writes the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0
            && limit.rlim_cur != libc::RLIM_INFINITY
        {
            let soft = usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX);
            return (soft / 4 * 3).max(16);
        }
    }
    1024
}
