//! Choosing elements from several arrays: NumPy's three-argument `where`, `select`, `choose`
//! and `clip`. Each is one pass over memory: operands broadcast, a loop plan over all of them
//! (the output first), split over all cores for large arrays; contiguous runs take loops that
//! the compiler vectorises (a select on the condition, no branches).

use std::sync::Arc;

use crate::array::{Array, ArrayView, AsArrayView};
use crate::buffer::Storage;
use crate::element::Element;
use crate::elementwise::{WriteArray, result_layout};
use crate::error::{Error, Result};
use crate::iter::LoopPlan;
use crate::layout::{Layout, broadcast_shapes, checked_size};
use crate::parallel::SendPtr;

/// A new array with `layout` (dense, positive strides), written by `fill` from the pointer to
/// element `[0, ..., 0]`; `fill` must write every element.
fn new_dense<T: Element>(layout: Layout, fill: impl FnOnce(*mut T)) -> Result<Array<T>> {
    let size = checked_size(&layout.shape, size_of::<T>())?;
    let storage = Storage::filled_with::<T>(size, |slots| fill(slots.as_mut_ptr().cast::<T>()))?;
    // SAFETY: `layout` is dense over `size` elements with non-negative strides (from
    // `result_layout`), so element [0, ..., 0] is at offset 0; `fill` wrote all of them.
    Ok(unsafe { Array::from_storage(Arc::new(storage), 0, layout) })
}

fn broadcast<'a, T: Element>(v: ArrayView<'a, T>, shape: &[usize]) -> Result<ArrayView<'a, T>> {
    let from = v.shape().to_vec();
    v.into_broadcast_to(shape).map_err(|_| Error::BroadcastTo {
        from,
        to: shape.to_vec(),
    })
}

/// `out[i] = if cond[i] { x[i] } else { y[i] }` over operands already broadcast to `out`'s
/// shape.
///
/// # Safety
/// `out` is the start of `out_strides` over `shape`: writable, non-overlapping elements (may
/// be uninitialised) that nothing else touches meanwhile; the three inputs are valid views.
unsafe fn where_kernel<T: Element>(
    out: *mut T,
    out_strides: &[isize],
    cond: &ArrayView<'_, bool>,
    x: &ArrayView<'_, T>,
    y: &ArrayView<'_, T>,
) {
    let shape = cond.shape();
    let plan = LoopPlan::new(
        shape,
        &[out_strides, cond.strides(), x.strides(), y.strides()],
    );
    let ptrs = [
        SendPtr::new(out.cast::<u8>()),
        SendPtr::from_const(cond.as_ptr().cast::<u8>()),
        SendPtr::from_const(x.as_ptr().cast::<u8>()),
        SendPtr::from_const(y.as_ptr().cast::<u8>()),
    ];
    let sz = size_of::<T>();
    // SAFETY: operand 0 is the caller's exclusive output; the others are shared views of
    // other memory (invariant 1 for every offset the plan makes).
    unsafe {
        crate::copy::run_plan(
            &plan,
            ptrs,
            [sz, 1, sz, sz],
            |[o, c, a, b], len, [os, cs, xs, ys]| {
                let (o, c, a, b) = (o.cast::<T>(), c.cast::<u8>(), a.cast::<T>(), b.cast::<T>());
                match (os, cs, xs, ys) {
                    (1, 1, 1, 1) => select_run(
                        std::slice::from_raw_parts_mut(o, len),
                        std::slice::from_raw_parts(c, len),
                        |j| *a.add(j),
                        |j| *b.add(j),
                    ),
                    (1, 1, 1, 0) => {
                        let bv = *b;
                        select_run(
                            std::slice::from_raw_parts_mut(o, len),
                            std::slice::from_raw_parts(c, len),
                            |j| *a.add(j),
                            |_| bv,
                        )
                    }
                    (1, 1, 0, 1) => {
                        let av = *a;
                        select_run(
                            std::slice::from_raw_parts_mut(o, len),
                            std::slice::from_raw_parts(c, len),
                            |_| av,
                            |j| *b.add(j),
                        )
                    }
                    (1, 1, 0, 0) => {
                        let (av, bv) = (*a, *b);
                        select_run(
                            std::slice::from_raw_parts_mut(o, len),
                            std::slice::from_raw_parts(c, len),
                            |_| av,
                            |_| bv,
                        )
                    }
                    _ => {
                        for j in 0..len as isize {
                            let v = if *c.offset(j * cs) != 0 {
                                *a.offset(j * xs)
                            } else {
                                *b.offset(j * ys)
                            };
                            o.offset(j * os).write(v);
                        }
                    }
                }
            },
        )
    };
}

