// @generated from spec/demonstrativo_pagamento_detalhe.yaml by `cargo run -p codegen`. Do not edit.
use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::serde_json::{Map, Value};
use codegen_runtime::{Decode, Validate};
use serde::Serialize;

/// Parâmetros de entrada
///
/// Corpo da requisição de `demonstrativoPagamentoDetalhe`
/// (`POST /demonstrativoPagamento/detalhe`).
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct DetalheRequest {
    /// Chave de identificação do período selecionado. Essa informação é retornada pelo método
    /// resumo.
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    #[serde(rename = "chavePagamento")]
    pub chave_pagamento: String,
    /// Chave de identificação do usuário retornada no login
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    #[serde(rename = "chaveUnica")]
    pub chave_unica: String,
    /// Nó integração retornado no login do usuário
    ///
    /// Critério: OP (opcional) · Tipo: `Objeto`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integracao: Option<Map<String, Value>>,
}

/// Objeto principal
///
/// Está indicado abaixo a estrutura de retorno do seu método login. Esse método deve obedecer
/// as regras indicadas no objeto principal e em seus desdobramentos.
///
/// Resposta de sucesso de `demonstrativoPagamentoDetalhe`
/// (`POST /demonstrativoPagamento/detalhe`).
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Demonstrativo {
    /// Informe o titulo de apresentação do período de pagamento, por exemplo: “Primeira
    /// quinzena“; “Segunda quinzena“; “Pagamento mensal”
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    pub titulo: String,
    /// Informe o subtitulo do periodo, por exemplo: competência de pagamento
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    pub subtitulo: String,
    /// titulo totalizador dos registros de produção
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    ///
    /// Regra de preenchimento: texto livre
    #[serde(rename = "tituloTotalizador")]
    pub titulo_totalizador: String,
    /// valor total liquido a receber
    ///
    /// Critério: M (mandatório) · Tipo: `Float`
    #[serde(rename = "valorTotal", with = "codegen_runtime::json_decimal")]
    pub valor_total: Decimal,
    /// Data de Pagamento
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    ///
    /// Regra de preenchimento: Formato: Formato: YYYY-MM-DD
    #[serde(rename = "dataPagamento")]
    pub data_pagamento: NaiveDate,
    /// Array de objetos do tipo "registro"
    ///
    /// Critério: M (mandatório) · Tipo: `Array`
    pub registros: Vec<Registro>,
}

/// Objeto registro
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Registro {
    /// Titulo do agrupador de registros
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    pub titulo: String,
    /// Ícones suportados pelo aplicativo Mosia Omnichannel
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icone: Option<String>,
    /// cor do agrupador
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    ///
    /// Regra de preenchimento: Hexadecimal. com o #. da cor que deseja que seja usada para
    /// representar o agrupador.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[mosia(format = "color")]
    pub cor: Option<String>,
    /// Valor total do registro
    ///
    /// Critério: M (mandatório) · Tipo: `Float`
    #[serde(rename = "valorTotal", with = "codegen_runtime::json_decimal")]
    pub valor_total: Decimal,
    /// Array de objetos do tipo "valor"
    ///
    /// Critério: M (mandatório) · Tipo: `Array`
    pub valores: Vec<Valor>,
}

/// Objeto valor
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Valor {
    /// identificador
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    ///
    /// Regra de preenchimento: texto livre
    pub codigo: String,
    /// Descrição
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    ///
    /// Regra de preenchimento: texto livre
    pub descricao: String,
    /// Valor
    ///
    /// Critério: M (mandatório) · Tipo: `Float`
    #[serde(with = "codegen_runtime::json_decimal")]
    pub valor: Decimal,
}

/// Objetos e atributos de retorno
///
/// Está indicado abaixo a estrutura de retorno do seu método listaDebitos. Esse método deve
/// obedecer as regras indicadas no objeto principal e em seus desdobramentos.
///
/// Atente-se as mensagens de retorno para cada HTTPS Status Code;
///
/// Resposta de falha de `demonstrativoPagamentoDetalhe`
/// (`POST /demonstrativoPagamento/detalhe`).
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Falha {
    /// mensagem para ser exibida para o cliente
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    ///
    /// Regra de preenchimento: texto livre
    pub mensagem: String,
}
