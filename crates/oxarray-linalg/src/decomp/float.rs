//! The element types of `numpy.linalg` and NumPy's type rules for them.
//!
//! NumPy computes every decomposition in double precision (`float64` or `complex128`) and
//! casts the result back to the input's precision (`_linalg.py`, `_commonType`): a `float32`
//! matrix is factored in `float64` and its inverse returned as `float32`; integers and
//! booleans are promoted to `float64`; `float16` is refused. oxarray does the same: the
//! factorisations run on the two *work types* `f64` and [`Complex64`] only (one compiled copy
//! of each `faer` routine), and the input's elements are widened while they are copied into
//! the work matrix that the factorisation overwrites anyway.

use oxarray_core::{Complex32, Complex64, Element, Error, Result, bf16, f16};

use crate::decomp::kernels::Work;
use crate::scalar::LinalgScalar;

mod sealed {
    pub trait Sealed {}
}

/// A floating-point element type of `numpy.linalg` results: `f32`, `f64`, [`Complex32`],
/// [`Complex64`]. The trait is sealed.
///
/// `Real` is the real type of the same precision (the type of singular values and of
/// `eigh`'s eigenvalues), `Complex` the complex type (the type of `eig`'s eigenvalues).
pub trait LinalgFloat: LinalgScalar + LinalgInput<Float = Self> + sealed::Sealed {
    /// The real type of the same precision (`f32` for `Complex32`).
    type Real: LinalgFloat<Real = Self::Real, Complex = Self::Complex> + num_traits::Float;
    /// The complex type of the same precision (`Complex32` for `f32`).
    type Complex: LinalgFloat<Real = Self::Real, Complex = Self::Complex>;
    /// The type the factorisations compute in: `f64` or `Complex64`.
    #[doc(hidden)]
    type Work: Work;
    /// Whether the type is complex.
    const IS_COMPLEX: bool;
    /// The machine epsilon of the real type (NumPy's `finfo(dtype).eps`).
    const EPS: f64;
    /// Narrows a work value to this type (NumPy's `astype(result_t)`).
    #[doc(hidden)]
    fn from_work(value: Self::Work) -> Self;
    /// Narrows a real work value to the real type.
    #[doc(hidden)]
    fn real_from_f64(value: f64) -> Self::Real;
    /// The complex number `re + i im` of this precision.
    #[doc(hidden)]
    fn complex_from_parts(re: f64, im: f64) -> Self::Complex;
    /// The real part.
    fn real_part(self) -> Self::Real;
    /// The imaginary part (zero for real types).
    fn imag_part(self) -> Self::Real;
}

macro_rules! linalg_float {
    ($t:ty, real = $real:ty, complex = $complex:ty, work = $work:ty, is_complex = $c:expr, eps = $eps:expr, parts = $re:expr, $im:expr) => {
        impl sealed::Sealed for $t {}
        impl LinalgFloat for $t {
            type Real = $real;
            type Complex = $complex;
            type Work = $work;
            const IS_COMPLEX: bool = $c;
            const EPS: f64 = $eps;
            #[inline(always)]
            fn from_work(value: $work) -> Self {
                value.cast::<$t>()
            }
            #[inline(always)]
            fn real_from_f64(value: f64) -> $real {
                value as $real
            }
            #[inline(always)]
            fn complex_from_parts(re: f64, im: f64) -> $complex {
                num_complex::Complex::new(re as $real, im as $real)
            }
            #[inline(always)]
            fn real_part(self) -> $real {
                ($re)(self)
            }
            #[inline(always)]
            fn imag_part(self) -> $real {
                ($im)(self)
            }
        }
    };
}
linalg_float!(
    f32,
    real = f32,
    complex = Complex32,
    work = f64,
    is_complex = false,
    eps = f32::EPSILON as f64,
    parts = |x| x,
    |_| 0.0
);
linalg_float!(
    f64,
    real = f64,
    complex = Complex64,
    work = f64,
    is_complex = false,
    eps = f64::EPSILON,
    parts = |x| x,
    |_| 0.0
);
linalg_float!(
    Complex32,
    real = f32,
    complex = Complex32,
    work = Complex64,
    is_complex = true,
    eps = f32::EPSILON as f64,
    parts = |z: Complex32| z.re,
    |z: Complex32| z.im
);
linalg_float!(
    Complex64,
    real = f64,
    complex = Complex64,
    work = Complex64,
    is_complex = true,
    eps = f64::EPSILON,
    parts = |z: Complex64| z.re,
    |z: Complex64| z.im
);

