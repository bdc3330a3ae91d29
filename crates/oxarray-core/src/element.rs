//! The scalar types an array can hold, and the one cast that converts between them.

use std::fmt::{Debug, Display};

use half::{bf16, f16};
use num_complex::Complex;

use crate::array::Array;
use crate::dtype::DType;
use crate::dynarray::DynArray;

/// `complex64`: a pair of `f32`.
pub type Complex32 = Complex<f32>;
/// `complex128`: a pair of `f64`.
pub type Complex64 = Complex<f64>;

mod sealed {
    pub trait Sealed {}
}

/// A scalar value of any dtype, widened to the largest type of its kind.
///
/// This is the currency of run-time dtype code: fill values of a [`DynArray`], the result of
/// [`Element::to_scalar`], and the source of every cast ([`Element::from_scalar`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A real floating-point number.
    Float(f64),
    /// A complex number.
    Complex(Complex64),
}

impl Scalar {
    /// The real value as `f64` (the real part of a complex, 0/1 for a bool).
    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => b as u8 as f64,
            Scalar::Int(v) => v as f64,
            Scalar::UInt(v) => v as f64,
            Scalar::Float(v) => v,
            Scalar::Complex(c) => c.re,
        }
    }
}

/// An element type of an oxarray array: bool, the eight integer types, f16, bf16, f32, f64,
/// [`Complex32`] and [`Complex64`]. The trait is sealed.
///
/// Casting between element types goes through [`Scalar`] with NumPy's `astype` semantics
/// (C casts: truncation toward zero from float to int, wrap-around between integers, the real
/// part of a complex, `x != 0` to bool). One difference: a float outside the range of the
/// target integer type saturates (`1089.0` to `u8` gives 255, NaN gives 0), where NumPy's
/// result is undefined behaviour in C and platform-dependent (x86 wraps). After inlining, the round trip through `Scalar`
/// compiles to the single conversion instruction.
///
/// ```
/// use oxarray_core::{Element, DType};
/// assert_eq!(<f32 as Element>::DTYPE, DType::F32);
/// assert_eq!(300i32.cast::<u8>(), 44); // wraps, as NumPy's astype does
/// assert_eq!((-2.7f64).cast::<i32>(), -2);
/// ```
pub trait Element:
    Copy + Send + Sync + Debug + Display + PartialEq + Default + 'static + sealed::Sealed
{
    /// The runtime tag of this type.
    const DTYPE: DType;

    /// The additive identity (`false` for bool).
    fn zero() -> Self;

    /// The multiplicative identity (`true` for bool).
    fn one() -> Self;

    /// This value widened to a [`Scalar`].
    fn to_scalar(self) -> Scalar;

    /// A value of this type from any scalar, with NumPy's unsafe-cast (`astype`) semantics.
    fn from_scalar(s: Scalar) -> Self;

    /// Casts to another element type with NumPy's `astype` semantics.
    #[inline]
    fn cast<U: Element>(self) -> U {
        U::from_scalar(self.to_scalar())
    }

    /// Wraps an array of this type into the run-time-typed [`DynArray`].
    fn into_dyn(array: Array<Self>) -> DynArray;

    /// The typed array inside a [`DynArray`], if it holds this type.
    fn from_dyn(array: &DynArray) -> Option<&Array<Self>>;

    /// The typed array inside a [`DynArray`], by value, if it holds this type (the
    /// `DynArray` back otherwise, so nothing is lost).
    #[allow(clippy::result_large_err)]
    fn from_dyn_owned(array: DynArray) -> std::result::Result<Array<Self>, DynArray>;
}

macro_rules! dyn_glue {
    ($t:ty, $variant:ident) => {
        fn into_dyn(array: Array<Self>) -> DynArray {
            DynArray::$variant(array)
        }
        fn from_dyn(array: &DynArray) -> Option<&Array<Self>> {
            match array {
                DynArray::$variant(a) => Some(a),
                _ => None,
            }
        }
        fn from_dyn_owned(array: DynArray) -> std::result::Result<Array<Self>, DynArray> {
            match array {
                DynArray::$variant(a) => Ok(a),
                other => Err(other),
            }
        }
    };
}

impl sealed::Sealed for bool {}
impl Element for bool {
    const DTYPE: DType = DType::Bool;
    #[inline]
    fn zero() -> Self {
        false
    }
    #[inline]
    fn one() -> Self {
        true
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    #[inline]
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Bool(b) => b,
            Scalar::Int(v) => v != 0,
            Scalar::UInt(v) => v != 0,
            Scalar::Float(v) => v != 0.0,
            Scalar::Complex(c) => c.re != 0.0 || c.im != 0.0,
        }
    }
    dyn_glue!(bool, Bool);
}

macro_rules! int_element {
    ($($t:ty => $dt:ident, $variant:ident, $wide:ident);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            #[inline]
            fn zero() -> Self { 0 }
            #[inline]
            fn one() -> Self { 1 }
            #[inline]
            fn to_scalar(self) -> Scalar { Scalar::$wide(self as _) }
            #[inline]
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    Scalar::Bool(b) => b as $t,
                    Scalar::Int(v) => v as $t,
                    Scalar::UInt(v) => v as $t,
                    Scalar::Float(v) => v as $t,
                    Scalar::Complex(c) => c.re as $t,
                }
            }
            dyn_glue!($t, $variant);
        }
    )*};
}

