//! Reading YAML into spec structs without stopping at the first problem.
//!
//! Every key of every spec struct is a [`Lenient`] value: it deserializes
//! whatever YAML is there, keeps what fits and records what does not, so a
//! wrong value in one field neither fails its parent nor hides problems in
//! its siblings. The loader then walks the structs with spec paths and turns
//! the recorded [`Issue`]s into diagnostics.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};
use std::fmt;

use crate::diagnostics::did_you_mean;
use codegen_suggest::Lang;

/// A problem with one YAML node, relative to the node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The key inside the node's mapping the issue concerns (an unknown or
    /// repeated key); `None` when it is about the node itself.
    pub key: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

/// What a key held once read.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot<T> {
    /// The key is not there.
    Absent,
    /// The key is there with an empty or `~` value.
    Null,
    Valid(T),
    /// The value does not fit; the reason is among the issues.
    Invalid,
}

/// A value read leniently: what fitted, plus every issue found.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient<T> {
    slot: Slot<T>,
    issues: Vec<Issue>,
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient {
            slot: Slot::Absent,
            issues: Vec::new(),
        }
    }
}

impl<T> Lenient<T> {
    pub fn slot(&self) -> &Slot<T> {
        &self.slot
    }

    pub fn get(&self) -> Option<&T> {
        match &self.slot {
            Slot::Valid(value) => Some(value),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self.slot, Slot::Absent)
    }

    /// Issues of this node (for a struct: its unknown and repeated keys;
    /// otherwise why the value does not fit). Nested nodes keep their own.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }
}

impl<T: DeserializeOwned + Expected> Lenient<T> {
    pub fn from_value(value: Value) -> Self {
        if value.is_null() {
            return Lenient {
                slot: Slot::Null,
                issues: Vec::new(),
            };
        }
        let mut issues = Vec::new();
        let value = match (value, struct_keys::<T>()) {
            (Value::Mapping(mapping), Some(known)) => {
                Value::Mapping(keep_known_keys(mapping, known, &mut issues))
            }
            (value, _) => value,
        };
        // The value is deserialized by value, so that the nested lenient
        // nodes take its strings instead of copying them: what the
        // message needs is decided first.
        let found = (!T::accepts(&value)).then(|| describe(&value));
        let slot = match T::deserialize(value) {
            Ok(parsed) => Slot::Valid(parsed),
            Err(error) => {
                let message = match found {
                    None => error.to_string(),
                    Some(found) => format!("expected {}, found {found}", T::expected()),
                };
                issues.push(Issue {
                    key: None,
                    message,
                    help: None,
                });
                Slot::Invalid
            }
        };
        Lenient { slot, issues }
    }
}

impl<'de, T: DeserializeOwned + Expected> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only fails if the input is not YAML at all; inside the loader the
        // input is always an already parsed `Value`.
        Value::deserialize(deserializer).map(Lenient::from_value)
    }
}

/// What a spec value must look like, for "expected X, found Y" messages.
pub trait Expected {
    /// "a string", "a list", "one of: M, C, OP".
    fn expected() -> String;
    /// Whether the value has the right YAML kind; if it does and still does
    /// not deserialize, the type's own error message is the better one.
    fn accepts(value: &Value) -> bool;
}

impl Expected for String {
    fn expected() -> String {
        "a string".into()
    }
    fn accepts(value: &Value) -> bool {
        value.is_string()
    }
}

impl Expected for bool {
    fn expected() -> String {
        "`true` or `false`".into()
    }
    fn accepts(value: &Value) -> bool {
        value.is_bool()
    }
}

impl<T> Expected for Vec<T> {
    fn expected() -> String {
        "a list".into()
    }
    fn accepts(value: &Value) -> bool {
        value.is_sequence()
    }
}

impl Expected for Value {
    fn expected() -> String {
        "any value".into()
    }
    fn accepts(_: &Value) -> bool {
        true
    }
}

/// Implements [`Expected`] for spec structs, which are YAML mappings.
macro_rules! expect_mapping {
    ($($ty:ty),+ $(,)?) => {
        $(impl $crate::spec::lenient::Expected for $ty {
            fn expected() -> String {
                "a mapping".into()
            }
            fn accepts(value: &serde_yaml::Value) -> bool {
                value.is_mapping()
            }
        })+
    };
}
pub(crate) use expect_mapping;

