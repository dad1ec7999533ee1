//! Loads spec files and builds the validated [`ir`].
//!
//! YAML text → `serde_yaml::Value` (syntax errors with
//! line/column) → [`spec`] structs (lenient, so nothing stops at the first
//! problem) → checks with spec paths → [`ir::Module`]. A file yields its IR
//! only if it has no problem at all; otherwise every problem found is
//! returned, for every file of a directory at once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Excerpt, Location};
use crate::ir;
use crate::naming;
use crate::spec::{self, Lenient, Slot};

mod conditions;
mod disagreements;
mod examples;
mod fields;
mod generated_names;
mod locate;
mod operations;
mod places;
mod report;
mod types;
mod yaml;

use places::Catalog;
use report::{Report, SpecPath};

/// Loads every `*.yaml` / `*.yml` file of `dir`, in file-name order, one
/// module each. Reports the problems of all files, not just the first bad
/// one. Each module's `source` is `<dir as given>/<file name>`.
///
/// Every entry whose name says it is a spec ([`names_a_spec`]) is read or
/// reported: a directory, a FIFO, a dangling symbolic link or a link loop
/// named `x.yaml` is an error, never skipped, so a page cannot silently
/// drop out of the generated code.
pub fn load_dir(dir: &Path) -> Result<ir::Api, Diagnostics> {
    load_all(&[(dir.to_path_buf(), true)])
}

/// Loads spec files and directories together, as one API: each directory
/// as [`load_dir`] does, each file as [`load_file`], every problem of every
/// input reported at once; names and operation ids must be unique across
/// all of them. A file given twice (directly and through its directory) is
/// loaded once.
/// An input that is neither a directory nor names a spec file (a missing
/// `specs/`) is read as a directory, so the message says what is missing.
pub fn load_inputs(inputs: &[PathBuf]) -> Result<ir::Api, Diagnostics> {
    let inputs: Vec<(PathBuf, bool)> = inputs
        .iter()
        .map(|input| (input.clone(), input.is_dir() || !names_a_spec(input)))
        .collect();
    load_all(&inputs)
}

/// Loads `(path, is_directory)` inputs as one API.
fn load_all(inputs: &[(PathBuf, bool)]) -> Result<ir::Api, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut sources: Vec<(PathBuf, String)> = Vec::new();
    // Each path once as given and once canonical (when it resolves), so
    // finding a file given twice costs one `canonicalize` per file.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for (input, is_dir) in inputs {
        let found = if *is_dir {
            spec_files_in(input, &mut diagnostics)
        } else {
            vec![(input.clone(), slash_path(input))]
        };
        for (path, source) in found {
            let canonical = std::fs::canonicalize(&path).ok();
            if seen.contains(&path) || canonical.as_ref().is_some_and(|c| seen.contains(c)) {
                continue;
            }
            seen.insert(path.clone());
            seen.extend(canonical);
            sources.push((path, source));
        }
    }
    let mut modules = Vec::new();
    // Files load independently: on every core, results in file order.
    let loaded = crate::parallel::map(&sources, |(path, source)| load_path(path, source));
    for result in loaded {
        match result {
            Ok(module) => modules.push(module),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    check_module_names(&modules, &mut diagnostics);
    check_operations_across_files(&modules, &mut diagnostics);
    if diagnostics.is_empty() {
        Ok(ir::Api { modules })
    } else {
        Err(diagnostics)
    }
}

/// The spec files of `dir` (every entry [`names_a_spec`]), in file-name
/// order, each with its `source` (`<dir as given>/<file name>`).
///
/// Every entry whose name says it is a spec is listed, so a directory, a
/// FIFO, a dangling symbolic link or a link loop named `x.yaml` is an error
/// when loaded, never skipped: a page cannot silently drop out of the
/// generated code.
pub fn spec_files_in(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<(PathBuf, String)> {
    let dir_text = slash_path(dir);
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(Diagnostic::new(
                &dir_text,
                Location::File,
                format!("cannot read the spec directory: {error}"),
            ));
            return Vec::new();
        }
    };
    let mut names = Vec::new();
    let listed_before = diagnostics.len();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name();
                if names_a_spec(Path::new(&name)) {
                    names.push(name);
                }
            }
            Err(error) => diagnostics.push(Diagnostic::new(
                &dir_text,
                Location::File,
                format!("cannot list the spec directory: {error}"),
            )),
        }
    }
    names.sort();
    if names.is_empty() && diagnostics.len() == listed_before {
        diagnostics.push(Diagnostic::new(
            &dir_text,
            Location::File,
            "no spec files (*.yaml, *.yml) in this directory",
        ));
    }
    names
        .iter()
        .map(|name| {
            let name_text = name.to_string_lossy();
            let source = if dir_text.is_empty() {
                name_text.into_owned()
            } else {
                format!("{}/{name_text}", dir_text.trim_end_matches('/'))
            };
            (dir.join(name), source)
        })
        .collect()
}

