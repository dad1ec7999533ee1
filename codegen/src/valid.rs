//! Making a value valid against a table: what the mock does to the page's
//! examples before answering with them, and what `codegen conformance` does
//! to the request examples before sending them (see [`repair`],
//! [`placeholder`]).

use codegen_runtime::serde_json::{self, Map, Value};
use codegen_runtime::Rule;

use crate::ir::{Criterion, FieldType, Module, StringFormat, TypeId};
use crate::validator;

/// The example as compact JSON, valid against `ty`, after removing what the
/// validator reports as unknown attributes; `None` when it is not JSON or
/// breaks other rules.
pub fn repair(module: &Module, ty: TypeId, text: &str) -> Option<(Vec<u8>, Vec<String>)> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let mut removed = Vec::new();
    // Each round removes every unknown attribute it sees; removing one never
    // makes another appear, so a second round only confirms.
    for _ in 0..4 {
        let body = to_json_in_spec_order(module, ty, &value);
        let report = validator::validate(module, ty, &body);
        if report.is_empty() {
            return Some((body, removed));
        }
        if !report.iter().all(|v| v.rule() == Rule::UnknownAttribute) {
            return None;
        }
        for violation in report.iter() {
            if !remove_pointer(&mut value, violation.path()) {
                return None;
            }
            removed.push(violation.path().to_owned());
        }
    }
    None
}

/// Compact JSON of `value` (an object of type `ty`) with the attributes of
/// every documented object in the table's order, as the page prints them
/// and the generated types serialize them (`serde_json::Value` sorts keys).
pub fn to_json_in_spec_order(module: &Module, ty: TypeId, value: &Value) -> Vec<u8> {
    let mut out = String::new();
    write_object(module, Some(ty), value, &mut out, 0);
    out.into_bytes()
}

fn write_object(
    module: &Module,
    ty: Option<TypeId>,
    value: &Value,
    out: &mut String,
    depth: usize,
) {
    let (Value::Object(map), Some(object)) = (value, ty.and_then(|id| module.types.get(id.0)))
    else {
        write_value(module, None, value, out, depth);
        return;
    };
    let declared = object.fields.iter().filter_map(|field| {
        map.get_key_value(&field.wire_name)
            .map(|kv| (kv, Some(&field.ty)))
    });
    let undeclared = map
        .iter()
        .filter(|(key, _)| object.field(key).is_none())
        .map(|kv| (kv, None));
    out.push('{');
    for (index, ((key, member), field_type)) in declared.chain(undeclared).enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(key).unwrap_or_default());
        out.push(':');
        write_value(module, field_type, member, out, depth + 1);
    }
    out.push('}');
}

fn write_value(
    module: &Module,
    ty: Option<&FieldType>,
    value: &Value,
    out: &mut String,
    depth: usize,
) {
    match (ty, value) {
        (Some(FieldType::Object(id)), Value::Object(_)) if depth < 128 => {
            write_object(module, Some(*id), value, out, depth);
        }
        (Some(FieldType::Array(item)), Value::Array(items)) if depth < 128 => {
            out.push('[');
            for (index, element) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(module, Some(item), element, out, depth + 1);
            }
            out.push(']');
        }
        _ => out.push_str(&serde_json::to_string(value).unwrap_or_default()),
    }
}

/// Removes the member a JSON pointer names; whether there was one.
pub fn remove_pointer(value: &mut Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    let key = last.replace("~1", "/").replace("~0", "~");
    match value.pointer_mut(parent) {
        Some(Value::Object(map)) => map.remove(&key).is_some(),
        _ => false,
    }
}

/// A value of `ty` with every `M` and `C` attribute filled with a
/// placeholder and no `OP` attribute.
pub fn placeholder(module: &Module, ty: TypeId, depth: usize) -> Value {
    let mut map = Map::new();
    let Some(object) = module.types.get(ty.0) else {
        return Value::Object(map);
    };
    for field in &object.fields {
        if field.criterion == Criterion::Optional {
            continue;
        }
        map.insert(
            field.wire_name.clone(),
            placeholder_of(module, &field.ty, depth + 1),
        );
    }
    Value::Object(map)
}

pub fn placeholder_of(module: &Module, ty: &FieldType, depth: usize) -> Value {
    match ty {
        FieldType::String(None) => Value::from("exemplo"),
        FieldType::String(Some(StringFormat::Date)) => Value::from("2024-01-01"),
        FieldType::String(Some(StringFormat::Color)) => Value::from("#000000"),
        FieldType::Int | FieldType::Float | FieldType::Decimal => Value::from(0),
        FieldType::Boolean => Value::from(false),
        // Types contain each other only through arrays, which stay empty;
        // the depth guard keeps a malformed IR from recursing forever.
        FieldType::Object(id) if depth < 64 => placeholder(module, *id, depth),
        FieldType::Object(_) | FieldType::FreeObject => Value::Object(Map::new()),
        FieldType::Array(_) => Value::Array(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removes_members_by_pointer() {
        let mut value = json!({"a": [{"b/c": 1, "d": 2}], "e~f": 3});
        assert!(remove_pointer(&mut value, "/a/0/b~1c"));
        assert!(remove_pointer(&mut value, "/e~0f"));
        assert!(!remove_pointer(&mut value, "/a/0/x"));
        assert!(!remove_pointer(&mut value, "/a/7/d"));
        assert!(!remove_pointer(&mut value, ""));
        assert_eq!(value, json!({"a": [{"d": 2}]}));
    }
}
