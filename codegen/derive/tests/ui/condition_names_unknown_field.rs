use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Pessoa {
    tipo_pessoa: String,
    #[mosia(C(filled(tipo_pesoa)))]
    cpf: Option<String>,
}

fn main() {}
