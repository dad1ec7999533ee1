//! `operations:` → [`ir::Operation`]s.

use std::collections::HashMap;

use codegen_runtime::endpoint_rules;

use crate::ir::{self, Response, TypeId};
use crate::naming;
use crate::spec::{self, Lenient, Slot};

use super::report::{Report, SpecPath};
use super::types::Declared;

/// One operation as loaded.
pub struct Built {
    /// `None` if the operation has errors (reported).
    pub operation: Option<ir::Operation>,
    /// The id and header names as read, for resolving `at` paths and
    /// example targets even when the operation has errors.
    pub id: Option<String>,
    pub header_names: Vec<String>,
}

/// Every operation, in spec order.
pub fn build(
    report: &mut Report,
    declared: &Declared,
    items: &[Lenient<spec::Operation>],
) -> Vec<Built> {
    let list_at = SpecPath::root().key("operations");
    let mut seen = SeenIds::default();
    let mut built: Vec<Built> = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let id_hint = item.get().and_then(|op| op.id.get()).map(String::as_str);
            let at = list_at.item(index, id_hint);
            report.issues(&at, item);
            let nothing = Built {
                operation: None,
                id: None,
                header_names: Vec::new(),
            };
            let operation = match item.slot() {
                Slot::Valid(operation) => operation,
                Slot::Null => {
                    report.error(
                        &at,
                        "empty operation; expected a mapping with id, method, path, ...",
                    );
                    return nothing;
                }
                _ => return nothing,
            };
            let id = report.required_text(&at, "id", &operation.id);
            let rust_name = id.and_then(|id| operation_rust_name(report, &at.key("id"), id));
            let unique = match (id, &rust_name) {
                (Some(id), Some(rust)) => seen.check(report, &at.key("id"), index, id, rust),
                _ => false,
            };
            let (headers, header_names) = headers(report, &at, &operation.headers);
            let built = build_operation(report, declared, &at, operation, headers);
            let operation = match (built, id, rust_name, unique) {
                (Some(mut op), Some(id), Some(rust_name), true) => {
                    op.id = id.to_owned();
                    op.rust_name = rust_name;
                    Some(op)
                }
                _ => None,
            };
            Built {
                operation,
                id: id.map(str::to_owned),
                header_names,
            }
        })
        .collect();
    for index in 0..built.len() {
        let Some(op) = &built[index].operation else {
            continue;
        };
        let twin = built[..index]
            .iter()
            .filter_map(|other| other.operation.as_ref())
            .find(|other| same_endpoint(op, other));
        if let Some(other) = twin {
            report.error(
                &list_at.key(&op.id).key("path"),
                format!(
                    "operation {:?} is served at {} {} like operation {:?}; each method and \
                     path is one endpoint",
                    op.id,
                    op.method.as_str(),
                    op.path,
                    other.id
                ),
            );
            built[index].operation = None;
        }
    }
    built
}

/// Whether two operations are one endpoint: the same method at the same
/// path (a router could hold only one of them).
pub fn same_endpoint(a: &ir::Operation, b: &ir::Operation) -> bool {
    a.method == b.method && a.path == b.path
}

fn operation_rust_name(report: &mut Report, at: &SpecPath, id: &str) -> Option<String> {
    match naming::operation_name(id) {
        Ok(rust) => Some(rust),
        Err(why) => {
            report.error(at, format!("invalid operation id {id:?}: {why}"));
            None
        }
    }
}

/// Operation ids, and their Rust names, seen so far.
#[derive(Default)]
struct SeenIds {
    ids: HashMap<String, usize>,
    rust_names: HashMap<String, String>,
}

impl SeenIds {
    /// Whether `id` is new and its Rust name unclaimed; reports it if not.
    fn check(
        &mut self,
        report: &mut Report,
        at: &SpecPath,
        index: usize,
        id: &str,
        rust: &str,
    ) -> bool {
        if let Some(first) = self.ids.get(id) {
            report.error(
                at,
                format!("duplicate operation id {id:?} (also operation {first})"),
            );
            return false;
        }
        self.ids.insert(id.to_owned(), index);
        if let Some(other) = self.rust_names.get(rust) {
            report.error(
                at,
                format!("operations {other:?} and {id:?} both become the Rust function `{rust}`"),
            );
            return false;
        }
        self.rust_names.insert(rust.to_owned(), id.to_owned());
        true
    }
}

