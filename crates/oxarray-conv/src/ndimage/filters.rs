//! `uniform_filter1d`, `uniform_filter`, `sobel` and `laplace`: SciPy's separable filters as
//! chains of 1-D passes.

use oxarray_core::{Array, ArrayView, AsArrayView, WriteArray, layout::normalize_axis};

use super::correlate::pass_1d;
use super::element::NdElement;
use super::run::{Job, Pass, allocate, write_into};
use super::{FilterOptions, axes_of, check_origin, per_axis};
use crate::error::{ConvError, Result};

/// The mean over `size` neighbours along `axis`, as `scipy.ndimage.uniform_filter1d(input,
/// size, axis, mode=, cval=, origin=)`, computed as SciPy computes it (a running sum in
/// `double`), so that results agree bit for bit, integers included. `opts.axes` must be
/// `None`.
///
/// ```
/// use oxarray_conv::ndimage::{uniform_filter1d, FilterOptions};
/// use oxarray_core::array;
/// // SciPy's docstring example.
/// let out = uniform_filter1d(&array![2, 8, 0, 4, 1, 9, 9, 0], 3, -1, &FilterOptions::default())?;
/// assert_eq!(out.to_vec(), vec![4, 3, 4, 1, 4, 6, 6, 3]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn uniform_filter1d<T: NdElement>(
    input: impl AsArrayView<T>,
    size: usize,
    axis: isize,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(&input, &uniform_1d_job(&input, size, axis, opts)?)
}

/// [`uniform_filter1d`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{uniform_filter1d_into, FilterOptions, NdMode};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f64>::zeros([4])?;
/// let opts = FilterOptions { mode: NdMode::Constant, ..Default::default() };
/// uniform_filter1d_into(&array![2.0, 4.0, 6.0, 8.0], 2, 0, &opts, &mut out)?;
/// assert_eq!(out.to_vec(), vec![1.0, 3.0, 5.0, 7.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn uniform_filter1d_into<T: NdElement>(
    input: impl AsArrayView<T>,
    size: usize,
    axis: isize,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = uniform_1d_job(&input, size, axis, opts)?;
    write_into("uniform_filter1d", &input, &job, &mut out)
}

/// The mean over a box of `size` (one value, or one per filtered axis), as
/// `scipy.ndimage.uniform_filter(input, size, mode=, cval=, origin=, axes=)`: one
/// [`uniform_filter1d`] pass per filtered axis whose size exceeds 1, each stored in the
/// element type before the next.
///
/// ```
/// use oxarray_conv::ndimage::{uniform_filter, FilterOptions};
/// use oxarray_core::array;
/// let a = array![[1.0f64, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]];
/// let out = uniform_filter(&a, &[3], &FilterOptions::default())?;
/// assert!((*out.get(&[1, 1])? - 5.0).abs() < 1e-12);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn uniform_filter<T: NdElement>(
    input: impl AsArrayView<T>,
    size: &[usize],
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(&input, &uniform_job(&input, size, opts)?)
}

/// [`uniform_filter`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{uniform_filter_into, FilterOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<u8>::zeros([2, 2])?;
/// uniform_filter_into(&array![[0u8, 4], [8, 12]], &[2, 1], &FilterOptions::default(), &mut out)?;
/// assert_eq!(out.to_vec(), vec![0, 4, 4, 8]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn uniform_filter_into<T: NdElement>(
    input: impl AsArrayView<T>,
    size: &[usize],
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = uniform_job(&input, size, opts)?;
    write_into("uniform_filter", &input, &job, &mut out)
}

/// The Sobel derivative along `axis`, as `scipy.ndimage.sobel(input, axis, mode=, cval=)`:
/// `[-1, 0, 1]` along `axis`, then the smoothing `[1, 2, 1]` along every other axis, each pass
/// stored in the element type. `opts.origin` and `opts.axes` must be left at their defaults.
///
/// ```
/// use oxarray_conv::ndimage::{sobel, FilterOptions};
/// use oxarray_core::array;
/// let ramp = array![[0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 2.0, 3.0]];
/// let gx = sobel(&ramp, -1, &FilterOptions::default())?;
/// assert_eq!(gx.to_vec(), vec![4.0, 8.0, 8.0, 4.0, 4.0, 8.0, 8.0, 4.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn sobel<T: NdElement>(
    input: impl AsArrayView<T>,
    axis: isize,
    opts: &FilterOptions,
) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(&input, &sobel_job(&input, axis, opts)?)
}

/// [`sobel`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{sobel_into, FilterOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<i32>::zeros([3])?;
/// sobel_into(&array![1, 4, 9], 0, &FilterOptions::default(), &mut out)?;
/// assert_eq!(out.to_vec(), vec![3, 8, 5]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn sobel_into<T: NdElement>(
    input: impl AsArrayView<T>,
    axis: isize,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = sobel_job(&input, axis, opts)?;
    write_into("sobel", &input, &job, &mut out)
}

