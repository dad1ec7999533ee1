//! Checking values built in code (a server's response, a client's request).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::checks;
use crate::context::Context;
use crate::report::Report;
use crate::rules::WireScalar;

use crate::violation::{Detail, Format};

/// A value that can be checked against the documented rules.
///
/// Types cannot express everything the docs demand (a mandatory string may
/// still be blank, a colour may lack its `#`), so a value built in code is
/// validated before it goes over the wire.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be checked against the documented rules: it does not implement `codegen_runtime::Validate`",
    label = "used where a page's type is validated",
    note = "a type that replaces a generated one (`Config::replace_type`) needs `#[derive(codegen_runtime::Decode, codegen_runtime::Validate, serde::Serialize)]`, as the generated types have"
)]
pub trait Validate {
    /// Whether [`Validate::validate_in`] can report anything for some value
    /// of the type. `false` for types every value of which follows the
    /// rules on its own (text, integers, booleans, decimals, free-form
    /// JSON, unit enums, and options and collections of them): a walk over
    /// a value then skips them without entering their path. Whatever an
    /// object's rule table says of such a field (mandatory, format...) is
    /// still checked by the object. The default, `true`, is always correct.
    const MAY_REPORT: bool = true;

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

    /// How the documented rules see the value: a string, integer or boolean
    /// that `C(equals(..))` conditions compare and formats check (unit enums
    /// are their wire text), or anything else.
    fn wire_scalar(&self) -> WireScalar<'_> {
        WireScalar::Other
    }

    /// What a length rule counts: a text's chars, an array's items.
    fn wire_len(&self) -> Option<usize> {
        None
    }
}

impl Validate for String {
    const MAY_REPORT: bool = false;

    fn validate_in(&self, _: &mut Context<'_>) {}

    fn is_blank(&self) -> bool {
        checks::is_blank(self)
    }

    fn wire_scalar(&self) -> WireScalar<'_> {
        WireScalar::Str(self)
    }

    fn wire_len(&self) -> Option<usize> {
        Some(self.chars().count())
    }
}

impl Validate for i64 {
    const MAY_REPORT: bool = false;

    fn validate_in(&self, _: &mut Context<'_>) {}

    fn wire_scalar(&self) -> WireScalar<'_> {
        WireScalar::Int(*self)
    }
}

impl Validate for bool {
    const MAY_REPORT: bool = false;

    fn validate_in(&self, _: &mut Context<'_>) {}

    fn wire_scalar(&self) -> WireScalar<'_> {
        WireScalar::Bool(*self)
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
            const MAY_REPORT: bool = false;

            fn validate_in(&self, _: &mut Context<'_>) {}
        }
    )*};
}

// Every `Decimal` goes over the wire exactly (`crate::json_decimal` writes
// its digits as the JSON number), so none needs refusing.
always_valid!(Decimal, Value, Map<String, Value>);

/// A date outside years 0000–9999 serializes as `+10000-01-01`, which is not
/// `YYYY-MM-DD`: the receiver would reject it.
impl Validate for NaiveDate {
    fn validate_in(&self, cx: &mut Context<'_>) {
        // A `NaiveDate` is a real calendar date; it is written `YYYY-MM-DD`
        // exactly when its year has four digits (chrono writes `+10000`,
        // `-0001` otherwise). Checked without formatting: this runs for
        // every date of every response a server sends.
        if !(0..=9999).contains(&self.year()) {
            let text = self.format("%Y-%m-%d").to_string();
            debug_assert!(!checks::is_date(&text));
            cx.report(Detail::Format {
                format: Format::Date,
                value: text,
            });
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    const MAY_REPORT: bool = T::MAY_REPORT;

    fn validate_in(&self, cx: &mut Context<'_>) {
        if let Some(value) = self {
            value.validate_in(cx);
        }
    }

    fn is_blank(&self) -> bool {
        self.as_ref().is_some_and(T::is_blank)
    }

    fn wire_scalar(&self) -> WireScalar<'_> {
        self.as_ref().map_or(WireScalar::Other, T::wire_scalar)
    }

    fn wire_len(&self) -> Option<usize> {
        self.as_ref().and_then(T::wire_len)
    }
}

impl<T: Validate> Validate for Box<T> {
    const MAY_REPORT: bool = T::MAY_REPORT;

    fn validate_in(&self, cx: &mut Context<'_>) {
        (**self).validate_in(cx);
    }

    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }

    fn wire_scalar(&self) -> WireScalar<'_> {
        (**self).wire_scalar()
    }

    fn wire_len(&self) -> Option<usize> {
        (**self).wire_len()
    }
}

impl<T: Validate> Validate for Vec<T> {
    const MAY_REPORT: bool = T::MAY_REPORT;

    fn validate_in(&self, cx: &mut Context<'_>) {
        if !T::MAY_REPORT {
            return;
        }
        for (index, item) in self.iter().enumerate() {
            cx.push_index(index);
            item.validate_in(cx);
            cx.pop();
        }
    }

    fn wire_len(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    const MAY_REPORT: bool = T::MAY_REPORT;

    fn validate_in(&self, cx: &mut Context<'_>) {
        if !T::MAY_REPORT {
            return;
        }
        for (key, value) in self {
            cx.push_key(key.clone());
            value.validate_in(cx);
            cx.pop();
        }
    }
}

impl<T: Validate, S> Validate for HashMap<String, T, S> {
    const MAY_REPORT: bool = T::MAY_REPORT;

    fn validate_in(&self, cx: &mut Context<'_>) {
        if !T::MAY_REPORT {
            return;
        }
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

/// [`Validate::MAY_REPORT`] of a value's type, for derived code that
/// names fields, not their types.
#[doc(hidden)]
#[inline(always)]
pub const fn may_report<T: Validate + ?Sized>(_: &T) -> bool {
    T::MAY_REPORT
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The year check agrees with formatting the date and checking the text.
    #[test]
    fn a_date_is_valid_exactly_when_it_is_written_yyyy_mm_dd() {
        for year in [-10_000, -1, 0, 1, 999, 2024, 9999, 10_000, 262_142] {
            let date = NaiveDate::from_ymd_opt(year, 2, 28).unwrap();
            let written = checks::is_date(&date.format("%Y-%m-%d").to_string());
            assert_eq!(date.validate().is_ok(), written, "{date}");
        }
    }
}
