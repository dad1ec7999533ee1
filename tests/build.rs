// build.rs  (build-dependency: codegen, with default-features = false)
//
// The README's "Generating from a build script instead", exercised for
// real: this crate includes the single-file output in `build_script`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    codegen::Config::new().spec_dir(spec).generate()?; // writes $OUT_DIR/mosia_api.rs
    Ok(())
}
