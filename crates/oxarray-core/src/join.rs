//! Joining arrays: NumPy's `concatenate`, `stack`, `vstack`, `hstack`, `dstack`,
//! `column_stack`, and the `atleast_*d` views they build on.
//!
//! Every join writes a new C-order array. Each input is copied into its block of the result by
//! one loop plan (axes contiguous in both merge, so a C-contiguous input joined along axis 0 is
//! one `memcpy`, split over all cores when large).

use std::sync::Arc;

use crate::array::{Array, ArrayView, AsArrayView};
use crate::buffer::Storage;
use crate::dims::Dims;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::iter::LoopPlan;
use crate::layout::{Layout, Order, c_strides, checked_size, normalize_axis};
use crate::parallel::SendPtr;

/// Copies `src` into the elements at `dst` laid out with `dst_strides` (the shape of `src`),
/// over all cores when large.
///
/// # Safety
/// `dst` with `dst_strides` over `src.shape()` must address writable, non-overlapping elements
/// of one allocation that nothing else reads or writes meanwhile (they may be uninitialised).
pub(crate) unsafe fn copy_block<T: Element>(
    dst: *mut T,
    dst_strides: &[isize],
    src: &ArrayView<'_, T>,
) {
    if src.is_empty() {
        return;
    }
    let plan = LoopPlan::new(src.shape(), &[dst_strides, src.strides()]);
    let d = SendPtr::new(dst.cast::<u8>());
    let s = SendPtr::from_const(src.as_ptr().cast::<u8>());
    let sz = size_of::<T>();
    // SAFETY: operand 0 is the caller's exclusive, non-overlapping destination; `src` is a
    // shared borrow of other memory (invariant 1 for its offsets).
    unsafe {
        crate::copy::run_plan(&plan, [d, s], [sz, sz], |[dp, sp], len, [ds, ss]| {
            let (dp, sp) = (dp.cast::<T>(), sp.cast::<T>());
            if ds == 1 && ss == 1 {
                std::ptr::copy_nonoverlapping(sp, dp, len);
            } else {
                for j in 0..len as isize {
                    dp.offset(j * ds).write(*sp.offset(j * ss));
                }
            }
        })
    };
}

/// A new C-order array of `shape` whose elements `fill` writes through the pointer to element
/// `[0, ..., 0]` (it must write every one).
pub(crate) fn build_c<T: Element>(shape: &[usize], fill: impl FnOnce(*mut T)) -> Result<Array<T>> {
    let size = checked_size(shape, size_of::<T>())?;
    let storage = Storage::filled_with::<T>(size, |slots| fill(slots.as_mut_ptr().cast::<T>()))?;
    // SAFETY: a fresh C-contiguous layout over exactly `size` elements, all written by `fill`
    // (caller contract).
    Ok(unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(shape, Order::C)) })
}