/// Builds the operation with placeholder id and Rust name (filled in by
/// the caller once uniqueness is known).
fn build_operation(
    report: &mut Report,
    declared: &Declared,
    at: &SpecPath,
    op: &spec::Operation,
    headers: Option<Vec<ir::Header>>,
) -> Option<ir::Operation> {
    let method = report.required(at, "method", &op.method).copied();
    let path = report
        .required_text(at, "path", &op.path)
        .and_then(|path| check_path(report, &at.key("path"), path));
    let content_type = report
        .required_text(at, "content_type", &op.content_type)
        .and_then(|text| media_type(report, &at.key("content_type"), text));
    let summary = report.required_text(at, "summary", &op.summary);
    let description = report.optional_text(at, "description", &op.description);
    let implementer = report
        .required(at, "implemented_by", &op.implemented_by)
        .copied();
    // `Some(None)`: given but wrong (reported); checked before any early
    // return so that every problem of the operation is reported.
    let base_url = report
        .optional_text(at, "base_url", &op.base_url)
        .map(|url| check_base_url(report, &at.key("base_url"), url));
    let header_note = report.optional_text(at, "header_note", &op.header_note);
    let request = report
        .required_text(at, "request", &op.request)
        .and_then(|name| declared.reference(report, &at.key("request"), name));
    let response = report
        .required_text(at, "response", &op.response)
        .and_then(|name| response(report, declared, &at.key("response"), name));
    let failure = report
        .optional_text(at, "failure", &op.failure)
        .map(|name| declared.reference(report, &at.key("failure"), name));
    Some(ir::Operation {
        id: String::new(),
        rust_name: String::new(),
        method: match method? {
            spec::Method::Get => ir::Method::Get,
            spec::Method::Post => ir::Method::Post,
            spec::Method::Put => ir::Method::Put,
            spec::Method::Patch => ir::Method::Patch,
            spec::Method::Delete => ir::Method::Delete,
        },
        path: path?.to_owned(),
        content_type: content_type?,
        summary: summary?.to_owned(),
        description: description.map(str::to_owned),
        implementer: match implementer? {
            spec::Implementer::Mosia => ir::Implementer::Mosia,
            spec::Implementer::Operator => ir::Implementer::Operator,
        },
        base_url: match base_url {
            Some(url) => Some(url?.to_owned()),
            None => None,
        },
        headers: headers?,
        header_note: header_note.map(str::to_owned),
        request: request?,
        response: response?,
        failure: match failure {
            Some(id) => Some(id?),
            None => None,
        },
    })
}

fn response(
    report: &mut Report,
    declared: &Declared,
    at: &SpecPath,
    name: &str,
) -> Option<Response> {
    if name == spec::UNDOCUMENTED {
        return Some(Response::Undocumented);
    }
    declared
        .reference(report, at, name)
        .map(|id: TypeId| Response::Typed(id))
}

/// An endpoint path: what the runtime can route
/// ([`endpoint_rules::is_endpoint_path`], the rule the server runtime
/// applies), and no empty segment or `{`, `}`, `*`, which a router would
/// read as parameters and wildcards (the pages' paths have none).
fn check_path<'s>(report: &mut Report, at: &SpecPath, path: &'s str) -> Option<&'s str> {
    let problem = if !endpoint_rules::is_endpoint_path(path) {
        // Which part of the runtime's rule it breaks, in the order of the
        // rule's documentation.
        Some(if !path.starts_with('/') {
            "must start with `/`"
        } else if path.contains(['?', '#']) {
            "must not contain a query or fragment"
        } else {
            "must not contain whitespace or control characters"
        })
    } else if path.contains("//") {
        Some("must not contain an empty segment (`//`)")
    } else if path.contains(['{', '}', '*']) {
        Some(
            "must not contain `{`, `}` or `*` (a router reads them as path parameters and \
             wildcards; the documented paths are literal)",
        )
    } else {
        None
    };
    match problem {
        Some(problem) => {
            report.error(
                at,
                format!("path {path:?} {problem}; expected a path like /clientes/ocorrencias"),
            );
            None
        }
        None => Some(path),
    }
}

