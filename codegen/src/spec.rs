//! The spec file as written: one YAML document per documentation page,
//! shaped like the page's tables (see `spec/README.md`).
//!
//! These structs mirror the YAML one to one and check nothing beyond YAML
//! kinds and keyword spellings; every key is [`Lenient`] so that all
//! problems of a file surface in one load. The loader validates them and
//! builds the [`crate::ir`].

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

pub mod lenient;

use lenient::{describe, duplicated_key, expect_mapping, key_text, keyword};
pub use lenient::{Issue, Lenient, Slot};

/// A whole spec file.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SpecFile {
    pub page: Lenient<Page>,
    pub operations: Lenient<Vec<Lenient<Operation>>>,
    pub types: Lenient<TypeTable>,
    pub examples: Lenient<Vec<Lenient<Example>>>,
    pub disagreements: Lenient<Vec<Lenient<Disagreement>>>,
}

/// The documentation page itself.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Page {
    pub title: Lenient<String>,
    pub description: Lenient<String>,
}

/// One endpoint (the page's "Endpoint" table plus its headers).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Operation {
    pub id: Lenient<String>,
    pub method: Lenient<Method>,
    pub path: Lenient<String>,
    pub content_type: Lenient<String>,
    pub summary: Lenient<String>,
    pub description: Lenient<String>,
    pub implemented_by: Lenient<Implementer>,
    pub base_url: Lenient<String>,
    pub header_note: Lenient<String>,
    pub headers: Lenient<Vec<Lenient<Header>>>,
    pub request: Lenient<String>,
    /// A type name, or [`UNDOCUMENTED`].
    pub response: Lenient<String>,
    pub failure: Lenient<String>,
}

/// The `response` of an operation whose page promises a structure but
/// documents none.
pub const UNDOCUMENTED: &str = "undocumented";

/// One row of a "Headers" table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Header {
    pub name: Lenient<String>,
    pub criterion: Lenient<Criterion>,
    /// The "Tipo" column verbatim (`token do cliente`).
    #[serde(rename = "type")]
    pub doc_type: Lenient<String>,
    pub description: Lenient<String>,
}

/// The `types` mapping: type name → table, in document order. Kept as a
/// list of entries so repeated and non-string names can be reported rather
/// than silently merged.
#[derive(Debug, Default)]
pub struct TypeTable {
    pub entries: Vec<TypeEntry>,
}

#[derive(Debug)]
pub struct TypeEntry {
    pub name: TypeKey,
    pub table: Lenient<ObjectType>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeKey {
    Name(String),
    /// A name the mapping already had.
    Repeated(String),
    /// A key that is not a string; holds its description.
    NotAString(String),
}

impl<'de> Deserialize<'de> for TypeTable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mapping = Mapping::deserialize(deserializer)?;
        let entries = mapping
            .into_iter()
            .map(|(key, value)| {
                let name = match (&key, duplicated_key(&key)) {
                    (_, Some(repeated)) => TypeKey::Repeated(key_text(repeated)),
                    (Value::String(name), None) => TypeKey::Name(name.clone()),
                    (other, None) => TypeKey::NotAString(describe(other)),
                };
                TypeEntry {
                    name,
                    table: Lenient::from_value(value),
                }
            })
            .collect();
        Ok(TypeTable { entries })
    }
}

/// One object table of the page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ObjectType {
    /// The table's heading, verbatim (`Objeto registro`).
    pub title: Lenient<String>,
    pub description: Lenient<String>,
    pub fields: Lenient<Vec<Lenient<Field>>>,
}

/// One row of an object table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Field {
    /// The wire name, exact and case-sensitive.
    pub name: Lenient<String>,
    pub criterion: Lenient<Criterion>,
    #[serde(rename = "type")]
    pub ty: Lenient<TypeKeyword>,
    pub format: Lenient<Format>,
    /// Element type of an `Array`, or the type of an `Objeto`.
    pub of: Lenient<String>,
    pub free_form: Lenient<bool>,
    /// The "Tipo" column verbatim when it says more than `type`.
    pub doc_type: Lenient<String>,
    pub description: Lenient<String>,
    /// "Regra de preenchimento", verbatim.
    pub rule: Lenient<String>,
    pub condition: Lenient<Condition>,
}

