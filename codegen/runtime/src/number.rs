//! Exact conversion of a JSON number's own text into the docs' numeric types.
//!
//! serde_json hands numbers over as `f64` unless asked for their text, and
//! an `f64` cannot hold `12345678901234567.89`: money and integers are read
//! from the digits as written instead, so nothing is ever rounded. A value a
//! [`Decimal`] cannot hold exactly (more than 96 bits of mantissa, more than
//! 28 decimal places once trailing zeros are dropped) is refused, never
//! approximated.

use rust_decimal::Decimal;

/// The most decimal places a [`Decimal`] carries.
const MAX_SCALE: u32 = 28;
/// One past the largest mantissa a [`Decimal`] carries (96 bits).
const MANTISSA_LIMIT: u128 = 1 << 96;
/// Exponents are clamped here while parsing: far beyond anything a
/// `Decimal` or an `i64` can use, and far from overflowing arithmetic.
const EXPONENT_CLAMP: i64 = 1 << 40;

/// A JSON number split into its parts, borrowing the digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts<'a> {
    negative: bool,
    /// Digits before the point (at least one).
    integer: &'a [u8],
    /// Digits after the point (possibly none).
    fraction: &'a [u8],
    /// The exponent as written, clamped to ±[`EXPONENT_CLAMP`].
    exponent: i64,
    /// Whether a point or an exponent was written: `1.0` and `1e2` are not
    /// integers in the docs' sense, `10` is.
    integral_syntax: bool,
}

/// Splits `text` per the JSON number grammar; `None` when it is not one.
fn split(text: &str) -> Option<Parts<'_>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        at += 1;
    }
    let digits = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let integer_end = digits(at);
    let integer = &bytes[at..integer_end];
    // JSON allows one leading zero only, as the whole integer part.
    if integer.is_empty() || (integer.len() > 1 && integer[0] == b'0') {
        return None;
    }
    at = integer_end;
    let mut fraction: &[u8] = &[];
    if bytes.get(at) == Some(&b'.') {
        let end = digits(at + 1);
        fraction = &bytes[at + 1..end];
        if fraction.is_empty() {
            return None;
        }
        at = end;
    }
    let mut exponent = 0i64;
    let mut has_exponent = false;
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        has_exponent = true;
        at += 1;
        let exponent_negative = match bytes.get(at) {
            Some(b'-') => {
                at += 1;
                true
            }
            Some(b'+') => {
                at += 1;
                false
            }
            _ => false,
        };
        let end = digits(at);
        if end == at {
            return None;
        }
        for &digit in &bytes[at..end] {
            exponent = (exponent * 10 + i64::from(digit - b'0')).min(EXPONENT_CLAMP);
        }
        if exponent_negative {
            exponent = -exponent;
        }
        at = end;
    }
    (at == bytes.len()).then_some(Parts {
        negative,
        integer,
        fraction,
        exponent,
        integral_syntax: fraction.is_empty() && !has_exponent,
    })
}

/// Why a number's text does not give a value of the wanted type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a JSON number at all.
    Syntax,
    /// Written with a fraction or an exponent where an integer is wanted.
    NotInteger,
    /// The value cannot be held exactly.
    Range,
}

/// The exact [`Decimal`] a JSON number denotes.
///
/// The scale the text gives is kept where it fits (`1.50` has scale 2, like
/// `Decimal::from_str_exact`); exponents are applied exactly (`0.00001e33`,
/// `125e-2`), and trailing zeros are dropped only where keeping them would
/// not fit. `-0` is zero.
pub fn decimal_from_text(text: &str) -> Result<Decimal, NumberError> {
    let parts = split(text).ok_or(NumberError::Syntax)?;
    // The common case, money as `1257.99`: at most 28 digits, no exponent.
    if parts.exponent == 0 && parts.integer.len() + parts.fraction.len() <= 28 {
        let mantissa = accumulate(0, parts.integer);
        let mantissa = accumulate(mantissa, parts.fraction);
        return Ok(build(mantissa, parts.fraction.len() as u32, parts.negative));
    }
    slow_decimal(parts)
}

/// Appends decimal digits to `value`; the caller bounds the digit count.
fn accumulate(value: u128, digits: &[u8]) -> u128 {
    digits
        .iter()
        .fold(value, |acc, &d| acc * 10 + u128::from(d - b'0'))
}

