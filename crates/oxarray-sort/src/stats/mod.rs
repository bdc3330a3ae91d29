//! NumPy's statistics: order statistics (`median`, `percentile`, `quantile` and their NaN
//! variants), `histogram`, `histogram2d`, `bincount`, `digitize`, and the differences and
//! integrals (`diff`, `ediff1d`, `gradient`, `interp`, `trapezoid`), `average`, `ptp`,
//! `cov`, `corrcoef`.
//!
//! Arithmetic runs in `f64`; results have NumPy's result type ([`StatsElement::Float`]:
//! `float64` for integers and bool, the input's own type for floats).

use half::{bf16, f16};
use oxarray_core::{Array, Element, Scalar};

use crate::lanes::Lanes;
use crate::{Result, SortElement};

mod histogram;
mod misc;
mod quantile;
mod select;

pub use histogram::{
    Bins, Histogram, bincount, digitize, histogram, histogram_bin_edges, histogram2d,
};
pub use misc::{Average, average, corrcoef, cov, diff, ediff1d, gradient, interp, ptp, trapezoid};
pub use quantile::{
    QuantileMethod, median, nanmedian, nanpercentile, nanquantile, percentile, quantile,
};

/// A real element type the statistics accept, with NumPy's floating result type.
///
/// ```
/// use oxarray_sort::stats::StatsElement;
/// assert_eq!(3i32.to_f64(), 3.0);
/// let x: f32 = <f32 as StatsElement>::from_f64(0.5);
/// assert_eq!(x, 0.5);
/// ```
pub trait StatsElement: SortElement {
    /// The result type of a mean or a quantile (`f64` for integers and bool).
    type Float: Element + StatsElement;

    /// The value as `f64`.
    #[inline]
    fn to_f64(self) -> f64 {
        self.cast::<f64>()
    }

    /// A result value from `f64` (rounded to nearest).
    #[inline]
    fn from_f64(x: f64) -> Self::Float {
        <Self::Float as Element>::from_scalar(Scalar::Float(x))
    }
}

macro_rules! stats_impl {
    ($($t:ty => $f:ty),*) => {$( impl StatsElement for $t { type Float = $f; } )*};
}
stats_impl!(bool => f64, i8 => f64, i16 => f64, i32 => f64, i64 => f64, u8 => f64,
    u16 => f64, u32 => f64, u64 => f64, f16 => f16, bf16 => bf16, f32 => f32, f64 => f64);

/// The result shape of a reduction over the working axis of `lanes` (`axis` as given:
/// `None` for all axes), with `keepdims`.
pub(crate) fn reduced_shape(input: &[usize], axis: Option<usize>, keepdims: bool) -> Vec<usize> {
    match (axis, keepdims) {
        (None, false) => Vec::new(),
        (None, true) => vec![1; input.len()],
        (Some(a), false) => input
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != a)
            .map(|(_, &d)| d)
            .collect(),
        (Some(a), true) => input
            .iter()
            .enumerate()
            .map(|(i, &d)| if i == a { 1 } else { d })
            .collect(),
    }
}

/// `f` of every row of `lanes`, rows in parallel when there are several.
pub(crate) fn map_rows<T: Element, U: Send>(
    lanes: &Lanes<T>,
    f: impl Fn(&[T]) -> U + Sync,
) -> Vec<U> {
    use rayon::prelude::*;
    let n = lanes.n;
    if n == 0 {
        let rows: usize = lanes.shape[..lanes.shape.len() - 1].iter().product();
        (0..rows).map(|_| f(&[])).collect()
    } else if lanes.data.len() > n {
        lanes.data.par_chunks(n).map(&f).collect()
    } else {
        lanes.data.chunks(n).map(&f).collect()
    }
}

/// Applies `f` to every row of `lanes` (one output per row) and shapes the result.
pub(crate) fn reduce_rows<T: Element, U: Element>(
    lanes: &Lanes<T>,
    input_shape: &[usize],
    axis: Option<isize>,
    keepdims: bool,
    f: impl Fn(&[T]) -> U + Sync,
) -> Result<Array<U>> {
    let out = map_rows(lanes, f);
    let shape = reduced_shape(input_shape, axis.map(|_| lanes.axis), keepdims);
    Ok(Array::from_vec(out, shape)?)
}

/// NumPy's pairwise summation of `x` as `f64` (blocks of 8 partial sums below 128 elements).
pub(crate) fn pairwise<T: StatsElement>(x: &[T]) -> f64 {
    let n = x.len();
    if n < 8 {
        let mut s = -0.0;
        for v in x {
            s += v.to_f64();
        }
        s
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        for (i, v) in r.iter_mut().enumerate() {
            *v = x[i].to_f64();
        }
        let mut i = 8;
        while i < n - n % 8 {
            for (j, v) in r.iter_mut().enumerate() {
                *v += x[i + j].to_f64();
            }
            i += 8;
        }
        let mut s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            s += x[i].to_f64();
            i += 1;
        }
        s
    } else {
        let mut m = n / 2;
        m -= m % 8;
        pairwise(&x[..m]) + pairwise(&x[m..])
    }
}
