//! NumPy's float formatting (`np.core.arrayprint.FloatingFormat` with the default options
//! `precision=8, floatmode='maxprec', suppress=False`), and the `str` of a float scalar.
//!
//! Digits come from the shortest decimal string that reads back to the same value in the
//! element's own type (what NumPy's Dragon4 "unique" mode produces); where that needs more
//! than 8 digits after the point, the exact binary value is rounded to 8 instead.

use half::{bf16, f16};

use crate::dtype::DType;

/// NumPy's default `precision`: at most this many digits after the point.
const PRECISION: usize = 8;

/// `value` rounded to the nearest value of the real type `dtype`, as `f64`.
pub(super) fn round_to(value: f64, dtype: DType) -> f64 {
    match dtype {
        DType::F16 => f16::from_f64(value).to_f64(),
        DType::BF16 => bf16::from_f64(value).to_f64(),
        DType::F32 => value as f32 as f64,
        _ => value,
    }
}

/// `np.finfo(dtype).precision`: decimal digits the type always holds.
fn decimal_precision(dtype: DType) -> i32 {
    match dtype {
        DType::F16 => 3,
        DType::BF16 => 2,
        DType::F32 => 6,
        _ => 15,
    }
}

/// The shortest decimal digits (no leading or trailing zeros) and the decimal exponent of the
/// first digit, such that `d.ddd x 10^exp` reads back as `value` in `dtype`. `value` is finite
/// and non-negative.
fn shortest_digits(value: f64, dtype: DType) -> (String, i32) {
    if value == 0.0 {
        return ("0".into(), 0);
    }
    let text = match dtype {
        DType::F32 => format!("{:e}", value as f32),
        DType::F16 | DType::BF16 => (0..17)
            .map(|p| format!("{value:.p$e}"))
            .find(|s| s.parse::<f64>().is_ok_and(|v| round_to(v, dtype) == value))
            .unwrap_or_else(|| format!("{value:e}")),
        _ => format!("{value:e}"),
    };
    split_scientific(&text)
}

/// Splits Rust's `d.ddde±x` into significant digits (trailing zeros trimmed) and exponent.
fn split_scientific(text: &str) -> (String, i32) {
    let (mantissa, exp) = text.split_once('e').expect("scientific notation");
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, exp.parse().expect("exponent"))
}

/// Positional digits of a finite non-negative `value`: (integer part, fractional part) with
/// trailing fractional zeros trimmed, at most `precision` fractional digits when given.
fn positional_parts(value: f64, dtype: DType, precision: Option<usize>) -> (String, String) {
    let (digits, exp) = shortest_digits(value, dtype);
    let frac_len = digits.len() as i32 - 1 - exp;
    if let Some(p) = precision.filter(|&p| frac_len > p as i32) {
        let text = format!("{value:.p$}");
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        return (int.to_string(), frac.trim_end_matches('0').to_string());
    }
    if exp >= 0 {
        let e = exp as usize;
        if digits.len() > e + 1 {
            (digits[..=e].to_string(), digits[e + 1..].to_string())
        } else {
            (format!("{digits:0<width$}", width = e + 1), String::new())
        }
    } else {
        let zeros = "0".repeat((-exp - 1) as usize);
        ("0".into(), format!("{zeros}{digits}"))
    }
}

/// Scientific digits of a finite non-negative `value`: (leading digit, fractional digits,
/// exponent), at most `precision` fractional digits when given.
fn scientific_parts(value: f64, dtype: DType, precision: Option<usize>) -> (String, String, i32) {
    let (mut digits, mut exp) = shortest_digits(value, dtype);
    if let Some(p) = precision.filter(|&p| digits.len() > p + 1) {
        (digits, exp) = split_scientific(&format!("{value:.p$e}"));
    }
    let frac = digits[1..].to_string();
    digits.truncate(1);
    (digits, frac, exp)
}

fn sign_of(value: f64, force_plus: bool) -> &'static str {
    if value.is_sign_negative() {
        "-"
    } else if force_plus {
        "+"
    } else {
        ""
    }
}

/// The exponent as NumPy writes it: a sign and at least `min_digits` digits.
fn exponent(exp: i32, min_digits: usize) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{:0min_digits$}", exp.unsigned_abs())
}

/// The formatter NumPy builds for one array of floats (`FloatingFormat`): it decides once
/// between positional and scientific notation and the paddings that align every element.
#[derive(Debug)]
pub(super) struct FloatFormat {
    dtype: DType,
    force_plus: bool,
    scientific: bool,
    pad_left: usize,
    pad_right: usize,
    /// Scientific only: fractional digits of every mantissa, and exponent digits.
    precision: usize,
    exp_digits: usize,
}

impl FloatFormat {
    /// Studies `values` (of the real type `dtype`); `force_plus` writes `+` on positive
    /// numbers (the imaginary part of a complex).
    pub(super) fn new(values: &[f64], dtype: DType, force_plus: bool) -> Self {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let mut format = FloatFormat {
            dtype,
            force_plus,
            scientific: false,
            pad_left: 0,
            pad_right: 0,
            precision: 0,
            exp_digits: 0,
        };
        let nonzero = finite.iter().filter(|v| **v != 0.0).map(|v| v.abs());
        let (min, max) = nonzero.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        if max > 0.0 {
            // NumPy compares in the array's own type (NEP 50 casts the Python floats).
            let cutoff = round_to(10f64.powi(decimal_precision(dtype).min(8)), dtype);
            format.scientific =
                max >= cutoff || min < round_to(1e-4, dtype) || round_to(max / min, dtype) > 1000.0;
        }
        for &v in &finite {
            let sign = sign_of(v, force_plus);
            if format.scientific {
                let (int, frac, exp) = scientific_parts(v.abs(), dtype, Some(PRECISION));
                format.pad_left = format.pad_left.max(sign.len() + int.len());
                format.precision = format.precision.max(frac.len());
                format.exp_digits = format.exp_digits.max(exponent(exp, 2).len() - 1);
            } else {
                let (int, frac) = positional_parts(v.abs(), dtype, Some(PRECISION));
                format.pad_left = format.pad_left.max(sign.len() + int.len());
                format.pad_right = format.pad_right.max(frac.len());
            }
        }
        if format.scientific {
            format.pad_right = format.exp_digits + 2 + format.precision;
        }
        if finite.len() != values.len() {
            let neg_inf = force_plus || values.contains(&f64::NEG_INFINITY);
            let offset = format.pad_right + 1;
            let widest = 3 + usize::from(neg_inf);
            format.pad_left = format.pad_left.max(widest.saturating_sub(offset));
        }
        format
    }

