//! The IR-driven validator: checks a JSON payload against any spec without
//! compiling anything (`codegen validate`, the mock server, lint's examples).
//!
//! It is a second traversal of the same semantics as the generated types:
//! scalars are read by the very `Decode` impls the generated code uses, and
//! every rule is applied through the same `codegen_runtime::Context` calls
//! that `#[derive(Decode)]` emits. Only the walk differs: here it follows the
//! IR instead of emitted code. A property test keeps the two in agreement.

use std::fmt;

use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::serde_json::{Map, Value};
use codegen_runtime::{
    walk_json_slice, Condition, Context, Decode, Decoded, Detail, Expected, Format, Found,
    Presence, Report,
};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::ir::{
    self, Api, Criterion, FieldType, Module, ObjectType, Operation, Part, Response, Scalar,
    StringFormat, TypeId,
};

/// Why a payload cannot be checked at all (as opposed to being invalid).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("unknown operation `{id}`{hint}; operations in this spec: {known}")]
    UnknownOperation {
        id: String,
        hint: String,
        known: String,
    },
    #[error("operation `{operation}` documents no {part} body, so there is nothing to validate it against")]
    Undocumented {
        operation: String,
        part: &'static str,
    },
}

/// Finds an operation by id across all modules.
pub fn find_operation<'a>(
    api: &'a Api,
    id: &str,
) -> Result<(&'a Module, &'a Operation), TargetError> {
    let all = || {
        api.modules
            .iter()
            .flat_map(|m| m.operations.iter().map(move |op| (m, op)))
    };
    all().find(|(_, op)| op.id == id).ok_or_else(|| {
        let ids: Vec<&str> = all().map(|(_, op)| op.id.as_str()).collect();
        let hint = codegen_runtime::checks::suggest(id, ids.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        TargetError::UnknownOperation {
            id: id.to_owned(),
            hint,
            known: ids.join(", "),
        }
    })
}

/// The object type of one part of an operation.
pub fn part_type(operation: &Operation, part: Part) -> Result<TypeId, TargetError> {
    let undocumented = || TargetError::Undocumented {
        operation: operation.id.clone(),
        part: part.as_str(),
    };
    match part {
        Part::Request => Ok(operation.request),
        Part::Response => match operation.response {
            Response::Typed(id) => Ok(id),
            Response::Undocumented => Err(undocumented()),
        },
        Part::Failure => operation.failure.ok_or_else(undocumented),
    }
}

/// Validates JSON bytes against object type `ty` of `module`: every
/// violation, or an empty report.
pub fn validate(module: &Module, ty: TypeId, bytes: &[u8]) -> Report {
    let walked = walk_json_slice(
        bytes,
        Expected::Object,
        || None,
        |deserializer, cx| {
            // Only the verdict is wanted: free-form values are checked, not built.
            cx.discard_values();
            ObjectSeed {
                module,
                ty: module.ty(ty),
                cx,
            }
            .deserialize(deserializer)
        },
    );
    walked.err().unwrap_or_default()
}

/// What a field turned out to hold, as far as its rules need to know.
#[derive(Debug, Clone, PartialEq)]
enum Got {
    Absent,
    Null,
    Invalid,
    Str(String),
    Int(i64),
    Bool(bool),
    /// Any other valid value (numbers, dates, objects, arrays).
    Other,
}

impl Got {
    fn from_decoded<T>(decoded: Decoded<T>, keep: impl FnOnce(T) -> Got) -> Got {
        match decoded {
            Decoded::Value(value) => keep(value),
            Decoded::Null => Got::Null,
            Decoded::Invalid => Got::Invalid,
        }
    }

    fn presence(&self) -> Presence {
        match self {
            Got::Absent => Presence::Absent,
            Got::Null => Presence::Null,
            Got::Invalid => Presence::Invalid,
            Got::Str(value) => Presence::of_str(value),
            Got::Int(_) | Got::Bool(_) | Got::Other => Presence::Filled,
        }
    }

    fn equals(&self, scalar: &Scalar) -> bool {
        match (self, scalar) {
            (Got::Str(a), Scalar::String(b)) => a == b,
            (Got::Int(a), Scalar::Int(b)) => a == b,
            (Got::Bool(a), Scalar::Bool(b)) => a == b,
            _ => false,
        }
    }
}

fn expected(ty: &FieldType) -> Expected {
    match ty {
        FieldType::String(_) => Expected::String,
        FieldType::Int => Expected::Integer,
        FieldType::Float | FieldType::Decimal => Expected::Number,
        FieldType::Boolean => Expected::Boolean,
        FieldType::Object(_) | FieldType::FreeObject => Expected::Object,
        FieldType::Array(_) => Expected::Array,
    }
}

/// One value of a declared field type.
struct ValueSeed<'m, 'c, 'p> {
    module: &'m Module,
    ty: &'m FieldType,
    cx: &'c mut Context<'p>,
}

