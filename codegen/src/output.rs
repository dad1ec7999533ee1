//! Writing generated files into an output directory, or checking that it
//! already holds exactly them.
//!
//! The rules, so a regeneration is safe to run at any time:
//! * files are compared byte for byte first and only changed ones are
//!   written, so unchanged files keep their modification time (and cargo
//!   does not rebuild for nothing);
//! * every new content is first written to a temporary file in the target's
//!   directory; a failure before all of them are written leaves the
//!   directory as it was;
//! * then a journal, [`JOURNAL`] in the output directory, is committed
//!   (written whole to a temporary file, then renamed): it lists every
//!   rename of a temporary file over its target and every removal still to
//!   do. Only then are they done, one by one, and the journal goes last.
//!   The set of files is therefore never left half-written unflagged: if a
//!   rename or removal fails (or the process dies) midway, the journal stays,
//!   [`compare`] (so `--check`) reports [`FileState::Interrupted`], and the
//!   next [`write()`] first completes the interrupted write ([`recover`]),
//!   so the directory ends up holding exactly the new set;
//! * a file under the output directory that the generator no longer produces
//!   is deleted only if it starts with [`GENERATED_MARKER`]; hand-written
//!   files are never touched.
//!
//! Two generations must not run on one directory at the same time.
//!
//! # Durability
//!
//! Nothing is flushed to disk (no `fsync` of the files, the journal or the
//! directories): generated files are regenerable from the spec, as
//! prost-build's, rust-analyzer's and cargo's own outputs are, none of
//! which sync either. The rules above hold against every failure the
//! generator can see and against the process dying at any point, since the
//! operating system's page cache is the same for every process. A kernel
//! crash or power loss is what syncing would add: after one, a file written
//! just before may come back empty or short, which [`compare`] (so
//! `--check`) reports as stale and the next [`write()`] rewrites; journaling
//! file systems (ext4, XFS) replay the creation of the journal, the renames
//! and its removal in the order they were made, so a write cut short this
//! way is still flagged by its journal. Syncing the 401 files of a
//! 100-page spec one by one took 2–3 s of the 3 s a generation took (see
//! BENCHMARKS.md, "Scale").

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::emit::{GeneratedFile, GENERATED_MARKER};

/// How one file of the output directory compares with what the spec gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// Already holds the expected bytes.
    Unchanged,
    /// Expected but absent.
    Missing,
    /// Present with other contents (hand-edited, or generated from an older spec).
    Stale,
    /// A generated file that the spec no longer produces (its spec was deleted).
    Extra,
    /// The [`JOURNAL`] of a write that was interrupted midway: some files
    /// may be new and some old until the next [`write()`] completes it.
    Interrupted,
}

impl FileState {
    pub fn describe(self) -> &'static str {
        match self {
            FileState::Unchanged => "up to date",
            FileState::Missing => "missing",
            FileState::Stale => "stale (differs from what the spec produces)",
            FileState::Extra => "extra (generated file that no spec produces any more)",
            FileState::Interrupted => {
                "journal of an interrupted write (some files may be new and some old); \
                 generating again completes it"
            }
        }
    }
}

/// One file and its state; `path` is relative to the output directory,
/// `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStatus {
    pub path: String,
    pub state: FileState,
}

/// What [`write()`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// What completing an interrupted earlier write did first, if one was
    /// found ([`recover`]).
    pub recovered: Option<Recovery>,
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
}

impl fmt::Display for WriteSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "file" } else { "files" };
        if let Some(recovery) = &self.recovered {
            write!(f, "{recovery}; then ")?;
        }
        write!(
            f,
            "wrote {} {}, {} unchanged",
            self.written.len(),
            plural(self.written.len()),
            self.unchanged.len()
        )?;
        if !self.removed.is_empty() {
            write!(
                f,
                ", removed {} stale {}",
                self.removed.len(),
                plural(self.removed.len())
            )?;
        }
        Ok(())
    }
}

/// What [`recover`] did to complete an interrupted write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Targets whose new contents were still waiting in a temporary file.
    pub replaced: Vec<String>,
    pub removed: Vec<String>,
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "completed an interrupted write ({} replaced, {} removed)",
            self.replaced.len(),
            self.removed.len()
        )
    }
}

/// An I/O failure, with the path concerned.
#[derive(Debug, thiserror::Error)]
#[error("{action} {}: {source}{}", path.display(), note.unwrap_or(""))]
pub struct OutputError {
    action: &'static str,
    path: PathBuf,
    #[source]
    source: io::Error,
    /// Said after the cause (what state the directory is left in).
    note: Option<&'static str>,
}

