use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Registro {
    #[mosia(M, OP)]
    icone: Option<String>,
}

fn main() {}
