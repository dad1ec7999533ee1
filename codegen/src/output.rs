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
    let mut statuses = Vec::with_capacity(files.len());
    for file in files {
        check_relative(out_dir, &file.relative_path)?;
        let path = join(out_dir, &file.relative_path);
        let state = match fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => FileState::Unchanged,
            Ok(_) => FileState::Stale,
            Err(e) if is_absent(&e) => FileState::Missing,
            Err(e) => return Err(OutputError::new("cannot read", &path)(e)),
        };
        statuses.push(FileStatus {
            path: file.relative_path.clone(),
            state,
        });
    }
    for path in generated_files_in(out_dir)? {
        if !files.iter().any(|f| f.relative_path == path) {
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

    // Phase 1: every new content into a temporary file beside its target.
    let mut journal = Journal::default();
    let stage_all = |journal: &mut Journal| -> Result<(), OutputError> {
        for status in &statuses {
            if !matches!(status.state, FileState::Missing | FileState::Stale) {
                continue;
            }
            let Some(file) = files.iter().find(|f| f.relative_path == status.path) else {
                continue;
            };
            let target = join(out_dir, &file.relative_path);
            let temp = stage(&target, file.contents.as_bytes())?;
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
        Ok(())
    };
    let staged = stage_all(&mut journal);
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

/// Name of the journal a multi-file [`write()`] keeps in the output
/// directory while it renames and removes files.
pub const JOURNAL: &str = ".codegen-journal";

/// What a write still has to do once its temporary files are written; paths
/// are relative to the output directory, `/`-separated.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Journal {
    /// `(temporary file, target)`, in order.
    renames: Vec<(String, String)>,
    /// Generated files that no spec produces any more.
    removals: Vec<String>,
}

/// Completes a write that was interrupted after committing its journal:
/// each temporary file still there is renamed over its target (renames are
/// atomic, so a temporary file gone means its rename was done), each
/// removal still to do is done (a generated file only), then the journal is
/// removed. Temporary files of a write that stopped before its journal
/// (the process died) are removed. `None` when there was no journal.
pub fn recover(out_dir: &Path) -> Result<Option<Recovery>, OutputError> {
    let path = out_dir.join(JOURNAL);
    let text = match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if is_absent(&e) => None,
        Err(e) => return Err(OutputError::new("cannot read", &path)(e)),
    };
    let recovery = match text {
        None => None,
        Some(text) => {
            let journal = parse_journal(&text).map_err(|message| {
                OutputError::new("cannot complete the interrupted write recorded in", &path)(
                    io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("{message}; remove the journal and generate again"),
                    ),
                )
            })?;
            Some(apply(out_dir, &journal).map_err(OutputError::interrupted)?)
        }
    };
    remove_orphan_temps(out_dir)?;
    Ok(recovery)
}

/// The journal's text, checked: every path stays inside the output
/// directory, and every rename moves a temporary file of ours.
fn parse_journal(text: &str) -> Result<Journal, String> {
    let journal: Journal =
        serde_json::from_str(text).map_err(|e| format!("the journal is not readable: {e}"))?;
    let paths = journal
        .renames
        .iter()
        .flat_map(|(temp, target)| [temp, target])
        .chain(&journal.removals);
    for path in paths {
        if !is_safe_relative(path) {
            return Err(format!(
                "the journal names a path outside the directory: {path:?}"
            ));
        }
    }
    for (temp, _) in &journal.renames {
        if !is_temp_name(temp.rsplit('/').next().unwrap_or(temp)) {
            return Err(format!(
                "the journal names a file that is not a temporary one: {temp:?}"
            ));
        }
    }
    Ok(journal)
}

fn journal_exists(out_dir: &Path) -> Result<bool, OutputError> {
    let path = out_dir.join(JOURNAL);
    match fs::symlink_metadata(&path) {
        Ok(_) => Ok(true),
        Err(e) if is_absent(&e) => Ok(false),
        Err(e) => Err(OutputError::new("cannot inspect", &path)(e)),
    }
}

/// Writes the journal whole beside its final name, then renames it there.
fn commit_journal(out_dir: &Path, journal: &Journal) -> Result<(), OutputError> {
    let path = out_dir.join(JOURNAL);
    let text = serde_json::to_string_pretty(journal).map_err(|e| {
        OutputError::new("cannot write", &path)(io::Error::new(io::ErrorKind::InvalidData, e))
    })?;
    let temp = stage(&path, text.as_bytes())?;
    if let Err(e) = rename(&temp, &path) {
        let _ = fs::remove_file(&temp);
        return Err(OutputError::new("cannot create", &path)(e));
    }
    sync_dir(out_dir);
    Ok(())
}

