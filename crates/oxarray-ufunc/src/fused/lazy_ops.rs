//! The scalar functions of fused expressions and the op types that name them.
//!
//! Each operation is a zero-sized type implementing [`UnaryOp`], [`BinaryOp`] or
//! [`CompareOp`] for the element types it supports; the element types get their arithmetic
//! from three small traits:
//!
//! * [`LazyNum`]: `+ - * / %`, negation, `abs`, `sign`, `square`, `maximum`, `minimum`, for
//!   the eight integer types, `f32` and `f64`;
//! * [`LazyFloat`]: square roots, exponentials, logarithms, trigonometry, rounding, `power`,
//!   `arctan2`, `hypot`, `copysign`, `fmax`, `fmin`, for `f32` and `f64`;
//! * [`LazyBits`]: `& | ^ !` for `bool` and the integers.
//!
//! The functions follow NumPy, not Rust, where the two differ: integer arithmetic wraps, integer
//! division by zero gives 0 (NumPy gives 0 with a warning; Rust would panic), `/` on integers is
//! NumPy's `floor_divide` and `%` is NumPy's `remainder` (the result takes the sign of the
//! divisor, also for floats), `maximum`/`minimum` propagate NaN while `fmax`/`fmin` ignore it,
//! `sign(0) == 0`, and `rint` rounds half to even. Their methods are associated functions
//! (`T::add(a, b)`, never `a.add(b)`), so importing these traits never makes a method call on a
//! plain number ambiguous.

use oxarray_core::Element;

/// Arithmetic of the numeric element types, with NumPy's semantics.
pub trait LazyNum: Element + PartialOrd {
    /// `a + b` (wrapping for integers).
    fn add(a: Self, b: Self) -> Self;
    /// `a - b` (wrapping for integers).
    fn sub(a: Self, b: Self) -> Self;
    /// `a * b` (wrapping for integers).
    fn mul(a: Self, b: Self) -> Self;
    /// `a / b`: true division for floats, NumPy's `floor_divide` for integers (0 when `b == 0`).
    fn div(a: Self, b: Self) -> Self;
    /// NumPy's `remainder`: the result has the sign of `b` (0 for integers when `b == 0`).
    fn rem(a: Self, b: Self) -> Self;
    /// `-a` (wrapping for integers, as NumPy's `negative`).
    fn neg(a: Self) -> Self;
    /// `|a|` (wrapping: `abs(i8::MIN) == i8::MIN`, as NumPy).
    fn abs(a: Self) -> Self;
    /// NumPy's `sign`: -1, 0 or 1 (NaN for NaN).
    fn sign(a: Self) -> Self;
    /// `a * a`.
    fn square(a: Self) -> Self;
    /// The larger of `a` and `b`, NaN if either is NaN (NumPy's `maximum`).
    fn maximum(a: Self, b: Self) -> Self;
    /// The smaller of `a` and `b`, NaN if either is NaN (NumPy's `minimum`).
    fn minimum(a: Self, b: Self) -> Self;
}