/// Loads one spec file; its `source` is the path as given, with `/`.
pub fn load_file(path: &Path) -> Result<ir::Module, Diagnostics> {
    load_path(path, &slash_path(path))
}

/// Loads spec text; `source_name` names it in the module and in messages,
/// and its file stem gives the module name. Text longer than
/// [`MAX_SPEC_BYTES`] is refused unread.
pub fn load_str(source_name: &str, text: &str) -> Result<ir::Module, Diagnostics> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(too_large().into_diagnostic(source_name).into());
    }
    let mut report = Report::new(source_name);
    let module_name = module_name(&mut report, source_name);
    let root = match yaml::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let location = match error.position {
                Some((line, column)) => Location::LineColumn { line, column },
                None => Location::File,
            };
            let mut diagnostics = report.into_diagnostics();
            diagnostics.push(Diagnostic::new(source_name, location, error.message));
            return Err(with_excerpts(diagnostics, text));
        }
    };
    let file: Lenient<spec::SpecFile> = Lenient::from_value(root);
    let module = build_module(&mut report, source_name, &file);
    if let Some(module) = &module {
        generated_names::check(&mut report, module);
    }
    match (module, module_name) {
        (Some(mut module), Some(name)) if !report.has_errors() => {
            module.name = name;
            Ok(module)
        }
        _ if report.has_errors() => Err(with_excerpts(report.into_diagnostics(), text)),
        // Every path that fails to build reports why; this is a safety net.
        _ => Err(Diagnostic::new(
            source_name,
            Location::File,
            "internal error: the spec could not be loaded but no problem was reported",
        )
        .into()),
    }
}

/// How many diagnostics of one file get their line, and up to what size of
/// file: finding a line reads the text (a long list, more than once), so
/// a file with thousands of problems (the draft of a pathological page)
/// would take minutes. Real spec files are a few dozen KB.
const MAX_EXCERPTS: usize = 200;
const MAX_EXCERPT_TEXT: usize = 1024 * 1024;

/// Gives each diagnostic (the first [`MAX_EXCERPTS`], in a text of at most
/// [`MAX_EXCERPT_TEXT`] bytes) the line of `text` it is about, where one
/// can be found ([`locate`]).
fn with_excerpts(mut diagnostics: Vec<Diagnostic>, text: &str) -> Diagnostics {
    let located = if text.len() > MAX_EXCERPT_TEXT {
        0
    } else {
        MAX_EXCERPTS
    };
    for diagnostic in diagnostics.iter_mut().take(located) {
        let spot = match &diagnostic.location {
            Location::SpecPath(path) => locate::locate(text, path),
            // The parser puts an error at the end of the text on the line
            // after the last: show the last line, pointing at its end.
            Location::LineColumn { line, column } => match text.lines().count() {
                0 => None,
                count if *line > count => {
                    let last = text.lines().last().unwrap_or("").len();
                    Some(locate::Spot {
                        line: count,
                        columns: last.saturating_sub(1)..last,
                    })
                }
                _ => {
                    // The parser counts characters; the excerpt, bytes.
                    let text_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
                    let start = text_line
                        .char_indices()
                        .nth(column.saturating_sub(1))
                        .map_or(text_line.len(), |(i, _)| i);
                    Some(locate::Spot {
                        line: *line,
                        columns: start..start + 1,
                    })
                }
            },
            Location::File => None,
        };
        diagnostic.excerpt = spot.and_then(|spot| {
            let line = text.lines().nth(spot.line.checked_sub(1)?)?;
            Some(Excerpt {
                line: spot.line,
                text: line.to_owned(),
                columns: spot.columns,
            })
        });
    }
    diagnostics.into()
}

/// The largest spec file read, in bytes. A transcribed page is a few dozen
/// KB; this only stops a wrong file (a log, a dump) from taking seconds and
/// memory before being refused.
pub const MAX_SPEC_BYTES: usize = 8 * 1024 * 1024;

