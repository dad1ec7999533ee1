codegen_macros::mosia_api! {
    spec: ["spec/bad.yaml", "spec/unclosed.yaml"],
}

fn main() {}
