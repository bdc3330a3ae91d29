//! The generic entry points, one per kind: [`unary`], [`binary`] (new array), their `_into`
//! variants (`where=`, then `out=` last) and `_inplace` variants (the first operand is the
//! output).
//!
//! Every entry point broadcasts its operands, checks shapes (returning an error naming them),
//! and hands raw pointers and strides to the loop in [`kernel`](super::kernel). This is the one
//! place where arrays become pointers, and [`result_layout`] the one rule for the memory order
//! of a new result.

use std::sync::Arc;

use crate::array::AsArrayView;
use crate::layout::checked_size;
use crate::{Array, ArrayView, Element, Error, Layout, Result, Storage, broadcast_shapes};

use super::kernel::{OutOperand, run_binary, run_unary};
use super::operand::WriteArray;
use super::ops::{BinaryOp, UnaryOp};

/// An optional `where=` mask: any boolean array-like (`Some(&mask)`, `Some(&mask.view())`).
pub type Where<'m> = Option<&'m dyn AsArrayView<bool>>;

/// The layout of a new result of `shape` computed from inputs with layouts `inputs` (already
/// broadcast to `shape`): NumPy's `order='K'`, the memory order of the first input that is not
/// broadcast (so that a transposed or F-ordered input gives a result of the same order, and
/// the loop stays contiguous), C order otherwise. Strides are positive.
///
/// This is the one result-layout rule of oxarray: the operators, the ufunc functions and the
/// fused expressions all call it.
///
/// ```
/// use oxarray_core::{array, elementwise::result_layout};
/// let m = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let t = m.t(); // F-ordered (3, 2)
/// assert_eq!(&result_layout(&[3, 2], &[t.layout()]).strides[..], &[1, 3]);
/// assert_eq!(&result_layout(&[2, 3], &[m.layout()]).strides[..], &[3, 1]);
/// ```
pub fn result_layout(shape: &[usize], inputs: &[&Layout]) -> Layout {
    let reference = inputs.iter().find(|l| {
        l.shape[..] == *shape
            && l.shape
                .iter()
                .zip(l.strides.iter())
                .all(|(&d, &s)| s != 0 || d <= 1)
    });
    let mut layout = Layout::contiguous(shape, crate::Order::C);
    let Some(reference) = reference else {
        return layout;
    };
    if reference.is_c_contiguous() || shape.len() < 2 {
        return layout;
    }
    // Axes from the largest stride to the smallest (stable: ties keep the C order).
    let mut axes: Vec<usize> = (0..shape.len()).collect();
    axes.sort_by_key(|&ax| std::cmp::Reverse(reference.strides[ax].unsigned_abs()));
    let mut stride = 1isize;
    for &ax in axes.iter().rev() {
        layout.strides[ax] = stride;
        stride *= shape[ax].max(1) as isize;
    }
    layout
}

/// A new array with `layout` (dense, positive strides), every element written by `fill`, which
/// receives the pointer to element `[0, ..., 0]`.
fn new_array<O: Element>(layout: Layout, fill: impl FnOnce(*mut O)) -> Result<Array<O>> {
    let size = checked_size(&layout.shape, size_of::<O>())?;
    let storage = Storage::filled_with::<O>(size, |slots| fill(slots.as_mut_ptr().cast::<O>()))?;
    // SAFETY: `layout` is dense over exactly `size` elements with non-negative strides, so
    // element [0, ..., 0] is at offset 0 and every element lies in the storage; `fill` wrote
    // every element (the kernel visits each index of the shape once).
    Ok(unsafe { Array::from_storage(Arc::new(storage), 0, layout) })
}

fn broadcast_mask<'m>(mask: Where<'m>, shape: &[usize]) -> Result<Option<ArrayView<'m, bool>>> {
    mask.map(|m| {
        let m = m.as_view();
        m.clone()
            .into_broadcast_to(shape)
            .map_err(|_| Error::BroadcastTo {
                from: m.shape().to_vec(),
                to: shape.to_vec(),
            })
    })
    .transpose()
}

fn broadcast_input<'v, T: Element>(
    v: ArrayView<'v, T>,
    input_shape: &[usize],
    out_shape: &[usize],
) -> Result<ArrayView<'v, T>> {
    v.into_broadcast_to(out_shape)
        .map_err(|_| Error::BroadcastTo {
            from: input_shape.to_vec(),
            to: out_shape.to_vec(),
        })
}

fn input<'s, T: Element>(v: &'s ArrayView<'_, T>) -> super::kernel::Operand<'s, T> {
    super::kernel::Operand {
        ptr: v.as_ptr(),
        strides: v.strides(),
    }
}

