// What `Config::replace_type("Valor", "crate::MeuValor")` generates around a
// user type that derives only serde's traits.
use codegen_runtime::{Decode, Validate};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MeuValor {
    pub codigo: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, Decode, Validate)]
#[mosia(deserialize)]
pub struct Registro {
    pub titulo: String,
    pub valores: Vec<crate::MeuValor>,
}

fn main() {}
