//! The one loop behind every non-cumulative reduction: plan the layout ([`ReducePlan`]), then
//! walk runs or columns with the pairwise kernels, over rayon's threads when the work is large.

use std::ptr::NonNull;

use oxarray_core::layout::c_strides;
use oxarray_core::parallel::{SendPtr, for_each_range};
use oxarray_core::{Array, ArrayView, ArrayViewMut, Element, Error, Result};

use super::axes::{
    ReducePlan, Walk, check_out_shape, expand_out_strides, mask_axes, reduce_mask, reduced_count,
    reduced_shape,
};
use super::pairwise::{
    Fold, RowSource, pairwise, pairwise_rows, pairwise_run, rows_scratch_len, split_budget,
};

/// The most memory the 8 accumulator rows of a column walk may take; wider rows are walked in
/// tiles (see the `pairwise` module on why whole rows are preferred).
const COLUMN_ACC_BYTES: usize = 16 << 20;

/// The parameter operand of a reduction: a pointer and one stride per input axis.
#[derive(Debug)]
pub(crate) struct Param<P> {
    ptr: *const P,
    strides: Vec<isize>,
}

impl Param<()> {
    /// No parameter.
    pub fn none(ndim: usize) -> Param<()> {
        Param {
            ptr: NonNull::dangling().as_ptr(),
            strides: vec![0; ndim],
        }
    }
}

impl<P> Param<P> {
    /// One parameter per output, stored in C order of the kept axes of `shape` in `values`
    /// (as [`reduce_to_vec`] returns them).
    pub fn per_output(values: &[P], shape: &[usize], mask: &[bool]) -> Param<P> {
        let kept = reduced_shape(shape, mask, false);
        debug_assert_eq!(values.len(), kept.iter().product::<usize>());
        Param {
            ptr: values.as_ptr(),
            strides: expand_out_strides(&c_strides(&kept), mask),
        }
    }
}

/// Reduces `a` over the axes flagged in `mask`: each output is `finish` of the pairwise
/// combination of `f.load(x, p)` over its elements, written at `dst` + the output offset.
/// Does nothing when there are no outputs or nothing to reduce (callers handle empty
/// reductions first).
///
/// # Safety
/// `out_strides` (one per input axis, zero on reduced axes) must map each kept position to a
/// distinct writable `O` from `dst`, not accessed elsewhere during the call; `par` must be
/// readable at every kept position (see [`Param`]).
pub(crate) unsafe fn reduce_raw<F, O>(
    f: &F,
    a: &ArrayView<'_, F::In>,
    mask: &[bool],
    par: &Param<F::Par>,
    dst: *mut O,
    out_strides: &[isize],
    finish: &(impl Fn(F::Acc) -> O + Sync),
) where
    F: Fold,
    F::In: Element,
    O: Copy + Send,
{
    let plan = ReducePlan::new(a.shape(), a.strides(), out_strides, &par.strides, mask);
    if plan.outputs == 0 || plan.count == 0 {
        return;
    }
    let src = SendPtr::from_const(a.as_ptr());
    let dst = SendPtr::new(dst);
    let parp = SendPtr::from_const(par.ptr);
    match plan.walk {
        Walk::Runs {
            run_len,
            run_stride,
        } => {
            let rows = &plan.rows;
            let budget = if plan.outputs < 2 * rayon::current_num_threads() {
                split_budget()
            } else {
                0
            };
            for_each_range(plan.outputs, plan.count, |range| {
                plan.for_each_outer(range, |off| {
                    // SAFETY: the plan's offsets address elements of the three operands
                    // (the view's invariant 1, and this function's contract).
                    unsafe {
                        let p = *parp.get().offset(off[2]);
                        let base = SendPtr::from_const(src.get().offset(off[0]));
                        let acc = if rows.len() == 1 {
                            pairwise_run(f, base.get(), run_len, run_stride, p, budget)
                        } else {
                            let get = |i: usize| {
                                pairwise_run(
                                    f,
                                    base.get().offset(rows.offset(i)),
                                    run_len,
                                    run_stride,
                                    p,
                                    0,
                                )
                            };
                            pairwise(f, &get, 0, rows.len(), run_len, budget)
                        };
                        dst.get().offset(off[1]).write(finish(acc));
                    }
                });
            });
        }
        Walk::Columns { col } => {
            // Whole rows unless the 8 accumulator rows would pass COLUMN_ACC_BYTES.
            let max_w = (COLUMN_ACC_BYTES / (8 * size_of::<F::Acc>().max(1))).max(64);
            let tiles = col.len.div_ceil(max_w);
            let tile_w = col.len.div_ceil(tiles);
            let units = plan.outer_len() * tiles;
            let rows = &plan.rows;
            let n = rows.len();
            let budget = if units < 2 * rayon::current_num_threads() {
                split_budget()
            } else {
                0
            };
            for_each_range(units, plan.count * tile_w, |range| {
                let mut acc = vec![F::Acc::default(); tile_w];
                let mut scratch = vec![F::Acc::default(); rows_scratch_len(n, tile_w)];
                let mut pars = Vec::with_capacity(tile_w);
                for unit in range {
                    let off = plan.outer_offsets(unit / tiles);
                    let j0 = (unit % tiles) * tile_w;
                    let w = tile_w.min(col.len - j0);
                    pars.clear();
                    // SAFETY: parameter offsets of kept positions (contract).
                    pars.extend(
                        (j0..j0 + w).map(|j| unsafe {
                            *parp.get().offset(off[2] + j as isize * col.s_par)
                        }),
                    );
                    let source = RowSource {
                        fold: f,
                        // SAFETY: column j0 of the tile is an element of the input.
                        src: SendPtr::from_const(unsafe {
                            src.get().offset(off[0] + j0 as isize * col.s_in)
                        }),
                        rows,
                        col_stride: col.s_in,
                        par: &pars,
                    };
                    // SAFETY: every row of the plan has the tile's `w` columns in the input.
                    unsafe { pairwise_rows(&source, 0, n, &mut acc[..w], &mut scratch, budget) };
                    for (j, &v) in acc[..w].iter().enumerate() {
                        // SAFETY: output offsets of kept positions, distinct (contract).
                        unsafe {
                            dst.get()
                                .offset(off[1] + (j0 + j) as isize * col.s_out)
                                .write(finish(v))
                        };
                    }
                }
            });
        }
    }
}

