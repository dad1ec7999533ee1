//! Free-form values (`integracao`, the `formData` items): any JSON, read
//! with the same care as declared objects.
//!
//! * A repeated key is a `duplicate_attribute` violation at any depth: JSON
//!   parsers disagree on which of the two values wins, so the same bytes
//!   would mean different things to different readers.
//! * Every value is read with its path pushed, so a problem deep inside
//!   (`1e400`, a repeated key) is reported where it is.
//! * Values are built only when they can be handed back: not for a walk
//!   that only wants the verdict ([`Context::discard_values`]), and not once
//!   the payload has a violation. Checking alone keeps memory a small
//!   multiple of the input, whatever its shape.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Number, Value};

use super::number::{found_number, FirstKey, FirstKeySeed, TextSeed, RAW_TOKEN};
use super::{Decode, Decoded};
use crate::context::Context;
use crate::violation::{Detail, Expected};

/// The outcome of reading one free-form value.
enum Free {
    /// JSON `null`.
    Null,
    Built(Value),
    /// Valid, but not built (only the verdict is wanted).
    Checked,
    /// Something inside was reported.
    Invalid,
}

/// Any JSON value. `null` is a value here, not an absence.
impl Decode for Value {
    const EXPECTED: Expected = Expected::Object;

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
        cx: &mut Context<'_>,
    ) -> Result<Decoded<Self>, D::Error> {
        let build = cx.wants_values();
        Ok(
            match deserializer.deserialize_any(FreeValue { cx, build })? {
                Free::Null => Decoded::Null,
                Free::Built(value) => Decoded::Value(value),
                // Never handed back: the walk only wants the verdict.
                Free::Checked => Decoded::Value(Value::Bool(true)),
                Free::Invalid => Decoded::Invalid,
            },
        )
    }

    fn from_null() -> Option<Self> {
        Some(Value::Null)
    }
}

/// A free-form object: any attributes, none of them twice.
impl Decode for Map<String, Value> {
    const EXPECTED: Expected = Expected::Object;

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
        cx: &mut Context<'_>,
    ) -> Result<Decoded<Self>, D::Error> {
        let build = cx.wants_values();
        deserializer.deserialize_any(FreeObjectVisitor { cx, build })
    }
}

struct FreeObjectVisitor<'c, 'p> {
    cx: &'c mut Context<'p>,
    build: bool,
}

impl<'de> Visitor<'de> for FreeObjectVisitor<'_, '_> {
    type Value = Decoded<Map<String, Value>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let first = match access.next_key_seed(FirstKeySeed)? {
            Some(FirstKey::Number) => {
                let text = access.next_value_seed(TextSeed)?;
                let found = found_number(&text);
                return Ok(super::mismatch(self.cx, Expected::Object, found));
            }
            first => first.map(attribute),
        };
        Ok(match entries(self.cx, access, first, self.build)? {
            Free::Built(Value::Object(map)) => Decoded::Value(map),
            Free::Invalid => Decoded::Invalid,
            // Never handed back: the walk only wants the verdict.
            _ => Decoded::Value(Map::new()),
        })
    }

    crate::__reject_other_kinds!(object; Expected::Object);
}

