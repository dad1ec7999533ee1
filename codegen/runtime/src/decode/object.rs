//! The one traversal of a JSON object, shared by every path that reads one:
//! the types `#[derive(Decode)]` generates and the IR-driven validator.
//!
//! The loop and its bookkeeping (declared, unknown and repeated attributes,
//! suggestions, the violation cap) and the documented rules
//! ([`crate::rules::apply`]) are written once here. What differs is
//! described by an [`ObjectShape`]: where each attribute's value goes (a
//! typed slot, or what the validator noted) and what the object becomes.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{mismatch, number, Decoded};
use crate::context::{Context, Presence};
use crate::rules::{self, FieldRule, FieldValues};
use crate::violation::{Detail, Expected};

/// A field's value while its object is being decoded.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Slot<T> {
    #[default]
    Absent,
    Null,
    Invalid,
    Value(T),
}

impl<T> Slot<T> {
    pub fn set(&mut self, decoded: Decoded<T>) {
        *self = match decoded {
            Decoded::Value(value) => Slot::Value(value),
            Decoded::Null => Slot::Null,
            Decoded::Invalid => Slot::Invalid,
        };
    }

    /// Presence for the criterion rules; `blank` tells whether a value counts
    /// as blank (only strings can be).
    pub fn presence(&self, blank: impl FnOnce(&T) -> bool) -> Presence {
        match self {
            Slot::Absent => Presence::Absent,
            Slot::Null => Presence::Null,
            Slot::Invalid => Presence::Invalid,
            Slot::Value(value) if blank(value) => Presence::Blank,
            Slot::Value(_) => Presence::Filled,
        }
    }

    pub fn value(&self) -> Option<&T> {
        match self {
            Slot::Value(value) => Some(value),
            _ => None,
        }
    }

    /// For a mandatory field: the value if there is one.
    pub fn take_required(self) -> Option<T> {
        match self {
            Slot::Value(value) => Some(value),
            _ => None,
        }
    }

    /// For an optional field: `Some(None)` when absent or null, `None` when invalid.
    pub fn take_optional(self) -> Option<Option<T>> {
        match self {
            Slot::Value(value) => Some(Some(value)),
            Slot::Absent | Slot::Null => Some(None),
            Slot::Invalid => None,
        }
    }
}

/// What differs between the readers of an object: where attribute values
/// go and what the object becomes. The traversal and the rules are
/// [`ObjectVisitor`]'s.
pub trait ObjectShape<'p> {
    /// Per-attribute values while the object is read; also what the rules see.
    type Slots: FieldValues;
    /// What a valid object becomes.
    type Output;

    /// The attributes in declaration order, with their rules; indexes into
    /// this table are attribute indexes everywhere.
    fn rules(&self) -> &[FieldRule<'p>];

    /// The declared attribute `key` names, if any.
    fn field_index(&self, key: &str) -> Option<usize>;

    fn new_slots(&self) -> Self::Slots;

    /// Decodes the value of attribute `index` (the path already points at it).
    fn decode_field<'de, A: MapAccess<'de>>(
        &self,
        slots: &mut Self::Slots,
        index: usize,
        access: &mut A,
        cx: &mut Context<'p>,
    ) -> Result<(), A::Error>;

    /// The object, once every rule has been applied; `Invalid` when it
    /// cannot be built (an attribute invalid, a mandatory one missing).
    fn build(&self, slots: Self::Slots) -> Decoded<Self::Output>;
}

/// What `#[derive(Decode)]` generates for an object type: a static
/// [`ObjectShape`] (see [`TypeShape`]).
pub trait DecodeObject: Sized {
    /// The attributes and their rules, in declaration order.
    const RULES: &'static [FieldRule<'static>];
    /// One [`Slot`] per field.
    type Slots: Default + FieldValues;

    fn field_index(key: &str) -> Option<usize>;

    /// Decodes the value of field `index` (the path already points at it).
    fn decode_field<'de, A: MapAccess<'de>>(
        slots: &mut Self::Slots,
        index: usize,
        access: &mut A,
        cx: &mut Context<'_>,
    ) -> Result<(), A::Error>;

    /// Builds the value when nothing is wrong.
    fn build(slots: Self::Slots) -> Decoded<Self>;
}

/// The [`ObjectShape`] of a type with `#[derive(Decode)]`.
pub struct TypeShape<T>(PhantomData<fn() -> T>);

impl<T> Default for TypeShape<T> {
    fn default() -> Self {
        TypeShape(PhantomData)
    }
}

impl<'p, T: DecodeObject> ObjectShape<'p> for TypeShape<T> {
    type Slots = T::Slots;
    type Output = T;

