//! Where `spec/` and `generated/src` are when no flag says so: relative to
//! the workspace root, found from the current directory, so the tool works
//! from any subdirectory of the workspace.

use std::fs;
use std::path::{Component, Path, PathBuf};

/// The nearest ancestor of `start` (itself included) whose `Cargo.toml`
/// declares a `[workspace]`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        manifest
            .lines()
            .any(|line| line.trim() == "[workspace]")
            .then(|| dir.to_owned())
    })
}

/// The workspace root for this run: from the current directory; failing
/// that, under `cargo run --manifest-path …` from outside the workspace,
/// from the package directory cargo tells the process about.
pub fn root(current_dir: &Path) -> Option<PathBuf> {
    find_root(current_dir).or_else(|| {
        let package_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
        find_root(&package_dir)
    })
}

/// `path` made absolute against `base`, with `.` and `..` resolved
/// lexically (the path may not exist yet).
pub fn absolute(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `root` when inside it, `/`-separated: what the tool
/// prints, and what it hands the loader so generated headers say
/// `spec/x.yaml` on every machine.
pub fn relative_to(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    Some(if relative.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        relative.to_owned()
    })
}

/// A path for messages: relative to the workspace root when possible.
pub fn display(root: Option<&Path>, path: &Path) -> String {
    root.and_then(|r| relative_to(r, path))
        .unwrap_or_else(|| path.to_owned())
        .to_string_lossy()
        .replace('\\', "/")
}
