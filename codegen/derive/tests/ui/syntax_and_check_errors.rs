use codegen_runtime::{Decode, Validate};

// A malformed attribute (syntax) and misused ones (check) are reported in
// the same compilation; syntax errors come first.
#[derive(Decode, Validate)]
struct Solicitante {
    #[mosia(pattern = "^[0-9]{11")]
    cpf: String,
    #[mosia(length(min = "1"))]
    nome: String,
    #[mosia(C(filled(email)))]
    email: Option<String>,
}

fn main() {}
