//! JSON Schema (draft 2020-12) for the object types of a module.
//!
//! For integrators whose tooling speaks JSON Schema, and as the honest
//! baseline of the validation benchmark. It expresses the same rules as the
//! generated validators as far as JSON Schema can: blank strings through
//! [`NON_BLANK_PATTERN`] (exactly the runtime's `checks::is_blank`), dates
//! through `format: date` (enable format validation) and a length of 10,
//! `C` through `if`/`then`. What JSON Schema cannot say is written in the
//! schemas' `description`s and in [`LIMITS`]: `integer` accepts `1.0` and
//! `-11200.0`, which an `Int` refuses; a money `Decimal` also refuses more
//! than 28 decimal places and magnitudes beyond 96 bits of mantissa; JSON
//! Schema sees a document already parsed, so duplicate attributes, malformed
//! JSON, numbers beyond f64 and nesting of 128 levels are not its to judge.

use serde_json::{json, Map, Value};

use crate::ir::{
    Condition, Criterion, Field, FieldType, Module, ObjectType, Scalar, StringFormat, TypeId,
};

/// A string that is not blank: it holds a character that is not white space
/// in Rust's sense (`char::is_whitespace`, the Unicode `White_Space`
/// property), which is what `checks::is_blank` trims. Not `\S`: ECMA-262's
/// `\s` counts U+FEFF as white space and not U+0085, Rust the reverse.
/// Written with `\uXXXX` escapes, which ECMA-262, Python's `re` and Rust's
/// `regex` all read the same way.
pub const NON_BLANK_PATTERN: &str = "[^\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";

/// What the schemas cannot express of the documented rules (for the
/// OpenAPI document's description and the docs).
pub const LIMITS: &str = "JSON Schema judges a document already parsed, and cannot express every \
    documented rule; the server refuses (400) also: an `Int` written with a fraction or an \
    exponent (`1.0`, `-11200.0`, `1e3`), which JSON Schema's `integer` accepts; a money value \
    (`format: decimal`) with more than 28 decimal places once trailing zeros are dropped, or \
    beyond 79228162514264337593543950335 in magnitude; the same attribute twice in one object; \
    malformed JSON or invalid UTF-8; a number beyond f64 (`1e400`); nesting of 128 levels or \
    more. Each such schema says so in its `description`.";

/// Added to the description of an `Int`.
pub const INT_NOTE: &str = "Inteiro escrito sem fração nem expoente: o servidor recusa `1.0` e \
    `-11200.0`, que o `integer` do JSON Schema aceita (JSON Schema não sabe exprimir essa regra).";

/// Added to the description of a money `Decimal`.
pub const DECIMAL_NOTE: &str = "Decimal exato: no máximo 28 casas decimais (sem contar zeros à \
    direita) e mantissa de até 96 bits (|valor| ≤ 79228162514264337593543950335); o servidor \
    recusa o resto com `range`, o que JSON Schema não sabe exprimir.";

/// A schema whose root is `ty`, with every type of the module under `$defs`.
pub fn schema_for(module: &Module, ty: TypeId) -> Value {
    let refs = Refs::defs(module);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": refs.to(ty),
        "$defs": schemas(&refs),
    })
}

/// Names an object type of a module in `$ref`s and schema maps.
type KeyFn<'m> = dyn Fn(&Module, TypeId) -> String + 'm;

/// How `$ref`s name the object types of one module: under `$defs` by spec
/// name, or wherever an enclosing document (OpenAPI) keeps them.
pub struct Refs<'m> {
    module: &'m Module,
    prefix: &'static str,
    key: Box<KeyFn<'m>>,
}

impl<'m> Refs<'m> {
    /// `#/$defs/<spec name>`.
    pub fn defs(module: &'m Module) -> Self {
        Refs {
            module,
            prefix: "#/$defs/",
            key: Box::new(|m, id| m.ty(id).name.clone()),
        }
    }

    /// `<prefix><key(module, type)>`, e.g. OpenAPI's `#/components/schemas/`.
    pub fn custom(
        module: &'m Module,
        prefix: &'static str,
        key: impl Fn(&Module, TypeId) -> String + 'm,
    ) -> Self {
        Refs {
            module,
            prefix,
            key: Box::new(key),
        }
    }

    pub fn key(&self, id: TypeId) -> String {
        (self.key)(self.module, id)
    }

    pub fn to(&self, id: TypeId) -> String {
        format!("{}{}", self.prefix, self.key(id))
    }
}