int_element! {
    i8 => I8, I8, Int;
    i16 => I16, I16, Int;
    i32 => I32, I32, Int;
    i64 => I64, I64, Int;
    u8 => U8, U8, UInt;
    u16 => U16, U16, UInt;
    u32 => U32, U32, UInt;
    u64 => U64, U64, UInt;
}

macro_rules! float_element {
    ($($t:ty => $dt:ident, $variant:ident, $to:expr, $from:expr);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            #[inline]
            fn zero() -> Self { $from(0.0) }
            #[inline]
            fn one() -> Self { $from(1.0) }
            #[inline]
            fn to_scalar(self) -> Scalar { Scalar::Float($to(self)) }
            #[inline]
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    Scalar::Bool(b) => $from(b as u8 as f64),
                    Scalar::Int(v) => $from(v as f64),
                    Scalar::UInt(v) => $from(v as f64),
                    Scalar::Float(v) => $from(v),
                    Scalar::Complex(c) => $from(c.re),
                }
            }
            dyn_glue!($t, $variant);
        }
    )*};
}

float_element! {
    f16 => F16, F16, f16::to_f64, f16::from_f64;
    bf16 => BF16, BF16, bf16::to_f64, bf16::from_f64;
    f32 => F32, F32, |x: f32| x as f64, |x: f64| x as f32;
    f64 => F64, F64, |x: f64| x, |x: f64| x;
}

macro_rules! complex_element {
    ($($t:ty => $dt:ident, $variant:ident, $real:ty);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            #[inline]
            fn zero() -> Self { Complex::new(0.0, 0.0) }
            #[inline]
            fn one() -> Self { Complex::new(1.0, 0.0) }
            #[inline]
            fn to_scalar(self) -> Scalar {
                Scalar::Complex(Complex::new(self.re as f64, self.im as f64))
            }
            #[inline]
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    Scalar::Complex(c) => Complex::new(c.re as $real, c.im as $real),
                    other => Complex::new(other.as_f64() as $real, 0.0),
                }
            }
            dyn_glue!($t, $variant);
        }
    )*};
}

complex_element! {
    Complex32 => C64, C64, f32;
    Complex64 => C128, C128, f64;
}

/// The element type of a [`DType`] variant name (`element_type!(F64)` is `f64`): the one
/// table from run-time dtypes to compile-time types, which [`dispatch_dtype!`] and
/// [`dispatch_dyn!`](crate::dispatch_dyn) expand.
#[doc(hidden)]
#[macro_export]
macro_rules! element_type {
    (Bool) => {
        bool
    };
    (I8) => {
        i8
    };
    (I16) => {
        i16
    };
    (I32) => {
        i32
    };
    (I64) => {
        i64
    };
    (U8) => {
        u8
    };
    (U16) => {
        u16
    };
    (U32) => {
        u32
    };
    (U64) => {
        u64
    };
    (F16) => {
        $crate::f16
    };
    (BF16) => {
        $crate::bf16
    };
    (F32) => {
        f32
    };
    (F64) => {
        f64
    };
    (C64) => {
        $crate::Complex32
    };
    (C128) => {
        $crate::Complex64
    };
}

/// Calls `$body` with the type alias `$T` bound to the element type of `$dtype`.
///
/// This is the one place that turns a run-time [`DType`] into a compile-time type; every
/// run-time dispatch in oxarray goes through it (or through
/// [`dispatch_dyn!`](crate::dispatch_dyn), which shares its table).
///
/// ```
/// use oxarray_core::{dispatch_dtype, DType, Element};
/// fn itemsize(d: DType) -> usize {
///     dispatch_dtype!(d, T => std::mem::size_of::<T>())
/// }
/// assert_eq!(itemsize(DType::C64), 8);
/// ```
///
/// An operation defined for some dtypes only lists them in brackets and handles the others in
/// a fallback arm:
///
/// ```
/// use oxarray_core::{dispatch_dtype, DType};
/// fn bits(d: DType) -> Option<u32> {
///     dispatch_dtype!(d, T => Some(T::BITS); [I8 I16 I32 I64], _ => None)
/// }
/// assert_eq!(bits(DType::I16), Some(16));
/// assert_eq!(bits(DType::F32), None);
/// ```
#[macro_export]
macro_rules! dispatch_dtype {
    ($dtype:expr, $T:ident => $body:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body;
            [Bool I8 I16 I32 I64 U8 U16 U32 U64 F16 BF16 F32 F64 C64 C128])
    };
    ($dtype:expr, $T:ident => $body:expr; [$($v:ident)*] $(, $other:pat => $fallback:expr)?) => {{
        match $dtype {
            $($crate::DType::$v => {
                #[allow(dead_code)]
                type $T = $crate::element_type!($v);
                $body
            })*
            $(#[allow(unreachable_patterns)] $other => $fallback,)?
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_follow_numpy_astype() {
        assert_eq!(300i32.cast::<u8>(), 44);
        assert_eq!((-1i8).cast::<u16>(), u16::MAX);
        assert_eq!(2.9f32.cast::<i64>(), 2);
        assert!(0.1f64.cast::<bool>());
        assert!(!0.0f64.cast::<bool>());
        assert_eq!(Complex64::new(3.5, 1.0).cast::<f32>(), 3.5);
        assert_eq!(true.cast::<Complex32>(), Complex32::new(1.0, 0.0));
        assert_eq!(u64::MAX.cast::<i64>(), -1);
        assert_eq!(1.5f64.cast::<f16>(), f16::from_f32(1.5));
    }
}
