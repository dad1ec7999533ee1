//! One-pass validated decoding.
//!
//! serde's derived `Deserialize` stops at the first problem. Here every
//! value is read with `deserialize_any` by a visitor that accepts every JSON
//! kind: a value of the wrong kind is recorded as a violation and skipped,
//! and decoding goes on, so one pass over the bytes yields either the typed
//! value or the complete list of what is wrong with it.
//!
//! Here: the [`Decode`] trait and what every visitor shares. The entry
//! points are in `root`, scalars in `leaves` (money and integers from their
//! text in `number`), `Option`/`Box`/maps in `containers`, arrays in
//! `array`, objects in `object`, free-form values in `free_form`, unit enums
//! in `enums`.

use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess};

mod array;
mod containers;
mod enums;
mod free_form;
mod leaves;
mod number;
mod object;
mod root;

pub use array::{ArrayVisitor, ItemShape, TypeItems};
pub use enums::decode_str_enum;
pub use object::{decode_object, DecodeObject, ObjectShape, ObjectVisitor, Slot, TypeShape};
pub use root::{deserialize_validated, from_json_slice, from_json_str, walk_json_slice};

use crate::context::Context;
use crate::report::Report;
use crate::violation::{Expected, Found};

/// The `visit_*` methods of a visitor that accepts one JSON kind (`array`,
/// `object` or `string`): `null` is [`Decoded::Null`], any other kind is a
/// type mismatch, and a mismatched array or object is read through and
/// skipped so decoding can go on. The visitor needs a `cx: &mut Context`
/// field. Shared with the IR-driven validator, which must reject exactly
/// what the generated types reject.
#[doc(hidden)]
#[macro_export]
macro_rules! __reject_other_kinds {
    (array; $expected:expr) => {
        $crate::__reject_other_kinds!(@null);
        $crate::__reject_other_kinds!(@scalars $expected);
        $crate::__reject_other_kinds!(@str $expected);
        $crate::__reject_other_kinds!(@map $expected);
    };
    (object; $expected:expr) => {
        $crate::__reject_other_kinds!(@null);
        $crate::__reject_other_kinds!(@scalars $expected);
        $crate::__reject_other_kinds!(@str $expected);
        $crate::__reject_other_kinds!(@seq $expected);
    };
    (string; $expected:expr) => {
        $crate::__reject_other_kinds!(@null);
        $crate::__reject_other_kinds!(@scalars $expected);
        $crate::__reject_other_kinds!(@seq $expected);
        $crate::__reject_other_kinds!(@map $expected);
    };
    (@null) => {
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($crate::Decoded::Null)
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok($crate::Decoded::Null)
        }
    };
    (@scalars $expected:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($crate::__private::mismatch(self.cx, $expected, $crate::Found::Boolean))
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($crate::__private::mismatch(self.cx, $expected, $crate::Found::Integer))
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($crate::__private::mismatch(self.cx, $expected, $crate::Found::Integer))
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($crate::__private::mismatch(self.cx, $expected, $crate::Found::Number))
        }
    };
    (@str $expected:expr) => {
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($crate::__private::mismatch(self.cx, $expected, $crate::Found::String))
        }
    };
    (@seq $expected:expr) => {
        fn visit_seq<A: $crate::__private::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            $crate::__private::skip_seq(seq)?;
            Ok($crate::__private::mismatch(self.cx, $expected, $crate::Found::Array))
        }
    };
    (@map $expected:expr) => {
        fn visit_map<A: $crate::__private::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let found = $crate::__private::skip_map(map)?;
            Ok($crate::__private::mismatch(self.cx, $expected, found))
        }
    };
}

/// The outcome of decoding one JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded<T> {
    Value(T),
    /// JSON `null`: whether that is allowed is the enclosing field's business.
    Null,
    /// The value was wrong and has been reported.
    Invalid,
}

/// A type that can be decoded from JSON in one pass, reporting every
/// violation. Implemented for the scalar types of the docs, containers, and
/// (through `#[derive(Decode)]`) objects.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be decoded with the documented rules: it does not implement `codegen_runtime::Decode`",
    label = "used where a page's type is decoded",
    note = "a type that replaces a generated one (`Config::replace_type`) needs `#[derive(codegen_runtime::Decode, codegen_runtime::Validate, serde::Serialize)]` and `#[mosia(deserialize)]`, as the generated types have"
)]
pub trait Decode: Sized {
    /// The JSON kind this type expects, for type-mismatch messages.
    const EXPECTED: Expected;

    /// Decodes one value, recording violations in `cx` at its current path.
    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
        cx: &mut Context<'_>,
    ) -> Result<Decoded<Self>, D::Error>;

    /// The value `null` stands for, where it stands for one (`Option`, `Value`).
    fn from_null() -> Option<Self> {
        None
    }

    /// Decodes and validates JSON bytes: the value, or every violation.
    fn from_json_slice(bytes: &[u8]) -> Result<Self, Report> {
        from_json_slice(bytes)
    }

    /// Decodes and validates JSON text: the value, or every violation.
    fn from_json_str(text: &str) -> Result<Self, Report> {
        from_json_slice(text.as_bytes())
    }
}

/// A [`DeserializeSeed`] decoding a `T` into a shared [`Context`].
pub struct Seed<'c, 'p, T> {
    cx: &'c mut Context<'p>,
    marker: PhantomData<fn() -> T>,
}

impl<'c, 'p, T> Seed<'c, 'p, T> {
    pub fn new(cx: &'c mut Context<'p>) -> Self {
        Seed {
            cx,
            marker: PhantomData,
        }
    }
}

impl<'de, T: Decode> DeserializeSeed<'de> for Seed<'_, '_, T> {
    type Value = Decoded<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        T::decode(deserializer, self.cx)
    }
}

/// Reads and discards a whole array or object of the wrong kind.
pub fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads and discards a whole object, telling what it was: with serde_json's
/// `arbitrary_precision` a number arrives as a one-entry map.
pub fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Found, A::Error> {
    let found = match map.next_key_seed(number::FirstKeySeed)? {
        None => return Ok(Found::Object),
        Some(number::FirstKey::Number) => {
            let text = map.next_value_seed(number::TextSeed)?;
            number::found_number(&text)
        }
        Some(_) => {
            map.next_value::<IgnoredAny>()?;
            Found::Object
        }
    };
    skip_map_rest(map)?;
    Ok(found)
}

/// Reads and discards the remaining entries of an object.
fn skip_map_rest<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Records a type mismatch at the current position.
pub fn mismatch<T>(cx: &mut Context<'_>, expected: Expected, found: Found) -> Decoded<T> {
    cx.type_mismatch(expected, found);
    Decoded::Invalid
}
