codegen_macros::mosia_api! {
    spec: ["spec/ocorrencia.yaml"],
    operations: ["criarOcorrencias"],
    replace: { "Solicitantes" => crate::MeuSolicitante },
    type_attributes: { "Formularios" => #[derive(Default)] },
    field_attributes: { "Solicitante.Email" => #[doc(alias = "mail")] },
}

fn main() {}
