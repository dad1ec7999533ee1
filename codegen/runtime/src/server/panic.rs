//! Panics of a handler turned into a logged `500` ([`CatchUnwind`],
//! [`panicked`]) instead of unwinding through the server.

use std::any::Any;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::response::Response;

use super::reply::internal_error;
use crate::messages::pt;

/// Polls a future, turning a panic into an error instead of unwinding
/// through the server.
pub(super) struct CatchUnwind<F>(pub(super) F);

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = &mut self.0;
        match catch_unwind(AssertUnwindSafe(|| Pin::new(future).poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

/// The `500` for a handler of `operation` that panicked, logged with the
/// panic's message.
pub(super) fn panicked(operation: &str, panic: &(dyn Any + Send)) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    tracing::error!(operation, panic = message, "the handler panicked");
    internal_error(pt::HANDLER_PANICKED)
}
