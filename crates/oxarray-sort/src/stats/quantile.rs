//! `median`, `quantile`, `percentile` and their NaN-skipping twins, with NumPy 2's thirteen
//! methods (Hyndman and Fan's nine plus `lower`, `higher`, `midpoint`, `nearest`).

use oxarray_core::{Array, AsArrayView, normalize_axis};

use super::{StatsElement, map_rows, reduced_shape};
use crate::lanes::Lanes;
use crate::{Error, Result};

/// NumPy's `method=` of `quantile` / `percentile` (NumPy's names parse with `str::parse`).
///
/// ```
/// use oxarray_sort::stats::QuantileMethod;
/// assert_eq!("median_unbiased".parse::<QuantileMethod>()?, QuantileMethod::MedianUnbiased);
/// assert_eq!(QuantileMethod::default(), QuantileMethod::Linear);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuantileMethod {
    /// `'inverted_cdf'` (H&F 1).
    InvertedCdf,
    /// `'averaged_inverted_cdf'` (H&F 2).
    AveragedInvertedCdf,
    /// `'closest_observation'` (H&F 3).
    ClosestObservation,
    /// `'interpolated_inverted_cdf'` (H&F 4).
    InterpolatedInvertedCdf,
    /// `'hazen'` (H&F 5).
    Hazen,
    /// `'weibull'` (H&F 6).
    Weibull,
    /// `'linear'` (H&F 7), NumPy's default.
    #[default]
    Linear,
    /// `'median_unbiased'` (H&F 8).
    MedianUnbiased,
    /// `'normal_unbiased'` (H&F 9).
    NormalUnbiased,
    /// `'lower'`.
    Lower,
    /// `'higher'`.
    Higher,
    /// `'midpoint'`.
    Midpoint,
    /// `'nearest'` (ties to the even index, as `np.around`).
    Nearest,
}

impl std::str::FromStr for QuantileMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        use QuantileMethod::*;
        Ok(match s {
            "inverted_cdf" => InvertedCdf,
            "averaged_inverted_cdf" => AveragedInvertedCdf,
            "closest_observation" => ClosestObservation,
            "interpolated_inverted_cdf" => InterpolatedInvertedCdf,
            "hazen" => Hazen,
            "weibull" => Weibull,
            "linear" => Linear,
            "median_unbiased" => MedianUnbiased,
            "normal_unbiased" => NormalUnbiased,
            "lower" => Lower,
            "higher" => Higher,
            "midpoint" => Midpoint,
            "nearest" => Nearest,
            _ => {
                return Err(Error::invalid(
                    "quantile",
                    "method",
                    s,
                    "not one of NumPy's quantile methods",
                ));
            }
        })
    }
}

/// NumPy's `_lerp`: `a + (b - a) * t`, from the `b` side for `t >= 0.5`.
#[inline]
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if t >= 0.5 {
        b - d * (1.0 - t)
    } else {
        a + d * t
    }
}

/// The `q`-quantile of the sorted, NaN-free `s` (non-empty), NumPy's `_quantile`.
fn quantile_sorted<T: StatsElement>(s: &[T], q: f64, method: QuantileMethod) -> f64 {
    use QuantileMethod::*;
    let n = s.len();
    let nf = n as f64;
    let at = |i: f64| s[(i.max(0.0) as usize).min(n - 1)].to_f64();
    // Discrete methods: an index, no interpolation.
    let boundary = |index: f64, pick_previous: &dyn Fn(f64, f64) -> bool| {
        let prev = index.floor();
        let gamma = index - prev;
        let i = if pick_previous(gamma, index) {
            prev
        } else {
            prev + 1.0
        };
        at(i.max(0.0))
    };
    match method {
        InvertedCdf => return boundary(nf * q - 1.0, &|g, _| g == 0.0),
        ClosestObservation => {
            return boundary(nf * q - 1.0 - 0.5, &|g, i| {
                g == 0.0 && i.floor().rem_euclid(2.0) == 1.0
            });
        }
        Lower => return at(((nf - 1.0) * q).floor()),
        Higher => return at(((nf - 1.0) * q).ceil()),
        Nearest => return at(((nf - 1.0) * q).round_ties_even()),
        _ => {}
    }
    let virtual_index = |alpha: f64, beta: f64| nf * q + (alpha + q * (1.0 - alpha - beta)) - 1.0;
    let v = match method {
        AveragedInvertedCdf => nf * q - 1.0,
        InterpolatedInvertedCdf => virtual_index(0.0, 1.0),
        Hazen => virtual_index(0.5, 0.5),
        Weibull => virtual_index(0.0, 0.0),
        MedianUnbiased => virtual_index(1.0 / 3.0, 1.0 / 3.0),
        NormalUnbiased => virtual_index(3.0 / 8.0, 3.0 / 8.0),
        Midpoint => 0.5 * (((nf - 1.0) * q).floor() + ((nf - 1.0) * q).ceil()),
        _ => (nf - 1.0) * q,
    };
    // NumPy's `_get_indexes`: -1 (the last) above the range, 0 below it.
    let (prev, next) = if v >= nf - 1.0 {
        (-1.0, -1.0)
    } else if v < 0.0 {
        (0.0, 0.0)
    } else {
        (v.floor(), v.floor() + 1.0)
    };
    let idx = |i: f64| if i < 0.0 { n - 1 } else { i as usize };
    let mut gamma = v - prev;
    match method {
        AveragedInvertedCdf => gamma = if gamma == 0.0 { 0.5 } else { 1.0 },
        Midpoint => gamma = if v % 1.0 == 0.0 { 0.0 } else { 0.5 },
        _ => {}
    }
    lerp(s[idx(prev)].to_f64(), s[idx(next)].to_f64(), gamma)
}