/// When a `C` field is mandatory; exactly one key.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Condition {
    pub filled: Lenient<Vec<Lenient<String>>>,
    pub equals: Lenient<Equals>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Equals {
    pub field: Lenient<String>,
    /// A string, integer or boolean; checked by the loader.
    pub value: Lenient<Value>,
}

/// One example shown on the page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Example {
    pub title: Lenient<String>,
    pub operation: Lenient<String>,
    pub part: Lenient<Part>,
    #[serde(rename = "type")]
    pub ty: Lenient<String>,
    pub verdict: Lenient<Verdict>,
    pub violations: Lenient<Vec<Lenient<Violation>>>,
    pub text: Lenient<String>,
}

/// A violation an example is expected to produce.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Violation {
    /// JSON pointer into the example (`/registros/2/subtitulo`; root `""`).
    pub path: Lenient<String>,
    pub rule: Lenient<RuleCode>,
}

/// A place where the page contradicts itself.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Disagreement {
    pub at: Lenient<String>,
    pub summary: Lenient<String>,
}

expect_mapping!(
    SpecFile,
    Page,
    Operation,
    Header,
    TypeTable,
    ObjectType,
    Field,
    Condition,
    Equals,
    Example,
    Violation,
    Disagreement,
);

keyword! {
    /// The doc's "Critério" / "Obrigatório" column.
    pub enum Criterion ("criterion") {
        Mandatory = "M",
        Conditional = "C",
        Optional = "OP",
    }
}

keyword! {
    /// The doc's "Tipo" column, normalised.
    pub enum TypeKeyword ("type") {
        String = "String",
        Int = "Int",
        Float = "Float",
        Boolean = "Boolean",
        Objeto = "Objeto",
        Array = "Array",
    }
}

keyword! {
    /// A refinement of `String` (`date`, `color`) or `Float` (`decimal`).
    pub enum Format ("format") {
        Date = "date",
        Color = "color",
        Decimal = "decimal",
    }
}

keyword! {
    pub enum Method ("method") {
        Get = "GET",
        Post = "POST",
        Put = "PUT",
        Patch = "PATCH",
        Delete = "DELETE",
    }
}

keyword! {
    /// Who serves the endpoint.
    pub enum Implementer ("implementer") {
        Mosia = "mosia",
        Operator = "operator",
    }
}

keyword! {
    pub enum Part ("part") {
        Request = "request",
        Response = "response",
        Failure = "failure",
    }
}

keyword! {
    pub enum Verdict ("verdict") {
        Valid = "valid",
        Invalid = "invalid",
    }
}

keyword! {
    /// The validator's rule codes, as used in expected violations.
    pub enum RuleCode ("rule code") {
        Mandatory = "mandatory",
        Blank = "blank",
        Type = "type",
        UnknownAttribute = "unknown_attribute",
        DuplicateAttribute = "duplicate_attribute",
        Format = "format",
        Conditional = "conditional",
        Syntax = "syntax",
        Range = "range",
        Depth = "depth",
        Pattern = "pattern",
        Length = "length",
        Value = "value",
    }
}

#[cfg(test)]
mod rule_code_tests {
    use super::RuleCode;

    /// The spec accepts exactly the rule codes the runtime reports.
    #[test]
    fn rule_codes_are_the_runtimes() {
        let runtime: Vec<&str> = codegen_runtime::Rule::ALL
            .iter()
            .map(|r| r.code())
            .collect();
        for code in &runtime {
            let parsed: Result<RuleCode, _> = serde_yaml::from_str(code);
            assert_eq!(parsed.map(|c| c.as_str()).ok(), Some(*code));
        }
        assert!(serde_yaml::from_str::<RuleCode>("mandatoryy").is_err());
    }
}
