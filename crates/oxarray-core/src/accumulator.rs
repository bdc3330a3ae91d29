//! The one accumulator trait: the arithmetic that sums and products are carried out in.
//!
//! Each consumer picks which accumulator an element type uses (a reduction sums `int8` in
//! `int64` as NumPy's `sum` does; a matrix product keeps `int8` and sums `float16` in `f32`);
//! the arithmetic of each accumulator is defined once, here.

use crate::element::{Complex32, Complex64, Element};

/// The arithmetic of an accumulator type, with NumPy's semantics: integers wrap on overflow;
/// for `bool`, "sum" is `or` and "product" is `and` (NumPy's boolean `matmul`); the additive
/// identity is [`Element::zero`].
///
/// ```
/// use oxarray_core::Accumulator;
/// assert_eq!(i8::MAX.acc_add(1), i8::MIN);
/// assert!(true.acc_mul(true).acc_add(false));
/// assert_eq!(2.0f64.acc_mul_add(3.0, 4.0), 14.0);
/// ```
pub trait Accumulator: Element {
    /// `self + other` (wrapping for integers, `or` for bool).
    fn acc_add(self, other: Self) -> Self;
    /// `self * other` (wrapping for integers, `and` for bool).
    fn acc_mul(self, other: Self) -> Self;
    /// `self + a * b`. The product is not fused into one rounding (a fused multiply-add is a
    /// library call where the CPU lacks FMA); LLVM may still pair the two instructions.
    #[inline(always)]
    fn acc_mul_add(self, a: Self, b: Self) -> Self {
        self.acc_add(a.acc_mul(b))
    }
}

macro_rules! int_accumulator {
    ($($t:ty),*) => {$(
        impl Accumulator for $t {
            #[inline(always)]
            fn acc_add(self, other: Self) -> Self {
                self.wrapping_add(other)
            }
            #[inline(always)]
            fn acc_mul(self, other: Self) -> Self {
                self.wrapping_mul(other)
            }
        }
    )*};
}
int_accumulator!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_accumulator {
    ($($t:ty),*) => {$(
        impl Accumulator for $t {
            #[inline(always)]
            fn acc_add(self, other: Self) -> Self {
                self + other
            }
            #[inline(always)]
            fn acc_mul(self, other: Self) -> Self {
                self * other
            }
        }
    )*};
}
float_accumulator!(f32, f64, Complex32, Complex64);

impl Accumulator for bool {
    #[inline(always)]
    fn acc_add(self, other: Self) -> Self {
        self | other
    }
    #[inline(always)]
    fn acc_mul(self, other: Self) -> Self {
        self & other
    }
}