/// The contiguous select loop (bools read as bytes: 0 or 1), branch-free so that it
/// vectorises.
#[inline(always)]
fn select_run<T: Element>(
    out: &mut [T],
    cond: &[u8],
    a: impl Fn(usize) -> T,
    b: impl Fn(usize) -> T,
) {
    for (j, (o, &c)) in out.iter_mut().zip(cond).enumerate() {
        let (x, y) = (a(j), b(j));
        *o = if c != 0 { x } else { y };
    }
}

/// NumPy's three-argument `where(condition, x, y)`: `x` where the condition holds, `y`
/// elsewhere, the three broadcast together. The result follows NumPy's memory-order rule
/// ([`result_layout`]).
///
/// ```
/// use oxarray_core::{array, select::where_};
/// let c = array![true, false, true];
/// assert_eq!(where_(&c, &array![1, 2, 3], 0)?.to_vec(), vec![1, 0, 3]);
/// let rows = array![[true], [false]];
/// assert_eq!(where_(&rows, &array![1.0, 2.0], -1.0)?.to_vec(), vec![1.0, 2.0, -1.0, -1.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastMismatch`] naming the three shapes when they do not broadcast.
pub fn where_<T: Element>(
    condition: impl AsArrayView<bool>,
    x: impl AsArrayView<T>,
    y: impl AsArrayView<T>,
) -> Result<Array<T>> {
    let (c, x, y) = (condition.as_view(), x.as_view(), y.as_view());
    let shape = broadcast_shapes(&[c.shape(), x.shape(), y.shape()])?;
    let (c, x, y) = (
        broadcast(c, &shape)?,
        broadcast(x, &shape)?,
        broadcast(y, &shape)?,
    );
    let layout = result_layout(&shape, &[x.layout(), y.layout(), c.layout()]);
    let strides = layout.strides.clone();
    new_dense(layout, |out| {
        // SAFETY: a fresh dense result with its own strides, written once per element.
        unsafe { where_kernel(out, &strides, &c, &x, &y) }
    })
}

/// [`where_`] into `out` (which the three operands must broadcast to).
///
/// ```
/// use oxarray_core::{array, Array, select::where_into};
/// let mut out = Array::<i32>::zeros([3])?;
/// where_into(&array![true, false, false], 5, &array![1, 2, 3], &mut out)?;
/// assert_eq!(out.to_vec(), vec![5, 2, 3]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when an operand does not broadcast to `out`'s shape.
pub fn where_into<T: Element>(
    condition: impl AsArrayView<bool>,
    x: impl AsArrayView<T>,
    y: impl AsArrayView<T>,
    out: &mut impl WriteArray<T>,
) -> Result<()> {
    let mut dst = out.write_view();
    let shape = dst.shape().to_vec();
    let (c, x, y) = (
        broadcast(condition.as_view(), &shape)?,
        broadcast(x.as_view(), &shape)?,
        broadcast(y.as_view(), &shape)?,
    );
    let strides = dst.strides().to_vec();
    // SAFETY: `dst` is an exclusive, non-overlapping mutable view (invariant 3); the inputs
    // are separate shared borrows, so they cannot alias it.
    unsafe { where_kernel(dst.as_mut_ptr(), &strides, &c, &x, &y) };
    Ok(())
}

