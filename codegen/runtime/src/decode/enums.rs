//! Unit enums: a string that must be one of the accepted values.

use std::fmt;

use serde::de::{Deserializer, Visitor};

use super::Decoded;
use crate::context::Context;
use crate::violation::{Detail, Expected};

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
