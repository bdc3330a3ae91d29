//! Copy, fill and map kernels: the passes over memory behind `to_owned`, `ascontiguousarray`,
//! `copyto`, `fill` and `map`. Each normalises its layouts and splits large work over cores.

use std::mem::MaybeUninit;

use crate::array::{Array, ArrayView, ArrayViewMut, AsArrayView};
use crate::element::Element;
use crate::elementwise::{Where, WriteArray};
use crate::error::{Error, Result};
use crate::iter::{LoopPlan, for_each_run_c, outer_len_c_order};
use crate::parallel::{SendPtr, for_each_range};

/// Writes `value` into every slot.
pub(crate) fn fill_uninit<T: Element>(slots: &mut [MaybeUninit<T>], value: T) {
    let len = slots.len();
    let base = SendPtr::new(slots.as_mut_ptr());
    for_each_range(len, 1, |range| {
        // SAFETY: ranges handed out by `for_each_range` are disjoint and inside `0..len`.
        let part =
            unsafe { std::slice::from_raw_parts_mut(base.get().add(range.start), range.len()) };
        for slot in part {
            slot.write(value);
        }
    });
}

/// Writes `f(x)` for the elements `x` of `src` in row-major order into `dst`
/// (`dst.len() == src.len()`), using all cores for large inputs.
pub(crate) fn map_to_uninit_c<T: Element, U: Element>(
    src: &ArrayView<'_, T>,
    dst: &mut [MaybeUninit<U>],
    f: impl Fn(T) -> U + Sync,
) {
    assert_eq!(src.len(), dst.len(), "map_to_uninit_c: length mismatch");
    let (outer, inner) = outer_len_c_order(src.layout());
    if outer == 0 {
        return;
    }
    let src_ptr = SendPtr::from_const(src.as_ptr());
    let dst_ptr = SendPtr::new(dst.as_mut_ptr());
    let layout = src.layout();
    if outer == 1 {
        // One long run: split the run itself.
        let (_, stride) = single_run_stride(layout);
        for_each_range(inner, 1, |range| {
            // SAFETY: `range` is a disjoint part of the single run `0..inner`; source offsets
            // `j * stride` are elements of `src` (invariant 1); `dst` has `inner` slots.
            unsafe {
                map_run(
                    src_ptr.get().offset(range.start as isize * stride),
                    stride,
                    dst_ptr.get().add(range.start),
                    range.len(),
                    &f,
                )
            };
        });
        return;
    }
    for_each_range(outer, inner, |range| {
        let mut out = range.start * inner;
        for_each_run_c(layout, range, |offset, len, stride| {
            // SAFETY: runs of distinct outer positions write distinct `inner`-long blocks of
            // `dst`; `offset + j * stride` are elements of `src` (invariant 1).
            unsafe {
                map_run(
                    src_ptr.get().offset(offset),
                    stride,
                    dst_ptr.get().add(out),
                    len,
                    &f,
                )
            };
            out += len;
        });
    });
}

fn single_run_stride(layout: &crate::layout::Layout) -> (usize, isize) {
    let merged = crate::iter::merge_axes_c_order(layout);
    let n = merged.ndim();
    (merged.shape[n - 1], merged.strides[n - 1])
}

/// # Safety
/// `src + j * stride` must be readable and `dst + j` writable for `j < len`.
#[inline]
unsafe fn map_run<T: Element, U: Element>(
    src: *const T,
    stride: isize,
    dst: *mut MaybeUninit<U>,
    len: usize,
    f: &impl Fn(T) -> U,
) {
    if stride == 1 {
        // SAFETY: caller contract with unit stride: both runs are `len` long.
        let (s, d) = unsafe {
            (
                std::slice::from_raw_parts(src, len),
                std::slice::from_raw_parts_mut(dst, len),
            )
        };
        for (d, &s) in d.iter_mut().zip(s) {
            d.write(f(s));
        }
    } else {
        for j in 0..len {
            // SAFETY: caller contract.
            unsafe { (*dst.add(j)).write(f(*src.offset(j as isize * stride))) };
        }
    }
}

/// Copies `src` in row-major order into `dst`.
pub(crate) fn copy_to_uninit_c<T: Element>(src: &ArrayView<'_, T>, dst: &mut [MaybeUninit<T>]) {
    map_to_uninit_c(src, dst, |x| x);
}

/// A new C-order array of `f(x)` for the elements of `src`.
pub(crate) fn map_to_owned<T: Element, U: Element>(
    src: &ArrayView<'_, T>,
    f: impl Fn(T) -> U + Sync,
) -> Array<U> {
    Array::build(src.shape(), crate::layout::Order::C, |slots| {
        map_to_uninit_c(src, slots, f)
    })
    .expect("the source's shape already describes allocated elements")
}

/// Runs `body(ptrs, len, strides)` over every inner run of a loop plan for `ptrs` (one pointer
/// per operand at its element `[0, ..., 0]`), over all cores for large loops.
///
/// # Safety
/// Every operand's layout (the plan's shape with its strides) must be valid from its pointer;
/// operand 0 must be writable and not overlap itself or the others when written.
pub unsafe fn run_plan<const N: usize>(
    plan: &LoopPlan,
    ptrs: [SendPtr<u8>; N],
    elem_sizes: [usize; N],
    body: impl Fn([*mut u8; N], usize, [isize; N]) + Sync,
) {
    let inner_strides = plan.inner_strides();
    let strides: [isize; N] = std::array::from_fn(|k| inner_strides[k]);
    // Long single runs (contiguous arrays) are cut into pieces so that every core helps.
    let split = plan.split(rayon::current_num_threads(), 1 << 14, 64);
    plan.par_units(split, |units| {
        plan.for_each_piece(split, units, |offsets, start, len| {
            let p: [*mut u8; N] = std::array::from_fn(|k| {
                let element = offsets[k] + start as isize * strides[k];
                // SAFETY: the offsets come from the plan over each operand's own layout
                // (caller contract), so they address its elements.
                unsafe { ptrs[k].get().offset(element * elem_sizes[k] as isize) }
            });
            body(p, len, strides);
        });
    });
}