/// [`reduce_raw`] into `out`, whose shape must be the result shape (with or without the
/// reduced axes; callers check it).
pub(crate) fn reduce_into<F, O>(
    f: &F,
    a: &ArrayView<'_, F::In>,
    mask: &[bool],
    par: &Param<F::Par>,
    out: &mut ArrayViewMut<'_, O>,
    finish: impl Fn(F::Acc) -> O + Sync,
) where
    F: Fold,
    F::In: Element,
    O: Element,
{
    debug_assert!(
        out.shape() == reduced_shape(a.shape(), mask, true)
            || out.shape() == reduced_shape(a.shape(), mask, false)
    );
    let out_strides = expand_out_strides(out.strides(), mask);
    // SAFETY: `out` is an exclusive view with the result shape: distinct kept positions are
    // distinct elements (invariant 3 of the array types); reduced axes have stride zero.
    unsafe { reduce_raw(f, a, mask, par, out.as_mut_ptr(), &out_strides, &finish) }
}

/// [`reduce_raw`] into a new vector in C order of the kept axes. `empty` is the value of
/// every output when nothing is reduced.
pub(crate) fn reduce_to_vec<F, O>(
    f: &F,
    a: &ArrayView<'_, F::In>,
    mask: &[bool],
    par: &Param<F::Par>,
    empty: O,
    finish: impl Fn(F::Acc) -> O + Sync,
) -> Vec<O>
where
    F: Fold,
    F::In: Element,
    O: Copy + Send,
{
    let kept = reduced_shape(a.shape(), mask, false);
    let mut out = vec![empty; kept.iter().product()];
    let out_strides = expand_out_strides(&c_strides(&kept), mask);
    // SAFETY: `out` is a fresh C-order buffer of the kept shape, exclusively ours.
    unsafe { reduce_raw(f, a, mask, par, out.as_mut_ptr(), &out_strides, &finish) };
    out
}

/// What an output is when its reduction has no elements.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Empty<O> {
    /// The identity of the operation (0 for sum, 1 for prod, NaN for mean).
    Value(O),
    /// An error naming NumPy's operation (`minimum`, `maximum`, `fmin`, `fmax`).
    Error(&'static str),
}

/// The error of a reduction with no identity over zero elements.
pub(crate) fn empty_error(op: &str, shape: &[usize], mask: &[bool]) -> Error {
    Error::invalid_argument(
        "array",
        format!(
            "of shape {shape:?} reduced along axes {:?}",
            mask_axes(mask)
        ),
        format!("zero-size array to reduction operation {op} which has no identity"),
    )
}

/// Reduces into `out` (shape already checked), handling the empty reduction.
pub(crate) fn reduce_checked<F, O>(
    f: &F,
    a: &ArrayView<'_, F::In>,
    mask: &[bool],
    out: &mut ArrayViewMut<'_, O>,
    empty: Empty<O>,
    finish: impl Fn(F::Acc) -> O + Sync,
) -> Result<()>
where
    F: Fold<Par = ()>,
    F::In: Element,
    O: Element,
{
    if reduced_count(a.shape(), mask) == 0 {
        match empty {
            Empty::Value(v) => out.fill(v),
            Empty::Error(op) => return Err(empty_error(op, a.shape(), mask)),
        }
        return Ok(());
    }
    reduce_into(f, a, mask, &Param::none(a.ndim()), out, finish);
    Ok(())
}

/// A reduction of `a` over `axes` into a new array (the front end of most reductions).
pub(crate) fn reduce_new<F, O>(
    f: &F,
    a: &ArrayView<'_, F::In>,
    axes: Option<&[isize]>,
    keepdims: bool,
    empty: Empty<O>,
    finish: impl Fn(F::Acc) -> O + Sync,
) -> Result<Array<O>>
where
    F: Fold<Par = ()>,
    F::In: Element,
    O: Element,
{
    let mask = reduce_mask(a.ndim(), axes)?;
    let mut out = Array::zeros(reduced_shape(a.shape(), &mask, keepdims))?;
    reduce_checked(f, a, &mask, &mut out.view_mut(), empty, finish)?;
    Ok(out)
}

/// A reduction of `a` over `axes` into `out`, which must have the result shape.
pub(crate) fn reduce_out<F, O>(
    f: &F,
    a: &ArrayView<'_, F::In>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut ArrayViewMut<'_, O>,
    empty: Empty<O>,
    finish: impl Fn(F::Acc) -> O + Sync,
) -> Result<()>
where
    F: Fold<Par = ()>,
    F::In: Element,
    O: Element,
{
    let mask = reduce_mask(a.ndim(), axes)?;
    check_out_shape(&reduced_shape(a.shape(), &mask, keepdims), out.shape())?;
    reduce_checked(f, a, &mask, out, empty, finish)
}
