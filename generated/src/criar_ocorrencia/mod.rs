// @generated from spec/criar_ocorrencia.yaml by `cargo run -p codegen`. Do not edit.
//! Api clientes - Criar Ocorrência
//!
//! Regras de negócio
//!
//! Cria uma nova ocorrência com os dados passados no body.
//!
//! Transcrição da página em `spec/criar_ocorrencia.yaml`; os critérios das tabelas (M, C, OP)
//! viram regras de validação dos tipos abaixo.
//!
//! # `criarOcorrencia` — Cria uma ocorrência
//!
//! | Campo | Valor |
//! |---|---|
//! | Método | `POST` |
//! | Caminho | `/clientes/ocorrencias` |
//! | URL base | <https://api.mosiaomnichannel.com.br> |
//! | Content-Type | `application/json` |
//! | Implementado por | Mosia Omnichannel (a operadora chama esta API) |
//! | Requisição | [`CriarOcorrencia`] |
//! | Resposta (sucesso) | não documentada pela página |
//!
//! Cria uma nova ocorrência com os dados passados no body.
//!
//! Headers:
//!
//! | Parâmetro | Obrigatório | Tipo | Descrição |
//! |---|---|---|---|
//! | `Authorization` | M | token do cliente | Token de autenticação do cliente |
//!
//! # Divergências da página
//!
//! Onde a página se contradiz, a tabela prevalece:
//!
//! * `types.Formulario.fields.idForm`: Tabela diz Int; o exemplo traz a string hexadecimal
//!   "633c6daf04cf7c362778475f". Segue-se a tabela.
//! * `examples.1`: O exemplo do Objeto Beneficiario termina com vírgula depois de "telefone"
//!   ("27997981966", }), o que não é JSON; o exemplo do Objeto Solicitante, de resto
//!   idêntico, não tem a vírgula.
//! * `types.Beneficiario.fields.nome`: A descrição de nome no Objeto Beneficiario diz "Nome
//!   Solicitante", copiada da tabela do Objeto Solicitante; o atributo é o nome do
//!   beneficiário. Transcrita verbatim.
//! * `operations.criarOcorrencia`: "Descrição dos objetos e atributos de retorno - Sucesso"
//!   diz "Está indicado abaixo a estrutura de retorno do método de criação de ocorrência.",
//!   mas nada vem abaixo: o retorno não é documentado (response: undocumented), e nenhum
//!   retorno de falha é documentado.
//! * `operations.criarOcorrencia`: A seção "Request body" está vazia: a página não mostra o
//!   corpo completo da requisição, só exemplos de cada objeto.
//! * `types.Formulario.fields.formData`: Descrição "Objeto do FormData Preenchido" (um
//!   objeto), Tipo "Array de Objeto"; o exemplo traz um array de objetos. Segue-se a tabela:
//!   array de objetos livres.

mod types;
pub use types::*;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "server")]
pub mod server;
