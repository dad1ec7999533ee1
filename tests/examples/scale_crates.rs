//! Turns the output of `codegen --out DIR` on the synthetic spec
//! (`synthetic_spec`) into two crates whose build times BENCHMARKS.md
//! compares:
//!
//! * `generated/`: the generated files as they are, in a crate laid out
//!   like `mosia-api` (features `client` and `server`);
//! * `plain/`: the same structs (same fields, types, docs and serde
//!   attributes) with plain `serde` derives (`Serialize, Deserialize`)
//!   instead of the generated validating ones (`Decode, Validate`), and no
//!   client or server.
//!
//! ```text
//! cargo run --release -p mosia-tests --example scale_crates -- /tmp/scale/out /tmp/scale/crates
//! ```
//!
//! Both crates depend on this repository's `codegen-runtime` and `serde`
//! by path and carry a copy of the workspace's `Cargo.lock`, so that they
//! build against the same dependency versions as the workspace.

use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: scale_crates GENERATED_DIR CRATES_DIR";
    let generated = PathBuf::from(args.next().ok_or(usage)?);
    let crates = PathBuf::from(args.next().ok_or(usage)?);
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no workspace")?
        .to_path_buf();
    let runtime = workspace.join("codegen/runtime");

    // The generated crate: the files as they are.
    let crate_dir = crates.join("generated");
    let _ = fs::remove_dir_all(&crate_dir);
    copy_dir(&generated, &crate_dir.join("src"))?;
    write_manifest(&crate_dir, "scale-generated", &runtime, true)?;
    fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock"))?;

    // The plain crate: every module's `types.rs` with plain derives.
    let plain_dir = crates.join("plain");
    let _ = fs::remove_dir_all(&plain_dir);
    fs::create_dir_all(plain_dir.join("src"))?;
    let mut modules: Vec<String> = Vec::new();
    for entry in fs::read_dir(&generated)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() && entry.path().join("types.rs").is_file() {
            modules.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    modules.sort();
    let mut lib = String::from("//! The synthetic spec's structs with plain serde derives.\n\n");
    for module in &modules {
        let types = fs::read_to_string(generated.join(module).join("types.rs"))?;
        fs::write(plain_dir.join(format!("src/{module}.rs")), plain(&types)?)?;
        lib.push_str(&format!("pub mod {module};\n"));
    }
    fs::write(plain_dir.join("src/lib.rs"), lib)?;
    write_manifest(&plain_dir, "scale-plain", &runtime, false)?;
    fs::copy(workspace.join("Cargo.lock"), plain_dir.join("Cargo.lock"))?;
    println!(
        "wrote {} and {} ({} modules)",
        crate_dir.display(),
        plain_dir.display(),
        modules.len()
    );
    Ok(())
}

/// A generated `types.rs` with `Serialize, Deserialize` for
/// `Serialize, Decode, Validate` and no `#[mosia(…)]` attribute.
fn plain(types: &str) -> Result<String, String> {
    let mut out = String::with_capacity(types.len());
    for line in types.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[mosia(") {
            continue;
        }
        if trimmed.starts_with("use codegen_runtime::{Decode, Validate}") {
            out.push_str("use serde::Deserialize;\n");
            continue;
        }
        if trimmed.starts_with("#[derive(") {
            let replaced = line.replace("Decode, Validate", "Deserialize");
            if replaced == line {
                return Err(format!("unexpected derive line: {line}"));
            }
            out.push_str(&replaced);
            out.push('\n');
            continue;
        }
        if (trimmed.contains("Decode") || trimmed.contains("Validate"))
            && !trimmed.starts_with("//")
        {
            return Err(format!("line not understood: {line}"));
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

fn write_manifest(dir: &Path, name: &str, runtime: &Path, features: bool) -> std::io::Result<()> {
    let features = if features {
        "\n[features]\nserver = [\"codegen-runtime/server\"]\nclient = [\"codegen-runtime/client\"]\n"
    } else {
        ""
    };
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [workspace]\n\n\
             [dependencies]\ncodegen-runtime = {{ path = \"{}\" }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\n{features}",
            runtime.display()
        ),
    )
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if entry.file_name() != ".codegen-journal" {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
