//! `DynArray`: an array whose element type is known only at run time (a loaded `.npy`, an
//! Arrow column, a mixed-dtype expression).

use crate::array::{Array, ArrayView};
use crate::dtype::DType;
use crate::element::{Complex32, Complex64, Element, Scalar};
use crate::error::{Error, Result};
use crate::promote::{Casting, can_cast, result_type};
use crate::shape_arg::IntoShape;
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
///
/// `Debug` prints NumPy's `repr` and `Display` its `str`, as for [`Array`].
#[derive(Clone)]
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
/// type alias `$T` to its element type. It expands the one dtype table of
/// [`dispatch_dtype!`](crate::dispatch_dtype); a bracketed list of variants with a fallback arm
/// restricts it to the dtypes an operation supports.
///
/// ```
/// use oxarray_core::{array, dispatch_dyn, DynArray};
/// let d: DynArray = array![1.5f32, 2.5].into_dyn();
/// let n = dispatch_dyn!(&d, a: T => a.len() * std::mem::size_of::<T>());
/// assert_eq!(n, 8);
/// let floats_only = dispatch_dyn!(&d, a: _T => Some(a.len()); [F32 F64], _ => None);
/// assert_eq!(floats_only, Some(2));
/// ```
#[macro_export]
macro_rules! dispatch_dyn {
    ($value:expr, $a:ident : $T:ident => $body:expr) => {
        $crate::dispatch_dyn!($value, $a: $T => $body;
            [Bool I8 I16 I32 I64 U8 U16 U32 U64 F16 BF16 F32 F64 C64 C128])
    };
    ($value:expr, $a:ident : $T:ident => $body:expr; [$($v:ident)*] $(, $other:pat => $fallback:expr)?) => {{
        match $value {
            $($crate::DynArray::$v($a) => {
                #[allow(dead_code)]
                type $T = $crate::element_type!($v);
                $body
            })*
            $(#[allow(unreachable_patterns)] $other => $fallback,)?
        }
    }};
}

impl DynArray {
    /// An array of `dtype` filled with zeros (NumPy's `np.zeros(shape, dtype)`).
    ///
    /// ```
    /// use oxarray_core::{DType, DynArray, Scalar};
    /// let z = DynArray::zeros(DType::U16, [2, 3])?;
    /// assert_eq!((z.dtype(), z.shape()), (DType::U16, &[2, 3][..]));
    /// assert_eq!(z.get(&[1, 2])?, Scalar::UInt(0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn zeros(dtype: DType, shape: impl IntoShape) -> Result<DynArray> {
        crate::dispatch_dtype!(dtype, T => Ok(Array::<T>::zeros(shape)?.into_dyn()))
    }

    /// An array of `dtype` filled with `value`, cast with `astype` semantics
    /// (NumPy's `np.full(shape, value, dtype)`).
    pub fn full(dtype: DType, shape: impl IntoShape, value: Scalar) -> Result<DynArray> {
        crate::dispatch_dtype!(dtype, T => Ok(Array::<T>::full(shape, T::from_scalar(value))?.into_dyn()))
    }

    /// A 0-dimensional array of `dtype` holding `value` (cast with `astype` semantics).
    ///
    /// ```
    /// use oxarray_core::{DType, DynArray, Scalar};
    /// let s = DynArray::from_scalar(DType::F32, Scalar::Int(3));
    /// assert_eq!(s.ndim(), 0);
    /// assert_eq!(s.item()?, Scalar::Float(3.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn from_scalar(dtype: DType, value: Scalar) -> DynArray {
        crate::dispatch_dtype!(dtype, T => Array::<T>::from_scalar(T::from_scalar(value)).into_dyn())
    }

    /// A C-order array of `dtype` from values in C order, each cast with `astype` semantics.
    /// Errors when `values` does not have `shape`'s number of elements.
    ///
    /// ```
    /// use oxarray_core::{DType, DynArray, Scalar};
    /// let a = DynArray::from_scalars(DType::I8, &[Scalar::Int(1), Scalar::Float(2.9)], [2])?;
    /// assert_eq!(a.to_vec_scalar(), vec![Scalar::Int(1), Scalar::Int(2)]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn from_scalars(
        dtype: DType,
        values: &[Scalar],
        shape: impl IntoShape,
    ) -> Result<DynArray> {
        crate::dispatch_dtype!(dtype, T => {
            let data: Vec<T> = values.iter().map(|&v| T::from_scalar(v)).collect();
            Ok(Array::<T>::from_vec(data, shape)?.into_dyn())
        })
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        dispatch_dyn!(self, _a: T => T::DTYPE)
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        dispatch_dyn!(self, a: _T => a.shape())
    }

    /// The strides, in elements.
    pub fn strides(&self) -> &[isize] {
        dispatch_dyn!(self, a: _T => a.strides())
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

    /// [`astype`](Self::astype) under a casting rule (NumPy's `astype(dtype, casting=...)`):
    /// [`Error::CastError`] when the rule forbids the cast from this dtype to `dtype`.
    ///
    /// ```
    /// use oxarray_core::{array, Casting, DType};
    /// let d = array![1.5f64, 2.0].into_dyn();
    /// assert!(d.astype_with(DType::F32, Casting::SameKind).is_ok());
    /// assert!(d.astype_with(DType::F32, Casting::Safe).is_err());
    /// assert!(d.astype_with(DType::I32, Casting::SameKind).is_err());
    /// ```
    pub fn astype_with(&self, dtype: DType, casting: Casting) -> Result<DynArray> {
        let from = self.dtype();
        if !can_cast(from, dtype, casting) {
            return Err(Error::CastError {
                from,
                to: dtype,
                rule: casting.name(),
            });
        }
        Ok(self.astype(dtype))
    }

    /// Both arrays cast to their common dtype ([`result_type`], NumPy 2 promotion): the first
    /// step of a binary operation on mixed dtypes. An array already of that dtype is shared,
    /// not copied.
    ///
    /// ```
    /// use oxarray_core::{array, DType, DynArray};
    /// let a = array![1i8, 2].into_dyn();
    /// let b = array![3u8, 4].into_dyn();
    /// let (a2, b2) = DynArray::promote_pair(&a, &b);
    /// assert_eq!((a2.dtype(), b2.dtype()), (DType::I16, DType::I16));
    /// ```
    pub fn promote_pair(a: &DynArray, b: &DynArray) -> (DynArray, DynArray) {
        let common = result_type(a.dtype(), b.dtype());
        (a.astype(common), b.astype(common))
    }

    /// The element at `index` (negative entries count from the end of their axis), widened
    /// to a [`Scalar`].
    ///
    /// ```
    /// use oxarray_core::{array, Scalar};
    /// let d = array![[1u8, 2], [3, 4]].into_dyn();
    /// assert_eq!(d.get(&[1, -1])?, Scalar::UInt(4));
    /// assert!(d.get(&[2, 0]).is_err());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn get(&self, index: &[isize]) -> Result<Scalar> {
        dispatch_dyn!(self, a: _T => a.get(index).map(|v| v.to_scalar()))
    }

    /// The only element of a one-element array (NumPy's `item()`).
    pub fn item(&self) -> Result<Scalar> {
        dispatch_dyn!(self, a: _T => a.item().map(|v| v.to_scalar()))
    }

    /// Every element in logical C order, widened to [`Scalar`]s.
    pub fn to_vec_scalar(&self) -> Vec<Scalar> {
        dispatch_dyn!(self, a: _T => a.iter().map(|v| v.to_scalar()).collect())
    }

    /// A typed read-only view, when the dtype is `T`.
    ///
    /// ```
    /// use oxarray_core::{array, DynArray};
    /// let d: DynArray = array![1.0f32, 2.0].into_dyn();
    /// assert_eq!(d.view::<f32>()?.to_vec(), vec![1.0, 2.0]);
    /// assert!(d.view::<f64>().is_err());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn view<T: Element>(&self) -> Result<ArrayView<'_, T>> {
        self.as_array::<T>().map(Array::view)
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

