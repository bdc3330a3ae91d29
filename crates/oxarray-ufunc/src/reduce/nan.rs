//! The NaN-ignoring statistics: `nanmean`, `nanvar`, `nanstd`. (`nansum`, `nanprod`,
//! `nanmin`, `nanmax`, `nanargmin`, `nanargmax` and the `nancum*` live beside their NaN-
//! propagating twins.)
//!
//! Each output counts its non-NaN elements in the same pass as it sums them, so the mean is
//! `nansum / count` with the pairwise sum of `nansum`, as NumPy computes it.

use std::marker::PhantomData;

use oxarray_core::{Array, ArrayView, AsArrayView, Element, Result};

use super::axes::{reduce_mask, reduced_count, reduced_shape};
use super::element::{Accumulator, FloatAccumulator, RealAccumulator, ReduceElement};
use super::engine::{Param, reduce_into, reduce_to_vec};
use super::pairwise::Fold;
use super::stats::{RealOf, divide};

/// The sum of the non-NaN values and their count.
struct NanMeanFold<T>(PhantomData<fn() -> T>);

impl<T: ReduceElement> Fold for NanMeanFold<T> {
    type In = T;
    type Par = ();
    type Acc = (T::MeanAcc, usize);
    #[inline(always)]
    fn load(&self, x: T, _: ()) -> Self::Acc {
        if x.is_nan() {
            (T::MeanAcc::zero(), 0)
        } else {
            (x.to_mean_acc(), 1)
        }
    }
    #[inline(always)]
    fn combine(&self, a: Self::Acc, b: Self::Acc) -> Self::Acc {
        (a.0.acc_add(b.0), a.1 + b.1)
    }
}

/// `|x - mean|²` over the non-NaN values and their count; the mean is the parameter.
struct NanSqDevFold<T>(PhantomData<fn() -> T>);

impl<T: ReduceElement> Fold for NanSqDevFold<T> {
    type In = T;
    type Par = T::MeanAcc;
    type Acc = (RealOf<T>, usize);
    #[inline(always)]
    fn load(&self, x: T, mean: T::MeanAcc) -> Self::Acc {
        if x.is_nan() {
            (RealOf::<T>::zero(), 0)
        } else {
            (x.to_mean_acc().acc_sub(mean).abs2(), 1)
        }
    }
    #[inline(always)]
    fn combine(&self, a: Self::Acc, b: Self::Acc) -> Self::Acc {
        (a.0.acc_add(b.0), a.1 + b.1)
    }
}

/// The NaN-ignoring means (NaN where a slice has no number), C order of the kept axes.
fn nan_means<T: ReduceElement>(a: &ArrayView<'_, T>, mask: &[bool]) -> Vec<T::MeanAcc> {
    let nan = divide(T::MeanAcc::zero(), 0);
    reduce_to_vec(
        &NanMeanFold::<T>(PhantomData),
        a,
        mask,
        &Param::none(a.ndim()),
        nan,
        |(sum, count)| divide(sum, count),
    )
}

/// The mean ignoring NaN, NumPy's `nanmean`: NaN for a slice with no number (NumPy warns).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::nanmean;
/// let m = array![[1.0, f64::NAN], [3.0, f64::NAN]];
/// let mu = nanmean(&m, Some(&[0]), false)?.to_vec();
/// assert_eq!(mu[0], 2.0);
/// assert!(mu[1].is_nan());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nanmean<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T::Mean>> {
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    let shape = reduced_shape(a.shape(), &mask, keepdims);
    let means = nan_means(&a, &mask);
    Array::from_vec(means.into_iter().map(T::mean_from_acc).collect(), shape)
}

fn nan_variance<T: ReduceElement>(
    a: &ArrayView<'_, T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
    finish: impl Fn(RealOf<T>) -> T::Var + Sync,
) -> Result<Array<T::Var>> {
    let mask = reduce_mask(a.ndim(), axes)?;
    let mut out = Array::zeros(reduced_shape(a.shape(), &mask, keepdims))?;
    let nan = finish(RealOf::<T>::nan());
    if reduced_count(a.shape(), &mask) == 0 {
        out.fill(nan);
        return Ok(out);
    }
    let means = nan_means(a, &mask);
    let par = Param::per_output(&means, a.shape(), &mask);
    let fold = NanSqDevFold::<T>(PhantomData);
    reduce_into(
        &fold,
        a,
        &mask,
        &par,
        &mut out.view_mut(),
        |(sum, count)| {
            if count <= ddof {
                nan
            } else {
                finish(divide(sum, count - ddof))
            }
        },
    );
    Ok(out)
}

/// The variance ignoring NaN, NumPy's `nanvar`: NaN where fewer than `ddof + 1` numbers
/// remain.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::nanvar;
/// let a = array![1.0, f64::NAN, 3.0];
/// assert_eq!(nanvar(&a, None, 0, false)?.to_vec(), vec![1.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nanvar<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<Array<T::Var>> {
    nan_variance(&a.as_view(), axes, ddof, keepdims, T::var_from_acc)
}

/// The standard deviation ignoring NaN, NumPy's `nanstd` (see [`nanvar`]).
pub fn nanstd<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<Array<T::Var>> {
    nan_variance(&a.as_view(), axes, ddof, keepdims, |v| {
        T::var_from_acc(v.sqrt())
    })
}
