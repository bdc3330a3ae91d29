//! Index grids and index arrays along axes: NumPy's `meshgrid`, `indices`, `ix_`,
//! `take_along_axis`, `put_along_axis`.

use crate::array::{Array, ArrayView, AsArrayView};
use crate::element::Element;
use crate::elementwise::WriteArray;
use crate::error::{Error, Result};
use crate::index::IndexArg;
use crate::layout::normalize_axis;

/// `meshgrid`'s `indexing`: Cartesian (`xy`, NumPy's default: the first two output axes
/// swapped) or matrix (`ij`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Indexing {
    /// `indexing='xy'`.
    #[default]
    Xy,
    /// `indexing='ij'`.
    Ij,
}

/// NumPy's `meshgrid(*xi, indexing, sparse)`: coordinate arrays from the (flattened) vectors
/// `xi`. Dense grids are copies (NumPy's `copy=True`); sparse ones have length 1 on every axis
/// but their own.
///
/// ```
/// use oxarray_core::{array, grids::{meshgrid, Indexing}};
/// let (x, y) = (array![1, 2, 3], array![10, 20]);
/// let g = meshgrid(&[&x, &y], Indexing::Xy, false)?;
/// assert_eq!(g[0].shape(), &[2, 3]);
/// assert_eq!(g[1].to_vec(), vec![10, 10, 10, 20, 20, 20]);
/// let s = meshgrid(&[&x, &y], Indexing::Ij, true)?;
/// assert_eq!((s[0].shape(), s[1].shape()), (&[3usize, 1][..], &[1usize, 2][..]));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// None today beyond allocation ([`Error::SizeOverflow`]).
pub fn meshgrid<T: Element, A: AsArrayView<T>>(
    xi: &[A],
    indexing: Indexing,
    sparse: bool,
) -> Result<Vec<Array<T>>> {
    let n = xi.len();
    let flats: Vec<Array<T>> = xi.iter().map(|x| x.as_view().flatten()).collect();
    let mut lens: Vec<usize> = flats.iter().map(|f| f.len()).collect();
    let swap = indexing == Indexing::Xy && n > 1;
    if swap {
        lens.swap(0, 1);
    }
    flats
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let mut axis = i;
            if swap && i < 2 {
                axis = 1 - i;
            }
            let mut shape = vec![1usize; n];
            shape[axis] = f.len();
            let s = f.into_shape(&shape[..])?;
            if sparse {
                Ok(s)
            } else {
                Ok(s.view().into_broadcast_to(&lens[..])?.to_owned())
            }
        })
        .collect()
}

/// NumPy's `indices(dimensions)`: an array of shape `(len(dimensions), *dimensions)` whose
/// `k`-th sub-array holds the index along axis `k` at every position.
///
/// ```
/// use oxarray_core::grids::indices;
/// let g = indices(&[2, 3])?;
/// assert_eq!(g.shape(), &[2, 2, 3]);
/// assert_eq!(g.to_vec(), vec![0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::SizeOverflow`] for a too large shape.
pub fn indices(dimensions: &[usize]) -> Result<Array<i64>> {
    let mut shape = vec![dimensions.len()];
    shape.extend_from_slice(dimensions);
    Array::from_shape_fn(&shape[..], |i| i[1 + i[0]] as i64)
}

/// NumPy's `indices(dimensions, sparse=True)`: one array per axis, of length
/// `dimensions[k]` on axis `k` and 1 elsewhere.
///
/// ```
/// use oxarray_core::grids::indices_sparse;
/// let g = indices_sparse(&[2, 3])?;
/// assert_eq!((g[0].shape(), g[1].shape()), (&[2usize, 1][..], &[1usize, 3][..]));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::SizeOverflow`] for a too large shape.
pub fn indices_sparse(dimensions: &[usize]) -> Result<Vec<Array<i64>>> {
    let n = dimensions.len();
    (0..n)
        .map(|k| {
            let mut shape = vec![1usize; n];
            shape[k] = dimensions[k];
            Array::from_shape_fn(&shape[..], |i| i[k] as i64)
        })
        .collect()
}

/// NumPy's `ix_(*args)`: the 1-D index arrays reshaped (views) so that together they index
/// the cross product: argument `k` gets shape `(1, ..., n_k, ..., 1)`.
///
/// ```
/// use oxarray_core::{array, grids::ix_};
/// let (r, c) = (array![0i64, 1], array![2i64, 4]);
/// let args = [&r, &c];
/// let ix = ix_(&args)?; // views of r and c
/// assert_eq!((ix[0].shape(), ix[1].shape()), (&[2usize, 1][..], &[1usize, 2][..]));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongNdim`] when an argument is not 1-D.
pub fn ix_<'a, T: Element, A: AsArrayView<T>>(args: &'a [A]) -> Result<Vec<ArrayView<'a, T>>> {
    let n = args.len();
    args.iter()
        .enumerate()
        .map(|(k, a)| {
            let v = a.as_view();
            if v.ndim() != 1 {
                return Err(Error::WrongNdim {
                    op: "ix_",
                    operand: k,
                    shape: v.shape().to_vec(),
                    expected: "1-D (cross index must be 1 dimensional)",
                });
            }
            let axes: Vec<isize> = (0..n as isize).filter(|&d| d != k as isize).collect();
            v.into_expand_dims(&axes)
        })
        .collect()
}

