//! The element types linear algebra works on, and the one place that decides how each is
//! multiplied: through the `gemm` crate (f16, f32, f64, Complex32, Complex64) or through
//! oxarray's own blocked kernel (integers, bool, bf16).

use oxarray_core::{
    Accumulator, Array, ArrayView, ArrayViewMut, Complex32, Complex64, Element, Result, bf16, f16,
};

mod sealed {
    pub trait Sealed {}
}

/// An element type that the products of this crate accept: every [`Element`] type.
///
/// This trait is the single dtype dispatch point of the crate. Floating-point and complex
/// types (`f16`, `f32`, `f64`, [`Complex32`], [`Complex64`]) are multiplied by the `gemm`
/// crate with AVX-512/AVX2 kernels and rayon threads ([`LinalgScalar::USES_GEMM`]); integers,
/// `bool` and `bf16` by a cache-blocked kernel of this crate that accumulates in
/// [`LinalgScalar::Acc`]. The trait is sealed.
pub trait LinalgScalar: Element + sealed::Sealed {
    /// The type products are accumulated in: the element type itself, or `f32` for the
    /// half-precision types. Integer sums wrap around on overflow, as NumPy's do; for `bool`,
    /// "sum" is `or` and "product" is `and` (NumPy's boolean matmul).
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

    /// `a * b` elementwise into `out` (`a` and `b` broadcast to `out`'s shape): the
    /// elementwise engine's `multiply`, for Hadamard, outer and Kronecker products.
    fn multiply_into(
        a: &ArrayView<'_, Self>,
        b: &ArrayView<'_, Self>,
        out: &mut ArrayViewMut<'_, Self>,
    ) -> Result<()>;

    /// The sum of `a` over `axes` (distinct, in range) in the element type, the remaining axes
    /// in their order: oxarray-ufunc's pairwise `sum` (accumulated as NumPy's `sum` does, then
    /// narrowed back to the element type, which wraps exactly as a sum in the element type
    /// would), for labels of einsum that appear in one operand only.
    fn sum_axes(a: &ArrayView<'_, Self>, axes: &[usize]) -> Result<Array<Self>>;
}

/// The engine calls behind [`LinalgScalar::multiply_into`] and [`LinalgScalar::sum_axes`],
/// written once for every element type.
macro_rules! engine_calls {
    () => {
        fn multiply_into(
            a: &ArrayView<'_, Self>,
            b: &ArrayView<'_, Self>,
            out: &mut ArrayViewMut<'_, Self>,
        ) -> Result<()> {
            oxarray_ufunc::multiply_into(a, b, None, out)
        }

        fn sum_axes(a: &ArrayView<'_, Self>, axes: &[usize]) -> Result<Array<Self>> {
            let axes: Vec<isize> = axes.iter().map(|&ax| ax as isize).collect();
            let sum = oxarray_ufunc::sum(a, Some(&axes), false)?.into_dyn();
            if sum.dtype() == Self::DTYPE {
                sum.into_array::<Self>()
            } else {
                Ok(sum.to_array::<Self>())
            }
        }
    };
}

macro_rules! linalg_int {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl LinalgScalar for $t {
            type Acc = $t;
            const USES_GEMM: bool = false;
            #[inline(always)]
            fn to_acc(self) -> Self { self }
            #[inline(always)]
            fn from_acc(acc: Self) -> Self { acc }
            #[inline(always)]
            fn conj(self) -> Self { self }
            engine_calls!();
        }
    )*};
}
linalg_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl sealed::Sealed for bool {}
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
    engine_calls!();
}

macro_rules! linalg_self_acc {
    ($($t:ty => $conj:expr),*) => {$(
        impl sealed::Sealed for $t {}
        impl LinalgScalar for $t {
            type Acc = $t;
            const USES_GEMM: bool = true;
            #[inline(always)]
            fn to_acc(self) -> Self { self }
            #[inline(always)]
            fn from_acc(acc: Self) -> Self { acc }
            #[inline(always)]
            fn conj(self) -> Self { $conj(self) }
            engine_calls!();
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
    engine_calls!();
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
    engine_calls!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accumulators_follow_numpy() {
        assert_eq!(i8::MAX.to_acc().acc_add(1), i8::MIN); // wraps
        assert!(true.to_acc().acc_mul(true).acc_add(false));
        assert_eq!(
            f16::from_acc(f16::from_f32(1.5).to_acc().acc_mul(2.0)),
            f16::from_f32(3.0)
        );
        assert_eq!(Complex64::new(1.0, 2.0).conj(), Complex64::new(1.0, -2.0));
        assert_eq!(u8::from_acc(3u8.to_acc().acc_mul(100u8.to_acc())), 44);
    }
}
