//! One-pass validated decoding.
//!
//! serde's derived `Deserialize` stops at the first problem. Here every
//! value is read with `deserialize_any` by a visitor that accepts every JSON
//! kind: a value of the wrong kind is recorded as a violation and skipped,
//! and decoding goes on, so one pass over the bytes yields either the typed
//! value or the complete list of what is wrong with it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::marker::PhantomData;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

mod array;
mod free_form;
mod number;
mod object;

pub use array::{ArrayVisitor, ItemShape, TypeItems};
pub use object::{decode_object, DecodeObject, ObjectShape, ObjectVisitor, Slot, TypeShape};

use crate::checks::{self, IntFit};
use crate::context::{format_violation, Context};
use crate::report::Report;
use crate::violation::{Detail, Expected, Format, Found};

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

/// Decodes and validates JSON bytes into `T`, reporting every violation.
///
/// Malformed JSON (invalid UTF-8 included) is a single `syntax` violation at
/// the root with its line and column; nesting of 128 levels or more is a
/// `depth` violation at the root; a number beyond `f64` (`1e400`) is a
/// `range` violation at its path. Both stop the parser and the rest of the
/// document is not checked; after a number out of range the violations
/// found before it are kept, after a depth error (like a syntax error) only
/// that one is reported.
pub fn from_json_slice<T: Decode>(bytes: &[u8]) -> Result<T, Report> {
    walk_json_slice(bytes, T::EXPECTED, T::from_null, |deserializer, cx| {
        T::decode(deserializer, cx)
    })
}

/// Runs any decoding walk over JSON bytes with the handling every entry point
/// shares: fatal parser errors become `syntax`/`depth`/`range` violations,
/// trailing bytes are rejected, and a value is returned only when nothing at
/// all was reported. The IR-driven validator uses it with its own walk.
pub fn walk_json_slice<'p, T>(
    bytes: &[u8],
    expected: Expected,
    from_null: impl FnOnce() -> Option<T>,
    walk: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
        &mut Context<'p>,
    ) -> Result<Decoded<T>, serde_json::Error>,
) -> Result<T, Report> {
    // UTF-8 is checked once, up front (a fast, vectorised pass), instead of
    // string by string while parsing.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return Err(invalid_utf8(bytes, error)),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut cx = Context::new();
    let decoded = match walk(&mut deserializer, &mut cx) {
        Ok(decoded) => decoded,
        Err(error) => return Err(fatal(error, cx)),
    };
    if let Err(error) = deserializer.end() {
        return Err(fatal(error, cx));
    }
    finish_root(decoded, cx, expected, from_null)
}

/// Bytes that are not UTF-8: one `syntax` violation at the root, positioned
/// like serde_json positions its own errors (1-based line and column).
fn invalid_utf8(bytes: &[u8], error: std::str::Utf8Error) -> Report {
    let before = &bytes[..error.valid_up_to()];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    let byte = bytes[error.valid_up_to()];
    let mut cx = Context::new();
    cx.report(Detail::Syntax {
        line,
        column,
        detail: format!("invalid UTF-8 (byte 0x{byte:02X})"),
    });
    cx.into_report()
}

/// Same as [`from_json_slice`] for text.
pub fn from_json_str<T: Decode>(text: &str) -> Result<T, Report> {
    from_json_slice(text.as_bytes())
}

/// The outcome at the root: a value only when nothing at all was reported.
fn finish_root<T>(
    decoded: Decoded<T>,
    mut cx: Context<'_>,
    expected: Expected,
    from_null: impl FnOnce() -> Option<T>,
) -> Result<T, Report> {
    match decoded {
        Decoded::Value(value) if !cx.has_violations() => Ok(value),
        Decoded::Null => match from_null() {
            Some(value) if !cx.has_violations() => Ok(value),
            _ => {
                cx.type_mismatch(expected, Found::Null);
                Err(cx.into_report())
            }
        },
        Decoded::Value(_) | Decoded::Invalid => Err(cx.into_report()),
    }
}