/// The shared body of the joins: `views` joined along `axis` (already checked for
/// `views[0].ndim()`), or an error naming `op`.
pub(crate) fn concat_views<T: Element>(
    op: &'static str,
    views: &[ArrayView<'_, T>],
    axis: isize,
) -> Result<Array<T>> {
    let first = views.first().ok_or(Error::NoArrays { op })?;
    let ndim = first.ndim();
    if ndim == 0 {
        return Err(Error::WrongNdim {
            op,
            operand: 0,
            shape: vec![],
            expected: "at least 1-D (zero-dimensional arrays cannot be concatenated)",
        });
    }
    let axis = normalize_axis(axis, ndim)?;
    let mut len = 0usize;
    for (index, v) in views.iter().enumerate() {
        if v.ndim() != ndim {
            return Err(Error::JoinNdimMismatch {
                op,
                index,
                ndim: v.ndim(),
                first_ndim: ndim,
            });
        }
        let same = (0..ndim).all(|d| d == axis || v.shape()[d] == first.shape()[d]);
        if !same {
            return Err(Error::JoinShapeMismatch {
                op,
                axis: Some(axis),
                index,
                shape: v.shape().to_vec(),
                first_shape: first.shape().to_vec(),
            });
        }
        len = len
            .checked_add(v.shape()[axis])
            .ok_or_else(|| Error::SizeOverflow {
                shape: first.shape().to_vec(),
                itemsize: size_of::<T>(),
            })?;
    }
    let mut shape = Dims::from(first.shape());
    shape[axis] = len;
    let strides = c_strides(&shape);
    if views.iter().all(|v| v.is_c_contiguous()) {
        return build_c(&shape, |dst: *mut T| {
            // SAFETY: `dst` is the fresh C-order result of `shape`; the inputs are C-contiguous
            // with the result's shape off `axis`.
            unsafe { copy_contiguous_blocks(dst, &shape, axis, views) }
        });
    }
    build_c(&shape, |dst: *mut T| {
        let mut start = 0usize;
        for v in views {
            // SAFETY: the blocks `[start, start + len_v)` along `axis` are disjoint parts of
            // the fresh result, each with the result's strides over `v`'s shape.
            unsafe { copy_block(dst.offset(start as isize * strides[axis]), &strides, v) };
            start += v.shape()[axis];
        }
    })
}

/// Elements per piece of the contiguous join: small enough (4 MiB of f64) that the pieces of
/// all inputs balance over busy cores, large enough that each is a long `memcpy`.
const PIECE: usize = 1 << 19;

/// The join of C-contiguous inputs: for every position of the axes before `axis`, each input
/// contributes one contiguous block of the result. All blocks of all inputs, cut into pieces
/// of at most [`PIECE`] elements, are copied in one parallel loop (no barrier per input).
///
/// # Safety
/// `dst` must be a fresh, exclusively held C-order buffer of `shape`, and every view
/// C-contiguous with `shape` off `axis`.
unsafe fn copy_contiguous_blocks<T: Element>(
    dst: *mut T,
    shape: &[usize],
    axis: usize,
    views: &[ArrayView<'_, T>],
) {
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product();
    let row = shape[axis] * inner;
    // (source, destination offset, length) of every piece.
    let mut pieces: Vec<(SendPtr<T>, usize, usize)> = Vec::new();
    for o in 0..outer {
        let mut at = o * row;
        for v in views {
            let block = v.shape()[axis] * inner;
            // SAFETY: a C-contiguous view's block `o` is its elements `[o * block, (o + 1) *
            // block)` from its first element (invariant 1).
            let src = unsafe { v.as_ptr().add(o * block) };
            for start in (0..block).step_by(PIECE) {
                let len = PIECE.min(block - start);
                // SAFETY: `start < block`, inside the block above.
                let p = SendPtr::from_const(unsafe { src.add(start) });
                pieces.push((p, at + start, len));
            }
            at += block;
        }
    }
    let out = SendPtr::new(dst);
    crate::parallel::for_each_range(pieces.len(), PIECE, |range| {
        for &(src, offset, len) in &pieces[range] {
            // SAFETY: the pieces tile the result without overlap (each block once, cut into
            // disjoint runs); the sources are other memory, read only.
            unsafe { std::ptr::copy_nonoverlapping(src.get(), out.get().add(offset), len) };
        }
    });
}

fn views_of<T: Element, A: AsArrayView<T>>(arrays: &[A]) -> Vec<ArrayView<'_, T>> {
    arrays.iter().map(|a| a.as_view()).collect()
}

/// NumPy's `concatenate(arrays, axis)`: the arrays joined along an existing axis (negative
/// counts from the end), or flattened and joined when `axis` is `None`. The result is in C
/// order (NumPy keeps the memory order of F-ordered inputs; the values are the same).
///
/// ```
/// use oxarray_core::{array, join::concatenate};
/// let a = array![[1, 2], [3, 4]];
/// let b = array![[5, 6]];
/// assert_eq!(concatenate(&[&a, &b], Some(0))?.to_vec(), vec![1, 2, 3, 4, 5, 6]);
/// assert_eq!(concatenate(&[&a, &a], Some(-1))?.shape(), &[2, 4]);
/// assert_eq!(concatenate(&[&a, &b], None)?.shape(), &[6]);
/// assert!(concatenate(&[&a, &b], Some(1)).is_err()); // 2 rows vs 1 row
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NoArrays`], [`Error::JoinNdimMismatch`], [`Error::JoinShapeMismatch`] (naming the
/// array and both shapes), [`Error::AxisOutOfBounds`], [`Error::WrongNdim`] for 0-d inputs.
pub fn concatenate<T: Element, A: AsArrayView<T>>(
    arrays: &[A],
    axis: Option<isize>,
) -> Result<Array<T>> {
    let views = views_of(arrays);
    match axis {
        Some(axis) => concat_views("concatenate", &views, axis),
        None => concat_flat(&views),
    }
}

/// The arrays flattened (C order) and joined.
fn concat_flat<T: Element>(views: &[ArrayView<'_, T>]) -> Result<Array<T>> {
    if views.is_empty() {
        return Err(Error::NoArrays { op: "concatenate" });
    }
    let total = views.iter().try_fold(0usize, |n, v| {
        n.checked_add(v.len()).ok_or(Error::SizeOverflow {
            shape: v.shape().to_vec(),
            itemsize: size_of::<T>(),
        })
    })?;
    let shape = [total];
    let size = checked_size(&shape, size_of::<T>())?;
    let storage = Storage::filled_with::<T>(size, |slots| {
        let mut start = 0;
        for v in views {
            crate::copy::copy_to_uninit_c(v, &mut slots[start..start + v.len()]);
            start += v.len();
        }
    })?;
    // SAFETY: a fresh 1-D layout over exactly `total` elements, all written above.
    Ok(unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(&shape, Order::C)) })
}

/// NumPy's `stack(arrays, axis)`: arrays of one shape joined along a new axis `axis` (in
/// `-(ndim + 1)..=ndim`).
///
/// ```
/// use oxarray_core::{array, join::stack};
/// let a = array![1, 2, 3];
/// let b = array![4, 5, 6];
/// assert_eq!(stack(&[&a, &b], 0)?.shape(), &[2, 3]);
/// assert_eq!(stack(&[&a, &b], -1)?.to_vec(), vec![1, 4, 2, 5, 3, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NoArrays`]; [`Error::JoinShapeMismatch`] (with `axis: None`) when the shapes
/// differ; [`Error::AxisOutOfBounds`].
pub fn stack<T: Element, A: AsArrayView<T>>(arrays: &[A], axis: isize) -> Result<Array<T>> {
    let views = views_of(arrays);
    let first = views.first().ok_or(Error::NoArrays { op: "stack" })?;
    for (index, v) in views.iter().enumerate() {
        if v.shape() != first.shape() {
            return Err(Error::JoinShapeMismatch {
                op: "stack",
                axis: None,
                index,
                shape: v.shape().to_vec(),
                first_shape: first.shape().to_vec(),
            });
        }
    }
    let ax = normalize_axis(axis, first.ndim() + 1)? as isize;
    let expanded: Vec<ArrayView<'_, T>> = views
        .into_iter()
        .map(|v| v.into_expand_dims(&[ax]))
        .collect::<Result<_>>()?;
    concat_views("stack", &expanded, ax)
}

/// NumPy's `atleast_1d`: a 0-d array as shape `(1,)`, others unchanged (a view).
///
/// ```
/// use oxarray_core::{join::atleast_1d, Array};
/// assert_eq!(atleast_1d(&Array::from_scalar(3.0)).shape(), &[1]);
/// ```
pub fn atleast_1d<T: Element>(a: &impl AsArrayView<T>) -> ArrayView<'_, T> {
    let v = a.as_view();
    if v.ndim() == 0 {
        v.into_expand_dims(&[0]).expect("axis 0 of a 1-D result")
    } else {
        v
    }
}

