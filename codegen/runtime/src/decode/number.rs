//! Money and integers decoded from the number's own text.
//!
//! serde_json gives a visitor the text of a value through its raw-value
//! protocol: asked for the newtype struct [`RAW_TOKEN`] (what
//! `serde_json::value::RawValue` asks for, with the `raw_value` feature this
//! crate turns on), it visits a one-entry map whose value is the value's
//! text, borrowed from a `&str` input. Only the number's digits are then
//! read, exactly ([`crate::number`]). Unlike `arbitrary_precision`, the
//! `raw_value` feature leaves numbers alone; what it does change, for every
//! crate in the build, is that `serde_json::Value` reads an object whose
//! first key is literally `"$serde_json::private::RawValue"` as the JSON its
//! value holds. The decoders here do not read through `Value`, so no
//! payload can steer them that way. A user's build may still turn on
//! `arbitrary_precision`: numbers then reach visitors as one-entry maps
//! keyed [`NUMBER_TOKEN`], which every visitor here accepts as a number.
//!
//! Where no text can be had (a deserializer other than serde_json's), the
//! value arrives as `f64` and is converted as before: the shortest decimal
//! that gives back the same `f64`, exact for up to 15 significant digits.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::leaves::{Leaf, LeafVisitor, Mismatch};
use super::{skip_map_rest, Decoded};
use crate::context::Context;
use crate::number::{self, NumberError};
use crate::violation::{Detail, Found};

/// The newtype name serde_json answers with a value's raw text.
pub(crate) const RAW_TOKEN: &str = "$serde_json::private::RawValue";
/// The key under which serde_json with `arbitrary_precision` hands over a
/// number's text.
pub(crate) const NUMBER_TOKEN: &str = "$serde_json::private::Number";
/// serde_json refuses to nest containers this deep; a value read as raw text
/// is skipped without that check, so it is applied here.
const MAX_NESTING: usize = 128;

/// Whether serde_json was built with `arbitrary_precision` (by some crate in
/// the user's build). Only then is an object keyed [`NUMBER_TOKEN`] a number;
/// otherwise it is an object with an odd attribute name.
pub(crate) fn arbitrary_precision() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        // Asks serde_json itself how it hands over a number.
        struct Probe;
        impl<'de> Visitor<'de> for Probe {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
                Ok(false)
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<bool, A::Error> {
                Ok(true)
            }
        }
        // Integers that fit 64 bits come as such even with the feature.
        serde_json::Deserializer::from_str("1.5")
            .deserialize_any(Probe)
            .unwrap_or(false)
    })
}

/// A leaf type whose value is read from a number's text.
pub(crate) trait FromText: Leaf {
    fn from_text(text: &str) -> Result<Self, Mismatch>;
}

impl FromText for rust_decimal::Decimal {
    fn from_text(text: &str) -> Result<Self, Mismatch> {
        number::decimal_from_text(text).map_err(|error| match error {
            NumberError::Range | NumberError::NotInteger => Mismatch::Detail(Detail::DecimalRange),
            NumberError::Syntax => Mismatch::Type(Found::String),
        })
    }
}

impl FromText for i64 {
    fn from_text(text: &str) -> Result<Self, Mismatch> {
        number::int_from_text(text).map_err(|error| match error {
            NumberError::Range => Mismatch::Detail(Detail::IntegerRange),
            NumberError::NotInteger => Mismatch::Type(Found::Number),
            NumberError::Syntax => Mismatch::Type(Found::String),
        })
    }
}

/// Decodes a [`FromText`] leaf, asking the deserializer for the raw text.
pub(crate) fn decode_from_text<'de, T: FromText, D: Deserializer<'de>>(
    deserializer: D,
    cx: &mut Context<'_>,
) -> Result<Decoded<T>, D::Error> {
    deserializer.deserialize_newtype_struct(
        RAW_TOKEN,
        TextVisitor::<T> {
            cx,
            forwarded: false,
            marker: PhantomData,
        },
    )
}

struct TextVisitor<'c, 'p, T> {
    cx: &'c mut Context<'p>,
    /// The deserializer did not know the raw-value protocol and passed the
    /// value on as is: a map is then a JSON object (or an
    /// `arbitrary_precision` number), never raw text.
    forwarded: bool,
    marker: PhantomData<fn() -> T>,
}

impl<'c, 'p, T: FromText> TextVisitor<'c, 'p, T> {
    fn leaf(self) -> LeafVisitor<'c, 'p, T> {
        LeafVisitor {
            cx: self.cx,
            marker: PhantomData,
        }
    }

