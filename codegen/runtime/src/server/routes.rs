//! The endpoints of a server and their handlers ([`Routes`]), and how they
//! become an axum [`Router`]: one method router per path, with `405` (and
//! `Allow`) for the other methods of a known path and `404` for any other
//! path, both in the pages' failure shape; [`RouteError`] when an endpoint
//! cannot be served.
//!
//! Paths are matched by axum exactly as they arrive, never percent-decoded:
//! `/demonstrativoPagamento%2Fdetalhe` (`%2F` is not a separator) and
//! `/%64emonstrativoPagamento/detalhe` (`%64` is not a `d`) are not
//! `/demonstrativoPagamento/detalhe`. An endpoint path is served in the form
//! a URL gives it (the WHATWG path percent-encode set: non-ASCII characters,
//! `"`, `<`, `>`, `` ` ``, `{` and `}` percent-encoded, in upper case), which
//! is what clients, the generated one included, send.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use axum::extract::Request;
use axum::http::header::ALLOW;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{MethodFilter, MethodRouter};
use axum::Router;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

use super::body::BodyRules;
use super::config::ServerConfig;
use super::context::RequestContext;
use super::endpoint::Endpoint;
use super::pipeline::{Decoding, Handle, Handler, Route};
use super::reply::{error_response, Failure, Reply, SizeHint};
use crate::messages::{en, pt};
use crate::report::Report;
use crate::validate::Validate;
use crate::Decode;

/// Why a set of [`Routes`] cannot become a router.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// The endpoint cannot be served as described.
    InvalidEndpoint { operation: String, reason: String },
    /// Two operations share one method and path.
    Duplicate {
        method: Method,
        path: String,
        first: String,
        second: String,
    },
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&en::route_error(self))
    }
}

impl std::error::Error for RouteError {}

/// The endpoints of a server and their handlers, not yet a router:
/// [`Routes::merge`] combines several (the operator endpoints of several
/// pages), [`Routes::into_router`] finishes.
pub struct Routes {
    config: ServerConfig,
    endpoints: Vec<(Endpoint, Arc<dyn Handle>)>,
}

impl fmt::Debug for Routes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Routes")
            .field("config", &self.config)
            .field(
                "endpoints",
                &self.endpoints.iter().map(|(e, _)| e).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Routes {
    pub fn new(config: ServerConfig) -> Self {
        Routes {
            config,
            endpoints: Vec::new(),
        }
    }

    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// The endpoints, in the order they were added.
    pub fn endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.endpoints.iter().map(|(endpoint, _)| endpoint)
    }

    /// Serves `endpoint` with a typed handler: the body is decoded into
    /// `Req` (every violation refused with `400`), `handler` gets the
    /// service, the request context and the decoded body, and its answer is
    /// validated before it is sent (see [`Reply::from_result`]).
    #[must_use]
    pub fn typed<S, Req, Resp, F, H, Fut>(
        self,
        endpoint: Endpoint,
        service: &Arc<S>,
        handler: H,
    ) -> Self
    where
        S: Send + Sync + 'static + ?Sized,
        Req: Decode + Send + 'static,
        Resp: Serialize + Validate + 'static,
        F: Serialize + Validate + 'static,
        H: Fn(Arc<S>, RequestContext, Req) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Resp, Failure<F>>> + Send + 'static,
    {
        let service = Arc::clone(service);
        let hint = Arc::new(SizeHint::default());
        self.endpoint(
            endpoint,
            crate::from_json_slice::<Req>,
            move |context, request| {
                let answer = handler(Arc::clone(&service), context, request);
                let hint = Arc::clone(&hint);
                async move { Reply::from_result_sized(answer.await, &hint) }
            },
        )
    }

    /// Serves `endpoint` with any decoding: `decode` turns the body into
    /// the handler's input or reports every violation (`400`); `handler`
    /// answers with a [`Reply`].
    #[must_use]
    pub fn endpoint<Req, D, H, Fut>(mut self, endpoint: Endpoint, decode: D, handler: H) -> Self
    where
        Req: 'static,
        D: Fn(&[u8]) -> Result<Req, Report> + Send + Sync + 'static,
        H: Fn(RequestContext, Req) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Reply> + Send + 'static,
    {
        self.endpoints
            .push((endpoint, Arc::new(Handler { decode, handler })));
        self
    }

    /// Adds the endpoints of `other`; the settings stay those of `self`.
    #[must_use]
    pub fn merge(mut self, other: Routes) -> Self {
        self.endpoints.extend(other.endpoints);
        self
    }

    /// The router, or the first endpoint that cannot be served (an invalid
    /// path, header name or content type, or two operations at one method
    /// and path).
    pub fn try_into_router(self) -> Result<Router, RouteError> {
        let (router, errors) = self.build();
        match errors.into_iter().next() {
            Some(error) => Err(error),
            None => Ok(router),
        }
    }

    /// The router. An endpoint that cannot be served (see
    /// [`Routes::try_into_router`]) is left out and logged; generated code
    /// never has one, as the generator checks its endpoints.
    pub fn into_router(self) -> Router {
        let (router, errors) = self.build();
        for error in errors {
            tracing::error!(%error, "endpoint left out of the router");
        }
        router
    }

    fn build(self) -> (Router, Vec<RouteError>) {
        let bodies = BodyRules::new(
            self.config.body_limit,
            self.config.body_read_timeout,
            self.config.body_budget,
        );
        let decoding = Decoding::new(self.config.blocking_decode_above);
        let mut errors = Vec::new();
        // The endpoints of each path as it arrives, paths in the order first
        // seen, endpoints in the order added.
        let mut paths: Vec<(String, Vec<Route>)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (endpoint, handler) in self.endpoints {
            if let Err(error) = endpoint.check() {
                errors.push(error);
                continue;
            }
            let wire = wire_path(&endpoint.path).into_owned();
            let at = *index.entry(wire.clone()).or_insert_with(|| {
                paths.push((wire, Vec::new()));
                paths.len() - 1
            });
            let routes = &mut paths[at].1;
            if let Some(first) = routes.iter().find(|r| r.endpoint.method == endpoint.method) {
                errors.push(RouteError::Duplicate {
                    method: endpoint.method.clone(),
                    path: endpoint.path.clone(),
                    first: first.endpoint.operation.clone(),
                    second: endpoint.operation.clone(),
                });
                continue;
            }
            routes.push(Route::new(
                endpoint,
                handler,
                Arc::clone(&bodies),
                Arc::clone(&decoding),
            ));
        }

        let mut listing: Vec<String> = paths
            .iter()
            .flat_map(|(_, routes)| routes)
            .map(|route| format!("{} {}", route.endpoint.method, route.endpoint.path))
            .collect();
        listing.sort();
        let listing: Arc<str> = Arc::from(pt::endpoint_listing(&listing));

        // Spec paths are literal: no segment is a capture, whatever it
        // starts with (`:` and `*` are plain characters for axum 0.8, but it
        // refuses them unless told so).
        let mut router = Router::new().without_v07_checks();
        for (wire, routes) in paths {
            router = router.route(&wire, method_router(routes));
        }
        let router = router.fallback(move |request: Request| {
            let listing = Arc::clone(&listing);
            async move { not_found(&request, &listing) }
        });
        (router, errors)
    }
}

