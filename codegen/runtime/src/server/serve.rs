//! Serving a router on a listener ([`serve`], [`Serve`]): an accept loop of
//! our own around hyper's HTTP/1 connections, with the connection settings
//! of [`ServerConfig`] (timeouts, connection limit, header size, graceful
//! shutdown) and, with feature `tls`, HTTPS.
//!
//! Why not `axum::serve`: it installs no timer, so hyper's header-read
//! timeout does nothing, and it has no connection limit. HTTP/2 is not
//! served (hyper-util's automatic builder waits for a possible HTTP/2
//! preface without any timeout); Mosia calls operators over HTTP/1.1.

use std::future::{Future, IntoFuture};
use std::io;
use std::net::SocketAddr;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

use super::config::ServerConfig;
use super::conn::{watch, ConnState, Limits, Order, Registry, Watched};

type Signal = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Serves `router` on `listener` with the connection settings of
/// [`ServerConfig::default`] until the future is dropped; set them with
/// [`Serve::config`], stop on a signal with
/// [`Serve::with_graceful_shutdown`], and `.await` it.
///
/// ```no_run
/// # async fn run(router: codegen_runtime::server::Router) -> std::io::Result<()> {
/// use codegen_runtime::server::{serve, shutdown_signal, ServerConfig};
///
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// serve(listener, router)
///     .config(ServerConfig::new())
///     .with_graceful_shutdown(shutdown_signal())
///     .await
/// # }
/// ```
///
/// Each connection is HTTP/1.1 (keep-alive, pipelining), its peer address
/// available to handlers as axum's `ConnectInfo<SocketAddr>` extension.
/// A connection is closed when:
///
/// * it sends no byte within [`ServerConfig::first_byte_timeout`] of being
///   accepted (or, with TLS, does not finish its handshake by then);
/// * a request's line and headers are not complete within
///   [`ServerConfig::header_read_timeout`], counted from the acceptance or
///   from the previous answer (checked by the connection's watchdog, which
///   wakes only at the earliest deadline, not by a timer per request);
/// * no request is being answered and no byte went either way for
///   [`ServerConfig::idle_timeout`];
/// * [`ServerConfig::max_connections`] are open when another arrives and it
///   is the idlest (see there);
/// * the shutdown signal came: idle connections at once, the others after
///   their answer, and all after [`ServerConfig::shutdown_timeout`].
///
/// A body that does not arrive within the body-read timeout is answered
/// `408` by the routes (see [`ServerConfig`]).
///
/// Requests hyper cannot parse are answered by hyper itself (`400`, also for
/// a bad `Content-Length`; `431` for headers above
/// [`ServerConfig::max_header_bytes`]; `414`): they get the pages' JSON
/// failure body, except when they follow, in the same write, an answer to
/// an earlier pipelined request (then hyper's answer goes out with an empty
/// body). A connection closed by a timeout or an eviction gets no answer:
/// there is no request to answer.
pub fn serve(listener: TcpListener, router: Router) -> Serve {
    Serve {
        listener,
        router,
        config: ServerConfig::default(),
        signal: None,
        #[cfg(feature = "tls")]
        tls: None,
    }
}

/// A server being set up by [`serve`]; `.await` it to run it.
#[must_use = "a server does nothing until it is awaited"]
pub struct Serve {
    listener: TcpListener,
    router: Router,
    config: ServerConfig,
    signal: Option<Signal>,
    #[cfg(feature = "tls")]
    tls: Option<super::tls::TlsConfig>,
}

impl std::fmt::Debug for Serve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Serve")
            .field("listener", &self.listener)
            .field("config", &self.config)
            .field("graceful_shutdown", &self.signal.is_some())
            .finish_non_exhaustive()
    }
}

impl Serve {
    /// The connection settings (timeouts, limits); the body settings of the
    /// same [`ServerConfig`] are those given to the routes.
    pub fn config(mut self, config: ServerConfig) -> Self {
        self.config = config;
        self
    }

