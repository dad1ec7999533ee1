//! Problems found while loading spec files, reported to the person editing
//! the YAML.
//!
//! A spec file is transcribed by hand, so a single load should report every
//! problem of every file at once: [`Diagnostics`] is the collection the
//! loader returns, and each [`Diagnostic`] names the file and either the
//! line/column (YAML syntax) or the spec path of the offending item.

use std::fmt;

mod render;
mod suggest;

pub use suggest::did_you_mean;

/// Where in a spec file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A position in the YAML text (1-based), for syntax errors.
    LineColumn { line: usize, column: usize },
    /// A dotted spec path such as `types.Registro.fields.cor.format`;
    /// list items are addressed by name where they have one
    /// (`operations.criarOcorrencia`) and by index otherwise (`examples.2`).
    /// The empty path is the document root.
    SpecPath(String),
    /// The file as a whole (unreadable, wrong name, ...).
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::LineColumn { line, column } => write!(f, "{line}:{column}"),
            Location::SpecPath(path) if path.is_empty() => f.write_str("(root)"),
            Location::SpecPath(path) => f.write_str(path),
            Location::File => f.write_str("(file)"),
        }
    }
}

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the loader was given it (`spec/criar_ocorrencia.yaml`).
    pub file: String,
    pub location: Location,
    /// What is wrong and what was expected.
    pub message: String,
    /// How to fix it, when there is something more to say than the message.
    pub help: Option<String>,
    /// The line of the file the diagnostic is about, when the loader could
    /// find it: [`Diagnostic::render`] shows it.
    pub excerpt: Option<Excerpt>,
}

/// A line of a spec file and the part of it a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based.
    pub line: usize,
    /// The whole line, without its end.
    pub text: String,
    /// Byte range within `text`.
    pub columns: std::ops::Range<usize>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            location,
            message: message.into(),
            help: None,
            excerpt: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The spec path, when the diagnostic is located by one.
    pub fn spec_path(&self) -> Option<&str> {
        match &self.location {
            Location::SpecPath(path) => Some(path),
            _ => None,
        }
    }
}

/// One line: `file:line:column: message`, `file: spec.path: message` or
/// `file: message`, followed by `; help: ...` when there is help (for logs
/// and tests; people get [`Diagnostic::render`]).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.headline(f)?;
        if let Some(help) = &self.help {
            write!(f, "; help: {help}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The one-line form without the help.
    fn headline(&self, f: &mut dyn fmt::Write) -> fmt::Result {
        match &self.location {
            Location::LineColumn { line, column } => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)?
            }
            Location::SpecPath(path) if !path.is_empty() => {
                write!(f, "{}: {path}: {}", self.file, self.message)?
            }
            Location::SpecPath(_) | Location::File => write!(f, "{}: {}", self.file, self.message)?,
        }
        Ok(())
    }
}

/// Every problem found by one load, in the order found (file order, then
/// spec order within a file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(item: Diagnostic) -> Self {
        Diagnostics { items: vec![item] }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl Diagnostics {
    /// Every diagnostic as [`Diagnostic::render`] shows it, one after the
    /// other.
    pub fn render(&self) -> String {
        let rendered: Vec<String> = self.items.iter().map(Diagnostic::render).collect();
        rendered.join("\n")
    }
}

/// One diagnostic per line.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
