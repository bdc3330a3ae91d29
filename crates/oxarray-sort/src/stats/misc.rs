//! Differences, integrals and moments: `diff`, `ediff1d`, `gradient`, `interp`, `trapezoid`,
//! `average`, `ptp`, `cov`, `corrcoef`.

use oxarray_core::elementwise::ops::{BinaryOp, Subtract};
use oxarray_core::{Array, ArrayView, AsArrayView, Element};

use super::{StatsElement, reduce_rows, reduced_shape};
use crate::lanes::Lanes;
use crate::{Error, Result, SortElement};

/// `np.diff(a, n, axis, prepend, append)`: the `n`-th forward difference along `axis`
/// (NumPy's default `-1`), integers wrapping as NumPy's; `prepend` / `append` values are
/// broadcast to one slice and joined first.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::diff;
/// let a = array![[1, 3, 6], [0, 5, 10]];
/// assert_eq!(diff(&a, 1, -1, None, None)?.to_vec(), vec![2, 3, 5, 5]);
/// assert_eq!(diff(&a, 1, 0, None, None)?.to_vec(), vec![-1, 2, 4]);
/// assert_eq!(diff(&array![1.0, 4.0], 1, -1, Some(0.0), None)?.to_vec(), vec![1.0, 3.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn diff<T: Element>(
    a: &impl AsArrayView<T>,
    n: usize,
    axis: isize,
    prepend: Option<T>,
    append: Option<T>,
) -> Result<Array<T>>
where
    Subtract: BinaryOp<T, Output = T>,
{
    let v = a.as_view();
    if v.ndim() == 0 {
        return Err(Error::WrongNdim {
            op: "diff",
            argument: "a",
            expected: "at least 1-D",
            shape: vec![],
        });
    }
    let mut lanes = Lanes::new(&v, Some(axis))?;
    let mut len = lanes.n;
    let rows: usize = lanes.shape[..lanes.shape.len() - 1].iter().product();
    if prepend.is_some() || append.is_some() {
        let extra = prepend.is_some() as usize + append.is_some() as usize;
        let mut data = Vec::with_capacity(rows * (len + extra));
        for r in 0..rows {
            data.extend(prepend);
            data.extend_from_slice(&lanes.data[r * len..(r + 1) * len]);
            data.extend(append);
        }
        lanes.data = data;
        len += extra;
    }
    let mut data = std::mem::take(&mut lanes.data);
    for _ in 0..n {
        if len == 0 {
            break;
        }
        let mut next = Vec::with_capacity(rows * (len - 1));
        for r in 0..rows {
            let row = &data[r * len..(r + 1) * len];
            next.extend(row.windows(2).map(|w| Subtract.scalar(w[1], w[0])));
        }
        data = next;
        len -= 1;
    }
    lanes.restore(data, len)
}

/// `np.ediff1d(ary, to_end, to_begin)`: the differences of the flattened array, with
/// values before and after.
///
/// ```
/// use oxarray_core::array;
/// let d = oxarray_sort::stats::ediff1d(&array![1, 2, 4, 7], &[88, 99], &[-99])?;
/// assert_eq!(d.to_vec(), vec![-99, 1, 2, 3, 88, 99]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn ediff1d<T: Element>(
    ary: &impl AsArrayView<T>,
    to_end: &[T],
    to_begin: &[T],
) -> Result<Array<T>>
where
    Subtract: BinaryOp<T, Output = T>,
{
    let flat = ary.as_view().to_vec();
    let mut out: Vec<T> = to_begin.to_vec();
    out.extend(flat.windows(2).map(|w| Subtract.scalar(w[1], w[0])));
    out.extend_from_slice(to_end);
    let n = out.len();
    Ok(Array::from_vec(out, [n])?)
}