fn build(mantissa: u128, scale: u32, negative: bool) -> Decimal {
    debug_assert!(mantissa < MANTISSA_LIMIT && scale <= MAX_SCALE);
    Decimal::from_parts(
        mantissa as u32,
        (mantissa >> 32) as u32,
        (mantissa >> 64) as u32,
        negative,
        scale,
    )
}

/// Long digit strings and exponents: value = digits × 10^(exponent − fraction
/// length), reduced to its significant digits before anything is multiplied.
fn slow_decimal(parts: Parts<'_>) -> Result<Decimal, NumberError> {
    let written_scale = parts.fraction.len() as i64 - parts.exponent;
    let all = || parts.integer.iter().chain(parts.fraction).copied();
    let total = parts.integer.len() + parts.fraction.len();
    let leading = all().take_while(|&d| d == b'0').count();
    if leading == total {
        // Zero: keep the written scale where a Decimal can.
        let scale = written_scale.clamp(0, i64::from(MAX_SCALE)) as u32;
        return Ok(build(0, scale, parts.negative));
    }
    let trailing = {
        let mut count = 0;
        for &d in parts
            .fraction
            .iter()
            .rev()
            .chain(parts.integer.iter().rev())
        {
            if d != b'0' {
                break;
            }
            count += 1;
        }
        count
    };
    let significant = total - leading - trailing;
    // 29 significant digits are at least 10^28; more can never fit 96 bits.
    if significant > 29 {
        return Err(NumberError::Range);
    }
    let core = all()
        .skip(leading)
        .take(significant)
        .fold(0u128, |acc, d| acc * 10 + u128::from(d - b'0'));
    // value = core × 10^shift
    let shift = trailing as i64 - written_scale;
    // The least scale that holds the value exactly, and the preferred one.
    let least = (-shift).max(0);
    if least > i64::from(MAX_SCALE) {
        return Err(NumberError::Range);
    }
    let mut scale = written_scale.clamp(least, i64::from(MAX_SCALE));
    loop {
        // mantissa = core × 10^(shift + scale), with shift + scale ≥ 0.
        let power = shift + scale;
        if let Some(mantissa) = pow10(power).and_then(|p| core.checked_mul(p)) {
            if mantissa < MANTISSA_LIMIT {
                return Ok(build(mantissa, scale as u32, parts.negative));
            }
        }
        if scale == least {
            return Err(NumberError::Range);
        }
        scale -= 1;
    }
}

fn pow10(power: i64) -> Option<u128> {
    u32::try_from(power)
        .ok()
        .and_then(|p| 10u128.checked_pow(p))
}

/// The `i64` a JSON number denotes, when written as an integer (`-0`
/// included). A fraction or exponent (`1.0`, `-11200.0`, `1e2`) is
/// [`NumberError::NotInteger`], except that an integral value beyond `i64`
/// written that way (`1e30`) is [`NumberError::Range`], as for `1e19`
/// written out in full.
pub fn int_from_text(text: &str) -> Result<i64, NumberError> {
    let parts = split(text).ok_or(NumberError::Syntax)?;
    if !parts.integral_syntax {
        return Err(written_integer_beyond_i64(parts));
    }
    // At most 19 digits can fit; parse in i128 to keep `i64::MIN`.
    if parts.integer.len() > 19 {
        return Err(NumberError::Range);
    }
    let magnitude = accumulate(0, parts.integer) as i128;
    let value = if parts.negative {
        -magnitude
    } else {
        magnitude
    };
    i64::try_from(value).map_err(|_| NumberError::Range)
}