/// The floating-point functions (`f32`, `f64`), as NumPy's ufuncs of the same names.
pub trait LazyFloat: LazyNum {
    /// Square root.
    fn sqrt(a: Self) -> Self;
    /// Cube root.
    fn cbrt(a: Self) -> Self;
    /// `e^a`.
    fn exp(a: Self) -> Self;
    /// `2^a`.
    fn exp2(a: Self) -> Self;
    /// `e^a - 1`, accurate near 0 (NumPy's `expm1`).
    fn exp_m1(a: Self) -> Self;
    /// Natural logarithm (NumPy's `log`).
    fn ln(a: Self) -> Self;
    /// Base-2 logarithm.
    fn log2(a: Self) -> Self;
    /// Base-10 logarithm.
    fn log10(a: Self) -> Self;
    /// `ln(1 + a)`, accurate near 0 (NumPy's `log1p`).
    fn ln_1p(a: Self) -> Self;
    /// Sine.
    fn sin(a: Self) -> Self;
    /// Cosine.
    fn cos(a: Self) -> Self;
    /// Tangent.
    fn tan(a: Self) -> Self;
    /// Inverse sine (NumPy's `arcsin`).
    fn asin(a: Self) -> Self;
    /// Inverse cosine (NumPy's `arccos`).
    fn acos(a: Self) -> Self;
    /// Inverse tangent (NumPy's `arctan`).
    fn atan(a: Self) -> Self;
    /// Hyperbolic sine.
    fn sinh(a: Self) -> Self;
    /// Hyperbolic cosine.
    fn cosh(a: Self) -> Self;
    /// Hyperbolic tangent.
    fn tanh(a: Self) -> Self;
    /// Largest integer not above `a`.
    fn floor(a: Self) -> Self;
    /// Smallest integer not below `a`.
    fn ceil(a: Self) -> Self;
    /// `a` rounded toward zero.
    fn trunc(a: Self) -> Self;
    /// `a` rounded to the nearest integer, half to even (NumPy's `rint`).
    fn rint(a: Self) -> Self;
    /// `1 / a` (NumPy's `reciprocal`).
    fn recip(a: Self) -> Self;
    /// `a^b` (NumPy's `power`).
    fn powf(a: Self, b: Self) -> Self;
    /// The angle of the point `(b, a)` (NumPy's `arctan2(a, b)`).
    fn atan2(a: Self, b: Self) -> Self;
    /// `sqrt(a^2 + b^2)` without undue overflow.
    fn hypot(a: Self, b: Self) -> Self;
    /// The magnitude of `a` with the sign of `b`.
    fn copysign(a: Self, b: Self) -> Self;
    /// The larger of `a` and `b`, ignoring a NaN (NumPy's `fmax`).
    fn fmax(a: Self, b: Self) -> Self;
    /// The smaller of `a` and `b`, ignoring a NaN (NumPy's `fmin`).
    fn fmin(a: Self, b: Self) -> Self;
}

/// Bitwise (integers) and logical (`bool`) operations.
pub trait LazyBits: Element {
    /// `a & b`.
    fn and(a: Self, b: Self) -> Self;
    /// `a | b`.
    fn or(a: Self, b: Self) -> Self;
    /// `a ^ b`.
    fn xor(a: Self, b: Self) -> Self;
    /// `!a`.
    fn not(a: Self) -> Self;
}

macro_rules! int_common {
    () => {
        #[inline(always)]
        fn add(a: Self, b: Self) -> Self {
            a.wrapping_add(b)
        }
        #[inline(always)]
        fn sub(a: Self, b: Self) -> Self {
            a.wrapping_sub(b)
        }
        #[inline(always)]
        fn mul(a: Self, b: Self) -> Self {
            a.wrapping_mul(b)
        }
        #[inline(always)]
        fn neg(a: Self) -> Self {
            a.wrapping_neg()
        }
        #[inline(always)]
        fn square(a: Self) -> Self {
            a.wrapping_mul(a)
        }
        #[inline(always)]
        fn maximum(a: Self, b: Self) -> Self {
            Ord::max(a, b)
        }
        #[inline(always)]
        fn minimum(a: Self, b: Self) -> Self {
            Ord::min(a, b)
        }
    };
}

macro_rules! signed_num {
    ($($t:ty),*) => {$(
        impl LazyNum for $t {
            int_common!();
            #[inline(always)]
            fn div(a: Self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let q = a.wrapping_div(b);
                // Floor, not truncate: step down when the exact quotient is negative.
                if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) { q.wrapping_sub(1) } else { q }
            }
            #[inline(always)]
            fn rem(a: Self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let r = a.wrapping_rem(b);
                if r != 0 && ((r < 0) != (b < 0)) { r.wrapping_add(b) } else { r }
            }
            #[inline(always)]
            fn abs(a: Self) -> Self {
                a.wrapping_abs()
            }
            #[inline(always)]
            fn sign(a: Self) -> Self {
                a.signum()
            }
        }
    )*};
}

macro_rules! unsigned_num {
    ($($t:ty),*) => {$(
        impl LazyNum for $t {
            int_common!();
            #[inline(always)]
            fn div(a: Self, b: Self) -> Self {
                a.checked_div(b).unwrap_or(0)
            }
            #[inline(always)]
            fn rem(a: Self, b: Self) -> Self {
                a.checked_rem(b).unwrap_or(0)
            }
            #[inline(always)]
            fn abs(a: Self) -> Self {
                a
            }
            #[inline(always)]
            fn sign(a: Self) -> Self {
                (a > 0) as $t
            }
        }
    )*};
}