/// Does what the journal lists, skipping what is already done, then
/// removes the journal.
fn apply(out_dir: &Path, journal: &Journal) -> Result<Recovery, OutputError> {
    let mut done = Recovery::default();
    let mut touched_dirs: Vec<PathBuf> = vec![out_dir.to_owned()];
    for (temp, target) in &journal.renames {
        let temp = join(out_dir, temp);
        let target_path = join(out_dir, target);
        match fs::symlink_metadata(&temp) {
            Ok(_) => {}
            Err(e) if is_absent(&e) => continue, // renamed before the interruption
            Err(e) => return Err(OutputError::new("cannot inspect", &temp)(e)),
        }
        rename(&temp, &target_path).map_err(OutputError::new("cannot replace", &target_path))?;
        if let Some(dir) = target_path.parent() {
            if !touched_dirs.iter().any(|d| d == dir) {
                touched_dirs.push(dir.to_owned());
            }
        }
        done.replaced.push(target.clone());
    }
    for relative in &journal.removals {
        let path = join(out_dir, relative);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => continue, // replaced by something not ours since
            Err(e) if is_absent(&e) => continue,
            Err(e) => return Err(OutputError::new("cannot inspect", &path)(e)),
        }
        if !starts_generated(&path)? {
            continue; // hand-written since: never ours to delete
        }
        remove(&path).map_err(OutputError::new("cannot remove", &path))?;
        remove_empty_parents(out_dir, &path);
        done.removed.push(relative.clone());
    }
    // The renames must be durable before the journal that redoes them goes.
    for dir in &touched_dirs {
        sync_dir(dir);
    }
    let path = out_dir.join(JOURNAL);
    remove(&path).map_err(OutputError::new("cannot remove", &path))?;
    sync_dir(out_dir);
    Ok(done)
}

/// Removes the temporary files [`stage`] leaves when the process dies
/// before its journal is committed (at most [`MAX_DEPTH`] levels down, only
/// names of that shape).
fn remove_orphan_temps(out_dir: &Path) -> Result<(), OutputError> {
    let mut pending = vec![(out_dir.to_owned(), 1)];
    while let Some((dir, depth)) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if is_absent(&e) => continue,
            Err(e) => return Err(OutputError::new("cannot list", &dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(OutputError::new("cannot list", &dir))?;
            let file_type = entry
                .file_type()
                .map_err(OutputError::new("cannot inspect", &entry.path()))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if file_type.is_dir() {
                if depth < MAX_DEPTH && !name.starts_with('.') {
                    pending.push((entry.path(), depth + 1));
                }
            } else if file_type.is_file() && is_temp_name(&name) {
                let path = entry.path();
                fs::remove_file(&path).map_err(OutputError::new("cannot remove", &path))?;
            }
        }
    }
    Ok(())
}

/// Whether a file name has the shape of [`stage`]'s temporary files for a
/// generated file or the journal: `.<name>.rs.<pid>.<attempt>.tmp`,
/// `..codegen-journal.<pid>.<attempt>.tmp`.
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let mut parts = rest.rsplitn(3, '.');
    let numeric =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    numeric(parts.next())
        && numeric(parts.next())
        && parts
            .next()
            .is_some_and(|n| (n.len() > 3 && n.ends_with(".rs")) || n == JOURNAL)
}

/// Flushes a directory's entries (renames, removals) to disk; best effort
/// (not every platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// `fs::rename`, through which tests inject failures.
fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fault::check()?;
    fs::rename(from, to)
}

/// `fs::remove_file`, through which tests inject failures.
fn remove(path: &Path) -> io::Result<()> {
    fault::check()?;
    fs::remove_file(path)
}

/// Test-only fault injection: the renames and removals that change what the
/// output directory holds (journal included) are counted, and the one
/// numbered [`fault::fail_at`] (from 0) fails.
#[cfg(test)]
mod fault {
    use std::cell::Cell;
    use std::io;