/// NumPy's `select(condlist, choicelist, default)`: at each position the choice of the first
/// condition that holds, `default` where none does; everything broadcasts together.
///
/// ```
/// use oxarray_core::{array, select::select};
/// let x = array![0, 1, 2, 3, 4, 5];
/// let small = x.view().map(|v| v < 3);
/// let big = x.view().map(|v| v > 3);
/// let y = select(&[&small, &big], &[&x, &x.view().map(|v| v * v)], 42)?;
/// assert_eq!(y.to_vec(), vec![0, 1, 2, 42, 16, 25]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ArgumentLengthMismatch`] when the two lists differ in length, [`Error::NoArrays`]
/// when they are empty, [`Error::BroadcastMismatch`].
pub fn select<T: Element, C: AsArrayView<bool>, A: AsArrayView<T>>(
    condlist: &[C],
    choicelist: &[A],
    default: T,
) -> Result<Array<T>> {
    if condlist.len() != choicelist.len() {
        return Err(Error::ArgumentLengthMismatch {
            op: "select",
            names: ("condlist", "choicelist"),
            lens: (condlist.len(), choicelist.len()),
        });
    }
    if condlist.is_empty() {
        return Err(Error::NoArrays { op: "select" });
    }
    let conds: Vec<ArrayView<'_, bool>> = condlist.iter().map(|c| c.as_view()).collect();
    let choices: Vec<ArrayView<'_, T>> = choicelist.iter().map(|c| c.as_view()).collect();
    let mut shapes: Vec<&[usize]> = conds.iter().map(|c| c.shape()).collect();
    shapes.extend(choices.iter().map(|c| c.shape()));
    let shape = broadcast_shapes(&shapes)?;
    let mut result = Array::full(&shape[..], default)?;
    for (c, x) in conds.iter().zip(&choices).rev() {
        let c = broadcast(c.clone(), &shape)?;
        let x = broadcast(x.clone(), &shape)?;
        let prev = result.clone();
        where_into(&c, &x, &prev, &mut result)?;
    }
    Ok(result)
}

/// What `choose` does with an index outside `0..choices.len()` (NumPy's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChooseMode {
    /// An error ([`Error::ChoiceOutOfRange`]).
    #[default]
    Raise,
    /// Modulo the number of choices.
    Wrap,
    /// Clamped to `0..choices.len()`.
    Clip,
}

