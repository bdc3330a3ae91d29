//! `mean`, `var`, `std` and the fused `mean_std` / `mean_var`.
//!
//! The variance is computed as NumPy computes it, in two passes for accuracy: the mean, then
//! the pairwise sum of squared deviations `|x - mean|²`, divided by `max(n - ddof, 0)`. Both
//! passes run the same layout-aware pairwise loop as `sum`, so `std(axis=0)` of a C-order
//! matrix reads each row contiguously, twice, and allocates nothing the size of the input.

use std::marker::PhantomData;

use oxarray_core::{Array, ArrayView, ArrayViewMut, AsArrayView, Element, Result, WriteArray};

use super::axes::{check_out_shape, reduce_mask, reduced_count, reduced_shape};
use super::element::{Accumulator, FloatAccumulator, RealAccumulator, ReduceElement};
use super::engine::{Empty, Param, reduce_checked, reduce_into, reduce_to_vec};
use super::pairwise::Fold;
use super::sum::simple_fold;

/// The real accumulator of `T`'s variance.
pub(crate) type RealOf<T> = <<T as ReduceElement>::MeanAcc as FloatAccumulator>::Real;

simple_fold!(
    /// Addition in the mean accumulator.
    MeanFold, T::MeanAcc, |x| x.to_mean_acc(), |a, b| a.acc_add(b)
);

/// `|x - mean|²`, the mean being the parameter.
pub(crate) struct SqDevFold<T>(PhantomData<fn() -> T>);

impl<T: ReduceElement> Fold for SqDevFold<T> {
    type In = T;
    type Par = T::MeanAcc;
    type Acc = RealOf<T>;
    #[inline(always)]
    fn load(&self, x: T, mean: T::MeanAcc) -> RealOf<T> {
        x.to_mean_acc().acc_sub(mean).abs2()
    }
    #[inline(always)]
    fn combine(&self, a: RealOf<T>, b: RealOf<T>) -> RealOf<T> {
        a.acc_add(b)
    }
}

/// `sum / n` as NumPy computes a mean (the sum starting from the identity).
#[inline(always)]
pub(crate) fn divide<A: FloatAccumulator>(sum: A, n: usize) -> A {
    A::zero().acc_add(sum).div_real(A::Real::from_count(n))
}

/// Pass 1: the mean of every output in the mean accumulator, C order of the kept axes.
fn means<T: ReduceElement>(a: &ArrayView<'_, T>, mask: &[bool], n: usize) -> Vec<T::MeanAcc> {
    let nan = divide(T::MeanAcc::zero(), 0);
    reduce_to_vec(
        &MeanFold::<T>::NEW,
        a,
        mask,
        &Param::none(a.ndim()),
        nan,
        |acc| divide(acc, n),
    )
}

/// Pass 2: `finish(variance)` of every output into `out`, given the means of pass 1.
fn variance_into<T: ReduceElement, O: Element>(
    a: &ArrayView<'_, T>,
    mask: &[bool],
    means: &[T::MeanAcc],
    ddof: usize,
    out: &mut ArrayViewMut<'_, O>,
    finish: impl Fn(RealOf<T>) -> O + Sync,
) {
    let n = reduced_count(a.shape(), mask);
    let dof = n.saturating_sub(ddof);
    if n == 0 {
        out.fill(finish(divide(RealOf::<T>::zero(), 0)));
        return;
    }
    let par = Param::per_output(means, a.shape(), mask);
    let fold = SqDevFold::<T>(PhantomData);
    reduce_into(&fold, a, mask, &par, out, |acc| finish(divide(acc, dof)));
}

/// The mean over `axes` (all when `None`), NumPy's `mean`: a pairwise sum divided by the
/// count. Integers and bool average in float64, float16 in float32 (result float16). An empty
/// mean is NaN.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::mean;
/// let m = array![[1, 2], [3, 5]];
/// assert_eq!(mean(&m, Some(&[0]), false)?.to_vec(), vec![2.0, 3.5]);
/// assert_eq!(mean(&m, None, false)?.to_vec(), vec![2.75]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn mean<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T::Mean>> {
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    let mut out = Array::zeros(reduced_shape(a.shape(), &mask, keepdims))?;
    mean_checked(&a, &mask, &mut out.view_mut())?;
    Ok(out)
}

/// [`mean`] written into `out`, which must have the result shape.
pub fn mean_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<T::Mean>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    check_out_shape(&reduced_shape(a.shape(), &mask, keepdims), out.shape())?;
    mean_checked(&a, &mask, out)
}

fn mean_checked<T: ReduceElement>(
    a: &ArrayView<'_, T>,
    mask: &[bool],
    out: &mut ArrayViewMut<'_, T::Mean>,
) -> Result<()> {
    let n = reduced_count(a.shape(), mask);
    let nan = T::mean_from_acc(divide(T::MeanAcc::zero(), 0));
    reduce_checked(
        &MeanFold::<T>::NEW,
        a,
        mask,
        out,
        Empty::Value(nan),
        |acc| T::mean_from_acc(divide(acc, n)),
    )
}

