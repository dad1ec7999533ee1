//! The IR-driven validator: checks a JSON payload against any spec without
//! compiling anything (`codegen validate`, the mock server, lint's examples).
//!
//! It walks a payload with the runtime's own traversals
//! (`codegen_runtime::ObjectVisitor`, `ArrayVisitor`), scalars are read by
//! the very `Decode` impls the generated code uses, and the rules come from
//! a table built from the IR that `codegen_runtime::rules::apply` applies,
//! as it applies the table `#[derive(Decode)]` emits. What is left here is
//! a description of IR objects for those traversals. A property test keeps
//! the two paths in agreement as a safety net.

use codegen_runtime::chrono::NaiveDate;
use codegen_runtime::rules::{Criterion, FieldRule, FieldValues, Literal, When, WireScalar};
use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::serde_json::{Map, Value};
use codegen_runtime::{
    walk_json_slice, ArrayVisitor, Context, Decode, Decoded, Expected, Format, ItemShape,
    ObjectShape, ObjectVisitor, Presence, Report,
};
use codegen_suggest::Lang;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess};

use crate::ir::{
    self, Api, Field, FieldType, Module, ObjectType, Operation, Part, Response, Scalar,
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
        let hint = codegen_suggest::closest(id, ids.iter().copied())
            .map(|s| format!(" ({})", codegen_suggest::did_you_mean(s, Lang::En)))
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
    let siblings = Siblings::new(module);
    let tables = Tables::new(module, &siblings);
    let walked = walk_json_slice(
        bytes,
        Expected::Object,
        || None,
        |deserializer, cx| {
            // Only the verdict is wanted: free-form values are checked, not built.
            cx.discard_values();
            deserializer.deserialize_any(ObjectVisitor::with_shape(tables.object(ty), cx))
        },
    );
    walked.err().unwrap_or_default()
}

/// The sibling indexes of every `C(filled(..))` condition of a module, as
/// the plain indexes rule tables borrow.
struct Siblings(Vec<Vec<Vec<usize>>>);

impl Siblings {
    fn new(module: &Module) -> Self {
        let of_field = |field: &Field| match &field.criterion {
            ir::Criterion::Conditional(ir::Condition::Filled(ids)) => {
                ids.iter().map(|id| id.0).collect()
            }
            _ => Vec::new(),
        };
        Siblings(
            module
                .types
                .iter()
                .map(|ty| ty.fields.iter().map(of_field).collect())
                .collect(),
        )
    }
}

/// The rule table of every object type of a module, built from the IR once
/// per payload.
struct Tables<'m> {
    module: &'m Module,
    rules: Vec<Vec<FieldRule<'m>>>,
}

impl<'m> Tables<'m> {
    fn new(module: &'m Module, siblings: &'m Siblings) -> Self {
        let rules = module
            .types
            .iter()
            .zip(&siblings.0)
            .map(|(ty, siblings)| {
                ty.fields
                    .iter()
                    .zip(siblings)
                    .map(|(field, siblings)| field_rule(field, siblings))
                    .collect()
            })
            .collect();
        Tables { module, rules }
    }

    fn object(&self, id: TypeId) -> IrObject<'_, 'm> {
        IrObject {
            tables: self,
            ty: self.module.ty(id),
            rules: &self.rules[id.0],
        }
    }
}

/// A field's rules, from the IR (`siblings`: its `filled` condition's).
fn field_rule<'m>(field: &'m Field, siblings: &'m [usize]) -> FieldRule<'m> {
    let criterion = match &field.criterion {
        ir::Criterion::Mandatory => Criterion::Mandatory,
        ir::Criterion::Optional => Criterion::Optional,
        ir::Criterion::Conditional(ir::Condition::Filled(_)) => {
            Criterion::Conditional(When::Filled(siblings))
        }
        ir::Criterion::Conditional(ir::Condition::Equals { field, value }) => {
            let literal = match value {
                Scalar::String(text) => Literal::Str(text),
                Scalar::Int(value) => Literal::Int(*value),
                Scalar::Bool(value) => Literal::Bool(*value),
            };
            Criterion::Conditional(When::Equals(field.0, literal))
        }
    };
    let format = match field.ty {
        FieldType::String(Some(StringFormat::Color)) => Some(Format::Color),
        // A date is decoded as a date: decoding it is the check.
        _ => None,
    };
    FieldRule {
        format,
        ..FieldRule::new(&field.wire_name, criterion)
    }
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

    fn into_decoded(self) -> Decoded<()> {
        match self {
            Got::Null => Decoded::Null,
            Got::Invalid => Decoded::Invalid,
            _ => Decoded::Value(()),
        }
    }
}

/// The values of one object's fields, as the rules see them.
struct Noted(Vec<Got>);