/// NumPy's `choose(a, choices, mode)`: at each position the element of `choices[a[i]]`, the
/// index array and every choice broadcast together.
///
/// ```
/// use oxarray_core::{array, select::{choose, ChooseMode}};
/// let choices = [array![0, 1, 2, 3], array![10, 11, 12, 13], array![20, 21, 22, 23]];
/// let a = array![2i64, 0, 1, 0];
/// assert_eq!(choose(&a, &choices, ChooseMode::Raise)?.to_vec(), vec![20, 1, 12, 3]);
/// let far = array![4i64, -1, 1, 0];
/// assert!(choose(&far, &choices, ChooseMode::Raise).is_err());
/// assert_eq!(choose(&far, &choices, ChooseMode::Wrap)?.to_vec(), vec![10, 21, 12, 3]);
/// assert_eq!(choose(&far, &choices, ChooseMode::Clip)?.to_vec(), vec![20, 1, 12, 3]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ChoiceOutOfRange`] (mode `Raise`), [`Error::NoArrays`] for no choices,
/// [`Error::BroadcastMismatch`].
pub fn choose<T: Element, A: AsArrayView<T>>(
    a: impl AsArrayView<i64>,
    choices: &[A],
    mode: ChooseMode,
) -> Result<Array<T>> {
    if choices.is_empty() {
        return Err(Error::NoArrays { op: "choose" });
    }
    let a = a.as_view();
    let views: Vec<ArrayView<'_, T>> = choices.iter().map(|c| c.as_view()).collect();
    let mut shapes: Vec<&[usize]> = vec![a.shape()];
    shapes.extend(views.iter().map(|c| c.shape()));
    let shape = broadcast_shapes(&shapes)?;
    let n = views.len() as i64;
    let a = broadcast(a, &shape)?;
    let views: Vec<ArrayView<'_, T>> = views
        .into_iter()
        .map(|v| broadcast(v, &shape))
        .collect::<Result<_>>()?;
    let index: Vec<i64> = a.to_vec();
    let picks: Vec<usize> = index
        .iter()
        .map(|&k| match mode {
            ChooseMode::Raise if (0..n).contains(&k) => Ok(k as usize),
            ChooseMode::Raise => Err(Error::ChoiceOutOfRange {
                op: "choose",
                value: k,
                choices: n as usize,
            }),
            ChooseMode::Wrap => Ok(k.rem_euclid(n) as usize),
            ChooseMode::Clip => Ok(k.clamp(0, n - 1) as usize),
        })
        .collect::<Result<_>>()?;
    let mut iters: Vec<_> = views.iter().map(|v| v.iter()).collect();
    let values: Vec<T> = picks
        .iter()
        .map(|&p| {
            let mut chosen = T::zero();
            for (k, it) in iters.iter_mut().enumerate() {
                let v = *it.next().expect("every choice has the broadcast shape");
                if k == p {
                    chosen = v;
                }
            }
            chosen
        })
        .collect();
    Array::from_vec(values, &shape[..])
}

/// NumPy's maximum: NaN (a value unequal to itself) on either side wins.
#[inline(always)]
fn max_nan<T: PartialOrd + Copy>(a: T, b: T) -> T {
    #[allow(clippy::eq_op)]
    if a != a || a > b { a } else { b }
}

/// NumPy's minimum: NaN on either side wins.
#[inline(always)]
fn min_nan<T: PartialOrd + Copy>(a: T, b: T) -> T {
    #[allow(clippy::eq_op)]
    if a != a || a < b { a } else { b }
}

/// A clip bound: any array-like, or `None` for no bound on that side.
pub type Bound<'b, T> = Option<&'b dyn AsArrayView<T>>;

/// # Safety
/// As [`where_kernel`]: `out` with `out_strides` is exclusive, the inputs are valid views of
/// `out`'s shape.
unsafe fn clip_kernel<T: Element + PartialOrd>(
    out: *mut T,
    out_strides: &[isize],
    a: &ArrayView<'_, T>,
    lo: &ArrayView<'_, T>,
    hi: &ArrayView<'_, T>,
    sides: (bool, bool),
) {
    let plan = LoopPlan::new(
        a.shape(),
        &[out_strides, a.strides(), lo.strides(), hi.strides()],
    );
    // An open side reads `a` itself and is skipped.
    let bound = |v: T, l: T, h: T| {
        let v = if sides.0 { max_nan(v, l) } else { v };
        if sides.1 { min_nan(v, h) } else { v }
    };
    let ptrs = [
        SendPtr::new(out.cast::<u8>()),
        SendPtr::from_const(a.as_ptr().cast::<u8>()),
        SendPtr::from_const(lo.as_ptr().cast::<u8>()),
        SendPtr::from_const(hi.as_ptr().cast::<u8>()),
    ];
    let sz = size_of::<T>();
    // SAFETY: as in `where_kernel`: operand 0 is exclusive, the others are shared views.
    unsafe {
        crate::copy::run_plan(
            &plan,
            ptrs,
            [sz; 4],
            |[o, x, l, h], len, [os, xs, ls, hs]| {
                let (o, x, l, h) = (o.cast::<T>(), x.cast::<T>(), l.cast::<T>(), h.cast::<T>());
                if (os, xs, ls, hs) == (1, 1, 0, 0) {
                    let (lv, hv) = (*l, *h);
                    let out = std::slice::from_raw_parts_mut(o, len);
                    let src = std::slice::from_raw_parts(x, len);
                    for (o, &v) in out.iter_mut().zip(src) {
                        *o = bound(v, lv, hv);
                    }
                } else {
                    for j in 0..len as isize {
                        let v = bound(*x.offset(j * xs), *l.offset(j * ls), *h.offset(j * hs));
                        o.offset(j * os).write(v);
                    }
                }
            },
        )
    };
}