/// `np.ptp(a, axis, keepdims)`: maximum minus minimum (NaN propagates as in `max`/`min`).
///
/// ```
/// use oxarray_core::array;
/// let a = array![[4, 9, 2], [1, 7, 3]];
/// assert_eq!(oxarray_sort::stats::ptp(&a, Some(-1), false)?.to_vec(), vec![7, 6]);
/// assert_eq!(oxarray_sort::stats::ptp(&a, None, false)?.to_vec(), vec![8]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn ptp<T: SortElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<T>>
where
    Subtract: BinaryOp<T, Output = T>,
{
    let v = a.as_view();
    let lanes = Lanes::new(&v, axis)?;
    if lanes.n == 0 {
        return Err(Error::WrongNdim {
            op: "ptp",
            argument: "a",
            expected: "non-empty along the axis (zero-size array to reduction operation maximum which has no identity)",
            shape: v.shape().to_vec(),
        });
    }
    reduce_rows(&lanes, v.shape(), axis, keepdims, |row| {
        if let Some(&nan) = row.iter().find(|x| x.is_nan()) {
            return nan;
        }
        let (mut lo, mut hi) = (row[0], row[0]);
        for &x in row {
            if T::np_lt(x, lo) {
                lo = x;
            }
            if T::np_lt(hi, x) {
                hi = x;
            }
        }
        Subtract.scalar(hi, lo)
    })
}

/// What [`average`] returns: the weighted mean and, as NumPy's `returned=True`, the sum of
/// the weights (with the mean's shape).
#[derive(Debug, Clone, PartialEq)]
pub struct Average<F: Element> {
    /// The (weighted) mean.
    pub average: Array<F>,
    /// The sum of the weights of each mean (the count without weights).
    pub sum_of_weights: Array<F>,
}

/// `np.average(a, axis, weights, returned=True, keepdims)`: the weighted mean along `axis`.
/// `weights` has `a`'s shape, or is 1-D along `axis`.
///
/// ```
/// use oxarray_core::array;
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// let w = array![3.0, 1.0];
/// let r = oxarray_sort::stats::average(&a, Some(0), Some(&w.view()), false)?;
/// assert_eq!(r.average.to_vec(), vec![1.5, 2.5]);
/// assert_eq!(r.sum_of_weights.to_vec(), vec![4.0, 4.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn average<T: StatsElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    weights: Option<&ArrayView<'_, f64>>,
    keepdims: bool,
) -> Result<Average<T::Float>> {
    let v = a.as_view();
    let lanes = Lanes::new(&v, axis)?;
    let n = lanes.n;
    let w: Option<Vec<f64>> = match weights {
        None => None,
        Some(w) if w.shape() == v.shape() => Some(Lanes::new(w, axis)?.data),
        Some(w) if axis.is_some() && w.ndim() == 1 && w.len() == n => {
            let row = w.to_vec();
            Some(row.iter().copied().cycle().take(lanes.data.len()).collect())
        }
        Some(w) => {
            return Err(Error::ShapeMismatch {
                op: "average",
                argument: "weights",
                expected: v.shape().to_vec(),
                got: w.shape().to_vec(),
            });
        }
    };
    let rows = lanes.data.len().checked_div(n).unwrap_or(0);
    let mut avg = Vec::with_capacity(rows);
    let mut sw = Vec::with_capacity(rows);
    for r in 0..rows {
        let row = &lanes.data[r * n..(r + 1) * n];
        let (s, wsum) = match &w {
            None => (super::pairwise(row), n as f64),
            Some(w) => {
                let wr = &w[r * n..(r + 1) * n];
                let s: f64 = row.iter().zip(wr).map(|(x, w)| x.to_f64() * w).sum();
                (s, wr.iter().sum())
            }
        };
        if w.is_some() && wsum == 0.0 {
            return Err(Error::invalid(
                "average",
                "weights",
                0,
                "Weights sum to zero, can't be normalized",
            ));
        }
        avg.push(T::from_f64(s / wsum));
        sw.push(T::from_f64(wsum));
    }
    let shape = reduced_shape(v.shape(), axis.map(|_| lanes.axis), keepdims);
    if avg.len() != shape.iter().product::<usize>() {
        // Empty lanes: NaN means of nothing, as NumPy's mean of an empty slice.
        let m: usize = shape.iter().product();
        avg = vec![T::from_f64(f64::NAN); m];
        sw = vec![T::from_f64(0.0); m];
    }
    Ok(Average {
        average: Array::from_vec(avg, shape.clone())?,
        sum_of_weights: Array::from_vec(sw, shape)?,
    })
}