/// Validated decoding behind `#[mosia(deserialize)]`: lets a generated type be
/// used wherever serde is (axum's `Json`, `serde_json::from_value`, ...)
/// without skipping the rules. All violations become one error message.
pub fn deserialize_validated<'de, T: Decode, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut cx = Context::new();
    let decoded = T::decode(deserializer, &mut cx)?;
    finish_root(decoded, cx, T::EXPECTED, T::from_null)
        .map_err(|report| D::Error::custom(report.to_string().trim_end()))
}

/// Turns an error that stopped the parser into the final report.
fn fatal(error: serde_json::Error, mut cx: Context<'_>) -> Report {
    let (line, column) = (error.line(), error.column());
    let text = error.to_string();
    let detail = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(detail, _)| detail)
        .to_owned();
    if detail.starts_with("number out of range") {
        // Keep what was found before: the position of the number is known.
        cx.report(Detail::NumberRange);
        return cx.into_report();
    }
    let detail = if detail.starts_with("recursion limit exceeded") {
        Detail::Depth { line, column }
    } else {
        Detail::Syntax {
            line,
            column,
            detail,
        }
    };
    // Malformed JSON is one violation at the root: what was found before it
    // would mostly be noise about a document that does not parse.
    let mut root = Context::new();
    root.report(detail);
    root.into_report()
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

/// Why a JSON scalar does not fit a leaf type.
enum Mismatch {
    Type(Found),
    Detail(Detail),
}

/// Scalar types: which JSON kinds they accept and how.
trait Leaf: Sized {
    const EXPECTED: Expected;

    fn from_bool(_: bool) -> Result<Self, Mismatch> {
        Err(Mismatch::Type(Found::Boolean))
    }
    fn from_i64(_: i64) -> Result<Self, Mismatch> {
        Err(Mismatch::Type(Found::Integer))
    }
    fn from_u64(_: u64) -> Result<Self, Mismatch> {
        Err(Mismatch::Type(Found::Integer))
    }
    fn from_f64(_: f64) -> Result<Self, Mismatch> {
        Err(Mismatch::Type(Found::Number))
    }
    fn from_str(_: &str) -> Result<Self, Mismatch> {
        Err(Mismatch::Type(Found::String))
    }
    fn from_string(value: String) -> Result<Self, Mismatch> {
        Self::from_str(&value)
    }
}

struct LeafVisitor<'c, 'p, T> {
    cx: &'c mut Context<'p>,
    marker: PhantomData<fn() -> T>,
}

impl<T: Leaf> LeafVisitor<'_, '_, T> {
    fn settle(self, result: Result<T, Mismatch>) -> Decoded<T> {
        match result {
            Ok(value) => Decoded::Value(value),
            Err(Mismatch::Type(found)) => {
                self.cx.type_mismatch(T::EXPECTED, found);
                Decoded::Invalid
            }
            Err(Mismatch::Detail(detail)) => {
                self.cx.report(detail);
                Decoded::Invalid
            }
        }
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

impl<'de, T: Leaf> Visitor<'de> for LeafVisitor<'_, '_, T> {
    type Value = Decoded<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", T::EXPECTED)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.settle(T::from_bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.settle(T::from_i64(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.settle(T::from_u64(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.settle(T::from_f64(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.settle(T::from_str(v)))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(self.settle(T::from_string(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Decoded::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Decoded::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(seq)?;
        Ok(self.settle(Err(Mismatch::Type(Found::Array))))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // serde_json with `arbitrary_precision`: a number as a one-entry map.
        match map.next_key_seed(number::FirstKeySeed)? {
            Some(number::FirstKey::Number) => {
                let text = map.next_value_seed(number::TextSeed)?;
                Ok(self.settle(number::leaf_from_number_text(&text)))
            }
            Some(_) => {
                map.next_value::<IgnoredAny>()?;
                skip_map_rest(map)?;
                Ok(self.settle(Err(Mismatch::Type(Found::Object))))
            }
            None => Ok(self.settle(Err(Mismatch::Type(Found::Object)))),
        }
    }
}

macro_rules! decode_via_leaf {
    ($($ty:ty),*) => {$(
        impl Decode for $ty {
            const EXPECTED: Expected = <$ty as Leaf>::EXPECTED;

            fn decode<'de, D: Deserializer<'de>>(
                deserializer: D,
                cx: &mut Context<'_>,
            ) -> Result<Decoded<Self>, D::Error> {
                deserializer.deserialize_any(LeafVisitor::<$ty> { cx, marker: PhantomData })
            }
        }
    )*};
}

decode_via_leaf!(String, f64, bool, NaiveDate);

/// Money and integers are read from the number's own text, so nothing is
/// rounded on the way (`12345678901234567.89`, `-0`).
macro_rules! decode_via_text {
    ($($ty:ty),*) => {$(
        impl Decode for $ty {
            const EXPECTED: Expected = <$ty as Leaf>::EXPECTED;

            fn decode<'de, D: Deserializer<'de>>(
                deserializer: D,
                cx: &mut Context<'_>,
            ) -> Result<Decoded<Self>, D::Error> {
                number::decode_from_text(deserializer, cx)
            }
        }
    )*};
}

decode_via_text!(i64, Decimal);

impl Leaf for String {
    const EXPECTED: Expected = Expected::String;

