//! `histogram`, `histogram_bin_edges`, `histogram2d`, `bincount`, `digitize`.

use oxarray_core::{Array, ArrayView, AsArrayView};
use rayon::prelude::*;

use super::StatsElement;
use super::quantile::{QuantileMethod, percentile};
use crate::{Error, Result, Side, SortElement, searchsorted};

/// Elements per parallel task of the counting loops.
const CHUNK: usize = 1 << 16;

/// NumPy's `bins=` of `histogram`: a count of equal bins, the edges, or an estimator name.
///
/// ```
/// use oxarray_sort::stats::Bins;
/// assert_eq!("auto".parse::<Bins>()?, Bins::Auto);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Bins {
    /// That many equal-width bins over the range (NumPy's default is 10).
    Count(usize),
    /// The bin edges, increasing (the last bin includes its right edge).
    Edges(Vec<f64>),
    /// `'auto'`: the smaller of the `'fd'` and `'sturges'` widths.
    Auto,
    /// `'fd'`: Freedman-Diaconis, `2 IQR n^(-1/3)`.
    Fd,
    /// `'sturges'`: `ptp / (log2(n) + 1)`.
    Sturges,
    /// `'sqrt'`: `ptp / sqrt(n)`.
    Sqrt,
    /// `'rice'`: `ptp / (2 n^(1/3))`.
    Rice,
    /// `'scott'`: `(24 sqrt(pi) / n)^(1/3) std`.
    Scott,
}

impl Default for Bins {
    fn default() -> Self {
        Bins::Count(10)
    }
}

impl std::str::FromStr for Bins {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "auto" => Bins::Auto,
            "fd" => Bins::Fd,
            "sturges" => Bins::Sturges,
            "sqrt" => Bins::Sqrt,
            "rice" => Bins::Rice,
            "scott" => Bins::Scott,
            _ => {
                return Err(Error::invalid(
                    "histogram",
                    "bins",
                    s,
                    "not a supported bin estimator",
                ));
            }
        })
    }
}

/// What [`histogram`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// The count (or weight sum, or density) of each bin; counts are exact integers in
    /// `f64` (NumPy's `int64` counts).
    pub hist: Array<f64>,
    /// The `bins + 1` edges.
    pub bin_edges: Array<f64>,
}

/// NumPy's `_get_outer_edges`.
fn outer_edges(a: &[f64], range: Option<(f64, f64)>) -> Result<(f64, f64)> {
    let (mut first, mut last) = match range {
        Some((lo, hi)) => {
            if lo > hi {
                return Err(Error::invalid(
                    "histogram",
                    "range",
                    format!("({lo}, {hi})"),
                    "max must be larger than min in range parameter.",
                ));
            }
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(Error::invalid(
                    "histogram",
                    "range",
                    format!("({lo}, {hi})"),
                    format!("supplied range of [{lo}, {hi}] is not finite"),
                ));
            }
            (lo, hi)
        }
        None if a.is_empty() => (0.0, 1.0),
        None => {
            let (lo, hi) = a
                .par_iter()
                .fold(
                    || (f64::INFINITY, f64::NEG_INFINITY),
                    |(lo, hi), &x| {
                        if x.is_nan() {
                            (f64::NAN, f64::NAN)
                        } else {
                            (lo.min(x), hi.max(x))
                        }
                    },
                )
                .reduce(
                    || (f64::INFINITY, f64::NEG_INFINITY),
                    |(a, b), (c, d)| {
                        if a.is_nan() || c.is_nan() {
                            (f64::NAN, f64::NAN)
                        } else {
                            (a.min(c), b.max(d))
                        }
                    },
                );
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(Error::invalid(
                    "histogram",
                    "a",
                    format!("[{lo}, {hi}]"),
                    format!("autodetected range of [{lo}, {hi}] is not finite"),
                ));
            }
            (lo, hi)
        }
    };
    if first == last {
        first -= 0.5;
        last += 0.5;
    }
    Ok((first, last))
}

/// `np.linspace(first, last, num)`: `i * step + first`, the last one exactly `last`.
fn linspace(first: f64, last: f64, num: usize) -> Vec<f64> {
    let div = (num - 1) as f64;
    let step = (last - first) / div;
    let mut v: Vec<f64> = (0..num).map(|i| i as f64 * step + first).collect();
    if num > 1 {
        v[num - 1] = last;
    }
    v
}