    /// Any JSON value as text: a number is read exactly, anything else is
    /// the kind it is.
    fn raw<E: serde::de::Error>(self, text: &str) -> Result<Decoded<T>, E> {
        let found = match text.as_bytes().first() {
            Some(b'-' | b'0'..=b'9') => return Ok(self.leaf().settle(T::from_text(text))),
            Some(b'n') => return Ok(Decoded::Null),
            Some(b't' | b'f') => Found::Boolean,
            Some(b'"') => Found::String,
            Some(b'[') => Found::Array,
            _ => Found::Object,
        };
        if matches!(found, Found::Array | Found::Object)
            && self.cx.depth() + nesting(text) >= MAX_NESTING
        {
            // The same words serde_json uses, so the report is the same
            // `depth` violation as for any other too-deep value.
            return Err(E::custom("recursion limit exceeded"));
        }
        Ok(super::mismatch(self.cx, T::EXPECTED, found))
    }
}

/// How many containers deep `text` (one JSON value) nests at its deepest.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut in_string = false;
    let mut escaped = false;
    for &byte in text.as_bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// What the first key of a map says it is.
pub(crate) enum FirstKey<'de> {
    /// serde_json's raw text of the value follows.
    Raw,
    /// An `arbitrary_precision` number's text follows.
    Number,
    /// An ordinary attribute name: the map is a JSON object.
    Attribute(Cow<'de, str>),
}

/// Reads the first key of a map, telling serde_json's protocol keys apart.
pub(crate) struct FirstKeySeed;

impl<'de> DeserializeSeed<'de> for FirstKeySeed {
    type Value = FirstKey<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let key = deserializer.deserialize_str(TextSeed)?;
        Ok(match key.as_ref() {
            RAW_TOKEN => FirstKey::Raw,
            NUMBER_TOKEN if arbitrary_precision() => FirstKey::Number,
            _ => FirstKey::Attribute(key),
        })
    }
}

/// A string, borrowed from the input where it can be.
pub(crate) struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(value))
    }
}

/// The text of an `arbitrary_precision` number, handed to a [`Leaf`] the
/// way serde_json without the feature would hand it over.
pub(crate) fn leaf_from_number_text<T: Leaf>(text: &str) -> Result<T, Mismatch> {
    if let Ok(value) = text.parse::<i64>() {
        return T::from_i64(value);
    }
    if let Ok(value) = text.parse::<u64>() {
        return T::from_u64(value);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => T::from_f64(value),
        _ => Err(Mismatch::Detail(Detail::NumberRange)),
    }
}

/// The kind a number's text has, for type-mismatch messages.
pub(crate) fn found_number(text: &str) -> Found {
    if text.contains(['.', 'e', 'E']) {
        Found::Number
    } else {
        Found::Integer
    }
}

impl<'de, T: FromText> Visitor<'de> for TextVisitor<'_, '_, T> {
    type Value = Decoded<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", T::EXPECTED)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(TextVisitor {
            forwarded: true,
            ..self
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match map.next_key_seed(FirstKeySeed)? {
            Some(FirstKey::Raw) if !self.forwarded => {
                let text = map.next_value_seed(TextSeed)?;
                self.raw(&text)
            }
            Some(FirstKey::Number) => {
                let text = map.next_value_seed(TextSeed)?;
                Ok(self.leaf().settle(T::from_text(&text)))
            }
            Some(_) => {
                map.next_value::<IgnoredAny>()?;
                skip_map_rest(map)?;
                Ok(super::mismatch(self.cx, T::EXPECTED, Found::Object))
            }
            None => Ok(super::mismatch(self.cx, T::EXPECTED, Found::Object)),
        }
    }

    // A deserializer without the raw-value protocol: the value as it comes.
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.leaf().visit_bool(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.leaf().visit_i64(v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.leaf().visit_u64(v)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.leaf().visit_f64(v)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.leaf().visit_str(v)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Decoded::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Decoded::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.leaf().visit_seq(seq)
    }
}

#[cfg(test)]
mod tests {
    use super::nesting;

    #[test]
    fn nesting_ignores_brackets_in_strings() {
        assert_eq!(nesting("[]"), 1);
        assert_eq!(nesting(r#"[{"a": "[[[\"]]"}, [[]]]"#), 3);
        assert_eq!(nesting(r#"{"a\\": [1]}"#), 2);
    }
}