    fn from_str(value: &str) -> Result<Self, Mismatch> {
        Ok(value.to_owned())
    }
    fn from_string(value: String) -> Result<Self, Mismatch> {
        Ok(value)
    }
}

impl Leaf for i64 {
    const EXPECTED: Expected = Expected::Integer;

    fn from_i64(value: i64) -> Result<Self, Mismatch> {
        Ok(value)
    }
    fn from_u64(value: u64) -> Result<Self, Mismatch> {
        i64::try_from(value).map_err(|_| Mismatch::Detail(Detail::IntegerRange))
    }
    fn from_f64(value: f64) -> Result<Self, Mismatch> {
        Err(match checks::int_from_f64(value) {
            IntFit::NotInteger => Mismatch::Type(Found::Number),
            IntFit::OutOfRange => Mismatch::Detail(Detail::IntegerRange),
        })
    }
}

impl Leaf for f64 {
    const EXPECTED: Expected = Expected::Number;

    fn from_i64(value: i64) -> Result<Self, Mismatch> {
        Ok(value as f64)
    }
    fn from_u64(value: u64) -> Result<Self, Mismatch> {
        Ok(value as f64)
    }
    fn from_f64(value: f64) -> Result<Self, Mismatch> {
        Ok(value)
    }
}

impl Leaf for Decimal {
    const EXPECTED: Expected = Expected::Number;

    fn from_i64(value: i64) -> Result<Self, Mismatch> {
        Ok(Decimal::from(value))
    }
    fn from_u64(value: u64) -> Result<Self, Mismatch> {
        Ok(Decimal::from(value))
    }
    fn from_f64(value: f64) -> Result<Self, Mismatch> {
        checks::decimal_from_f64(value).ok_or(Mismatch::Detail(Detail::DecimalRange))
    }
}

impl Leaf for bool {
    const EXPECTED: Expected = Expected::Boolean;

    fn from_bool(value: bool) -> Result<Self, Mismatch> {
        Ok(value)
    }
}

impl Leaf for NaiveDate {
    const EXPECTED: Expected = Expected::String;

    fn from_str(value: &str) -> Result<Self, Mismatch> {
        checks::parse_date(value).ok_or_else(|| {
            Mismatch::Detail(
                format_violation(value, Format::Date)
                    .expect("an unparsable date breaks the format"),
            )
        })
    }
}

impl<T: Decode> Decode for Option<T> {
    const EXPECTED: Expected = T::EXPECTED;

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
        cx: &mut Context<'_>,
    ) -> Result<Decoded<Self>, D::Error> {
        Ok(match T::decode(deserializer, cx)? {
            Decoded::Value(value) => Decoded::Value(Some(value)),
            Decoded::Null => Decoded::Value(None),
            Decoded::Invalid => Decoded::Invalid,
        })
    }

    fn from_null() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Box<T> {
    const EXPECTED: Expected = T::EXPECTED;

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
        cx: &mut Context<'_>,
    ) -> Result<Decoded<Self>, D::Error> {
        Ok(match T::decode(deserializer, cx)? {
            Decoded::Value(value) => Decoded::Value(Box::new(value)),
            Decoded::Null => Decoded::Null,
            Decoded::Invalid => Decoded::Invalid,
        })
    }

    fn from_null() -> Option<Self> {
        T::from_null().map(Box::new)
    }
}

