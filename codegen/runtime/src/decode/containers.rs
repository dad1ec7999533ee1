//! `Option`, `Box` and string-keyed maps of decodable values.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{mismatch, number, Decode, Decoded, Seed};
use crate::context::Context;
use crate::violation::{Detail, Expected, Found};

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
