// build.rs  (build-dependency: codegen, with default-features = false)
fn main() -> Result<(), Box<dyn std::error::Error>> {
    codegen::Config::new()
        .spec_file("spec/demonstrativo_pagamento_detalhe.yaml") // one page
        .client(true) // a `client` module: codegen-runtime's `client` feature
        .server(true) // a `server` module: codegen-runtime's `server` feature
        .replace_type("Valor", "crate::Lancamento") // our own type, everywhere `Valor` appears
        .type_attribute("Falha", "#[derive(Eq, Hash)]") // one more derive
        .generate()?; // writes $OUT_DIR/mosia_api.rs
    Ok(())
}
