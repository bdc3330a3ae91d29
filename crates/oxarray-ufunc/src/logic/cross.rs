//! `np.cross`: the cross product of (arrays of) 2- and 3-vectors, computed component by
//! component with the engine's `multiply`, `subtract` and `negative`, in NumPy's order of
//! operations (so that signed zeros and NaNs come out as NumPy's).

use oxarray_core::elementwise::ops::{self, BinaryOp, UnaryOp};
use oxarray_core::elementwise::{binary, binary_inplace, binary_into, unary_inplace};
use oxarray_core::{
    Array, ArrayView, ArrayViewMut, AsArrayView, Element, Error, Result, SliceArg,
    broadcast_shapes, normalize_axis,
};

/// `np.cross(a, b, axisa, axisb, axisc, axis)`: the cross product of the vectors along
/// `axisa` of `a` and `axisb` of `b` (default: the last axes), broadcast over the other axes.
/// Vectors have 2 or 3 components; a 2-vector has an implicit zero third component. With two
/// 3-vectors (or a 2- and a 3-vector) the result has the 3 components along `axisc` (default
/// last); with two 2-vectors it is the z component alone, and `axisc` is ignored. `axis`, when
/// given, overrides all three (NumPy's rule).
///
/// The result is C-contiguous in its final shape (NumPy returns a transposed view when `axisc`
/// is not the last axis; the values are the same).
///
/// Errors: a 0-d operand ([`Error::WrongNdim`]), an axis out of range
/// ([`Error::AxisOutOfBounds`]), a vector length other than 2 or 3
/// ([`Error::IncompatibleShapes`]), operands that do not broadcast.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::cross;
/// let x = array![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]];
/// let y = array![0.0, 1.0, 0.0];
/// let z = cross(&x, &y, -1, -1, -1, None)?;
/// assert_eq!(z.to_vec(), vec![0.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
/// assert_eq!(cross(&array![1, 2], &array![3, 4], -1, -1, -1, None)?.item()?, -2);
/// // vectors along axis 0 (columns), results along axis 0
/// let c = cross(&x.t(), &y, 0, -1, 0, None)?;
/// assert_eq!(c.shape(), &[3, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cross<T: Element>(
    a: impl AsArrayView<T>,
    b: impl AsArrayView<T>,
    axisa: isize,
    axisb: isize,
    axisc: isize,
    axis: Option<isize>,
) -> Result<Array<T>>
where
    ops::Multiply: BinaryOp<T, Output = T>,
    ops::Subtract: BinaryOp<T, Output = T>,
    ops::Negative: UnaryOp<T, Output = T>,
{
    let (axisa, axisb, axisc) = axis.map_or((axisa, axisb, axisc), |x| (x, x, x));
    let (a, b) = (a.as_view(), b.as_view());
    for (operand, v) in [&a, &b].into_iter().enumerate() {
        if v.ndim() == 0 {
            return Err(Error::WrongNdim {
                op: "cross",
                operand,
                shape: v.shape().to_vec(),
                expected: "at least 1-D",
            });
        }
    }
    let axisa = normalize_axis(axisa, a.ndim())? as isize;
    let axisb = normalize_axis(axisb, b.ndim())? as isize;
    let (a, b) = (a.into_moveaxis(axisa, -1)?, b.into_moveaxis(axisb, -1)?);
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if !matches!(na, 2 | 3) || !matches!(nb, 2 | 3) {
        return Err(Error::IncompatibleShapes {
            op: "cross",
            a: a.shape().to_vec(),
            b: b.shape().to_vec(),
            reason: "the vector axes (moved last here) must have length 2 or 3",
        });
    }
    let batch = broadcast_shapes(&[&a.shape()[..a.ndim() - 1], &b.shape()[..b.ndim() - 1]])?;
    let a: Vec<ArrayView<'_, T>> = (0..na).map(|k| component(&a, k)).collect::<Result<_>>()?;
    let b: Vec<ArrayView<'_, T>> = (0..nb).map(|k| component(&b, k)).collect::<Result<_>>()?;
    if na == 2 && nb == 2 {
        // NumPy: `multiply(a0, b1, out=cp); cp -= a1 * b0`.
        let mut cp = binary(ops::Multiply, &a[0], &b[1])?;
        binary_inplace(
            ops::Subtract,
            &mut cp,
            binary(ops::Multiply, &a[1], &b[0])?,
            None,
        )?;
        return Ok(cp);
    }
    let axisc = normalize_axis(axisc, batch.len() + 1)?;
    let mut shape = batch;
    shape.insert(axisc, 3);
    let mut cp = Array::<T>::zeros(shape)?;
    let mut c = cp.view_mut().into_moveaxis(axisc as isize, -1)?;
    // NumPy's order of operations for each case (`numeric.py`), a missing third component
    // being zero.
    match (na, nb) {
        (3, 3) => {
            products(
                &mut component_mut(&mut c, 0)?,
                (&a[1], &b[2]),
                Some((&a[2], &b[1])),
            )?;
            products(
                &mut component_mut(&mut c, 1)?,
                (&a[2], &b[0]),
                Some((&a[0], &b[2])),
            )?;
        }
        (2, _) => {
            products(&mut component_mut(&mut c, 0)?, (&a[1], &b[2]), None)?;
            let mut c1 = component_mut(&mut c, 1)?;
            products(&mut c1, (&a[0], &b[2]), None)?;
            unary_inplace(ops::Negative, &mut c1, None)?;
        }
        _ => {
            let mut c0 = component_mut(&mut c, 0)?;
            products(&mut c0, (&a[2], &b[1]), None)?;
            unary_inplace(ops::Negative, &mut c0, None)?;
            products(&mut component_mut(&mut c, 1)?, (&a[2], &b[0]), None)?;
        }
    }
    products(
        &mut component_mut(&mut c, 2)?,
        (&a[0], &b[1]),
        Some((&a[1], &b[0])),
    )?;
    Ok(cp)
}

type Pair<'v, 'a, T> = (&'v ArrayView<'a, T>, &'v ArrayView<'a, T>);

/// `out = x * y`, then `out -= u * v` when the second pair is given.
fn products<T: Element>(
    out: &mut ArrayViewMut<'_, T>,
    (x, y): Pair<'_, '_, T>,
    minus: Option<Pair<'_, '_, T>>,
) -> Result<()>
where
    ops::Multiply: BinaryOp<T, Output = T>,
    ops::Subtract: BinaryOp<T, Output = T>,
{
    binary_into(ops::Multiply, x, y, None, out)?;
    if let Some((u, v)) = minus {
        binary_inplace(ops::Subtract, out, binary(ops::Multiply, u, v)?, None)?;
    }
    Ok(())
}

/// `v[..., k]`.
fn component<'a, T: Element>(v: &ArrayView<'a, T>, k: usize) -> Result<ArrayView<'a, T>> {
    v.clone()
        .into_slice([SliceArg::Ellipsis, SliceArg::Index(k as isize)])
}

/// `c[..., k]`, mutably.
fn component_mut<'s, T: Element>(
    c: &'s mut ArrayViewMut<'_, T>,
    k: usize,
) -> Result<ArrayViewMut<'s, T>> {
    c.slice_mut([SliceArg::Ellipsis, SliceArg::Index(k as isize)])
}