/// The discrete Laplacian, as `scipy.ndimage.laplace(input, mode=, cval=, axes=)`: the
/// second difference `[1, -2, 1]` along each filtered axis, each stored in the element type
/// and added in it (integers wrap, as NumPy's `+=`). `opts.origin` must be left empty.
///
/// ```
/// use oxarray_conv::ndimage::{laplace, FilterOptions};
/// use oxarray_core::array;
/// let a = array![[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]];
/// let out = laplace(&a, &FilterOptions::default())?;
/// assert_eq!(out.to_vec(), vec![0.0, 1.0, 0.0, 1.0, -4.0, 1.0, 0.0, 1.0, 0.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn laplace<T: NdElement>(input: impl AsArrayView<T>, opts: &FilterOptions) -> Result<Array<T>> {
    let input = input.as_view();
    allocate(&input, &laplace_job(&input, opts)?)
}

/// [`laplace`] into `out`.
///
/// ```
/// use oxarray_conv::ndimage::{laplace_into, FilterOptions};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f32>::zeros([4])?;
/// laplace_into(&array![0.0f32, 1.0, 4.0, 9.0], &FilterOptions::default(), &mut out)?;
/// assert_eq!(out.to_vec(), vec![1.0, 2.0, 2.0, -5.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn laplace_into<T: NdElement>(
    input: impl AsArrayView<T>,
    opts: &FilterOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let input = input.as_view();
    let job = laplace_job(&input, opts)?;
    write_into("laplace", &input, &job, &mut out)
}

/// The running-mean pass of SciPy's `uniform_filter1d` (its checks: size at least 1, origin
/// on a tap).
fn uniform_pass(
    func: &'static str,
    axis: usize,
    size: usize,
    origin: isize,
    opts: &FilterOptions,
) -> Result<Pass> {
    if size < 1 {
        return Err(ConvError::InvalidFilter {
            func,
            what: format!("size {size}"),
        });
    }
    check_origin(func, axis, origin, size)?;
    Ok(Pass::Uniform {
        axis,
        size,
        before: ((size / 2) as isize + origin) as usize,
        edge: opts.mode.edge(opts.cval),
    })
}

fn uniform_1d_job<T: NdElement>(
    input: &ArrayView<'_, T>,
    size: usize,
    axis: isize,
    opts: &FilterOptions,
) -> Result<Job> {
    let func = "uniform_filter1d";
    let origin = opts.origin_1d(func)?;
    let axis = normalize_axis(axis, input.ndim())?;
    Ok(Job::Chain(vec![uniform_pass(
        func, axis, size, origin, opts,
    )?]))
}

fn uniform_job<T: NdElement>(
    input: &ArrayView<'_, T>,
    size: &[usize],
    opts: &FilterOptions,
) -> Result<Job> {
    let func = "uniform_filter";
    let axes = axes_of(opts.axes.as_deref(), input.ndim(), func)?;
    let sizes = per_axis(size, 3, axes.len(), func, "size")?;
    let origins = per_axis(&opts.origin, 0, axes.len(), func, "origin")?;
    let mut passes = Vec::new();
    for ((&axis, &size), &origin) in axes.iter().zip(&sizes).zip(&origins) {
        // SciPy skips the axes of size 0 and 1 (no error for 0).
        if size > 1 {
            passes.push(uniform_pass(func, axis, size, origin, opts)?);
        }
    }
    Ok(Job::Chain(passes))
}

fn sobel_job<T: NdElement>(
    input: &ArrayView<'_, T>,
    axis: isize,
    opts: &FilterOptions,
) -> Result<Job> {
    let func = "sobel";
    opts.no_origin(func)?;
    if opts.axes.is_some() {
        return Err(ConvError::UnsupportedOption {
            func,
            option: "axes",
        });
    }
    let ndim = input.ndim();
    let axis = normalize_axis(axis, ndim)?;
    let mut passes = vec![pass_1d(
        func,
        input,
        vec![-1.0, 0.0, 1.0],
        axis as isize,
        0,
        opts,
    )?];
    for other in (0..ndim).filter(|&d| d != axis) {
        passes.push(pass_1d(
            func,
            input,
            vec![1.0, 2.0, 1.0],
            other as isize,
            0,
            opts,
        )?);
    }
    Ok(Job::Chain(passes))
}

fn laplace_job<T: NdElement>(input: &ArrayView<'_, T>, opts: &FilterOptions) -> Result<Job> {
    let func = "laplace";
    opts.no_origin(func)?;
    let axes = axes_of(opts.axes.as_deref(), input.ndim(), func)?;
    let passes = axes
        .iter()
        .map(|&axis| pass_1d(func, input, vec![1.0, -2.0, 1.0], axis as isize, 0, opts))
        .collect::<Result<Vec<_>>>()?;
    Ok(Job::Sum(passes))
}
