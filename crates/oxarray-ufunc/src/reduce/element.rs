//! The dtype rules of the reductions: what each element type accumulates in and returns.
//!
//! They follow NumPy on a 64-bit Linux build:
//!
//! | input            | `sum`, `prod`, `cumsum` | `mean`  | `var`, `std` |
//! |------------------|-------------------------|---------|--------------|
//! | bool, int8..int64 | int64                  | float64 | float64      |
//! | uint8..uint64    | uint64                  | float64 | float64      |
//! | float16          | float16 (accumulated in float32) | float16 (in float32) | float16 (in float32) |
//! | bfloat16         | bfloat16 (in float32)   | bfloat16 (in float32) | bfloat16 (in float32) |
//! | float32, float64 | itself                  | itself  | itself       |
//! | complex64        | complex64               | complex64 | float32    |
//! | complex128       | complex128              | complex128 | float64   |
//!
//! Integer sums and products wrap on overflow, as NumPy's do. `min`, `max`, `argmin` and
//! `argmax` keep the input type and order complex numbers lexicographically (real part first),
//! as NumPy does.

use num_complex::Complex;
pub use oxarray_core::Accumulator;
use oxarray_core::{Complex32, Complex64, Element, bf16, f16};

/// A floating accumulator of means and variances: `f32`, `f64`, [`Complex32`], [`Complex64`].
pub trait FloatAccumulator: Accumulator {
    /// The real type of `|x|²`: `f32` or `f64`.
    type Real: RealAccumulator;
    /// `self - other`.
    fn acc_sub(self, other: Self) -> Self;
    /// `|self|²` (the square for real numbers).
    fn abs2(self) -> Self::Real;
    /// `self / d`.
    fn div_real(self, d: Self::Real) -> Self;
}

/// A real floating accumulator: `f32` or `f64`.
pub trait RealAccumulator: FloatAccumulator<Real = Self> {
    /// `n` as this type (rounded).
    fn from_count(n: usize) -> Self;
    /// The square root.
    fn sqrt(self) -> Self;
    /// Not a number.
    fn nan() -> Self;
}