    /// Stops accepting when `signal` completes, lets the requests being
    /// answered finish (at most [`ServerConfig::shutdown_timeout`]), and
    /// then returns. [`shutdown_signal`] waits for Ctrl-C or `SIGTERM`.
    pub fn with_graceful_shutdown<F>(mut self, signal: F) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.signal = Some(Box::pin(signal));
        self
    }

    /// Serves HTTPS with `tls` (a certificate chain and its key).
    #[cfg(feature = "tls")]
    pub fn tls(mut self, tls: super::tls::TlsConfig) -> Self {
        self.tls = Some(tls);
        self
    }

    /// The address listened on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    async fn run(self) -> io::Result<()> {
        let config = Arc::new(self.config);
        let limit = config.connection_limit();
        let registry = Arc::new(Registry::new());
        let mut signal = self
            .signal
            .unwrap_or_else(|| Box::pin(std::future::pending()));
        #[cfg(feature = "tls")]
        let tls = self.tls.map(|tls| tls.acceptor());
        tracing::debug!(connection_limit = limit, "serving");
        loop {
            let (stream, peer) = tokio::select! {
                () = &mut signal => break,
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        accept_failed(&error).await;
                        continue;
                    }
                },
            };
            let Some(state) = registry.admit(limit) else {
                tracing::debug!(%peer, "connection limit reached, every connection busy: closed");
                continue;
            };
            let _ = stream.set_nodelay(true);
            let connection = Connection {
                peer,
                state,
                registry: Arc::clone(&registry),
                router: self.router.clone(),
                config: Arc::clone(&config),
            };
            #[cfg(feature = "tls")]
            if let Some(tls) = &tls {
                tokio::spawn(connection.serve_tls(stream, tls.clone()));
                continue;
            }
            tokio::spawn(connection.serve_plain(stream));
        }
        drop(self.listener);
        tracing::debug!(open = registry.open(), "shutting down");
        registry.drain_all();
        let drained = tokio::time::timeout(config.shutdown_timeout, async {
            while registry.open() > 0 {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
        .await;
        if drained.is_err() {
            tracing::warn!(
                open = registry.open(),
                "shutdown timeout: closing the connections still busy"
            );
            registry.close_all();
        }
        Ok(())
    }
}

impl IntoFuture for Serve {
    type Output = io::Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = io::Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

/// Waits for Ctrl-C or, on Unix, `SIGTERM` (what container runtimes send):
/// the usual [`Serve::with_graceful_shutdown`] signal.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// An accept error: per-connection ones are skipped; others (out of file
/// descriptors) are logged and waited out briefly.
async fn accept_failed(error: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset, Interrupted};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset | Interrupted
    ) {
        return;
    }
    tracing::error!(%error, "accept failed; retrying in 50 ms");
    tokio::time::sleep(Duration::from_millis(50)).await;
}

/// One accepted connection and what serving it needs.
struct Connection {
    peer: SocketAddr,
    state: Arc<ConnState>,
    registry: Arc<Registry>,
    router: Router,
    config: Arc<ServerConfig>,
}

impl Connection {
    async fn serve_plain(self, stream: TcpStream) {
        let watched = Watched::new(
            stream,
            Arc::clone(&self.state),
            self.config.max_header_bytes,
        );
        self.serve(watched).await;
    }

    #[cfg(feature = "tls")]
    async fn serve_tls(self, stream: TcpStream, acceptor: tokio_rustls::TlsAcceptor) {
        let handshake = tokio::select! {
            handshake = tokio::time::timeout(self.config.first_byte_timeout, acceptor.accept(stream)) => handshake,
            () = self.state.ordered.notified() => {
                self.registry.leave(&self.state);
                return;
            }
        };
        match handshake {
            Ok(Ok(stream)) => {
                let watched = Watched::new(
                    stream,
                    Arc::clone(&self.state),
                    self.config.max_header_bytes,
                );
                self.serve(watched).await;
            }
            Ok(Err(error)) => {
                tracing::debug!(peer = %self.peer, %error, "TLS handshake failed");
                self.registry.leave(&self.state);
            }
            Err(_) => {
                tracing::debug!(peer = %self.peer, "TLS handshake timed out");
                self.registry.leave(&self.state);
            }
        }
    }

    async fn serve<IO>(self, io: Watched<IO>)
    where
        IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let config = &*self.config;
        let (router, state, peer) = (self.router.clone(), Arc::clone(&self.state), self.peer);
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            let busy = state.busy();
            request.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move {
                let _busy = busy;
                router.oneshot(request.map(Body::new)).await
            }
        });
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            // The watchdog below enforces the header-read timeout: hyper's
            // own arms and drops a boxed timer for every request.
            .header_read_timeout(None)
            .max_header_size(config.max_header_bytes)
            .max_buf_size(config.max_header_bytes + 8 * 1024)
            // One write per answer, which is also what lets `Watched` see
            // hyper's own error answers whole.
            .writev(false);
        let mut connection = pin!(builder.serve_connection(TokioIo::new(io), service));
        let limits = Limits {
            idle: config.idle_timeout,
            first_byte: config.first_byte_timeout,
            header_read: config.header_read_timeout,
        };
        let watchdog = tokio::spawn(watch(Arc::clone(&self.state), limits));
        let mut draining = false;
        loop {
            tokio::select! {
                biased;
                served = connection.as_mut() => {
                    if let Err(error) = served {
                        tracing::debug!(peer = %self.peer, %error, "connection closed");
                    }
                    break;
                }
                () = self.state.ordered.notified() => match self.state.order() {
                    Order::None => {}
                    Order::Drain => {
                        if !draining {
                            draining = true;
                            connection.as_mut().graceful_shutdown();
                        }
                    }
                    Order::CloseIdle => {
                        tracing::debug!(peer = %self.peer, "connection closed: idle");
                        break;
                    }
                    Order::Close => {
                        tracing::debug!(peer = %self.peer, "connection closed: evicted or shut down");
                        break;
                    }
                },
            }
        }
        watchdog.abort();
        self.registry.leave(&self.state);
    }
}
