codegen_macros::mosia_api! {
    spec: ["spec/ocorrencia.yaml", "spec/nope.yaml"],
}

fn main() {}