/// Sets every element of `dst` to `value`.
pub(crate) fn fill<T: Element>(dst: &mut ArrayViewMut<'_, T>, value: T) {
    map_inplace_impl(dst, |_| value);
}

/// Applies `f` to every element of `dst` in place.
pub(crate) fn map_inplace<T: Element>(dst: &mut ArrayViewMut<'_, T>, f: impl Fn(T) -> T + Sync) {
    map_inplace_impl(dst, f);
}

fn map_inplace_impl<T: Element>(dst: &mut ArrayViewMut<'_, T>, f: impl Fn(T) -> T + Sync) {
    let plan = LoopPlan::new(dst.shape(), &[dst.strides()]);
    let ptr = SendPtr::new(dst.as_mut_ptr().cast::<u8>());
    // SAFETY: one writable, non-overlapping operand (ArrayViewMut invariant 3).
    unsafe {
        run_plan(&plan, [ptr], [size_of::<T>()], |[p], len, [stride]| {
            let p = p.cast::<T>();
            for j in 0..len as isize {
                let slot = p.offset(j * stride);
                *slot = f(*slot);
            }
        })
    };
}

/// NumPy's `copyto(dst, src, where=mask)`: broadcasts `src` (and `mask`) to `dst`'s shape and
/// copies the elements where the mask is true (everywhere when `mask` is `None`). As in NumPy,
/// the destination comes first; it is an array or a mutable view (of a larger array, say: a
/// batch buffer from a pool), and `src` and `mask` are any array-likes.
///
/// ```
/// use oxarray_core::{array, copyto, s, Array};
/// let mut dst = Array::<f64>::zeros([2, 3]).unwrap();
/// let row = array![1.0, 2.0, 3.0];
/// let mask = array![[true, false, true], [false, true, false]];
/// copyto(&mut dst, &row, Some(&mask)).unwrap();
/// assert_eq!(dst.to_vec(), vec![1.0, 0.0, 3.0, 0.0, 2.0, 0.0]);
/// // Into a view of a larger array, from a scalar:
/// copyto(&mut dst.slice_mut(s![1, ..]).unwrap(), 7.0, None).unwrap();
/// assert_eq!(dst.to_vec(), vec![1.0, 0.0, 3.0, 7.0, 7.0, 7.0]);
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when `src` or the mask does not broadcast to `dst`'s shape.
pub fn copyto<T: Element>(
    dst: &mut impl WriteArray<T>,
    src: impl AsArrayView<T>,
    where_: Where<'_>,
) -> Result<()> {
    let mut dst = dst.write_view();
    let shape = dst.shape().to_vec();
    let src = src.as_view();
    let src = src
        .clone()
        .into_broadcast_to(&shape[..])
        .map_err(|_| Error::BroadcastTo {
            from: src.shape().to_vec(),
            to: shape.clone(),
        })?;
    let mask = where_.map(|m| m.as_view());
    let mask = match mask {
        Some(m) => {
            Some(
                m.clone()
                    .into_broadcast_to(&shape[..])
                    .map_err(|_| Error::BroadcastTo {
                        from: m.shape().to_vec(),
                        to: shape.clone(),
                    })?,
            )
        }
        None => None,
    };
    let d = SendPtr::new(dst.as_mut_ptr().cast::<u8>());
    let s = SendPtr::from_const(src.as_ptr().cast::<u8>());
    let sz = size_of::<T>();
    match mask {
        None => {
            let plan = LoopPlan::new(&shape, &[dst.strides(), src.strides()]);
            // SAFETY: operand 0 is the exclusive, non-overlapping `dst` (invariant 3); `src`
            // is a separate borrow, so it cannot alias `dst`.
            unsafe {
                run_plan(&plan, [d, s], [sz, sz], |[dp, sp], len, [ds, ss]| {
                    let (dp, sp) = (dp.cast::<T>(), sp.cast::<T>());
                    if ds == 1 && ss == 1 {
                        std::ptr::copy_nonoverlapping(sp, dp, len);
                    } else {
                        for j in 0..len as isize {
                            *dp.offset(j * ds) = *sp.offset(j * ss);
                        }
                    }
                })
            };
        }
        Some(mask) => {
            let m = SendPtr::from_const(mask.as_ptr().cast::<u8>());
            let plan = LoopPlan::new(&shape, &[dst.strides(), src.strides(), mask.strides()]);
            // SAFETY: as above; the mask is a third read-only operand.
            unsafe {
                run_plan(
                    &plan,
                    [d, s, m],
                    [sz, sz, 1],
                    |[dp, sp, mp], len, [ds, ss, ms]| {
                        let (dp, sp, mp) = (dp.cast::<T>(), sp.cast::<T>(), mp.cast::<bool>());
                        for j in 0..len as isize {
                            if *mp.offset(j * ms) {
                                *dp.offset(j * ds) = *sp.offset(j * ss);
                            }
                        }
                    },
                )
            };
        }
    }
    Ok(())
}
