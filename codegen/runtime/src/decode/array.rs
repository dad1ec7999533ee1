//! The one traversal of a JSON array, shared by `Vec<T>` and the IR-driven
//! validator: each item decoded at its index, `null` items refused where
//! the item type has no `null`, and the array invalid if any item is.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, SeqAccess, Visitor};

use super::{Decode, Decoded, Seed};
use crate::context::Context;
use crate::violation::{Expected, Found};

/// How the items of an array are read.
pub trait ItemShape<'p> {
    type Item;

    /// The kind an item must be, for the message on a `null` item.
    fn expected(&self) -> Expected;

    /// What a `null` item stands for, where it stands for one.
    fn null_item(&self) -> Option<Self::Item>;

    /// Decodes the next item (the path already points at its index);
    /// `None` at the end of the array.
    fn next<'de, A: SeqAccess<'de>>(
        &self,
        seq: &mut A,
        cx: &mut Context<'p>,
    ) -> Result<Option<Decoded<Self::Item>>, A::Error>;
}

/// The items of a `Vec<T>`.
pub struct TypeItems<T>(PhantomData<fn() -> T>);

impl<T> Default for TypeItems<T> {
    fn default() -> Self {
        TypeItems(PhantomData)
    }
}

impl<'p, T: Decode> ItemShape<'p> for TypeItems<T> {
    type Item = T;

    fn expected(&self) -> Expected {
        T::EXPECTED
    }

    fn null_item(&self) -> Option<T> {
        T::from_null()
    }

    fn next<'de, A: SeqAccess<'de>>(
        &self,
        seq: &mut A,
        cx: &mut Context<'p>,
    ) -> Result<Option<Decoded<T>>, A::Error> {
        seq.next_element_seed(Seed::<T>::new(cx))
    }
}

impl<T: Decode> Decode for Vec<T> {
    const EXPECTED: Expected = Expected::Array;

    fn decode<'de, D: Deserializer<'de>>(
        deserializer: D,
        cx: &mut Context<'_>,
    ) -> Result<Decoded<Self>, D::Error> {
        deserializer.deserialize_any(ArrayVisitor::with_shape(TypeItems::<T>::default(), cx))
    }
}

/// Reads one array whose items are read as `S` says.
pub struct ArrayVisitor<'c, 'p, S> {
    shape: S,
    cx: &'c mut Context<'p>,
}

impl<'c, 'p, S: ItemShape<'p>> ArrayVisitor<'c, 'p, S> {
    pub fn with_shape(shape: S, cx: &'c mut Context<'p>) -> Self {
        ArrayVisitor { shape, cx }
    }
}

impl<'de, 'p, S: ItemShape<'p>> Visitor<'de> for ArrayVisitor<'_, 'p, S> {
    type Value = Decoded<Vec<S::Item>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        let mut valid = true;
        let mut index = 0;
        loop {
            self.cx.push_index(index);
            let Some(item) = self.shape.next(&mut seq, self.cx)? else {
                self.cx.pop();
                break;
            };
            match item {
                Decoded::Value(value) => items.push(value),
                Decoded::Null => match self.shape.null_item() {
                    Some(value) => items.push(value),
                    None => {
                        self.cx.type_mismatch(self.shape.expected(), Found::Null);
                        valid = false;
                    }
                },
                Decoded::Invalid => valid = false,
            }
            self.cx.pop();
            index += 1;
        }
        Ok(if valid {
            Decoded::Value(items)
        } else {
            Decoded::Invalid
        })
    }

    crate::__reject_other_kinds!(array; Expected::Array);
}
