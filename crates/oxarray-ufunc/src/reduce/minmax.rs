//! `min`, `max` (NaN-propagating, as NumPy's) and `nanmin`, `nanmax` (NaN-ignoring).

use oxarray_core::{Array, AsArrayView, Result, WriteArray};

use super::element::ReduceElement;
use super::engine::{Empty, reduce_new, reduce_out};
use super::pairwise::Fold;
use super::sum::simple_fold;

simple_fold!(
    /// The smaller value; NaN wins.
    MinFold, T, |x| x, |a, b| if b.less(a) || b.is_nan() { b } else { a }
);
simple_fold!(
    /// The larger value; NaN wins.
    MaxFold, T, |x| x, |a, b| if a.less(b) || b.is_nan() { b } else { a }
);
simple_fold!(
    /// The smaller value, NaN ignored (NumPy's `fmin`).
    NanMinFold, T, |x| x, |a, b| if a.is_nan() || b.less(a) { b } else { a }
);
simple_fold!(
    /// The larger value, NaN ignored (NumPy's `fmax`).
    NanMaxFold, T, |x| x, |a, b| if a.is_nan() || a.less(b) { b } else { a }
);

/// The minimum over `axes` (all when `None`), NumPy's `min`/`amin`: NaN if any element of the
/// reduction is NaN; complex numbers compare lexicographically.
///
/// Errors: reducing zero elements is an
/// [`InvalidArgument`](oxarray_core::Error::InvalidArgument) error ("zero-size array to
/// reduction operation minimum which has no identity"), as in NumPy; bad `axes` as for
/// [`sum`](crate::sum).
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_ufunc::min;
/// let m = array![[3.0, 1.0], [2.0, f64::NAN]];
/// assert_eq!(min(&m, Some(&[0]), false)?.to_vec()[0], 2.0);
/// assert!(min(&m, Some(&[0]), false)?.to_vec()[1].is_nan());
/// assert!(min(&Array::<f64>::zeros([0])?, None, false).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn min<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T>> {
    reduce_new(
        &MinFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        Empty::Error("minimum"),
        |x| x,
    )
}

/// [`min`] written into `out`, which must have the result shape.
pub fn min_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<T>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    reduce_out(
        &MinFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        out,
        Empty::Error("minimum"),
        |x| x,
    )
}

/// The maximum over `axes`, NumPy's `max`/`amax` (see [`min`]).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::max;
/// let m = array![[3, 1], [2, 7]];
/// assert_eq!(max(&m, Some(&[1]), true)?.to_vec(), vec![3, 7]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn max<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T>> {
    reduce_new(
        &MaxFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        Empty::Error("maximum"),
        |x| x,
    )
}

/// [`max`] written into `out`, which must have the result shape.
pub fn max_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<T>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    reduce_out(
        &MaxFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        out,
        Empty::Error("maximum"),
        |x| x,
    )
}

/// The minimum ignoring NaN, NumPy's `nanmin`: NaN only where every element is NaN; an error
/// for an empty reduction (as NumPy's "zero-size array to reduction operation fmin").
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::nanmin;
/// let a = array![f64::NAN, 2.0, 1.0];
/// assert_eq!(nanmin(&a, None, false)?.to_vec(), vec![1.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nanmin<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T>> {
    reduce_new(
        &NanMinFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        Empty::Error("fmin"),
        |x| x,
    )
}

/// The maximum ignoring NaN, NumPy's `nanmax` (see [`nanmin`]).
pub fn nanmax<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T>> {
    reduce_new(
        &NanMaxFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        Empty::Error("fmax"),
        |x| x,
    )
}
