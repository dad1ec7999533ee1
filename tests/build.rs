// build.rs  (build-dependency: codegen, with default-features = false)
//
// The builder on the workspace's own pages (the README's build-script
// recipe is tests/downstream/build-script): this crate includes the
// single-file output in `build_script`, the test-only page with every kind of `C` condition in `conditional`, and the
// one with recursive types in `recursive`, the one with arrays of
// decimals and dates in `arrays`, and the one whose types take the names
// the generated code uses in `names`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = here.join("../spec");
    codegen::Config::new().spec_dir(spec).generate()?; // writes $OUT_DIR/mosia_api.rs
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    for (page, module, client_and_server) in [
        ("spec_conditional", "conditional", false),
        ("spec_recursive", "recursive", false),
        ("spec_arrays", "arrays", false),
        ("spec_names", "names", true),
    ] {
        let out = out_dir.join(module);
        std::fs::create_dir_all(&out)?;
        codegen::Config::new()
            .spec_dir(here.join(page))
            .client(client_and_server)
            .server(client_and_server)
            .out_dir(out)
            .generate()?;
    }
    Ok(())
}
