//! NumPy's logic and comparison functions that are not single ufuncs: `isclose`, `allclose`,
//! `array_equal`, `array_equiv`, `round` with `decimals`, `nan_to_num`, `isreal` /
//! `iscomplex`, and `cross` (in [`cross`](fn@cross)).
//!
//! Each is a call of the elementwise engine of `oxarray-core` with a (parameterised) op type
//! ([`ops::Isclose`], [`ops::Round`], [`ops::NanToNum`]) or a short chain of ufuncs, never a
//! loop of its own.
//!
//! ```
//! use oxarray_core::array;
//! use oxarray_ufunc::{allclose, array_equal, isclose, round};
//!
//! let a = array![1.0, 2.0, f64::NAN];
//! let b = array![1.0 + 1e-9, 2.1, f64::NAN];
//! assert_eq!(isclose(&a, &b, None, None, false)?.to_vec(), vec![true, false, false]);
//! assert!(!allclose(&a, &b, None, None, true)?);
//! assert!(array_equal(&a, &a, true)?);
//! assert_eq!(round(&array![0.5, 1.5, 2.675], 0)?.to_vec(), vec![0.0, 2.0, 3.0]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```

mod cross;

pub use cross::cross;

use oxarray_core::elementwise::ops::{self, BinaryOp, UnaryOp};
use oxarray_core::elementwise::{WriteArray, binary, unary, unary_inplace, unary_into};
use oxarray_core::{Array, AsArrayView, Element, Result, broadcast_shapes};

use crate::reduce::all;

/// `np.isclose(a, b, rtol, atol, equal_nan)`: elementwise `|a - b| <= atol + rtol * |b|`
/// (where `b` is finite), or `a == b`, or both NaN when `equal_nan`; `rtol` defaults to
/// `1e-5`, `atol` to `1e-8`. The operands broadcast; the test is asymmetric, as NumPy's. See
/// [`ops::Isclose`] for the arithmetic (in the float type of the inputs, integers in
/// `float64`).
///
/// ```
/// use oxarray_core::array;
/// let x = array![1e10, 1e-7, f64::INFINITY, 0.0];
/// let y = array![1.00001e10, 1e-8, f64::INFINITY, -0.0];
/// let r = oxarray_ufunc::isclose(&x, &y, None, None, false)?;
/// assert_eq!(r.to_vec(), vec![true, false, true, true]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn isclose<T: Element>(
    a: impl AsArrayView<T>,
    b: impl AsArrayView<T>,
    rtol: Option<f64>,
    atol: Option<f64>,
    equal_nan: bool,
) -> Result<Array<bool>>
where
    ops::Isclose: BinaryOp<T, Output = bool>,
{
    binary(isclose_op(rtol, atol, equal_nan), a, b)
}

fn isclose_op(rtol: Option<f64>, atol: Option<f64>, equal_nan: bool) -> ops::Isclose {
    let d = ops::Isclose::default();
    ops::Isclose {
        rtol: rtol.unwrap_or(d.rtol),
        atol: atol.unwrap_or(d.atol),
        equal_nan,
    }
}

/// `np.allclose(a, b, rtol, atol, equal_nan)`: whether [`isclose`] holds everywhere
/// (an error when the shapes do not broadcast, as NumPy's `ValueError`).
///
/// ```
/// use oxarray_core::array;
/// assert!(oxarray_ufunc::allclose(&array![1.0, 2.0], 2.0 - 1e-9, None, Some(1.0), false)?);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn allclose<T: Element>(
    a: impl AsArrayView<T>,
    b: impl AsArrayView<T>,
    rtol: Option<f64>,
    atol: Option<f64>,
    equal_nan: bool,
) -> Result<bool>
where
    ops::Isclose: BinaryOp<T, Output = bool>,
{
    all_true(&isclose(a, b, rtol, atol, equal_nan)?)
}

fn all_true(mask: &Array<bool>) -> Result<bool> {
    all(mask, None, false)?.item()
}

