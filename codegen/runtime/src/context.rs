//! Where a walk over a payload is, and what it found so far.

use regex::Regex;

use crate::checks;
use crate::report::Report;
use crate::violation::{Condition, Detail, Expected, Format, Found, Violation};

#[derive(Debug, Clone)]
enum Segment<'p> {
    Field(&'p str),
    Key(String),
    Index(usize),
}

/// The state of one decoding or validation pass: the current JSON path and
/// the violations found. Paths are kept as a stack of borrowed segments and
/// only rendered into a JSON pointer when a violation is recorded, so a valid
/// payload costs no allocation for them.
#[derive(Debug, Default)]
pub struct Context<'p> {
    path: Vec<Segment<'p>>,
    violations: Vec<Violation>,
    /// Violations counted but not kept beyond [`MAX_VIOLATIONS`].
    omitted: usize,
    /// Set by walks that only want the verdict (the IR-driven validator):
    /// free-form values are then checked without being built.
    discard_values: bool,
}

/// The most violations a report lists. A 2 MiB body of `[1,1,1,…]` where
/// objects are expected breaks a rule a million times; listing them all
/// would turn a small request into a 100 MB answer. Past this many, the
/// rest are only counted ([`Report::omitted`]).
pub const MAX_VIOLATIONS: usize = 1_000;

/// What a field holds, as far as its criterion is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Absent,
    Null,
    /// Present but already reported (wrong type, bad format...).
    Invalid,
    /// A string that is empty or whitespace only.
    Blank,
    Filled,
}

impl Presence {
    /// "Preenchido" in the docs' sense, used by `C` conditions.
    pub fn is_filled(self) -> bool {
        self == Presence::Filled
    }

    pub fn of_str(value: &str) -> Presence {
        if checks::is_blank(value) {
            Presence::Blank
        } else {
            Presence::Filled
        }
    }
}

impl<'p> Context<'p> {
    pub fn new() -> Self {
        Context::default()
    }

    pub fn push_field(&mut self, name: &'p str) {
        self.path.push(Segment::Field(name));
    }

    pub fn push_key(&mut self, key: String) {
        self.path.push(Segment::Key(key));
    }

    /// Removes the innermost segment and gives back its key, when it is one
    /// pushed by [`Context::push_key`]: a free-form object reuses the key it
    /// put in the path as the key of the value it builds.
    pub fn pop_key(&mut self) -> Option<String> {
        match self.path.pop() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }

    /// Only the verdict is wanted: free-form values (`integracao`) are
    /// checked but not built, so memory stays a small multiple of the input.
    pub fn discard_values(&mut self) {
        self.discard_values = true;
    }

    /// Whether values decoded from here on can still be handed back: not
    /// once the caller said it only wants the verdict, and not once a
    /// violation has been found (the walk then ends in a report).
    pub fn wants_values(&self) -> bool {
        !self.discard_values && !self.has_violations()
    }

    pub fn push_index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    pub fn pop(&mut self) {
        self.path.pop();
    }

    pub fn depth(&self) -> usize {
        self.path.len()
    }

    /// Drops path segments left behind by a walk that was interrupted by an
    /// error, back to `depth`.
    pub fn truncate(&mut self, depth: usize) {
        self.path.truncate(depth);
    }

