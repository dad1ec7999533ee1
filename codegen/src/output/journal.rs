//! The journal that makes a multi-file write all-or-nothing: what a write
//! still has to rename and remove, committed before it starts and removed
//! when it is done, so an interrupted write is completed by the next run.

use super::*;

/// Name of the journal a multi-file [`write()`] keeps in the output
/// directory while it renames and removes files.
pub const JOURNAL: &str = ".codegen-journal";

/// What a write still has to do once its temporary files are written; paths
/// are relative to the output directory, `/`-separated.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Journal {
    /// `(temporary file, target)`, in order.
    pub(super) renames: Vec<(String, String)>,
    /// Generated files that no spec produces any more.
    pub(super) removals: Vec<String>,
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
pub(super) fn parse_journal(text: &str) -> Result<Journal, String> {
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

pub(super) fn journal_exists(out_dir: &Path) -> Result<bool, OutputError> {
    let path = out_dir.join(JOURNAL);
    match fs::symlink_metadata(&path) {
        Ok(_) => Ok(true),
        Err(e) if is_absent(&e) => Ok(false),
        Err(e) => Err(OutputError::new("cannot inspect", &path)(e)),
    }
}

/// Writes the journal whole beside its final name, then renames it there.
pub(super) fn commit_journal(out_dir: &Path, journal: &Journal) -> Result<(), OutputError> {
    let path = out_dir.join(JOURNAL);
    let text = serde_json::to_string_pretty(journal).map_err(|e| {
        OutputError::new("cannot write", &path)(io::Error::new(io::ErrorKind::InvalidData, e))
    })?;
    let temp = stage(&path, text.as_bytes())?;
    if let Err(e) = rename(&temp, &path) {
        let _ = fs::remove_file(&temp);
        return Err(OutputError::new("cannot create", &path)(e));
    }
    Ok(())
}

/// Does what the journal lists, skipping what is already done, then
/// removes the journal.
pub(super) fn apply(out_dir: &Path, journal: &Journal) -> Result<Recovery, OutputError> {
    let mut done = Recovery::default();
    for (temp, target) in &journal.renames {
        let temp = join(out_dir, temp);
        let target_path = join(out_dir, target);
        match fs::symlink_metadata(&temp) {
            Ok(_) => {}
            Err(e) if is_absent(&e) => continue, // renamed before the interruption
            Err(e) => return Err(OutputError::new("cannot inspect", &temp)(e)),
        }
        rename(&temp, &target_path).map_err(OutputError::new("cannot replace", &target_path))?;
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
    // No directory is synced before the journal goes: the file system
    // applies renames and removals in order (see "Durability" in the
    // module docs of `output`).
    let path = out_dir.join(JOURNAL);
    remove(&path).map_err(OutputError::new("cannot remove", &path))?;
    Ok(done)
}

/// Removes the temporary files [`stage`] leaves when the process dies
/// before its journal is committed (at most [`MAX_DEPTH`] levels down, only
/// names of that shape).
pub(super) fn remove_orphan_temps(out_dir: &Path) -> Result<(), OutputError> {
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
pub(super) fn is_temp_name(name: &str) -> bool {
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

/// `fs::rename`, through which tests inject failures.
pub(super) fn rename(from: &Path, to: &Path) -> io::Result<()> {
    fault::check()?;
    fs::rename(from, to)
}

/// `fs::remove_file`, through which tests inject failures.
pub(super) fn remove(path: &Path) -> io::Result<()> {
    fault::check()?;
    fs::remove_file(path)
}

/// Test-only fault injection: the renames and removals that change what the
/// output directory holds (journal included) are counted, and the one
/// numbered [`fault::fail_at`] (from 0) fails.
#[cfg(test)]
pub(super) mod fault {
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
pub(super) mod fault {
    #[inline(always)]
    pub fn check() -> std::io::Result<()> {
        Ok(())
    }
}