/// A number written with a fraction or exponent where an integer is
/// wanted: [`NumberError::Range`] when its exact value is an integer beyond
/// `i64` (`1e30`), else [`NumberError::NotInteger`] (`1.0`, `1e2`,
/// `9223372036854775807.0`, `0.5`).
fn written_integer_beyond_i64(parts: Parts<'_>) -> NumberError {
    let all = || parts.integer.iter().chain(parts.fraction).copied();
    let total = parts.integer.len() + parts.fraction.len();
    let leading = all().take_while(|&d| d == b'0').count();
    if leading == total {
        return NumberError::NotInteger;
    }
    let trailing = parts
        .fraction
        .iter()
        .rev()
        .chain(parts.integer.iter().rev())
        .take_while(|&&d| d == b'0')
        .count();
    let significant = total - leading - trailing;
    // value = core × 10^shift
    let shift = trailing as i64 - (parts.fraction.len() as i64 - parts.exponent);
    if shift < 0 {
        return NumberError::NotInteger;
    }
    if significant as i64 + shift > 19 {
        return NumberError::Range;
    }
    let core = all()
        .skip(leading)
        .take(significant)
        .fold(0u128, |acc, d| acc * 10 + u128::from(d - b'0'));
    let magnitude = pow10(shift).and_then(|p| core.checked_mul(p));
    let limit = if parts.negative {
        1u128 << 63
    } else {
        (1u128 << 63) - 1
    };
    match magnitude {
        Some(m) if m <= limit => NumberError::NotInteger,
        _ => NumberError::Range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn keeps_every_digit() {
        assert_eq!(
            decimal_from_text("12345678901234567.89")
                .unwrap()
                .to_string(),
            "12345678901234567.89"
        );
        assert_eq!(
            decimal_from_text("99999999999999999999999999")
                .unwrap()
                .to_string(),
            "99999999999999999999999999"
        );
        assert_eq!(
            decimal_from_text("79228162514264337593543950335").unwrap(),
            Decimal::MAX
        );
        assert_eq!(
            decimal_from_text("-79228162514264337593543950335").unwrap(),
            Decimal::MIN
        );
        assert_eq!(decimal_from_text("1257.99").unwrap().to_string(), "1257.99");
        assert_eq!(decimal_from_text("1.50").unwrap().scale(), 2);
    }

    #[test]
    fn applies_exponents_exactly() {
        assert_eq!(decimal_from_text("0.00001e33").unwrap(), dec("1e28"));
        assert_eq!(decimal_from_text("125e-2").unwrap(), dec("1.25"));
        assert_eq!(decimal_from_text("1E+2").unwrap(), dec("100"));
        assert_eq!(
            decimal_from_text("1e-28").unwrap(),
            dec("0.0000000000000000000000000001")
        );
        // Trailing zeros beyond 28 places are dropped, not the value.
        assert_eq!(
            decimal_from_text("1.00000000000000000000000000000000").unwrap(),
            dec("1")
        );
        assert_eq!(decimal_from_text("-0").unwrap(), Decimal::ZERO);
        assert_eq!(
            decimal_from_text("0e999999999999999999999").unwrap(),
            Decimal::ZERO
        );
    }

    #[test]
    fn refuses_what_does_not_fit() {
        for text in [
            "1e-29",
            "79228162514264337593543950336",
            "1e29",
            "1e400",
            "0.12345678901234567890123456789",
            "1e99999999999999999999999999",
        ] {
            assert_eq!(decimal_from_text(text), Err(NumberError::Range), "{text}");
        }
        for text in ["", "-", "01", "1.", ".5", "1e", "+1", "1.5x", "NaN"] {
            assert_eq!(decimal_from_text(text), Err(NumberError::Syntax), "{text}");
        }
    }

    #[test]
    fn integers_from_their_text() {
        assert_eq!(int_from_text("-0"), Ok(0));
        assert_eq!(int_from_text("12"), Ok(12));
        assert_eq!(int_from_text("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(int_from_text("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(
            int_from_text("9223372036854775808"),
            Err(NumberError::Range)
        );
        assert_eq!(
            int_from_text("99999999999999999999999"),
            Err(NumberError::Range)
        );
        assert_eq!(int_from_text("-0.0"), Err(NumberError::NotInteger));
        assert_eq!(int_from_text("-11200.0"), Err(NumberError::NotInteger));
        assert_eq!(int_from_text("1e2"), Err(NumberError::NotInteger));
        assert_eq!(int_from_text("1e30"), Err(NumberError::Range));
        assert_eq!(int_from_text("1e400"), Err(NumberError::Range));
        // In range, written as a decimal: a type error, like `1.0`.
        for text in [
            "9223372036854775807.0",
            "-9223372036854775808.0",
            "9223372036854775806.5",
            "92233720368547758070e-1",
            "9223372036854775807E-0",
            "-9223372036854775808e+00",
            "0.0",
            "0e5",
        ] {
            assert_eq!(int_from_text(text), Err(NumberError::NotInteger), "{text}");
        }
        for text in [
            "9223372036854775808.0",
            "-9223372036854775809e0",
            "1e19",
            "-1e19",
        ] {
            assert_eq!(int_from_text(text), Err(NumberError::Range), "{text}");
        }
    }
}