impl OutputError {
    /// For `map_err`: wraps an `io::Error` with what was being done to `path`.
    fn new(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Self {
        let path = path.to_owned();
        move |source| OutputError {
            action,
            path,
            source,
            note: None,
        }
    }

    /// The same error, saying the write was interrupted with its journal
    /// left for the next run.
    fn interrupted(mut self) -> Self {
        self.note = Some(
            "; the write was interrupted midway and its journal (.codegen-journal) \
             was kept: generating again completes it",
        );
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether file contents start with the generated-file marker.
pub fn is_generated(contents: &[u8]) -> bool {
    contents.starts_with(GENERATED_MARKER.as_bytes())
}

/// Compares `out_dir` with `files`: one status per expected file, plus one
/// [`FileState::Extra`] per generated file that is not expected. Sorted by
/// path. A missing `out_dir` just means every file is missing.
pub fn compare(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<FileStatus>, OutputError> {
    for file in files {
        check_relative(out_dir, &file.relative_path)?;
    }
    // Reading is mostly system calls: on every core, in the order of `files`.
    let states = crate::parallel::map(files, |file| {
        let path = join(out_dir, &file.relative_path);
        match fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => Ok(FileState::Unchanged),
            Ok(_) => Ok(FileState::Stale),
            Err(e) if is_absent(&e) => Ok(FileState::Missing),
            Err(e) => Err(OutputError::new("cannot read", &path)(e)),
        }
    });
    let mut statuses = Vec::with_capacity(files.len());
    for (file, state) in files.iter().zip(states) {
        statuses.push(FileStatus {
            path: file.relative_path.clone(),
            state: state?,
        });
    }
    let expected: HashSet<&str> = files.iter().map(|f| f.relative_path.as_str()).collect();
    for path in generated_files_in(out_dir)? {
        if !expected.contains(path.as_str()) {
            statuses.push(FileStatus {
                path,
                state: FileState::Extra,
            });
        }
    }
    if journal_exists(out_dir)? {
        statuses.push(FileStatus {
            path: JOURNAL.to_owned(),
            state: FileState::Interrupted,
        });
    }
    statuses.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(statuses)
}

/// Makes `out_dir` hold exactly `files` (see the module docs for the rules),
/// first completing an interrupted earlier write if its journal is there.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> Result<WriteSummary, OutputError> {
    let recovered = recover(out_dir)?;
    let statuses = compare(out_dir, files)?;
    let mut summary = WriteSummary {
        recovered,
        ..WriteSummary::default()
    };

    // Phase 1: every new content into a temporary file beside its target,
    // on every core (writing is mostly system calls). A failure leaves no
    // temporary file: the ones made are removed below with the journal's.
    let by_path: HashMap<&str, &GeneratedFile> = files
        .iter()
        .map(|f| (f.relative_path.as_str(), f))
        .collect();
    let to_stage: Vec<&GeneratedFile> = statuses
        .iter()
        .filter(|s| matches!(s.state, FileState::Missing | FileState::Stale))
        .filter_map(|s| by_path.get(s.path.as_str()).copied())
        .collect();
    let mut journal = Journal::default();
    let mut staged = Ok(());
    let results = crate::parallel::map(&to_stage, |file| {
        stage(
            &join(out_dir, &file.relative_path),
            file.contents.as_bytes(),
        )
    });
    for (file, result) in to_stage.iter().zip(results) {
        let temp = match result {
            Ok(temp) => temp,
            Err(e) => {
                if staged.is_ok() {
                    staged = Err(e);
                }
                continue;
            }
        };
        let temp_name = temp
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp_relative = match file.relative_path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{temp_name}"),
            None => temp_name,
        };
        journal
            .renames
            .push((temp_relative, file.relative_path.clone()));
    }
    for status in &statuses {
        match status.state {
            FileState::Unchanged => summary.unchanged.push(status.path.clone()),
            FileState::Extra => journal.removals.push(status.path.clone()),
            FileState::Missing | FileState::Stale | FileState::Interrupted => {}
        }
    }
    if journal.renames.is_empty() && journal.removals.is_empty() {
        staged?;
        return Ok(summary);
    }

    // Phase 2: the journal, committed by one rename; until then nothing
    // visible has changed, so any failure just drops the temporary files.
    if let Err(e) = staged.and_then(|()| commit_journal(out_dir, &journal)) {
        for (temp, _) in &journal.renames {
            let temp = join(out_dir, temp);
            let _ = fs::remove_file(&temp);
            remove_empty_parents(out_dir, &temp); // directories made for new files
        }
        return Err(e);
    }

    // Phase 3: the renames and removals, then the journal goes.
    let done = apply(out_dir, &journal).map_err(OutputError::interrupted)?;
    summary.written = done.replaced;
    summary.removed = done.removed;
    Ok(summary)
}

/// Writes one file if its contents differ (for single-file output such as a
/// build script's). Returns whether it was written.
pub fn write_file_if_changed(path: &Path, contents: &[u8]) -> Result<bool, OutputError> {
    match fs::read(path) {
        Ok(existing) if existing == contents => return Ok(false),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(OutputError::new("cannot read", path)(e)),
    }
    let temp = stage(path, contents)?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        OutputError::new("cannot replace", path)(e)
    })?;
    Ok(true)
}

