//! The documentation of a generated module (`//!` in its `mod.rs`): the
//! page, then each endpoint it describes, so a reader sees method, path,
//! who serves it, headers and the types of each body without the wiki.

use proc_macro2::TokenStream;

use super::docs::{cell, code, escape_inline, Doc};
use super::space::Space;
use crate::ir::{Implementer, Operation, Response, TypeId};

pub fn docs(space: &Space<'_>) -> TokenStream {
    let module = space.module;
    let mut doc = Doc::new();
    doc.prose(&module.title);
    if let Some(description) = &module.description {
        doc.prose(description);
    }
    doc.paragraph(format!(
        "Transcrição da página em {}; os critérios das tabelas (M, C, OP) viram regras de \
         validação dos tipos abaixo.",
        code(&module.source)
    ));
    for op in &module.operations {
        operation(&mut doc, space, op);
    }
    if !module.disagreements.is_empty() {
        doc.paragraph("# Divergências da página")
            .paragraph("Onde a página se contradiz, a tabela prevalece:");
        doc.blank();
        for d in &module.disagreements {
            let at = module.spec_path(d.at);
            doc.line(format!("* {}: {}", code(&at), escape_inline(&d.summary)));
        }
    }
    doc.inner()
}

fn operation(doc: &mut Doc, space: &Space<'_>, op: &Operation) {
    doc.paragraph(format!(
        "# {} — {}",
        code(&op.id),
        escape_inline(&op.summary)
    ));
    let implementer = match op.implementer {
        Implementer::Mosia => "Mosia Omnichannel (a operadora chama esta API)",
        Implementer::Operator => "a operadora de saúde (a Mosia chama este endpoint)",
    };
    let response = match op.response {
        Response::Typed(id) => type_link(space, id),
        Response::Undocumented => "não documentada pela página".to_owned(),
    };
    doc.paragraph("| Campo | Valor |").line("|---|---|");
    doc.line(format!("| Método | {} |", code(op.method.as_str())));
    doc.line(format!("| Caminho | {} |", code(&op.path)));
    if let Some(base_url) = &op.base_url {
        doc.line(format!("| URL base | {} |", cell(base_url)));
    }
    doc.line(format!(
        "| Content-Type | {} |",
        code(op.content_type.as_str())
    ));
    doc.line(format!("| Implementado por | {implementer} |"));
    doc.line(format!("| Requisição | {} |", type_link(space, op.request)));
    doc.line(format!("| Resposta (sucesso) | {response} |"));
    if let Some(failure) = op.failure {
        doc.line(format!(
            "| Resposta (falha) | {} |",
            type_link(space, failure)
        ));
    }
    if let Some(description) = &op.description {
        doc.prose(description);
    }
    if !op.headers.is_empty() {
        doc.paragraph("Headers:")
            .paragraph("| Parâmetro | Obrigatório | Tipo | Descrição |")
            .line("|---|---|---|---|");
        for h in &op.headers {
            doc.line(format!(
                "| {} | {} | {} | {} |",
                code(&h.name),
                if h.mandatory { "M" } else { "OP" },
                cell(&h.doc_type),
                cell(&h.description)
            ));
        }
    }
    if let Some(note) = &op.header_note {
        doc.prose(note);
    }
}

/// An intra-doc link to a generated type (resolvable from `mod.rs`, which
/// re-exports the types).
fn type_link(space: &Space<'_>, id: TypeId) -> String {
    space.type_link(id)
}
