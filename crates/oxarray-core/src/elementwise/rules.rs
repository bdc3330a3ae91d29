//! Scalar helpers with NumPy's exact semantics, for the integer and float cases that plain
//! Rust operators get "wrong" (panics on overflow or division by zero, C's rounding of `/` and
//! `%`): Python floor division and modulo, integer powers, shifts, complex ordering.

use num_complex::Complex;
use num_traits::Float;

/// NumPy's `npy_divmod`: the floor quotient and the Python remainder of two floats.
#[inline(always)]
pub(crate) fn float_divmod<F: Float>(a: F, b: F) -> (F, F) {
    let zero = F::zero();
    let modulo = a % b;
    if b == zero {
        return (a / b, modulo);
    }
    let mut div = (a - modulo) / b;
    let mut m = modulo;
    if m != zero {
        if (b < zero) != (m < zero) {
            m = m + b;
            div = div - F::one();
        }
    } else {
        m = zero.copysign(b);
    }
    let floordiv = if div != zero {
        let mut f = div.floor();
        if div - f > F::from(0.5).unwrap() {
            f = f + F::one();
        }
        f
    } else {
        zero.copysign(a / b)
    };
    (floordiv, m)
}

/// NumPy's `npy_floor_divide` for floats.
#[inline(always)]
pub(crate) fn float_floor_div<F: Float>(a: F, b: F) -> F {
    if b == F::zero() {
        a / b
    } else {
        float_divmod(a, b).0
    }
}

/// NumPy's `npy_remainder` for floats: the sign of the divisor, `x % 0` is NaN.
#[inline(always)]
pub(crate) fn float_rem<F: Float>(a: F, b: F) -> F {
    if b == F::zero() {
        a % b
    } else {
        float_divmod(a, b).1
    }
}

