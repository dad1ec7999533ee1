//! JSON Schema (draft 2020-12) for the object types of a module.
//!
//! For integrators whose tooling speaks JSON Schema, and as the honest
//! baseline of the validation benchmark. It expresses the same rules as the
//! generated validators as far as JSON Schema can: blank strings through a
//! `\S` pattern, dates through `format: date` (enable format validation),
//! `C` through `if`/`then`. Two known differences: JSON Schema counts `1.0`
//! as an integer, and it has no notion of a duplicate attribute.

use serde_json::{json, Map, Value};

use crate::ir::{
    Condition, Criterion, Field, FieldType, Module, ObjectType, Scalar, StringFormat, TypeId,
};

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
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), json!(field.description));
    }
    if mandatory {
        schema
    } else {
        json!({ "anyOf": [schema, { "type": "null" }], "description": field.description })
    }
}

/// The schema of one value; `non_blank` adds the blank-string rule of `M`
/// ("filled" in the docs' sense, also what a `C` condition tests).
fn type_schema(refs: &Refs<'_>, ty: &FieldType, non_blank: bool) -> Value {
    match ty {
        FieldType::String(None) if non_blank => json!({ "type": "string", "pattern": "\\S" }),
        FieldType::String(None) => json!({ "type": "string" }),
        FieldType::String(Some(StringFormat::Date)) => {
            json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
        }
        FieldType::String(Some(StringFormat::Color)) => {
            json!({ "type": "string", "pattern": "^#[0-9A-Fa-f]{6}$" })
        }
        FieldType::Int => json!({ "type": "integer", "minimum": i64::MIN, "maximum": i64::MAX }),
        FieldType::Float | FieldType::Decimal => json!({ "type": "number" }),
        FieldType::Boolean => json!({ "type": "boolean" }),
        FieldType::Object(id) => json!({ "$ref": refs.to(*id) }),
        FieldType::FreeObject => json!({ "type": "object" }),
        FieldType::Array(item) => {
            json!({ "type": "array", "items": type_schema(refs, item, false) })
        }
    }
}