/// The index arrays `arr[aranges..., indices, aranges...]` of NumPy's along-axis functions.
fn along_axis_grid(
    op: &'static str,
    arr_shape: &[usize],
    indices: &ArrayView<'_, i64>,
    axis: usize,
) -> Result<Vec<Array<i64>>> {
    let ndim = arr_shape.len();
    if indices.ndim() != ndim {
        return Err(Error::WrongNdim {
            op,
            operand: 1,
            shape: indices.shape().to_vec(),
            expected: "of the same number of dimensions as `arr`",
        });
    }
    (0..ndim)
        .map(|d| {
            if d == axis {
                Ok(indices.to_owned())
            } else {
                let mut shape = vec![1usize; ndim];
                shape[d] = arr_shape[d];
                Array::from_shape_fn(&shape[..], |i| i[d] as i64)
            }
        })
        .collect()
}

/// NumPy's `take_along_axis(arr, indices, axis)`: `arr` indexed along `axis` by `indices`
/// (of the same number of dimensions, the other axes broadcasting), as the index arrays of
/// `argsort` or `argpartition` are used. With `axis = None`, `arr` is flattened and `indices`
/// must be 1-D.
///
/// ```
/// use oxarray_core::{array, grids::take_along_axis};
/// let a = array![[10, 30, 20], [60, 40, 50]];
/// let order = array![[0i64, 2, 1], [1, 2, 0]];
/// assert_eq!(take_along_axis(&a, &order, Some(1))?.to_vec(), vec![10, 20, 30, 40, 50, 60]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongNdim`] when `indices` has another number of dimensions;
/// [`Error::IndexOutOfBounds`]; [`Error::IndexShapeMismatch`] when the shapes do not
/// broadcast; [`Error::AxisOutOfBounds`].
pub fn take_along_axis<T: Element>(
    arr: &impl AsArrayView<T>,
    indices: &impl AsArrayView<i64>,
    axis: Option<isize>,
) -> Result<Array<T>> {
    let v = arr.as_view();
    let idx = indices.as_view();
    let flat;
    let (v, axis) = match axis {
        Some(ax) => {
            let ax = normalize_axis(ax, v.ndim())?;
            (v, ax)
        }
        None => {
            flat = v.ravel();
            (flat.view(), 0)
        }
    };
    let grid = along_axis_grid("take_along_axis", v.shape(), &idx, axis)?;
    let args: Vec<IndexArg<'_>> = grid.iter().map(IndexArg::from).collect();
    v.index(args)
}

/// NumPy's `put_along_axis(arr, indices, values, axis)`: writes `values` (broadcast) into
/// `arr` at `indices` along `axis`. The destination comes first, as in NumPy.
///
/// ```
/// use oxarray_core::{array, grids::put_along_axis};
/// let mut a = array![[10, 30, 20], [60, 40, 50]];
/// let at = array![[1i64], [0]];
/// put_along_axis(&mut a, &at, 0, Some(1))?;
/// assert_eq!(a.to_vec(), vec![10, 0, 20, 0, 40, 50]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// As [`take_along_axis`]; [`Error::BroadcastTo`] when `values` does not broadcast.
pub fn put_along_axis<T: Element>(
    arr: &mut impl WriteArray<T>,
    indices: &impl AsArrayView<i64>,
    values: impl AsArrayView<T>,
    axis: Option<isize>,
) -> Result<()> {
    let mut dst = arr.write_view();
    let idx = indices.as_view();
    let values = values.as_view();
    match axis {
        Some(ax) => {
            let ax = normalize_axis(ax, dst.ndim())?;
            let grid = along_axis_grid("put_along_axis", dst.shape(), &idx, ax)?;
            let args: Vec<IndexArg<'_>> = grid.iter().map(IndexArg::from).collect();
            dst.index_assign(args, &values)
        }
        None => {
            let n = dst.len();
            let grid = along_axis_grid("put_along_axis", &[n], &idx, 0)?;
            let args: Vec<IndexArg<'_>> = grid.iter().map(IndexArg::from).collect();
            // The flat positions of a possibly strided destination, through a 1-D view when
            // one exists, else through a C-order copy written back.
            match dst.reborrow().into_reshape([n]) {
                Ok(mut flat) => flat.index_assign(args, &values),
                Err(_) => {
                    let mut copy =
                        Array::from_view_in_order(&dst.view(), crate::Order::C).into_shape([n])?;
                    copy.index_assign(args, &values)?;
                    let back = copy.into_shape(dst.shape())?;
                    dst.assign(&back)
                }
            }
        }
    }
}