/// `np.array_equal(a, b, equal_nan)`: the same shape and equal elements (NaN equal to NaN
/// when `equal_nan`; complex numbers with a NaN in either part count as NaN). Different
/// shapes give `false`, not an error.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::array_equal;
/// let a = array![1.0, f64::NAN];
/// assert!(!array_equal(&a, &a, false)?);
/// assert!(array_equal(&a, &a, true)?);
/// assert!(!array_equal(&a, &array![[1.0, f64::NAN]], true)?); // shapes differ
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn array_equal<T: Element>(
    a: impl AsArrayView<T>,
    b: impl AsArrayView<T>,
    equal_nan: bool,
) -> Result<bool>
where
    ops::Equal: BinaryOp<T, Output = bool>,
    ops::Isnan: UnaryOp<T, Output = bool>,
{
    let (a, b) = (a.as_view(), b.as_view());
    if a.shape() != b.shape() {
        return Ok(false);
    }
    let equal = binary(ops::Equal, &a, &b)?;
    if !equal_nan {
        return all_true(&equal);
    }
    let both_nan = binary(
        ops::LogicalAnd,
        unary(ops::Isnan, &a)?,
        unary(ops::Isnan, &b)?,
    )?;
    all_true(&binary(ops::LogicalOr, equal, both_nan)?)
}

/// `np.array_equiv(a, b)`: the shapes broadcast together and the elements are equal
/// (shapes that do not broadcast give `false`).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::array_equiv;
/// assert!(array_equiv(&array![[1, 2], [1, 2]], &array![1, 2])?);
/// assert!(!array_equiv(&array![[1, 2], [1, 3]], &array![1, 2])?);
/// assert!(!array_equiv(&array![1, 2, 3], &array![1, 2])?);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn array_equiv<T: Element>(a: impl AsArrayView<T>, b: impl AsArrayView<T>) -> Result<bool>
where
    ops::Equal: BinaryOp<T, Output = bool>,
{
    let (a, b) = (a.as_view(), b.as_view());
    if broadcast_shapes(&[a.shape(), b.shape()]).is_err() {
        return Ok(false);
    }
    all_true(&binary(ops::Equal, &a, &b)?)
}

/// `np.round(a, decimals)` (`np.around`): half to even after scaling by `10**decimals`, as
/// NumPy computes it (so `round(2.675, 2)` is `2.67`: `267.49999...` is what `2.675 * 100`
/// gives). Negative `decimals` round to tens, hundreds, ...; integers are returned unchanged
/// for `decimals >= 0`. Complex numbers round both parts. Not for bool (NumPy's bool result
/// is `float16`, or an error when `decimals != 0`). See [`ops::Round`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::round;
/// assert_eq!(round(&array![2.5, -0.5, 1.25], 1)?.to_vec(), vec![2.5, -0.5, 1.2]);
/// assert_eq!(round(&array![1250i32, 1350, -1250], -2)?.to_vec(), vec![1200, 1400, -1200]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn round<T: Element>(a: impl AsArrayView<T>, decimals: i32) -> Result<Array<T>>
where
    ops::Round: UnaryOp<T, Output = T>,
{
    unary(ops::Round { decimals }, a)
}

/// `np.round(a, decimals, out=out)`: [`round`] into `out` (any [`WriteArray`] of `a`'s
/// broadcast shape).
///
/// ```
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f32>::zeros([2])?;
/// oxarray_ufunc::round_into(&array![0.125f32, 0.375], 2, &mut out)?;
/// assert_eq!(out.to_vec(), vec![0.12, 0.38]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn round_into<T: Element>(
    a: impl AsArrayView<T>,
    decimals: i32,
    out: &mut impl WriteArray<T>,
) -> Result<()>
where
    ops::Round: UnaryOp<T, Output = T>,
{
    unary_into(ops::Round { decimals }, a, None, out)
}

/// `np.around`: the same function as [`round`].
pub use round as around;

