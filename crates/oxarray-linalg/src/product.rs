//! The rest of NumPy's product family: `dot`, `vdot`, `inner`, `outer`, `kron`, `trace`.

use oxarray_core::{Array, ArrayView, AsArrayView, Error, Layout, Result, normalize_axis};

use crate::matmul::matmul;
use crate::scalar::LinalgScalar;
use crate::tensordot::tensordot;

/// `scalar * array` for a 0-d operand (NumPy's `dot`/`inner` with a scalar).
fn scalar_product<T: LinalgScalar>(a: &ArrayView<'_, T>, b: &ArrayView<'_, T>) -> Result<Array<T>> {
    let shape = oxarray_core::broadcast_shapes(&[a.shape(), b.shape()])?;
    let (va, vb) = (
        a.clone().into_broadcast_to(&shape[..])?,
        b.clone().into_broadcast_to(&shape[..])?,
    );
    let mut out = Array::<T>::zeros(&shape[..])?;
    T::multiply_into(&va, &vb, &mut out.view_mut())?;
    Ok(out)
}

/// The "not aligned" error of `dot` and `inner`, naming both shapes and axes.
fn not_aligned(op: &'static str, a: &[usize], b: &[usize], ax_a: usize, ax_b: usize) -> Error {
    Error::NotAligned {
        op,
        a_operand: 0,
        a_shape: a.to_vec(),
        a_axis: ax_a,
        b_operand: 1,
        b_shape: b.to_vec(),
        b_axis: ax_b,
    }
}

/// NumPy's `dot(a, b)`.
///
/// * either operand 0-d: the elementwise product with the scalar;
/// * both 1-D: the inner product (a 0-d array);
/// * both 2-D: the matrix product ([`matmul`]);
/// * `b` 1-D: the sum product over the last axis of `a` and `b`;
/// * otherwise the sum product over the last axis of `a` and the second-to-last of `b`
///   (`dot(a, b)[i, j, k, m] = sum(a[i, j, :] * b[k, :, m])`), which is not `matmul`'s
///   broadcasting: the batch axes of both operands appear in the result.
///
/// # Errors
/// The summed axes have different lengths (the message names shapes and axes).
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_linalg::dot;
///
/// assert_eq!(dot(&array![1.0, 2.0, 3.0], &array![4.0, 5.0, 6.0])?.item()?, 32.0);
/// let a = array![[1, 2], [3, 4]];
/// assert_eq!(dot(&a, &a)?, array![[7, 10], [15, 22]]);
/// assert_eq!(dot(&a, &Array::from_scalar(2))?, array![[2, 4], [6, 8]]);
/// let stack = Array::<f32>::ones([2, 3, 4])?;
/// let m = Array::<f32>::ones([5, 4, 6])?;
/// assert_eq!(dot(&stack, &m)?.shape(), &[2, 3, 5, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn dot<T: LinalgScalar>(a: &impl AsArrayView<T>, b: &impl AsArrayView<T>) -> Result<Array<T>> {
    let (a, b) = (a.as_view(), b.as_view());
    if a.ndim() == 0 || b.ndim() == 0 {
        return scalar_product(&a, &b);
    }
    let ax_a = a.ndim() - 1;
    let ax_b = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
    if a.shape()[ax_a] != b.shape()[ax_b] {
        return Err(not_aligned("dot", a.shape(), b.shape(), ax_a, ax_b));
    }
    if a.ndim() <= 2 && b.ndim() <= 2 {
        return matmul(&a, &b);
    }
    tensordot(&a, &b, (ax_a as isize, ax_b as isize))
}

/// NumPy's `inner(a, b)`: the sum product over the last axes of `a` and `b` (for 0-d
/// operands, the elementwise product with the scalar). The result has `a`'s other axes
/// followed by `b`'s.
///
/// # Errors
/// The last axes have different lengths.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::inner;
///
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// // inner(a, a) = a @ a.T
/// assert_eq!(inner(&a, &a)?, array![[5.0, 11.0], [11.0, 25.0]]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn inner<T: LinalgScalar>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
) -> Result<Array<T>> {
    let (a, b) = (a.as_view(), b.as_view());
    if a.ndim() == 0 || b.ndim() == 0 {
        return scalar_product(&a, &b);
    }
    let (ax_a, ax_b) = (a.ndim() - 1, b.ndim() - 1);
    if a.shape()[ax_a] != b.shape()[ax_b] {
        return Err(not_aligned("inner", a.shape(), b.shape(), ax_a, ax_b));
    }
    tensordot(&a, &b, (-1, -1))
}

