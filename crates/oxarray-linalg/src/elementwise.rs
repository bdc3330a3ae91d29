//! The two non-product passes the contractions need: an elementwise multiply (Hadamard and
//! outer products, where a matrix kernel would do one multiply per call) and a sum over
//! axes (labels that appear in one operand only). oxarray-ufunc will own the general
//! versions; these are the few lines linear algebra needs, with accumulation in
//! [`LinalgScalar::Acc`].

use oxarray_core::iter::LoopPlan;
use oxarray_core::parallel::SendPtr;
use oxarray_core::{Array, ArrayView, Layout, Result, run_plan};

use crate::scalar::{Accumulator, LinalgScalar};

/// `out = a * b` elementwise, writing every element of `out`; `a` and `b` already have
/// `out`'s shape (broadcast views).
///
/// # Safety
/// `out` points to a writable array with that layout, non-overlapping, that nothing else
/// accesses during the call (it may be uninitialised).
pub(crate) unsafe fn multiply_into<T: LinalgScalar>(
    (out, layout): (*mut T, &Layout),
    a: &ArrayView<'_, T>,
    b: &ArrayView<'_, T>,
) {
    debug_assert_eq!(&layout.shape[..], a.shape());
    debug_assert_eq!(&layout.shape[..], b.shape());
    let plan = LoopPlan::new(&layout.shape, &[&layout.strides, a.strides(), b.strides()]);
    let ptrs = [
        SendPtr::new(out.cast::<u8>()),
        SendPtr::from_const(a.as_ptr().cast::<u8>()),
        SendPtr::from_const(b.as_ptr().cast::<u8>()),
    ];
    let size = size_of::<T>();
    let body = |[o, x, y]: [*mut u8; 3], len: usize, [so, sx, sy]: [isize; 3]| {
        let (o, x, y) = (o.cast::<T>(), x.cast::<T>().cast_const(), y.cast::<T>());
        for j in 0..len as isize {
            // SAFETY: `j < len` steps along this run of each operand (run_plan contract).
            unsafe { *o.offset(j * so) = crate::scalar::mul(*x.offset(j * sx), *y.offset(j * sy)) };
        }
    };
    // SAFETY: the three layouts share the plan's shape and are valid from their pointers
    // (array invariants and the caller's contract for `out`, which aliases neither input).
    unsafe { run_plan(&plan, ptrs, [size; 3], body) };
}

/// The sum of `a` over `axes` (distinct, in range), as a new C-order array of the remaining
/// axes in their order.
pub(crate) fn sum_axes<T: LinalgScalar>(a: &ArrayView<'_, T>, axes: &[usize]) -> Result<Array<T>> {
    let kept_shape: Vec<usize> = (0..a.ndim())
        .filter(|ax| !axes.contains(ax))
        .map(|ax| a.shape()[ax])
        .collect();
    let kept_size = oxarray_core::layout::checked_size(&kept_shape, size_of::<T::Acc>())?;
    let mut acc = vec![T::Acc::zero(); kept_size];
    if !a.is_empty() {
        // The accumulator's strides, expanded to `a`'s axes with 0 on the summed ones.
        let kept_strides = oxarray_core::layout::c_strides(&kept_shape);
        let mut next = 0;
        let acc_strides: Vec<isize> = (0..a.ndim())
            .map(|ax| {
                if axes.contains(&ax) {
                    0
                } else {
                    next += 1;
                    kept_strides[next - 1]
                }
            })
            .collect();
        let plan = LoopPlan::new(a.shape(), &[&acc_strides, a.strides()]);
        let strides = plan.inner_strides();
        let (s_acc, s_a) = (strides[0], strides[1]);
        let src = a.as_ptr();
        plan.for_each_run(0..plan.outer_len(), |offsets, len| {
            // SAFETY: the plan walks `a`'s own layout (valid by its invariants) and the
            // accumulator's C layout of `kept_size` elements.
            unsafe {
                let x = src.offset(offsets[1]);
                let dst = acc.as_mut_ptr().offset(offsets[0]);
                if s_acc == 0 {
                    *dst = (*dst).add(sum_run::<T>(x, s_a, len));
                } else {
                    for j in 0..len as isize {
                        let d = dst.offset(j * s_acc);
                        *d = (*d).add((*x.offset(j * s_a)).to_acc());
                    }
                }
            }
        });
    }
    let data: Vec<T> = acc.into_iter().map(T::from_acc).collect();
    Array::from_vec(data, kept_shape)
}

/// The sum of `len` elements `stride` apart, with eight independent partial sums so that the
/// additions pipeline (and vectorise for unit stride).
///
/// # Safety
/// `x + j * stride` is a valid `T` for `j < len`.
unsafe fn sum_run<T: LinalgScalar>(x: *const T, stride: isize, len: usize) -> T::Acc {
    let mut lanes = [T::Acc::zero(); 8];
    let full = len / 8 * 8;
    let mut j = 0;
    while j < full {
        for (l, lane) in lanes.iter_mut().enumerate() {
            // SAFETY: `j + l < full <= len` (contract).
            *lane = lane.add(unsafe { *x.offset((j + l) as isize * stride) }.to_acc());
        }
        j += 8;
    }
    let mut total = T::Acc::zero();
    for lane in lanes {
        total = total.add(lane);
    }
    for j in full..len {
        // SAFETY: `j < len` (contract).
        total = total.add(unsafe { *x.offset(j as isize * stride) }.to_acc());
    }
    total
}
