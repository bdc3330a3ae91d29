//! Sorting, searching, sets and statistics under NumPy's names (crate `oxarray-sort`).
//!
//! These return `oxarray_sort::Result`, whose error converts into [`oxarray::Error`](crate::Error)
//! with `?`.
//!
//! ```
//! use oxarray::prelude::*;
//! let a = array![[3.0, f64::NAN, 1.0], [2.0, 0.5, 2.0]];
//! let s = ox::sort(&a, Some(-1), ox::SortKind::default())?;         // np.sort(a)
//! assert_eq!(s.to_vec()[3..], [0.5, 2.0, 2.0]);
//! let i = ox::argsort(&a, Some(0), ox::SortKind::Stable)?;          // np.argsort(a, 0, stable=True)
//! assert_eq!(i.to_vec(), vec![1, 1, 0, 0, 0, 1]);
//! let u = ox::unique(&array![2, 1, 2], ox::UniqueOptions::default())?;
//! assert_eq!(u.values.to_vec(), vec![1, 2]);
//! let m = ox::median(&array![1.0, 3.0, 2.0], None, false)?;        // np.median
//! assert_eq!(m.to_vec(), vec![2.0]);
//! let h = ox::histogram(&array![0.0, 1.0, 1.0], ox::Bins::Count(2), None, None, false)?;
//! assert_eq!(h.hist.to_vec(), vec![1.0, 2.0]);
//! # Ok::<(), oxarray::Error>(())
//! ```

pub use oxarray_sort::stats::{
    Average, Bins, Histogram, QuantileMethod, average, bincount, corrcoef, cov, diff, digitize,
    ediff1d, gradient, histogram, histogram_bin_edges, histogram2d, interp, median, nanmedian,
    nanpercentile, nanquantile, percentile, ptp, quantile, trapezoid,
};
pub use oxarray_sort::{
    Intersection, Side, SortExt, SortKind, Unique, UniqueOptions, argpartition, argsort,
    intersect1d, isin, lexsort, partition, searchsorted, setdiff1d, setxor1d, sort, union1d,
    unique,
};