/// NumPy's `vdot(a, b)`: the dot product of the flattened arrays, with the first conjugated
/// (for complex types). The arrays must have the same number of elements.
///
/// # Errors
/// Different numbers of elements.
///
/// ```
/// use oxarray_core::{array, Complex64};
/// use oxarray_linalg::vdot;
///
/// assert_eq!(vdot(&array![[1, 2], [3, 4]], &array![1, 1, 1, 1])?, 10);
/// let a = array![Complex64::new(1.0, 2.0)];
/// let b = array![Complex64::new(3.0, 4.0)];
/// assert_eq!(vdot(&a, &b)?, Complex64::new(11.0, -2.0)); // (1 - 2i)(3 + 4i)
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn vdot<T: LinalgScalar>(a: &impl AsArrayView<T>, b: &impl AsArrayView<T>) -> Result<T> {
    let (a, b) = (a.as_view(), b.as_view());
    if a.len() != b.len() {
        return Err(Error::SizeMismatch {
            op: "vdot",
            sizes: (a.len(), b.len()),
            shapes: (a.shape().to_vec(), b.shape().to_vec()),
        });
    }
    let flat_a = a.ravel();
    let flat_b = b.ravel();
    let conj_a;
    let va = if is_real::<T>() {
        flat_a.view()
    } else {
        conj_a = flat_a.view().map(T::conj);
        conj_a.view()
    };
    matmul(&va, &flat_b.view())?.item()
}

fn is_real<T: LinalgScalar>() -> bool {
    !matches!(
        T::DTYPE,
        oxarray_core::DType::C64 | oxarray_core::DType::C128
    )
}

/// NumPy's `outer(a, b)`: `out[i, j] = a[i] * b[j]` for the flattened operands.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::outer;
///
/// assert_eq!(outer(&array![1, 2], &array![1, 10, 100])?, array![[1, 10, 100], [2, 20, 200]]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn outer<T: LinalgScalar>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
) -> Result<Array<T>> {
    let (a, b) = (a.as_view(), b.as_view());
    let (m, n) = (a.len(), b.len());
    let (flat_a, flat_b) = (a.ravel(), b.ravel());
    let va = flat_a
        .view()
        .into_reshape([m, 1])?
        .into_broadcast_to([m, n])?;
    let vb = flat_b
        .view()
        .into_reshape([1, n])?
        .into_broadcast_to([m, n])?;
    let mut out = Array::<T>::zeros([m, n])?;
    T::multiply_into(&va, &vb, &mut out.view_mut())?;
    Ok(out)
}

/// NumPy's `kron(a, b)`: the Kronecker product, a block array of `b` scaled by each element
/// of `a`. The operand with fewer axes gets leading axes of length one; the result's shape is
/// the elementwise product of the shapes.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::kron;
///
/// let k = kron(&array![[1, 2], [3, 4]], &array![[0, 1], [1, 0]])?;
/// assert_eq!(k, array![[0, 1, 0, 2], [1, 0, 2, 0], [0, 3, 0, 4], [3, 0, 4, 0]]);
/// assert_eq!(kron(&array![1, 10], &array![1, 2, 3])?, array![1, 2, 3, 10, 20, 30]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn kron<T: LinalgScalar>(a: &impl AsArrayView<T>, b: &impl AsArrayView<T>) -> Result<Array<T>> {
    let (a, b) = (a.as_view(), b.as_view());
    let nd = a.ndim().max(b.ndim());
    fn lead<T: LinalgScalar>(v: ArrayView<'_, T>, nd: usize) -> Result<ArrayView<'_, T>> {
        let pad: Vec<isize> = (0..(nd - v.ndim()) as isize).collect();
        v.into_expand_dims(&pad)
    }
    let (a, b) = (lead(a, nd)?, lead(b, nd)?);
    let out_shape: Vec<usize> = (0..nd).map(|i| a.shape()[i] * b.shape()[i]).collect();
    // out viewed as (a0, b0, a1, b1, ...) then permuted to (a0, a1, .., b0, b1, ..).
    let interleaved: Vec<usize> = (0..nd).flat_map(|i| [a.shape()[i], b.shape()[i]]).collect();
    let perm: Vec<isize> = (0..nd)
        .map(|i| 2 * i as isize)
        .chain((0..nd).map(|i| 2 * i as isize + 1))
        .collect();
    let full: Vec<usize> = a.shape().iter().chain(b.shape()).copied().collect();
    let trailing: Vec<isize> = (nd..2 * nd).map(|x| x as isize).collect();
    let leading: Vec<isize> = (0..nd as isize).collect();
    let va = a
        .into_expand_dims(&trailing)?
        .into_broadcast_to(&full[..])?;
    let vb = b.into_expand_dims(&leading)?.into_broadcast_to(&full[..])?;
    let mut out = Array::<T>::zeros(&out_shape[..])?;
    // `out` viewed as the blocks: its C layout split into the interleaved axes, permuted.
    let mut blocks = out
        .view_mut()
        .into_reshape(&interleaved[..])?
        .into_permuted(&perm)?;
    T::multiply_into(&va, &vb, &mut blocks)?;
    Ok(out)
}

