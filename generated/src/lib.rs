// @generated from spec/ by `cargo run -p codegen`. Do not edit.
//! Typed Rust for the Mosia Omnichannel APIs, generated from the YAML transcriptions
//! of their documentation pages.
//!
//! Each module is one page: its types (with the page's criteria as validation rules)
//! and, in its documentation, the endpoints it describes.
//!
//! | Módulo | Página |
//! |---|---|
//! | [`criar_ocorrencia`] | Api clientes - Criar Ocorrência |
//! | [`demonstrativo_pagamento_detalhe`] | demonstrativoPagamento/detalhe |
//!
//! Regenerate with `cargo run -p codegen`; check with `cargo run -p codegen -- --check`.

#[rustfmt::skip]
pub mod criar_ocorrencia;
#[rustfmt::skip]
pub mod demonstrativo_pagamento_detalhe;
