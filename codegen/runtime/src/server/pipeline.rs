//! What happens to a request that reached its endpoint, in the order of the
//! module's table: mandatory headers (`401`), content type (`415`), body
//! limit (`413`), decoding (`400`), the handler with its panics caught
//! (`500`), and its answer checked before it is sent.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::Response;

use tokio::sync::Semaphore;

use super::body::{self, BodyBytes, BodyRules};
use super::context::RequestContext;
use super::endpoint::Endpoint;
use super::panic::{panicked, CatchUnwind};
use super::reply::{error_response, Reply};
use crate::messages::pt;
use crate::report::Report;
use crate::violation::Lang;

pub(super) type BoxFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// Decodes a body and starts its handler: the part of an endpoint that
/// differs between the typed server and the mock.
pub(super) trait Handle: Send + Sync {
    fn handle(&self, context: RequestContext, body: &[u8]) -> Result<BoxFuture, Report>;
}

/// A decoding function and the handler of what it decodes.
pub(super) struct Handler<D, H> {
    pub(super) decode: D,
    pub(super) handler: H,
}

impl<Req, D, H, Fut> Handle for Handler<D, H>
where
    D: Fn(&[u8]) -> Result<Req, Report> + Send + Sync,
    H: Fn(RequestContext, Req) -> Fut + Send + Sync,
    Fut: Future<Output = Reply> + Send + 'static,
{
    fn handle(&self, context: RequestContext, body: &[u8]) -> Result<BoxFuture, Report> {
        let request = (self.decode)(body)?;
        Ok(Box::pin((self.handler)(context, request)))
    }
}

/// How a router decodes large bodies: above `above` bytes, on Tokio's
/// blocking threads, as many at once as `permits` allows.
#[derive(Debug)]
pub(super) struct Decoding {
    pub(super) above: usize,
    pub(super) permits: Semaphore,
}

impl Decoding {
    pub(super) fn new(above: usize) -> Arc<Self> {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Arc::new(Decoding {
            above,
            permits: Semaphore::new((cores / 2).max(1)),
        })
    }
}

/// An endpoint ready to serve: its description, its handler, and the body
/// rules and decoding of its router.
pub(super) struct Route {
    pub(super) operation: Arc<str>,
    pub(super) endpoint: Endpoint,
    pub(super) handler: Arc<dyn Handle>,
    pub(super) bodies: Arc<BodyRules>,
    pub(super) decoding: Arc<Decoding>,
}

impl Route {
    pub(super) fn new(
        endpoint: Endpoint,
        handler: Arc<dyn Handle>,
        bodies: Arc<BodyRules>,
        decoding: Arc<Decoding>,
    ) -> Self {
        Route {
            operation: Arc::from(endpoint.operation()),
            endpoint,
            handler,
            bodies,
            decoding,
        }
    }

    /// Answers a request whose method and path are this endpoint's.
    pub(super) async fn serve(&self, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let operation = &*self.operation;

        if let Some(refusal) = self.endpoint.missing_header_refusal(&parts.headers) {
            return refusal;
        }
        if let Some(refusal) =
            body::content_type_refusal(operation, &parts.headers, &self.endpoint.content_type)
        {
            return refusal;
        }
        let bytes = match body::read_limited(operation, &parts.headers, body, &self.bodies).await {
            Ok(bytes) => bytes,
            Err(refusal) => return refusal,
        };

        let context = RequestContext::shared(
            Arc::clone(&self.operation),
            parts.method,
            parts.uri,
            parts.headers,
        );
        let started = if bytes.as_slice().len() > self.decoding.above {
            self.decode_blocking(context, bytes).await
        } else {
            let started = catch_unwind(AssertUnwindSafe(|| {
                self.handler.handle(context, bytes.as_slice())
            }));
            drop(bytes);
            started
        };
        let answer = match started {
            Ok(Ok(answer)) => answer,
            Ok(Err(report)) => return invalid_body(operation, &report),
            Err(panic) => return panicked(operation, &*panic),
        };
        match CatchUnwind(answer).await {
            Ok(reply) => match catch_unwind(AssertUnwindSafe(|| reply.into_response(operation))) {
                Ok(response) => response,
                Err(panic) => panicked(operation, &*panic),
            },
            Err(panic) => panicked(operation, &*panic),
        }
    }
}

impl Route {
    /// Decodes a large body on a blocking thread (waiting for a permit
    /// first), its bytes released there once decoded.
    async fn decode_blocking(&self, context: RequestContext, bytes: BodyBytes) -> Started {
        let _permit = self.decoding.permits.acquire().await;
        let handler = Arc::clone(&self.handler);
        let decoded = tokio::task::spawn_blocking(move || {
            let started = catch_unwind(AssertUnwindSafe(|| {
                handler.handle(context, bytes.as_slice())
            }));
            drop(bytes);
            started
        })
        .await;
        decoded.unwrap_or_else(|error| match error.try_into_panic() {
            Ok(panic) => Err(panic),
            Err(_) => Err(Box::new("the decoding task was cancelled")),
        })
    }
}

type Started = std::thread::Result<Result<BoxFuture, Report>>;

/// The `400` listing every violation of the body.
fn invalid_body(operation: &str, report: &Report) -> Response {
    tracing::debug!(
        operation,
        violations = report.len(),
        "refused: invalid body"
    );
    error_response(
        StatusCode::BAD_REQUEST,
        &pt::invalid_body(report.total(), operation),
        Some(report.in_lang(Lang::Pt)),
    )
}
