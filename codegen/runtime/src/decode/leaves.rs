//! Scalar types (strings, numbers, booleans, dates): which JSON kinds each
//! accepts and how.

use std::fmt;
use std::marker::PhantomData;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{number, skip_map_rest, skip_seq, Decode, Decoded};
use crate::checks::{self, IntFit};
use crate::context::{format_violation, Context};
use crate::violation::{Detail, Expected, Format, Found};

/// Why a JSON scalar does not fit a leaf type.
pub(super) enum Mismatch {
    Type(Found),
    Detail(Detail),
}

/// Scalar types: which JSON kinds they accept and how.
pub(super) trait Leaf: Sized {
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

pub(super) struct LeafVisitor<'c, 'p, T> {
    pub(super) cx: &'c mut Context<'p>,
    pub(super) marker: PhantomData<fn() -> T>,
}

impl<T: Leaf> LeafVisitor<'_, '_, T> {
    pub(super) fn settle(self, result: Result<T, Mismatch>) -> Decoded<T> {
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

/// `Decode` for scalar types, each read by `$decode` (given the
/// deserializer and the context).
macro_rules! decode_leaf {
    ($decode:path: $($ty:ty),*) => {$(
        impl Decode for $ty {
            const EXPECTED: Expected = <$ty as Leaf>::EXPECTED;

            fn decode<'de, D: Deserializer<'de>>(
                deserializer: D,
                cx: &mut Context<'_>,
            ) -> Result<Decoded<Self>, D::Error> {
                $decode(deserializer, cx)
            }
        }
    )*};
}

/// Any JSON kind, through the leaf's own `from_*` conversions.
fn decode_any<'de, T: Leaf, D: Deserializer<'de>>(
    deserializer: D,
    cx: &mut Context<'_>,
) -> Result<Decoded<T>, D::Error> {
    deserializer.deserialize_any(LeafVisitor::<T> {
        cx,
        marker: PhantomData,
    })
}

decode_leaf!(decode_any: String, f64, bool, NaiveDate);
// Money and integers are read from the number's own text, so nothing is
// rounded on the way (`12345678901234567.89`, `-0`).
decode_leaf!(number::decode_from_text: i64, Decimal);

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
