// @generated from spec/demonstrativo_pagamento_detalhe.yaml by `cargo run -p codegen`. Do not edit.
//! demonstrativoPagamento/detalhe
//!
//! Só são suportadas integrações no padrão REST.
//!
//! Critérios de preenchimento
//!
//! M (Mandatório): O preenchimento do atributo é obrigatório. Caso o atributo esteja nulo ou
//! em branco, seu "response" será rejeitado.
//!
//! C (Condicional): O atributo pode tornar-se obrigatório quando um ou mais atributos
//! auxiliares for preenchido / atualizado.
//!
//! OP (Opcional): Seu preenchimento não é obrigatório. Pode-se enviar NULL para objetos, ou
//! arrays vazios para tipos Array
//!
//! Os atributos devem seguir exatamente os mesmos nomes indicados nesta documentação, caso
//! contrário, serão rejeitados pelo validador de integração.
//!
//! Transcrição da página em `spec/demonstrativo_pagamento_detalhe.yaml`; os critérios das
//! tabelas (M, C, OP) viram regras de validação dos tipos abaixo.
//!
//! # `demonstrativoPagamentoDetalhe` — Retorna os detalhes do demonstrativo de pagamento referente ao período selecionado
//!
//! | Campo | Valor |
//! |---|---|
//! | Método | `POST` |
//! | Caminho | `/demonstrativoPagamento/detalhe` |
//! | Content-Type | `application/json` |
//! | Implementado por | a operadora de saúde (a Mosia chama este endpoint) |
//! | Requisição | [`DetalheRequest`] |
//! | Resposta (sucesso) | [`Demonstrativo`] |
//! | Resposta (falha) | [`Falha`] |
//!
//! Serão enviados no HEADER os headers estáticos definidos ao configurar a integração,
//! combinado com os tokens retornados pela configuração de autorização da integração (caso
//! seja vinculada) e os headers de segurança retornado no login do beneficiário.
//!
//! # Divergências da página
//!
//! Onde a página se contradiz, a tabela prevalece:
//!
//! * `page`: A página documenta o endpoint demonstrativoPagamento/detalhe, mas a seção do
//!   método se chama "Método de resumoCobranca".
//! * `operations.demonstrativoPagamentoDetalhe`: Endpoint na tabela:
//!   "exemplo.com/demonstrativoPagamento/detalhe" (sem esquema). O exemplo request usa
//!   "<https://www.operadoradesaude.com.br/mobilesaude//demonstrativoPagamento/detalhe>", com
//!   o prefixo /mobilesaude e barra dupla. O endereço é de cada operadora (sem base_url);
//!   segue-se o caminho da tabela, /demonstrativoPagamento/detalhe.
//! * `operations.demonstrativoPagamentoDetalhe`: A seção de falha diz "Atente-se as mensagens
//!   de retorno para cada HTTPS Status Code;", mas a página não documenta nenhum status code,
//!   nem de sucesso nem de falha.
//! * `types.Demonstrativo`: O retorno de sucesso diz "Está indicado abaixo a estrutura de
//!   retorno do seu método login", mas o método é demonstrativoPagamento/detalhe.
//! * `types.Demonstrativo.fields.valorTotal`: No exemplo de sucesso, valorTotal é 1257.99
//!   ("valor total liquido a receber"), sem relação com os registros (Créditos 442.1, Débitos
//!   442\.2, Outras informações 442.2).
//! * `types.Registro`: O terceiro registro do exemplo de sucesso ("Outras informações") traz
//!   "subtitulo", que a tabela do Objeto registro não tem (só o Objeto principal tem
//!   subtitulo). Segue-se a tabela: subtitulo num registro é atributo desconhecido.
//! * `types.Registro.fields.valorTotal`: No exemplo de sucesso, o valorTotal de cada registro
//!   não é a soma dos seus valores: Créditos 442.1 e Débitos 442.2 contra 12029.8 + 1200.9 =
//!   13230\.7; Outras informações 442.2 contra 4 × 12029.8 = 48119.2.
//! * `types.Valor.fields.codigo`: codigo é o "identificador", mas no exemplo de sucesso "101"
//!   identifica "Produção", "Imposto de Renda", "Crédito", "Capitalização", "Deduções
//!   autorizadas" e "Deduções legais", e "105" identifica "Repasse Particulares" e "INSS".
//! * `types.Falha`: O retorno de falha diz "Está indicado abaixo a estrutura de retorno do
//!   seu método listaDebitos", mas o método é demonstrativoPagamento/detalhe.
//! * `examples.0`: O corpo do exemplo request termina com vírgula depois de "chavePagamento":
//!   "MS00579", o que não é JSON.
//! * `examples.2`: A mensagem do exemplo de falha, "Resumo de cobrança não encontrado!", fala
//!   de resumo de cobrança, não do demonstrativo de pagamento.

mod types;
pub use types::*;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "server")]
pub mod server;