/// The `content_type`, parsed: a JSON media type
/// ([`endpoint_rules::is_json_media_type`], the rule the server runtime
/// applies) that the generated client can send, i.e. `application/json`.
fn media_type(report: &mut Report, at: &SpecPath, text: &str) -> Option<ir::MediaType> {
    if text
        .trim()
        .eq_ignore_ascii_case(ir::MediaType::Json.as_str())
    {
        return Some(ir::MediaType::Json);
    }
    let essence = text.split(';').next().unwrap_or_default();
    let (message, help) = if endpoint_rules::is_json_media_type(text) {
        (
            format!("content type {text:?} is a JSON type the generated code cannot use"),
            "the generated clients always send `Content-Type: application/json` and the \
             generated servers expect it: write application/json",
        )
    } else if text.contains(';') && endpoint_rules::is_json_media_type(essence) {
        (
            format!("content type {text:?} has parameters"),
            "write the media type alone, application/json (JSON is always UTF-8)",
        )
    } else {
        (
            format!("content type {text:?} is not JSON; expected application/json"),
            "the generated clients, servers and the mock read and write JSON bodies only",
        )
    };
    report.error_with_help(at, message, help);
    None
}

fn check_base_url<'s>(report: &mut Report, at: &SpecPath, url: &'s str) -> Option<&'s str> {
    let problem = if !(url.starts_with("https://") || url.starts_with("http://")) {
        Some("must start with https:// or http://")
    } else if url.ends_with('/') {
        Some("must not end with `/` (the operation's path supplies it)")
    } else if url.chars().any(char::is_whitespace) {
        Some("must not contain whitespace")
    } else {
        None
    };
    match problem {
        Some(problem) => {
            report.error(at, format!("base URL {url:?} {problem}"));
            None
        }
        None => Some(url),
    }
}

/// The header rows; `None` if any has errors. Also returns the names read.
fn headers(
    report: &mut Report,
    at: &SpecPath,
    node: &Lenient<Vec<Lenient<spec::Header>>>,
) -> (Option<Vec<ir::Header>>, Vec<String>) {
    let Some(items) = report.optional(at, "headers", node) else {
        let ok = node.issues().is_empty();
        return (ok.then(Vec::new), Vec::new());
    };
    let list_at = at.key("headers");
    let mut names = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let headers: Vec<Option<ir::Header>> = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let name_hint = item.get().and_then(|h| h.name.get()).map(String::as_str);
            let at = list_at.item(index, name_hint);
            report.issues(&at, item);
            let header = match item.slot() {
                Slot::Valid(header) => header,
                Slot::Null => {
                    report.error(&at, "empty header; expected a mapping with name, criterion, type and description");
                    return None;
                }
                _ => return None,
            };
            let name = report
                .required_text(&at, "name", &header.name)
                .filter(|name| header_name(report, &at.key("name"), name));
            if let Some(name) = name {
                names.push(name.to_owned());
                // HTTP header names are case-insensitive.
                if let Some(first) = seen.insert(name.to_ascii_lowercase(), index) {
                    report.error(
                        &at.key("name"),
                        format!("duplicate header {name:?} (also header {first}; header names are case-insensitive)"),
                    );
                }
            }
            let mandatory = match report.required(&at, "criterion", &header.criterion) {
                Some(spec::Criterion::Mandatory) => Some(true),
                Some(spec::Criterion::Optional) => Some(false),
                Some(spec::Criterion::Conditional) => {
                    report.error(&at.key("criterion"), "a header is either M or OP; C is not supported for headers");
                    None
                }
                None => None,
            };
            let doc_type = report.required_text(&at, "type", &header.doc_type);
            let description = report.required_text(&at, "description", &header.description);
            Some(ir::Header {
                name: name?.to_owned(),
                mandatory: mandatory?,
                doc_type: doc_type?.to_owned(),
                description: description?.to_owned(),
            })
        })
        .collect();
    let all_unique = seen.len() == headers.len();
    let headers = headers
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .filter(|_| all_unique);
    (headers, names)
}

/// Whether `name` is an HTTP header name ([`endpoint_rules::is_header_name`],
/// the rule the client and server runtimes rely on); reports it if not.
fn header_name(report: &mut Report, at: &SpecPath, name: &str) -> bool {
    if endpoint_rules::is_header_name(name) {
        return true;
    }
    report.error_with_help(
        at,
        format!("header name {name:?} is not an HTTP header name"),
        "a header name is one word of letters, digits and !#$%&'*+-.^_`|~ (an RFC 9110 \
         token): write the name the header is sent with",
    );
    false
}
