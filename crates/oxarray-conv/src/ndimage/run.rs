//! From array views to the driver: a filter as a list of passes, run into a new array or a
//! caller's `out`, with one temporary when passes follow each other.

use oxarray_core::{Array, ArrayView, ArrayViewMut, WriteArray, copyto};

use super::driver::{self, NdDst, NdKernel, NdSrc};
use super::element::NdElement;
use crate::engine::Edge;
use crate::error::{ConvError, Result};
use crate::operand::simd_enabled;

/// One 1-D or n-d pass of a filter.
#[derive(Clone, Debug)]
pub(crate) enum Pass {
    /// A correlation with `kernel`.
    Correlate { kernel: NdKernel, edge: Edge<f64> },
    /// SciPy's running mean of `size` values along `axis`, the window starting `before`
    /// values to the left.
    Uniform {
        axis: usize,
        size: usize,
        before: usize,
        edge: Edge<f64>,
    },
}

/// How the passes combine.
#[derive(Clone, Debug)]
pub(crate) enum Job {
    /// Each pass reads the previous one's result (the first reads the input); none copies
    /// the input.
    Chain(Vec<Pass>),
    /// Each pass reads the input and the results, each stored in the element type, are
    /// added in it (`generic_laplace`'s `output += tmp`); none copies the input. Only
    /// correlation passes.
    Sum(Vec<Pass>),
}

fn src_of<T: NdElement>(v: &ArrayView<'_, T>) -> NdSrc<T> {
    NdSrc {
        ptr: v.as_ptr(),
        shape: v.shape().to_vec(),
        strides: v.strides().to_vec(),
    }
}

fn dst_of<T: NdElement>(v: &mut ArrayViewMut<'_, T>) -> NdDst<T> {
    NdDst {
        strides: v.strides().to_vec(),
        ptr: v.as_mut_ptr(),
    }
}

/// Runs one pass.
///
/// # Safety
/// The contract of [`driver::correlate`] for `src` and `dst`; the pass was built for `src`'s
/// shape (valid kernel, axis and offsets).
/// With `accumulate` (correlations only), the results are added to `dst`'s values.
unsafe fn run_pass<T: NdElement>(
    pass: &Pass,
    src: &NdSrc<T>,
    dst: &NdDst<T>,
    accumulate: bool,
    simd: bool,
) {
    match pass {
        // SAFETY: the caller's contract.
        Pass::Correlate { kernel, edge } => unsafe {
            driver::correlate(src, kernel, *edge, dst, accumulate, simd)
        },
        &Pass::Uniform {
            axis,
            size,
            before,
            edge,
        } => {
            debug_assert!(!accumulate, "uniform passes do not accumulate");
            let after = size - 1 - before;
            // SAFETY: the caller's contract.
            unsafe {
                driver::for_each_line(src, axis, before, after, edge, dst, |ext, out| {
                    running_mean(ext, size, out)
                })
            }
        }
    }
}

/// SciPy's `NI_UniformFilter1D` (1.17) on one extended line, operation for operation: a
/// running sum, each output the sum divided by the size.
fn running_mean(ext: &[f64], size: usize, out: &mut [f64]) {
    let n = size as f64;
    let mut sum = 0.0;
    for &x in &ext[..size] {
        sum += x;
    }
    out[0] = sum / n;
    for ll in 1..out.len() {
        sum += ext[ll - 1 + size] - ext[ll - 1];
        out[ll] = sum / n;
    }
}

/// Runs `job` on `input` into `out`, which has `input`'s shape.
pub(crate) fn execute<T: NdElement>(
    input: &ArrayView<'_, T>,
    job: &Job,
    out: &mut ArrayViewMut<'_, T>,
) -> Result<()> {
    debug_assert_eq!(input.shape(), out.shape());
    let simd = simd_enabled();
    let src = src_of(input);
    let dst = dst_of(out);
    let passes = match job {
        Job::Chain(p) | Job::Sum(p) => p,
    };
    if passes.is_empty() {
        copyto(out, input, None)?;
        return Ok(());
    }
    match job {
        Job::Chain(passes) => {
            let mut tmp = if passes.len() > 1 {
                Some(Array::<T>::zeros(input.shape())?)
            } else {
                None
            };
            let tmp_dst = tmp.as_mut().map(|t| dst_of(&mut t.view_mut()));
            let mut cur = src;
            for (i, pass) in passes.iter().enumerate() {
                // Alternate between `out` and the temporary so that the last pass lands in
                // `out`.
                let target = if (passes.len() - 1 - i) % 2 == 0 {
                    &dst
                } else {
                    tmp_dst
                        .as_ref()
                        .expect("a temporary for two or more passes")
                };
                // SAFETY: `cur` is the input view or the previous pass's target, fully
                // written; `target` is `out` (a mutable view, distinct elements, no input
                // element since the input is borrowed shared) or the temporary, and never
                // the same buffer as `cur` (the targets alternate).
                unsafe { run_pass(pass, &cur, target, false, simd) };
                cur = NdSrc {
                    ptr: target.ptr.cast_const(),
                    shape: input.shape().to_vec(),
                    strides: target.strides.clone(),
                };
            }
        }
        Job::Sum(passes) => {
            for (i, pass) in passes.iter().enumerate() {
                // SAFETY: `out` as above, written by the first pass before the others add
                // to it; every pass reads only the input.
                unsafe { run_pass(pass, &src, &dst, i > 0, simd) };
            }
        }
    }
    Ok(())
}

/// Runs `job` into a new C-order array of the input's shape.
pub(crate) fn allocate<T: NdElement>(input: &ArrayView<'_, T>, job: &Job) -> Result<Array<T>> {
    let mut out = Array::<T>::zeros(input.shape())?;
    execute(input, job, &mut out.view_mut())?;
    Ok(out)
}

/// Runs `job` into `out`, after checking its shape.
pub(crate) fn write_into<T: NdElement>(
    func: &'static str,
    input: &ArrayView<'_, T>,
    job: &Job,
    out: &mut impl WriteArray<T>,
) -> Result<()> {
    let mut view = out.write_view();
    if view.shape() != input.shape() {
        return Err(ConvError::OutShape {
            func,
            expected: input.shape().to_vec(),
            got: view.shape().to_vec(),
        });
    }
    execute(input, job, &mut view)
}
