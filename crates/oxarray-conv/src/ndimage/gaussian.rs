//! `gaussian_filter1d` and `gaussian_filter`, with SciPy's kernel (`_gaussian_kernel1d`).

use oxarray_core::{Array, ArrayView, AsArrayView, WriteArray};

use super::correlate::pass_1d;
use super::element::NdElement;
use super::run::{Job, Pass, allocate, write_into};
use super::{FilterOptions, axes_of, per_axis};
use crate::error::{ConvError, Result};

/// The Gaussian keywords of `scipy.ndimage.gaussian_filter`: `truncate` (default 4.0),
/// `radius` and `order`, each of the last two empty (SciPy's `None` / 0), one value for every
/// filtered axis, or one per filtered axis.
///
/// ```
/// use oxarray_conv::ndimage::GaussianOptions;
/// let g = GaussianOptions { radius: vec![2], ..Default::default() };
/// assert_eq!(g.truncate, 4.0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct GaussianOptions {
    /// The kernel's radius in standard deviations, `int(truncate * sigma + 0.5)` taps each
    /// side, unless `radius` is given.
    pub truncate: f64,
    /// The kernel's radius in taps (overrides `truncate`).
    pub radius: Vec<usize>,
    /// The derivative's order: 0 smooths, 1 is the first derivative of the Gaussian, ...
    pub order: Vec<usize>,
}

impl Default for GaussianOptions {
    fn default() -> Self {
        GaussianOptions {
            truncate: 4.0,
            radius: Vec::new(),
            order: Vec::new(),
        }
    }
}

/// A 1-D Gaussian filter along `axis`, as `scipy.ndimage.gaussian_filter1d(input, sigma,
/// axis, order=, mode=, cval=, truncate=, radius=)`. `opts.origin` and `opts.axes` must be
/// left at their defaults.
///
/// ```
/// use oxarray_conv::ndimage::{gaussian_filter1d, FilterOptions, GaussianOptions};
/// use oxarray_core::array;
/// let out = gaussian_filter1d(&array![1.0f64, 2.0, 3.0, 4.0, 5.0], 1.0, -1,
///     &GaussianOptions::default(), &FilterOptions::default())?;
/// // scipy.ndimage.gaussian_filter1d([1.0, 2, 3, 4, 5], 1) = [1.42704, 2.06782, 3, 3.93218, 4.57296]
/// assert!((*out.get(&[0])? - 1.42704095).abs() < 1e-6);
/// assert!((*out.get(&[2])? - 3.0).abs() < 1e-12);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn gaussian_filter1d<T: NdElement>(
    input: impl AsArrayView<T>,
    sigma: f64,
    axis: isize,
    gauss: &GaussianOptions,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(&input, &gaussian_1d_job(&input, sigma, axis, gauss, opts)?)
}

/// [`gaussian_filter1d`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{gaussian_filter1d_into, FilterOptions, GaussianOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f32>::zeros([3])?;
/// gaussian_filter1d_into(&array![2.0f32, 2.0, 2.0], 1.5, 0, &GaussianOptions::default(),
///     &FilterOptions::default(), &mut out)?;
/// assert!(out.to_vec().iter().all(|&v| (v - 2.0).abs() < 1e-6));
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn gaussian_filter1d_into<T: NdElement>(
    input: impl AsArrayView<T>,
    sigma: f64,
    axis: isize,
    gauss: &GaussianOptions,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = gaussian_1d_job(&input, sigma, axis, gauss, opts)?;
    write_into("gaussian_filter1d", &input, &job, &mut out)
}

/// A Gaussian filter, as `scipy.ndimage.gaussian_filter(input, sigma, order=, mode=, cval=,
/// truncate=, radius=, axes=)`: one [`gaussian_filter1d`] pass per filtered axis whose sigma
/// exceeds 1e-15 (SciPy skips the others), each stored in the element type before the next.
/// `sigma` holds one value or one per filtered axis; `opts.origin` must be left empty.
///
/// ```
/// use oxarray_conv::ndimage::{gaussian_filter, FilterOptions, GaussianOptions};
/// use oxarray_core::Array;
/// let a = Array::<f64>::from_shape_fn([5, 5], |i| if i == [2, 2] { 1.0 } else { 0.0 })?;
/// let out = gaussian_filter(&a, &[1.0], &GaussianOptions::default(), &FilterOptions::default())?;
/// // Separable: the centre is the square of the 1-D centre tap.
/// assert!((*out.get(&[2, 2])? - 0.15915589174187972).abs() < 1e-12);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn gaussian_filter<T: NdElement>(
    input: impl AsArrayView<T>,
    sigma: &[f64],
    gauss: &GaussianOptions,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(&input, &gaussian_job(&input, sigma, gauss, opts)?)
}

/// [`gaussian_filter`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{gaussian_filter_into, FilterOptions, GaussianOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<u8>::zeros([1, 3])?;
/// let opts = FilterOptions { axes: Some(vec![1]), ..Default::default() };
/// gaussian_filter_into(&array![[0u8, 90, 0]], &[0.5], &GaussianOptions::default(), &opts, &mut out)?;
/// assert_eq!(out.to_vec(), vec![9, 70, 9]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn gaussian_filter_into<T: NdElement>(
    input: impl AsArrayView<T>,
    sigma: &[f64],
    gauss: &GaussianOptions,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = gaussian_job(&input, sigma, gauss, opts)?;
    write_into("gaussian_filter", &input, &job, &mut out)
}