/// The operands of a loop that writes over its own input (`a = op(a, ...)`, allowed since the
/// loop reads each element before writing it): `ptr`/`strides` as the output, typed `O`, and
/// as the input, typed `T`. `O` differs from `T` in name only (`reusable_for` checks it) or
/// not at all.
fn in_place<'s, T: Element, O: Element>(
    ptr: *mut T,
    strides: &'s [isize],
) -> (OutOperand<'s, O>, super::kernel::Operand<'s, T>) {
    let out = OutOperand {
        ptr: ptr.cast::<O>(),
        strides,
    };
    let src = super::kernel::Operand {
        ptr: ptr.cast_const(),
        strides,
    };
    (out, src)
}

/// The pointer to element `[0, ..., 0]` of an exclusively held array and its strides.
fn raw_parts<T: Element>(a: &mut Array<T>) -> (*mut T, Vec<isize>) {
    let mut v = a.view_mut();
    (v.as_mut_ptr(), v.strides().to_vec())
}

/// Applies a unary op elementwise into a new array (NumPy's `op(a)`).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_core::elementwise::{ops::Sqrt, unary};
/// let x = array![[1i32, 4], [9, 16]];
/// let r = unary(Sqrt, &x).unwrap(); // int32 -> float64, as NumPy
/// assert_eq!(r.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
/// ```
pub fn unary<Op: UnaryOp<T>, T: Element>(
    op: Op,
    a: impl AsArrayView<T>,
) -> Result<Array<Op::Output>> {
    let a = match reusable_for::<T, Op::Output, _>(a) {
        Ok(mut owned) => {
            let (ptr, strides) = raw_parts(&mut owned);
            let shape = owned.shape().to_vec();
            let (out, src) = in_place::<T, Op::Output>(ptr, &strides);
            // SAFETY: `owned` is exclusively held (nothing else shares its storage) and
            // writable; the input is exactly the output (same pointer and strides), which the
            // loop allows; `Op::Output` is `T` (checked by `reusable_for`).
            unsafe { run_unary(op, &shape, out, src, None) };
            return Ok(retyped(owned));
        }
        Err(a) => a,
    };
    let a = a.as_view();
    let shape = a.shape().to_vec();
    let layout = result_layout(&shape, &[a.layout()]);
    let out_strides = layout.strides.clone();
    new_array(layout, |ptr| {
        let out = OutOperand {
            ptr,
            strides: &out_strides,
        };
        // SAFETY: `out` is a fresh dense allocation of `shape` (no overlap with anything);
        // `a` is a valid view of `shape`.
        unsafe { run_unary(op, &shape, out, input(&a), None) }
    })
}

/// Applies a unary op elementwise into `out` (NumPy's `op(a, where=mask, out=out)`): `a` and
/// `mask` broadcast to `out`'s shape; where the mask is false, `out` keeps its value.
///
/// ```
/// use oxarray_core::{array, Array, elementwise::{ops::Sqrt, unary_into}};
/// let mut out = Array::<f64>::full([3], -1.0).unwrap();
/// unary_into(Sqrt, &array![4.0, 9.0, 16.0], Some(&array![true, false, true]), &mut out).unwrap();
/// assert_eq!(out.to_vec(), vec![2.0, -1.0, 4.0]);
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when `a` or the mask does not broadcast to `out`'s shape.
pub fn unary_into<Op: UnaryOp<T>, T: Element>(
    op: Op,
    a: impl AsArrayView<T>,
    where_: Where<'_>,
    out: &mut impl WriteArray<Op::Output>,
) -> Result<()> {
    let mut out = out.write_view();
    let shape = out.shape().to_vec();
    let a = a.as_view();
    let a_shape = a.shape().to_vec();
    let a = broadcast_input(a, &a_shape, &shape)?;
    let mask = broadcast_mask(where_, &shape)?;
    let ptr = out.as_mut_ptr();
    let out_strides = out.strides().to_vec();
    let out = OutOperand {
        ptr,
        strides: &out_strides,
    };
    // SAFETY: `out` is an exclusive, non-overlapping mutable view (ArrayViewMut invariant 3)
    // that the input views cannot alias (they are shared borrows taken while it is held).
    unsafe { run_unary(op, &shape, out, input(&a), mask.as_ref().map(input)) };
    Ok(())
}

