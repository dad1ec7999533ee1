//! The generated type of each documented part, behind one signature, so tests
//! can run the same bytes through the generated decoder and the IR-driven
//! validator.

use codegen::ir::Part;
use codegen_runtime::{Decode, Report, Validate};
use mosia_api::{criar_ocorrencia as criar, demonstrativo_pagamento_detalhe as detalhe};

/// Decodes `bytes` with the generated type of `operation`/`part`; `None` when
/// the part is undocumented.
pub fn decode(operation: &str, part: Part, bytes: &[u8]) -> Option<Result<(), Report>> {
    fn run<T: Decode + Validate>(bytes: &[u8]) -> Result<(), Report> {
        let value = T::from_json_slice(bytes)?;
        // A decoded value must also pass `validate`: the two derives agree.
        value.validate()
    }
    Some(match (operation, part) {
        ("criarOcorrencia", Part::Request) => run::<criar::CriarOcorrencia>(bytes),
        ("demonstrativoPagamentoDetalhe", Part::Request) => run::<detalhe::DetalheRequest>(bytes),
        ("demonstrativoPagamentoDetalhe", Part::Response) => run::<detalhe::Demonstrativo>(bytes),
        ("demonstrativoPagamentoDetalhe", Part::Failure) => run::<detalhe::Falha>(bytes),
        _ => return None,
    })
}
