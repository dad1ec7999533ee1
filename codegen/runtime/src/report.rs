//! A collection of violations: the error type of decoding and validation,
//! shown and serialized in either language (texts in `crate::messages`).

use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::messages;
use crate::violation::{Lang, Rule, Violation};

/// Every violation found in one payload, in the order they were found.
///
/// `Display` prints one per line in Portuguese; [`Report::in_lang`] chooses
/// English. Serializes to a JSON array of `{"path", "rule", "message"}`;
/// when violations were left out (more than [`crate::MAX_VIOLATIONS`]), the
/// array ends with one more element saying how many (see
/// [`Report::TRUNCATED_RULE`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    violations: Vec<Violation>,
    omitted: usize,
}

impl Report {
    /// The `rule` of the element that ends the JSON array of a report whose
    /// violations were not all listed:
    /// `{"path": "", "rule": "truncated", "message": "… e mais 4000 não listadas
    /// (limite de 1000 por relatório)", "omitted": 4000}`. It is not a
    /// violation (no [`Rule`] has this code). The array keeps its shape (the
    /// element has the same three strings, plus `omitted`), so a reader that
    /// does not know it still reads the listed violations, and one that does
    /// can tell the list is incomplete. Only a truncated report has it.
    pub const TRUNCATED_RULE: &'static str = "truncated";

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

    /// `[{"path", "rule", "message"}, ...]` with messages in `lang` (and the
    /// [`Report::TRUNCATED_RULE`] element last when violations were left out).
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
        writeln!(
            f,
            "{}",
            messages::report_heading(self.report.total(), self.lang)
        )?;
        for violation in self.report.iter() {
            let path = match violation.path() {
                "" => messages::root(self.lang),
                path => path,
            };
            writeln!(
                f,
                "  {path}: {} [{}]",
                violation.message_in(self.lang),
                violation.rule()
            )?;
        }
        if self.report.omitted > 0 {
            writeln!(f, "  {}", messages::omitted(self.report.omitted, self.lang))?;
        }
        Ok(())
    }
}

impl Serialize for LocalizedReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let omitted = self.report.omitted;
        let len = self.report.len() + usize::from(omitted > 0);
        let mut seq = serializer.serialize_seq(Some(len))?;
        for violation in self.report.iter() {
            seq.serialize_element(&LocalizedViolation {
                violation,
                lang: self.lang,
            })?;
        }
        if omitted > 0 {
            seq.serialize_element(&Truncated {
                omitted,
                lang: self.lang,
            })?;
        }
        seq.end()
    }
}

/// The element that ends the array of a truncated report.
struct Truncated {
    omitted: usize,
    lang: Lang,
}

impl Serialize for Truncated {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("path", "")?;
        map.serialize_entry("rule", Report::TRUNCATED_RULE)?;
        map.serialize_entry("message", &messages::omitted(self.omitted, self.lang))?;
        map.serialize_entry("omitted", &self.omitted)?;
        map.end()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::violation::Detail;

    fn report(listed: usize, omitted: usize) -> Report {
        let violations = (0..listed)
            .map(|i| {
                Violation::new(
                    format!("/x{i}"),
                    Detail::Duplicate {
                        name: format!("x{i}"),
                    },
                )
            })
            .collect();
        Report::new(violations).with_omitted(omitted)
    }

    #[test]
    fn a_complete_report_is_an_array_of_violations_only() {
        let json = report(2, 0).to_json(Lang::En);
        let items = json.as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|v| v["rule"] == "duplicate_attribute"));
    }

    #[test]
    fn a_truncated_report_ends_with_a_marker_counting_the_rest() {
        let report = report(3, 4_000);
        for (lang, message) in [
            (
                Lang::Pt,
                "… e mais 4000 não listadas (limite de 1000 por relatório)",
            ),
            (
                Lang::En,
                "… and 4000 more not listed (at most 1000 per report)",
            ),
        ] {
            let json = report.to_json(lang);
            let items = json.as_array().unwrap();
            assert_eq!(items.len(), 4);
            assert_eq!(
                items[3],
                serde_json::json!({
                    "path": "",
                    "rule": Report::TRUNCATED_RULE,
                    "message": message,
                    "omitted": 4000,
                })
            );
            // The text says the same in its last line.
            let text = report.in_lang(lang).to_string();
            assert!(text.trim_end().ends_with(message), "{text}");
        }
        // Serialized through serde_json directly, in the same order.
        assert!(serde_json::to_string(&report).unwrap().ends_with(
            "{\"path\":\"\",\"rule\":\"truncated\",\"message\":\"… e mais 4000 não listadas \
             (limite de 1000 por relatório)\",\"omitted\":4000}]"
        ));
        assert!(Rule::from_code(Report::TRUNCATED_RULE).is_none());
    }
}
