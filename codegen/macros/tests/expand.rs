//! The macro in use: one page, types and validators only, at the root of
//! this test crate (paths are relative to `codegen/macros/Cargo.toml`);
//! and both pages in a module of their own.

codegen_macros::mosia_api! {
    spec: ["../../spec/criar_ocorrencia.yaml"],
    type_attributes: { "Solicitante" => #[derive(Default)] },
}

/// Two files: the loader would read them on two threads, were it not
/// inside a macro (where only the macro's thread may make tokens).
mod both_pages {
    codegen_macros::mosia_api! {
        spec: [
            "../../spec/criar_ocorrencia.yaml",
            "../../spec/demonstrativo_pagamento_detalhe.yaml",
        ],
    }
}

use codegen_runtime::Decode;
use criar_ocorrencia::{CriarOcorrencia, Solicitante};

#[test]
fn the_generated_types_decode_and_report_violations() {
    let ok = CriarOcorrencia::from_json_slice(
        br#"{"idTipoOcorrencia": 12, "solicitante": {"nome": "Everson", "chaveUnica": "e@x.com"}}"#,
    )
    .unwrap();
    assert_eq!(ok.solicitante.nome, "Everson");

    let report =
        CriarOcorrencia::from_json_slice(br#"{"idTipoOcorrencia": "12", "solicitante": {}}"#)
            .unwrap_err();
    let paths: Vec<&str> = report.iter().map(|v| v.path()).collect();
    assert!(paths.contains(&"/idTipoOcorrencia"), "{report}");
    assert!(paths.contains(&"/solicitante/nome"), "{report}");

    // The extra derive reached the struct.
    assert_eq!(Solicitante::default().nome, "");
}

#[test]
fn two_spec_files_expand_in_one_macro() {
    use both_pages::demonstrativo_pagamento_detalhe::DetalheRequest;
    let request = DetalheRequest::from_json_slice(
        br#"{"chavePagamento": "MS00579", "chaveUnica": "101012"}"#,
    )
    .unwrap();
    assert_eq!(request.chave_pagamento, "MS00579");
    assert!(both_pages::criar_ocorrencia::CriarOcorrencia::from_json_slice(b"{}").is_err());
}
