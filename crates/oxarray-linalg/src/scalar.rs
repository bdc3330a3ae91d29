//! The element types linear algebra works on, and the one place that decides how each is
//! multiplied: through the `gemm` crate (f16, f32, f64, Complex32, Complex64) or through
//! oxarray's own blocked kernel (integers, bool, bf16).

use oxarray_core::{Complex32, Complex64, Element, bf16, f16};

mod sealed {
    pub trait Sealed {}
}

/// The arithmetic type products are summed in: the element type itself, or `f32` for the
/// half-precision types. Integer sums wrap around on overflow, as NumPy's do; for `bool`,
/// "sum" is `or` and "product" is `and` (NumPy's boolean matmul).
pub trait Accumulator: Copy + Send + Sync + 'static + sealed::Sealed {
    /// The additive identity.
    fn zero() -> Self;
    /// `self + other`.
    fn add(self, other: Self) -> Self;
    /// `self * other`.
    fn mul(self, other: Self) -> Self;
    /// `self + a * b`. The product is not fused into one rounding (a fused multiply-add is a
    /// library call where the CPU lacks FMA); LLVM may still pair the two instructions.
    #[inline(always)]
    fn mul_add(self, a: Self, b: Self) -> Self {
        self.add(a.mul(b))
    }
}

/// An element type that the products of this crate accept: every [`Element`] type.
///
/// This trait is the single dtype dispatch point of the crate. Floating-point and complex
/// types (`f16`, `f32`, `f64`, [`Complex32`], [`Complex64`]) are multiplied by the `gemm`
/// crate with AVX-512/AVX2 kernels and rayon threads ([`LinalgScalar::USES_GEMM`]); integers,
/// `bool` and `bf16` by a cache-blocked kernel of this crate that accumulates in
/// [`LinalgScalar::Acc`]. The trait is sealed.
pub trait LinalgScalar: Element + sealed::Sealed {
    /// The type products are accumulated in.
    type Acc: Accumulator;
    /// Whether dense products go through the `gemm` crate (`gemm::gemm::<Self>` accepts the
    /// type). Otherwise oxarray's blocked kernel multiplies.
    const USES_GEMM: bool;
    /// Widens to the accumulator type.
    fn to_acc(self) -> Self::Acc;
    /// Narrows from the accumulator type.
    fn from_acc(acc: Self::Acc) -> Self;
    /// The complex conjugate (the value itself for real types).
    fn conj(self) -> Self;
}

macro_rules! accumulator_float {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Accumulator for $t {
            #[inline(always)]
            fn zero() -> Self { <$t as Element>::zero() }
            #[inline(always)]
            fn add(self, other: Self) -> Self { self + other }
            #[inline(always)]
            fn mul(self, other: Self) -> Self { self * other }
        }
    )*};
}
accumulator_float!(f32, f64, Complex32, Complex64);

macro_rules! accumulator_int {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Accumulator for $t {
            #[inline(always)]
            fn zero() -> Self { 0 }
            #[inline(always)]
            fn add(self, other: Self) -> Self { self.wrapping_add(other) }
            #[inline(always)]
            fn mul(self, other: Self) -> Self { self.wrapping_mul(other) }
        }
        impl LinalgScalar for $t {
            type Acc = $t;
            const USES_GEMM: bool = false;
            #[inline(always)]
            fn to_acc(self) -> Self { self }
            #[inline(always)]
            fn from_acc(acc: Self) -> Self { acc }
            #[inline(always)]
            fn conj(self) -> Self { self }
        }
    )*};
}
accumulator_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl sealed::Sealed for bool {}
impl Accumulator for bool {
    #[inline(always)]
    fn zero() -> Self {
        false
    }
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self | other
    }
    #[inline(always)]
    fn mul(self, other: Self) -> Self {
        self & other
    }
}
impl LinalgScalar for bool {
    type Acc = bool;
    const USES_GEMM: bool = false;
    #[inline(always)]
    fn to_acc(self) -> Self {
        self
    }
    #[inline(always)]
    fn from_acc(acc: Self) -> Self {
        acc
    }
    #[inline(always)]
    fn conj(self) -> Self {
        self
    }
}

macro_rules! linalg_self_acc {
    ($($t:ty => $conj:expr),*) => {$(
        impl LinalgScalar for $t {
            type Acc = $t;
            const USES_GEMM: bool = true;
            #[inline(always)]
            fn to_acc(self) -> Self { self }
            #[inline(always)]
            fn from_acc(acc: Self) -> Self { acc }
            #[inline(always)]
            fn conj(self) -> Self { $conj(self) }
        }
    )*};
}
linalg_self_acc!(
    f32 => |x| x,
    f64 => |x| x,
    Complex32 => |x: Complex32| Complex32::conj(&x),
    Complex64 => |x: Complex64| Complex64::conj(&x)
);

impl sealed::Sealed for f16 {}
impl LinalgScalar for f16 {
    type Acc = f32;
    const USES_GEMM: bool = true;
    #[inline(always)]
    fn to_acc(self) -> f32 {
        self.to_f32()
    }
    #[inline(always)]
    fn from_acc(acc: f32) -> Self {
        f16::from_f32(acc)
    }
    #[inline(always)]
    fn conj(self) -> Self {
        self
    }
}

impl sealed::Sealed for bf16 {}
impl LinalgScalar for bf16 {
    type Acc = f32;
    const USES_GEMM: bool = false;
    #[inline(always)]
    fn to_acc(self) -> f32 {
        self.to_f32()
    }
    #[inline(always)]
    fn from_acc(acc: f32) -> Self {
        bf16::from_f32(acc)
    }
    #[inline(always)]
    fn conj(self) -> Self {
        self
    }
}

/// `a * b` in the element type (through the accumulator).
#[inline(always)]
pub(crate) fn mul<T: LinalgScalar>(a: T, b: T) -> T {
    T::from_acc(a.to_acc().mul(b.to_acc()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accumulators_follow_numpy() {
        assert_eq!(i8::MAX.to_acc().add(1), i8::MIN); // wraps
        assert!(true.to_acc().mul(true).add(false));
        assert_eq!(
            f16::from_acc(f16::from_f32(1.5).to_acc().mul(2.0)),
            f16::from_f32(3.0)
        );
        assert_eq!(Complex64::new(1.0, 2.0).conj(), Complex64::new(1.0, -2.0));
        assert_eq!(mul(3u8, 100u8), 44);
    }
}
