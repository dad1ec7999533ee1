//! Where `spec/` and `generated/src` are when no flag says so, found from
//! the current directory so the tool works from any subdirectory of the
//! project it is run in.
//!
//! The project is the nearest directory, from the current one upward, that
//! holds a `Cargo.toml` and a `spec/` directory; the walk stops at the root
//! of the cargo workspace (the first `Cargo.toml` declaring `[workspace]`),
//! which is the project when no directory below it has a `spec/`. Two
//! layouts follow:
//! * a virtual workspace (`[workspace]` and no `[package]`), like this
//!   repository: `spec/` in, `generated/src` out;
//! * a package (any other `Cargo.toml`: a downstream crate using the
//!   installed `codegen`): `spec/` in; generated files have no default
//!   location (such a crate usually generates from its build script), so
//!   `generate` and `--check` need `--out`.

use std::fs;
use std::path::{Component, Path, PathBuf};

/// The directory defaults are taken from, and how it is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub dir: PathBuf,
    pub layout: Layout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A virtual workspace: `spec/` and `generated/src` under its root.
    Workspace,
    /// A package: `spec/` beside its `Cargo.toml`, no default output.
    Package,
}

/// What a `Cargo.toml` declares, read line by line (enough for the two
/// table headers that matter here; a manifest that cannot be read counts
/// as absent).
struct Manifest {
    workspace: bool,
    package: bool,
}

fn manifest(dir: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let has = |header: &str| text.lines().any(|line| line.trim() == header);
    Some(Manifest {
        workspace: has("[workspace]"),
        package: has("[package]"),
    })
}

/// The project for `start` (see the module docs), or `None` when no
/// `Cargo.toml` is found from `start` upward.
pub fn find_project(start: &Path) -> Option<Project> {
    let mut nearest_package = None;
    for dir in start.ancestors() {
        let Some(manifest) = manifest(dir) else {
            continue;
        };
        let layout = if manifest.workspace && !manifest.package {
            Layout::Workspace
        } else {
            Layout::Package
        };
        let project = Project {
            dir: dir.to_owned(),
            layout,
        };
        if dir.join("spec").is_dir() {
            return Some(project);
        }
        if manifest.workspace {
            // The workspace root ends the walk: a workspace laid out like
            // this repository keeps its defaults even before `spec/` exists;
            // otherwise the package the user stands in is the one to name.
            return Some(match (layout, nearest_package) {
                (Layout::Package, Some(package)) => package,
                _ => project,
            });
        }
        nearest_package.get_or_insert(project);
    }
    nearest_package
}

/// The project for this run: from the current directory; failing that,
/// under `cargo run --manifest-path …` from outside any package, from the
/// package directory cargo tells the process about.
pub fn project(current_dir: &Path) -> Option<Project> {
    find_project(current_dir).or_else(|| {
        let package_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
        find_project(&package_dir)
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