fn check_q(q: &[f64], scale: f64, op: &'static str) -> Result<Vec<f64>> {
    q.iter()
        .map(|&x| {
            let y = if scale == 1.0 { x } else { x / scale };
            if (0.0..=1.0).contains(&y) {
                Ok(y)
            } else {
                Err(Error::invalid(
                    op,
                    "q",
                    x,
                    if scale == 1.0 {
                        "Quantiles must be in the range [0, 1]"
                    } else {
                        "Percentiles must be in the range [0, 100]"
                    },
                ))
            }
        })
        .collect()
}

fn quantile_impl<T: StatsElement>(
    a: &impl AsArrayView<T>,
    q: impl AsArrayView<f64>,
    axis: Option<isize>,
    method: QuantileMethod,
    keepdims: bool,
    skip_nan: bool,
    scale: f64,
    op: &'static str,
) -> Result<Array<T::Float>> {
    let v = a.as_view();
    let qv = q.as_view();
    let qs = check_q(&qv.to_vec(), scale, op)?;
    let lanes = Lanes::new(&v, axis)?;
    if lanes.n == 0 && !skip_nan {
        return Err(Error::WrongNdim {
            op,
            argument: "a",
            expected: "non-empty along the axis",
            shape: v.shape().to_vec(),
        });
    }
    let per_row = |row: &[T]| -> Vec<f64> {
        let mut s: Vec<T> = if skip_nan {
            row.iter().copied().filter(|x| !x.is_nan()).collect()
        } else {
            row.to_vec()
        };
        if s.is_empty() || (!skip_nan && s.iter().any(|x| x.is_nan())) {
            return vec![f64::NAN; qs.len()];
        }
        let len = s.len();
        crate::rows::sort_rows(&mut s, len, crate::SortKind::Stable);
        qs.iter().map(|&q| quantile_sorted(&s, q, method)).collect()
    };
    let rows = map_rows(&lanes, per_row);
    let rshape = reduced_shape(v.shape(), axis.map(|_| lanes.axis), keepdims);
    // Result: q's axes first, then the reduced axes.
    let mut out = Vec::with_capacity(rows.len() * qs.len());
    for j in 0..qs.len() {
        for r in &rows {
            out.push(T::from_f64(r[j]));
        }
    }
    let mut shape = qv.shape().to_vec();
    shape.extend(rshape);
    Ok(Array::from_vec(out, shape)?)
}

/// `np.quantile(a, q, axis, method=..., keepdims)`: the `q`-quantiles (`0 <= q <= 1`) along
/// `axis` (`None`: of all elements). The result has `q`'s axes first, then the remaining
/// axes of `a`. A NaN in a lane makes its quantiles NaN.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::{quantile, QuantileMethod};
/// let a = array![[10.0, 7.0, 4.0], [3.0, 2.0, 1.0]];
/// assert_eq!(quantile(&a, 0.5, None, QuantileMethod::Linear, false)?.to_vec(), vec![3.5]);
/// let q = quantile(&a, &array![0.25, 0.75], Some(1), QuantileMethod::Lower, false)?;
/// assert_eq!(q.shape(), &[2, 2]);
/// assert_eq!(q.to_vec(), vec![4.0, 1.0, 7.0, 2.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn quantile<T: StatsElement>(
    a: &impl AsArrayView<T>,
    q: impl AsArrayView<f64>,
    axis: Option<isize>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<T::Float>> {
    quantile_impl(a, q, axis, method, keepdims, false, 1.0, "quantile")
}

/// `np.percentile(a, q, axis, method=..., keepdims)`: [`quantile`] with `q` in percent.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::{percentile, QuantileMethod};
/// let a = array![1, 2, 3, 4];
/// assert_eq!(percentile(&a, 50.0, None, QuantileMethod::Linear, false)?.to_vec(), vec![2.5]);
/// assert!(percentile(&a, 101.0, None, QuantileMethod::Linear, false).is_err());
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn percentile<T: StatsElement>(
    a: &impl AsArrayView<T>,
    q: impl AsArrayView<f64>,
    axis: Option<isize>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<T::Float>> {
    quantile_impl(a, q, axis, method, keepdims, false, 100.0, "percentile")
}

/// `np.nanquantile`: [`quantile`] ignoring NaNs (an all-NaN lane gives NaN).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::{nanquantile, QuantileMethod};
/// let a = array![1.0, f64::NAN, 3.0];
/// assert_eq!(nanquantile(&a, 0.5, None, QuantileMethod::Linear, false)?.to_vec(), vec![2.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn nanquantile<T: StatsElement>(
    a: &impl AsArrayView<T>,
    q: impl AsArrayView<f64>,
    axis: Option<isize>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<T::Float>> {
    quantile_impl(a, q, axis, method, keepdims, true, 1.0, "nanquantile")
}

/// `np.nanpercentile`: [`percentile`] ignoring NaNs.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::{nanpercentile, QuantileMethod};
/// let a = array![f64::NAN, 4.0, 2.0];
/// assert_eq!(nanpercentile(&a, 100.0, None, QuantileMethod::Linear, false)?.to_vec(), vec![4.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn nanpercentile<T: StatsElement>(
    a: &impl AsArrayView<T>,
    q: impl AsArrayView<f64>,
    axis: Option<isize>,
    method: QuantileMethod,
    keepdims: bool,
) -> Result<Array<T::Float>> {
    quantile_impl(a, q, axis, method, keepdims, true, 100.0, "nanpercentile")
}