/// NumPy's pairwise summation of a contiguous `float64` run (`np.sum`), bit for bit.
fn numpy_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        a.iter().fold(0.0, |acc, &x| acc + x)
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        r.copy_from_slice(&a[..8]);
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] += a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &a[i..] {
            res += x;
        }
        res
    } else {
        let half = n / 2;
        let half = half - half % 8;
        numpy_sum(&a[..half]) + numpy_sum(&a[half..])
    }
}

/// SciPy's `_gaussian_kernel1d(sigma, order, radius)`: the sampled Gaussian normalised to sum
/// 1, times the polynomial of the `order`-th derivative.
pub(crate) fn gaussian_kernel1d(sigma: f64, order: usize, radius: usize) -> Vec<f64> {
    let sigma2 = sigma * sigma;
    let r = radius as i64;
    let xs: Vec<f64> = (-r..=r).map(|x| x as f64).collect();
    let scale = -0.5 / sigma2;
    let phi: Vec<f64> = xs.iter().map(|&x| (scale * (x * x)).exp()).collect();
    let total = numpy_sum(&phi);
    let phi: Vec<f64> = phi.iter().map(|&p| p / total).collect();
    if order == 0 {
        return phi;
    }
    // q(x) with q' + q p' applied `order` times (p'(x) = -x / sigma^2), as coefficients.
    let mut q = vec![0.0f64; order + 1];
    q[0] = 1.0;
    let p = 1.0 / -sigma2;
    for _ in 0..order {
        q = (0..=order)
            .map(|i| {
                let d = if i < order {
                    (i + 1) as f64 * q[i + 1]
                } else {
                    0.0
                };
                let s = if i > 0 { p * q[i - 1] } else { 0.0 };
                d + s
            })
            .collect();
    }
    xs.iter()
        .zip(&phi)
        .map(|(&x, &ph)| {
            let mut poly = 0.0;
            for (k, &c) in q.iter().enumerate() {
                poly += x.powi(k as i32) * c;
            }
            poly * ph
        })
        .collect()
}

/// The correlation pass of one Gaussian along `axis` (SciPy's `gaussian_filter1d`).
fn gaussian_pass<T: NdElement>(
    func: &'static str,
    input: &ArrayView<'_, T>,
    sigma: f64,
    axis: isize,
    order: usize,
    radius: Option<usize>,
    truncate: f64,
    opts: &FilterOptions,
) -> Result<Pass> {
    let radius = match radius {
        Some(r) => r,
        None => {
            // Python's `int(truncate * sd + 0.5)`: truncation toward zero.
            let lw = (truncate * sigma + 0.5).trunc();
            if lw.is_nan() || lw < 0.0 || lw.is_infinite() {
                return Err(ConvError::InvalidFilter {
                    func,
                    what: format!("radius {lw} (truncate {truncate} x sigma {sigma})"),
                });
            }
            lw as usize
        }
    };
    let mut weights = gaussian_kernel1d(sigma, order, radius);
    // SciPy reverses the kernel to correlate rather than convolve with it.
    weights.reverse();
    pass_1d(func, input, weights, axis, 0, opts)
}

fn gaussian_1d_job<T: NdElement>(
    input: &ArrayView<'_, T>,
    sigma: f64,
    axis: isize,
    gauss: &GaussianOptions,
    opts: &FilterOptions,
) -> Result<Job> {
    let func = "gaussian_filter1d";
    opts.no_origin(func)?;
    if opts.axes.is_some() {
        return Err(ConvError::UnsupportedOption {
            func,
            option: "axes",
        });
    }
    let order = per_axis(&gauss.order, 0, 1, func, "order")?[0];
    let radius = per_axis(&gauss.radius, 0, 1, func, "radius")?[0];
    let radius = (!gauss.radius.is_empty()).then_some(radius);
    let pass = gaussian_pass(
        func,
        input,
        sigma,
        axis,
        order,
        radius,
        gauss.truncate,
        opts,
    )?;
    Ok(Job::Chain(vec![pass]))
}

fn gaussian_job<T: NdElement>(
    input: &ArrayView<'_, T>,
    sigma: &[f64],
    gauss: &GaussianOptions,
    opts: &FilterOptions,
) -> Result<Job> {
    let func = "gaussian_filter";
    opts.no_origin(func)?;
    let axes = axes_of(opts.axes.as_deref(), input.ndim(), func)?;
    if sigma.is_empty() {
        return Err(ConvError::SequenceLength {
            func,
            option: "sigma",
            got: 0,
            expected: axes.len(),
        });
    }
    let sigmas = per_axis(sigma, 0.0, axes.len(), func, "sigma")?;
    let orders = per_axis(&gauss.order, 0, axes.len(), func, "order")?;
    let radii = per_axis(&gauss.radius, 0, axes.len(), func, "radius")?;
    let mut passes = Vec::new();
    for (k, &axis) in axes.iter().enumerate() {
        if sigmas[k] > 1e-15 {
            let radius = (!gauss.radius.is_empty()).then_some(radii[k]);
            passes.push(gaussian_pass(
                func,
                input,
                sigmas[k],
                axis as isize,
                orders[k],
                radius,
                gauss.truncate,
                opts,
            )?);
        }
    }
    Ok(Job::Chain(passes))
}
