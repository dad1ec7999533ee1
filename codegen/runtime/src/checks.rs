//! The checks behind the documented rules of a payload, each written once
//! (the HTTP rules of an endpoint are in [`crate::endpoint_rules`]).
//!
//! Generated code, the derive expansions and the IR-driven validator all
//! call these, so a rule cannot drift between them.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// `M` strings must not be empty or whitespace only.
pub fn is_blank(value: &str) -> bool {
    // A visible ASCII character first (the usual case) is not whitespace:
    // decided without walking the text's chars.
    if value.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    value.trim().is_empty()
}

/// A real calendar date written exactly `YYYY-MM-DD` (so `2023-02-29`,
/// `2024-8-1` and `01/08/2024` are all rejected).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let year = digits(0..4)?;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

pub fn is_date(value: &str) -> bool {
    parse_date(value).is_some()
}

/// `#` followed by exactly six hexadecimal digits, either case.
pub fn is_color(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 7 && bytes[0] == b'#' && bytes[1..].iter().all(u8::is_ascii_hexdigit)
}

/// How a JSON number that arrived as `f64` fits an `Int` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntFit {
    /// Written with a fraction or exponent and within range: a type error.
    NotInteger,
    /// An integer too large for i64 (serde_json hands those over as f64).
    OutOfRange,
}

pub fn int_from_f64(value: f64) -> IntFit {
    // 2^63 is exactly representable; anything integral beyond it overflows i64.
    if value.fract() == 0.0 && value.abs() >= 9_223_372_036_854_775_808.0 {
        IntFit::OutOfRange
    } else {
        IntFit::NotInteger
    }
}

/// The exact decimal a JSON number denotes. serde_json parses to the nearest
/// `f64`; the decimal with the fewest fractional digits that parses back to
/// that same `f64` is the one that was written (for up to 15 significant
/// digits), which is what money needs: `1257.99` stays `1257.99`.
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // Fast path, exact by construction: m / 10^k is correctly rounded when m
    // and 10^k are exact in f64, so the first k whose quotient gives back
    // `value` yields the shortest fixed-point rendering. Up to 15 significant
    // digits no two such decimals share an f64, so it is also the one that
    // was written; beyond that the shortest round-trip text decides.
    const EXACT: f64 = 1e15;
    let mut scale = 1.0_f64;
    for k in 0..=17u32 {
        let m = (value * scale).round();
        if m.abs() >= EXACT {
            break;
        }
        if m / scale == value {
            return Some(Decimal::new(m as i64, k));
        }
        scale *= 10.0;
    }
    // Large magnitudes and long fractions: the shortest round-trip text.
    Decimal::from_str(&value.to_string()).ok()
}

/// Length of a string as people count it (chars, not bytes).
pub fn char_len(value: &str) -> usize {
    value.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_and_exactly_formatted() {
        assert!(is_date("2024-08-01"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("2024-8-1"));
        assert!(!is_date("01/08/2024"));
        assert!(!is_date("2024-08-01T00:00:00"));
        assert!(!is_date("２０２４-08-01"));
        assert!(!is_date(""));
    }

    #[test]
    fn colors_need_hash_and_six_hex_digits() {
        assert!(is_color("#FF0000"));
        assert!(is_color("#a1b2c3"));
        assert!(!is_color("FF0000"));
        assert!(!is_color("#FFF"));
        assert!(!is_color("#GG0000"));
        assert!(!is_color("#FF00001"));
        assert!(!is_color("red"));
    }

    #[test]
    fn blank_means_empty_or_whitespace() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\n"));
        assert!(!is_blank(" x "));
    }

    #[test]
    fn decimals_keep_the_written_digits() {
        assert_eq!(decimal_from_f64(1257.99).unwrap().to_string(), "1257.99");
        assert_eq!(decimal_from_f64(0.1).unwrap().to_string(), "0.1");
        assert_eq!(decimal_from_f64(12029.8).unwrap().to_string(), "12029.8");
        assert!(decimal_from_f64(1e300).is_none());
        assert!(decimal_from_f64(f64::NAN).is_none());
    }

    #[test]
    fn the_fast_decimal_path_agrees_with_the_shortest_rendering() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let bits = next();
            let candidates = [
                (bits % 100_000_000) as f64 / 100.0,
                -((bits % 1_000_000_000) as f64) / 1000.0,
                f64::from_bits(bits),
                (bits % 1_000_000) as f64 * 1e-9,
            ];
            for value in candidates.into_iter().filter(|v| v.is_finite()) {
                let slow = Decimal::from_str(&value.to_string()).ok();
                assert_eq!(decimal_from_f64(value), slow, "{value:?}");
            }
        }
    }

    #[test]
    fn integral_floats_beyond_i64_are_range_errors() {
        assert_eq!(int_from_f64(1e20), IntFit::OutOfRange);
        assert_eq!(int_from_f64(1.5), IntFit::NotInteger);
        assert_eq!(int_from_f64(1.0), IntFit::NotInteger);
    }
}
