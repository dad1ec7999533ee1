//! Checks `criarOcorrencia` bodies before they are sent to Mosia, with the
//! page's types generated in place by `mosia_api!` (types and validators
//! only: no client, no server, so `codegen-runtime` needs no feature).

codegen_macros::mosia_api! {
    // Relative to this crate's Cargo.toml; editing the file recompiles the crate.
    spec: ["spec/criar_ocorrencia.yaml"],
    operations: ["criarOcorrencia"],
    type_attributes: { "Solicitante" => #[derive(Default)] },
    field_attributes: { "CriarOcorrencia.anotacao" => #[doc(alias = "note")] },
}

use codegen_runtime::Decode;

pub use criar_ocorrencia::{CriarOcorrencia, Solicitante};

/// Each violation of a body as `(path, rule code)`; empty when it is valid.
pub fn violations(body: &[u8]) -> Vec<(String, &'static str)> {
    match CriarOcorrencia::from_json_slice(body) {
        Ok(_) => Vec::new(),
        Err(report) => report
            .iter()
            .map(|v| (v.path().to_owned(), v.rule().code()))
            .collect(),
    }
}