/// Defines a keyword enum: a fixed set of spellings, parsed exactly, with a
/// did-you-mean message for near misses.
macro_rules! keyword {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every spelling, in the order the spec format documents them.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom($crate::spec::lenient::unknown_keyword(
                        $what,
                        &text,
                        Self::NAMES,
                    ))
                })
            }
        }

        impl $crate::spec::lenient::Expected for $name {
            fn expected() -> String {
                format!("a {} (one of: {})", $what, Self::NAMES.join(", "))
            }
            fn accepts(value: &serde_yaml::Value) -> bool {
                value.is_string()
            }
        }
    };
}
pub(crate) use keyword;

/// ``unknown format "colour"; expected one of: date, color, decimal (did you mean `color`?)``
pub fn unknown_keyword(what: &str, text: &str, names: &[&str]) -> String {
    format!(
        "unknown {what} {text:?}; expected one of: {}{}",
        names.join(", "),
        suggestion(text, names.iter().copied())
    )
}

/// `` (did you mean `x`?)``, or nothing when no candidate is close.
pub fn suggestion<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(input, candidates)
        .map(|candidate| format!(" ({})", codegen_suggest::did_you_mean(candidate, Lang::En)))
        .unwrap_or_default()
}

/// A short description of a YAML value for messages: `a number (5)`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) => format!("a string ({s:?})"),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(tagged) => format!("a value tagged {}", tagged.tag),
    }
}

const DUPLICATE_KEY_TAG: &str = "!codegen-duplicate-key";

/// Stands in for a key that a YAML mapping repeats. YAML forbids repeated
/// keys and `Mapping` cannot hold them, but stopping the load there would
/// hide every other problem of the file; the loader's parser stores the
/// `occurrence`-th repeat (1 for the first repeat) under this marker, and
/// the spec reader reports it where the mapping is read, with its spec path.
pub fn duplicate_key_marker(key: Value, occurrence: usize) -> Value {
    Value::Tagged(Box::new(TaggedValue {
        tag: Tag::new(DUPLICATE_KEY_TAG),
        value: Value::Sequence(vec![key, Value::Number(occurrence.into())]),
    }))
}

/// The repeated key, if `key` is a [`duplicate_key_marker`].
pub fn duplicated_key(key: &Value) -> Option<&Value> {
    match key {
        Value::Tagged(tagged) if tagged.tag == Tag::new(DUPLICATE_KEY_TAG) => {
            tagged.value.as_sequence().and_then(|items| items.first())
        }
        _ => None,
    }
}

/// A mapping key as text for messages.
pub fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => describe(other),
    }
}

/// Removes keys the struct does not declare, recording each as an issue,
/// so that neither a typo nor a repeated key goes unreported.
fn keep_known_keys(mapping: Mapping, known: &[&'static str], issues: &mut Vec<Issue>) -> Mapping {
    let mut kept = Mapping::with_capacity(mapping.len());
    for (key, value) in mapping {
        if let Some(repeated) = duplicated_key(&key) {
            let name = key_text(repeated);
            issues.push(Issue {
                key: Some(name.clone()),
                message: format!("duplicate key {name:?}; a mapping must not repeat a key"),
                help: None,
            });
            continue;
        }
        match key.as_str() {
            Some(name) if known.contains(&name) => {
                kept.insert(key, value);
            }
            Some(name) => issues.push(Issue {
                key: Some(name.to_owned()),
                message: format!(
                    "unknown key {name:?}; expected one of: {}{}",
                    known.join(", "),
                    suggestion(name, known.iter().copied())
                ),
                help: None,
            }),
            None => issues.push(Issue {
                key: None,
                message: format!(
                    "keys must be strings, found {}; expected one of: {}",
                    describe(&key),
                    known.join(", ")
                ),
                help: None,
            }),
        }
    }
    kept
}

/// The keys a derived struct accepts, read from what its `Deserialize`
/// impl passes to `deserialize_struct`, so the list of keys checked for
/// typos cannot drift from the struct definition. `None` if `T` is not a
/// struct.
fn struct_keys<T: DeserializeOwned>() -> Option<&'static [&'static str]> {
    let mut keys = None;
    // The probe always errors: it only wants to see the field list.
    let _ = T::deserialize(FieldListProbe(&mut keys));
    keys
}

struct FieldListProbe<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for FieldListProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("field list probed"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
