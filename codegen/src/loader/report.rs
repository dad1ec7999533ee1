//! Collecting the diagnostics of one spec file while walking it.

use std::fmt;

use crate::diagnostics::{Diagnostic, Location};
use crate::spec::lenient::Expected;
use crate::spec::{Lenient, Slot};

/// A dotted spec path (`types.Registro.fields.cor`); empty at the root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpecPath(String);

impl SpecPath {
    pub fn root() -> Self {
        SpecPath(String::new())
    }

    pub fn key(&self, key: &str) -> SpecPath {
        if self.0.is_empty() {
            SpecPath(key.to_owned())
        } else {
            SpecPath(format!("{}.{key}", self.0))
        }
    }

    pub fn index(&self, index: usize) -> SpecPath {
        self.key(&index.to_string())
    }

    /// A list item: by its name when it has a usable one, else by index,
    /// so that messages read `types.Registro.fields.cor` rather than
    /// `types.Registro.fields.2`.
    pub fn item(&self, index: usize, name: Option<&str>) -> SpecPath {
        match name {
            Some(name) if !name.trim().is_empty() => self.key(name),
            _ => self.index(index),
        }
    }
}

impl fmt::Display for SpecPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The diagnostics of one file.
pub struct Report {
    file: String,
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(file: &str) -> Self {
        Report {
            file: file.to_owned(),
            diagnostics: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.diagnostics.is_empty()
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    pub fn error(&mut self, at: &SpecPath, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(
            &self.file,
            Location::SpecPath(at.0.clone()),
            message,
        ));
    }

    pub fn error_with_help(
        &mut self,
        at: &SpecPath,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics.push(
            Diagnostic::new(&self.file, Location::SpecPath(at.0.clone()), message).with_help(help),
        );
    }

    pub fn file_error(&mut self, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(&self.file, Location::File, message));
    }

    /// Reports the problems recorded on `node` (found at `at`), whatever
    /// its state.
    pub fn issues<T>(&mut self, at: &SpecPath, node: &Lenient<T>) {
        for issue in node.issues() {
            let location = match &issue.key {
                Some(key) => at.key(key),
                None => at.clone(),
            };
            let mut diagnostic = Diagnostic::new(
                &self.file,
                Location::SpecPath(location.0),
                issue.message.clone(),
            );
            diagnostic.help = issue.help.clone();
            self.diagnostics.push(diagnostic);
        }
    }

    /// An optional key of `parent`: its value if valid; absent and null
    /// are both "not given".
    pub fn optional<'v, T>(
        &mut self,
        parent: &SpecPath,
        key: &str,
        node: &'v Lenient<T>,
    ) -> Option<&'v T> {
        self.issues(&parent.key(key), node);
        node.get()
    }

    /// A required key of `parent`: its value if valid, reporting absence
    /// and emptiness with what was expected.
    pub fn required<'v, T: Expected>(
        &mut self,
        parent: &SpecPath,
        key: &str,
        node: &'v Lenient<T>,
    ) -> Option<&'v T> {
        let at = parent.key(key);
        self.issues(&at, node);
        match node.slot() {
            Slot::Valid(value) => Some(value),
            Slot::Absent => {
                self.error(
                    &at,
                    format!("missing required key {key:?}; expected {}", T::expected()),
                );
                None
            }
            Slot::Null => {
                self.error(&at, format!("{key:?} is empty; expected {}", T::expected()));
                None
            }
            Slot::Invalid => None,
        }
    }

    /// A required piece of prose or a name: a string that is not blank.
    pub fn required_text<'v>(
        &mut self,
        parent: &SpecPath,
        key: &str,
        node: &'v Lenient<String>,
    ) -> Option<&'v str> {
        let text = self.required(parent, key, node)?;
        self.not_blank(&parent.key(key), key, text, None)
    }

    /// An optional piece of prose: when given, it must not be blank.
    pub fn optional_text<'v>(
        &mut self,
        parent: &SpecPath,
        key: &str,
        node: &'v Lenient<String>,
    ) -> Option<&'v str> {
        let text = self.optional(parent, key, node)?;
        self.not_blank(
            &parent.key(key),
            key,
            text,
            Some("leave the key out when the page has nothing there"),
        )
    }

    fn not_blank<'v>(
        &mut self,
        at: &SpecPath,
        key: &str,
        text: &'v str,
        help: Option<&str>,
    ) -> Option<&'v str> {
        if text.trim().is_empty() {
            let message = format!("{key:?} is blank; expected some text");
            match help {
                Some(help) => self.error_with_help(at, message, help),
                None => self.error(at, message),
            }
            None
        } else {
            Some(text)
        }
    }
}
