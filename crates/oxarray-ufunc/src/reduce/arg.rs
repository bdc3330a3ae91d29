//! `argmin`, `argmax` (the first extreme; the first NaN wins, as in NumPy) and `nanargmin`,
//! `nanargmax` (NaN ignored; an all-NaN slice is an error).

use std::sync::atomic::{AtomicBool, Ordering};

use oxarray_core::parallel::{PARALLEL_MIN_ELEMENTS, SendPtr, for_each_range};
use oxarray_core::{Array, ArrayView, AsArrayView, Error, Result};

use super::axes::{ReducePlan, RowIndex, Walk, expand_out_strides, reduced_shape, single_axis};
use super::element::ReduceElement;
use super::pairwise::split_budget;

/// Which element an arg-reduction keeps.
trait ArgRule<T: ReduceElement>: Sync {
    /// NumPy's function name, for errors.
    const NAME: &'static str;
    /// Whether NaN is skipped (the `nan*` variants).
    const SKIP_NAN: bool;
    /// Whether `x`, seen after `best`, replaces it.
    fn better(x: T, best: T) -> bool;
}

struct ArgMin;
struct ArgMax;
struct NanArgMin;
struct NanArgMax;

impl<T: ReduceElement> ArgRule<T> for ArgMin {
    const NAME: &'static str = "argmin";
    const SKIP_NAN: bool = false;
    #[inline(always)]
    fn better(x: T, best: T) -> bool {
        x.less(best) || (x.is_nan() && !best.is_nan())
    }
}
impl<T: ReduceElement> ArgRule<T> for ArgMax {
    const NAME: &'static str = "argmax";
    const SKIP_NAN: bool = false;
    #[inline(always)]
    fn better(x: T, best: T) -> bool {
        best.less(x) || (x.is_nan() && !best.is_nan())
    }
}
impl<T: ReduceElement> ArgRule<T> for NanArgMin {
    const NAME: &'static str = "nanargmin";
    const SKIP_NAN: bool = true;
    #[inline(always)]
    fn better(x: T, best: T) -> bool {
        !x.is_nan() && (best.is_nan() || x.less(best))
    }
}
impl<T: ReduceElement> ArgRule<T> for NanArgMax {
    const NAME: &'static str = "nanargmax";
    const SKIP_NAN: bool = true;
    #[inline(always)]
    fn better(x: T, best: T) -> bool {
        !x.is_nan() && (best.is_nan() || best.less(x))
    }
}

/// The best element of a strided run of `n >= 1` elements and its index, split over threads
/// when long (the combination keeps the first occurrence).
///
/// # Safety
/// `ptr + i * stride` must be readable for `i < n`.
unsafe fn scan<T: ReduceElement, R: ArgRule<T>>(
    ptr: SendPtr<T>,
    n: usize,
    stride: isize,
) -> (T, usize) {
    if n >= 4 * PARALLEL_MIN_ELEMENTS && rayon::current_num_threads() > 1 {
        let half = n / 2;
        // SAFETY: both halves are inside the run.
        let (left, right) = oxarray_core::parallel::join(
            || unsafe { scan::<T, R>(ptr, half, stride) },
            || unsafe {
                scan::<T, R>(
                    SendPtr::from_const(ptr.get().offset(half as isize * stride)),
                    n - half,
                    stride,
                )
            },
        );
        return if R::better(right.0, left.0) {
            (right.0, right.1 + half)
        } else {
            left
        };
    }
    let p = ptr.get();
    // SAFETY: caller contract, `i < n`.
    let mut best = unsafe { *p };
    let mut idx = 0;
    for i in 1..n {
        // SAFETY: as above.
        let x = unsafe { *p.offset(i as isize * stride) };
        if R::better(x, best) {
            best = x;
            idx = i;
            if !R::SKIP_NAN && x.is_nan() {
                break;
            }
        }
    }
    (best, idx)
}

/// Rows of `len` elements at `stride` from `base`, row `i` at `rows.offset(i)`.
struct ColumnSource<'a, T> {
    base: SendPtr<T>,
    rows: &'a RowIndex,
    len: usize,
    stride: isize,
}

