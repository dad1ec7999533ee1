//! A hand-written mirror of the generated types, with every attribute.

use std::collections::BTreeMap;

use codegen_runtime::{Decode, Validate};
use serde::Serialize;

#[derive(Debug, Serialize, Decode, Validate)]
#[serde(rename_all = "camelCase")]
#[mosia(deserialize)]
struct Demonstrativo {
    titulo: String,
    #[mosia(OP)]
    subtitulo: Option<String>,
    #[mosia(format = "date")]
    data_pagamento: String,
    #[mosia(length(min = 1))]
    registros: Vec<Registro>,
    extras: Option<BTreeMap<String, Registro>>,
    #[serde(skip)]
    carregado_em: u64,
}

#[derive(Debug, Serialize, Decode, Validate)]
#[serde(rename_all = "camelCase")]
struct Registro {
    #[mosia(length(max = 40), pattern = "^[A-Z]")]
    titulo: String,
    #[mosia(format = "color")]
    cor: Option<String>,
    #[serde(rename = "tipo")]
    kind: Tipo,
    #[mosia(C(equals(kind = "PF")), pattern = r"^\d{11}$")]
    cpf: Option<String>,
    #[mosia(C(filled(cor, cpf)))]
    legenda: Option<String>,
    #[mosia(M)]
    valor: Option<f64>,
}

#[derive(Debug, PartialEq, Serialize, Decode, Validate)]
#[serde(rename_all = "UPPERCASE")]
enum Tipo {
    Pf,
    Pj,
}

fn main() {
    let ok = Demonstrativo::from_json_str(
        r##"{"titulo": "t", "dataPagamento": "2024-02-29",
            "registros": [{"titulo": "A", "tipo": "PJ", "valor": 1.5}]}"##,
    )
    .unwrap();
    assert_eq!(ok.registros[0].kind, Tipo::Pj);
    assert_eq!(ok.carregado_em, 0);
    assert!(ok.validate().is_ok());

    let report = Demonstrativo::from_json_str(
        r##"{"titulo": "t", "dataPagamento": "2024-02-30", "registros": [
              {"titulo": "a", "tipo": "PF", "cor": "#123456", "valor": null},
              {"titulo": "B", "tipo": "XX", "valor": 1}]}"##,
    )
    .unwrap_err();
    let pairs: Vec<(&str, &str)> = report.iter().map(|v| (v.path(), v.rule().code())).collect();
    assert_eq!(
        pairs,
        // Nested objects are reported as they are read; an object's own
        // field rules once it is closed.
        [
            ("/registros/0/titulo", "pattern"),
            ("/registros/0/cpf", "conditional"),
            ("/registros/0/legenda", "conditional"),
            ("/registros/0/valor", "mandatory"),
            ("/registros/1/tipo", "value"),
            ("/dataPagamento", "format"),
        ]
    );
}
