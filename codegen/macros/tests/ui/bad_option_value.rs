codegen_macros::mosia_api! {
    spec: ["spec/ocorrencia.yaml"],
    client: "yes",
}

fn main() {}