/// Bin edges, and for equal bins `(first, last, count)`.
type Edges = (Vec<f64>, Option<(f64, f64, usize)>);

/// The edges, and for equal bins `(first, last, count)` (NumPy's `_get_bin_edges`).
fn bin_edges(a: &[f64], bins: &Bins, range: Option<(f64, f64)>, weighted: bool) -> Result<Edges> {
    let count = match bins {
        Bins::Edges(e) => {
            if e.windows(2).any(|w| w[0] > w[1]) {
                return Err(Error::invalid(
                    "histogram",
                    "bins",
                    format!("{e:?}"),
                    "`bins` must increase monotonically, when an array",
                ));
            }
            if e.is_empty() {
                return Err(Error::invalid(
                    "histogram",
                    "bins",
                    "[]",
                    "at least one edge is needed",
                ));
            }
            return Ok((e.clone(), None));
        }
        Bins::Count(0) => {
            return Err(Error::invalid(
                "histogram",
                "bins",
                0,
                "`bins` must be positive, when an integer",
            ));
        }
        Bins::Count(n) => *n,
        name => {
            if weighted {
                return Err(Error::invalid(
                    "histogram",
                    "bins",
                    format!("{name:?}"),
                    "Automated estimation of the number of bins is not supported for weighted data",
                ));
            }
            let (first, last) = outer_edges(a, range)?;
            let kept: Vec<f64> = match range {
                Some(_) => a
                    .iter()
                    .copied()
                    .filter(|&x| x >= first && x <= last)
                    .collect(),
                None => a.to_vec(),
            };
            let width = if kept.is_empty() {
                0.0
            } else {
                estimator_width(&kept, name)?
            };
            let n = if width > 0.0 {
                ((last - first) / width).ceil() as usize
            } else {
                1
            };
            n.max(1)
        }
    };
    let (first, last) = outer_edges(a, range)?;
    Ok((linspace(first, last, count + 1), Some((first, last, count))))
}

/// NumPy's `_hist_bin_*` width estimators.
fn estimator_width(x: &[f64], name: &Bins) -> Result<f64> {
    let n = x.len() as f64;
    let (lo, hi) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let ptp = hi - lo;
    let sturges = ptp / (n.log2() + 1.0);
    let fd = || -> Result<f64> {
        let arr = ArrayView::from_slice(x, [x.len()])?;
        let q = percentile(
            &arr,
            &Array::from_vec(vec![75.0, 25.0], [2])?,
            None,
            QuantileMethod::Linear,
            false,
        )?
        .to_vec();
        Ok(2.0 * (q[0] - q[1]) * n.powf(-1.0 / 3.0))
    };
    Ok(match name {
        Bins::Sqrt => ptp / n.sqrt(),
        Bins::Sturges => sturges,
        Bins::Rice => ptp / (2.0 * n.powf(1.0 / 3.0)),
        Bins::Scott => {
            let mean = x.iter().sum::<f64>() / n;
            let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
            (24.0 * std::f64::consts::PI.sqrt() / n).powf(1.0 / 3.0) * var.sqrt()
        }
        Bins::Fd => fd()?,
        _ => {
            let f = fd()?;
            if f > 0.0 { f.min(sturges) } else { sturges }
        }
    })
}

/// The bin of `x` among equal bins (NumPy's fast path, edge corrections included), or
/// `None` outside `[first, last]` (and for NaN).
#[inline]
fn uniform_bin(
    x: f64,
    first: f64,
    last: f64,
    norm: f64,
    edges: &[f64],
    nb: usize,
) -> Option<usize> {
    if !(x >= first && x <= last) {
        return None;
    }
    let mut i = ((x - first) / norm * nb as f64) as usize;
    if i >= nb {
        i = nb - 1;
    }
    if x < edges[i] {
        i = i.saturating_sub(1);
    } else if i != nb - 1 && x >= edges[i + 1] {
        i += 1;
    }
    Some(i)
}

/// The bin of `x` among arbitrary increasing edges (the last one inclusive), or `None`.
#[inline]
fn edge_bin(x: f64, edges: &[f64]) -> Option<usize> {
    let nb = edges.len() - 1;
    if x.is_nan() || nb == 0 || x < edges[0] || x > edges[nb] {
        return None;
    }
    let i = edges.partition_point(|&e| e <= x);
    Some((i - 1).min(nb - 1))
}

