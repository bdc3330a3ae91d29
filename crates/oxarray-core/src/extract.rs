//! Positions and values of the true (non-zero) elements: NumPy's `argwhere`, `flatnonzero`,
//! `count_nonzero`, `extract`, and the masked writes `place` and `putmask`.
//! (`nonzero` is a method of the arrays, in [`index`](crate::index).)

use crate::array::{Array, AsArrayView};
use crate::element::Element;
use crate::elementwise::WriteArray;
use crate::error::{Error, Result};
use crate::layout::normalize_axes;

/// NumPy's `argwhere(a)`: the multi-indices of the non-zero elements, one row each, shape
/// `(count, ndim)`, in C order. A 0-d array gives shape `(1, 0)` or `(0, 0)`.
///
/// ```
/// use oxarray_core::{array, extract::argwhere};
/// let w = argwhere(&array![[0, 3], [4, 0]]);
/// assert_eq!(w.shape(), &[2, 2]);
/// assert_eq!(w.to_vec(), vec![0, 1, 1, 0]);
/// ```
pub fn argwhere<T: Element>(a: &impl AsArrayView<T>) -> Array<i64> {
    let v = a.as_view();
    let ndim = v.ndim();
    if ndim == 0 {
        let count = usize::from(v.to_vec()[0] != T::zero());
        return Array::zeros([count, 0]).expect("a tiny shape");
    }
    let nz = v.nonzero();
    let count = nz[0].len();
    let cols: Vec<Vec<i64>> = nz.iter().map(|c| c.to_vec()).collect();
    let mut data = Vec::with_capacity(count * ndim);
    for i in 0..count {
        data.extend(cols.iter().map(|c| c[i]));
    }
    Array::from_vec(data, [count, ndim]).expect("count * ndim elements")
}

/// NumPy's `flatnonzero(a)`: the positions of the non-zero elements of the flattened array.
///
/// ```
/// use oxarray_core::{array, extract::flatnonzero};
/// assert_eq!(flatnonzero(&array![[0, 3], [4, 0]]).to_vec(), vec![1, 2]);
/// ```
pub fn flatnonzero<T: Element>(a: &impl AsArrayView<T>) -> Array<i64> {
    let positions: Vec<i64> = a
        .as_view()
        .iter()
        .enumerate()
        .filter(|(_, x)| **x != T::zero())
        .map(|(i, _)| i as i64)
        .collect();
    let n = positions.len();
    Array::from_vec(positions, [n]).expect("a 1-D vector")
}

