//! The connections of [`serve`](super::serve): the set of open ones with
//! the state each needs to be judged idle ([`Registry`], [`ConnState`]),
//! the [`Order`]s their tasks are given from outside, each connection's
//! [`watch`]dog (idle, first-byte and header-read timeouts), and the byte
//! stream every connection is read through ([`Watched`]), which notes
//! activity and gives hyper's own error answers a JSON body.

use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{ready, Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::reply::error_body;
use crate::messages::pt;

/// The open connections.
pub(super) struct Registry {
    epoch: Instant,
    next_id: AtomicU64,
    connections: Mutex<HashMap<u64, Arc<ConnState>>>,
}

/// What is known of one connection.
pub(super) struct ConnState {
    id: u64,
    epoch: Instant,
    /// Requests handed to the router and not answered yet.
    in_flight: AtomicUsize,
    /// When a byte was last read or written, or a request answered, in
    /// milliseconds since `epoch`.
    last_activity: AtomicU64,
    /// Since when the server has been waiting for a request's line and
    /// headers (accepted, or the previous answer given), in milliseconds
    /// since `epoch`; [`NOT_WAITING`] while a request is being answered.
    /// The watchdog enforces the header-read timeout from it, so that no
    /// timer is armed and dropped per request.
    head_awaited_since: AtomicU64,
    /// Whether the client ever sent a byte.
    read_any: AtomicBool,
    /// The latest [`Order`] given to the connection's task, as its `u8`.
    order: AtomicU8,
    /// Wakes the connection's task when an order is given.
    pub(super) ordered: Notify,
}

impl Registry {
    pub(super) fn new() -> Self {
        Registry {
            epoch: Instant::now(),
            next_id: AtomicU64::new(0),
            connections: Mutex::new(HashMap::new()),
        }
    }

    /// Registers a new connection, evicting the idlest one when `limit`
    /// are open; `None` (the new one must be closed) when none is idle.
    pub(super) fn admit(&self, limit: usize) -> Option<Arc<ConnState>> {
        let mut connections = self.lock();
        if connections.len() >= limit {
            let victim = connections
                .values()
                .filter(|c| c.in_flight.load(Ordering::Acquire) == 0)
                .min_by_key(|c| {
                    (
                        c.read_any.load(Ordering::Relaxed),
                        c.last_activity.load(Ordering::Relaxed),
                    )
                })
                .map(|c| c.id)?;
            if let Some(victim) = connections.remove(&victim) {
                tracing::debug!(
                    open = connections.len() + 1,
                    "connection limit reached: closing the idlest connection"
                );
                victim.give(Order::Close);
            }
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let now = millis_since(self.epoch);
        let state = Arc::new(ConnState {
            id,
            epoch: self.epoch,
            in_flight: AtomicUsize::new(0),
            last_activity: AtomicU64::new(now),
            head_awaited_since: AtomicU64::new(now),
            read_any: AtomicBool::new(false),
            order: AtomicU8::new(Order::None as u8),
            ordered: Notify::new(),
        });
        connections.insert(id, Arc::clone(&state));
        Some(state)
    }

    pub(super) fn leave(&self, state: &ConnState) {
        self.lock().remove(&state.id);
    }

    pub(super) fn open(&self) -> usize {
        self.lock().len()
    }

    /// Tells every open connection to finish the answer it is giving and
    /// close.
    pub(super) fn drain_all(&self) {
        for state in self.lock().values() {
            state.give(Order::Drain);
        }
    }

    /// Tells every open connection to close now.
    pub(super) fn close_all(&self) {
        for (_, state) in self.lock().drain() {
            state.give(Order::Close);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<ConnState>>> {
        self.connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// What a connection's task is told to do, from outside it: by the registry
/// (eviction, shutdown) or by its watchdog. A later order only ever
/// strengthens an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(super) enum Order {
    None = 0,
    /// Shutting down: finish the answer being given, then close.
    Drain = 1,
    /// Idle too long (the watchdog's verdict): close now.
    CloseIdle = 2,
    /// Evicted, or the shutdown grace is over: close now.
    Close = 3,
}

impl Order {
    fn from_u8(value: u8) -> Order {
        match value {
            0 => Order::None,
            1 => Order::Drain,
            2 => Order::CloseIdle,
            _ => Order::Close,
        }
    }
}

/// `head_awaited_since` while a request is being answered.
const NOT_WAITING: u64 = u64::MAX;

fn millis_since(epoch: Instant) -> u64 {
    u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl ConnState {
    /// Gives `order` (unless a stronger one was given) and wakes the task.
    pub(super) fn give(&self, order: Order) {
        self.order.fetch_max(order as u8, Ordering::AcqRel);
        self.ordered.notify_one();
    }

    /// The strongest order given so far.
    pub(super) fn order(&self) -> Order {
        Order::from_u8(self.order.load(Ordering::Acquire))
    }

    fn touch(&self) -> u64 {
        let now = millis_since(self.epoch);
        self.last_activity.store(now, Ordering::Relaxed);
        now
    }

    /// A request handed to the router (its line and headers are read): not
    /// idle until the guard is dropped.
    pub(super) fn busy(self: &Arc<Self>) -> Busy {
        self.head_awaited_since
            .store(NOT_WAITING, Ordering::Relaxed);
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(self))
    }

    /// When to look again at the connection, or `None` when it must be
    /// closed: no request in flight and either no byte for `limits.idle`
    /// (`limits.first_byte` while the client never sent one) or no complete
    /// request line and headers within `limits.header_read` of the server
    /// starting to wait for them.
    pub(super) fn next_check(&self, limits: &Limits) -> Option<Instant> {
        let now = Instant::now();
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return Some(now + limits.idle);
        }
        let timeout = if self.read_any.load(Ordering::Relaxed) {
            limits.idle
        } else {
            limits.first_byte
        };
        let at = |millis: u64| self.epoch + Duration::from_millis(millis);
        let mut deadline = at(self.last_activity.load(Ordering::Relaxed)) + timeout;
        let awaited = self.head_awaited_since.load(Ordering::Relaxed);
        if awaited != NOT_WAITING {
            deadline = deadline.min(at(awaited) + limits.header_read);
        }
        (deadline > now).then_some(deadline)
    }
}

/// A connection's watchdog, a task of its own so that serving a request
/// polls no timer: it sleeps until the connection's earliest deadline, and
/// when one has passed orders the connection closed.
pub(super) async fn watch(state: Arc<ConnState>, limits: Limits) {
    while let Some(at) = state.next_check(&limits) {
        tokio::time::sleep_until(at).await;
    }
    state.give(Order::CloseIdle);
}

/// The timeouts the watchdog of a connection enforces.
pub(super) struct Limits {
    pub(super) idle: Duration,
    pub(super) first_byte: Duration,
    pub(super) header_read: Duration,
}

/// A request being answered on a connection.
pub(super) struct Busy(Arc<ConnState>);

impl Drop for Busy {
    fn drop(&mut self) {
        let now = self.0.touch();
        // hyper reads the next request only after this one is answered, so
        // the wait for its headers starts here.
        self.0.head_awaited_since.store(now, Ordering::Relaxed);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A connection's byte stream: notes each byte read or written in its
/// [`ConnState`], and replaces the bodiless error answers hyper writes on
/// its own (a request it cannot parse) with the same answer carrying the
/// pages' JSON failure body.
pub(super) struct Watched<IO> {
    io: IO,
    state: Arc<ConnState>,
    header_limit: usize,
    /// A replacement being written: its bytes, how many are written, and
    /// how many of hyper's bytes it stands for.
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl<IO> Watched<IO> {
    pub(super) fn new(io: IO, state: Arc<ConnState>, header_limit: usize) -> Self {
        Watched {
            io,
            state,
            header_limit,
            replacing: None,
        }
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = ready!(Pin::new(&mut self.io).poll_read(cx, buf));
        if buf.filled().len() > before {
            self.state.touch();
            self.state.read_any.store(true, Ordering::Relaxed);
        }
        Poll::Ready(result)
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.replacing.is_none() {
            if let Some(replacement) = replace_hyper_error(buf, this.header_limit) {
                this.replacing = Some((replacement, 0, buf.len()));
            }
        }
        if let Some((bytes, written, stands_for)) = &mut this.replacing {
            while *written < bytes.len() {
                let n = ready!(Pin::new(&mut this.io).poll_write(cx, &bytes[*written..]))?;
                if n == 0 {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                *written += n;
            }
            let stands_for = *stands_for;
            this.replacing = None;
            this.state.touch();
            return Poll::Ready(Ok(stands_for));
        }
        let n = ready!(Pin::new(&mut this.io).poll_write(cx, buf))?;
        if n > 0 {
            this.state.touch();
        }
        Poll::Ready(Ok(n))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// The answer hyper writes by itself when it cannot parse a request is a
/// status line and a few headers with `content-length: 0`, alone in one
/// write (`400` for a bad request line or header, bad `Content-Length`
/// included, `414`, `431`); every answer of the routers has a JSON body and
/// a `content-type`. Such an answer becomes the same with a JSON body.
fn replace_hyper_error(buf: &[u8], header_limit: usize) -> Option<Vec<u8>> {
    let status = buf.strip_prefix(b"HTTP/1.1 ")?.get(..3)?;
    let mensagem = match status {
        b"400" => pt::MALFORMED_REQUEST.to_owned(),
        b"414" => pt::URI_TOO_LONG.to_owned(),
        b"431" => pt::headers_too_large(header_limit),
        _ => return None,
    };
    if !buf.ends_with(b"\r\n\r\n") {
        return None;
    }
    let head = std::str::from_utf8(&buf[..buf.len() - 2]).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let mut headers = Vec::new();
    let mut empty = false;
    for line in lines.filter(|line| !line.is_empty()) {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("content-type") {
            return None;
        }
        if name.eq_ignore_ascii_case("content-length") {
            empty = value.trim() == "0";
        } else {
            headers.push(line);
        }
    }
    if !empty {
        return None;
    }
    let body = error_body(&mensagem);
    let mut answer = format!("{status_line}\r\n");
    for header in headers {
        answer.push_str(header);
        answer.push_str("\r\n");
    }
    answer.push_str(&format!(
        "content-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    ));
    let mut answer = answer.into_bytes();
    answer.extend_from_slice(&body);
    Some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hyper_s_bodiless_errors_are_replaced() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n\
                      content-length: 0\r\ndate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n";
        let replaced = String::from_utf8(replace_hyper_error(hyper, 65536).unwrap()).unwrap();
        let (head, body) = replaced.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(head.contains("\r\nconnection: close\r\n"), "{head}");
        assert!(head.contains("content-type: application/json"), "{head}");
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(body["mensagem"].as_str().unwrap().contains("65536 bytes"));

        for other in [
            &b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 0\r\n\r\n"[..],
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}",
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n",
        ] {
            assert_eq!(replace_hyper_error(other, 65536), None);
        }
    }

    #[test]
    fn the_idlest_connection_is_evicted_and_busy_ones_never() {
        let registry = Registry::new();
        let first = registry.admit(2).unwrap();
        let second = registry.admit(2).unwrap();
        first.read_any.store(true, Ordering::Relaxed);
        // The one that never sent a byte goes first.
        let third = registry.admit(2).unwrap();
        assert_eq!(registry.open(), 2);
        assert!(registry.lock().contains_key(&first.id));
        assert!(!registry.lock().contains_key(&second.id));
        let _busy = (first.busy(), third.busy());
        assert!(registry.admit(2).is_none());
    }
}
