//! YAML text → `serde_yaml::Value`, keeping going past repeated keys.

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde_yaml::value::Tag;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::fmt;

use crate::spec::lenient::duplicate_key_marker;

/// A YAML syntax error: the one problem that stops a file's load, since
/// nothing after it can be read reliably.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based position, when the parser gives one.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

/// Parses one YAML document. Repeated mapping keys are not an error here:
/// they are kept under a marker (see
/// [`duplicate_key_marker`]) so the spec reader can report them with their
/// spec path alongside every other problem.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    TolerantValue::deserialize(deserializer)
        .map(|TolerantValue(value)| value)
        .map_err(|error| {
            let position = error.location().map(|at| (at.line(), at.column()));
            let mut message = error.to_string();
            if let Some((line, column)) = position {
                // The position is reported separately; keep the message short.
                message = message.replace(&format!(" at line {line} column {column}"), "");
            }
            SyntaxError { position, message }
        })
}

/// Like `Value`'s own `Deserialize`, but a mapping does not reject a
/// repeated key.
struct TolerantValue(Value);

impl<'de> Deserialize<'de> for TolerantValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TolerantVisitor)
            .map(TolerantValue)
    }
}

struct TolerantVisitor;

impl<'de> Visitor<'de> for TolerantVisitor {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(f.into()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        TolerantValue::deserialize(deserializer).map(|TolerantValue(value)| value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(TolerantValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        let mut repeats: HashMap<Value, usize> = HashMap::new();
        while let Some((TolerantValue(key), TolerantValue(value))) = map.next_entry()? {
            if mapping.contains_key(&key) {
                let count = repeats.entry(key.clone()).or_insert(0);
                *count += 1;
                mapping.insert(duplicate_key_marker(key, *count), value);
            } else {
                mapping.insert(key, value);
            }
        }
        Ok(Value::Mapping(mapping))
    }

    /// A tagged node (`!texto Consulta`). Tags mean nothing in a spec and
    /// serde would silently drop them, so they are refused.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, _): (String, _) = data.variant()?;
        Err(de::Error::custom(format!(
            "YAML tags are not supported (found {})",
            Tag::new(tag)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::lenient::duplicated_key;

    #[test]
    fn keeps_repeated_keys_under_a_marker() {
        let value = parse("a: 1\nb: 2\na: 3\na: 4\n").expect("parses");
        let mapping = value.as_mapping().expect("a mapping");
        assert_eq!(mapping.len(), 4);
        let repeated: Vec<_> = mapping.keys().filter_map(duplicated_key).collect();
        assert_eq!(repeated, [&Value::from("a"), &Value::from("a")]);
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let error = parse("a: [1,\n").expect_err("unterminated list");
        assert_eq!(error.position, Some((2, 1)));
        assert!(!error.message.contains("line 2"), "{}", error.message);
    }

    #[test]
    fn refuses_tags() {
        let error = parse("a: b\nc: !x 1\n").expect_err("tags are refused");
        assert_eq!(error.message, "c: YAML tags are not supported (found !x)");
        assert_eq!(error.position, Some((2, 4)));
    }
}
