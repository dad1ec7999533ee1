use codegen_runtime::{Decode, Validate};

#[derive(Decode, Validate)]
struct Registro {
    #[mosia(fromat = "color")]
    cor: Option<String>,
}

fn main() {}
