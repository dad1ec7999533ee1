//! A collection of violations: the error type of decoding and validation.

use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::violation::{Lang, Rule, Violation};

/// Every violation found in one payload, in the order they were found.
///
/// `Display` prints one per line in Portuguese; [`Report::in_lang`] chooses
/// English. Serializes to a JSON array of `{"path", "rule", "message"}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    violations: Vec<Violation>,
    omitted: usize,
}

impl Report {
    pub fn new(violations: Vec<Violation>) -> Self {
        Report {
            violations,
            omitted: 0,
        }
    }

    /// The same report, noting `omitted` further violations that were
    /// counted but not listed (see [`crate::MAX_VIOLATIONS`]).
    pub fn with_omitted(mut self, omitted: usize) -> Self {
        self.omitted = omitted;
        self
    }

    /// Violations found beyond the listed ones.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// Every violation found, listed or not.
    pub fn total(&self) -> usize {
        self.violations.len() + self.omitted
    }

    pub fn is_empty(&self) -> bool {
        self.violations.is_empty() && self.omitted == 0
    }

    pub fn len(&self) -> usize {
        self.violations.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// (path, rule) pairs, sorted: handy to compare two reports.
    pub fn pairs(&self) -> Vec<(String, Rule)> {
        let mut pairs: Vec<(String, Rule)> = self
            .violations
            .iter()
            .map(|v| (v.path().to_owned(), v.rule()))
            .collect();
        pairs.sort();
        pairs
    }

    /// Whether any violation is of `rule`.
    pub fn has(&self, rule: Rule) -> bool {
        self.violations.iter().any(|v| v.rule() == rule)
    }

    /// The report with messages in `lang`, for `Display` and `Serialize`.
    pub fn in_lang(&self, lang: Lang) -> LocalizedReport<'_> {
        LocalizedReport { report: self, lang }
    }

    /// `[{"path", "rule", "message"}, ...]` with messages in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::to_value(self.in_lang(lang)).unwrap_or(serde_json::Value::Null)
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl IntoIterator for Report {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.in_lang(Lang::Pt).fmt(f)
    }
}

impl std::error::Error for Report {}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.in_lang(Lang::Pt).serialize(serializer)
    }
}

/// A [`Report`] rendered in one language.
#[derive(Debug, Clone, Copy)]
pub struct LocalizedReport<'a> {
    report: &'a Report,
    lang: Lang,
}

impl fmt::Display for LocalizedReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.report.total();
        match self.lang {
            Lang::Pt if count == 1 => writeln!(f, "1 violação:")?,
            Lang::Pt => writeln!(f, "{count} violações:")?,
            Lang::En if count == 1 => writeln!(f, "1 violation:")?,
            Lang::En => writeln!(f, "{count} violations:")?,
        }
        for violation in self.report.iter() {
            let path = match (violation.path(), self.lang) {
                ("", Lang::Pt) => "(raiz)",
                ("", Lang::En) => "(root)",
                (path, _) => path,
            };
            writeln!(
                f,
                "  {path}: {} [{}]",
                violation.message_in(self.lang),
                violation.rule()
            )?;
        }
        match (self.report.omitted, self.lang) {
            (0, _) => {}
            (n, Lang::Pt) => writeln!(
                f,
                "  … e mais {n} não listadas (limite de {} por relatório)",
                crate::MAX_VIOLATIONS
            )?,
            (n, Lang::En) => writeln!(
                f,
                "  … and {n} more not listed (at most {} per report)",
                crate::MAX_VIOLATIONS
            )?,
        }
        Ok(())
    }
}

impl Serialize for LocalizedReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.report.len()))?;
        for violation in self.report.iter() {
            seq.serialize_element(&LocalizedViolation {
                violation,
                lang: self.lang,
            })?;
        }
        seq.end()
    }
}

struct LocalizedViolation<'a> {
    violation: &'a Violation,
    lang: Lang,
}

impl Serialize for LocalizedViolation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("path", self.violation.path())?;
        map.serialize_entry("rule", self.violation.rule().code())?;
        map.serialize_entry("message", &self.violation.message_in(self.lang))?;
        map.end()
    }
}
