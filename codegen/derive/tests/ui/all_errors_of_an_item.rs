use codegen_runtime::{Decode, Validate};

// Every mistake of the struct is reported in one compilation.
#[derive(Decode, Validate)]
#[mosia(deserialise)]
struct Demonstrativo {
    #[mosia(format = "colour")]
    cor: Option<String>,
    #[mosia(format = "date", lenght(max = 10))]
    data_pagamento: f64,
    #[mosia(C(equals(tipo = "PF")))]
    cpf: Option<String>,
    #[mosia(length(min = 5, max = 1))]
    titulo: String,
}

fn main() {}
