//! Diagonals and triangles: NumPy's `diagonal` (a view), `diag`, `tri`, `tril`, `triu`.

use crate::array::{Array, ArrayView, AsArrayView};
use crate::dims::{Dims, Strides};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{Layout, normalize_axis};

/// NumPy's `diagonal(a, offset, axis1, axis2)`: a view of the diagonal `offset` (above the
/// main one when positive) of the planes of `axis1` and `axis2`; those two axes are removed
/// and the diagonal becomes the last axis. Unlike NumPy's read-only view, writes need
/// nothing more than a copy: the view is an ordinary strided [`ArrayView`].
///
/// ```
/// use oxarray_core::{Array, diagonal::diagonal};
/// let m = Array::<i32>::arange(0, 9, 1)?.into_shape([3, 3])?;
/// assert_eq!(diagonal(&m, 0, 0, 1)?.to_vec(), vec![0, 4, 8]);
/// assert_eq!(diagonal(&m, 1, 0, 1)?.to_vec(), vec![1, 5]);
/// assert_eq!(diagonal(&m, -2, 0, 1)?.to_vec(), vec![6]);
/// assert_eq!(diagonal(&m, 0, 1, 0)?.to_vec(), vec![0, 4, 8]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotEnoughDims`] below 2-D, [`Error::AxisOutOfBounds`], [`Error::RepeatedAxis`]
/// when `axis1` and `axis2` are one axis.
pub fn diagonal<T: Element>(
    a: &impl AsArrayView<T>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> Result<ArrayView<'_, T>> {
    diagonal_of(a.as_view(), offset, axis1, axis2)
}

/// [`diagonal`] of a view, keeping its lifetime.
pub fn diagonal_of<'a, T: Element>(
    v: ArrayView<'a, T>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> Result<ArrayView<'a, T>> {
    let ndim = v.ndim();
    if ndim < 2 {
        return Err(Error::NotEnoughDims {
            op: "diagonal",
            operand: 0,
            ndim,
            required: 2,
        });
    }
    let (a1, a2) = (normalize_axis(axis1, ndim)?, normalize_axis(axis2, ndim)?);
    if a1 == a2 {
        return Err(Error::RepeatedAxis {
            axis: a1,
            context: "diagonal (axis1 and axis2 cannot be the same)",
        });
    }
    let (n1, n2) = (v.shape()[a1] as isize, v.shape()[a2] as isize);
    let (s1, s2) = (v.strides()[a1], v.strides()[a2]);
    let len = if offset >= 0 {
        (n2 - offset).min(n1)
    } else {
        (n1 + offset).min(n2)
    }
    .max(0);
    let mut shape = Dims::new();
    let mut strides = Strides::new();
    for d in (0..ndim).filter(|&d| d != a1 && d != a2) {
        shape.push(v.shape()[d]);
        strides.push(v.strides()[d]);
    }
    shape.push(len as usize);
    strides.push(s1 + s2);
    let empty = shape.contains(&0);
    let start = if empty {
        0
    } else if offset >= 0 {
        offset * s2
    } else {
        -offset * s1
    };
    // SAFETY: the diagonal's elements `[.., i]` are the elements `(i, i + offset)` (or
    // `(i - offset, i)`) of the planes, with `i < len` keeping both inside their axes, so
    // every element of the new layout is one of `v` (invariant 1); an empty result starts at
    // `v`'s own pointer.
    Ok(unsafe { v.with_layout_unchecked(Layout { shape, strides }, start) })
}