impl<'de, 'm: 'p, 'p> DeserializeSeed<'de> for ValueSeed<'m, '_, 'p> {
    type Value = Got;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Got, D::Error> {
        let cx = self.cx;
        Ok(match self.ty {
            FieldType::String(None | Some(StringFormat::Color)) => {
                Got::from_decoded(String::decode(deserializer, cx)?, Got::Str)
            }
            // The generated type is a real date: decoding it is the check.
            FieldType::String(Some(StringFormat::Date)) => {
                Got::from_decoded(NaiveDate::decode(deserializer, cx)?, |_| Got::Other)
            }
            FieldType::Int => Got::from_decoded(i64::decode(deserializer, cx)?, Got::Int),
            FieldType::Float => Got::from_decoded(f64::decode(deserializer, cx)?, |_| Got::Other),
            FieldType::Decimal => {
                Got::from_decoded(Decimal::decode(deserializer, cx)?, |_| Got::Other)
            }
            FieldType::Boolean => Got::from_decoded(bool::decode(deserializer, cx)?, Got::Bool),
            FieldType::FreeObject => {
                Got::from_decoded(Map::<String, Value>::decode(deserializer, cx)?, |_| {
                    Got::Other
                })
            }
            FieldType::Object(id) => {
                let seed = ObjectSeed {
                    module: self.module,
                    ty: self.module.ty(*id),
                    cx,
                };
                Got::from_decoded(seed.deserialize(deserializer)?, |()| Got::Other)
            }
            FieldType::Array(item) => {
                let visitor = ArrayVisitor {
                    module: self.module,
                    item,
                    cx,
                };
                Got::from_decoded(deserializer.deserialize_any(visitor)?, |()| Got::Other)
            }
        })
    }
}

struct ArrayVisitor<'m, 'c, 'p> {
    module: &'m Module,
    item: &'m FieldType,
    cx: &'c mut Context<'p>,
}

impl<'de, 'm: 'p, 'p> Visitor<'de> for ArrayVisitor<'m, '_, 'p> {
    type Value = Decoded<()>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut valid = true;
        let mut index = 0;
        loop {
            self.cx.push_index(index);
            let seed = ValueSeed {
                module: self.module,
                ty: self.item,
                cx: self.cx,
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                self.cx.pop();
                break;
            };
            match item {
                Got::Null => {
                    self.cx.type_mismatch(expected(self.item), Found::Null);
                    valid = false;
                }
                Got::Invalid => valid = false,
                _ => {}
            }
            self.cx.pop();
            index += 1;
        }
        Ok(if valid {
            Decoded::Value(())
        } else {
            Decoded::Invalid
        })
    }

    codegen_runtime::__reject_other_kinds!(array; Expected::Array);
}

struct ObjectSeed<'m, 'c, 'p> {
    module: &'m Module,
    ty: &'m ObjectType,
    cx: &'c mut Context<'p>,
}

impl<'de, 'm: 'p, 'p> DeserializeSeed<'de> for ObjectSeed<'m, '_, 'p> {
    type Value = Decoded<()>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// An attribute name: the index of the declared field, or the unknown name.
struct KeySeed<'m>(&'m ObjectType);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Result<usize, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an attribute name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self
            .0
            .fields
            .iter()
            .position(|f| f.wire_name == key)
            .ok_or_else(|| key.to_owned()))
    }
}