    /// One element, padded to the common width.
    pub(super) fn format(&self, v: f64) -> String {
        if !v.is_finite() {
            let text = if v.is_nan() {
                format!("{}nan", if self.force_plus { "+" } else { "" })
            } else {
                format!("{}inf", sign_of(v, self.force_plus))
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{text:>width$}");
        }
        let sign = sign_of(v, self.force_plus);
        if self.scientific {
            let (mut int, mut frac, mut exp) =
                scientific_parts(v.abs(), self.dtype, Some(self.precision));
            if frac.len() < self.precision {
                // NumPy's `min_digits`: Dragon4 goes on past the shortest digits with those of
                // the exact binary value (f32 `-8.0455327e-01`, not `-8.0455330e-01`).
                let p = self.precision;
                let (digits, e) = split_scientific(&format!("{:.p$e}", v.abs()));
                (int, frac, exp) = (digits[..1].to_string(), digits[1..].to_string(), e);
            }
            let head = format!("{sign}{int}");
            format!(
                "{head:>pl$}.{frac:0<prec$}e{}",
                exponent(exp, self.exp_digits),
                pl = self.pad_left,
                prec = self.precision
            )
        } else {
            let (int, frac) = positional_parts(v.abs(), self.dtype, Some(PRECISION));
            let head = format!("{sign}{int}");
            format!(
                "{head:>pl$}.{frac:<pr$}",
                pl = self.pad_left,
                pr = self.pad_right
            )
        }
    }
}

/// `str(np.float64(v))` and friends: the shortest digits, positional between 1e-4 and a
/// type-dependent bound (1e16 for float64, 1e6 for float32, 1e3 for float16), scientific
/// outside. `keep_point` gives `1.0` (a float's `str`) rather than `1` (inside a complex).
pub(super) fn scalar_str(v: f64, dtype: DType, force_plus: bool, keep_point: bool) -> String {
    if v.is_nan() {
        return format!("{}nan", if force_plus { "+" } else { "" });
    }
    let sign = sign_of(v, force_plus);
    if v.is_infinite() {
        return format!("{sign}inf");
    }
    let max_positional = match dtype {
        DType::F16 => 1e3,
        DType::BF16 => 1e2,
        DType::F32 => 1e6,
        _ => 1e16,
    };
    let a = v.abs();
    if a == 0.0 || (1e-4..max_positional).contains(&a) {
        let (int, frac) = positional_parts(a, dtype, None);
        match (frac.is_empty(), keep_point) {
            (false, _) => format!("{sign}{int}.{frac}"),
            (true, true) => format!("{sign}{int}.0"),
            (true, false) => format!("{sign}{int}"),
        }
    } else {
        let (int, frac, exp) = scientific_parts(a, dtype, None);
        let point = if frac.is_empty() { "" } else { "." };
        format!("{sign}{int}{point}{frac}e{}", exponent(exp, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_digits_use_the_elements_own_type() {
        assert_eq!(shortest_digits(0.1, DType::F64), ("1".into(), -1));
        assert_eq!(shortest_digits(0.1f32 as f64, DType::F32), ("1".into(), -1));
        let h = f16::from_f64(0.1).to_f64();
        assert_eq!(shortest_digits(h, DType::F16), ("1".into(), -1));
        assert_eq!(shortest_digits(1234.5, DType::F64), ("12345".into(), 3));
    }

    #[test]
    fn positional_and_scientific_parts() {
        assert_eq!(
            positional_parts(2.5, DType::F64, Some(8)),
            ("2".into(), "5".into())
        );
        assert_eq!(
            positional_parts(100.0, DType::F64, Some(8)),
            ("100".into(), "".into())
        );
        assert_eq!(
            positional_parts(0.001, DType::F64, Some(8)),
            ("0".into(), "001".into())
        );
        assert_eq!(
            positional_parts(1.0 / 3.0, DType::F64, Some(8)),
            ("0".into(), "33333333".into())
        );
        assert_eq!(
            positional_parts(0.999999999, DType::F64, Some(8)),
            ("1".into(), "".into())
        );
        assert_eq!(
            scientific_parts(1.5e-5, DType::F64, Some(8)),
            ("1".into(), "5".into(), -5)
        );
    }

    #[test]
    fn scalar_strings() {
        assert_eq!(scalar_str(1.0, DType::F64, false, true), "1.0");
        assert_eq!(scalar_str(1e-5, DType::F64, false, true), "1e-05");
        assert_eq!(scalar_str(-0.0, DType::F64, false, true), "-0.0");
        assert_eq!(scalar_str(2.0, DType::F64, true, false), "+2");
        assert_eq!(scalar_str(1e6, DType::F32, false, true), "1e+06");
        assert_eq!(scalar_str(1.5e20, DType::F64, false, true), "1.5e+20");
    }
}
