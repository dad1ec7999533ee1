//! What a violation is: its stable rule code ([`Rule`]), the facts behind
//! it ([`Detail`], with [`Expected`], [`Found`], [`Format`], [`Condition`])
//! and where it is ([`Violation`]). Its message, in each [`Lang`], is worded
//! in `crate::messages`.

use std::fmt;

use crate::messages;

/// Stable snake_case rule codes. Integrators match on these; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// An `M` attribute is missing or null.
    Mandatory,
    /// An `M` (or active `C`) string is empty or whitespace only.
    Blank,
    /// The JSON value has the wrong kind (no coercion).
    Type,
    /// An attribute the type does not declare (names are exact, case-sensitive).
    UnknownAttribute,
    /// The same attribute appears twice in one object.
    DuplicateAttribute,
    /// A string breaks its documented format (date, colour).
    Format,
    /// A `C` attribute is missing or null while its condition holds.
    Conditional,
    /// The bytes are not JSON (or not UTF-8).
    Syntax,
    /// A number outside what its type can hold.
    Range,
    /// Nesting deeper than the decoder accepts.
    Depth,
    /// A string that does not match its declared pattern.
    Pattern,
    /// A string or array whose length is outside its declared bounds.
    Length,
    /// A value outside a closed set of accepted values.
    Value,
}

impl Rule {
    pub const ALL: [Rule; 13] = [
        Rule::Mandatory,
        Rule::Blank,
        Rule::Type,
        Rule::UnknownAttribute,
        Rule::DuplicateAttribute,
        Rule::Format,
        Rule::Conditional,
        Rule::Syntax,
        Rule::Range,
        Rule::Depth,
        Rule::Pattern,
        Rule::Length,
        Rule::Value,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::Mandatory => "mandatory",
            Rule::Blank => "blank",
            Rule::Type => "type",
            Rule::UnknownAttribute => "unknown_attribute",
            Rule::DuplicateAttribute => "duplicate_attribute",
            Rule::Format => "format",
            Rule::Conditional => "conditional",
            Rule::Syntax => "syntax",
            Rule::Range => "range",
            Rule::Depth => "depth",
            Rule::Pattern => "pattern",
            Rule::Length => "length",
            Rule::Value => "value",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.code() == code)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Language of messages. Portuguese is the default: the docs and their
/// readers are Brazilian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Pt,
    En,
}

/// The kind of JSON value a field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    /// A string naming one of a closed set of values (unit enums).
    EnumString,
}

/// The kind of JSON value actually found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Null,
    Boolean,
    Integer,
    /// A number with a fraction or exponent.
    Number,
    String,
    Array,
    Object,
}

/// A documented string format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A real calendar date written `YYYY-MM-DD`.
    Date,
    /// `#` followed by six hexadecimal digits.
    Color,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::Color => "color",
        }
    }
}

/// When a `C` attribute is mandatory, in wire names, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// Any of these siblings is filled.
    Filled(Vec<String>),
    /// The sibling holds this value (rendered as JSON, e.g. `"PF"`).
    Equals(String, String),
}

/// The facts behind a violation; the message is rendered from them on demand,
/// in either language.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Detail {
    Missing {
        name: String,
    },
    Null {
        name: String,
    },
    Blank {
        name: String,
    },
    /// A blank string where a formatted value (a date, a colour) is expected.
    BlankFormatted {
        format: Format,
    },
    Type {
        expected: Expected,
        found: Found,
    },
    Unknown {
        name: String,
        suggestion: Option<String>,
        accepted: Vec<String>,
    },
    Duplicate {
        name: String,
    },
    Format {
        format: Format,
        value: String,
    },
    ConditionalMissing {
        name: String,
        condition: Condition,
    },
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    IntegerRange,
    NumberRange,
    DecimalRange,
    NotFinite,
    Depth {
        line: usize,
        column: usize,
    },
    Pattern {
        pattern: String,
        value: String,
    },
    Length {
        len: usize,
        min: Option<usize>,
        max: Option<usize>,
        of_string: bool,
    },
    NotAccepted {
        value: String,
        accepted: Vec<String>,
    },
}

impl Detail {
    pub fn rule(&self) -> Rule {
        match self {
            Detail::Missing { .. } | Detail::Null { .. } => Rule::Mandatory,
            Detail::Blank { .. } | Detail::BlankFormatted { .. } => Rule::Blank,
            Detail::Type { .. } => Rule::Type,
            Detail::Unknown { .. } => Rule::UnknownAttribute,
            Detail::Duplicate { .. } => Rule::DuplicateAttribute,
            Detail::Format { .. } => Rule::Format,
            Detail::ConditionalMissing { .. } => Rule::Conditional,
            Detail::Syntax { .. } => Rule::Syntax,
            Detail::IntegerRange
            | Detail::NumberRange
            | Detail::DecimalRange
            | Detail::NotFinite => Rule::Range,
            Detail::Depth { .. } => Rule::Depth,
            Detail::Pattern { .. } => Rule::Pattern,
            Detail::Length { .. } => Rule::Length,
            Detail::NotAccepted { .. } => Rule::Value,
        }
    }

    /// The message, worded to say what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        messages::violation(self, lang)
    }
}

/// One broken rule at one place of a payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    path: String,
    detail: Detail,
}

impl Violation {
    pub fn new(path: String, detail: Detail) -> Self {
        Violation { path, detail }
    }

    /// JSON pointer (RFC 6901) of the offending value; `""` is the root.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn rule(&self) -> Rule {
        self.detail.rule()
    }

    pub fn detail(&self) -> &Detail {
        &self.detail
    }

    /// The message in Portuguese.
    pub fn message(&self) -> String {
        self.detail.message(Lang::Pt)
    }

    pub fn message_in(&self, lang: Lang) -> String {
        self.detail.message(lang)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            messages::root(Lang::Pt)
        } else {
            &self.path
        };
        write!(f, "{path}: {} [{}]", self.message(), self.rule())
    }
}
