//! `scipy.ndimage.correlate` / `convolve` (n-d weights) and `correlate1d` / `convolve1d`.

use oxarray_core::{Array, ArrayView, AsArrayView, WriteArray, layout::normalize_axis};

use super::driver::NdKernel;
use super::element::NdElement;
use super::run::{Job, Pass, allocate, write_into};
use super::{FilterOptions, axes_of, check_origin, per_axis};
use crate::error::{ConvError, Result};

/// The n-d correlation of `input` with `weights`, as `scipy.ndimage.correlate(input,
/// weights, mode=, cval=, origin=, axes=)`: `out[i] = sum_j weights[j] * ext(i + j - c)` with
/// `c = weights.shape // 2 + origin` and `ext` the input extended by `opts.mode`.
///
/// `weights` has one axis per filtered axis (`opts.axes`, all by default); with fewer axes
/// than the input, its axes apply to the filtered axes in increasing order, as SciPy's
/// `expand_dims`. The result has the input's type, computed in `double` ([`NdElement`]).
///
/// ```
/// use oxarray_conv::ndimage::{correlate, FilterOptions, NdMode};
/// use oxarray_core::array;
/// let a = array![[0u8, 10, 20], [30, 40, 51]];
/// let box2 = array![[0.25, 0.25], [0.25, 0.25]];
/// let out = correlate(&a, &box2, &FilterOptions { mode: NdMode::Nearest, ..Default::default() })?;
/// assert_eq!(out.to_vec(), vec![0, 5, 15, 15, 20, 30]); // the last is 30.25, truncated
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: impl AsArrayView<f64>,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(
        &input,
        &nd_job("correlate", &input, &weights.as_view(), opts, false)?,
    )
}

/// [`correlate`] into `out`, an array or view of the input's shape (any layout).
///
/// ```
/// use oxarray_conv::ndimage::{correlate_into, FilterOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f64>::zeros([3])?;
/// correlate_into(&array![1.0, 2.0, 4.0], &array![1.0, 0.0, -1.0], &FilterOptions::default(), &mut out)?;
/// assert_eq!(out.to_vec(), vec![-1.0, -3.0, -2.0]); // reflect: [1] 1 2 4 [4]
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate_into<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: impl AsArrayView<f64>,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = nd_job("correlate", &input, &weights.as_view(), opts, false)?;
    write_into("correlate", &input, &job, &mut out)
}

/// The n-d convolution of `input` with `weights`, as `scipy.ndimage.convolve`: the weights
/// flipped along every axis and the origin mirrored (`-origin`, one less for even lengths),
/// then [`correlate`].
///
/// ```
/// use oxarray_conv::ndimage::{convolve, FilterOptions, NdMode};
/// use oxarray_core::array;
/// let a = array![1.0, 2.0, 3.0, 4.0];
/// let opts = FilterOptions { mode: NdMode::Constant, ..Default::default() };
/// let out = convolve(&a, &array![1.0, 1.0], &opts)?;
/// assert_eq!(out.to_vec(), vec![3.0, 5.0, 7.0, 4.0]); // scipy.ndimage.convolve gives the same
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: impl AsArrayView<f64>,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(
        &input,
        &nd_job("convolve", &input, &weights.as_view(), opts, true)?,
    )
}

/// [`convolve`] into `out`, an array or view of the input's shape.
///
/// ```
/// use oxarray_conv::ndimage::{convolve_into, FilterOptions, NdMode};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<i32>::zeros([2, 2])?;
/// let opts = FilterOptions { mode: NdMode::Wrap, ..Default::default() };
/// convolve_into(&array![[1, 2], [3, 4]], &array![[0.0, 1.0]], &opts, &mut out)?;
/// assert_eq!(out.to_vec(), vec![1, 2, 3, 4]); // the flipped [[1, 0]] on its centre
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve_into<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: impl AsArrayView<f64>,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = nd_job("convolve", &input, &weights.as_view(), opts, true)?;
    write_into("convolve", &input, &job, &mut out)
}

/// The 1-D correlation along `axis`, as `scipy.ndimage.correlate1d(input, weights, axis,
/// mode=, cval=, origin=)`: every line along `axis` correlated with `weights`. `opts.origin`
/// holds at most one value; `opts.axes` must be `None`.
///
/// ```
/// use oxarray_conv::ndimage::{correlate1d, FilterOptions};
/// use oxarray_core::array;
/// // SciPy's docstring example.
/// let out = correlate1d(&array![2, 8, 0, 4, 1, 9, 9, 0], &[1.0, 3.0], -1, &FilterOptions::default())?;
/// assert_eq!(out.to_vec(), vec![8, 26, 8, 12, 7, 28, 36, 9]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate1d<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: &[f64],
    axis: isize,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    let origin = opts.origin_1d("correlate1d")?;
    let pass = pass_1d("correlate1d", &input, weights.to_vec(), axis, origin, opts)?;
    allocate(&input, &Job::Chain(vec![pass]))
}