/// Applies a unary op in place: `a = op(a)` where the mask (broadcast to `a`) is true.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_core::elementwise::{ops::Negative, unary_inplace};
/// let mut x = array![1.0, -2.0];
/// unary_inplace(Negative, &mut x, None).unwrap();
/// assert_eq!(x.to_vec(), vec![-1.0, 2.0]);
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when the mask does not broadcast to `a`'s shape.
pub fn unary_inplace<Op: UnaryOp<T, Output = T>, T: Element>(
    op: Op,
    a: &mut impl WriteArray<T>,
    where_: Where<'_>,
) -> Result<()> {
    let mut a = a.write_view();
    let shape = a.shape().to_vec();
    let mask = broadcast_mask(where_, &shape)?;
    let strides = a.strides().to_vec();
    let (out, src) = in_place::<T, T>(a.as_mut_ptr(), &strides);
    // SAFETY: the input is exactly the output (same pointer and strides), which the loop
    // allows: each element is read before it is written. The view is exclusive.
    unsafe { run_unary(op, &shape, out, src, mask.as_ref().map(input)) };
    Ok(())
}

/// Applies a binary op elementwise into a new array, broadcasting the operands (NumPy's
/// `op(a, b)`). Operands are arrays, views, references to them, or scalars.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_core::elementwise::{binary, ops::Add};
/// let col = array![[1.0], [2.0]];
/// let row = array![10.0, 20.0, 30.0];
/// let r = binary(Add, &col, &row).unwrap();
/// assert_eq!(r.shape(), &[2, 3]);
/// assert_eq!(r.to_vec(), vec![11.0, 21.0, 31.0, 12.0, 22.0, 32.0]);
/// assert!(binary(Add, &row, &array![1.0, 2.0]).is_err()); // (3,) vs (2,)
/// ```
///
/// # Errors
/// [`Error::BroadcastMismatch`] when the shapes do not broadcast together.
pub fn binary<Op: BinaryOp<T>, T: Element>(
    op: Op,
    a: impl AsArrayView<T>,
    b: impl AsArrayView<T>,
) -> Result<Array<Op::Output>> {
    match reusable_for::<T, Op::Output, _>(a) {
        Ok(owned) => binary_over(op, owned, b.as_view(), Reused::First),
        Err(a) => match reusable_for::<T, Op::Output, _>(b) {
            Ok(owned) => binary_over(op, owned, a.as_view(), Reused::Second),
            Err(b) => binary_new(op, a.as_view(), b.as_view()),
        },
    }
}

/// Which operand of a binary op is the temporary taken over for the result.
#[derive(Clone, Copy)]
enum Reused {
    First,
    Second,
}

/// An operand as a temporary the result may overwrite (see
/// [`AsArrayView::into_reusable`]): only when the result type is the operand's type.
fn reusable_for<T: Element, Out: Element, A: AsArrayView<T>>(
    a: A,
) -> std::result::Result<Array<T>, A> {
    if std::any::TypeId::of::<T>() == std::any::TypeId::of::<Out>() {
        a.into_reusable()
    } else {
        Err(a)
    }
}

/// `Array<T>` as `Array<Out>` where the two are one type (checked by the caller through
/// [`reusable_for`]).
fn retyped<T: Element, Out: Element>(a: Array<T>) -> Array<Out> {
    let any: Box<dyn std::any::Any> = Box::new(a);
    *any.downcast::<Array<Out>>()
        .unwrap_or_else(|_| unreachable!("`reusable_for` checked that the types are one"))
}

/// `op(owned, other)` (or `op(other, owned)`) written over `owned`, NumPy's temporary elision:
/// where the broadcast result has `owned`'s shape; a new array otherwise.
fn binary_over<Op: BinaryOp<T>, T: Element>(
    op: Op,
    mut owned: Array<T>,
    other: ArrayView<'_, T>,
    reused: Reused,
) -> Result<Array<Op::Output>> {
    let shape = broadcast_shapes(&[owned.shape(), other.shape()])?;
    if shape[..] != *owned.shape() {
        return match reused {
            Reused::First => binary_new(op, owned.view(), other),
            Reused::Second => binary_new(op, other, owned.view()),
        };
    }
    let other = other.into_broadcast_to(&shape[..])?;
    if Op::CHECKS_OPERANDS {
        match reused {
            Reused::First => Op::check_operands(&owned.view(), &other)?,
            Reused::Second => Op::check_operands(&other, &owned.view())?,
        }
    }
    let (ptr, strides) = raw_parts(&mut owned);
    let (out, mine) = in_place::<T, Op::Output>(ptr, &strides);
    // SAFETY: `owned` is exclusively held and writable; the reused input is exactly the output
    // (same pointer and strides), which the loop allows; `other` cannot alias it (`owned`
    // was moved in, so no view of it exists); `Op::Output` is `T` (`reusable_for`).
    unsafe {
        match reused {
            Reused::First => run_binary(op, &shape, out, mine, input(&other), None),
            Reused::Second => run_binary(op, &shape, out, input(&other), mine, None),
        }
    }
    Ok(retyped(owned))
}

