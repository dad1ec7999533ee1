use codegen_runtime::{Decode, Validate};

// An unknown key does not hide the keys after it: every key of every
// attribute is read, and each unknown name gets its own error.
#[derive(Decode, Validate)]
#[mosia(deserialise, deserialize, validate)]
struct Registro {
    #[mosia(C(fille(cor)), lenght(max = 3), length(mn = 1))]
    legenda: Option<String>,
    #[mosia(C(equals(legenda = 1.5)))]
    cor: Option<String>,
}

fn main() {}
