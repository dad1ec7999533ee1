codegen_macros::mosia_api! {
    spec: ["spec/ocorrencia.yaml"],
    clinet: true,
}

fn main() {}
