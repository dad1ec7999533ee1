//! A mock server for any spec, straight from the IR (`codegen mock`).
//!
//! Requests go through the very pipeline of the generated servers
//! (`codegen_runtime::server`), with the IR-driven [`validator`] in place of
//! typed decoding: the same status codes (`401`, `413`, `415`, `400` with
//! every violation, `404`, `405`) and the same bodies, for any spec, without
//! compiling anything. A valid request is answered with `200` and the
//! operation's documented success example:
//!
//! * the page's example of the response, when it validates;
//! * otherwise that example with the attributes the validator reports as
//!   unknown removed (the `subtitulo` of a `registro` in
//!   `demonstrativoPagamento/detalhe`), when that makes it valid;
//! * otherwise (no example, or one broken beyond unknown attributes) a
//!   value built from the table: every `M` and `C` attribute with a
//!   placeholder (`"exemplo"`, `0`, `false`, `2024-01-01`, `#000000`, `[]`,
//!   `{}`), no `OP` attribute;
//! * for a response the page leaves undocumented (`criarOcorrencia`), `{}`:
//!   a plain acknowledgement. The pages document no status codes, so every
//!   success is `200`, as in the generated servers.
//!
//! Every answer is checked against the spec when the server is built; a
//! spec none of these ways can answer is an error, never a wrong answer.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let api = codegen::loader::load_dir(std::path::Path::new("spec")).map_err(|d| d.to_string())?;
//! let config = codegen_runtime::server::ServerConfig::default();
//! let router = codegen::mock::router(&api, config.clone())?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! codegen::mock::serve(listener, router, config).await?;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::sync::Arc;

use codegen_runtime::server::{
    Endpoint, Method as HttpMethod, Reply, RouteError, Router, Routes, ServerConfig, StatusCode,
};
use codegen_runtime::Report;

use crate::ir::{Api, ExampleTarget, Method, Module, Operation, Part, Response, TypeId};
use crate::valid::{placeholder, repair, to_json_in_spec_order};
use crate::validator;

/// Why a spec cannot be mocked.
#[derive(Debug, thiserror::Error)]
pub enum MockError {
    /// An endpoint cannot be routed (a path, header name or content type the
    /// pipeline cannot serve, or two operations at one method and path).
    #[error("{0}")]
    Route(#[from] RouteError),
    /// Neither the example nor a value built from the table validates.
    #[error(
        "operation `{operation}`: no valid success body could be made from the spec:\n{violations}"
    )]
    NoValidAnswer {
        operation: String,
        violations: String,
    },
}

/// Where a mocked success body comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerSource {
    /// The page's example, with the attributes at these JSON pointers
    /// removed (none when it was valid as printed).
    Example { title: String, removed: Vec<String> },
    /// Built from the table: no usable example.
    Table,
    /// The page documents no success body: `{}`.
    Undocumented,
}

impl fmt::Display for AnswerSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerSource::Example { title, removed } if removed.is_empty() => {
                write!(f, "the page's example \"{title}\"")
            }
            AnswerSource::Example { title, removed } => write!(
                f,
                "the page's example \"{title}\" without {}",
                removed.join(", ")
            ),
            AnswerSource::Table => {
                f.write_str("placeholders built from the table (no valid example)")
            }
            AnswerSource::Undocumented => f.write_str("{} (the page documents no success body)"),
        }
    }
}

/// What the mock answers to a valid request of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockAnswer {
    /// The operation id (`demonstrativoPagamentoDetalhe`).
    pub operation: String,
    pub method: &'static str,
    pub path: String,
    pub status: u16,
    /// The body, compact JSON, checked against the spec.
    pub body: Vec<u8>,
    pub source: AnswerSource,
}

/// The answer to every operation of `api`, in spec order.
pub fn answers(api: &Api) -> Result<Vec<MockAnswer>, MockError> {
    let mut answers = Vec::new();
    for module in &api.modules {
        for (index, op) in module.operations.iter().enumerate() {
            answers.push(answer(module, index, op)?);
        }
    }
    Ok(answers)
}

/// The answer to a valid request of `module.operations[index]`.
pub fn answer(module: &Module, index: usize, op: &Operation) -> Result<MockAnswer, MockError> {
    let (body, source) = match op.response {
        Response::Undocumented => (b"{}".to_vec(), AnswerSource::Undocumented),
        Response::Typed(ty) => success_body(module, index, op, ty)?,
    };
    Ok(MockAnswer {
        operation: op.id.clone(),
        method: op.method.as_str(),
        path: op.path.clone(),
        status: StatusCode::OK.as_u16(),
        body,
        source,
    })
}