impl FieldValues for Noted {
    fn presence(&self, index: usize) -> Presence {
        self.0[index].presence()
    }

    fn scalar(&self, index: usize) -> Option<WireScalar<'_>> {
        Some(match &self.0[index] {
            Got::Absent | Got::Null | Got::Invalid => return None,
            Got::Str(text) => WireScalar::Str(text),
            Got::Int(value) => WireScalar::Int(*value),
            Got::Bool(value) => WireScalar::Bool(*value),
            Got::Other => WireScalar::Other,
        })
    }
}

/// An object type of the IR, for the runtime's object traversal.
struct IrObject<'t, 'm> {
    tables: &'t Tables<'m>,
    ty: &'m ObjectType,
    rules: &'t [FieldRule<'m>],
}

impl<'t, 'm: 't> ObjectShape<'t> for IrObject<'t, 'm> {
    type Slots = Noted;
    type Output = ();

    fn rules(&self) -> &[FieldRule<'t>] {
        self.rules
    }

    fn field_index(&self, key: &str) -> Option<usize> {
        self.ty.fields.iter().position(|f| f.wire_name == key)
    }

    fn new_slots(&self) -> Noted {
        Noted(vec![Got::Absent; self.ty.fields.len()])
    }

    fn decode_field<'de, A: MapAccess<'de>>(
        &self,
        slots: &mut Noted,
        index: usize,
        access: &mut A,
        cx: &mut Context<'t>,
    ) -> Result<(), A::Error> {
        let seed = ValueSeed {
            tables: self.tables,
            ty: &self.ty.fields[index].ty,
            cx,
        };
        slots.0[index] = access.next_value_seed(seed)?;
        Ok(())
    }

    /// Exactly when the generated type could be built (its
    /// `DecodeObject::build`): no field invalid, and every `M` field present
    /// and not null. A `C` condition on this object as a sibling depends on it.
    fn build(&self, slots: Noted) -> Decoded<()> {
        let valid = self
            .ty
            .fields
            .iter()
            .zip(&slots.0)
            .all(|(field, value)| match value {
                Got::Invalid => false,
                Got::Absent | Got::Null => !matches!(field.criterion, ir::Criterion::Mandatory),
                _ => true,
            });
        if valid {
            Decoded::Value(())
        } else {
            Decoded::Invalid
        }
    }
}

/// The items of an array of an IR field type.
struct IrItems<'t, 'm> {
    tables: &'t Tables<'m>,
    item: &'m FieldType,
}

impl<'t, 'm: 't> ItemShape<'t> for IrItems<'t, 'm> {
    type Item = ();

    fn expected(&self) -> Expected {
        expected(self.item)
    }

    fn null_item(&self) -> Option<()> {
        None
    }

    fn next<'de, A: SeqAccess<'de>>(
        &self,
        seq: &mut A,
        cx: &mut Context<'t>,
    ) -> Result<Option<Decoded<()>>, A::Error> {
        let seed = ValueSeed {
            tables: self.tables,
            ty: self.item,
            cx,
        };
        Ok(seq.next_element_seed(seed)?.map(Got::into_decoded))
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
struct ValueSeed<'t, 'm, 'c> {
    tables: &'t Tables<'m>,
    ty: &'m FieldType,
    cx: &'c mut Context<'t>,
}

impl<'de, 't, 'm: 't> DeserializeSeed<'de> for ValueSeed<'t, 'm, '_> {
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
                let visitor = ObjectVisitor::with_shape(self.tables.object(*id), cx);
                Got::from_decoded(deserializer.deserialize_any(visitor)?, |()| Got::Other)
            }
            FieldType::Array(item) => {
                let items = IrItems {
                    tables: self.tables,
                    item,
                };
                let visitor = ArrayVisitor::with_shape(items, cx);
                Got::from_decoded(deserializer.deserialize_any(visitor)?, |_| Got::Other)
            }
        })
    }
}

/// Every violation of an example of the spec against the table it shows,
/// as lint compares them with the example's expectation; nothing when the
/// example's part is undocumented.
pub fn example_violations(module: &Module, example: &ir::Example) -> Vec<ir::Expectation> {
    example_report(module, example).map_or_else(Vec::new, |report| {
        report
            .pairs()
            .into_iter()
            .map(|(path, rule)| ir::Expectation { path, rule })
            .collect()
    })
}

/// The report of an example against the table it shows; `None` when the
/// example's part is undocumented (nothing to check it against).
pub fn example_report(module: &Module, example: &ir::Example) -> Option<Report> {
    let ty = match &example.target {
        ir::ExampleTarget::Type(ty) => *ty,
        ir::ExampleTarget::Operation { operation, part } => module
            .operations
            .get(*operation)
            .map(|op| part_type(op, *part))?
            .ok()?,
    };
    Some(validate(module, ty, example.text.as_bytes()))
}