/// Counts (or sums `weights` of) the values of `a` per bin, over rayon's threads.
fn count_bins(
    a: &[f64],
    weights: Option<&[f64]>,
    nb: usize,
    bin: impl Fn(f64) -> Option<usize> + Sync,
) -> Vec<f64> {
    let merge = |mut x: Vec<f64>, y: Vec<f64>| {
        x.iter_mut().zip(y).for_each(|(p, q)| *p += q);
        x
    };
    match weights {
        None => {
            let counts = a
                .par_chunks(CHUNK)
                .map(|c| {
                    let mut h = vec![0u64; nb];
                    for &x in c {
                        if let Some(i) = bin(x) {
                            h[i] += 1;
                        }
                    }
                    h
                })
                .reduce(
                    || vec![0u64; nb],
                    |mut x, y| {
                        x.iter_mut().zip(y).for_each(|(p, q)| *p += q);
                        x
                    },
                );
            counts.into_iter().map(|c| c as f64).collect()
        }
        Some(w) => a
            .par_chunks(CHUNK)
            .zip(w.par_chunks(CHUNK))
            .map(|(c, w)| {
                let mut h = vec![0.0f64; nb];
                for (&x, &wt) in c.iter().zip(w) {
                    if let Some(i) = bin(x) {
                        h[i] += wt;
                    }
                }
                h
            })
            .reduce(|| vec![0.0; nb], merge),
    }
}

fn as_f64s<T: StatsElement>(a: &impl AsArrayView<T>) -> Vec<f64> {
    a.as_view().iter().map(|&x| x.to_f64()).collect()
}

/// `f` of the values as one `f64` slice: the input itself when it is contiguous `f64`
/// (no copy of a large input), else a converted copy.
fn with_f64s<T: StatsElement, R>(a: &impl AsArrayView<T>, f: impl FnOnce(&[f64]) -> R) -> R {
    let v = a.as_view();
    if T::DTYPE == oxarray_core::DType::F64
        && let Some(s) = v.to_slice()
    {
        // SAFETY: `T::DTYPE == F64` holds for `f64` alone (each element type has its
        // own tag), so `T` is `f64` and the slice is reinterpreted as itself.
        let s = unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<f64>(), s.len()) };
        return f(s);
    }
    f(&as_f64s(a))
}

/// `np.histogram(a, bins, range, weights=, density=)` over the flattened `a`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::{histogram, Bins};
/// let h = histogram(&array![1.0, 2.0, 1.0, 4.0], Bins::Count(3), None, None, false)?;
/// assert_eq!(h.hist.to_vec(), vec![2.0, 1.0, 1.0]);
/// assert_eq!(h.bin_edges.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
/// let e = histogram(&array![0.5, 1.5], Bins::Edges(vec![0.0, 1.0, 2.0]), None, None, true)?;
/// assert_eq!(e.hist.to_vec(), vec![0.5, 0.5]);
/// assert!(histogram(&array![1.0], Bins::Count(0), None, None, false).is_err());
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn histogram<T: StatsElement>(
    a: &impl AsArrayView<T>,
    bins: Bins,
    range: Option<(f64, f64)>,
    weights: Option<&ArrayView<'_, f64>>,
    density: bool,
) -> Result<Histogram> {
    let view = a.as_view();
    with_f64s(a, |data| {
        histogram_of(data, view.shape(), bins, range, weights, density)
    })
}

fn histogram_of(
    data: &[f64],
    shape: &[usize],
    bins: Bins,
    range: Option<(f64, f64)>,
    weights: Option<&ArrayView<'_, f64>>,
    density: bool,
) -> Result<Histogram> {
    let w = match weights {
        Some(w) => {
            if w.shape() != shape {
                return Err(Error::ShapeMismatch {
                    op: "histogram",
                    argument: "weights",
                    expected: shape.to_vec(),
                    got: w.shape().to_vec(),
                });
            }
            Some(w.to_vec())
        }
        None => None,
    };
    let (edges, uniform) = bin_edges(data, &bins, range, w.is_some())?;
    let nb = edges.len().saturating_sub(1);
    let mut hist = match uniform {
        Some((first, last, nb)) => {
            let norm = last - first;
            count_bins(data, w.as_deref(), nb, |x| {
                uniform_bin(x, first, last, norm, &edges, nb)
            })
        }
        None => count_bins(data, w.as_deref(), nb, |x| edge_bin(x, &edges)),
    };
    if density {
        let total: f64 = hist.iter().sum();
        for (i, h) in hist.iter_mut().enumerate() {
            *h = *h / (edges[i + 1] - edges[i]) / total;
        }
    }
    Ok(Histogram {
        hist: Array::from_vec(hist, [nb])?,
        bin_edges: Array::from_vec(edges.clone(), [edges.len()])?,
    })
}