/// [`correlate1d`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{correlate1d_into, FilterOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f32>::zeros([2, 2])?;
/// correlate1d_into(&array![[1.0f32, 2.0], [3.0, 4.0]], &[1.0, 1.0], 0, &FilterOptions::default(), &mut out)?;
/// assert_eq!(out.to_vec(), vec![2.0, 4.0, 4.0, 6.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate1d_into<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: &[f64],
    axis: isize,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let origin = opts.origin_1d("correlate1d")?;
    let pass = pass_1d("correlate1d", &input, weights.to_vec(), axis, origin, opts)?;
    write_into("correlate1d", &input, &Job::Chain(vec![pass]), &mut out)
}

/// The 1-D convolution along `axis`, as `scipy.ndimage.convolve1d`: the weights reversed and
/// the origin mirrored, then [`correlate1d`].
///
/// ```
/// use oxarray_conv::ndimage::{convolve1d, FilterOptions};
/// use oxarray_core::array;
/// // SciPy's docstring example.
/// let out = convolve1d(&array![2, 8, 0, 4, 1, 9, 9, 0], &[1.0, 3.0], -1, &FilterOptions::default())?;
/// assert_eq!(out.to_vec(), vec![14, 24, 4, 13, 12, 36, 27, 0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve1d<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: &[f64],
    axis: isize,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    let pass = convolve1d_pass(&input, weights, axis, opts)?;
    allocate(&input, &Job::Chain(vec![pass]))
}

/// [`convolve1d`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{convolve1d_into, FilterOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f64>::zeros([3])?;
/// convolve1d_into(&array![1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], 0, &FilterOptions::default(), &mut out)?;
/// assert_eq!(out.to_vec(), vec![7.0, 10.0, 15.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve1d_into<T: NdElement>(
    input: impl AsArrayView<T>,
    weights: &[f64],
    axis: isize,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let pass = convolve1d_pass(&input, weights, axis, opts)?;
    write_into("convolve1d", &input, &Job::Chain(vec![pass]), &mut out)
}

fn convolve1d_pass<T: NdElement>(
    input: &ArrayView<'_, T>,
    weights: &[f64],
    axis: isize,
    opts: &FilterOptions,
) -> Result<Pass> {
    let origin = opts.origin_1d("convolve1d")?;
    let reversed: Vec<f64> = weights.iter().rev().copied().collect();
    let origin = -origin - isize::from(weights.len().is_multiple_of(2));
    pass_1d("convolve1d", input, reversed, axis, origin, opts)
}

/// The pass of a 1-D correlation with `weights` along `axis` (SciPy's checks: weights given,
/// axis in range, origin on a tap).
pub(crate) fn pass_1d<T: NdElement>(
    func: &'static str,
    input: &ArrayView<'_, T>,
    weights: Vec<f64>,
    axis: isize,
    origin: isize,
    opts: &FilterOptions,
) -> Result<Pass> {
    if weights.is_empty() {
        return Err(ConvError::InvalidFilter {
            func,
            what: "weights: none given".into(),
        });
    }
    let ndim = input.ndim();
    let axis = normalize_axis(axis, ndim)?;
    check_origin(func, axis, origin, weights.len())?;
    let mut shape = vec![1; ndim];
    shape[axis] = weights.len();
    let mut off = vec![0; ndim];
    off[axis] = (weights.len() / 2) as isize + origin;
    Ok(Pass::Correlate {
        kernel: NdKernel {
            w: weights,
            shape,
            off,
        },
        edge: opts.mode.edge(opts.cval),
    })
}

/// The job of an n-d correlation or convolution (SciPy's `_correlate_or_convolve`).
fn nd_job<T: NdElement>(
    func: &'static str,
    input: &ArrayView<'_, T>,
    weights: &ArrayView<'_, f64>,
    opts: &FilterOptions,
    convolution: bool,
) -> Result<Job> {
    let ndim = input.ndim();
    let axes = axes_of(opts.axes.as_deref(), ndim, func)?;
    if weights.ndim() != axes.len() || weights.shape().contains(&0) {
        return Err(ConvError::KernelShape {
            func,
            weights: weights.shape().to_vec(),
            input: input.shape().to_vec(),
            axes,
        });
    }
    let given = per_axis(&opts.origin, 0, axes.len(), func, "origin")?;
    let mut origin = vec![0isize; ndim];
    for (&o, &a) in given.iter().zip(&axes) {
        origin[a] = o;
    }
    // The weights' axes go to the filtered axes in increasing order (`np.expand_dims`).
    let mut sorted = axes.clone();
    sorted.sort_unstable();
    let mut shape = vec![1usize; ndim];
    for (k, &a) in sorted.iter().enumerate() {
        shape[a] = weights.shape()[k];
    }
    let mut w = weights.to_vec();
    if convolution {
        // Flipped along every axis: the C-order values reversed.
        w.reverse();
    }
    let mut off = vec![0isize; ndim];
    for d in 0..ndim {
        let mut o = origin[d];
        if convolution {
            o = -o - isize::from(shape[d].is_multiple_of(2));
        }
        check_origin(func, d, o, shape[d]).map_err(|_| ConvError::InvalidOrigin {
            func,
            axis: d,
            origin: origin[d],
            len: shape[d],
        })?;
        off[d] = (shape[d] / 2) as isize + o;
    }
    Ok(Job::Chain(vec![Pass::Correlate {
        kernel: NdKernel { w, shape, off },
        edge: opts.mode.edge(opts.cval),
    }]))
}
