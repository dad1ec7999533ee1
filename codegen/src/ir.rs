//! The validated intermediate representation.
//!
//! Everything downstream of the loader (the type emitter, the IR-driven
//! validator, lint, the client/server emitters, the mock server) reads only
//! these structures: they never see YAML. A value of [`Api`] is only ever
//! built by [`crate::loader`], which guarantees the invariants documented
//! here (references resolve, names are unique, conditions name siblings).

/// Every spec file of a `spec/` directory, in file-name order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub modules: Vec<Module>,
}

/// One spec file, i.e. one documentation page; becomes one Rust module.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// snake_case module name, from the file stem (`demonstrativo_pagamento_detalhe`).
    pub name: String,
    /// Path of the spec file as given to the loader, with `/` separators
    /// (`spec/demonstrativo_pagamento_detalhe.yaml`); used in the
    /// "generated from" header, so it must not depend on the machine.
    pub source: String,
    /// The page title, verbatim.
    pub title: String,
    /// Free text about the page (Portuguese, verbatim), if any.
    pub description: Option<String>,
    pub operations: Vec<Operation>,
    /// Object types in spec order. [`TypeId`] indexes this vector.
    pub types: Vec<ObjectType>,
    pub examples: Vec<Example>,
    pub disagreements: Vec<Disagreement>,
}

impl Module {
    pub fn ty(&self, id: TypeId) -> &ObjectType {
        &self.types[id.0]
    }

    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.id == id)
    }

    /// The headers mandatory in every operation, in the order of the first
    /// operation: the generated client takes them in its constructor.
    /// The loader guarantees each a usable, distinct parameter name
    /// ([`crate::naming::reserved::header_parameter`]).
    pub fn client_headers(&self) -> Vec<&Header> {
        let Some(first) = self.operations.first() else {
            return Vec::new();
        };
        first
            .headers
            .iter()
            .filter(|header| {
                header.mandatory
                    && self.operations.iter().all(|op| {
                        op.headers
                            .iter()
                            .any(|h| h.mandatory && h.name.eq_ignore_ascii_case(&header.name))
                    })
            })
            .collect()
    }
}

/// Index of an [`ObjectType`] in [`Module::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Who serves the endpoint: Mosia's own API, or each health operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implementer {
    Mosia,
    Operator,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Exactly as in the spec (`criarOcorrencia`).
    pub id: String,
    /// snake_case (`criar_ocorrencia`).
    pub rust_name: String,
    pub method: Method,
    /// Path relative to the base URL, starting with `/`: an endpoint path
    /// of `codegen_runtime::endpoint_rules`, with no empty segment and no
    /// `{`, `}` or `*`.
    pub path: String,
    pub content_type: MediaType,
    pub summary: String,
    pub description: Option<String>,
    pub implementer: Implementer,
    /// The base URL where the page gives a real one (Mosia's APIs).
    pub base_url: Option<String>,
    pub headers: Vec<Header>,
    /// The page's prose about headers that cannot be tabulated (the operator
    /// endpoints receive configured static headers, tokens and security headers).
    pub header_note: Option<String>,
    pub request: TypeId,
    pub response: Response,
    pub failure: Option<TypeId>,
}

/// The media type of an operation's bodies (the spec's `content_type`),
/// parsed once by the loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    /// `application/json`. The only one the generated code can use: the
    /// client runtime always sends `Content-Type: application/json`, and
    /// the generated servers expect it. (Other JSON types, such as
    /// `application/vnd.x+json`, are refused by the loader for that reason.)
    Json,
}

impl MediaType {
    /// As written in a `Content-Type` header (`application/json`).
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Json => "application/json",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    Typed(TypeId),
    /// The page promises a structure but documents none (Criar Ocorrência).
    Undocumented,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// An HTTP header name (`codegen_runtime::endpoint_rules::is_header_name`),
    /// unique in the operation whatever its case.
    pub name: String,
    /// Headers are either mandatory or optional; `C` is not meaningful here.
    pub mandatory: bool,
    /// The doc's "Tipo" column verbatim (`token do cliente`).
    pub doc_type: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectType {
    /// The spec's name for the type (`Registro`); unique in the module.
    pub name: String,
    /// UpperCamelCase Rust name.
    pub rust_name: String,
    /// The doc's heading for the table, verbatim (`Objeto registro`).
    pub title: Option<String>,
    pub description: Option<String>,
    /// Fields in doc order.
    pub fields: Vec<Field>,
}

impl ObjectType {
    pub fn field(&self, wire_name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.wire_name == wire_name)
    }
}

