//! Per-dtype impls of the numeric tests and transforms that NumPy writes as Python over ufuncs
//! (`isclose`, `round` with decimals, `nan_to_num`, `isposinf`, `isneginf`) and of the ufuncs
//! `signbit` and `heaviside`.
//!
//! NumPy computes `isclose` and `round` as a chain of ufuncs, each rounding to the array's
//! float type; [`NpFloat`] replays that chain in one pass: `f32` and `f64` natively, the half
//! types in `f32` with a rounding to the half type after every step (NumPy's half loops).

use crate::{Complex32, Complex64, Element, Scalar, bf16, f16};
use num_complex::Complex;

use super::ops::{Isclose, NanToNum, Round};

/// A float element type with NumPy's per-operation rounding.
trait NpFloat: Element + PartialOrd {
    /// The type each operation is computed in.
    type Work: num_traits::Float;
    /// The largest finite value (`np.finfo(T).max`).
    const MAX: Self;
    /// The most negative finite value (`np.finfo(T).min`).
    const MIN: Self;
    fn widen(self) -> Self::Work;
    fn narrow(w: Self::Work) -> Self;
    /// `np.rint`: half to even.
    fn rint(self) -> Self;

    /// A Python float given as an argument, cast to this type (NumPy's weak scalar).
    #[inline(always)]
    fn weak(x: f64) -> Self {
        Self::from_scalar(Scalar::Float(x))
    }
    #[inline(always)]
    fn apply2(self, other: Self, f: impl Fn(Self::Work, Self::Work) -> Self::Work) -> Self {
        Self::narrow(f(self.widen(), other.widen()))
    }
}

macro_rules! np_float {
    ($($t:ty => $w:ty, $max:expr, $min:expr, $widen:expr, $narrow:expr;)*) => {$(
        impl NpFloat for $t {
            type Work = $w;
            const MAX: Self = $max;
            const MIN: Self = $min;
            #[inline(always)]
            fn widen(self) -> $w {
                $widen(self)
            }
            #[inline(always)]
            fn narrow(w: $w) -> Self {
                $narrow(w)
            }
            #[inline(always)]
            fn rint(self) -> Self {
                $narrow($widen(self).round_ties_even())
            }
        }
    )*};
}

np_float! {
    f32 => f32, f32::MAX, f32::MIN, |x| x, |w| w;
    f64 => f64, f64::MAX, f64::MIN, |x| x, |w| w;
    f16 => f32, f16::MAX, f16::MIN, f16::to_f32, f16::from_f32;
    bf16 => f32, bf16::MAX, bf16::MIN, bf16::to_f32, bf16::from_f32;
}

/// NumPy's `power_of_ten` (multiarray/calculation.c): exact table up to 1e8, then repeated
/// multiplication, so that large `decimals` round as NumPy's do.
fn power_of_ten(n: u32) -> f64 {
    const P10: [f64; 9] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
    match P10.get(n as usize) {
        Some(&p) => p,
        None => (9..n).fold(1e9, |acc, _| acc * 10.0),
    }
}

/// `round(x, decimals)` of one float, as NumPy's `PyArray_Round` chain.
#[inline(always)]
fn round_float<F: NpFloat>(x: F, decimals: i32) -> F {
    if decimals == 0 {
        return x.rint();
    }
    let f = F::weak(power_of_ten(decimals.unsigned_abs()));
    if decimals > 0 {
        x.apply2(f, |a, b| a * b).rint().apply2(f, |a, b| a / b)
    } else {
        x.apply2(f, |a, b| a / b).rint().apply2(f, |a, b| a * b)
    }
}

/// `isclose(x, y)` of one pair of floats.
#[inline(always)]
fn isclose_float<F: NpFloat>(op: Isclose, x: F, y: F) -> bool {
    use num_traits::Float;
    let (rtol, atol) = (F::weak(op.rtol), F::weak(op.atol));
    let diff = x.apply2(y, |a, b| (a - b).abs());
    let tol = atol.apply2(rtol.apply2(y, |r, b| r * b.abs()), |a, b| a + b);
    let (finite, nan) = (|v: F| v.widen().is_finite(), |v: F| v.widen().is_nan());
    (diff <= tol && finite(y)) || x == y || (op.equal_nan && nan(x) && nan(y))
}

/// `isclose(x, y)` of one pair of complex numbers (`|x - y|` and `|y|` are moduli, computed
/// with `hypot` as NumPy's `npy_cabs`).
#[inline(always)]
fn isclose_complex<F: num_traits::Float + Element>(
    op: Isclose,
    x: Complex<F>,
    y: Complex<F>,
) -> bool {
    let weak = |v: f64| F::from_scalar(Scalar::Float(v));
    let (rtol, atol) = (weak(op.rtol), weak(op.atol));
    let diff = (x - y).norm();
    let tol = atol + rtol * y.norm();
    let nan = |z: Complex<F>| z.re.is_nan() || z.im.is_nan();
    let finite = y.re.is_finite() && y.im.is_finite();
    (diff <= tol && finite) || x == y || (op.equal_nan && nan(x) && nan(y))
}