/// `np.nan_to_num(a, nan, posinf, neginf)`: NaN becomes `nan` (default 0.0), `+inf` becomes
/// `posinf` (default: the largest finite value of the type), `-inf` becomes `neginf` (default:
/// the most negative finite value); complex numbers part by part; integers and bool are
/// copied unchanged. See [`ops::NanToNum`].
///
/// ```
/// use oxarray_core::array;
/// let x = array![f32::NAN, f32::INFINITY, -f32::INFINITY, 1.5];
/// let y = oxarray_ufunc::nan_to_num(&x, None, None, Some(-1.0))?;
/// assert_eq!(y.to_vec(), vec![0.0, f32::MAX, -1.0, 1.5]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nan_to_num<T: Element>(
    a: impl AsArrayView<T>,
    nan: Option<f64>,
    posinf: Option<f64>,
    neginf: Option<f64>,
) -> Result<Array<T>>
where
    ops::NanToNum: UnaryOp<T, Output = T>,
{
    unary(nan_to_num_op(nan, posinf, neginf), a)
}

/// `np.nan_to_num(a, copy=False, ...)`: [`nan_to_num`] in place.
///
/// ```
/// use oxarray_core::array;
/// let mut x = array![f64::NAN, 2.0];
/// oxarray_ufunc::nan_to_num_inplace(&mut x, Some(-9.0), None, None)?;
/// assert_eq!(x.to_vec(), vec![-9.0, 2.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nan_to_num_inplace<T: Element>(
    a: &mut impl WriteArray<T>,
    nan: Option<f64>,
    posinf: Option<f64>,
    neginf: Option<f64>,
) -> Result<()>
where
    ops::NanToNum: UnaryOp<T, Output = T>,
{
    unary_inplace(nan_to_num_op(nan, posinf, neginf), a, None)
}

fn nan_to_num_op(nan: Option<f64>, posinf: Option<f64>, neginf: Option<f64>) -> ops::NanToNum {
    ops::NanToNum {
        nan: nan.unwrap_or(0.0),
        posinf,
        neginf,
    }
}

/// `np.isreal(a)`: whether each imaginary part is zero (all true for real types).
///
/// ```
/// use oxarray_core::{array, Complex64};
/// let z = array![Complex64::new(1.0, 0.0), Complex64::new(1.0, -2.0)];
/// assert_eq!(oxarray_ufunc::isreal(&z)?.to_vec(), vec![true, false]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn isreal<T: Element>(a: impl AsArrayView<T>) -> Result<Array<bool>>
where
    ops::Imag: UnaryOp<T>,
    ops::Equal: BinaryOp<<ops::Imag as UnaryOp<T>>::Output, Output = bool>,
{
    binary(ops::Equal, unary(ops::Imag, a)?, zero_d()?)
}

/// `np.iscomplex(a)`: whether each imaginary part is non-zero (all false for real types).
///
/// ```
/// use oxarray_core::{array, Complex64};
/// let z = array![Complex64::new(1.0, 0.0), Complex64::new(1.0, -2.0)];
/// assert_eq!(oxarray_ufunc::iscomplex(&z)?.to_vec(), vec![false, true]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn iscomplex<T: Element>(a: impl AsArrayView<T>) -> Result<Array<bool>>
where
    ops::Imag: UnaryOp<T>,
    ops::NotEqual: BinaryOp<<ops::Imag as UnaryOp<T>>::Output, Output = bool>,
{
    binary(ops::NotEqual, unary(ops::Imag, a)?, zero_d()?)
}

/// A 0-d zero, the array-like of a generic scalar.
fn zero_d<U: Element>() -> Result<Array<U>> {
    Array::zeros(Vec::<usize>::new())
}

/// `np.isrealobj(a)`: whether the element type is not complex.
///
/// ```
/// assert!(oxarray_ufunc::isrealobj(&oxarray_core::array![1.0f32]));
/// ```
pub fn isrealobj<T: Element>(a: impl AsArrayView<T>) -> bool {
    let _ = a;
    !T::DTYPE.is_complex()
}

/// `np.iscomplexobj(a)`: whether the element type is complex.
///
/// ```
/// use oxarray_core::{array, Complex32};
/// assert!(oxarray_ufunc::iscomplexobj(&array![Complex32::new(1.0, 0.0)]));
/// ```
pub fn iscomplexobj<T: Element>(a: impl AsArrayView<T>) -> bool {
    let _ = a;
    T::DTYPE.is_complex()
}
