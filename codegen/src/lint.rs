//! Findings about a loaded spec that do not stop generation: where the page
//! contradicts itself, examples that are not JSON, and gaps in coverage.
//!
//! Lint reads only the IR. Each pass looks at one module and pushes
//! findings; [`lint_with`] orders them by file, then by the spec place they
//! concern (page, operations, types, examples), so output is stable.
//!
//! Checking each example against its table is the validator's job: it
//! plugs in through [`ExampleValidator`], and lint compares what it reports
//! with the violations the spec expects.

use std::fmt;

use crate::ir::{Api, Example, Expectation, Module, Place};

mod coverage;
mod disagreements;
mod examples;

/// One lint finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The module's source file (`spec/criar_ocorrencia.yaml`).
    pub file: String,
    /// Spec path of what the finding is about (`types.Formulario.fields.idForm`).
    pub at: String,
    pub kind: FindingKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// A recorded place where the page contradicts itself.
    Disagreement,
    /// An example whose text is not JSON.
    ExampleNotJson,
    /// An example whose recorded expectation contradicts its own text
    /// (not JSON, yet no `syntax` violation expected, or the reverse).
    ExampleExpectation,
    /// An example whose validation differs from the expected violations.
    ExampleMismatch,
    /// A type no operation uses, directly or through other types.
    UnreachableType,
    /// An operation part the page gives no example of.
    MissingExample,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Disagreement => "disagreement",
            FindingKind::ExampleNotJson => "example-not-json",
            FindingKind::ExampleExpectation => "example-expectation",
            FindingKind::ExampleMismatch => "example-mismatch",
            FindingKind::UnreachableType => "unreachable-type",
            FindingKind::MissingExample => "missing-example",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `spec/x.yaml: types.Formulario.fields.idForm: disagreement: ...`
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}: {}: {}", self.file, self.kind, self.message)
        } else {
            write!(
                f,
                "{}: {}: {}: {}",
                self.file, self.at, self.kind, self.message
            )
        }
    }
}

/// Validates an example's text against the table it shows, the same way
/// a live payload would be validated: the seam through which lint's tests
/// stand in for the IR-driven validator.
pub trait ExampleValidator {
    /// Every violation found; a text that is not JSON yields one `syntax`
    /// violation at `""`.
    fn validate(&self, module: &Module, example: &Example) -> Vec<Expectation>;
}

/// The IR-driven validator (`crate::validator`), as lint uses it.
pub struct IrValidator;

impl ExampleValidator for IrValidator {
    fn validate(&self, module: &Module, example: &Example) -> Vec<Expectation> {
        crate::validator::example_violations(module, example)
    }
}

/// Lints, validating every example against its table with the IR-driven
/// validator.
pub fn lint(api: &Api) -> Vec<Finding> {
    lint_with(api, Some(&IrValidator))
}

/// Lints, also comparing each example's validation with its expectation
/// when a validator is given.
pub fn lint_with(api: &Api, validator: Option<&dyn ExampleValidator>) -> Vec<Finding> {
    api.modules
        .iter()
        .flat_map(|module| lint_module(module, validator))
        .collect()
}

fn lint_module(module: &Module, validator: Option<&dyn ExampleValidator>) -> Vec<Finding> {
    let mut out = Findings::new(module);
    disagreements::lint(module, &mut out);
    examples::lint(module, validator, &mut out);
    coverage::lint(module, &mut out);
    out.into_sorted()
}

/// Findings of one module, each with the place it concerns (for ordering).
struct Findings<'m> {
    module: &'m Module,
    items: Vec<(Place, Finding)>,
}

impl<'m> Findings<'m> {
    fn new(module: &'m Module) -> Self {
        Findings {
            module,
            items: Vec::new(),
        }
    }

    fn push(&mut self, at: Place, kind: FindingKind, message: impl Into<String>) {
        let finding = Finding {
            file: self.module.source.clone(),
            at: self.module.spec_path(at),
            kind,
            message: message.into(),
        };
        self.items.push((at, finding));
    }

    /// Spec order: page, each operation then its headers, each type then
    /// its attributes, examples; findings at the same place keep pass order.
    fn into_sorted(self) -> Vec<Finding> {
        let mut items = self.items;
        items.sort_by_key(|(place, _)| match *place {
            Place::Page => (0, 0, 0),
            Place::Operation(i) => (1, i, 0),
            Place::Header { operation, header } => (1, operation, header + 1),
            Place::Type(id) => (2, id.0, 0),
            Place::Field { ty, field } => (2, ty.0, field.0 + 1),
            Place::Example(i) => (3, i, 0),
        });
        items.into_iter().map(|(_, finding)| finding).collect()
    }
}

/// How a finding names a place: `attribute "idForm" of type "Formulario"`
/// (its spec path, on IR where it is out of range).
fn describe_place(module: &Module, place: Place) -> String {
    let described = match place {
        Place::Page => Some(format!("page {:?}", module.title)),
        Place::Operation(i) => module
            .operations
            .get(i)
            .map(|op| format!("operation {:?}", op.id)),
        Place::Header { operation, header } => module.operations.get(operation).and_then(|op| {
            let header = op.headers.get(header)?;
            Some(format!("header {:?} of operation {:?}", header.name, op.id))
        }),
        Place::Type(id) => module
            .types
            .get(id.0)
            .map(|ty| format!("type {:?}", ty.name)),
        Place::Field { ty, field } => module.types.get(ty.0).and_then(|ty| {
            let field = ty.fields.get(field.0)?;
            Some(format!(
                "attribute {:?} of type {:?}",
                field.wire_name, ty.name
            ))
        }),
        Place::Example(i) => module
            .examples
            .get(i)
            .map(|example| format!("example {i} ({:?})", example.title)),
    };
    described.unwrap_or_else(|| module.spec_path(place))
}