#[inline(always)]
fn nan_to_num_float<F: NpFloat>(op: NanToNum, x: F) -> F {
    use num_traits::Float;
    let w = x.widen();
    if w.is_nan() {
        F::weak(op.nan)
    } else if w.is_finite() {
        x
    } else if w > num_traits::Zero::zero() {
        op.posinf.map_or(F::MAX, F::weak)
    } else {
        op.neginf.map_or(F::MIN, F::weak)
    }
}

/// `impl UnaryOp<$t>` / `BinaryOp<$t>` for a parameterised op: the scalar rule is a closure of
/// the op value and the operands.
macro_rules! with_op {
    (unary $op:ident; $($t:ty => $o:ty),+; $f:expr) => {$(
        impl super::ops::UnaryOp<$t> for $op {
            type Output = $o;
            #[inline(always)]
            fn scalar(self, x: $t) -> $o {
                let f: fn($op, $t) -> $o = $f;
                f(self, x)
            }
        }
    )+};
    (binary $op:ident; $($t:ty => $o:ty),+; $f:expr) => {$(
        impl super::ops::BinaryOp<$t> for $op {
            type Output = $o;
            #[inline(always)]
            fn scalar(self, a: $t, b: $t) -> $o {
                let f: fn($op, $t, $t) -> $o = $f;
                f(self, a, b)
            }
        }
    )+};
}

macro_rules! real_floats {
    ($($t:ty),*) => {$(
        with_op!(binary Isclose; $t => bool; isclose_float);
        with_op!(unary Round; $t => $t; |op, x| round_float(x, op.decimals));
        with_op!(unary NanToNum; $t => $t; nan_to_num_float);
        unary!(Signbit; $t => bool; |x| num_traits::Float::is_sign_negative(x.widen()));
        unary!(Isposinf; $t => bool; |x| x.widen() == num_traits::Float::infinity());
        unary!(Isneginf; $t => bool; |x| x.widen() == num_traits::Float::neg_infinity());
    )*};
}

real_floats!(f16, bf16, f32, f64);

macro_rules! complex_types {
    ($($t:ty),*) => {$(
        with_op!(binary Isclose; $t => bool; isclose_complex);
        with_op!(unary Round; $t => $t; |op, z| Complex::new(
            round_float(z.re, op.decimals),
            round_float(z.im, op.decimals)
        ));
        with_op!(unary NanToNum; $t => $t; |op, z| Complex::new(
            nan_to_num_float(op, z.re),
            nan_to_num_float(op, z.im)
        ));
    )*};
}

complex_types!(Complex32, Complex64);

// Integers and bool: `isclose` casts both to float64 (NumPy's `result_type(y, 1.0)`),
// `nan_to_num` leaves them, `round` too for `decimals >= 0` and otherwise computes in float64
// and casts back with C's wrapping conversion (`np.round(np.int8(127), -1)` is -126).
macro_rules! integers {
    ($($t:ty),*) => {$(
        with_op!(binary Isclose; $t => bool; |op, a, b| isclose_float(op, a as f64, b as f64));
        unary!(NanToNum; $t => $t; |x| x);
        unary!(Signbit; $t => bool; |x| (x as i128) < 0);
        unary!(Isposinf; $t => bool; |_x| false);
        unary!(Isneginf; $t => bool; |_x| false);
        with_op!(unary Round; $t => $t; |op, x| if op.decimals >= 0 {
            x
        } else {
            round_float(x as f64, op.decimals) as i128 as $t
        });
    )*};
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

with_op!(binary Isclose; bool => bool; |op, a, b| {
    isclose_float(op, a as u8 as f64, b as u8 as f64)
});
unary!(NanToNum; bool => bool; |x| x);
unary!(Signbit; bool => bool; |_x| false);
unary!(Isposinf; bool => bool; |_x| false);
unary!(Isneginf; bool => bool; |_x| false);

// ---- heaviside --------------------------------------------------------------------------------

/// NumPy's `npy_heaviside`: a quiet NaN for NaN, `h0` at zero (either sign), else 0 or 1.
#[inline(always)]
fn heaviside<W: num_traits::Float>(x: W, h0: W) -> W {
    if x.is_nan() {
        W::nan()
    } else if x == W::zero() {
        h0
    } else if x < W::zero() {
        W::zero()
    } else {
        W::one()
    }
}

binary!(Heaviside; f32 => f32, f64 => f64; |a, b| heaviside(a, b));
binary_half_via_f32!(Heaviside);
binary_ints_via_float!(Heaviside);