/// The schema of every object type of the module, by [`Refs::key`].
pub fn schemas(refs: &Refs<'_>) -> Value {
    let mut schemas = Map::new();
    for (index, ty) in refs.module.types.iter().enumerate() {
        schemas.insert(refs.key(TypeId(index)), object_schema(refs, ty));
    }
    Value::Object(schemas)
}

fn object_schema(refs: &Refs<'_>, ty: &ObjectType) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut conditionals = Vec::new();
    for field in &ty.fields {
        let mandatory = matches!(field.criterion, Criterion::Mandatory);
        properties.insert(
            field.wire_name.clone(),
            field_schema(refs, field, mandatory),
        );
        if mandatory {
            required.push(Value::String(field.wire_name.clone()));
        }
        if let Criterion::Conditional(condition) = &field.criterion {
            conditionals.push(conditional_schema(refs, ty, field, condition));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    if let Some(title) = &ty.title {
        schema.insert("title".into(), json!(title));
    }
    if let Some(description) = &ty.description {
        schema.insert("description".into(), json!(description));
    }
    schema.insert("properties".into(), Value::Object(properties));
    schema.insert("required".into(), Value::Array(required));
    schema.insert("additionalProperties".into(), json!(false));
    if !conditionals.is_empty() {
        schema.insert("allOf".into(), Value::Array(conditionals));
    }
    Value::Object(schema)
}

/// `then` makes the field required and non-null while `if` holds.
fn conditional_schema(
    refs: &Refs<'_>,
    ty: &ObjectType,
    field: &Field,
    condition: &Condition,
) -> Value {
    let when = match condition {
        Condition::Filled(siblings) => {
            let any: Vec<Value> = siblings
                .iter()
                .map(|id| {
                    let sibling = &ty.fields[id.0];
                    json!({
                        "required": [sibling.wire_name],
                        "properties": { sibling.wire_name.clone(): type_schema(refs, &sibling.ty, true) },
                    })
                })
                .collect();
            json!({ "anyOf": any })
        }
        Condition::Equals {
            field: sibling,
            value,
        } => {
            let sibling = &ty.fields[sibling.0];
            let value = match value {
                Scalar::String(s) => json!(s),
                Scalar::Int(i) => json!(i),
                Scalar::Bool(b) => json!(b),
            };
            json!({ "required": [sibling.wire_name], "properties": { sibling.wire_name.clone(): { "const": value } } })
        }
    };
    json!({
        "if": when,
        "then": {
            "required": [field.wire_name],
            "properties": { field.wire_name.clone(): type_schema(refs, &field.ty, true) },
        },
    })
}

fn field_schema(refs: &Refs<'_>, field: &Field, mandatory: bool) -> Value {
    let mut schema = type_schema(refs, &field.ty, mandatory);
    let description = match schema.get("description").and_then(Value::as_str) {
        Some(note) => format!("{}\n\n{note}", field.description),
        None => field.description.clone(),
    };
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), json!(description));
    }
    if mandatory {
        schema
    } else {
        json!({ "anyOf": [schema, { "type": "null" }], "description": description })
    }
}

/// The schema of one value; `non_blank` adds the blank-string rule of `M`
/// ("filled" in the docs' sense, also what a `C` condition tests).
fn type_schema(refs: &Refs<'_>, ty: &FieldType, non_blank: bool) -> Value {
    match ty {
        FieldType::String(None) if non_blank => {
            json!({ "type": "string", "pattern": NON_BLANK_PATTERN })
        }
        FieldType::String(None) => json!({ "type": "string" }),
        // Lengths pin the patterns without `$`, which Python's `re` (and so
        // schemathesis) also matches before a final newline.
        FieldType::String(Some(StringFormat::Date)) => json!({
            "type": "string",
            "format": "date",
            "minLength": 10,
            "maxLength": 10,
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}",
        }),
        FieldType::String(Some(StringFormat::Color)) => json!({
            "type": "string",
            "minLength": 7,
            "maxLength": 7,
            "pattern": "^#[0-9A-Fa-f]{6}",
        }),
        FieldType::Int => json!({
            "type": "integer",
            "minimum": i64::MIN,
            "maximum": i64::MAX,
            "description": INT_NOTE,
        }),
        FieldType::Float => json!({ "type": "number" }),
        FieldType::Decimal => json!({ "type": "number", "description": DECIMAL_NOTE }),
        FieldType::Boolean => json!({ "type": "boolean" }),
        FieldType::Object(id) => json!({ "$ref": refs.to(*id) }),
        FieldType::FreeObject => json!({ "type": "object" }),
        FieldType::Array(item) => {
            json!({ "type": "array", "items": type_schema(refs, item, false) })
        }
    }
}