/// NumPy's complex division (Smith's algorithm, with NumPy's handling of a zero divisor).
#[inline(always)]
pub(crate) fn complex_div<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im);
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    let zero = F::zero();
    if abs_br >= abs_bi {
        if abs_br == zero && abs_bi == zero {
            // Division by zero: as NumPy, divide the parts by |b| separately.
            Complex::new(ar / abs_br, ai / abs_br)
        } else {
            let rat = bi / br;
            let scl = F::one() / (br + bi * rat);
            Complex::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = F::one() / (bi + br * rat);
        Complex::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// Integer operations with NumPy's semantics, for every integer type.
pub(crate) trait NumpyInt: Copy + PartialOrd {
    /// `a // b` rounded toward negative infinity; `x // 0 == 0`; `MIN // -1 == MIN` (wraps).
    fn floor_div(self, b: Self) -> Self;
    /// `a % b` with the sign of `b`; `x % 0 == 0`.
    fn py_rem(self, b: Self) -> Self;
    /// `a ** b` by squaring, wrapping; a negative exponent gives the truncated value
    /// (1 for base 1, +-1 for base -1, 0 otherwise).
    fn int_pow(self, b: Self) -> Self;
    /// `a << b`, 0 when `b` is negative or at least the bit width.
    fn np_shl(self, b: Self) -> Self;
    /// `a >> b` (arithmetic for signed types); all sign bits when `b` is negative or at least
    /// the bit width.
    fn np_shr(self, b: Self) -> Self;
    /// `1 / x` in integers, as NumPy computes it (through `double`, then the C cast of x86).
    fn int_reciprocal(self) -> Self;
}

macro_rules! numpy_int {
    ($($t:ty, $bits:expr, $signed:expr, $recip_zero:expr;)*) => {$(
        impl NumpyInt for $t {
            #[inline(always)]
            fn floor_div(self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let q = self.wrapping_div(b);
                #[allow(unused_comparisons)]
                if $signed && self.wrapping_rem(b) != 0 && ((self < 0) != (b < 0)) {
                    q.wrapping_sub(1)
                } else {
                    q
                }
            }

            #[inline(always)]
            fn py_rem(self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(b);
                #[allow(unused_comparisons)]
                if $signed && r != 0 && ((r < 0) != (b < 0)) {
                    r.wrapping_add(b)
                } else {
                    r
                }
            }

            #[inline(always)]
            fn int_pow(self, b: Self) -> Self {
                #[allow(unused_comparisons)]
                if b < 0 {
                    // NumPy raises for negative integer exponents; the truncated value of the
                    // real power is what remains meaningful.
                    #[allow(unused_comparisons)]
                    return if self == 1 {
                        1
                    } else if $signed && self == (0 as $t).wrapping_sub(1) {
                        if b & 1 == 0 { 1 } else { self }
                    } else {
                        0
                    };
                }
                let mut base = self;
                let mut exp = b;
                let mut out: $t = 1;
                while exp > 0 {
                    if exp & 1 == 1 {
                        out = out.wrapping_mul(base);
                    }
                    exp >>= 1;
                    if exp > 0 {
                        base = base.wrapping_mul(base);
                    }
                }
                out
            }

            #[inline(always)]
            fn np_shl(self, b: Self) -> Self {
                #[allow(unused_comparisons)]
                if b < 0 || b as u64 >= $bits {
                    0
                } else {
                    self.wrapping_shl(b as u32)
                }
            }

            #[inline(always)]
            fn np_shr(self, b: Self) -> Self {
                #[allow(unused_comparisons)]
                if b < 0 || b as u64 >= $bits {
                    if self < 0 { (0 as $t).wrapping_sub(1) } else { 0 }
                } else {
                    self.wrapping_shr(b as u32)
                }
            }

            #[inline(always)]
            fn int_reciprocal(self) -> Self {
                if self == 0 {
                    $recip_zero
                } else {
                    (1.0f64 / self as f64) as $t
                }
            }
        }
    )*};
}

// NumPy computes `1.0 / x` in double and casts with C semantics; x86 turns the infinity of
// `1 / 0` into the "integer indefinite" pattern 0x80..0 of the signed 32- or 64-bit
// conversion, which narrower types then truncate (unsigned conversions give 0).
numpy_int! {
    i8, 8, true, 0;
    i16, 16, true, 0;
    i32, 32, true, i32::MIN;
    i64, 64, true, i64::MIN;
    u8, 8, false, 0;
    u16, 16, false, 0;
    u32, 32, false, 0;
    u64, 64, false, 0;
}

/// NumPy's `maximum` on floats: NaN-propagating; of two equal values the second.
#[inline(always)]
pub(crate) fn float_maximum<F: Float>(a: F, b: F) -> F {
    if a > b || a.is_nan() { a } else { b }
}

/// NumPy's `minimum` on floats.
#[inline(always)]
pub(crate) fn float_minimum<F: Float>(a: F, b: F) -> F {
    if a < b || a.is_nan() { a } else { b }
}

/// NumPy's `fmax` on floats: NaN only when both are; of two equal values the second.
#[inline(always)]
pub(crate) fn float_fmax<F: Float>(a: F, b: F) -> F {
    if a > b || b.is_nan() { a } else { b }
}

/// NumPy's `fmin` on floats.
#[inline(always)]
pub(crate) fn float_fmin<F: Float>(a: F, b: F) -> F {
    if a < b || b.is_nan() { a } else { b }
}

/// NumPy's `sign` on floats: -1, 0 (also for -0.0) or 1; NaN stays NaN.
#[inline(always)]
pub(crate) fn float_sign<F: Float>(x: F) -> F {
    if x > F::zero() {
        F::one()
    } else if x < F::zero() {
        -F::one()
    } else if x == F::zero() {
        F::zero()
    } else {
        x
    }
}

/// Whether a complex number has a NaN part.
#[inline(always)]
pub(crate) fn complex_is_nan<F: Float>(z: Complex<F>) -> bool {
    z.re.is_nan() || z.im.is_nan()
}

/// NumPy's complex `>=` (lexicographic, false when an imaginary part is NaN): `CGE`.
#[inline(always)]
pub(crate) fn complex_ge<F: Float>(a: Complex<F>, b: Complex<F>) -> bool {
    (a.re > b.re && !a.im.is_nan() && !b.im.is_nan()) || (a.re == b.re && a.im >= b.im)
}

/// NumPy's complex `<=`: `CLE`.
#[inline(always)]
pub(crate) fn complex_le<F: Float>(a: Complex<F>, b: Complex<F>) -> bool {
    (a.re < b.re && !a.im.is_nan() && !b.im.is_nan()) || (a.re == b.re && a.im <= b.im)
}

/// NumPy's complex `>`: `CGT`.
#[inline(always)]
pub(crate) fn complex_gt<F: Float>(a: Complex<F>, b: Complex<F>) -> bool {
    (a.re > b.re && !a.im.is_nan() && !b.im.is_nan()) || (a.re == b.re && a.im > b.im)
}

/// NumPy's complex `<`: `CLT`.
#[inline(always)]
pub(crate) fn complex_lt<F: Float>(a: Complex<F>, b: Complex<F>) -> bool {
    (a.re < b.re && !a.im.is_nan() && !b.im.is_nan()) || (a.re == b.re && a.im < b.im)
}

/// NumPy 2's complex `sign`: `z / |z|`, 0 for 0.
#[inline(always)]
pub(crate) fn complex_sign<F: Float>(z: Complex<F>) -> Complex<F> {
    let zero = F::zero();
    let abs = z.re.hypot(z.im);
    if abs == zero {
        Complex::new(zero, zero)
    } else if abs.is_nan() {
        Complex::new(F::nan(), F::nan())
    } else if abs.is_infinite() {
        if z.re.is_infinite() {
            if z.im.is_infinite() {
                Complex::new(F::nan(), F::nan())
            } else {
                Complex::new(F::one().copysign(z.re), zero)
            }
        } else {
            Complex::new(zero, F::one().copysign(z.im))
        }
    } else {
        Complex::new(z.re / abs, z.im / abs)
    }
}

/// The principal square root of a complex number, by the algorithm of the C libraries (msun,
/// glibc): exact special cases, then `t = sqrt((|re| + |z|) / 2)` with scaling against
/// overflow.
#[inline(always)]
#[allow(clippy::eq_op)] // `(b - b) / (b - b)` makes the NaN of the right sign, as C99 csqrt does
pub(crate) fn complex_sqrt<F: Float>(z: Complex<F>) -> Complex<F> {
    let (a, b) = (z.re, z.im);
    let zero = F::zero();
    let two = F::one() + F::one();
    if a == zero && b == zero {
        return Complex::new(zero, b);
    }
    if b.is_infinite() {
        return Complex::new(F::infinity(), b);
    }
    if a.is_nan() {
        return Complex::new(a, (b - b) / (b - b));
    }
    if a.is_infinite() {
        return if a.is_sign_negative() {
            Complex::new((b - b).abs(), F::infinity().copysign(b))
        } else {
            Complex::new(a, (b - b).copysign(b))
        };
    }
    let half = F::from(0.5).unwrap();
    if b == zero {
        // A real argument: exact square root on one axis.
        return if a < zero {
            Complex::new(zero, (-a).sqrt().copysign(b))
        } else {
            Complex::new(a.sqrt().abs(), zero.copysign(b))
        };
    }
    if a == zero {
        let r = (half * b.abs()).sqrt();
        return Complex::new(r, r.copysign(b));
    }
    // Scale to keep `|re| + |z|` finite.
    let big = F::max_value() / (two * two);
    let scale = a.abs() >= big || b.abs() >= big;
    let (a, b) = if scale {
        (a / (two * two), b / (two * two))
    } else {
        (a, b)
    };
    let d = a.hypot(b);
    let out = if a > zero {
        let r = (half * (d + a)).sqrt();
        Complex::new(r, half * (b / r))
    } else {
        let s = (half * (d - a)).sqrt();
        Complex::new((half * (b / s)).abs(), s.copysign(b))
    };
    if scale {
        Complex::new(out.re * two, out.im * two)
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_floor_division_and_modulo() {
        assert_eq!((-7i32).floor_div(2), -4);
        assert_eq!((-7i32).py_rem(2), 1);
        assert_eq!(7i32.py_rem(-2), -1);
        assert_eq!(5i8.floor_div(0), 0);
        assert_eq!(i8::MIN.floor_div(-1), i8::MIN);
        assert_eq!(i8::MIN.py_rem(-1), 0);
        assert_eq!(7u8.floor_div(2), 3);
        assert_eq!(float_floor_div(-7.0f64, 2.0), -4.0);
        assert_eq!(float_rem(-7.0f64, 2.0), 1.0);
        assert_eq!(float_rem(-5.0f64, f64::INFINITY), f64::INFINITY);
        assert!(float_rem(1.0f64, 0.0).is_nan());
    }

    #[test]
    fn integer_power_and_shifts() {
        assert_eq!(3i8.int_pow(5), -13); // 243 wraps
        assert_eq!(2i64.int_pow(10), 1024);
        assert_eq!((-1i32).int_pow(-3), -1);
        assert_eq!(5i32.int_pow(-1), 0);
        assert_eq!(5i8.np_shl(-1), 0);
        assert_eq!((-5i8).np_shr(10), -1);
        assert_eq!(1u8.np_shl(8), 0);
    }
}