/// NumPy's `atleast_2d`: `()` as `(1, 1)`, `(n,)` as `(1, n)`, others unchanged (a view).
///
/// ```
/// use oxarray_core::{array, join::atleast_2d};
/// assert_eq!(atleast_2d(&array![1, 2, 3]).shape(), &[1, 3]);
/// ```
pub fn atleast_2d<T: Element>(a: &impl AsArrayView<T>) -> ArrayView<'_, T> {
    let v = a.as_view();
    match v.ndim() {
        0 => v.into_expand_dims(&[0, 1]),
        1 => v.into_expand_dims(&[0]),
        _ => Ok(v),
    }
    .expect("new leading axes are always in range")
}

/// NumPy's `atleast_3d`: `()` as `(1, 1, 1)`, `(n,)` as `(1, n, 1)`, `(m, n)` as
/// `(m, n, 1)`, others unchanged (a view).
///
/// ```
/// use oxarray_core::{array, join::atleast_3d};
/// assert_eq!(atleast_3d(&array![1, 2, 3]).shape(), &[1, 3, 1]);
/// assert_eq!(atleast_3d(&array![[1, 2]]).shape(), &[1, 2, 1]);
/// ```
pub fn atleast_3d<T: Element>(a: &impl AsArrayView<T>) -> ArrayView<'_, T> {
    let v = a.as_view();
    match v.ndim() {
        0 => v.into_expand_dims(&[0, 1, 2]),
        1 => v.into_expand_dims(&[0, 2]),
        2 => v.into_expand_dims(&[2]),
        _ => Ok(v),
    }
    .expect("the new axes are always in range")
}