impl<'de, 'm: 'p, 'p> Visitor<'de> for ObjectSeed<'m, '_, 'p> {
    type Value = Decoded<()>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let fields = &self.ty.fields;
        let mut got = vec![Got::Absent; fields.len()];
        let mut seen = vec![false; fields.len()];
        while let Some(key) = map.next_key_seed(KeySeed(self.ty))? {
            match key {
                Ok(index) => {
                    let name = fields[index].wire_name.as_str();
                    self.cx.push_field(name);
                    if std::mem::replace(&mut seen[index], true) {
                        self.cx.report(Detail::Duplicate {
                            name: name.to_owned(),
                        });
                        map.next_value::<IgnoredAny>()?;
                    } else {
                        let seed = ValueSeed {
                            module: self.module,
                            ty: &fields[index].ty,
                            cx: self.cx,
                        };
                        got[index] = map.next_value_seed(seed)?;
                    }
                    self.cx.pop();
                }
                Err(key) => {
                    self.cx
                        .unknown_attribute(key, fields.iter().map(|f| f.wire_name.as_str()));
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        apply_rules(self.ty, &got, self.cx);
        // Exactly when the generated type could be built (`DecodeObject::
        // finish`): no field invalid, and every `M` field present and not
        // null. A `C` condition on this object as a sibling depends on it.
        let valid = fields.iter().zip(&got).all(|(field, value)| match value {
            Got::Invalid => false,
            Got::Absent | Got::Null => !matches!(field.criterion, Criterion::Mandatory),
            _ => true,
        });
        Ok(if valid {
            Decoded::Value(())
        } else {
            Decoded::Invalid
        })
    }

    codegen_runtime::__reject_other_kinds!(object; Expected::Object);
}

/// Criteria and formats of every field of one object, in declaration order
/// (the order `#[derive(Decode)]` applies them in).
fn apply_rules<'m>(ty: &'m ObjectType, got: &[Got], cx: &mut Context<'m>) {
    for (field, value) in ty.fields.iter().zip(got) {
        let name = field.wire_name.as_str();
        match &field.criterion {
            Criterion::Mandatory => cx.mandatory(name, value.presence()),
            Criterion::Optional => {}
            Criterion::Conditional(condition) => {
                let holds = match condition {
                    ir::Condition::Filled(siblings) => {
                        siblings.iter().any(|s| got[s.0].presence().is_filled())
                    }
                    ir::Condition::Equals { field, value } => got[field.0].equals(value),
                };
                cx.conditional(name, value.presence(), holds, || describe(ty, condition));
            }
        }
        if let (FieldType::String(Some(StringFormat::Color)), Got::Str(text)) = (&field.ty, value) {
            cx.format(name, text, Format::Color);
        }
    }
}

fn describe(ty: &ObjectType, condition: &ir::Condition) -> Condition {
    let wire = |id: ir::FieldId| ty.fields[id.0].wire_name.clone();
    match condition {
        ir::Condition::Filled(siblings) => {
            Condition::Filled(siblings.iter().copied().map(wire).collect())
        }
        ir::Condition::Equals { field, value } => {
            let rendered = match value {
                Scalar::String(s) => format!("\"{s}\""),
                Scalar::Int(i) => i.to_string(),
                Scalar::Bool(b) => b.to_string(),
            };
            Condition::Equals(wire(*field), rendered)
        }
    }
}

/// Validates the spec's own examples against their tables, for `lint`.
pub struct ExampleCheck;

impl crate::lint::ExampleValidator for ExampleCheck {
    fn validate(&self, module: &Module, example: &ir::Example) -> Vec<ir::ExpectedViolation> {
        let ty = match &example.target {
            ir::ExampleTarget::Type(ty) => *ty,
            ir::ExampleTarget::Operation { operation, part } => {
                match module
                    .operations
                    .get(*operation)
                    .map(|op| part_type(op, *part))
                {
                    Some(Ok(ty)) => ty,
                    // Nothing documented to check the example against.
                    _ => return Vec::new(),
                }
            }
        };
        validate(module, ty, example.text.as_bytes())
            .pairs()
            .into_iter()
            .map(|(path, rule)| ir::ExpectedViolation {
                path,
                rule: rule.code().to_owned(),
            })
            .collect()
    }
}
