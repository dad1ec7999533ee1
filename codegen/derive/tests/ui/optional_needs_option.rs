use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Registro {
    #[mosia(OP)]
    icone: String,
}

fn main() {}