/// Writes `contents` to a new temporary file in `target`'s directory
/// (creating the directory), so that renaming it over `target` is atomic.
fn stage(target: &Path, contents: &[u8]) -> Result<PathBuf, OutputError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(OutputError::new("cannot create directory", dir))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A crashed earlier run may have left a temporary file: pick a free name.
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        let mut file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
                continue;
            }
            Err(e) => return Err(OutputError::new("cannot create", &temp)(e)),
        };
        // Not `sync_all`: see "Durability" in the module docs.
        if let Err(e) = file.write_all(contents) {
            drop(file);
            let _ = fs::remove_file(&temp);
            return Err(OutputError::new("cannot write", &temp)(e));
        }
        return Ok(temp);
    }
}

/// How deep the generator's layout goes: `lib.rs`, `<module>/<part>.rs`.
/// Looking no deeper keeps a mistaken `--out .` from scanning (and pruning)
/// a whole tree.
const MAX_DEPTH: usize = 2;

/// Relative paths (`/`-separated, sorted) of the `.rs` files under `dir`,
/// at most [`MAX_DEPTH`] levels down, that start with the generated marker.
/// Hidden directories are skipped and symbolic links are not followed.
fn generated_files_in(dir: &Path) -> Result<Vec<String>, OutputError> {
    let mut found = Vec::new();
    let mut pending = vec![(dir.to_owned(), String::new(), 1)];
    while let Some((path, relative, depth)) = pending.pop() {
        let entries = match fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(OutputError::new("cannot list", &path)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(OutputError::new("cannot list", &path))?;
            let file_type = entry
                .file_type()
                .map_err(OutputError::new("cannot inspect", &entry.path()))?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue; // not a name this generator would ever produce
            };
            let child = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            if file_type.is_dir() {
                if depth < MAX_DEPTH && !name.starts_with('.') {
                    pending.push((entry.path(), child, depth + 1));
                }
            } else if file_type.is_file()
                && name.ends_with(".rs")
                && starts_generated(&entry.path())?
            {
                found.push(child);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn starts_generated(path: &Path) -> Result<bool, OutputError> {
    use io::Read;
    let mut head = [0u8; GENERATED_MARKER.len()];
    let mut file = fs::File::open(path).map_err(OutputError::new("cannot read", path))?;
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(OutputError::new("cannot read", path)(e)),
        }
    }
    Ok(is_generated(&head[..filled]))
}

/// Removes now-empty directories between `file` and `root` (exclusive).
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break; // not empty, or not ours
        }
        dir = d.parent();
    }
}

/// Generated paths must stay inside the output directory.
fn check_relative(out_dir: &Path, relative: &str) -> Result<(), OutputError> {
    if !is_safe_relative(relative) {
        let error = io::Error::new(
            io::ErrorKind::InvalidInput,
            "generated path must be relative and stay inside the output directory",
        );
        return Err(OutputError::new(
            "refusing to write",
            &out_dir.join(relative),
        )(error));
    }
    Ok(())
}

/// A relative, `/`-separated path that stays inside its directory.
fn is_safe_relative(relative: &str) -> bool {
    !(relative.is_empty()
        || relative.starts_with('/')
        || relative.contains('\\')
        || relative
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == ".."))
}

/// Absent, including "a parent is a file, not a directory" (writing will
/// then fail with a clearer message).
fn is_absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

fn join(dir: &Path, relative: &str) -> PathBuf {
    relative.split('/').fold(dir.to_owned(), |p, c| p.join(c))
}

mod journal;
#[cfg(test)]
mod tests;

use journal::{apply, commit_journal, journal_exists, Journal};
pub use journal::{recover, JOURNAL};