/// NumPy's `diag(v, k)`: of a 1-D array, a new 2-D array with `v` on diagonal `k`; of a 2-D
/// array, a copy of its diagonal `k`.
///
/// ```
/// use oxarray_core::{array, diagonal::diag};
/// assert_eq!(diag(&array![1, 2], 1)?.to_vec(), vec![0, 1, 0, 0, 0, 2, 0, 0, 0]);
/// assert_eq!(diag(&array![[1, 2], [3, 4]], 0)?.to_vec(), vec![1, 4]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongNdim`] unless the input is 1-D or 2-D.
pub fn diag<T: Element>(v: &impl AsArrayView<T>, k: isize) -> Result<Array<T>> {
    let v = v.as_view();
    match v.ndim() {
        1 => {
            let n = v.len() + k.unsigned_abs();
            let mut out = Array::<T>::zeros([n, n])?;
            let values = v.to_vec();
            let data = out.as_slice_mut().expect("fresh C array");
            let (r0, c0) = if k >= 0 {
                (0, k as usize)
            } else {
                (k.unsigned_abs(), 0)
            };
            for (i, x) in values.into_iter().enumerate() {
                data[(r0 + i) * n + c0 + i] = x;
            }
            Ok(out)
        }
        2 => Ok(diagonal_of(v, k, 0, 1)?.to_owned()),
        _ => Err(Error::WrongNdim {
            op: "diag",
            operand: 0,
            shape: v.shape().to_vec(),
            expected: "1-D or 2-D",
        }),
    }
}

/// NumPy's `tri(n, m, k)`: an `n x m` array (`m = n` when `None`) of ones at and below
/// diagonal `k`, zeros above.
///
/// ```
/// use oxarray_core::diagonal::tri;
/// assert_eq!(tri::<i32>(2, Some(3), 0)?.to_vec(), vec![1, 0, 0, 1, 1, 0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::SizeOverflow`] for a too large shape.
pub fn tri<T: Element>(n: usize, m: Option<usize>, k: isize) -> Result<Array<T>> {
    let m = m.unwrap_or(n);
    Array::from_shape_fn([n, m], |i| {
        if (i[1] as isize) - (i[0] as isize) <= k {
            T::one()
        } else {
            T::zero()
        }
    })
}

/// Keeps the elements `[.., i, j]` for which `keep(j - i)` and zeroes the others; a 1-D
/// input is first broadcast to `(n, n)`, as NumPy does.
fn triangle<T: Element>(
    op: &'static str,
    m: ArrayView<'_, T>,
    keep: impl Fn(isize) -> bool,
) -> Result<Array<T>> {
    if m.ndim() == 0 {
        return Err(Error::NotEnoughDims {
            op,
            operand: 0,
            ndim: 0,
            required: 1,
        });
    }
    let m = if m.ndim() == 1 {
        let n = m.len();
        m.into_broadcast_to([n, n])?
    } else {
        m
    };
    let nd = m.ndim();
    let mut out = m.to_owned();
    let (rows, cols) = (m.shape()[nd - 2], m.shape()[nd - 1]);
    let data = out.as_slice_mut().expect("to_owned gives a C array");
    if rows * cols > 0 {
        for (pos, x) in data.iter_mut().enumerate() {
            let j = (pos % cols) as isize;
            let i = ((pos / cols) % rows) as isize;
            if !keep(j - i) {
                *x = T::zero();
            }
        }
    }
    Ok(out)
}

/// NumPy's `tril(m, k)`: a copy with the elements above diagonal `k` of the last two axes
/// zeroed (a 1-D input acts as its broadcast to `(n, n)`).
///
/// ```
/// use oxarray_core::{array, diagonal::tril};
/// let m = array![[1, 2, 3], [4, 5, 6]];
/// assert_eq!(tril(&m, 0)?.to_vec(), vec![1, 0, 0, 4, 5, 0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotEnoughDims`] for a 0-d input.
pub fn tril<T: Element>(m: &impl AsArrayView<T>, k: isize) -> Result<Array<T>> {
    triangle("tril", m.as_view(), |d| d <= k)
}

/// NumPy's `triu(m, k)`: a copy with the elements below diagonal `k` of the last two axes
/// zeroed.
///
/// ```
/// use oxarray_core::{array, diagonal::triu};
/// let m = array![[1, 2, 3], [4, 5, 6]];
/// assert_eq!(triu(&m, 1)?.to_vec(), vec![0, 2, 3, 0, 0, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotEnoughDims`] for a 0-d input.
pub fn triu<T: Element>(m: &impl AsArrayView<T>, k: isize) -> Result<Array<T>> {
    triangle("triu", m.as_view(), |d| d >= k)
}