    fn rules(&self) -> &[FieldRule<'p>] {
        T::RULES
    }

    fn field_index(&self, key: &str) -> Option<usize> {
        T::field_index(key)
    }

    fn new_slots(&self) -> Self::Slots {
        T::Slots::default()
    }

    fn decode_field<'de, A: MapAccess<'de>>(
        &self,
        slots: &mut Self::Slots,
        index: usize,
        access: &mut A,
        cx: &mut Context<'p>,
    ) -> Result<(), A::Error> {
        T::decode_field(slots, index, access, cx)
    }

    fn build(&self, slots: Self::Slots) -> Decoded<T> {
        T::build(slots)
    }
}

/// Reads one object of shape `S`: declared attributes into their slots,
/// unknown and repeated ones reported, a value of another kind refused,
/// then the rules of [`ObjectShape::rules`].
pub struct ObjectVisitor<'c, 'p, S> {
    shape: S,
    cx: &'c mut Context<'p>,
}

impl<'c, 'p, S: ObjectShape<'p>> ObjectVisitor<'c, 'p, S> {
    pub fn with_shape(shape: S, cx: &'c mut Context<'p>) -> Self {
        ObjectVisitor { shape, cx }
    }
}

impl<'c, 'p, T: DecodeObject> ObjectVisitor<'c, 'p, TypeShape<T>> {
    pub fn new(cx: &'c mut Context<'p>) -> Self {
        ObjectVisitor::with_shape(TypeShape::default(), cx)
    }
}

enum Key {
    Known(usize),
    Unknown(String),
    /// serde_json with `arbitrary_precision`: the object is a number.
    Number,
}

struct KeySeed<'s, S>(&'s S);

impl<'de, 'p, S: ObjectShape<'p>> DeserializeSeed<'de> for KeySeed<'_, S> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, 'p, S: ObjectShape<'p>> Visitor<'de> for KeySeed<'_, S> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an attribute name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.field_index(key) {
            Some(index) => Key::Known(index),
            None if key == number::NUMBER_TOKEN && number::arbitrary_precision() => Key::Number,
            None => Key::Unknown(key.to_owned()),
        })
    }
}

/// Which fields were seen, to report duplicates. Objects rarely declare more
/// than 64 attributes, and those need no allocation.
enum Seen {
    Small(u64),
    Large(Vec<u64>),
}

impl Seen {
    fn new(fields: usize) -> Self {
        if fields <= 64 {
            Seen::Small(0)
        } else {
            Seen::Large(vec![0; fields.div_ceil(64)])
        }
    }

    /// Marks `index`; false when it was already marked.
    fn insert(&mut self, index: usize) -> bool {
        let (word, bit) = match self {
            Seen::Small(word) => (word, 1u64 << index),
            Seen::Large(words) => (&mut words[index / 64], 1u64 << (index % 64)),
        };
        let fresh = *word & bit == 0;
        *word |= bit;
        fresh
    }
}

impl<'de, 'p, S: ObjectShape<'p>> Visitor<'de> for ObjectVisitor<'_, 'p, S> {
    type Value = Decoded<S::Output>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let shape = &self.shape;
        let rules = shape.rules();
        let mut slots = shape.new_slots();
        let mut seen = Seen::new(rules.len());
        while let Some(key) = access.next_key_seed(KeySeed(shape))? {
            match key {
                Key::Known(index) => {
                    let name = rules[index].name;
                    self.cx.push_field(name);
                    if seen.insert(index) {
                        shape.decode_field(&mut slots, index, &mut access, self.cx)?;
                    } else {
                        self.cx.report(Detail::Duplicate {
                            name: name.to_owned(),
                        });
                        access.next_value::<IgnoredAny>()?;
                    }
                    self.cx.pop();
                }
                Key::Unknown(key) => {
                    self.cx
                        .unknown_attribute(key, rules.iter().map(|rule| rule.name));
                    access.next_value::<IgnoredAny>()?;
                }
                Key::Number => {
                    let text = access.next_value_seed(number::TextSeed)?;
                    let found = number::found_number(&text);
                    return Ok(mismatch(self.cx, Expected::Object, found));
                }
            }
        }
        rules::apply(rules, &slots, self.cx);
        Ok(shape.build(slots))
    }

    crate::__reject_other_kinds!(object; Expected::Object);
}

/// Decodes a `#[derive(Decode)]` object: what its `Decode::decode` calls.
pub fn decode_object<'de, T: DecodeObject, D: Deserializer<'de>>(
    deserializer: D,
    cx: &mut Context<'_>,
) -> Result<Decoded<T>, D::Error> {
    deserializer.deserialize_any(ObjectVisitor::new(cx))
}