/// `np.histogram_bin_edges(a, bins, range)`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::{histogram_bin_edges, Bins};
/// let e = histogram_bin_edges(&array![0.0, 1.0, 2.0, 3.0, 4.0], Bins::Sturges, None)?;
/// assert_eq!(e.len(), 5); // width 4 / (log2(5) + 1): ceil(log2(5) + 1) = 4 bins
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn histogram_bin_edges<T: StatsElement>(
    a: &impl AsArrayView<T>,
    bins: Bins,
    range: Option<(f64, f64)>,
) -> Result<Array<f64>> {
    let data = as_f64s(a);
    let (edges, _) = bin_edges(&data, &bins, range, false)?;
    let n = edges.len();
    Ok(Array::from_vec(edges, [n])?)
}

/// `np.histogram2d(x, y, bins=(nx, ny), range, density)`: the counts `H[i, j]` of the pairs
/// in bin `i` of `x` and bin `j` of `y` (NumPy's `histogramdd` rules: the last bin includes
/// its right edge), with both edge arrays.
///
/// ```
/// use oxarray_core::array;
/// let (h, xe, ye) = oxarray_sort::stats::histogram2d(
///     &array![0.0, 1.0, 1.0], &array![0.0, 0.0, 1.0], (2, 2), None, false)?;
/// assert_eq!(h.to_vec(), vec![1.0, 0.0, 1.0, 1.0]);
/// assert_eq!(xe.to_vec(), vec![0.0, 0.5, 1.0]);
/// # let _ = ye;
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn histogram2d<T: StatsElement>(
    x: &impl AsArrayView<T>,
    y: &impl AsArrayView<T>,
    bins: (usize, usize),
    range: Option<[(f64, f64); 2]>,
    density: bool,
) -> Result<(Array<f64>, Array<f64>, Array<f64>)> {
    let (xs, ys) = (as_f64s(x), as_f64s(y));
    if xs.len() != ys.len() {
        return Err(Error::ShapeMismatch {
            op: "histogram2d",
            argument: "y",
            expected: x.as_view().shape().to_vec(),
            got: y.as_view().shape().to_vec(),
        });
    }
    let edges_of = |v: &[f64], nb: usize, r: Option<(f64, f64)>| -> Result<Vec<f64>> {
        if nb == 0 {
            return Err(Error::invalid(
                "histogram2d",
                "bins",
                0,
                "`bins[i]` must be positive",
            ));
        }
        let (lo, hi) = match r {
            Some(r) => r,
            None if v.is_empty() => (0.0, 1.0),
            None => {
                let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (lo, hi)
            }
        };
        if lo > hi || !lo.is_finite() || !hi.is_finite() {
            return Err(Error::invalid(
                "histogram2d",
                "range",
                format!("({lo}, {hi})"),
                "the range must be finite and increasing",
            ));
        }
        let (lo, hi) = if lo == hi {
            (lo - 0.5, hi + 0.5)
        } else {
            (lo, hi)
        };
        Ok(linspace(lo, hi, nb + 1))
    };
    let ex = edges_of(&xs, bins.0, range.map(|r| r[0]))?;
    let ey = edges_of(&ys, bins.1, range.map(|r| r[1]))?;
    // histogramdd: searchsorted right, the rightmost edge moved into the last bin.
    let index = |v: f64, e: &[f64]| -> Option<usize> {
        let nb = e.len() - 1;
        let i = e.partition_point(|&b| v.partial_cmp(&b) != Some(std::cmp::Ordering::Less));
        if v == e[nb] {
            Some(nb - 1)
        } else if i == 0 || i > nb {
            None
        } else {
            Some(i - 1)
        }
    };
    let mut h = vec![0.0f64; bins.0 * bins.1];
    for (&a, &b) in xs.iter().zip(&ys) {
        if let (Some(i), Some(j)) = (index(a, &ex), index(b, &ey)) {
            h[i * bins.1 + j] += 1.0;
        }
    }
    if density {
        let total: f64 = h.iter().sum();
        for i in 0..bins.0 {
            for j in 0..bins.1 {
                h[i * bins.1 + j] /= (ex[i + 1] - ex[i]) * (ey[j + 1] - ey[j]) * total;
            }
        }
    }
    let (nx, ny) = (ex.len(), ey.len());
    Ok((
        Array::from_vec(h, [bins.0, bins.1])?,
        Array::from_vec(ex, [nx])?,
        Array::from_vec(ey, [ny])?,
    ))
}