/// Whether a directory entry's name says it is a spec file: its extension
/// is `yaml` or `yml`, in any case (an upper-case one is then refused with
/// a hint rather than skipped).
pub fn names_a_spec(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

fn load_path(path: &Path, source: &str) -> Result<ir::Module, Diagnostics> {
    match read_spec_file(path) {
        Ok(text) => load_str(source, &text),
        Err(problem) => Err(problem.into_diagnostic(source).into()),
    }
}

/// Why a spec entry could not be read: the message, and what to do.
struct Unreadable {
    message: String,
    help: Option<String>,
    location: Location,
}

impl Unreadable {
    fn new(message: String) -> Self {
        Unreadable {
            message,
            help: None,
            location: Location::File,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn into_diagnostic(self, source: &str) -> Diagnostic {
        let diagnostic = Diagnostic::new(source, self.location, self.message);
        match self.help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    }
}

/// Reads a spec file: a regular file (or a link to one) with a lower-case
/// extension, at most [`MAX_SPEC_BYTES`], in UTF-8. Anything else is
/// refused with what it is, before opening it (a FIFO would block the read).
fn read_spec_file(path: &Path) -> Result<String, Unreadable> {
    use std::io::Read as _;

    let name = path
        .file_name()
        .map_or_else(|| slash_path(path), |n| n.to_string_lossy().into_owned());
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if names_a_spec(path) && !matches!(extension, "yaml" | "yml") {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        return Err(Unreadable::new(format!(
            "the extension of {name:?} is not lower-case, as spec file names must be"
        ))
        .help(format!(
            "rename it to \"{stem}.{}\"",
            extension.to_ascii_lowercase()
        )));
    }
    check_is_file(path)?;
    let file = std::fs::File::open(path)
        .map_err(|error| Unreadable::new(format!("cannot read the spec file: {error}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Unreadable::new(format!("cannot read the spec file: {error}")))?;
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let mut problem = Unreadable::new(format!(
            "the spec file is not UTF-8 text (invalid byte at offset {at})"
        ))
        .help("save the file as UTF-8");
        problem.location = line_and_column(&error.as_bytes()[..at]);
        problem
    })
}

/// The 1-based line and column (in characters) just after `valid`, UTF-8
/// text: where the first invalid byte is.
fn line_and_column(valid: &[u8]) -> Location {
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let last_line = std::str::from_utf8(&valid[line_start..]).unwrap_or_default();
    Location::LineColumn {
        line: 1 + valid.iter().filter(|&&b| b == b'\n').count(),
        column: 1 + last_line.chars().count(),
    }
}

fn too_large() -> Unreadable {
    Unreadable::new(format!(
        "the spec file is larger than {} MiB, the most a spec file may be",
        MAX_SPEC_BYTES / (1024 * 1024)
    ))
    .help("a transcribed page is a few dozen KB: check that this is the right file")
}

/// A regular file, or a link to one; otherwise what the entry is and what
/// to do about it.
fn check_is_file(path: &Path) -> Result<(), Unreadable> {
    const NOT_A_FILE: &str = "a spec file must be a regular file (or a link to one): \
        move this entry out of the spec directory, or rename it so that its name \
        does not end in .yaml or .yml";
    let link_target = std::fs::read_link(path).ok().map(|t| slash_path(&t));
    match (std::fs::metadata(path), link_target) {
        (Ok(metadata), _) if metadata.is_file() => Ok(()),
        (Ok(metadata), None) => Err(Unreadable::new(format!(
            "this entry is {}, not a spec file",
            describe_file_type(metadata.file_type())
        ))
        .help(NOT_A_FILE)),
        (Ok(metadata), Some(target)) => Err(Unreadable::new(format!(
            "this entry is a symbolic link to {target:?}, which is {}, not a spec file",
            describe_file_type(metadata.file_type())
        ))
        .help(NOT_A_FILE)),
        (Err(error), Some(target)) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(Unreadable::new(format!(
                "this entry is a dangling symbolic link: its target {target:?} does not exist"
            ))
            .help("point the link at a spec file, or remove it"))
        }
        (Err(error), Some(target)) => Err(Unreadable::new(format!(
            "this entry is a symbolic link that cannot be followed (to {target:?}: {error})"
        ))
        .help("point the link at a spec file, or remove it")),
        (Err(error), None) => Err(Unreadable::new(format!(
            "cannot read the spec file: {error}"
        ))),
    }
}

fn describe_file_type(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    "neither a regular file nor a directory"
}

/// The path with `/` separators, so sources do not depend on the machine.
fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn module_name(report: &mut Report, source_name: &str) -> Option<String> {
    let file_name = source_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source_name);
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    match naming::module_name(stem) {
        Ok(name) => match naming::reserved::module_name(&name) {
            None => Some(name),
            Some(why) => {
                report.file_error(format!(
                    "the file name {file_name:?} gives the Rust module `{name}`, which cannot \
                     be generated: {why}; rename the file"
                ));
                None
            }
        },
        Err(why) => {
            report.file_error(format!(
                "the file name {file_name:?} cannot give a Rust module name: {why}"
            ));
            None
        }
    }
}

/// Two files whose stems give the same module (`a-b.yaml`, `a_b.yml`).
fn check_module_names(modules: &[ir::Module], diagnostics: &mut Diagnostics) {
    for (index, module) in modules.iter().enumerate() {
        if let Some(first) = modules[..index].iter().find(|m| m.name == module.name) {
            diagnostics.push(Diagnostic::new(
                &module.source,
                Location::File,
                format!(
                    "this file and {} both become the Rust module `{}`; rename one",
                    first.source, module.name
                ),
            ));
        }
    }
}

/// Operations of different files with the same id, or served at the same
/// method and path: `codegen validate` and the mock find an operation by
/// its id, the mock serves every file on one router, and an OpenAPI
/// document has one operation per id and per method and path. Within a
/// file the operations' own checks apply. A file already refused for
/// giving the module of an earlier one (most likely a copy) is skipped.
fn check_operations_across_files(modules: &[ir::Module], diagnostics: &mut Diagnostics) {
    for (index, module) in modules.iter().enumerate() {
        if modules[..index].iter().any(|m| m.name == module.name) {
            continue;
        }
        for op in &module.operations {
            let at = |key: &str| Location::SpecPath(format!("operations.{}.{key}", op.id));
            let earlier = modules[..index]
                .iter()
                .flat_map(|m| m.operations.iter().map(move |other| (m, other)));
            for (other_module, other) in earlier {
                if other.id == op.id {
                    diagnostics.push(
                        Diagnostic::new(
                            &module.source,
                            at("id"),
                            format!(
                                "operation id {:?} is also an operation of {}; ids are unique \
                                 across the spec directory",
                                op.id, other_module.source
                            ),
                        )
                        .with_help(
                            "`codegen validate` and the mock find an operation by its id: \
                             rename one of them",
                        ),
                    );
                } else if operations::same_endpoint(op, other) {
                    diagnostics.push(Diagnostic::new(
                        &module.source,
                        at("path"),
                        format!(
                            "operation {:?} is served at {} {} like operation {:?} of {}; each \
                             method and path is one endpoint",
                            op.id,
                            op.method.as_str(),
                            op.path,
                            other.id,
                            other_module.source
                        ),
                    ));
                }
            }
        }
    }
}

fn build_module(
    report: &mut Report,
    source_name: &str,
    file: &Lenient<spec::SpecFile>,
) -> Option<ir::Module> {
    let root = SpecPath::root();
    report.issues(&root, file);
    let file = match file.slot() {
        Slot::Valid(file) => file,
        Slot::Null => {
            report.file_error("the file is empty; expected a mapping with page, operations, types, examples and disagreements");
            return None;
        }
        _ => return None,
    };

    let page = report.required(&root, "page", &file.page);
    let page_at = root.key("page");
    let title = page.and_then(|page| report.required_text(&page_at, "title", &page.title));
    let description =
        page.and_then(|page| report.optional_text(&page_at, "description", &page.description));

    let empty_table = spec::TypeTable::default();
    let table = report
        .optional(&root, "types", &file.types)
        .unwrap_or(&empty_table);
    let declared = types::Declared::collect(report, table);
    let (object_types, field_names) = declared.build(report);

    let operation_items = list(report, &root, "operations", &file.operations);
    let built_operations = operations::build(report, &declared, operation_items);
    let operation_refs: Vec<(Option<&str>, Option<&ir::Operation>)> = built_operations
        .iter()
        .map(|built| (built.id.as_deref(), built.operation.as_ref()))
        .collect();

    let example_items = list(report, &root, "examples", &file.examples);
    let examples = examples::build(report, &declared, &operation_refs, example_items);

    let catalog = Catalog {
        operations: built_operations
            .iter()
            .filter_map(|built| Some((built.id.clone()?, built.header_names.clone())))
            .collect(),
        types: declared
            .names()
            .map(str::to_owned)
            .zip(field_names)
            .collect(),
        example_count: example_items.len(),
    };
    let disagreement_items = list(report, &root, "disagreements", &file.disagreements);
    let disagreements = disagreements::build(report, &catalog, disagreement_items);

    Some(ir::Module {
        name: String::new(),
        source: source_name.to_owned(),
        title: title?.to_owned(),
        description: description.map(str::to_owned),
        operations: built_operations
            .into_iter()
            .map(|built| built.operation)
            .collect::<Option<_>>()?,
        types: object_types.into_iter().collect::<Option<_>>()?,
        examples: examples.into_iter().collect::<Option<_>>()?,
        disagreements: disagreements.into_iter().collect::<Option<_>>()?,
    })
}

/// An optional top-level list; empty when absent or broken (reported).
fn list<'s, T>(
    report: &mut Report,
    root: &SpecPath,
    key: &str,
    node: &'s Lenient<Vec<Lenient<T>>>,
) -> &'s [Lenient<T>] {
    report
        .optional(root, key, node)
        .map(Vec::as_slice)
        .unwrap_or_default()
}
