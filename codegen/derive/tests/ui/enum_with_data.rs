use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
enum Tipo {
    PF,
    PJ { cnpj: String },
}

fn main() {}
