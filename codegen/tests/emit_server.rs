//! The server emitter: snapshots of the `server` part for the workspace's
//! pages and for an edge-case module (both implementers, headers, an
//! undocumented response, a spec type named like a runtime item), and errors
//! instead of routers that could not hold every endpoint.

mod common;

use codegen::emit::{self, EmitError};
use codegen::ir::*;
use common::workspace_api;

/// The `server.rs` files of `api`, concatenated.
fn server_files(api: &Api) -> String {
    emit::generate(api)
        .unwrap()
        .into_iter()
        .filter(|f| f.relative_path.ends_with("/server.rs"))
        .map(|f| format!("==> {} <==\n{}", f.relative_path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

fn string_field(wire: &str, description: &str) -> Field {
    Field {
        wire_name: wire.to_owned(),
        rust_name: wire.to_owned(),
        criterion: Criterion::Mandatory,
        ty: FieldType::String(None),
        doc_type: "String".to_owned(),
        description: description.to_owned(),
        rule: None,
    }
}

fn object(name: &str, fields: Vec<Field>) -> ObjectType {
    ObjectType {
        name: name.to_owned(),
        rust_name: name.to_owned(),
        title: None,
        description: None,
        fields,
    }
}

fn header(name: &str, mandatory: bool, description: &str) -> Header {
    Header {
        name: name.to_owned(),
        mandatory,
        doc_type: "token".to_owned(),
        description: description.to_owned(),
    }
}

fn operation(id: &str, method: Method, path: &str, implementer: Implementer) -> Operation {
    Operation {
        id: id.to_owned(),
        rust_name: id.to_owned(),
        method,
        path: path.to_owned(),
        content_type: MediaType::Json,
        summary: "Consulta algo".to_owned(),
        description: None,
        implementer,
        base_url: None,
        headers: Vec::new(),
        header_note: None,
        request: TypeId(0),
        response: Response::Typed(TypeId(2)),
        failure: None,
    }
}

/// Both implementers in one page, a mandatory and an optional header, a
/// documented failure type named `Failure` (so the runtime's is written in
/// full), and an undocumented response.
fn edge_cases() -> Module {
    let mut consultar = operation(
        "consultar",
        Method::Post,
        "/consultar",
        Implementer::Operator,
    );
    consultar.headers = vec![
        header("Authorization", true, "Token da integração"),
        header(
            "X-Beneficiario",
            false,
            "Header de segurança do beneficiário",
        ),
    ];
    consultar.failure = Some(TypeId(1));
    consultar.description = Some("Consulta com [colchetes] e <tags>.".to_owned());
    let mut registrar = operation("registrar", Method::Put, "/registrar", Implementer::Mosia);
    registrar.response = Response::Undocumented;
    let mut excluir = operation("excluir", Method::Delete, "/registrar", Implementer::Mosia);
    excluir.header_note = Some("Headers estáticos da integração.".to_owned());
    Module {
        name: "edge".to_owned(),
        source: "spec/edge.yaml".to_owned(),
        title: "Edge".to_owned(),
        description: None,
        operations: vec![consultar, registrar, excluir],
        types: vec![
            object("Pedido", vec![string_field("chave", "Chave")]),
            object("Failure", vec![string_field("mensagem", "Mensagem")]),
            object("Resposta", vec![string_field("titulo", "Título")]),
        ],
        examples: Vec::new(),
        disagreements: Vec::new(),
    }
}

#[test]
fn workspace_servers_have_one_trait_per_implementer() {
    // The full output is generated/src/*/server.rs, held by the staleness test.
    let out = server_files(&workspace_api());
    assert!(out.contains("pub trait Mosia"), "{out}");
    assert!(out.contains("pub trait Operadora"), "{out}");
}

#[test]
fn edge_cases_server_snapshot() {
    let out = server_files(&Api {
        modules: vec![edge_cases()],
    });
    // The spec's `Failure` is imported; the runtime's is written in full and
    // not re-exported.
    assert!(
        out.contains("use super::{Failure, Pedido, Resposta};"),
        "{out}"
    );
    assert!(
        out.contains("codegen_runtime::server::Failure<Failure>"),
        "{out}"
    );
    assert!(
        !out.contains("pub use codegen_runtime::server::{\n    Failure"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn single_file_layout_inlines_the_server_module() {
    let out = emit::generate_single_file(&Api {
        modules: vec![edge_cases()],
    })
    .unwrap();
    assert!(
        out.contains("#[cfg(feature = \"server\")]\n    pub mod server {"),
        "{out}"
    );
    syn::parse_file(&out).unwrap();
}

#[test]
fn a_page_without_operations_has_no_server() {
    let mut module = edge_cases();
    module.operations.clear();
    let files = emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap();
    assert!(files
        .iter()
        .all(|f| !f.relative_path.ends_with("server.rs")));
}

fn emit_err(module: Module) -> String {
    emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap_err()
    .to_string()
}

#[test]
fn endpoints_a_router_could_not_hold_are_errors() {
    // A media type other than JSON cannot be expressed in the IR any more
    // (`MediaType`): the loader refuses it (tests/gate.rs).
    let mut module = edge_cases();
    module.operations[2].method = Method::Put;
    let error = emit_err(module);
    assert!(
        error.contains("served at PUT /registrar like `registrar`"),
        "{error}"
    );

    let mut module = edge_cases();
    module.operations[0].headers[0].name = "Bad Header".to_owned();
    let error = emit_err(module);
    assert!(
        error.contains("`Bad Header` is not an HTTP token"),
        "{error}"
    );

    let mut module = edge_cases();
    module.operations[0].path = "/a?b".to_owned();
    assert!(emit_err(module).contains("path `/a?b`"));
}

#[test]
fn a_type_named_like_the_trait_is_an_error() {
    let mut module = edge_cases();
    module.types[2].name = "Operadora".to_owned();
    module.types[2].rust_name = "Operadora".to_owned();
    let error = emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap_err();
    assert!(matches!(error, EmitError::Unsupported { .. }), "{error}");
    assert!(error.to_string().contains("`Operadora`"), "{error}");
}