/// NumPy's `vstack` (`row_stack`): the arrays as at least 2-D, joined along axis 0.
///
/// ```
/// use oxarray_core::{array, join::vstack};
/// let v = vstack(&[&array![1, 2], &array![3, 4]])?;
/// assert_eq!(v.shape(), &[2, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// As [`concatenate`].
pub fn vstack<T: Element, A: AsArrayView<T>>(arrays: &[A]) -> Result<Array<T>> {
    let views: Vec<_> = arrays.iter().map(|a| atleast_2d(a)).collect();
    concat_views("vstack", &views, 0)
}

/// NumPy's `hstack`: the arrays as at least 1-D, joined along axis 1 (axis 0 for 1-D
/// arrays).
///
/// ```
/// use oxarray_core::{array, join::hstack};
/// assert_eq!(hstack(&[&array![1, 2], &array![3]])?.to_vec(), vec![1, 2, 3]);
/// assert_eq!(hstack(&[&array![[1], [2]], &array![[3], [4]]])?.shape(), &[2, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// As [`concatenate`].
pub fn hstack<T: Element, A: AsArrayView<T>>(arrays: &[A]) -> Result<Array<T>> {
    let views: Vec<_> = arrays.iter().map(|a| atleast_1d(a)).collect();
    let axis = if views.first().is_some_and(|v| v.ndim() == 1) {
        0
    } else {
        1
    };
    concat_views("hstack", &views, axis)
}

/// NumPy's `dstack`: the arrays as at least 3-D, joined along axis 2.
///
/// ```
/// use oxarray_core::{array, join::dstack};
/// assert_eq!(dstack(&[&array![1, 2], &array![3, 4]])?.shape(), &[1, 2, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// As [`concatenate`].
pub fn dstack<T: Element, A: AsArrayView<T>>(arrays: &[A]) -> Result<Array<T>> {
    let views: Vec<_> = arrays.iter().map(|a| atleast_3d(a)).collect();
    concat_views("dstack", &views, 2)
}

/// NumPy's `column_stack`: 1-D arrays (and 0-d ones) become columns, 2-D and higher arrays
/// are joined as they are, along axis 1.
///
/// ```
/// use oxarray_core::{array, join::column_stack};
/// let c = column_stack(&[&array![1, 2, 3], &array![4, 5, 6]])?;
/// assert_eq!(c.shape(), &[3, 2]);
/// assert_eq!(c.to_vec(), vec![1, 4, 2, 5, 3, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// As [`concatenate`].
pub fn column_stack<T: Element, A: AsArrayView<T>>(arrays: &[A]) -> Result<Array<T>> {
    let views: Vec<_> = arrays
        .iter()
        .map(|a| {
            let v = a.as_view();
            if v.ndim() < 2 {
                atleast_2d(a).into_t()
            } else {
                v
            }
        })
        .collect();
    concat_views("column_stack", &views, 1)
}