/// Index of a sibling field in [`ObjectType::fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId(pub usize);

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Exact, case-sensitive attribute name on the wire.
    pub wire_name: String,
    /// snake_case Rust field name (a valid identifier; keywords are already
    /// escaped as raw identifiers, e.g. `r#type`).
    pub rust_name: String,
    pub criterion: Criterion,
    pub ty: FieldType,
    /// The doc's "Tipo" column verbatim (`Array de Objeto de Formularios`).
    pub doc_type: String,
    /// The doc's description, verbatim Portuguese.
    pub description: String,
    /// The doc's "Regra de preenchimento", verbatim, when the page has one.
    pub rule: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Criterion {
    /// `M`: present, not null, strings not blank.
    Mandatory,
    /// `OP`: may be absent or null.
    Optional,
    /// `C`: mandatory while the condition holds, otherwise optional.
    Conditional(Condition),
}

/// When a `C` field becomes mandatory. Conditions only name sibling fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Mandatory when any of these siblings is filled: present, not null and,
    /// for strings, not blank.
    Filled(Vec<FieldId>),
    /// Mandatory when the sibling holds exactly this value.
    Equals { field: FieldId, value: Scalar },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    String(String),
    Int(i64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    String(Option<StringFormat>),
    /// JSON integer within i64.
    Int,
    /// Any finite JSON number, represented as `f64`.
    Float,
    /// A Float that is an exact decimal amount (money): `rust_decimal::Decimal`.
    Decimal,
    Boolean,
    /// A declared object type.
    Object(TypeId),
    /// A free-form JSON object (`integracao`, the `formData` items).
    FreeObject,
    Array(Box<FieldType>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    /// A real calendar date written `YYYY-MM-DD`.
    Date,
    /// `#` followed by six hexadecimal digits, either case.
    Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Request,
    Response,
    Failure,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Request => "request",
            Part::Response => "response",
            Part::Failure => "failure",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExampleTarget {
    /// An example of one part of an operation (index into `operations`).
    Operation { operation: usize, part: Part },
    /// An example of one object type (Criar Ocorrência shows one per table).
    Type(TypeId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The doc's caption (`Exemplo retorno API - sucesso`).
    pub title: String,
    pub target: ExampleTarget,
    /// What validating `text` against the table must give.
    pub verdict: Verdict,
    /// The example exactly as on the page (may be invalid JSON).
    pub text: String,
    /// The violations `text` must produce.
    pub violations: Vec<Expectation>,
}

/// The runtime's rule codes (`mandatory`, `unknown_attribute`, ...), which
/// expected violations name.
pub use codegen_runtime::Rule;

/// One violation an example must produce: where (a JSON pointer into the
/// example, `""` for the whole text) and under which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    pub path: String,
    pub rule: Rule,
}

/// A place of a spec, by position in spec order: what a disagreement
/// concerns, resolved by the loader from a spec path (`at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// `page`.
    Page,
    /// `operations.<id>`.
    Operation(usize),
    /// `operations.<id>.headers.<name>`.
    Header { operation: usize, header: usize },
    /// `types.<Type>`.
    Type(TypeId),
    /// `types.<Type>.fields.<attribute>`.
    Field { ty: TypeId, field: FieldId },
    /// `examples.<index>`.
    Example(usize),
}

impl Module {
    /// The spec path of `place` (`types.Formulario.fields.idForm`), as a
    /// spec file writes it. (On IR not built by the loader, a place out of
    /// range shows its index: `operations.#3`.)
    pub fn spec_path(&self, place: Place) -> String {
        let operation = |i: usize| self.operations.get(i);
        let ty = |id: TypeId| self.types.get(id.0);
        let or_index = |name: Option<&str>, index: usize| {
            name.map_or_else(|| format!("#{index}"), str::to_owned)
        };
        match place {
            Place::Page => "page".to_owned(),
            Place::Operation(i) => {
                format!(
                    "operations.{}",
                    or_index(operation(i).map(|op| op.id.as_str()), i)
                )
            }
            Place::Header {
                operation: i,
                header,
            } => format!(
                "operations.{}.headers.{}",
                or_index(operation(i).map(|op| op.id.as_str()), i),
                or_index(
                    operation(i)
                        .and_then(|op| op.headers.get(header))
                        .map(|h| h.name.as_str()),
                    header
                )
            ),
            Place::Type(id) => format!("types.{}", or_index(ty(id).map(|t| t.name.as_str()), id.0)),
            Place::Field { ty: id, field } => format!(
                "types.{}.fields.{}",
                or_index(ty(id).map(|t| t.name.as_str()), id.0),
                or_index(
                    ty(id)
                        .and_then(|t| t.fields.get(field.0))
                        .map(|f| f.wire_name.as_str()),
                    field.0
                )
            ),
            Place::Example(i) => format!("examples.{i}"),
        }
    }
}

/// A place where the page contradicts itself; the table is normative.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// What it concerns (`types.Formulario.fields.idForm`,
    /// `operations.demonstrativoPagamentoDetalhe` in the spec).
    pub at: Place,
    /// What the page says in each place, and which reading the spec follows.
    pub summary: String,
}
