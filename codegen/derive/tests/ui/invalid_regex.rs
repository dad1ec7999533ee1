use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Solicitante {
    #[mosia(pattern = "^[0-9]{11")]
    cpf: String,
}

fn main() {}
