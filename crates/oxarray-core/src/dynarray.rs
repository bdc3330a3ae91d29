//! `DynArray`: an array whose element type is known only at run time (a loaded `.npy`, an
//! Arrow column, a mixed-dtype expression).

use crate::array::Array;
use crate::dtype::DType;
use crate::element::{Complex32, Complex64, Element};
use crate::error::{Error, Result};
use half::{bf16, f16};

/// An array of any element type, tagged at run time.
///
/// ```
/// use oxarray_core::{array, DType, DynArray};
/// let d: DynArray = array![1i32, 2, 3].into_dyn();
/// assert_eq!(d.dtype(), DType::I32);
/// let f = d.astype(DType::F64);
/// assert_eq!(f.as_array::<f64>().unwrap().to_vec(), vec![1.0, 2.0, 3.0]);
/// ```
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub enum DynArray {
    Bool(Array<bool>),
    I8(Array<i8>),
    I16(Array<i16>),
    I32(Array<i32>),
    I64(Array<i64>),
    U8(Array<u8>),
    U16(Array<u16>),
    U32(Array<u32>),
    U64(Array<u64>),
    F16(Array<f16>),
    BF16(Array<bf16>),
    F32(Array<f32>),
    F64(Array<f64>),
    C64(Array<Complex32>),
    C128(Array<Complex64>),
}

/// Runs `$body` with `$a` bound to the typed array inside a [`DynArray`] (by reference) and the
/// type alias `$T` to its element type.
#[macro_export]
macro_rules! dispatch_dyn {
    ($value:expr, $a:ident : $T:ident => $body:expr) => {{
        use $crate::DynArray as __D;
        match $value {
            __D::Bool($a) => {
                type $T = bool;
                $body
            }
            __D::I8($a) => {
                type $T = i8;
                $body
            }
            __D::I16($a) => {
                type $T = i16;
                $body
            }
            __D::I32($a) => {
                type $T = i32;
                $body
            }
            __D::I64($a) => {
                type $T = i64;
                $body
            }
            __D::U8($a) => {
                type $T = u8;
                $body
            }
            __D::U16($a) => {
                type $T = u16;
                $body
            }
            __D::U32($a) => {
                type $T = u32;
                $body
            }
            __D::U64($a) => {
                type $T = u64;
                $body
            }
            __D::F16($a) => {
                type $T = $crate::f16;
                $body
            }
            __D::BF16($a) => {
                type $T = $crate::bf16;
                $body
            }
            __D::F32($a) => {
                type $T = f32;
                $body
            }
            __D::F64($a) => {
                type $T = f64;
                $body
            }
            __D::C64($a) => {
                type $T = $crate::Complex32;
                $body
            }
            __D::C128($a) => {
                type $T = $crate::Complex64;
                $body
            }
        }
    }};
}

impl DynArray {
    /// The element type.
    pub fn dtype(&self) -> DType {
        dispatch_dyn!(self, _a: T => T::DTYPE)
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        dispatch_dyn!(self, a: _T => a.shape())
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.shape().iter().product()
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A copy with elements cast to `dtype` (NumPy's `astype`, unsafe casting); no copy when
    /// the dtype is already `dtype`.
    pub fn astype(&self, dtype: DType) -> DynArray {
        if dtype == self.dtype() {
            return self.clone();
        }
        dispatch_dyn!(self, a: _S => {
            crate::dispatch_dtype!(dtype, U => a.astype::<U>().into_dyn())
        })
    }

    /// The typed array, when the dtype is `T`.
    pub fn as_array<T: Element>(&self) -> Result<&Array<T>> {
        T::from_dyn(self).ok_or(Error::DTypeMismatch {
            expected: T::DTYPE,
            got: self.dtype(),
        })
    }

    /// The typed array by value, when the dtype is `T`.
    pub fn into_array<T: Element>(self) -> Result<Array<T>> {
        T::from_dyn_owned(self).map_err(|d| Error::DTypeMismatch {
            expected: T::DTYPE,
            got: d.dtype(),
        })
    }

    /// The array cast to `T` (a copy unless it already is `T`).
    pub fn to_array<T: Element>(&self) -> Array<T> {
        match T::from_dyn(self) {
            Some(a) => a.clone(),
            None => dispatch_dyn!(self, a: _S => a.astype::<T>()),
        }
    }
}

impl<T: Element> From<Array<T>> for DynArray {
    fn from(a: Array<T>) -> Self {
        T::into_dyn(a)
    }
}

impl std::fmt::Display for DynArray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        dispatch_dyn!(self, a: _T => std::fmt::Display::fmt(a, f))
    }
}
