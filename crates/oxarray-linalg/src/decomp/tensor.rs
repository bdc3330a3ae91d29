//! `tensorsolve` and `tensorinv`: `solve` and `inv` of tensors reshaped into matrices.

use oxarray_core::{Array, AsArrayView, Error, Result, normalize_axis};

use crate::decomp::float::{LinalgInput, check_supported};
use crate::decomp::lu::{inv, solve};

/// NumPy's `linalg.tensorsolve(a, b, axes=None)`: the tensor `x` with `tensordot(a, x,
/// x.ndim) == b`. `a` has shape `b.shape + Q` with `prod(Q) == prod(b.shape)`; `x` has shape
/// `Q`. `axes` names axes of `a` to move to the end first (in that order).
///
/// # Errors
/// [`Error::IncompatibleShapes`] when `a` is not "square" in that sense,
/// [`Error::SingularMatrix`], axis errors.
///
/// ```
/// use oxarray_core::Array;
/// use oxarray_linalg::tensorsolve;
///
/// let a = Array::<f64>::eye(6)?.into_shape([6, 2, 3])?;
/// let b = Array::<f64>::from_shape_fn([6], |i| i[0] as f64)?;
/// let x = tensorsolve(&a, &b, None)?;
/// assert_eq!(x.shape(), &[2, 3]);
/// assert_eq!(x.to_vec(), b.to_vec());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn tensorsolve<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
) -> Result<Array<T::Float>> {
    check_supported::<T>("tensorsolve")?;
    let (mut a, b) = (a.as_view(), b.as_view());
    let an = a.ndim();
    if let Some(axes) = axes {
        let mut order: Vec<usize> = (0..an).collect();
        for &k in axes {
            let k = normalize_axis(k, an)?;
            order.retain(|&x| x != k);
            order.push(k);
        }
        let order: Vec<isize> = order.into_iter().map(|x| x as isize).collect();
        a = a.into_permuted(&order)?;
    }
    let split = if an > b.ndim() { b.ndim() } else { 0 };
    let old_shape = a.shape()[split..].to_vec();
    let prod: usize = old_shape.iter().product();
    if a.len() != prod * prod {
        return Err(Error::IncompatibleShapes {
            op: "tensorsolve",
            a: a.shape().to_vec(),
            b: b.shape().to_vec(),
            reason: "prod(a.shape[b.ndim:]) must equal prod(a.shape[:b.ndim])",
        });
    }
    let matrix = a.reshape([prod, prod])?;
    let rhs = b.reshape([b.len()])?;
    solve(&matrix.view(), &rhs.view())?.into_shape(old_shape)
}

/// NumPy's `linalg.tensorinv(a, ind=2)`: the inverse of `a` seen as a matrix whose rows are
/// the first `ind` axes, reshaped to `a.shape[ind:] + a.shape[:ind]`, so that
/// `tensordot(tensorinv(a), b, ind)` solves `tensordot(a, x, a.ndim - ind) = b`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `ind == 0`, [`Error::NotSquare`] when the two products
/// differ, [`Error::SingularMatrix`].
///
/// ```
/// use oxarray_core::Array;
/// use oxarray_linalg::tensorinv;
///
/// let a = Array::<f64>::eye(24)?.into_shape([4, 6, 8, 3])?;
/// assert_eq!(tensorinv(&a, 2)?.shape(), &[8, 3, 4, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn tensorinv<T: LinalgInput>(a: &impl AsArrayView<T>, ind: usize) -> Result<Array<T::Float>> {
    check_supported::<T>("tensorinv")?;
    let a = a.as_view();
    if ind == 0 || ind > a.ndim() {
        return Err(Error::invalid_argument(
            "ind",
            ind,
            format!(
                "invalid ind argument for an array of {} dimensions",
                a.ndim()
            ),
        ));
    }
    let shape = a.shape();
    let inv_shape: Vec<usize> = shape[ind..].iter().chain(&shape[..ind]).copied().collect();
    let prod: usize = shape[ind..].iter().product();
    let rows = a.len().checked_div(prod).unwrap_or(0);
    // NumPy reshapes to (prod(a.shape[ind:]), -1); `inv` refuses it unless square.
    let matrix = a.reshape([prod, rows])?;
    inv(&matrix.view())?.into_shape(inv_shape)
}