    thread_local! {
        static REMAINING: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Makes the `n`th next mutation fail (`None`: none fails).
    pub fn fail_at(n: Option<usize>) {
        REMAINING.with(|r| r.set(n));
    }

    pub fn check() -> io::Result<()> {
        REMAINING.with(|r| match r.get() {
            Some(0) => {
                r.set(None);
                Err(io::Error::other("injected failure"))
            }
            Some(n) => {
                r.set(Some(n - 1));
                Ok(())
            }
            None => Ok(()),
        })
    }
}

#[cfg(not(test))]
mod fault {
    #[inline(always)]
    pub fn check() -> std::io::Result<()> {
        Ok(())
    }
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
        let written = file.write_all(contents).and_then(|()| file.sync_all());
        if let Err(e) = written {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> GeneratedFile {
        GeneratedFile {
            relative_path: path.to_owned(),
            contents: format!("{GENERATED_MARKER} from spec/x.yaml. Do not edit.\n{body}\n"),
        }
    }

    fn old_set() -> Vec<GeneratedFile> {
        vec![
            file("lib.rs", "pub mod a; pub mod gone;"),
            file("a/mod.rs", "mod types;"),
            file("a/types.rs", "pub struct A;"),
            file("gone/mod.rs", "// its spec is deleted next"),
        ]
    }

    /// Two files changed, one unchanged, one new in a new directory, one gone.
    fn new_set() -> Vec<GeneratedFile> {
        vec![
            file("lib.rs", "pub mod a; pub mod b;"),
            file("a/mod.rs", "mod types;"),
            file("a/types.rs", "pub struct A2;"),
            file("b/mod.rs", "pub struct B;"),
        ]
    }

    /// Every file under `dir`, with its contents, sorted by path.
    fn snapshot(dir: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut pending = vec![(dir.to_owned(), String::new())];
        while let Some((path, relative)) = pending.pop() {
            for entry in fs::read_dir(&path).unwrap() {
                let entry = entry.unwrap();
                let name = entry.file_name().to_string_lossy().into_owned();
                let child = if relative.is_empty() {
                    name
                } else {
                    format!("{relative}/{name}")
                };
                if entry.file_type().unwrap().is_dir() {
                    pending.push((entry.path(), child));
                } else {
                    found.push((child, fs::read_to_string(entry.path()).unwrap()));
                }
            }
        }
        found.sort();
        found
    }

    /// What the directory holds when exactly `files` were written, plus the
    /// hand-written file every test keeps there.
    fn exactly(files: &[GeneratedFile]) -> Vec<(String, String)> {
        let mut expected: Vec<_> = files
            .iter()
            .map(|f| (f.relative_path.clone(), f.contents.clone()))
            .collect();
        expected.push(("notes.md".to_owned(), "hand-written".to_owned()));
        expected.sort();
        expected
    }

    fn old_directory() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &old_set()).unwrap();
        fs::write(dir.path().join("notes.md"), "hand-written").unwrap();
        assert_eq!(snapshot(dir.path()), exactly(&old_set()));
        dir
    }

    /// The journal commit, 3 renames, 1 removal and the journal's removal.
    const MUTATIONS: usize = 6;

    #[test]
    fn a_failure_at_any_step_leaves_the_old_set_or_a_flagged_state_that_the_next_run_completes() {
        let mut flagged_mixes = 0;
        for n in 0..MUTATIONS {
            let dir = old_directory();
            fault::fail_at(Some(n));
            let error = write(dir.path(), &new_set()).unwrap_err();
            fault::fail_at(None);
            assert!(
                error.to_string().contains("injected failure"),
                "{n}: {error}"
            );

            let after_failure = snapshot(dir.path());
            let journal_left = dir.path().join(JOURNAL).exists();
            if journal_left {
                // Whatever mix is on disk, it is flagged, by --check too.
                let statuses = compare(dir.path(), &new_set()).unwrap();
                assert!(
                    statuses
                        .iter()
                        .any(|s| s.path == JOURNAL && s.state == FileState::Interrupted),
                    "{n}: {statuses:?}"
                );
                assert!(
                    error.to_string().contains("generating again completes it"),
                    "{error}"
                );
                let visible: Vec<_> = after_failure
                    .iter()
                    .filter(|(p, _)| !p.ends_with(".tmp") && p != JOURNAL)
                    .cloned()
                    .collect();
                if visible != exactly(&old_set()) && visible != exactly(&new_set()) {
                    flagged_mixes += 1;
                }
            } else {
                // No journal: nothing visible changed, no temporary file left.
                assert_eq!(after_failure, exactly(&old_set()), "{n}: {error}");
            }

            let summary = write(dir.path(), &new_set()).unwrap();
            assert_eq!(summary.recovered.is_some(), journal_left, "{n}: {summary}");
            assert_eq!(snapshot(dir.path()), exactly(&new_set()), "{n}");
            assert!(compare(dir.path(), &new_set())
                .unwrap()
                .iter()
                .all(|s| s.state == FileState::Unchanged));
        }
        // Failures between the first rename and the last removal did leave
        // mixes on disk: the journal is what made them safe.
        assert_eq!(flagged_mixes, 3);
    }