impl std::fmt::Debug for DynArray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        dispatch_dyn!(self, a: _T => std::fmt::Debug::fmt(a, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array;

    #[test]
    fn zeros_full_and_scalars() {
        for dtype in DType::ALL {
            let z = DynArray::zeros(dtype, [2, 2]).unwrap();
            assert_eq!(z.dtype(), dtype);
            assert!(z.to_vec_scalar().iter().all(|s| s.as_f64() == 0.0));
            let f = DynArray::full(dtype, 3, Scalar::Int(1)).unwrap();
            assert!(
                f.to_vec_scalar().iter().all(|s| s.as_f64() == 1.0),
                "{dtype}"
            );
            let s = DynArray::from_scalar(dtype, Scalar::Bool(true));
            assert_eq!(s.item().unwrap().as_f64(), 1.0);
        }
        assert!(DynArray::zeros(DType::F64, [usize::MAX, 2]).is_err());
        assert!(DynArray::from_scalars(DType::I32, &[Scalar::Int(1)], [2]).is_err());
    }

    #[test]
    fn astype_with_follows_can_cast() {
        let d = array![1i64, -2].into_dyn();
        for to in DType::ALL {
            for rule in Casting::ALL {
                let r = d.astype_with(to, rule);
                assert_eq!(r.is_ok(), can_cast(DType::I64, to, rule), "{to} {rule:?}");
                if let Err(e) = r {
                    assert!(matches!(
                        e,
                        Error::CastError {
                            from: DType::I64,
                            ..
                        }
                    ));
                }
            }
        }
    }

    #[test]
    fn promote_pair_casts_to_the_result_type() {
        let a = array![1u64, 2].into_dyn();
        let b = array![-1i64, 5].into_dyn();
        let (a2, b2) = DynArray::promote_pair(&a, &b);
        assert_eq!((a2.dtype(), b2.dtype()), (DType::F64, DType::F64));
        assert_eq!(
            b2.to_vec_scalar(),
            vec![Scalar::Float(-1.0), Scalar::Float(5.0)]
        );
        let c = array![1.5f32].into_dyn();
        let (c2, c3) = DynArray::promote_pair(&c, &c);
        assert_eq!((c2.dtype(), c3.dtype()), (DType::F32, DType::F32));
    }

    #[test]
    fn item_and_get_report_errors() {
        let d = array![1i32, 2].into_dyn();
        assert!(d.item().is_err());
        assert_eq!(d.get(&[-2]).unwrap(), Scalar::Int(1));
        assert!(matches!(d.get(&[0, 0]), Err(Error::TooManyIndices { .. })));
        assert_eq!(d.strides(), &[1]);
    }

    #[test]
    fn debug_is_numpy_repr() {
        let d = array![1i32, 2].into_dyn();
        assert_eq!(format!("{d:?}"), "array([1, 2], dtype=int32)");
        assert_eq!(format!("{d}"), "[1 2]");
    }
}
