//! The macro in use: one page, types and validators only, at the root of
//! this test crate (paths are relative to `codegen/macros/Cargo.toml`).

codegen_macros::mosia_api! {
    spec: ["../../spec/criar_ocorrencia.yaml"],
    type_attributes: { "Solicitante" => #[derive(Default)] },
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
