// @generated from spec/criar_ocorrencia.yaml by `cargo run -p codegen`. Do not edit.
use codegen_runtime::serde_json::{Map, Value};
use codegen_runtime::{Decode, Validate};
use serde::Serialize;

/// Parametros de entrada
///
/// Serão enviados no BODY os seguintes parâmetros:
///
/// Corpo da requisição de `criarOcorrencia` (`POST /clientes/ocorrencias`).
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct CriarOcorrencia {
    /// ID do Tipo de Ocorrência
    ///
    /// Critério: M (mandatório) · Tipo: `Int`
    #[serde(rename = "idTipoOcorrencia")]
    pub id_tipo_ocorrencia: i64,
    /// Objeto Solicitante
    ///
    /// Critério: M (mandatório) · Tipo: `Objeto`
    pub solicitante: Solicitante,
    /// Número do Contrato
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(rename = "numeroContrato", default, skip_serializing_if = "Option::is_none")]
    pub numero_contrato: Option<String>,
    /// Id do Assunto da Ocorrência
    ///
    /// Critério: OP (opcional) · Tipo: `Int`
    #[serde(rename = "idAssunto", default, skip_serializing_if = "Option::is_none")]
    pub id_assunto: Option<i64>,
    /// Define se é Ocorrência é Rascunho
    ///
    /// Critério: OP (opcional) · Tipo: `Boolean`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rascunho: Option<bool>,
    /// Objeto Beneficiario
    ///
    /// Critério: OP (opcional) · Tipo: `Objeto`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiario: Option<Beneficiario>,
    /// Array com Objeto(s) de Formulário
    ///
    /// Critério: OP (opcional) · Tipo: `Array de Objeto de Formularios`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formularios: Option<Vec<Formulario>>,
    /// Texto para Anotação
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anotacao: Option<String>,
}

/// Objeto Solicitante \[M\]
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Solicitante {
    /// Nome Solicitante
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    pub nome: String,
    /// Chave Única
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    #[serde(rename = "chaveUnica")]
    pub chave_unica: String,
    /// Email
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telefone
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefone: Option<String>,
}

/// Objeto Beneficiario \[OP\]
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Beneficiario {
    /// Nome Solicitante
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    pub nome: String,
    /// Chave Única
    ///
    /// Critério: M (mandatório) · Tipo: `String`
    #[serde(rename = "chaveUnica")]
    pub chave_unica: String,
    /// Email
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telefone
    ///
    /// Critério: OP (opcional) · Tipo: `String`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefone: Option<String>,
}

/// Objeto Formulario
#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Formulario {
    /// Id do Formulário
    ///
    /// Critério: M (mandatório) · Tipo: `Int`
    #[serde(rename = "idForm")]
    pub id_form: i64,
    /// Objeto do FormData Preenchido
    ///
    /// Critério: M (mandatório) · Tipo: `Array de Objeto`
    #[serde(rename = "formData")]
    pub form_data: Vec<Map<String, Value>>,
}