/// NumPy's `count_nonzero(a, axis, keepdims)`: the number of non-zero elements over `axis`
/// (all axes when `None`; a 0-d result then), as `int64`.
///
/// ```
/// use oxarray_core::{array, extract::count_nonzero};
/// let a = array![[0, 1, 7, 0], [3, 0, 2, 19]];
/// assert_eq!(count_nonzero(&a, None, false)?.item()?, 5);
/// assert_eq!(count_nonzero(&a, Some(&[0]), false)?.to_vec(), vec![1, 1, 2, 1]);
/// assert_eq!(count_nonzero(&a, Some(&[-1]), true)?.shape(), &[2, 1]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::AxisOutOfBounds`], [`Error::RepeatedAxis`].
pub fn count_nonzero<T: Element>(
    a: &impl AsArrayView<T>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<i64>> {
    let v = a.as_view();
    let ndim = v.ndim();
    let all: Vec<isize> = (0..ndim as isize).collect();
    let axes = normalize_axes(axis.unwrap_or(&all), ndim, "count_nonzero")?;
    let reduced: Vec<bool> = (0..ndim).map(|d| axes.contains(&d)).collect();
    let out_shape: Vec<usize> = (0..ndim)
        .filter(|&d| !reduced[d])
        .map(|d| v.shape()[d])
        .collect();
    let mut counts = vec![0i64; out_shape.iter().product()];
    let out_strides = crate::layout::c_strides(&out_shape);
    let shape = v.shape().to_vec();
    let mut index = vec![0usize; ndim];
    for x in v.iter() {
        if *x != T::zero() {
            let mut pos = 0usize;
            let mut k = 0;
            for d in 0..ndim {
                if !reduced[d] {
                    pos += index[d] * out_strides[k] as usize;
                    k += 1;
                }
            }
            counts[pos] += 1;
        }
        for d in (0..ndim).rev() {
            index[d] += 1;
            if index[d] < shape[d] {
                break;
            }
            index[d] = 0;
        }
    }
    let result = Array::from_vec(counts, &out_shape[..])?;
    if keepdims {
        let kept: Vec<usize> = (0..ndim)
            .map(|d| if reduced[d] { 1 } else { shape[d] })
            .collect();
        return result.into_shape(&kept[..]);
    }
    Ok(result)
}

/// NumPy's `extract(condition, arr)`: the elements of the flattened `arr` where the flattened
/// `condition` is true (`arr.ravel()[condition.ravel()]`; a shorter condition stops early).
///
/// ```
/// use oxarray_core::{array, extract::extract};
/// let a = array![[1, 2], [3, 4]];
/// let odd = a.view().map(|v| v % 2 == 1);
/// assert_eq!(extract(&odd, &a)?.to_vec(), vec![1, 3]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::IndexOutOfBounds`] when a true entry of `condition` lies past the end of `arr`.
pub fn extract<T: Element>(
    condition: &impl AsArrayView<bool>,
    arr: &impl AsArrayView<T>,
) -> Result<Array<T>> {
    let values = arr.as_view().to_vec();
    let mut picked = Vec::new();
    for (i, &c) in condition.as_view().iter().enumerate() {
        if c {
            let v = values.get(i).ok_or(Error::IndexOutOfBounds {
                index: i as isize,
                axis: 0,
                len: values.len(),
            })?;
            picked.push(*v);
        }
    }
    let n = picked.len();
    Array::from_vec(picked, [n])
}

fn check_same_size(op: &'static str, a: &[usize], mask: &[usize]) -> Result<()> {
    let (na, nm) = (a.iter().product::<usize>(), mask.iter().product::<usize>());
    if na != nm {
        return Err(Error::SizeMismatch {
            op,
            sizes: (na, nm),
            shapes: (a.to_vec(), mask.to_vec()),
        });
    }
    Ok(())
}

/// NumPy's `place(arr, mask, vals)`: writes `vals` in order (repeated when shorter) into the
/// elements of `arr` where `mask` is true, both taken in C order. The destination comes
/// first, as in NumPy.
///
/// ```
/// use oxarray_core::{array, extract::place};
/// let mut a = array![[1, 2, 3], [4, 5, 6]];
/// let big = a.view().map(|v| v > 2);
/// place(&mut a, &big, &[44, 55])?;
/// assert_eq!(a.to_vec(), vec![1, 2, 44, 55, 44, 55]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::SizeMismatch`] when `mask` and `arr` differ in size; [`Error::InvalidArgument`]
/// when `vals` is empty and the mask selects something.
pub fn place<T: Element>(
    arr: &mut impl WriteArray<T>,
    mask: &impl AsArrayView<bool>,
    vals: &[T],
) -> Result<()> {
    let mut dst = arr.write_view();
    let mask = mask.as_view();
    check_same_size("place", dst.shape(), mask.shape())?;
    if vals.is_empty() {
        if mask.iter().any(|&m| m) {
            return Err(Error::invalid_argument(
                "vals",
                "[]",
                "cannot insert from an empty array",
            ));
        }
        return Ok(());
    }
    let mut next = 0usize;
    for (slot, &m) in dst.iter_mut().zip(mask.iter()) {
        if m {
            *slot = vals[next % vals.len()];
            next += 1;
        }
    }
    Ok(())
}

/// NumPy's `putmask(a, mask, values)`: `a.flat[n] = values[n % len(values)]` wherever
/// `mask.flat[n]` is true (the value is picked by position, unlike [`place`]). Nothing is
/// written when `values` is empty.
///
/// ```
/// use oxarray_core::{array, extract::putmask};
/// let mut a = array![[0, 1, 2], [3, 4, 5]];
/// let big = a.view().map(|v| v > 2);
/// putmask(&mut a, &big, &[-33, -44])?;
/// assert_eq!(a.to_vec(), vec![0, 1, 2, -44, -33, -44]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::SizeMismatch`] when `mask` and `a` differ in size.
pub fn putmask<T: Element>(
    a: &mut impl WriteArray<T>,
    mask: &impl AsArrayView<bool>,
    values: &[T],
) -> Result<()> {
    let mut dst = a.write_view();
    let mask = mask.as_view();
    check_same_size("putmask", dst.shape(), mask.shape())?;
    if values.is_empty() {
        return Ok(());
    }
    for (n, (slot, &m)) in dst.iter_mut().zip(mask.iter()).enumerate() {
        if m {
            *slot = values[n % values.len()];
        }
    }
    Ok(())
}
