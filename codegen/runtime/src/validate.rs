//! Checking values built in code (a server's response, a client's request).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::checks;
use crate::context::Context;
use crate::report::Report;

use crate::violation::{Detail, Format};

/// A value that can be checked against the documented rules.
///
/// Types cannot express everything the docs demand (a mandatory string may
/// still be blank, a colour may lack its `#`), so a value built in code is
/// validated before it goes over the wire.
pub trait Validate {
    /// Records every violation of `self` in `cx`, at its current path.
    fn validate_in(&self, cx: &mut Context<'_>);

    /// Every violation, or `Ok(())`.
    fn validate(&self) -> Result<(), Report> {
        let mut cx = Context::new();
        self.validate_in(&mut cx);
        cx.into_result()
    }

    /// Whether the value is blank in the docs' sense; only strings can be.
    fn is_blank(&self) -> bool {
        false
    }
}

impl Validate for String {
    fn validate_in(&self, _: &mut Context<'_>) {}

    fn is_blank(&self) -> bool {
        checks::is_blank(self)
    }
}

/// serde_json writes NaN and infinities as `null`, which would silently turn
/// a value into an absence: reject them.
impl Validate for f64 {
    fn validate_in(&self, cx: &mut Context<'_>) {
        if !self.is_finite() {
            cx.report(Detail::NotFinite);
        }
    }
}

macro_rules! always_valid {
    ($($ty:ty),*) => {$(
        impl Validate for $ty {
            fn validate_in(&self, _: &mut Context<'_>) {}
        }
    )*};
}

// Every `Decimal` goes over the wire exactly (`crate::json_decimal` writes
// its digits as the JSON number), so none needs refusing.
always_valid!(i64, bool, Decimal, Value, Map<String, Value>);

/// A date outside years 0000–9999 serializes as `+10000-01-01`, which is not
/// `YYYY-MM-DD`: the receiver would reject it.
impl Validate for NaiveDate {
    fn validate_in(&self, cx: &mut Context<'_>) {
        let text = self.format("%Y-%m-%d").to_string();
        if !checks::is_date(&text) {
            cx.report(Detail::Format {
                format: Format::Date,
                value: text,
            });
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_in(&self, cx: &mut Context<'_>) {
        if let Some(value) = self {
            value.validate_in(cx);
        }
    }

    fn is_blank(&self) -> bool {
        self.as_ref().is_some_and(T::is_blank)
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_in(&self, cx: &mut Context<'_>) {
        (**self).validate_in(cx);
    }

    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_in(&self, cx: &mut Context<'_>) {
        for (index, item) in self.iter().enumerate() {
            cx.push_index(index);
            item.validate_in(cx);
            cx.pop();
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_in(&self, cx: &mut Context<'_>) {
        for (key, value) in self {
            cx.push_key(key.clone());
            value.validate_in(cx);
            cx.pop();
        }
    }
}

impl<T: Validate, S> Validate for HashMap<String, T, S> {
    fn validate_in(&self, cx: &mut Context<'_>) {
        // Sorted so that reports are deterministic.
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (key, value) in entries {
            cx.push_key(key.clone());
            value.validate_in(cx);
            cx.pop();
        }
    }
}

/// Equality with a literal as written on the wire, for `C(equals(...))`
/// conditions: strings and unit enums compare by their wire text.
pub trait WireEq<Rhs: ?Sized> {
    fn wire_eq(&self, other: &Rhs) -> bool;
}

impl WireEq<str> for String {
    fn wire_eq(&self, other: &str) -> bool {
        self == other
    }
}

impl WireEq<i64> for i64 {
    fn wire_eq(&self, other: &i64) -> bool {
        self == other
    }
}

impl WireEq<bool> for bool {
    fn wire_eq(&self, other: &bool) -> bool {
        self == other
    }
}