    /// The current position as a JSON pointer (RFC 6901).
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in &self.path {
            pointer.push('/');
            match segment {
                Segment::Field(name) => escape_into(&mut pointer, name),
                Segment::Key(key) => escape_into(&mut pointer, key),
                Segment::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }

    /// Records a violation at the current position. One place breaks one
    /// rule at most once: a blank mandatory date is not also reported blank
    /// by its format check.
    pub fn report(&mut self, detail: Detail) {
        if self.violations.len() >= MAX_VIOLATIONS {
            // Counted, not kept: no need to render the path.
            self.omitted += 1;
            return;
        }
        let path = self.pointer();
        let repeated = self
            .violations
            .last()
            .is_some_and(|last| last.path() == path && last.rule() == detail.rule());
        if !repeated {
            self.violations.push(Violation::new(path, detail));
        }
    }

    /// Records a violation at the child `name` of the current position.
    pub fn report_at(&mut self, name: &'p str, detail: Detail) {
        self.push_field(name);
        self.report(detail);
        self.pop();
    }

    pub fn violation_count(&self) -> usize {
        self.violations.len() + self.omitted
    }

    pub fn has_violations(&self) -> bool {
        !self.violations.is_empty() || self.omitted > 0
    }

    pub fn into_report(self) -> Report {
        Report::new(self.violations).with_omitted(self.omitted)
    }

    pub fn into_result(self) -> Result<(), Report> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(self.into_report())
        }
    }

    pub fn type_mismatch(&mut self, expected: Expected, found: Found) {
        self.report(Detail::Type { expected, found });
    }

    /// The `M` rule for field `name` of the current object.
    #[inline]
    pub fn mandatory(&mut self, name: &'p str, presence: Presence) {
        // The usual case, decided where it is called.
        if matches!(presence, Presence::Invalid | Presence::Filled) {
            return;
        }
        self.mandatory_broken(name, presence);
    }

    #[cold]
    fn mandatory_broken(&mut self, name: &'p str, presence: Presence) {
        let detail = match presence {
            Presence::Absent => Detail::Missing {
                name: name.to_owned(),
            },
            Presence::Null => Detail::Null {
                name: name.to_owned(),
            },
            Presence::Blank => Detail::Blank {
                name: name.to_owned(),
            },
            Presence::Invalid | Presence::Filled => return,
        };
        self.report_at(name, detail);
    }

    /// The `C` rule for field `name`, given whether its condition holds.
    /// `condition` describes it for the message and is only built on failure.
    pub fn conditional(
        &mut self,
        name: &'p str,
        presence: Presence,
        holds: bool,
        condition: impl FnOnce() -> Condition,
    ) {
        if !holds {
            return;
        }
        let detail = match presence {
            Presence::Absent | Presence::Null => Detail::ConditionalMissing {
                name: name.to_owned(),
                condition: condition(),
            },
            Presence::Blank => Detail::Blank {
                name: name.to_owned(),
            },
            Presence::Invalid | Presence::Filled => return,
        };
        self.report_at(name, detail);
    }

    /// Documented string formats. Returns whether the value conforms.
    pub fn format(&mut self, name: &'p str, value: &str, format: Format) -> bool {
        match format_violation(value, format) {
            None => true,
            Some(detail) => {
                self.report_at(name, detail);
                false
            }
        }
    }

    pub fn pattern(&mut self, name: &'p str, value: &str, regex: &Regex) -> bool {
        let ok = regex.is_match(value);
        if !ok {
            self.report_at(
                name,
                Detail::Pattern {
                    pattern: regex.as_str().to_owned(),
                    value: value.to_owned(),
                },
            );
        }
        ok
    }

    /// Length bounds, in chars for strings and items for arrays.
    pub fn length(
        &mut self,
        name: &'p str,
        len: usize,
        min: Option<usize>,
        max: Option<usize>,
        of_string: bool,
    ) -> bool {
        let ok = min.is_none_or(|min| len >= min) && max.is_none_or(|max| len <= max);
        if !ok {
            self.report_at(
                name,
                Detail::Length {
                    len,
                    min,
                    max,
                    of_string,
                },
            );
        }
        ok
    }

    /// An attribute the object does not declare; suggests the closest
    /// declared name.
    pub fn unknown_attribute<'a>(
        &mut self,
        key: String,
        declared: impl IntoIterator<Item = &'a str> + Clone,
    ) {
        if self.violations.len() >= MAX_VIOLATIONS {
            // Counted, not kept: a body of a million unknown names costs no
            // suggestion for any of them past the cap.
            self.omitted += 1;
            return;
        }
        let suggestion = codegen_suggest::closest(&key, declared.clone()).map(str::to_owned);
        let accepted = if suggestion.is_some() {
            Vec::new()
        } else {
            declared.into_iter().map(str::to_owned).collect()
        };
        self.push_key(key.clone());
        self.report(Detail::Unknown {
            name: key,
            suggestion,
            accepted,
        });
        self.pop();
    }
}

/// Why `value` breaks `format`, if it does. A blank value is `blank`, not
/// `format`: it is an empty answer, not a badly written one.
pub(crate) fn format_violation(value: &str, format: Format) -> Option<Detail> {
    let ok = match format {
        Format::Date => checks::is_date(value),
        Format::Color => checks::is_color(value),
    };
    if ok {
        None
    } else if checks::is_blank(value) {
        Some(Detail::BlankFormatted { format })
    } else {
        Some(Detail::Format {
            format,
            value: value.to_owned(),
        })
    }
}

fn escape_into(pointer: &mut String, token: &str) {
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}