/// The variance over `axes`, NumPy's `var`: `sum(|x - mean|²) / max(n - ddof, 0)`, in two
/// passes (NumPy's accuracy). Integers give float64, complex numbers their real type. When
/// `n <= ddof` the result is `inf` or NaN, as in NumPy.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::var;
/// let a = array![1.0, 2.0, 3.0, 4.0];
/// assert_eq!(var(&a, None, 0, false)?.to_vec(), vec![1.25]);
/// assert_eq!(var(&a, None, 1, false)?.to_vec(), vec![5.0 / 3.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn var<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<Array<T::Var>> {
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    let mut out = Array::zeros(reduced_shape(a.shape(), &mask, keepdims))?;
    let means = means(&a, &mask, reduced_count(a.shape(), &mask));
    variance_into(
        &a,
        &mask,
        &means,
        ddof,
        &mut out.view_mut(),
        T::var_from_acc,
    );
    Ok(out)
}

/// [`var`] written into `out`, which must have the result shape.
pub fn var_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
    out: &mut impl WriteArray<T::Var>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    check_out_shape(&reduced_shape(a.shape(), &mask, keepdims), out.shape())?;
    let means = means(&a, &mask, reduced_count(a.shape(), &mask));
    variance_into(&a, &mask, &means, ddof, out, T::var_from_acc);
    Ok(())
}

/// The standard deviation over `axes`, NumPy's `std`: the square root of [`var`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::std;
/// let m = array![[1.0, 10.0], [3.0, 10.0]];
/// assert_eq!(std(&m, Some(&[0]), 0, false)?.to_vec(), vec![1.0, 0.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn std<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<Array<T::Var>> {
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    let mut out = Array::zeros(reduced_shape(a.shape(), &mask, keepdims))?;
    let means = means(&a, &mask, reduced_count(a.shape(), &mask));
    variance_into(&a, &mask, &means, ddof, &mut out.view_mut(), |v| {
        T::var_from_acc(v.sqrt())
    });
    Ok(out)
}

/// [`std`] written into `out`, which must have the result shape.
pub fn std_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
    out: &mut impl WriteArray<T::Var>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    let a = a.as_view();
    let mask = reduce_mask(a.ndim(), axes)?;
    check_out_shape(&reduced_shape(a.shape(), &mask, keepdims), out.shape())?;
    let means = means(&a, &mask, reduced_count(a.shape(), &mask));
    variance_into(&a, &mask, &means, ddof, out, |v| T::var_from_acc(v.sqrt()));
    Ok(())
}

/// The mean and a function of the variance from one call: two passes over `a`, no temporary
/// the size of `a`, and the pass-1 means reused rather than recomputed.
#[allow(clippy::type_complexity)]
fn mean_and<T: ReduceElement>(
    a: &ArrayView<'_, T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
    finish: impl Fn(RealOf<T>) -> T::Var + Sync,
) -> Result<(Array<T::Mean>, Array<T::Var>)> {
    let mask = reduce_mask(a.ndim(), axes)?;
    let shape = reduced_shape(a.shape(), &mask, keepdims);
    let means = means(a, &mask, reduced_count(a.shape(), &mask));
    let mut spread = Array::zeros(shape.as_slice())?;
    variance_into(a, &mask, &means, ddof, &mut spread.view_mut(), finish);
    let mean = Array::from_vec(means.iter().map(|&m| T::mean_from_acc(m)).collect(), shape)?;
    Ok((mean, spread))
}

/// The mean and the standard deviation over `axes` from one call (the two passes of [`std`],
/// with the mean of the first pass returned rather than recomputed). This is what
/// standardising columns, `(m - m.mean(0)) / m.std(0)`, needs.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::mean_std;
/// let m = array![[1.0, 10.0], [3.0, 10.0]];
/// let (mu, sigma) = mean_std(&m, Some(&[0]), 0, false)?;
/// assert_eq!(mu.to_vec(), vec![2.0, 10.0]);
/// assert_eq!(sigma.to_vec(), vec![1.0, 0.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[allow(clippy::type_complexity)]
pub fn mean_std<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<(Array<T::Mean>, Array<T::Var>)> {
    mean_and(&a.as_view(), axes, ddof, keepdims, |v| {
        T::var_from_acc(v.sqrt())
    })
}

/// The mean and the variance over `axes` from one call (see [`mean_std`]).
#[allow(clippy::type_complexity)]
pub fn mean_var<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<(Array<T::Mean>, Array<T::Var>)> {
    mean_and(&a.as_view(), axes, ddof, keepdims, T::var_from_acc)
}