/// [`binary`] into a new array.
fn binary_new<Op: BinaryOp<T>, T: Element>(
    op: Op,
    a: ArrayView<'_, T>,
    b: ArrayView<'_, T>,
) -> Result<Array<Op::Output>> {
    let shape = broadcast_shapes(&[a.shape(), b.shape()])?;
    let a = a.into_broadcast_to(&shape[..])?;
    let b = b.into_broadcast_to(&shape[..])?;
    if Op::CHECKS_OPERANDS {
        Op::check_operands(&a, &b)?;
    }
    let layout = result_layout(&shape, &[a.layout(), b.layout()]);
    let out_strides = layout.strides.clone();
    new_array(layout, |ptr| {
        let out = OutOperand {
            ptr,
            strides: &out_strides,
        };
        // SAFETY: `out` is a fresh dense allocation of `shape`; `a` and `b` are valid views
        // of `shape` (broadcast: read-only, possibly zero strides).
        unsafe { run_binary(op, &shape, out, input(&a), input(&b), None) }
    })
}

/// Applies a binary op elementwise into `out` (NumPy's `op(a, b, where=mask, out=out)`): the
/// operands and the mask broadcast to `out`'s shape; where the mask is false, `out` keeps its
/// value.
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_core::elementwise::{binary_into, ops::Multiply};
/// let x = array![1.0, 2.0, 3.0];
/// let mut y = Array::<f64>::zeros([3]).unwrap();
/// let mask = array![true, false, true];
/// binary_into(Multiply, &x, 2.5, Some(&mask), &mut y).unwrap();
/// assert_eq!(y.to_vec(), vec![2.5, 0.0, 7.5]);
/// ```
///
/// # Errors
/// [`Error::BroadcastMismatch`] when the operands do not broadcast together, and
/// [`Error::BroadcastTo`] when they (or the mask) do not broadcast to `out`'s shape.
pub fn binary_into<Op: BinaryOp<T>, T: Element>(
    op: Op,
    a: impl AsArrayView<T>,
    b: impl AsArrayView<T>,
    where_: Where<'_>,
    out: &mut impl WriteArray<Op::Output>,
) -> Result<()> {
    let mut out = out.write_view();
    let shape = out.shape().to_vec();
    let (a, b) = (a.as_view(), b.as_view());
    let common = broadcast_shapes(&[a.shape(), b.shape()])?;
    let a = broadcast_input(a, &common, &shape)?;
    let b = broadcast_input(b, &common, &shape)?;
    if Op::CHECKS_OPERANDS {
        Op::check_operands(&a, &b)?;
    }
    let mask = broadcast_mask(where_, &shape)?;
    let ptr = out.as_mut_ptr();
    let out_strides = out.strides().to_vec();
    let out = OutOperand {
        ptr,
        strides: &out_strides,
    };
    // SAFETY: `out` is an exclusive, non-overlapping mutable view (ArrayViewMut invariant 3)
    // that the input views cannot alias (they are shared borrows taken while it is held).
    unsafe {
        run_binary(
            op,
            &shape,
            out,
            input(&a),
            input(&b),
            mask.as_ref().map(input),
        )
    };
    Ok(())
}

/// Applies a binary op in place on its first operand: `a = op(a, b)` where the mask is true
/// (NumPy's `op(a, b, out=a)`, and what `a += b` does). `b` and the mask broadcast to `a`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_core::elementwise::{binary_inplace, ops::Multiply};
/// let mut x = array![[1.0, 2.0], [3.0, 4.0]];
/// binary_inplace(Multiply, &mut x, &array![10.0, 100.0], None).unwrap();
/// assert_eq!(x.to_vec(), vec![10.0, 200.0, 30.0, 400.0]);
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when `b` or the mask does not broadcast to `a`'s shape.
pub fn binary_inplace<Op: BinaryOp<T, Output = T>, T: Element>(
    op: Op,
    a: &mut impl WriteArray<T>,
    b: impl AsArrayView<T>,
    where_: Where<'_>,
) -> Result<()> {
    let mut a = a.write_view();
    let shape = a.shape().to_vec();
    let b = b.as_view();
    let b_shape = b.shape().to_vec();
    let b = broadcast_input(b, &b_shape, &shape)?;
    if Op::CHECKS_OPERANDS {
        Op::check_operands(&a.view(), &b)?;
    }
    let mask = broadcast_mask(where_, &shape)?;
    let strides = a.strides().to_vec();
    let (out, first) = in_place::<T, T>(a.as_mut_ptr(), &strides);
    // SAFETY: the first input is exactly the output (same pointer and strides), which the loop
    // allows; `b` is a shared borrow that cannot alias the exclusive view `a`.
    unsafe { run_binary(op, &shape, out, first, input(&b), mask.as_ref().map(input)) };
    Ok(())
}