/// What a URL percent-encodes in a path besides non-ASCII characters (the
/// WHATWG path percent-encode set, as the `url` crate and browsers apply it).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The request path at which an endpoint path is served.
fn wire_path(path: &str) -> Cow<'_, str> {
    utf8_percent_encode(path, PATH).into()
}

/// The endpoints of one path, by method; any other method gets `405`.
fn method_router(routes: Vec<Route>) -> MethodRouter {
    let path = routes[0].endpoint.path.clone();
    let methods: Vec<Method> = routes.iter().map(|r| r.endpoint.method.clone()).collect();
    let refusal = Arc::new(MethodNotAllowed::new(&path, &methods));
    let mut router = MethodRouter::new();
    // Methods axum has no filter for (extension methods) are looked up in
    // the fallback.
    let mut others = Vec::new();
    for route in routes {
        let route = Arc::new(route);
        match MethodFilter::try_from(route.endpoint.method.clone()) {
            Ok(filter) => {
                router = router.on(filter, move |request: Request| {
                    let route = Arc::clone(&route);
                    async move { route.serve(request).await }
                });
            }
            Err(_) => others.push(route),
        }
    }
    // axum answers `HEAD` with the `GET` handler; here only the methods an
    // endpoint declares are served.
    if methods.contains(&Method::GET) && !methods.contains(&Method::HEAD) {
        let refusal = Arc::clone(&refusal);
        router = router.head(move |request: Request| {
            let refusal = Arc::clone(&refusal);
            async move { refusal.response(request.method()) }
        });
    }
    let others: Arc<[Arc<Route>]> = others.into();
    router.fallback(move |request: Request| {
        let (others, refusal) = (Arc::clone(&others), Arc::clone(&refusal));
        async move {
            match others
                .iter()
                .find(|r| r.endpoint.method == *request.method())
            {
                Some(route) => route.serve(request).await,
                None => refusal.response(request.method()),
            }
        }
    })
}

/// The `405` of one path: its methods, for the message and `Allow`.
struct MethodNotAllowed {
    path: String,
    methods: Vec<String>,
    allow: Option<HeaderValue>,
}

impl MethodNotAllowed {
    fn new(path: &str, methods: &[Method]) -> Self {
        let methods: Vec<&str> = methods.iter().map(Method::as_str).collect();
        MethodNotAllowed {
            path: path.to_owned(),
            allow: HeaderValue::from_str(&methods.join(", ")).ok(),
            methods: methods.into_iter().map(str::to_owned).collect(),
        }
    }

    fn response(&self, method: &Method) -> Response {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &pt::method_not_allowed(method.as_str(), &self.path, &self.methods),
            None,
        );
        if let Some(allow) = &self.allow {
            response.headers_mut().insert(ALLOW, allow.clone());
        }
        response
    }
}

/// The `404` of a path no endpoint has, listing those the server has.
fn not_found(request: &Request, listing: &str) -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        &pt::not_found(request.uri().path(), listing),
        None,
    )
}
