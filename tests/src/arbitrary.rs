//! Proptest strategies driven by the IR: valid payloads of any object type,
//! and mutations that break exactly one documented rule somewhere in them.

use codegen::ir::{Criterion, FieldType, Module, StringFormat, TypeId};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Number, Value};

/// Valid JSON values of object type `ty`.
pub fn valid_object(module: &Module, ty: TypeId) -> BoxedStrategy<Value> {
    valid_object_at(module, ty, 0)
}

fn valid_object_at(module: &Module, ty: TypeId, depth: usize) -> BoxedStrategy<Value> {
    let fields = module.ty(ty).fields.clone();
    let per_field: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .iter()
        .map(|field| {
            let name = field.wire_name.clone();
            let value = valid_value(module, &field.ty, depth + 1);
            match field.criterion {
                // Conditional fields are always filled, so whatever their
                // condition says, the payload stays valid.
                Criterion::Mandatory | Criterion::Conditional(_) => {
                    value.prop_map(move |v| Some((name.clone(), v))).boxed()
                }
                Criterion::Optional => {
                    let null_name = name.clone();
                    prop_oneof![
                        2 => value.prop_map(move |v| Some((name.clone(), v))),
                        1 => Just(None),
                        1 => Just(Some((null_name, Value::Null))),
                    ]
                    .boxed()
                }
            }
        })
        .collect();
    per_field
        .prop_map(|members| Value::Object(members.into_iter().flatten().collect::<Map<_, _>>()))
        .boxed()
}

fn valid_value(module: &Module, ty: &FieldType, depth: usize) -> BoxedStrategy<Value> {
    match ty {
        FieldType::String(None) => "[A-Za-zçãéõ0-9][A-Za-zçãéõ0-9 ]{0,11}"
            .prop_map(Value::String)
            .boxed(),
        FieldType::String(Some(StringFormat::Date)) => (1990u32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| Value::String(format!("{y:04}-{m:02}-{d:02}")))
            .boxed(),
        FieldType::String(Some(StringFormat::Color)) => {
            "#[0-9A-Fa-f]{6}".prop_map(Value::String).boxed()
        }
        FieldType::Int => any::<i64>().prop_map(Value::from).boxed(),
        FieldType::Float | FieldType::Decimal => (-10_000_000i64..10_000_000)
            .prop_map(|cents| {
                Value::Number(Number::from_f64(cents as f64 / 100.0).expect("finite"))
            })
            .boxed(),
        FieldType::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        FieldType::FreeObject => prop::collection::btree_map(
            "[a-z][a-z-]{0,8}",
            prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i32>().prop_map(Value::from),
                "[a-z ]{0,6}".prop_map(Value::String),
                prop::collection::vec("[a-z]{0,4}".prop_map(Value::String), 0..3)
                    .prop_map(Value::Array),
            ],
            0..4,
        )
        .prop_map(|map| Value::Object(map.into_iter().collect()))
        .boxed(),
        FieldType::Object(id) => valid_object_at(module, *id, depth),
        FieldType::Array(item) => {
            let max = if depth > 3 { 1 } else { 4 };
            prop::collection::vec(valid_value(module, item, depth + 1), 0..max)
                .prop_map(Value::Array)
                .boxed()
        }
    }
}

/// One way to break a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    Drop,
    Null,
    Blank,
    /// Replace a value by one of another JSON kind.
    Retype,
    /// Change the case of an attribute name.
    Recase,
    /// Misspell an attribute name.
    Typo,
    /// Add an attribute the type does not declare.
    AddUnknown,
    /// `dd/mm/yyyy` dates, colours without `#`, numbers as strings.
    BreakFormat,
    /// Repeat an attribute in the raw text.
    Duplicate,
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop::sample::select(vec![
        Mutation::Drop,
        Mutation::Null,
        Mutation::Blank,
        Mutation::Retype,
        Mutation::Recase,
        Mutation::Typo,
        Mutation::AddUnknown,
        Mutation::BreakFormat,
        Mutation::Duplicate,
    ])
}

