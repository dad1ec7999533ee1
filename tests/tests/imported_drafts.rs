//! The drafts `codegen import` writes from the two seed pages
//! (codegen/tests/import/drafts/, kept equal to the import's output by
//! codegen's tests) generate Rust that compiles, client and server
//! included, and whose types accept the pages' valid examples.

mod criar_ocorrencia {
    codegen_macros::mosia_api! {
        spec: ["../codegen/tests/import/drafts/criar_ocorrencia.yaml"],
        client: true,
        server: true,
    }
}

mod demonstrativo {
    codegen_macros::mosia_api! {
        spec: ["../codegen/tests/import/drafts/demonstrativo_pagamento_detalhe.yaml"],
        client: true,
        server: true,
    }
}

use codegen_runtime::Decode;

#[test]
fn the_imported_types_decode_the_pages_examples() {
    let solicitante = br#"{ "chaveUnica": "everson@mobilesaude.com.br", "nome": "Everson", "email": "everson@mobilesaude.com.br", "telefone": "27997981966" }"#;
    let decoded =
        criar_ocorrencia::criar_ocorrencia::Solicitante::from_json_slice(solicitante).unwrap();
    assert_eq!(decoded.nome, "Everson");
    let falha = r#"{ "mensagem": "Resumo de cobrança não encontrado!" }"#.as_bytes();
    assert!(
        demonstrativo::demonstrativo_pagamento_detalhe::DemonstrativoPagamentoDetalheFalha::from_json_slice(falha)
            .is_ok()
    );
    assert!(
        demonstrativo::demonstrativo_pagamento_detalhe::DemonstrativoPagamentoDetalheFalha::from_json_slice(b"{}")
            .is_err()
    );
}