/// The median of one lane by selection: NaN if it holds a NaN or is empty.
fn median_lane<T: StatsElement>(row: &mut [T]) -> f64 {
    let n = row.len();
    if n == 0 || row.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let k = n / 2;
    let ranks: &[usize] = if n % 2 == 1 { &[k] } else { &[k - 1, k] };
    if let Some(v) = super::select::select_ranks(row, ranks) {
        let hi = v[v.len() - 1].to_f64();
        return if n % 2 == 1 {
            hi
        } else {
            (v[0].to_f64() + hi) / 2.0
        };
    }
    let (left, mid, _) = row.select_nth_unstable_by(k, |&x, &y| T::np_cmp(x, y));
    let hi = mid.to_f64();
    if n % 2 == 1 {
        return hi;
    }
    let lo = left
        .iter()
        .copied()
        .reduce(|x, y| if T::np_lt(x, y) { y } else { x })
        .map_or(hi, StatsElement::to_f64);
    (lo + hi) / 2.0
}

fn median_impl<T: StatsElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
    skip_nan: bool,
) -> Result<Array<T::Float>> {
    use rayon::prelude::*;
    let v = a.as_view();
    // One contiguous lane: selected where it lies, without a working copy.
    if !skip_nan
        && (axis.is_none() || v.ndim() == 1)
        && let (Some(s), Ok(_)) = (v.to_slice(), normalize_axis(axis.unwrap_or(0), 1))
        && !s.is_empty()
        && !s.iter().any(|x| x.is_nan())
    {
        let n = s.len();
        let ranks: &[usize] = if n % 2 == 1 {
            &[n / 2]
        } else {
            &[n / 2 - 1, n / 2]
        };
        if let Some(sel) = super::select::select_ranks(s, ranks) {
            let hi = sel[sel.len() - 1].to_f64();
            let m = if n % 2 == 1 {
                hi
            } else {
                (sel[0].to_f64() + hi) / 2.0
            };
            let shape = reduced_shape(v.shape(), axis.map(|_| 0), keepdims);
            return Ok(Array::from_vec(vec![T::from_f64(m)], shape)?);
        }
    }
    let mut lanes = Lanes::new(&v, axis)?;
    let shape = reduced_shape(v.shape(), axis.map(|_| lanes.axis), keepdims);
    let n = lanes.n;
    let lane = |row: &mut [T]| {
        if skip_nan {
            let mut r: Vec<T> = row.iter().copied().filter(|x| !x.is_nan()).collect();
            T::from_f64(median_lane(&mut r))
        } else {
            T::from_f64(median_lane(row))
        }
    };
    let out: Vec<T::Float> = if n == 0 {
        vec![T::from_f64(f64::NAN); shape.iter().product()]
    } else if lanes.data.len() > n {
        lanes.data.par_chunks_mut(n).map(lane).collect()
    } else {
        vec![lane(&mut lanes.data)]
    };
    Ok(Array::from_vec(out, shape)?)
}

/// `np.median(a, axis, keepdims)`: the middle value, or the mean of the two middle values
/// (`None`: of all elements); NaN for a lane holding a NaN, and for an empty one.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::stats::median;
/// let a = array![[10.0, 7.0, 4.0], [3.0, 2.0, 1.0]];
/// assert_eq!(median(&a, None, false)?.to_vec(), vec![3.5]);
/// assert_eq!(median(&a, Some(0), false)?.to_vec(), vec![6.5, 4.5, 2.5]);
/// assert_eq!(median(&a, Some(-1), true)?.shape(), &[2, 1]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn median<T: StatsElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<T::Float>> {
    median_impl(a, axis, keepdims, false)
}

/// `np.nanmedian(a, axis, keepdims)`: [`median`] ignoring NaNs (an all-NaN lane gives NaN).
///
/// ```
/// use oxarray_core::array;
/// let a = array![1.0, f64::NAN, 3.0, 10.0];
/// assert_eq!(oxarray_sort::stats::nanmedian(&a, None, false)?.to_vec(), vec![3.0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn nanmedian<T: StatsElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<T::Float>> {
    median_impl(a, axis, keepdims, true)
}
