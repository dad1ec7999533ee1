use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Demonstrativo {
    #[mosia(format = "date")]
    data_pagamento: i64,
}

fn main() {}