macro_rules! real_accumulator {
    ($($t:ty),*) => {$(
        impl FloatAccumulator for $t {
            type Real = $t;
            #[inline(always)]
            fn acc_sub(self, other: Self) -> Self {
                self - other
            }
            #[inline(always)]
            fn abs2(self) -> Self {
                self * self
            }
            #[inline(always)]
            fn div_real(self, d: Self) -> Self {
                self / d
            }
        }
        impl RealAccumulator for $t {
            #[inline(always)]
            fn from_count(n: usize) -> Self {
                n as $t
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
            #[inline(always)]
            fn nan() -> Self {
                <$t>::NAN
            }
        }
    )*};
}
real_accumulator!(f32, f64);

macro_rules! complex_accumulator {
    ($($t:ty => $r:ty),*) => {$(
        impl FloatAccumulator for $t {
            type Real = $r;
            #[inline(always)]
            fn acc_sub(self, other: Self) -> Self {
                self - other
            }
            #[inline(always)]
            fn abs2(self) -> $r {
                self.re * self.re + self.im * self.im
            }
            /// NumPy divides by the complex `d + 0j` (Smith's algorithm), so a NaN in one
            /// part spreads to both, and scales by `1 / d`.
            #[inline(always)]
            fn div_real(self, d: $r) -> Self {
                let scale = 1.0 / d;
                Complex::new((self.re + self.im * 0.0) * scale, (self.im - self.re * 0.0) * scale)
            }
        }
    )*};
}
complex_accumulator!(Complex32 => f32, Complex64 => f64);

/// An element type that the reductions accept: every [`Element`] (bool, the integers, f16,
/// bf16, f32, f64, complex). The associated types are NumPy's result dtypes (see the
/// [module table](self)).
///
/// ```
/// use oxarray_ufunc::ReduceElement;
/// // NumPy: np.sum(int8) -> int64, np.mean(int8) -> float64, np.var(complex64) -> float32
/// let s: <i8 as ReduceElement>::Sum = 0i64;
/// let m: <i8 as ReduceElement>::Mean = 0.0f64;
/// let v: <oxarray_core::Complex32 as ReduceElement>::Var = 0.0f32;
/// # let _ = (s, m, v);
/// ```
pub trait ReduceElement: Element {
    /// The result type of `sum`, `prod`, `cumsum` and `cumprod`.
    type Sum: Element;
    /// What sums and products accumulate in (`f32` for the 16-bit floats).
    type SumAcc: Accumulator;
    /// The result type of `mean`.
    type Mean: Element;
    /// What means and variances accumulate in.
    type MeanAcc: FloatAccumulator;
    /// The result type of `var` and `std` (real).
    type Var: Element;

    /// The value in the sum accumulator type.
    fn to_sum_acc(self) -> Self::SumAcc;
    /// A finished sum in the result type.
    fn sum_from_acc(acc: Self::SumAcc) -> Self::Sum;
    /// The value in the mean accumulator type.
    fn to_mean_acc(self) -> Self::MeanAcc;
    /// A finished mean in the result type.
    fn mean_from_acc(acc: Self::MeanAcc) -> Self::Mean;
    /// A finished variance or standard deviation in the result type.
    fn var_from_acc(acc: <Self::MeanAcc as FloatAccumulator>::Real) -> Self::Var;
    /// Whether the value is NaN (for complex: either part). Always false for integers.
    fn is_nan(self) -> bool;
    /// NumPy's truth value: non-zero (NaN is true).
    fn is_nonzero(self) -> bool;
    /// The order of `min`, `max`, `argmin` and `argmax` (false when either side is NaN);
    /// lexicographic for complex numbers.
    fn less(self, other: Self) -> bool;
}

macro_rules! int_reduce {
    ($($t:ty => $acc:ty),*) => {$(
        impl ReduceElement for $t {
            type Sum = $acc;
            type SumAcc = $acc;
            type Mean = f64;
            type MeanAcc = f64;
            type Var = f64;
            #[inline(always)]
            fn to_sum_acc(self) -> $acc {
                self as $acc
            }
            #[inline(always)]
            fn sum_from_acc(acc: $acc) -> $acc {
                acc
            }
            #[inline(always)]
            fn to_mean_acc(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn mean_from_acc(acc: f64) -> f64 {
                acc
            }
            #[inline(always)]
            fn var_from_acc(acc: f64) -> f64 {
                acc
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                false
            }
            #[inline(always)]
            fn is_nonzero(self) -> bool {
                self != 0
            }
            #[inline(always)]
            fn less(self, other: Self) -> bool {
                self < other
            }
        }
    )*};
}
int_reduce!(i8 => i64, i16 => i64, i32 => i64, i64 => i64, u8 => u64, u16 => u64, u32 => u64, u64 => u64);

impl ReduceElement for bool {
    type Sum = i64;
    type SumAcc = i64;
    type Mean = f64;
    type MeanAcc = f64;
    type Var = f64;
    #[inline(always)]
    fn to_sum_acc(self) -> i64 {
        self as i64
    }
    #[inline(always)]
    fn sum_from_acc(acc: i64) -> i64 {
        acc
    }
    #[inline(always)]
    fn to_mean_acc(self) -> f64 {
        self as u8 as f64
    }
    #[inline(always)]
    fn mean_from_acc(acc: f64) -> f64 {
        acc
    }
    #[inline(always)]
    fn var_from_acc(acc: f64) -> f64 {
        acc
    }
    #[inline(always)]
    fn is_nan(self) -> bool {
        false
    }
    #[inline(always)]
    fn is_nonzero(self) -> bool {
        self
    }
    #[inline(always)]
    fn less(self, other: Self) -> bool {
        !self & other
    }
}

macro_rules! half_reduce {
    ($($t:ty),*) => {$(
        impl ReduceElement for $t {
            type Sum = $t;
            type SumAcc = f32;
            type Mean = $t;
            type MeanAcc = f32;
            type Var = $t;
            #[inline(always)]
            fn to_sum_acc(self) -> f32 {
                self.to_f32()
            }
            #[inline(always)]
            fn sum_from_acc(acc: f32) -> $t {
                <$t>::from_f32(acc)
            }
            #[inline(always)]
            fn to_mean_acc(self) -> f32 {
                self.to_f32()
            }
            #[inline(always)]
            fn mean_from_acc(acc: f32) -> $t {
                <$t>::from_f32(acc)
            }
            #[inline(always)]
            fn var_from_acc(acc: f32) -> $t {
                <$t>::from_f32(acc)
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            #[inline(always)]
            fn is_nonzero(self) -> bool {
                self.to_f32() != 0.0
            }
            #[inline(always)]
            fn less(self, other: Self) -> bool {
                self < other
            }
        }
    )*};
}
half_reduce!(f16, bf16);

macro_rules! float_reduce {
    ($($t:ty),*) => {$(
        impl ReduceElement for $t {
            type Sum = $t;
            type SumAcc = $t;
            type Mean = $t;
            type MeanAcc = $t;
            type Var = $t;
            #[inline(always)]
            fn to_sum_acc(self) -> $t {
                self
            }
            #[inline(always)]
            fn sum_from_acc(acc: $t) -> $t {
                acc
            }
            #[inline(always)]
            fn to_mean_acc(self) -> $t {
                self
            }
            #[inline(always)]
            fn mean_from_acc(acc: $t) -> $t {
                acc
            }
            #[inline(always)]
            fn var_from_acc(acc: $t) -> $t {
                acc
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.is_nan()
            }
            #[inline(always)]
            fn is_nonzero(self) -> bool {
                self != 0.0
            }
            #[inline(always)]
            fn less(self, other: Self) -> bool {
                self < other
            }
        }
    )*};
}
float_reduce!(f32, f64);

macro_rules! complex_reduce {
    ($($t:ty => $r:ty),*) => {$(
        impl ReduceElement for $t {
            type Sum = $t;
            type SumAcc = $t;
            type Mean = $t;
            type MeanAcc = $t;
            type Var = $r;
            #[inline(always)]
            fn to_sum_acc(self) -> $t {
                self
            }
            #[inline(always)]
            fn sum_from_acc(acc: $t) -> $t {
                acc
            }
            #[inline(always)]
            fn to_mean_acc(self) -> $t {
                self
            }
            #[inline(always)]
            fn mean_from_acc(acc: $t) -> $t {
                acc
            }
            #[inline(always)]
            fn var_from_acc(acc: $r) -> $r {
                acc
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
            #[inline(always)]
            fn is_nonzero(self) -> bool {
                self.re != 0.0 || self.im != 0.0
            }
            #[inline(always)]
            fn less(self, other: Self) -> bool {
                self.re < other.re || (self.re == other.re && self.im < other.im)
            }
        }
    )*};
}
complex_reduce!(Complex32 => f32, Complex64 => f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_accumulators_wrap() {
        assert_eq!(i64::MAX.acc_add(1), i64::MIN);
        assert_eq!(u64::MAX.acc_mul(2), u64::MAX - 1);
        assert_eq!((-1i8).to_sum_acc(), -1i64);
        assert_eq!(200u8.to_sum_acc(), 200u64);
    }

    #[test]
    fn complex_order_is_lexicographic() {
        let a = Complex64::new(1.0, 5.0);
        let b = Complex64::new(2.0, 0.0);
        assert!(a.less(b));
        assert!(Complex64::new(1.0, 1.0).less(a));
        assert!(!Complex64::new(f64::NAN, 0.0).less(a));
        assert!(Complex64::new(0.0, f64::NAN).is_nan());
        assert_eq!(Complex64::new(3.0, 4.0).abs2(), 25.0);
    }

    #[test]
    fn half_types_accumulate_in_f32() {
        assert_eq!(f16::from_f32(1.5).to_sum_acc(), 1.5f32);
        assert_eq!(
            <f16 as ReduceElement>::sum_from_acc(2.0),
            f16::from_f32(2.0)
        );
        assert!(!false.less(false) && false.less(true));
    }
}