/// NumPy's `clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)` elementwise, with
/// NumPy's NaN rule (a NaN in `a` or a bound gives NaN) and bounds that broadcast; `None`
/// leaves a side open. Where `a_min > a_max` the result is `a_max`, as in NumPy.
///
/// ```
/// use oxarray_core::{array, select::clip};
/// let a = array![-2.0, 0.5, 3.0, f64::NAN];
/// let c = clip(&a, Some(&0.0), Some(&1.0))?;
/// assert_eq!(&c.to_vec()[..3], &[0.0, 0.5, 1.0]);
/// assert!(c.to_vec()[3].is_nan());
/// assert_eq!(clip(&array![1, 5, 9], None, Some(&array![2, 6, 6]))?.to_vec(), vec![1, 5, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastMismatch`] when the bounds do not broadcast with `a`.
pub fn clip<T: Element + PartialOrd>(
    a: impl AsArrayView<T>,
    a_min: Bound<'_, T>,
    a_max: Bound<'_, T>,
) -> Result<Array<T>> {
    let a = a.as_view();
    let (lo, hi) = (a_min.map(|b| b.as_view()), a_max.map(|b| b.as_view()));
    let mut shapes = vec![a.shape()];
    shapes.extend(lo.iter().map(|b| b.shape()));
    shapes.extend(hi.iter().map(|b| b.shape()));
    let shape = broadcast_shapes(&shapes)?;
    let a = broadcast(a, &shape)?;
    let sides = (lo.is_some(), hi.is_some());
    let lo = broadcast(lo.unwrap_or_else(|| a.clone()), &shape)?;
    let hi = broadcast(hi.unwrap_or_else(|| a.clone()), &shape)?;
    let layout = result_layout(&shape, &[a.layout()]);
    let strides = layout.strides.clone();
    new_dense(layout, |out| {
        // SAFETY: a fresh dense result with its own strides, written once per element.
        unsafe { clip_kernel(out, &strides, &a, &lo, &hi, sides) }
    })
}

/// [`clip`] into `out` (NumPy's `clip(a, a_min, a_max, out=out)`); `out` may be a view of
/// another array. The operands must broadcast to `out`'s shape.
///
/// ```
/// use oxarray_core::{array, select::clip_into};
/// let mut a = array![1, 5, 9];
/// let src = a.clone();
/// clip_into(&src, Some(&2), Some(&6), &mut a)?;
/// assert_eq!(a.to_vec(), vec![2, 5, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when an operand does not broadcast to `out`'s shape.
pub fn clip_into<T: Element + PartialOrd>(
    a: impl AsArrayView<T>,
    a_min: Bound<'_, T>,
    a_max: Bound<'_, T>,
    out: &mut impl WriteArray<T>,
) -> Result<()> {
    let mut dst = out.write_view();
    let shape = dst.shape().to_vec();
    let a = broadcast(a.as_view(), &shape)?;
    let sides = (a_min.is_some(), a_max.is_some());
    let lo = match a_min {
        Some(b) => broadcast(b.as_view(), &shape)?,
        None => a.clone(),
    };
    let hi = match a_max {
        Some(b) => broadcast(b.as_view(), &shape)?,
        None => a.clone(),
    };
    let strides = dst.strides().to_vec();
    // SAFETY: `dst` is an exclusive, non-overlapping mutable view (invariant 3); the inputs
    // are separate shared borrows.
    unsafe { clip_kernel(dst.as_mut_ptr(), &strides, &a, &lo, &hi, sides) };
    Ok(())
}
