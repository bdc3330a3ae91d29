//! Method syntax for the common reductions: `m.sum_axis(0)`, `m.mean_all()`, `m.std_axis(0, 1)`.

use oxarray_core::{Array, AsArrayView, Result};

use super::arg::{argmax, argmin};
use super::cum::cumsum;
use super::element::ReduceElement;
use super::minmax::{max, min};
use super::stats::{mean, std, var};
use super::sum::{prod, sum};

/// The only element of a full reduction's 0-d result.
fn scalar<T: oxarray_core::Element>(a: Array<T>) -> T {
    *a.iter()
        .next()
        .expect("a full reduction has exactly one element")
}

/// Reductions as methods of every array type ([`Array`], views, references to them). Each is
/// a shorthand for the NumPy-named function of the same family; `*_all` reduces every axis to
/// a scalar, `*_axis` one axis (negative counts from the end).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::ReduceExt;
/// let m = array![[1.0, 2.0], [3.0, 6.0]];
/// assert_eq!(m.sum_all(), 12.0);
/// assert_eq!(m.mean_axis(0)?.to_vec(), vec![2.0, 4.0]);
/// assert_eq!(m.std_axis(-1, 0)?.to_vec(), vec![0.5, 1.5]);
/// assert_eq!(m.t().argmax_all()?, 3); // flat index in the transposed view's C order
/// assert_eq!(m.max_all()?, 6.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait ReduceExt<T: ReduceElement>: AsArrayView<T> {
    /// The sum of all elements ([`sum`](crate::sum) with `axes = None`).
    fn sum_all(&self) -> T::Sum {
        scalar(sum(&self.as_view(), None, false).expect("no axes to get wrong"))
    }

    /// The sum along `axis`.
    fn sum_axis(&self, axis: isize) -> Result<Array<T::Sum>> {
        sum(&self.as_view(), Some(&[axis]), false)
    }

    /// The product of all elements.
    fn prod_all(&self) -> T::Sum {
        scalar(prod(&self.as_view(), None, false).expect("no axes to get wrong"))
    }

    /// The product along `axis`.
    fn prod_axis(&self, axis: isize) -> Result<Array<T::Sum>> {
        prod(&self.as_view(), Some(&[axis]), false)
    }

    /// The mean of all elements (NaN when empty).
    fn mean_all(&self) -> T::Mean {
        scalar(mean(&self.as_view(), None, false).expect("no axes to get wrong"))
    }

    /// The mean along `axis`.
    fn mean_axis(&self, axis: isize) -> Result<Array<T::Mean>> {
        mean(&self.as_view(), Some(&[axis]), false)
    }

    /// The variance of all elements with `ddof` delta degrees of freedom.
    fn var_all(&self, ddof: usize) -> T::Var {
        scalar(var(&self.as_view(), None, ddof, false).expect("no axes to get wrong"))
    }

    /// The variance along `axis`.
    fn var_axis(&self, axis: isize, ddof: usize) -> Result<Array<T::Var>> {
        var(&self.as_view(), Some(&[axis]), ddof, false)
    }

    /// The standard deviation of all elements.
    fn std_all(&self, ddof: usize) -> T::Var {
        scalar(std(&self.as_view(), None, ddof, false).expect("no axes to get wrong"))
    }

    /// The standard deviation along `axis`.
    fn std_axis(&self, axis: isize, ddof: usize) -> Result<Array<T::Var>> {
        std(&self.as_view(), Some(&[axis]), ddof, false)
    }

    /// The minimum of all elements (NaN if any is NaN); an error when empty.
    fn min_all(&self) -> Result<T> {
        min(&self.as_view(), None, false).map(scalar)
    }

    /// The minimum along `axis`.
    fn min_axis(&self, axis: isize) -> Result<Array<T>> {
        min(&self.as_view(), Some(&[axis]), false)
    }

    /// The maximum of all elements (NaN if any is NaN); an error when empty.
    fn max_all(&self) -> Result<T> {
        max(&self.as_view(), None, false).map(scalar)
    }

    /// The maximum along `axis`.
    fn max_axis(&self, axis: isize) -> Result<Array<T>> {
        max(&self.as_view(), Some(&[axis]), false)
    }

    /// The flat (C order) index of the first minimum; an error when empty.
    fn argmin_all(&self) -> Result<usize> {
        argmin(&self.as_view(), None, false).map(|a| scalar(a) as usize)
    }

    /// The indices of the first minima along `axis`.
    fn argmin_axis(&self, axis: isize) -> Result<Array<i64>> {
        argmin(&self.as_view(), Some(axis), false)
    }

    /// The flat (C order) index of the first maximum; an error when empty.
    fn argmax_all(&self) -> Result<usize> {
        argmax(&self.as_view(), None, false).map(|a| scalar(a) as usize)
    }

    /// The indices of the first maxima along `axis`.
    fn argmax_axis(&self, axis: isize) -> Result<Array<i64>> {
        argmax(&self.as_view(), Some(axis), false)
    }

    /// The running sum along `axis`.
    fn cumsum_axis(&self, axis: isize) -> Result<Array<T::Sum>> {
        cumsum(&self.as_view(), Some(axis))
    }
}

impl<T: ReduceElement, A: AsArrayView<T> + ?Sized> ReduceExt<T> for A {}
