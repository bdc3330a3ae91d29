//! Cumulative reductions: `cumsum`, `cumprod`, `nancumsum`, `nancumprod`.
//!
//! A running sum is sequential by nature (NumPy's `add.accumulate`). Along an axis that is not
//! the innermost in memory (`cumsum(axis=0)` of a C-order matrix) whole rows are accumulated
//! at once, with a contiguous inner loop, instead of striding down each column.

use oxarray_core::parallel::{SendPtr, for_each_range};
use oxarray_core::{Array, ArrayView, AsArrayView, Result};

use super::axes::{ReducePlan, Walk, expand_out_strides, single_axis};
use super::element::ReduceElement;
use super::pairwise::Fold;
use super::sum::{NanProdFold, NanSumFold, ProdFold, SumFold};

fn accumulate<T, F>(f: &F, a: &ArrayView<'_, T>, axis: Option<isize>) -> Result<Array<T::Sum>>
where
    T: ReduceElement,
    F: Fold<In = T, Par = (), Acc = T::SumAcc>,
{
    let Some(axis) = axis else {
        // Flattened, in logical (C) order.
        let flat = a.as_standard_layout();
        let v = flat.view();
        let xs = v.as_slice().expect("standard layout is C-contiguous");
        let mut acc = None;
        let out: Vec<T::Sum> = xs
            .iter()
            .map(|&x| {
                let v = match acc {
                    None => f.load(x, ()),
                    Some(s) => f.combine(s, f.load(x, ())),
                };
                acc = Some(v);
                T::sum_from_acc(v)
            })
            .collect();
        return Array::from_vec(out, [xs.len()]);
    };
    let ax = single_axis(a.ndim(), axis)?;
    let mut out = Array::<T::Sum>::zeros(a.shape())?;
    if a.is_empty() {
        return Ok(out);
    }
    let mut mask = vec![false; a.ndim()];
    mask[ax] = true;
    let n = a.shape()[ax];
    let out_axis_stride = out.strides()[ax];
    let out_strides = expand_out_strides(out.strides(), &mask);
    let plan = ReducePlan::ordered(a.shape(), a.strides(), &out_strides, &mask);
    let src = SendPtr::from_const(a.as_ptr());
    let dst = SendPtr::new(out.view_mut().as_mut_ptr());
    match plan.walk {
        Walk::Runs {
            run_len,
            run_stride,
        } => {
            for_each_range(plan.outputs, n, |range| {
                plan.for_each_outer(range, |off| {
                    let mut acc = T::SumAcc::default();
                    for i in 0..run_len {
                        // SAFETY: element `i` of the line is an element of the input; the
                        // output line is a distinct part of the fresh C-order output
                        // (invariants 1 and 3).
                        unsafe {
                            let x = *src.get().offset(off[0] + i as isize * run_stride);
                            let v = f.load(x, ());
                            acc = if i == 0 { v } else { f.combine(acc, v) };
                            dst.get()
                                .offset(off[1] + i as isize * out_axis_stride)
                                .write(T::sum_from_acc(acc));
                        }
                    }
                });
            });
        }
        Walk::Columns { col } => {
            // Whole rows (see the `pairwise` module); parallel over the outer positions only,
            // as a running sum is sequential down the rows.
            let rows = &plan.rows;
            for_each_range(plan.outer_len(), n * col.len, |range| {
                let mut acc = vec![T::SumAcc::default(); col.len];
                for unit in range {
                    let off = plan.outer_offsets(unit);
                    for i in 0..n {
                        // SAFETY: row `i < n` of the plan, all `col.len` columns, is made of
                        // elements of the input; the matching output elements are distinct
                        // elements of the fresh output (invariants 1 and 3).
                        unsafe {
                            let x = src.get().offset(off[0] + rows.offset(i));
                            let y = dst.get().offset(off[1] + i as isize * out_axis_stride);
                            if col.s_in == 1 && col.s_out == 1 {
                                // The common case: contiguous rows in and out.
                                let xs = std::slice::from_raw_parts(x, col.len);
                                let ys = std::slice::from_raw_parts_mut(y, col.len);
                                if i == 0 {
                                    for ((a, &x), y) in acc.iter_mut().zip(xs).zip(ys) {
                                        *a = f.load(x, ());
                                        *y = T::sum_from_acc(*a);
                                    }
                                } else {
                                    for ((a, &x), y) in acc.iter_mut().zip(xs).zip(ys) {
                                        *a = f.combine(*a, f.load(x, ()));
                                        *y = T::sum_from_acc(*a);
                                    }
                                }
                                continue;
                            }
                            for (j, a) in acc.iter_mut().enumerate() {
                                let v = f.load(*x.offset(j as isize * col.s_in), ());
                                *a = if i == 0 { v } else { f.combine(*a, v) };
                                y.offset(j as isize * col.s_out).write(T::sum_from_acc(*a));
                            }
                        }
                    }
                }
            });
        }
    }
    Ok(out)
}

/// The running sum along `axis` (of the flattened array in C order when `None`), NumPy's
/// `cumsum`, in the result type of [`sum`](crate::sum) (int8 sums in int64, wrapping).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::cumsum;
/// let m = array![[1, 2], [3, 4]];
/// assert_eq!(cumsum(&m, Some(0))?.to_vec(), vec![1i64, 2, 4, 6]);
/// assert_eq!(cumsum(&m, None)?.to_vec(), vec![1i64, 3, 6, 10]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cumsum<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
) -> Result<Array<T::Sum>> {
    accumulate(&SumFold::<T>::NEW, &a.as_view(), axis)
}

/// The running product along `axis`, NumPy's `cumprod` (see [`cumsum`]).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::cumprod;
/// assert_eq!(cumprod(&array![1.0, 2.0, 3.0], None)?.to_vec(), vec![1.0, 2.0, 6.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cumprod<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
) -> Result<Array<T::Sum>> {
    accumulate(&ProdFold::<T>::NEW, &a.as_view(), axis)
}

/// The running sum treating NaN as zero, NumPy's `nancumsum`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::nancumsum;
/// let a = array![f64::NAN, 1.0, f64::NAN, 2.0];
/// assert_eq!(nancumsum(&a, None)?.to_vec(), vec![0.0, 1.0, 1.0, 3.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nancumsum<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
) -> Result<Array<T::Sum>> {
    accumulate(&NanSumFold::<T>::NEW, &a.as_view(), axis)
}

/// The running product treating NaN as one, NumPy's `nancumprod`.
pub fn nancumprod<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
) -> Result<Array<T::Sum>> {
    accumulate(&NanProdFold::<T>::NEW, &a.as_view(), axis)
}