/// The best element of every column over rows `start..start + n` (`n >= 1`) and its row,
/// reading whole rows; the top splits over threads (keeping the first occurrence).
///
/// # Safety
/// Every row in the range must have `src.len` readable elements at `src.stride`.
unsafe fn scan_rows<T: ReduceElement, R: ArgRule<T>>(
    src: &ColumnSource<'_, T>,
    start: usize,
    n: usize,
    budget: u32,
) -> (Vec<T>, Vec<usize>) {
    if budget > 0 && n >= 2 && n * src.len >= 4 * PARALLEL_MIN_ELEMENTS {
        let half = n / 2;
        // SAFETY: both halves are inside the caller's range.
        let ((mut best, mut idx), (rb, ri)) = oxarray_core::parallel::join(
            || unsafe { scan_rows::<T, R>(src, start, half, budget - 1) },
            || unsafe { scan_rows::<T, R>(src, start + half, n - half, budget - 1) },
        );
        for j in 0..src.len {
            if R::better(rb[j], best[j]) {
                best[j] = rb[j];
                idx[j] = ri[j];
            }
        }
        return (best, idx);
    }
    let row = |i: usize| {
        // SAFETY: rows of the range are readable (caller contract).
        unsafe { src.base.get().offset(src.rows.offset(i)) }
    };
    let first = row(start);
    // SAFETY: column `j < len` of the first row.
    let mut best: Vec<T> = (0..src.len)
        .map(|j| unsafe { *first.offset(j as isize * src.stride) })
        .collect();
    let mut idx = vec![start; src.len];
    for i in start + 1..start + n {
        let r = row(i);
        for (j, (b, k)) in best.iter_mut().zip(idx.iter_mut()).enumerate() {
            // SAFETY: column `j < len` of row `i`.
            let x = unsafe { *r.offset(j as isize * src.stride) };
            if R::better(x, *b) {
                *b = x;
                *k = i;
            }
        }
    }
    (best, idx)
}

fn empty_error(name: &str, shape: &[usize], axis: Option<usize>) -> Error {
    Error::invalid_argument(
        "array",
        match axis {
            Some(a) => format!("of shape {shape:?} along axis {a}"),
            None => format!("of shape {shape:?}"),
        },
        format!("attempt to get {name} of an empty sequence"),
    )
}

fn all_nan_error(name: &str, shape: &[usize]) -> Error {
    Error::invalid_argument(
        "array",
        format!("of shape {shape:?}"),
        format!("All-NaN slice encountered in {name}"),
    )
}

