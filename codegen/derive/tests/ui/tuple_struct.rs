use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Valor(String, f64);

fn main() {}
