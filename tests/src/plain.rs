//! The plain-serde baseline of the benchmarks: `#[derive(Deserialize)]`
//! structs of the same shape and field types as the generated ones
//! (`Decimal` money, `NaiveDate` dates), which check types and nothing else.
// Fields exist to be deserialized; nothing reads them.
#![allow(dead_code)]

use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::serde_json::{Map, Value};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Demonstrativo {
    pub titulo: String,
    pub subtitulo: String,
    pub titulo_totalizador: String,
    pub valor_total: Decimal,
    pub data_pagamento: NaiveDate,
    pub registros: Vec<Registro>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registro {
    pub titulo: String,
    pub icone: Option<String>,
    pub cor: Option<String>,
    pub valor_total: Decimal,
    pub valores: Vec<Valor>,
}

#[derive(Deserialize)]
pub struct Valor {
    pub codigo: String,
    pub descricao: String,
    pub valor: Decimal,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CriarOcorrencia {
    pub id_tipo_ocorrencia: i64,
    pub solicitante: Pessoa,
    pub numero_contrato: Option<String>,
    pub id_assunto: Option<i64>,
    pub rascunho: Option<bool>,
    pub beneficiario: Option<Pessoa>,
    pub formularios: Option<Vec<Formulario>>,
    pub anotacao: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pessoa {
    pub nome: String,
    pub chave_unica: String,
    pub email: Option<String>,
    pub telefone: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Formulario {
    pub id_form: i64,
    pub form_data: Vec<Map<String, Value>>,
}