fn arg_reduce<T: ReduceElement, R: ArgRule<T>>(
    a: &ArrayView<'_, T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<i64>> {
    let Some(axis) = axis else {
        // Flattened, in logical (C) order.
        if a.is_empty() {
            return Err(empty_error(R::NAME, a.shape(), None));
        }
        let flat = a.as_standard_layout();
        let v = flat.view();
        // SAFETY: C-contiguous: `len()` readable elements at unit stride.
        let (best, idx) = unsafe { scan::<T, R>(SendPtr::from_const(v.as_ptr()), v.len(), 1) };
        if R::SKIP_NAN && best.is_nan() {
            return Err(all_nan_error(R::NAME, a.shape()));
        }
        let shape = if keepdims { vec![1; a.ndim()] } else { vec![] };
        return Array::from_vec(vec![idx as i64], shape);
    };
    let ax = single_axis(a.ndim(), axis)?;
    let n = a.shape()[ax];
    if n == 0 {
        return Err(empty_error(R::NAME, a.shape(), Some(ax)));
    }
    let mut mask = vec![false; a.ndim()];
    mask[ax] = true;
    let mut out = Array::<i64>::zeros(reduced_shape(a.shape(), &mask, keepdims))?;
    let out_strides = expand_out_strides(out.strides(), &mask);
    let plan = ReducePlan::ordered(a.shape(), a.strides(), &out_strides, &mask);
    if plan.outputs == 0 {
        return Ok(out);
    }
    let all_nan = AtomicBool::new(false);
    let src = SendPtr::from_const(a.as_ptr());
    let dst = SendPtr::new(out.view_mut().as_mut_ptr());
    match plan.walk {
        Walk::Runs {
            run_len,
            run_stride,
        } => {
            for_each_range(plan.outputs, n, |range| {
                plan.for_each_outer(range, |off| {
                    // SAFETY: plan offsets address elements of the input and distinct
                    // elements of the fresh output (invariants 1 and 3).
                    unsafe {
                        let base = SendPtr::from_const(src.get().offset(off[0]));
                        let (best, idx) = scan::<T, R>(base, run_len, run_stride);
                        if R::SKIP_NAN && best.is_nan() {
                            all_nan.store(true, Ordering::Relaxed);
                        }
                        dst.get().offset(off[1]).write(idx as i64);
                    }
                });
            });
        }
        Walk::Columns { col } => {
            let rows = &plan.rows;
            let units = plan.outer_len();
            let budget = if units < 2 * rayon::current_num_threads() {
                split_budget()
            } else {
                0
            };
            for_each_range(units, n * col.len, |range| {
                for unit in range {
                    let off = plan.outer_offsets(unit);
                    let src = ColumnSource {
                        // SAFETY: the unit's first element is an element of the input.
                        base: SendPtr::from_const(unsafe { src.get().offset(off[0]) }),
                        rows,
                        len: col.len,
                        stride: col.s_in,
                    };
                    // SAFETY: rows `0..n` of the plan with `col.len` columns are elements of the
                    // input (invariant 1).
                    let (best, idx) = unsafe { scan_rows::<T, R>(&src, 0, n, budget) };
                    for (j, (b, i)) in best.iter().zip(&idx).enumerate() {
                        if R::SKIP_NAN && b.is_nan() {
                            all_nan.store(true, Ordering::Relaxed);
                        }
                        // SAFETY: distinct output elements of the fresh output (invariant 3).
                        unsafe {
                            dst.get()
                                .offset(off[1] + j as isize * col.s_out)
                                .write(*i as i64)
                        };
                    }
                }
            });
        }
    }
    if all_nan.load(Ordering::Relaxed) {
        return Err(all_nan_error(R::NAME, a.shape()));
    }
    Ok(out)
}

/// The index of the minimum along `axis` (of the flattened array in C order when `None`),
/// NumPy's `argmin`: the first occurrence; a NaN is the minimum (the first NaN wins).
///
/// Errors: an empty axis (NumPy's "attempt to get argmin of an empty sequence") is an
/// [`InvalidArgument`](oxarray_core::Error::InvalidArgument) error; a bad axis is
/// [`AxisOutOfBounds`](oxarray_core::Error::AxisOutOfBounds).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::argmin;
/// let m = array![[3.0, 1.0, 1.0], [0.0, f64::NAN, 5.0]];
/// assert_eq!(argmin(&m, Some(1), false)?.to_vec(), vec![1i64, 1]);
/// assert_eq!(argmin(&m, None, false)?.to_vec(), vec![4]); // flat index of the NaN
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn argmin<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<i64>> {
    arg_reduce::<T, ArgMin>(&a.as_view(), axis, keepdims)
}

/// The index of the maximum along `axis`, NumPy's `argmax` (see [`argmin`]).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::argmax;
/// let m = array![[3, 7, 7], [9, 1, 9]];
/// assert_eq!(argmax(&m, Some(0), false)?.to_vec(), vec![1i64, 0, 1]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn argmax<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<i64>> {
    arg_reduce::<T, ArgMax>(&a.as_view(), axis, keepdims)
}

/// The index of the minimum ignoring NaN, NumPy's `nanargmin`; a slice of only NaN is an
/// [`InvalidArgument`](oxarray_core::Error::InvalidArgument) error ("All-NaN slice
/// encountered").
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::nanargmin;
/// let a = array![f64::NAN, 2.0, 1.0];
/// assert_eq!(nanargmin(&a, None, false)?.to_vec(), vec![2i64]);
/// assert!(nanargmin(&array![f64::NAN], None, false).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nanargmin<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<i64>> {
    arg_reduce::<T, NanArgMin>(&a.as_view(), axis, keepdims)
}

/// The index of the maximum ignoring NaN, NumPy's `nanargmax` (see [`nanargmin`]).
pub fn nanargmax<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array<i64>> {
    arg_reduce::<T, NanArgMax>(&a.as_view(), axis, keepdims)
}
