use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
union Numero {
    inteiro: i64,
    real: f64,
}

fn main() {}