/// `np.interp(x, xp, fp, left, right)`: piecewise-linear interpolation of the increasing
/// points `(xp, fp)` at `x`; `left` / `right` (default `fp[0]` / `fp[-1]`) outside.
///
/// ```
/// use oxarray_core::array;
/// let y = oxarray_sort::stats::interp(&array![2.5, 0.0, 9.0], &array![1.0, 2.0, 3.0], &array![3.0, 2.0, 0.0], None, None)?;
/// assert_eq!(y.to_vec(), vec![1.0, 3.0, 0.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn interp(
    x: &impl AsArrayView<f64>,
    xp: &impl AsArrayView<f64>,
    fp: &impl AsArrayView<f64>,
    left: Option<f64>,
    right: Option<f64>,
) -> Result<Array<f64>> {
    let (xv, xpv, fpv) = (x.as_view(), xp.as_view(), fp.as_view());
    if xpv.ndim() != 1 || fpv.ndim() != 1 || xpv.len() != fpv.len() {
        return Err(Error::ShapeMismatch {
            op: "interp",
            argument: "fp",
            expected: xpv.shape().to_vec(),
            got: fpv.shape().to_vec(),
        });
    }
    if xpv.is_empty() {
        return Err(Error::invalid(
            "interp",
            "xp",
            "[]",
            "array of sample points is empty",
        ));
    }
    let (xs, fs) = (xpv.to_vec(), fpv.to_vec());
    let m = xs.len();
    let (l, r) = (left.unwrap_or(fs[0]), right.unwrap_or(fs[m - 1]));
    let out: Vec<f64> = xv
        .iter()
        .map(|&v| {
            if v.is_nan() {
                return v;
            }
            if v < xs[0] {
                return l;
            }
            if v > xs[m - 1] {
                return r;
            }
            if v == xs[m - 1] {
                return fs[m - 1];
            }
            let j = xs.partition_point(|&p| p <= v) - 1;
            let slope = (fs[j + 1] - fs[j]) / (xs[j + 1] - xs[j]);
            let y = slope * (v - xs[j]) + fs[j];
            if y.is_nan() {
                // NumPy's fallback for infinite slopes.
                let y2 = slope * (v - xs[j + 1]) + fs[j + 1];
                if y2.is_nan() && fs[j] == fs[j + 1] {
                    fs[j]
                } else {
                    y2
                }
            } else {
                y
            }
        })
        .collect();
    Ok(Array::from_vec(out, xv.shape())?)
}

/// `np.trapezoid(y, x=None, dx, axis)`: the trapezoidal rule along `axis` (NumPy's `-1`),
/// with sample points `x` (1-D, along the axis) or the spacing `dx`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::trapezoid;
/// assert_eq!(trapezoid(&array![1.0, 2.0, 3.0], None, 1.0, -1)?.to_vec(), vec![4.0]);
/// let x = array![4.0, 6.0, 8.0];
/// assert_eq!(trapezoid(&array![1.0, 2.0, 3.0], Some(&x.view()), 1.0, -1)?.to_vec(), vec![8.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn trapezoid<T: StatsElement>(
    y: &impl AsArrayView<T>,
    x: Option<&ArrayView<'_, f64>>,
    dx: f64,
    axis: isize,
) -> Result<Array<T::Float>> {
    let v = y.as_view();
    let lanes = Lanes::new(&v, Some(axis))?;
    let xs = match x {
        Some(x) if x.ndim() == 1 && x.len() == lanes.n => Some(x.to_vec()),
        Some(x) => {
            return Err(Error::ShapeMismatch {
                op: "trapezoid",
                argument: "x",
                expected: vec![lanes.n],
                got: x.shape().to_vec(),
            });
        }
        None => None,
    };
    reduce_rows(&lanes, v.shape(), Some(axis), false, |row| {
        let s: f64 = (1..row.len())
            .map(|i| {
                let d = xs.as_ref().map_or(dx, |x| x[i] - x[i - 1]);
                d * (row[i].to_f64() + row[i - 1].to_f64()) / 2.0
            })
            .sum();
        T::from_f64(s)
    })
}