    #[test]
    fn without_a_fault_every_mutation_is_counted() {
        // MUTATIONS is the whole write: failing one step later fails nothing.
        let dir = old_directory();
        fault::fail_at(Some(MUTATIONS));
        write(dir.path(), &new_set()).unwrap();
        fault::fail_at(None);
        assert_eq!(snapshot(dir.path()), exactly(&new_set()));
    }

    #[test]
    fn a_spec_changed_after_the_failure_ends_in_the_newest_set() {
        let dir = old_directory();
        fault::fail_at(Some(2)); // after the first rename
        write(dir.path(), &new_set()).unwrap_err();
        fault::fail_at(None);
        let mut newest = new_set();
        newest[3] = file("b/mod.rs", "pub struct B2;");
        newest.push(file("c/mod.rs", ""));
        let summary = write(dir.path(), &newest).unwrap();
        assert!(summary.recovered.is_some(), "{summary}");
        assert!(
            summary
                .to_string()
                .starts_with("completed an interrupted write ("),
            "{summary}"
        );
        assert_eq!(snapshot(dir.path()), exactly(&newest));
    }

    #[test]
    fn recovery_never_deletes_a_file_that_became_hand_written() {
        let dir = old_directory();
        fault::fail_at(Some(4)); // the removal of gone/mod.rs
        write(dir.path(), &new_set()).unwrap_err();
        fault::fail_at(None);
        fs::write(dir.path().join("gone/mod.rs"), "mine now").unwrap();
        let recovery = recover(dir.path()).unwrap().unwrap();
        assert!(recovery.removed.is_empty(), "{recovery:?}");
        assert_eq!(
            fs::read_to_string(dir.path().join("gone/mod.rs")).unwrap(),
            "mine now"
        );
        assert!(!dir.path().join(JOURNAL).exists());
    }

    #[test]
    fn a_journal_naming_paths_outside_the_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for journal in [
            r#"{"renames": [[".x.rs.1.0.tmp", "../escape.rs"]], "removals": []}"#,
            r#"{"renames": [], "removals": ["/etc/passwd"]}"#,
            r#"{"renames": [["notes.md", "lib.rs"]], "removals": []}"#,
            "not json",
        ] {
            fs::write(dir.path().join(JOURNAL), journal).unwrap();
            let error = recover(dir.path()).unwrap_err().to_string();
            assert!(
                error.contains("remove the journal and generate again"),
                "{error}"
            );
        }
    }

    #[test]
    fn temporary_files_of_a_run_that_died_before_its_journal_are_removed() {
        let dir = old_directory();
        fs::write(dir.path().join("a/.types.rs.4242.0.tmp"), "half").unwrap();
        fs::write(dir.path().join("..codegen-journal.4242.0.tmp"), "{").unwrap();
        fs::write(dir.path().join(".keep.1.0.tmp"), "not a name of ours").unwrap();
        write(dir.path(), &new_set()).unwrap();
        let mut expected = exactly(&new_set());
        expected.push((".keep.1.0.tmp".to_owned(), "not a name of ours".to_owned()));
        expected.sort();
        assert_eq!(snapshot(dir.path()), expected);
    }

    #[test]
    fn temporary_names() {
        assert!(is_temp_name(".types.rs.123.0.tmp"));
        assert!(is_temp_name("..codegen-journal.1.12.tmp"));
        for name in [
            ".types.rs.x.0.tmp",
            "types.rs.1.0.tmp",
            "..rs.1.0.tmp",
            ".a.md.1.0.tmp",
            ".types.rs.1.tmp",
        ] {
            assert!(!is_temp_name(name), "{name}");
        }
    }
}