/// The attribute name a first key stands for, outside the number protocol.
fn attribute(key: FirstKey<'_>) -> Cow<'_, str> {
    match key {
        FirstKey::Attribute(name) => name,
        FirstKey::Raw => Cow::Borrowed(RAW_TOKEN),
        FirstKey::Number => Cow::Borrowed(super::number::NUMBER_TOKEN),
    }
}

struct FreeValue<'c, 'p> {
    cx: &'c mut Context<'p>,
    build: bool,
}

impl<'de> DeserializeSeed<'de> for FreeValue<'_, '_> {
    type Value = Free;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Free, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl FreeValue<'_, '_> {
    fn keep(&self, value: impl FnOnce() -> Value) -> Free {
        if self.build {
            Free::Built(value())
        } else {
            Free::Checked
        }
    }
}

impl<'de> Visitor<'de> for FreeValue<'_, '_> {
    type Value = Free;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Free, E> {
        Ok(Free::Null)
    }
    fn visit_none<E>(self) -> Result<Free, E> {
        Ok(Free::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Free, E> {
        Ok(self.keep(|| Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Free, E> {
        Ok(self.keep(|| Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Free, E> {
        Ok(self.keep(|| Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Free, E> {
        // JSON has no NaN or infinity; `from_f64` only fails on those.
        Ok(self.keep(|| Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Free, E> {
        Ok(self.keep(|| Value::String(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Free, E> {
        Ok(self.keep(|| Value::String(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Free, A::Error> {
        let mut items = Vec::new();
        let mut valid = true;
        let mut index = 0;
        loop {
            self.cx.push_index(index);
            let seed = FreeValue {
                cx: self.cx,
                build: self.build,
            };
            let Some(item) = seq.next_element_seed(seed)? else {
                self.cx.pop();
                break;
            };
            self.cx.pop();
            match item {
                Free::Built(value) => items.push(value),
                Free::Null if self.build => items.push(Value::Null),
                Free::Invalid => valid = false,
                Free::Null | Free::Checked => {}
            }
            index += 1;
        }
        Ok(if !valid {
            Free::Invalid
        } else if self.build {
            // Growth by doubling leaves up to half of a long array (and three
            // quarters of a one-item one) unused; values here are kept.
            items.shrink_to_fit();
            Free::Built(Value::Array(items))
        } else {
            Free::Checked
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Free, A::Error> {
        let first = match access.next_key_seed(FirstKeySeed)? {
            Some(FirstKey::Number) => {
                let text = access.next_value_seed(TextSeed)?;
                let number = text.parse::<Number>().map_err(A::Error::custom)?;
                return Ok(self.keep(|| Value::Number(number)));
            }
            first => first.map(attribute),
        };
        entries(self.cx, access, first, self.build)
    }
}

/// The entries of a free-form object, the first key already read.
fn entries<'de, A: MapAccess<'de>>(
    cx: &mut Context<'_>,
    mut access: A,
    first: Option<Cow<'de, str>>,
    build: bool,
) -> Result<Free, A::Error> {
    let mut map = Map::new();
    // Keys seen, for duplicates, that the map cannot answer for: every key
    // when nothing is built, and when building only those whose value was
    // invalid (and so is not in the map), so that building and checking
    // report the same repeats. Borrowed from the input wherever they have
    // no escapes.
    let mut seen: HashSet<Cow<'de, str>> = HashSet::new();
    let mut valid = true;
    let mut next = first;
    loop {
        let key = match next.take() {
            Some(key) => key,
            None => match access.next_key_seed(TextSeed)? {
                Some(key) => key,
                None => break,
            },
        };
        let fresh = if build {
            !map.contains_key(key.as_ref()) && !seen.contains(key.as_ref())
        } else {
            seen.insert(key.clone())
        };
        let key = key.into_owned();
        if !fresh {
            let name = key.clone();
            cx.push_key(key);
            cx.report(Detail::Duplicate { name });
            access.next_value::<IgnoredAny>()?;
            cx.pop();
            valid = false;
            continue;
        }
        cx.push_key(key);
        let seed = FreeValue { cx, build };
        let value = access.next_value_seed(seed)?;
        let key = cx.pop_key().unwrap_or_default();
        match value {
            Free::Built(value) => {
                map.insert(key, value);
            }
            Free::Null if build => {
                map.insert(key, Value::Null);
            }
            Free::Invalid => {
                if build {
                    seen.insert(Cow::Owned(key));
                }
                valid = false;
            }
            Free::Null | Free::Checked => {}
        }
    }
    Ok(if !valid {
        Free::Invalid
    } else if build {
        Free::Built(Value::Object(map))
    } else {
        Free::Checked
    })
}