fn success_body(
    module: &Module,
    index: usize,
    op: &Operation,
    ty: TypeId,
) -> Result<(Vec<u8>, AnswerSource), MockError> {
    let examples = module.examples.iter().filter(|example| {
        example.target
            == ExampleTarget::Operation {
                operation: index,
                part: Part::Response,
            }
    });
    for example in examples {
        if let Some((body, removed)) = repair(module, ty, &example.text) {
            return Ok((
                body,
                AnswerSource::Example {
                    title: example.title.clone(),
                    removed,
                },
            ));
        }
    }
    let value = placeholder(module, ty, 0);
    let body = to_json_in_spec_order(module, ty, &value);
    let report = validator::validate(module, ty, &body);
    if report.is_empty() {
        Ok((body, AnswerSource::Table))
    } else {
        Err(MockError::NoValidAnswer {
            operation: op.id.clone(),
            violations: report.in_lang(codegen_runtime::Lang::En).to_string(),
        })
    }
}

fn http_method(method: Method) -> HttpMethod {
    match method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Patch => HttpMethod::PATCH,
        Method::Delete => HttpMethod::DELETE,
    }
}

/// The endpoint of an operation, as the generated server declares it.
pub fn endpoint(op: &Operation) -> Endpoint {
    let mut endpoint = Endpoint::new(op.id.clone(), http_method(op.method), op.path.clone())
        .content_type(op.content_type.as_str());
    for header in op.headers.iter().filter(|h| h.mandatory) {
        endpoint = endpoint.mandatory_header(header.name.clone(), header.description.clone());
    }
    endpoint
}

/// Every operation of `api`, validated by the IR and answered as
/// [`answers`] says.
pub fn routes(api: &Api, config: ServerConfig) -> Result<Routes, MockError> {
    let mut routes = Routes::new(config);
    for module in &api.modules {
        let shared = Arc::new(module.clone());
        for (index, op) in module.operations.iter().enumerate() {
            let answer = answer(module, index, op)?;
            let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
            let body: Arc<[u8]> = answer.body.into();
            let module = Arc::clone(&shared);
            let request = op.request;
            let operation: Arc<str> = Arc::from(op.id.as_str());
            routes = routes.endpoint(
                endpoint(op),
                move |bytes: &[u8]| check(&module, request, bytes),
                move |_context, ()| {
                    let reply = Reply::json(status, body.to_vec());
                    let operation = Arc::clone(&operation);
                    async move {
                        tracing::info!(operation = &*operation, "mock: answered a valid request");
                        reply
                    }
                },
            );
        }
    }
    Ok(routes)
}

fn check(module: &Module, ty: TypeId, bytes: &[u8]) -> Result<(), Report> {
    let report = validator::validate(module, ty, bytes);
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

/// The mock as an `axum::Router`.
pub fn router(api: &Api, config: ServerConfig) -> Result<Router, MockError> {
    Ok(routes(api, config)?.try_into_router()?)
}

/// Serves `router` on `listener` with the connection settings of `config`
/// (timeouts, connection limit; see `codegen_runtime::server::serve`) until
/// the future is dropped.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    config: ServerConfig,
) -> std::io::Result<()> {
    codegen_runtime::server::serve(listener, router)
        .config(config)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_api() -> Api {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        crate::loader::load_dir(&spec).unwrap_or_else(|d| panic!("{d}"))
    }

    fn find<'a>(answers: &'a [MockAnswer], operation: &str) -> &'a MockAnswer {
        answers.iter().find(|a| a.operation == operation).unwrap()
    }

    #[test]
    fn the_page_example_loses_only_its_unknown_attribute_and_keeps_its_order() {
        let answers = answers(&workspace_api()).unwrap();
        let detalhe = find(&answers, "demonstrativoPagamentoDetalhe");
        assert_eq!(
            detalhe.source,
            AnswerSource::Example {
                title: "Exemplo retorno API - sucesso".to_owned(),
                removed: vec!["/registros/2/subtitulo".to_owned()],
            }
        );
        let text = String::from_utf8(detalhe.body.clone()).unwrap();
        assert!(
            text.starts_with(
                r#"{"titulo":"Pagamento Mensal","subtitulo":"2024-08","tituloTotalizador""#
            ),
            "{text}"
        );
        assert!(
            text.contains(
                r##"{"titulo":"Outras informações","cor":"#FF0000","valorTotal":442.2,"##
            ),
            "{text}"
        );
        assert_eq!(detalhe.status, 200);

        let ocorrencia = find(&answers, "criarOcorrencia");
        assert_eq!(ocorrencia.source, AnswerSource::Undocumented);
        assert_eq!(ocorrencia.body, b"{}");
    }

    #[test]
    fn without_a_usable_example_the_answer_is_built_from_the_table() {
        let mut api = workspace_api();
        for module in &mut api.modules {
            for example in &mut module.examples {
                example.text = "not json".to_owned();
            }
        }
        let answers = answers(&api).unwrap();
        let detalhe = find(&answers, "demonstrativoPagamentoDetalhe");
        assert_eq!(detalhe.source, AnswerSource::Table);
        assert_eq!(
            String::from_utf8(detalhe.body.clone()).unwrap(),
            r#"{"titulo":"exemplo","subtitulo":"exemplo","tituloTotalizador":"exemplo","valorTotal":0,"dataPagamento":"2024-01-01","registros":[]}"#
        );
    }
}