/// `np.bincount(x, weights, minlength)`: how often each non-negative integer occurs (the sum
/// of its `weights`, when given), `max(x) + 1` or `minlength` entries.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::bincount;
/// assert_eq!(bincount(&array![0i64, 1, 1, 3], None, 0)?.to_vec(), vec![1.0, 2.0, 0.0, 1.0]);
/// let w = array![0.5, 1.0, 1.0, 2.0];
/// assert_eq!(bincount(&array![0i64, 1, 1, 3], Some(&w.view()), 6)?.len(), 6);
/// assert!(bincount(&array![-1i64], None, 0).is_err());
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn bincount(
    x: &impl AsArrayView<i64>,
    weights: Option<&ArrayView<'_, f64>>,
    minlength: usize,
) -> Result<Array<f64>> {
    let v = x.as_view();
    if v.ndim() != 1 {
        return Err(Error::WrongNdim {
            op: "bincount",
            argument: "x",
            expected: "1-D",
            shape: v.shape().to_vec(),
        });
    }
    if let Some(w) = weights
        && w.shape() != v.shape()
    {
        return Err(Error::ShapeMismatch {
            op: "bincount",
            argument: "weights",
            expected: v.shape().to_vec(),
            got: w.shape().to_vec(),
        });
    }
    let xs = v.to_vec();
    if let Some(&neg) = xs.iter().find(|&&i| i < 0) {
        return Err(Error::invalid(
            "bincount",
            "x",
            neg,
            "'list' argument must have no negative elements",
        ));
    }
    let len = xs
        .iter()
        .map(|&i| i as usize + 1)
        .max()
        .unwrap_or(0)
        .max(minlength);
    let mut out = vec![0.0f64; len];
    match weights {
        None => xs.iter().for_each(|&i| out[i as usize] += 1.0),
        Some(w) => xs
            .iter()
            .zip(w.iter())
            .for_each(|(&i, &wt)| out[i as usize] += wt),
    }
    Ok(Array::from_vec(out, [len])?)
}

/// `np.digitize(x, bins, right)`: the index of the bin of each value (`bins` increasing or
/// decreasing; `right` puts values equal to an edge in the bin to its left).
///
/// ```
/// use oxarray_core::array;
/// let bins = array![0.0, 1.0, 2.5, 4.0, 10.0];
/// let x = array![0.2, 6.4, 3.0, 1.6];
/// assert_eq!(oxarray_sort::stats::digitize(&x, &bins, false)?.to_vec(), vec![1, 4, 3, 2]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn digitize<T: SortElement>(
    x: &impl AsArrayView<T>,
    bins: &impl AsArrayView<T>,
    right: bool,
) -> Result<Array<i64>> {
    let b = bins.as_view();
    if b.ndim() != 1 {
        return Err(Error::WrongNdim {
            op: "digitize",
            argument: "bins",
            expected: "1-D",
            shape: b.shape().to_vec(),
        });
    }
    let e = b.to_vec();
    let increasing = e.windows(2).all(|w| !T::np_lt(w[1], w[0]));
    let decreasing = e.windows(2).all(|w| !T::np_lt(w[0], w[1]));
    let side = if right { Side::Left } else { Side::Right };
    if increasing {
        searchsorted(&b, x.as_view(), side, None)
    } else if decreasing {
        let rev: Vec<T> = e.iter().rev().copied().collect();
        let n = rev.len();
        let r = searchsorted(&Array::from_vec(rev, [n])?, x.as_view(), side, None)?;
        let out: Vec<i64> = r.iter().map(|&i| n as i64 - i).collect();
        Ok(Array::from_vec(out, r.shape())?)
    } else {
        Err(Error::invalid(
            "digitize",
            "bins",
            format!("{e:?}"),
            "bins must be monotonically increasing or decreasing",
        ))
    }
}