signed_num!(i8, i16, i32, i64);
unsigned_num!(u8, u16, u32, u64);

macro_rules! int_bits {
    ($($t:ty),*) => {$(
        impl LazyBits for $t {
            #[inline(always)]
            fn and(a: Self, b: Self) -> Self { a & b }
            #[inline(always)]
            fn or(a: Self, b: Self) -> Self { a | b }
            #[inline(always)]
            fn xor(a: Self, b: Self) -> Self { a ^ b }
            #[inline(always)]
            fn not(a: Self) -> Self { !a }
        }
    )*};
}

int_bits!(bool, i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_num {
    ($($t:ty),*) => {$(
        impl LazyNum for $t {
            #[inline(always)]
            fn add(a: Self, b: Self) -> Self { a + b }
            #[inline(always)]
            fn sub(a: Self, b: Self) -> Self { a - b }
            #[inline(always)]
            fn mul(a: Self, b: Self) -> Self { a * b }
            #[inline(always)]
            fn div(a: Self, b: Self) -> Self { a / b }
            #[inline(always)]
            fn rem(a: Self, b: Self) -> Self {
                // NumPy's npy_divmod: fmod, then moved into the divisor's sign.
                let m = a % b;
                if b == 0.0 {
                    m
                } else if m != 0.0 {
                    if (b < 0.0) != (m < 0.0) { m + b } else { m }
                } else {
                    (0.0 as $t).copysign(b)
                }
            }
            #[inline(always)]
            fn neg(a: Self) -> Self { -a }
            #[inline(always)]
            fn abs(a: Self) -> Self { a.abs() }
            #[inline(always)]
            fn sign(a: Self) -> Self {
                if a > 0.0 { 1.0 } else if a < 0.0 { -1.0 } else if a == 0.0 { 0.0 } else { a }
            }
            #[inline(always)]
            fn square(a: Self) -> Self { a * a }
            #[inline(always)]
            fn maximum(a: Self, b: Self) -> Self {
                if a >= b || a.is_nan() { a } else { b }
            }
            #[inline(always)]
            fn minimum(a: Self, b: Self) -> Self {
                if a <= b || a.is_nan() { a } else { b }
            }
        }

        impl LazyFloat for $t {
            #[inline(always)]
            fn sqrt(a: Self) -> Self { a.sqrt() }
            #[inline(always)]
            fn cbrt(a: Self) -> Self { a.cbrt() }
            #[inline(always)]
            fn exp(a: Self) -> Self { a.exp() }
            #[inline(always)]
            fn exp2(a: Self) -> Self { a.exp2() }
            #[inline(always)]
            fn exp_m1(a: Self) -> Self { a.exp_m1() }
            #[inline(always)]
            fn ln(a: Self) -> Self { a.ln() }
            #[inline(always)]
            fn log2(a: Self) -> Self { a.log2() }
            #[inline(always)]
            fn log10(a: Self) -> Self { a.log10() }
            #[inline(always)]
            fn ln_1p(a: Self) -> Self { a.ln_1p() }
            #[inline(always)]
            fn sin(a: Self) -> Self { a.sin() }
            #[inline(always)]
            fn cos(a: Self) -> Self { a.cos() }
            #[inline(always)]
            fn tan(a: Self) -> Self { a.tan() }
            #[inline(always)]
            fn asin(a: Self) -> Self { a.asin() }
            #[inline(always)]
            fn acos(a: Self) -> Self { a.acos() }
            #[inline(always)]
            fn atan(a: Self) -> Self { a.atan() }
            #[inline(always)]
            fn sinh(a: Self) -> Self { a.sinh() }
            #[inline(always)]
            fn cosh(a: Self) -> Self { a.cosh() }
            #[inline(always)]
            fn tanh(a: Self) -> Self { a.tanh() }
            #[inline(always)]
            fn floor(a: Self) -> Self { a.floor() }
            #[inline(always)]
            fn ceil(a: Self) -> Self { a.ceil() }
            #[inline(always)]
            fn trunc(a: Self) -> Self { a.trunc() }
            #[inline(always)]
            fn rint(a: Self) -> Self { a.round_ties_even() }
            #[inline(always)]
            fn recip(a: Self) -> Self { 1.0 / a }
            #[inline(always)]
            fn powf(a: Self, b: Self) -> Self { a.powf(b) }
            #[inline(always)]
            fn atan2(a: Self, b: Self) -> Self { a.atan2(b) }
            #[inline(always)]
            fn hypot(a: Self, b: Self) -> Self { a.hypot(b) }
            #[inline(always)]
            fn copysign(a: Self, b: Self) -> Self { a.copysign(b) }
            #[inline(always)]
            fn fmax(a: Self, b: Self) -> Self { a.max(b) }
            #[inline(always)]
            fn fmin(a: Self, b: Self) -> Self { a.min(b) }
        }
    )*};
}

float_num!(f32, f64);

/// A function of one element, evaluated by a [`Unary`](super::Unary) node.
pub trait UnaryOp<T>: Copy + Default + Send + Sync + std::fmt::Debug + 'static {
    /// The NumPy name of the operation.
    const NAME: &'static str;
    /// The function.
    fn apply(a: T) -> T;
}

