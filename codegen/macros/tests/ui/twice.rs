codegen_macros::mosia_api! {
    spec: ["spec/ocorrencia.yaml"],
    server: true,
    server: false,
}

fn main() {}