/// Records a type mismatch at the current position.
pub fn mismatch<T>(cx: &mut Context<'_>, expected: Expected, found: Found) -> Decoded<T> {
    cx.type_mismatch(expected, found);
    Decoded::Invalid
}

/// String-keyed maps of decodable values, with the key in the path.
macro_rules! decode_map {
    ($($map:ident),*) => {$(
        impl<T: Decode> Decode for $map<String, T> {
            const EXPECTED: Expected = Expected::Object;

            fn decode<'de, D: Deserializer<'de>>(
                deserializer: D,
                cx: &mut Context<'_>,
            ) -> Result<Decoded<Self>, D::Error> {
                deserializer.deserialize_any(KeyedVisitor::<$map<String, T>, T> { cx, marker: PhantomData })
            }
        }

        impl<T> KeyedCollection<T> for $map<String, T> {
            fn empty() -> Self {
                $map::new()
            }
            fn holds(&self, key: &str) -> bool {
                self.contains_key(key)
            }
            fn put(&mut self, key: String, value: T) {
                self.insert(key, value);
            }
        }
    )*};
}

trait KeyedCollection<T> {
    fn empty() -> Self;
    fn holds(&self, key: &str) -> bool;
    fn put(&mut self, key: String, value: T);
}

decode_map!(BTreeMap, HashMap);

struct KeyedVisitor<'c, 'p, M, T> {
    cx: &'c mut Context<'p>,
    marker: PhantomData<fn() -> (M, T)>,
}

impl<'de, M: KeyedCollection<T>, T: Decode> Visitor<'de> for KeyedVisitor<'_, '_, M, T> {
    type Value = Decoded<M>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = M::empty();
        let mut valid = true;
        let mut next = match access.next_key_seed(number::FirstKeySeed)? {
            Some(number::FirstKey::Number) => {
                let text = access.next_value_seed(number::TextSeed)?;
                let found = number::found_number(&text);
                return Ok(mismatch(self.cx, Expected::Object, found));
            }
            Some(number::FirstKey::Raw) => Some(number::RAW_TOKEN.to_owned()),
            Some(number::FirstKey::Attribute(key)) => Some(key.into_owned()),
            None => None,
        };
        loop {
            let key = match next.take() {
                Some(key) => key,
                None => match access.next_key::<String>()? {
                    Some(key) => key,
                    None => break,
                },
            };
            self.cx.push_key(key.clone());
            if map.holds(&key) {
                // Parsers disagree on which value wins: refuse both.
                self.cx.report(Detail::Duplicate { name: key });
                access.next_value::<IgnoredAny>()?;
                self.cx.pop();
                valid = false;
                continue;
            }
            match access.next_value_seed(Seed::<T>::new(self.cx))? {
                Decoded::Value(value) => map.put(key, value),
                Decoded::Null => match T::from_null() {
                    Some(value) => map.put(key, value),
                    None => {
                        self.cx.type_mismatch(T::EXPECTED, Found::Null);
                        valid = false;
                    }
                },
                Decoded::Invalid => valid = false,
            }
            self.cx.pop();
        }
        Ok(if valid {
            Decoded::Value(map)
        } else {
            Decoded::Invalid
        })
    }

    crate::__reject_other_kinds!(object; Expected::Object);
}

/// Decodes a string that must be one of `variants` (unit-only enums), giving
/// the index of the variant.
pub fn decode_str_enum<'de, D: Deserializer<'de>>(
    deserializer: D,
    cx: &mut Context<'_>,
    variants: &'static [&'static str],
) -> Result<Decoded<usize>, D::Error> {
    deserializer.deserialize_any(EnumVisitor { cx, variants })
}

struct EnumVisitor<'c, 'p> {
    cx: &'c mut Context<'p>,
    variants: &'static [&'static str],
}

impl<'de> Visitor<'de> for EnumVisitor<'_, '_> {
    type Value = Decoded<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of the accepted strings")
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(match self.variants.iter().position(|v| *v == value) {
            Some(index) => Decoded::Value(index),
            None => {
                self.cx.report(Detail::NotAccepted {
                    value: value.to_owned(),
                    accepted: self.variants.iter().map(|v| (*v).to_owned()).collect(),
                });
                Decoded::Invalid
            }
        })
    }

    crate::__reject_other_kinds!(string; Expected::EnumString);
}