/// The view of the diagonal of `a` with `offset` over axes `axis1` and `axis2`, as the last
/// axis after the remaining ones (NumPy's `diagonal`).
pub(crate) fn diagonal<'a, T: LinalgScalar>(
    a: ArrayView<'a, T>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> Result<ArrayView<'a, T>> {
    let ax1 = normalize_axis(axis1, a.ndim())?;
    let ax2 = normalize_axis(axis2, a.ndim())?;
    if ax1 == ax2 {
        return Err(Error::RepeatedAxis {
            axis: ax1,
            context: "diagonal (axis1 and axis2 cannot be the same)",
        });
    }
    let (d1, d2) = (a.shape()[ax1] as isize, a.shape()[ax2] as isize);
    let (s1, s2) = (a.strides()[ax1], a.strides()[ax2]);
    let (start1, start2) = if offset >= 0 {
        (0, offset)
    } else {
        (-offset, 0)
    };
    let len = (d1 - start1).min(d2 - start2).max(0) as usize;
    let mut shape: Vec<usize> = Vec::new();
    let mut strides: Vec<isize> = Vec::new();
    for ax in (0..a.ndim()).filter(|&ax| ax != ax1 && ax != ax2) {
        shape.push(a.shape()[ax]);
        strides.push(a.strides()[ax]);
    }
    shape.push(len);
    strides.push(s1 + s2);
    let start = if len > 0 {
        start1 * s1 + start2 * s2
    } else {
        0
    };
    let layout = Layout {
        shape: shape.into(),
        strides: strides.into(),
    };
    // SAFETY: diagonal position `t < len` is element (start1 + t, start2 + t) of the two axes,
    // inside both (len is clamped to the shorter remaining length); the other axes are
    // unchanged. An empty diagonal keeps the base pointer and reaches no element.
    Ok(unsafe { a.with_layout_unchecked(layout, start) })
}

/// The sum along the diagonal of a 2-D array (NumPy's `trace` of a matrix).
///
/// # Errors
/// `a` is not 2-D (see [`trace_axes`] for other ranks).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::trace;
///
/// assert_eq!(trace(&array![[1, 2, 3], [4, 5, 6]])?, 6);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn trace<T: LinalgScalar>(a: &impl AsArrayView<T>) -> Result<T> {
    let a = a.as_view();
    if a.ndim() != 2 {
        return Err(Error::WrongNdim {
            op: "trace",
            operand: 0,
            shape: a.shape().to_vec(),
            expected: "2-D (use trace_axes for other ranks)",
        });
    }
    trace_axes(&a, 0, 0, 1)?.item()
}

/// NumPy's `trace(a, offset, axis1, axis2)`: sums of the diagonals of `offset` over the plane
/// of `axis1` and `axis2`. The result has `a`'s other axes (0-d for a 2-D `a`).
///
/// # Errors
/// Axes out of range or equal.
///
/// ```
/// use oxarray_core::Array;
/// use oxarray_linalg::trace_axes;
///
/// let a = Array::<i64>::arange(0, 24, 1)?.into_shape([2, 3, 4])?;
/// // the traces of a[i, :, :]
/// assert_eq!(trace_axes(&a, 0, 1, 2)?.to_vec(), vec![15, 51]);
/// // the diagonal above the main one of a[0]
/// assert_eq!(trace_axes(&a.slice(oxarray_core::s![0, .., ..])?, 1, 0, 1)?.item()?, 1 + 6 + 11);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn trace_axes<T: LinalgScalar>(
    a: &impl AsArrayView<T>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> Result<Array<T>> {
    let diag = diagonal(a.as_view(), offset, axis1, axis2)?;
    let last = diag.ndim() - 1;
    T::sum_axes(&diag, &[last])
}