/// Applies `mutation` at the member chosen by `at` (over every object member
/// of the payload, depth-first) and returns the bytes to send.
pub fn mutate(mut value: Value, mutation: Mutation, at: Index) -> Vec<u8> {
    let mut members = Vec::new();
    collect_members(&value, &mut Vec::new(), &mut members);
    if members.is_empty() {
        if mutation == Mutation::AddUnknown {
            if let Value::Object(map) = &mut value {
                map.insert("atributoExtra".into(), Value::from(1));
            }
        }
        return serde_json::to_vec(&value).expect("serializable");
    }
    let (parent, key) = members[at.index(members.len())].clone();
    let Some(Value::Object(object)) = pointer_mut(&mut value, &parent) else {
        unreachable!("collected paths point at objects");
    };
    match mutation {
        Mutation::Drop => {
            object.remove(&key);
        }
        Mutation::Null => {
            object.insert(key, Value::Null);
        }
        Mutation::Blank => {
            object.insert(key, Value::String(" ".into()));
        }
        Mutation::Retype => {
            let replacement = match object.get(&key) {
                Some(Value::String(s)) => {
                    s.parse::<f64>().map(Value::from).unwrap_or(Value::from(7))
                }
                Some(Value::Number(n)) => Value::String(n.to_string()),
                Some(Value::Bool(b)) => Value::String(b.to_string()),
                Some(Value::Array(_)) => Value::Object(Map::new()),
                Some(Value::Object(_)) => Value::Array(Vec::new()),
                Some(Value::Null) | None => Value::Bool(true),
            };
            object.insert(key, replacement);
        }
        Mutation::Recase | Mutation::Typo => {
            let renamed = if mutation == Mutation::Recase {
                flip_first_case(&key)
            } else {
                format!("{key}x")
            };
            if let Some(v) = object.remove(&key) {
                object.insert(renamed, v);
            }
        }
        Mutation::AddUnknown => {
            object.insert(format!("{key}Extra"), Value::from("x"));
        }
        Mutation::BreakFormat => {
            let broken = match object.get(&key) {
                Some(Value::String(s)) if s.len() == 10 && s.as_bytes()[4] == b'-' => {
                    Value::String(format!("{}/{}/{}", &s[8..10], &s[5..7], &s[0..4]))
                }
                Some(Value::String(s)) if s.starts_with('#') => Value::String(s[1..].to_owned()),
                Some(Value::Number(n)) => Value::String(n.to_string()),
                Some(Value::String(s)) => Value::String(format!("{s}\u{0}")),
                Some(other) => other.clone(),
                None => Value::Null,
            };
            object.insert(key, broken);
        }
        Mutation::Duplicate => {
            // serde_json::Value cannot hold a duplicate key: write it by hand.
            let text = serde_json::to_string(&value).expect("serializable");
            return duplicate_first_member(&text).into_bytes();
        }
    }
    serde_json::to_vec(&value).expect("serializable")
}

fn flip_first_case(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "X".into(),
    }
}

/// `{"a":1,...}` → `{"a":1,"a":1,...}` for the first member of the root.
fn duplicate_first_member(text: &str) -> String {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    let Some((key, value)) = map.iter().next() else {
        return text.to_owned();
    };
    let member = format!("{}:{}", Value::String(key.clone()), value);
    format!("{{{member},{}", &text[1..])
}

type Members = Vec<(Vec<PathStep>, String)>;

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn collect_members(value: &Value, path: &mut Vec<PathStep>, out: &mut Members) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                out.push((path.clone(), key.clone()));
                path.push(PathStep::Key(key.clone()));
                collect_members(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(PathStep::Index(index));
                collect_members(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'a>(value: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    path.iter()
        .try_fold(value, |current, step| match (step, current) {
            (PathStep::Key(key), Value::Object(map)) => map.get_mut(key),
            (PathStep::Index(index), Value::Array(items)) => items.get_mut(*index),
            _ => None,
        })
}
