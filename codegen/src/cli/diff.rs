//! `codegen diff OLD NEW`: the changes between two versions of a spec,
//! each classified by whom it breaks (`codegen::diff`).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Args, ValueEnum};

use super::{complain, say, EXIT_FAILURE, EXIT_SPEC};
use codegen::diff::{self, report};
use codegen::ir::Api;

pub const LONG_ABOUT: &str = "\
Lists every change between two versions of a spec (pages, operations, \
endpoints, headers, types, attributes: added, removed, renamed, criterion, \
type, format, condition, text) and classifies each as breaking for the \
implementer of the operation, breaking for its caller, or compatible, from \
who implements the operation and whether the type travels in a request or \
a response. The pages refuse unknown attributes, so an attribute removed \
from a response breaks implementers that still send it as well as callers \
that read it; an OP attribute added breaks nobody. Each change also says \
what it does to the generated Rust API, and the summary gives a semver hint.

OLD and NEW are each a spec file, a spec directory, or git:REV for the spec \
directory at a git revision (git:origin/main, git:HEAD~1; the directory is \
--git-dir-spec, spec/ by default, relative to the repository root).

Exit status: 0 no change of the --fail-on class (or no --fail-on); 1 such a \
change exists; 2 a version could not be read or loaded, or bad usage.";

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    /// A change that breaks the implementer or the caller.
    Breaking,
    /// Any change.
    Any,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The old version: a spec file, a spec directory, or git:REV
    pub old: String,
    /// The new version: a spec file, a spec directory, or git:REV
    pub new: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit 1 when a change of this class exists
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The spec directory inside the repository, for git:REV
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub git_dir_spec: PathBuf,
}

pub fn run(args: DiffArgs) -> ExitCode {
    let old = match load(&args.old, &args.git_dir_spec) {
        Ok(api) => api,
        Err(code) => return code,
    };
    let new = match load(&args.new, &args.git_dir_spec) {
        Ok(api) => api,
        Err(code) => return code,
    };
    let diff = diff::diff(&old, &new);
    let text = match args.format {
        Format::Text => report::text(&diff),
        Format::Markdown => report::markdown(&diff),
        Format::Json => report::json(&diff),
    };
    say!("{}", text.trim_end());
    let fails = match args.fail_on {
        None => false,
        Some(FailOn::Breaking) => diff.breaking().next().is_some(),
        Some(FailOn::Any) => !diff.changes.is_empty(),
    };
    if fails {
        ExitCode::from(EXIT_FAILURE)
    } else {
        ExitCode::SUCCESS
    }
}

/// One version of the spec, from the file system or from git.
fn load(version: &str, git_dir_spec: &Path) -> Result<Api, ExitCode> {
    let loaded = match version.strip_prefix("git:") {
        Some(rev) => from_git(rev, git_dir_spec),
        None => codegen::loader::load_inputs(&[PathBuf::from(version)]).map_err(|d| d.render()),
    };
    loaded.map_err(|message| {
        complain!("{message}");
        complain!("error: cannot load {version}");
        ExitCode::from(EXIT_SPEC)
    })
}

/// The spec files of `dir` at `rev`, written to a temporary directory
/// (named after the revision, so messages say where a problem is) and
/// loaded from there.
fn from_git(rev: &str, dir: &Path) -> Result<Api, String> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(format!("error: `git:{rev}` names no revision"));
    }
    let dir_text = dir.to_string_lossy().replace('\\', "/");
    let dir_text = dir_text.trim_end_matches('/');
    let listing = git(&["ls-tree", "--name-only", &format!("{rev}:{dir_text}")])?;
    let names: Vec<&str> = listing
        .lines()
        .filter(|name| codegen::loader::names_a_spec(Path::new(name)))
        .collect();
    if names.is_empty() {
        return Err(format!("error: no spec files in {dir_text}/ at git:{rev}"));
    }
    let temp = TempDir::new(rev)?;
    for name in &names {
        let text = git(&["show", &format!("{rev}:{dir_text}/{name}")])?;
        std::fs::write(temp.path.join(name), text)
            .map_err(|e| format!("error: cannot write a temporary copy of {name}: {e}"))?;
    }
    codegen::loader::load_dir(&temp.path).map_err(|d| d.render())
}

fn git(args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("error: cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "error: git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| "error: git printed bytes that are not UTF-8".to_owned())
}

/// A directory removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new(rev: &str) -> Result<Self, String> {
        let safe: String = rev
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "codegen-diff-{}-{nanos}/git_{safe}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("error: cannot create {}: {e}", path.display()))?;
        Ok(TempDir { path })
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(parent) = self.path.parent() {
            let _ = std::fs::remove_dir_all(parent);
        }
    }
}