/// An element type that `numpy.linalg` functions accept, with the floating-point type of
/// their results ([`LinalgInput::Float`]), as NumPy promotes: `f32 -> f32`, `f64 -> f64`,
/// `Complex32 -> Complex32`, `Complex64 -> Complex64`, and `bool` and every integer type
/// `-> f64`. `f16` and `bf16` are element types too, but every function refuses them with
/// [`Error::UnsupportedDType`], as NumPy raises `TypeError: array type float16 is
/// unsupported in linalg`. The trait is sealed.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::inv;
///
/// let a = array![[2, 0], [0, 4]];              // i32
/// let ai: oxarray_core::Array<f64> = inv(&a)?; // float64, as in NumPy
/// assert_eq!(ai, array![[0.5f64, 0.0], [0.0, 0.25]]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait LinalgInput: Element + sealed::Sealed {
    /// The element type of the results.
    type Float: LinalgFloat;
    /// Whether linalg accepts the type (false for `f16` and `bf16`).
    #[doc(hidden)]
    const SUPPORTED: bool = true;
    /// Widens to the work type of [`LinalgInput::Float`].
    #[doc(hidden)]
    fn to_work(self) -> <Self::Float as LinalgFloat>::Work;
}

macro_rules! linalg_input {
    ($($t:ty => $float:ty),* $(,)?) => {$(
        impl LinalgInput for $t {
            type Float = $float;
            #[inline(always)]
            fn to_work(self) -> <$float as LinalgFloat>::Work {
                self.cast()
            }
        }
    )*};
}
linalg_input!(f32 => f32, f64 => f64, Complex32 => Complex32, Complex64 => Complex64);

macro_rules! linalg_input_promoted {
    ($($t:ty),* $(,)?) => {$(
        impl sealed::Sealed for $t {}
        impl LinalgInput for $t {
            type Float = f64;
            #[inline(always)]
            fn to_work(self) -> f64 {
                self.cast()
            }
        }
    )*};
}
linalg_input_promoted!(bool, i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! linalg_input_refused {
    ($($t:ty),* $(,)?) => {$(
        impl sealed::Sealed for $t {}
        impl LinalgInput for $t {
            type Float = f32;
            const SUPPORTED: bool = false;
            #[inline(always)]
            fn to_work(self) -> f64 {
                self.cast()
            }
        }
    )*};
}
linalg_input_refused!(f16, bf16);

/// `Err(UnsupportedDType)` for the element types NumPy's linalg refuses (`float16`).
pub(crate) fn check_supported<T: LinalgInput>(op: &'static str) -> Result<()> {
    if T::SUPPORTED {
        Ok(())
    } else {
        Err(Error::UnsupportedDType {
            op,
            dtype: T::DTYPE,
        })
    }
}

/// The work type for input type `T`.
pub(crate) type WorkOf<T> = <<T as LinalgInput>::Float as LinalgFloat>::Work;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotion_follows_numpy() {
        assert_eq!(<i32 as LinalgInput>::Float::DTYPE, oxarray_core::DType::F64);
        assert_eq!(<f32 as LinalgInput>::Float::DTYPE, oxarray_core::DType::F32);
        assert!(check_supported::<f16>("inv").is_err());
        assert!(check_supported::<u8>("inv").is_ok());
        assert_eq!(f32::from_work(0.1f64), 0.1f32);
        assert_eq!(
            <Complex32 as LinalgInput>::to_work(Complex32::new(1.0, 2.0)),
            Complex64::new(1.0, 2.0)
        );
    }
}
