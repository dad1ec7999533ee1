//! The client emitter (`<module>/client.rs`): snapshots on the workspace's
//! spec and on hand-built IR covering what the spec does not (several
//! operations, no common base URL, mandatory and optional headers, names
//! that clash with the client's own), and errors instead of panics.

mod common;

use codegen::emit::{self, EmitError, GeneratedFile};
use codegen::ir::*;
use common::workspace_api;

/// The `client.rs` files, concatenated.
fn clients(files: &[GeneratedFile]) -> String {
    files
        .iter()
        .filter(|f| f.relative_path.ends_with("/client.rs"))
        .map(|f| format!("==> {} <==\n{}", f.relative_path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

fn string_field(wire: &str, rust: &str, criterion: Criterion) -> Field {
    Field {
        wire_name: wire.to_owned(),
        rust_name: rust.to_owned(),
        criterion,
        ty: FieldType::String(None),
        doc_type: "String".to_owned(),
        description: format!("O {wire}"),
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

fn header(name: &str, mandatory: bool) -> Header {
    Header {
        name: name.to_owned(),
        mandatory,
        doc_type: "token".to_owned(),
        description: format!("Header {name}"),
    }
}

#[allow(clippy::too_many_arguments)]
fn operation(
    id: &str,
    rust_name: &str,
    method: Method,
    path: &str,
    base_url: Option<&str>,
    headers: Vec<Header>,
    request: usize,
    response: Response,
    failure: Option<usize>,
) -> Operation {
    Operation {
        id: id.to_owned(),
        rust_name: rust_name.to_owned(),
        method,
        path: path.to_owned(),
        content_type: MediaType::Json,
        summary: format!("Resumo de {id}"),
        description: None,
        implementer: Implementer::Mosia,
        base_url: base_url.map(str::to_owned),
        headers,
        header_note: None,
        request: TypeId(request),
        response,
        failure: failure.map(TypeId),
    }
}

/// Two operations on different hosts, both needing `X-Api-Key`; a spec type
/// called `Error` (the client's own name); a failure type without
/// `mensagem` and one with an optional `mensagem`.
fn edge_cases() -> Module {
    use Criterion::{Mandatory as M, Optional as OP};
    Module {
        name: "casos".to_owned(),
        source: "spec/casos.yaml".to_owned(),
        title: "Casos [limite]".to_owned(),
        description: None,
        operations: vec![
            operation(
                "listarCoisas",
                "listar_coisas",
                Method::Get,
                "/coisas",
                Some("https://a.example.com"),
                vec![header("X-Api-Key", true), header("X-Trace", false)],
                0,
                Response::Typed(TypeId(1)),
                Some(1),
            ),
            operation(
                "type",
                "r#type",
                Method::Put,
                "/tipos",
                Some("https://b.example.com"),
                vec![header("x-api-key", true)],
                0,
                Response::Undocumented,
                Some(2),
            ),
        ],
        types: vec![
            object("Pedido", vec![string_field("nome", "nome", M)]),
            object("Error", vec![string_field("codigo", "codigo", M)]),
            object("Aviso", vec![string_field("mensagem", "mensagem", OP)]),
        ],
        examples: Vec::new(),
        disagreements: Vec::new(),
    }
}

#[test]
fn edge_cases_client_snapshot() {
    let files = emit::generate(&Api {
        modules: vec![edge_cases()],
    })
    .unwrap();
    let text = clients(&files);
    // No common base URL: it is an argument, before the mandatory header.
    assert!(text.contains("pub fn new(\n        base_url: impl Into<String>,\n        x_api_key: impl Into<Secret>,"), "{text}");
    assert!(!text.contains("BASE_URL"), "{text}");
    // The spec's `Error` does not shadow the client's.
    assert!(
        text.contains("Result<Response<super::Error>, Error<super::Error>>"),
        "{text}"
    );
    assert!(text.contains("impl FailureBody for super::Error"), "{text}");
    assert!(text.contains("self.mensagem.as_deref()"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn the_client_part_is_behind_the_client_feature() {
    let files = emit::generate(&workspace_api()).unwrap();
    for module in ["criar_ocorrencia", "demonstrativo_pagamento_detalhe"] {
        let mod_rs = files
            .iter()
            .find(|f| f.relative_path == format!("{module}/mod.rs"))
            .unwrap();
        assert!(
            mod_rs
                .contents
                .contains("#[cfg(feature = \"client\")]\npub mod client;"),
            "{}",
            mod_rs.contents
        );
    }
    let single = emit::generate_single_file(&workspace_api()).unwrap();
    assert!(single.contains("#[cfg(feature = \"client\")]"));
    assert!(single.contains("pub struct Client {"));
}

#[test]
fn a_module_without_operations_has_no_client() {
    let mut module = edge_cases();
    module.operations.clear();
    let files = emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap();
    assert!(files
        .iter()
        .all(|f| !f.relative_path.ends_with("client.rs")));
}

fn emit_err(module: Module) -> EmitError {
    emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap_err()
}

#[test]
fn what_the_client_cannot_express_is_an_error() {
    // A media type other than JSON cannot be expressed in the IR any more
    // (`MediaType`): the loader refuses it (tests/gate.rs).
    let mut module = edge_cases();
    module.operations[1].rust_name = "builder".to_owned();
    assert!(emit_err(module)
        .to_string()
        .contains("its client method `builder` is taken"));

    let mut module = edge_cases();
    module.operations[1].rust_name = "listar_coisas_with".to_owned();
    assert!(emit_err(module)
        .to_string()
        .contains("its client method `listar_coisas_with` is taken"));

    let mut module = edge_cases();
    for op in &mut module.operations {
        op.headers = vec![header("Base-Url", true)];
    }
    assert!(emit_err(module)
        .to_string()
        .contains("header `Base-Url`: no usable Rust parameter name"));
}
