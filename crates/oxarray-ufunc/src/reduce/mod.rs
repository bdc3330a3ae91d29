//! Reductions along any set of axes, with NumPy's names, dtypes and edge cases.
//!
//! | family | functions | result dtype |
//! |---|---|---|
//! | sums | [`sum`], [`prod`], [`nansum`], [`nanprod`] | [`ReduceElement::Sum`] (int64 for bool and signed ints, uint64 for unsigned) |
//! | statistics | [`mean`], [`var`], [`std`], [`mean_std`], [`mean_var`], [`nanmean`], [`nanvar`], [`nanstd`] | [`ReduceElement::Mean`] / [`ReduceElement::Var`] (float64 for integers, real for complex) |
//! | extremes | [`min`], [`max`], [`nanmin`], [`nanmax`] | the input dtype |
//! | positions | [`argmin`], [`argmax`], [`nanargmin`], [`nanargmax`] | int64 |
//! | logic | [`all`], [`any`] | bool |
//! | running | [`cumsum`], [`cumprod`], [`nancumsum`], [`nancumprod`] | [`ReduceElement::Sum`] |
//!
//! Every function takes any array or view (`&impl AsArrayView<T>`), `axes: Option<&[isize]>`
//! (`None` for all axes; negative axes count from the end) and `keepdims`; the position and
//! running functions take one `axis: Option<isize>` (`None`: the flattened array in C order).
//! The main ones have an `out=` twin (`sum_into`, `mean_into`, ...), [`ReduceExt`] adds
//! methods (`m.sum_axis(0)`), and [`reduce_dyn`] / `sum_dyn`, `mean_dyn`, ... serve arrays
//! whose dtype is known at run time ([`DynArray`](oxarray_core::DynArray)).
//!
//! ```
//! use oxarray_core::array;
//! use oxarray_ufunc::{mean_std, sum, argmax};
//! let m = array![[1.0, 2.0, 3.0], [5.0, 4.0, 9.0]];
//! assert_eq!(sum(&m, Some(&[0]), false)?.to_vec(), vec![6.0, 6.0, 12.0]);
//! let (mu, sigma) = mean_std(&m, Some(&[0]), 0, true)?; // keepdims: shape [1, 3]
//! assert_eq!(mu.shape(), &[1, 3]);
//! assert_eq!(sigma.to_vec(), vec![2.0, 1.0, 3.0]);
//! assert_eq!(argmax(&m, Some(1), false)?.to_vec(), vec![2i64, 2]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! ## Accuracy and speed
//!
//! Floating-point sums (and means and variances) are pairwise, with NumPy's algorithm (blocks
//! of 128 summed by 8 interleaved accumulators, halving above): the rounding error grows as
//! O(log n), not O(n). NumPy is pairwise only along an axis it walks contiguously; oxarray is
//! pairwise along every axis. Reducing `axis=0` of a C-order matrix accumulates whole rows into
//! 8 interleaved rows of column sums (a contiguous, vectorised inner loop; no strided walk down
//! the columns), giving each column the exact bits that the contiguous pairwise sum of that
//! column gives: the result does not depend on the memory order of the input. Large
//! reductions split over rayon's threads at the top of the pairwise recursion, so the result
//! does not depend on the number of threads either.
//!
//! The variance is NumPy's two-pass one (the mean, then the sum of `|x - mean|²`);
//! [`mean_std`] returns the mean of the first pass with the standard deviation, for
//! standardising columns without computing the mean twice.
//!
//! ## Errors
//!
//! A bad axis is [`AxisOutOfBounds`](oxarray_core::Error::AxisOutOfBounds), a repeated one
//! [`RepeatedAxis`](oxarray_core::Error::RepeatedAxis); an `out=` array of the wrong shape
//! [`ShapeMismatch`](oxarray_core::Error::ShapeMismatch). Reductions without an identity
//! (`min`, `max`, `argmin`, ... over zero elements) and `nanargmin`/`nanargmax` of an all-NaN
//! slice are [`InvalidArgument`](oxarray_core::Error::InvalidArgument) errors with NumPy's
//! message. Empty sums are 0, empty products 1, empty means and variances NaN, as in NumPy.

mod arg;
mod axes;
mod cum;
mod dynarray;
mod element;
mod engine;
mod ext;
mod minmax;
mod nan;
mod pairwise;
mod stats;
mod sum;

pub use arg::{argmax, argmin, nanargmax, nanargmin};
pub use cum::{cumprod, cumsum, nancumprod, nancumsum};
pub use dynarray::{
    ReduceOp, all_dyn, any_dyn, argmax_dyn, argmin_dyn, cumprod_dyn, cumsum_dyn, max_dyn, mean_dyn,
    min_dyn, nanargmax_dyn, nanargmin_dyn, nancumprod_dyn, nancumsum_dyn, nanmax_dyn, nanmean_dyn,
    nanmin_dyn, nanprod_dyn, nanstd_dyn, nansum_dyn, nanvar_dyn, prod_dyn, reduce_dyn, std_dyn,
    sum_dyn, var_dyn,
};
pub use element::{Accumulator, FloatAccumulator, RealAccumulator, ReduceElement};
pub use ext::ReduceExt;
pub use minmax::{max, max_into, min, min_into, nanmax, nanmin};
pub use nan::{nanmean, nanstd, nanvar};
pub use stats::{mean, mean_into, mean_std, mean_var, std, std_into, var, var_into};
pub use sum::{all, all_into, any, any_into, nanprod, nansum, prod, prod_into, sum, sum_into};