/// `np.gradient(f, spacing, axis, edge_order=1)`: central differences inside, one-sided at
/// the ends, along one axis with a uniform spacing.
///
/// ```
/// use oxarray_core::array;
/// let g = oxarray_sort::stats::gradient(&array![1.0, 2.0, 4.0, 7.0, 11.0, 16.0], 1.0, -1)?;
/// assert_eq!(g.to_vec(), vec![1.0, 1.5, 2.5, 3.5, 4.5, 5.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn gradient<T: StatsElement>(
    f: &impl AsArrayView<T>,
    spacing: f64,
    axis: isize,
) -> Result<Array<T::Float>> {
    let v = f.as_view();
    let lanes = Lanes::new(&v, Some(axis))?;
    let n = lanes.n;
    if n < 2 {
        return Err(Error::WrongNdim {
            op: "gradient",
            argument: "f",
            expected: "at least 2 elements along the axis (edge_order + 1)",
            shape: v.shape().to_vec(),
        });
    }
    let mut out = Vec::with_capacity(lanes.data.len());
    for row in lanes.data.chunks(n) {
        let r: Vec<f64> = row.iter().map(|x| x.to_f64()).collect();
        out.push(T::from_f64((r[1] - r[0]) / spacing));
        for i in 1..n - 1 {
            out.push(T::from_f64((r[i + 1] - r[i - 1]) / (2.0 * spacing)));
        }
        out.push(T::from_f64((r[n - 1] - r[n - 2]) / spacing));
    }
    lanes.restore(out, n)
}

/// `np.cov(m, rowvar, bias, ddof)`: the covariance matrix of the variables (rows of a 2-D
/// `m` when `rowvar`, else columns); `ddof` defaults to `1`, or `0` with `bias`.
///
/// ```
/// use oxarray_core::array;
/// let m = array![[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]];
/// let c = oxarray_sort::stats::cov(&m, true, false, None)?;
/// assert_eq!(c.to_vec(), vec![1.0, -1.0, -1.0, 1.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn cov<T: StatsElement>(
    m: &impl AsArrayView<T>,
    rowvar: bool,
    bias: bool,
    ddof: Option<usize>,
) -> Result<Array<f64>> {
    let v = m.as_view();
    let vars: Vec<Vec<f64>> = match v.ndim() {
        0 | 1 => vec![v.iter().map(|x| x.to_f64()).collect()],
        2 => {
            let w = if rowvar {
                v.clone()
            } else {
                v.clone().into_t()
            };
            let (r, c) = (w.shape()[0], w.shape()[1]);
            let flat: Vec<f64> = w.iter().map(|x| x.to_f64()).collect();
            (0..r).map(|i| flat[i * c..(i + 1) * c].to_vec()).collect()
        }
        _ => {
            return Err(Error::WrongNdim {
                op: "cov",
                argument: "m",
                expected: "1-D or 2-D",
                shape: v.shape().to_vec(),
            });
        }
    };
    let k = vars.len();
    let n = vars.first().map_or(0, Vec::len);
    let ddof = ddof.unwrap_or(if bias { 0 } else { 1 });
    let fact = n as f64 - ddof as f64;
    let means: Vec<f64> = vars.iter().map(|x| super::pairwise(x) / n as f64).collect();
    let mut out = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..k {
            let s: f64 = (0..n)
                .map(|t| (vars[i][t] - means[i]) * (vars[j][t] - means[j]))
                .sum();
            out[i * k + j] = s / fact;
        }
    }
    if v.ndim() < 2 {
        return Ok(Array::from_vec(out, Vec::<usize>::new())?);
    }
    Ok(Array::from_vec(out, [k, k])?)
}

/// `np.corrcoef(x, rowvar)`: Pearson correlation coefficients, clipped to `[-1, 1]`.
///
/// ```
/// use oxarray_core::array;
/// let m = array![[0.0, 1.0, 2.0], [0.0, 2.0, 4.0]];
/// assert_eq!(oxarray_sort::stats::corrcoef(&m, true)?.to_vec(), vec![1.0, 1.0, 1.0, 1.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn corrcoef<T: StatsElement>(x: &impl AsArrayView<T>, rowvar: bool) -> Result<Array<f64>> {
    let c = cov(x, rowvar, false, None)?;
    if c.ndim() == 0 {
        let v = c.to_vec()[0];
        // A variable's correlation with itself: 1, or NaN for a zero or non-finite variance.
        let r = if v.is_finite() && v != 0.0 {
            1.0
        } else {
            f64::NAN
        };
        return Ok(Array::from_vec(vec![r], Vec::<usize>::new())?);
    }
    let k = c.shape()[0];
    let cv = c.to_vec();
    let d: Vec<f64> = (0..k).map(|i| cv[i * k + i].sqrt()).collect();
    let out: Vec<f64> = (0..k * k)
        .map(|ij| {
            let (i, j) = (ij / k, ij % k);
            (cv[ij] / d[i] / d[j]).clamp(-1.0, 1.0)
        })
        .collect();
    Ok(Array::from_vec(out, [k, k])?)
}
