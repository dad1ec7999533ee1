//! A [`Decimal`] as a JSON number, digit for digit, both ways:
//! `#[serde(with = "codegen_runtime::json_decimal")]` (and
//! `json_decimal::option` for an `Option<Decimal>`, `json_decimal::vec` and
//! `json_decimal::option_vec` for arrays), which the generated types use for
//! every `format: decimal` attribute.
//!
//! `rust_decimal`'s own `serde::float` goes through `f64` and turns
//! `12345678901234567.89` into `12345678901234568`; `serde::str` writes a
//! string where the docs want a number. Here the decimal's text is written
//! as the number itself (serde_json's raw-value protocol), and read back
//! from the number's own text.
//!
//! Exact through `serde_json::to_string`/`to_vec`/`to_writer` and
//! `from_str`/`from_slice`. Through `serde_json::to_value`/`from_value` the
//! number passes through `serde_json::Value`, which holds an `f64` (unless
//! some crate in the build turns on serde_json's `arbitrary_precision`):
//! values with more than 15 significant digits may then come back rounded.
//! Other serializers see a one-field struct named after serde_json's
//! protocol; use `rust_decimal::serde::str` there.
//!
//! ```
//! use codegen_runtime::rust_decimal::Decimal;
//!
//! #[derive(serde::Serialize)]
//! struct Valor {
//!     #[serde(with = "codegen_runtime::json_decimal")]
//!     valor: Decimal,
//! }
//!
//! let valor = Valor { valor: "12345678901234567.89".parse().unwrap() };
//! assert_eq!(serde_json::to_string(&valor).unwrap(), r#"{"valor":12345678901234567.89}"#);
//! ```

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::ser::SerializeStruct as _;
use serde::{Deserializer, Serialize, Serializer};

use crate::context::Context;
use crate::decode::{Decode, Decoded};
use crate::violation::{Expected, Found};

/// The newtype/struct name serde_json treats as raw JSON text.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Writes `value` as a JSON number with exactly its digits.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    let mut text = Text::default();
    // A Decimal prints in at most 31 characters; `Text` holds 48.
    write!(text, "{value}").map_err(|_| serde::ser::Error::custom("decimal too long"))?;
    RawNumber(text.as_str()).serialize(serializer)
}

/// Reads a JSON number exactly into a [`Decimal`]; anything else (a string,
/// `null`, a number a `Decimal` cannot hold exactly) is an error.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let mut cx = Context::new();
    match Decimal::decode(deserializer, &mut cx)? {
        Decoded::Value(value) if !cx.has_violations() => Ok(value),
        decoded => {
            if decoded == Decoded::Null {
                cx.type_mismatch(Expected::Number, Found::Null);
            }
            Err(D::Error::custom(cx.into_report().to_string().trim_end()))
        }
    }
}

/// The same for `Option<Decimal>`: `null` (or an absent field, with
/// `#[serde(default)]`) is `None`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let mut cx = Context::new();
        match Decimal::decode(deserializer, &mut cx)? {
            Decoded::Value(value) if !cx.has_violations() => Ok(Some(value)),
            Decoded::Null => Ok(None),
            _ => Err(D::Error::custom(cx.into_report().to_string().trim_end())),
        }
    }
}

/// The same for `Vec<Decimal>` (an array of exact amounts): each element
/// written and read as [`json_decimal::serialize`](crate::json_decimal::serialize)
/// and [`json_decimal::deserialize`](crate::json_decimal::deserialize) do.
pub mod vec {
    use super::*;

    pub fn serialize<S: Serializer>(values: &[Decimal], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(values.iter().map(Exact))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Decimal>, D::Error> {
        let mut cx = Context::new();
        match Vec::<Decimal>::decode(deserializer, &mut cx)? {
            Decoded::Value(values) if !cx.has_violations() => Ok(values),
            decoded => {
                if matches!(decoded, Decoded::Null) {
                    cx.type_mismatch(Expected::Array, Found::Null);
                }
                Err(D::Error::custom(cx.into_report().to_string().trim_end()))
            }
        }
    }
}

/// The same for `Option<Vec<Decimal>>`: `null` (or an absent field, with
/// `#[serde(default)]`) is `None`.
pub mod option_vec {
    use super::*;

    pub fn serialize<S: Serializer>(
        values: &Option<Vec<Decimal>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match values {
            Some(values) => super::vec::serialize(values, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Decimal>>, D::Error> {
        let mut cx = Context::new();
        match Vec::<Decimal>::decode(deserializer, &mut cx)? {
            Decoded::Value(values) if !cx.has_violations() => Ok(Some(values)),
            Decoded::Null => Ok(None),
            _ => Err(D::Error::custom(cx.into_report().to_string().trim_end())),
        }
    }
}

/// One element of a collection, written by [`serialize()`].
struct Exact<'a>(&'a Decimal);

impl Serialize for Exact<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

/// Number text serde_json writes verbatim.
struct RawNumber<'a>(&'a str);

impl Serialize for RawNumber<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut raw = serializer.serialize_struct(RAW_TOKEN, 1)?;
        raw.serialize_field(RAW_TOKEN, self.0)?;
        raw.end()
    }
}

/// A small stack buffer, so serializing money allocates nothing.
struct Text {
    bytes: [u8; 48],
    len: usize,
}

impl Default for Text {
    fn default() -> Self {
        Text {
            bytes: [0; 48],
            len: 0,
        }
    }
}

impl Text {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever copied in.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Money {
        #[serde(with = "crate::json_decimal")]
        valor: Decimal,
        #[serde(with = "crate::json_decimal::option", default)]
        desconto: Option<Decimal>,
    }

    #[test]
    fn round_trips_every_digit() {
        for text in [
            "12345678901234567.89",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "1.50",
            "0",
        ] {
            let json = format!(r#"{{"valor":{text},"desconto":null}}"#);
            let money: Money = serde_json::from_str(&json).unwrap();
            assert_eq!(money.valor.to_string(), text);
            assert_eq!(
                serde_json::to_string(&money).unwrap(),
                format!(r#"{{"valor":{text},"desconto":null}}"#)
            );
        }
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Amounts {
        #[serde(with = "crate::json_decimal::vec")]
        valores: Vec<Decimal>,
        #[serde(with = "crate::json_decimal::option_vec", default)]
        descontos: Option<Vec<Decimal>>,
    }

    #[test]
    fn arrays_round_trip_every_digit() {
        for json in [
            r#"{"valores":[12345678901234567.89,1.50,-0.0000000000000000000000000001],"descontos":[0]}"#,
            r#"{"valores":[],"descontos":null}"#,
        ] {
            let amounts: Amounts = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&amounts).unwrap(), json);
        }
        let absent: Amounts = serde_json::from_str(r#"{"valores":[1]}"#).unwrap();
        assert_eq!(absent.descontos, None);
        for bad in [
            r#"{"valores":null}"#,
            r#"{"valores":["1.5"]}"#,
            r#"{"valores":[1e-29]}"#,
            r#"{"valores":[1],"descontos":[null]}"#,
        ] {
            assert!(serde_json::from_str::<Amounts>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_hold() {
        let error = serde_json::from_str::<Money>(r#"{"valor": 1e-29}"#).unwrap_err();
        assert!(
            error.to_string().contains("exatamente em um decimal"),
            "{error}"
        );
        assert!(serde_json::from_str::<Money>(r#"{"valor": "1.5"}"#).is_err());
        let error = serde_json::from_str::<Money>(r#"{"valor": null}"#).unwrap_err();
        assert!(error.to_string().contains("encontrado null"), "{error}");
    }
}
