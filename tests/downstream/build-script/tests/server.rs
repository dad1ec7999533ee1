//! The operator's server, called through the generated client on 127.0.0.1.

use std::collections::HashSet;
use std::time::Duration;

use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::client::{Error, Headers};
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::server::axum;
use codegen_runtime::Decode;
use downstream_build_script::demonstrativo_pagamento_detalhe::client::Client;
use downstream_build_script::demonstrativo_pagamento_detalhe::server::operadora_router;
use downstream_build_script::demonstrativo_pagamento_detalhe::{
    Demonstrativo, DetalheRequest, Falha, Registro,
};
use downstream_build_script::{Demonstrativos, Lancamento, TOKEN_HEADER};

fn demonstrativo() -> Demonstrativo {
    Demonstrativo {
        titulo: "Primeira quinzena".into(),
        subtitulo: "Competência 05/2024".into(),
        titulo_totalizador: "Total líquido".into(),
        valor_total: Decimal::new(125050, 2),
        data_pagamento: NaiveDate::from_ymd_opt(2024, 6, 5).unwrap(),
        registros: vec![Registro {
            titulo: "Consultas".into(),
            icone: None,
            cor: None,
            valor_total: Decimal::new(125050, 2),
            valores: vec![
                Lancamento {
                    codigo: "10101012".into(),
                    descricao: "Consulta em consultório".into(),
                    valor: Decimal::new(130050, 2),
                },
                Lancamento {
                    codigo: "90000001".into(),
                    descricao: "Glosa".into(),
                    valor: Decimal::new(-5000, 2),
                },
            ],
        }],
    }
}

fn pedido(chave_pagamento: &str) -> DetalheRequest {
    DetalheRequest {
        chave_pagamento: chave_pagamento.into(),
        chave_unica: "101012".into(),
        integracao: None,
    }
}

#[tokio::test]
async fn the_generated_client_calls_our_server() {
    tokio::time::timeout(Duration::from_secs(20), scenario())
        .await
        .expect("the scenario ran into its 20 s bound");
}

async fn scenario() {
    let mut service = Demonstrativos::default();
    service.insert("101012", "MS00579", demonstrativo());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, operadora_router(service)).await });

    let client = Client::builder(format!("http://{addr}"))
        .header(TOKEN_HEADER, "token-de-teste")
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    // Found: our `Lancamento`s come back decoded and validated.
    let resposta = client
        .demonstrativo_pagamento_detalhe(&pedido("MS00579"))
        .await
        .unwrap();
    assert_eq!(resposta.status().as_u16(), 200);
    assert_eq!(resposta.body(), &demonstrativo());
    let valores = &resposta.body().registros[0].valores;
    assert_eq!(valores.iter().filter(|v| v.is_desconto()).count(), 1);

    // Not found: the documented failure body, typed.
    let mut falhas = HashSet::new(); // `Falha` derives Eq and Hash (type_attribute)
    match client
        .demonstrativo_pagamento_detalhe(&pedido("MS00000"))
        .await
    {
        Err(Error::Failure { status, body }) => {
            assert_eq!(status.as_u16(), 404);
            falhas.insert(body);
        }
        other => panic!("{other:?}"),
    }

    // Without the beneficiary's token, our operator refuses the call; the
    // token can also go on one call only (`_with`).
    let anonimo = Client::new(format!("http://{addr}")).unwrap();
    match anonimo
        .demonstrativo_pagamento_detalhe(&pedido("MS00579"))
        .await
    {
        Err(Error::Failure { status, body }) => {
            assert_eq!(status.as_u16(), 401);
            falhas.insert(body);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(falhas.len(), 2);
    let token = Headers::new().with(TOKEN_HEADER, "token-de-teste").unwrap();
    let resposta = anonimo
        .demonstrativo_pagamento_detalhe_with(&pedido("MS00579"), &token)
        .await
        .unwrap();
    assert_eq!(resposta.body().titulo, "Primeira quinzena");
    assert!(falhas.contains(&Falha {
        mensagem: "Resumo de cobrança não encontrado!".into()
    }));

    // A request that breaks the page's rules is never sent.
    match client.demonstrativo_pagamento_detalhe(&pedido(" ")).await {
        Err(error @ Error::InvalidRequest(_)) => assert!(!error.may_have_reached_server()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn our_rule_on_the_replaced_type_applies_inside_generated_ones() {
    let body = br#"{"titulo": "t", "valorTotal": 1.5, "valores": [
        {"codigo": "A-1", "descricao": "x", "valor": 1.5}
    ]}"#;
    let report = Registro::from_json_slice(body).unwrap_err();
    let paths: Vec<&str> = report.iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["/valores/0/codigo"], "{report}");
}
