codegen_macros::mosia_api! {
    spec: ["spec/ocorrencia.yaml"],
    type_attributes: { "Formulario" => derive(Hash) },
}

fn main() {}