/// A function of two elements of one type, evaluated by a [`Binary`](super::Binary) node.
pub trait BinaryOp<T>: Copy + Default + Send + Sync + std::fmt::Debug + 'static {
    /// The NumPy name of the operation.
    const NAME: &'static str;
    /// The function.
    fn apply(a: T, b: T) -> T;
}

/// A comparison of two elements, evaluated by a [`Compare`](super::Compare) node.
pub trait CompareOp<T>: Copy + Default + Send + Sync + std::fmt::Debug + 'static {
    /// The NumPy name of the operation.
    const NAME: &'static str;
    /// The comparison.
    fn apply(a: T, b: T) -> bool;
}

macro_rules! unary_ops {
    ($($(#[$doc:meta])* $name:ident = $np:literal: $bound:ident :: $f:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;
        impl<T: $bound> UnaryOp<T> for $name {
            const NAME: &'static str = $np;
            #[inline(always)]
            fn apply(a: T) -> T {
                T::$f(a)
            }
        }
    )*};
}

unary_ops! {
    /// `-x`.
    Neg = "negative": LazyNum::neg;
    /// `|x|`.
    Abs = "absolute": LazyNum::abs;
    /// The sign, -1, 0 or 1.
    Sign = "sign": LazyNum::sign;
    /// `x * x`.
    Square = "square": LazyNum::square;
    /// Square root.
    Sqrt = "sqrt": LazyFloat::sqrt;
    /// Cube root.
    Cbrt = "cbrt": LazyFloat::cbrt;
    /// `e^x`.
    Exp = "exp": LazyFloat::exp;
    /// `2^x`.
    Exp2 = "exp2": LazyFloat::exp2;
    /// `e^x - 1`.
    ExpM1 = "expm1": LazyFloat::exp_m1;
    /// Natural logarithm.
    Ln = "log": LazyFloat::ln;
    /// Base-2 logarithm.
    Log2 = "log2": LazyFloat::log2;
    /// Base-10 logarithm.
    Log10 = "log10": LazyFloat::log10;
    /// `ln(1 + x)`.
    Ln1p = "log1p": LazyFloat::ln_1p;
    /// Sine.
    Sin = "sin": LazyFloat::sin;
    /// Cosine.
    Cos = "cos": LazyFloat::cos;
    /// Tangent.
    Tan = "tan": LazyFloat::tan;
    /// Inverse sine.
    Asin = "arcsin": LazyFloat::asin;
    /// Inverse cosine.
    Acos = "arccos": LazyFloat::acos;
    /// Inverse tangent.
    Atan = "arctan": LazyFloat::atan;
    /// Hyperbolic sine.
    Sinh = "sinh": LazyFloat::sinh;
    /// Hyperbolic cosine.
    Cosh = "cosh": LazyFloat::cosh;
    /// Hyperbolic tangent.
    Tanh = "tanh": LazyFloat::tanh;
    /// Round down.
    Floor = "floor": LazyFloat::floor;
    /// Round up.
    Ceil = "ceil": LazyFloat::ceil;
    /// Round toward zero.
    Trunc = "trunc": LazyFloat::trunc;
    /// Round half to even.
    Rint = "rint": LazyFloat::rint;
    /// `1 / x`.
    Recip = "reciprocal": LazyFloat::recip;
    /// `!x` (logical for bool, bitwise for integers).
    Not = "invert": LazyBits::not;
}

macro_rules! binary_ops {
    ($($(#[$doc:meta])* $name:ident = $np:literal: $bound:ident :: $f:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;
        impl<T: $bound> BinaryOp<T> for $name {
            const NAME: &'static str = $np;
            #[inline(always)]
            fn apply(a: T, b: T) -> T {
                T::$f(a, b)
            }
        }
    )*};
}

binary_ops! {
    /// `a + b`.
    Add = "add": LazyNum::add;
    /// `a - b`.
    Sub = "subtract": LazyNum::sub;
    /// `a * b`.
    Mul = "multiply": LazyNum::mul;
    /// `a / b` (floor division for integers).
    Div = "divide": LazyNum::div;
    /// NumPy's `remainder`.
    Rem = "remainder": LazyNum::rem;
    /// NaN-propagating maximum.
    Maximum = "maximum": LazyNum::maximum;
    /// NaN-propagating minimum.
    Minimum = "minimum": LazyNum::minimum;
    /// NaN-ignoring maximum.
    Fmax = "fmax": LazyFloat::fmax;
    /// NaN-ignoring minimum.
    Fmin = "fmin": LazyFloat::fmin;
    /// `a^b`.
    Pow = "power": LazyFloat::powf;
    /// `atan2(a, b)`.
    Atan2 = "arctan2": LazyFloat::atan2;
    /// `hypot(a, b)`.
    Hypot = "hypot": LazyFloat::hypot;
    /// `|a|` with the sign of `b`.
    Copysign = "copysign": LazyFloat::copysign;
    /// `a & b`.
    BitAnd = "bitwise_and": LazyBits::and;
    /// `a | b`.
    BitOr = "bitwise_or": LazyBits::or;
    /// `a ^ b`.
    BitXor = "bitwise_xor": LazyBits::xor;
}

macro_rules! compare_ops {
    ($($(#[$doc:meta])* $name:ident = $np:literal: $op:tt;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;
        impl<T: Element + PartialOrd> CompareOp<T> for $name {
            const NAME: &'static str = $np;
            #[inline(always)]
            fn apply(a: T, b: T) -> bool {
                a $op b
            }
        }
    )*};
}

compare_ops! {
    /// `a == b`.
    Equal = "equal": ==;
    /// `a != b`.
    NotEqual = "not_equal": !=;
    /// `a < b`.
    Less = "less": <;
    /// `a <= b`.
    LessEqual = "less_equal": <=;
    /// `a > b`.
    Greater = "greater": >;
    /// `a >= b`.
    GreaterEqual = "greater_equal": >=;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_division_is_floor_division_and_never_panics() {
        assert_eq!(i32::div(7, 2), 3);
        assert_eq!(i32::div(-7, 2), -4);
        assert_eq!(i32::rem(-7, 2), 1);
        assert_eq!(i32::rem(7, -2), -1);
        assert_eq!(i32::div(5, 0), 0);
        assert_eq!(i32::rem(5, 0), 0);
        assert_eq!(i32::div(i32::MIN, -1), i32::MIN);
        assert_eq!(u8::div(7, 0), 0);
        assert_eq!(i8::abs(i8::MIN), i8::MIN);
        assert_eq!(u8::neg(1), 255);
    }

    #[test]
    fn float_functions_follow_numpy() {
        assert_eq!(f64::rem(-7.0, 2.0), 1.0);
        assert_eq!(f64::rem(7.0, -2.0), -1.0);
        assert!(f64::rem(1.0, 0.0).is_nan());
        assert!(f64::rem(-4.0, 2.0) == 0.0 && f64::rem(-4.0, 2.0).is_sign_positive());
        assert!(f64::maximum(f64::NAN, 1.0).is_nan());
        assert!(f64::maximum(1.0, f64::NAN).is_nan());
        assert_eq!(f64::fmax(f64::NAN, 1.0), 1.0);
        assert_eq!(f64::sign(-0.0), 0.0);
        assert!(f64::sign(f64::NAN).is_nan());
        assert_eq!(f64::rint(2.5), 2.0);
        assert_eq!(f32::rint(3.5), 4.0);
    }
}
