//! Broadcasting several arrays against each other.

use crate::array::{ArrayView, AsArrayView};
use crate::element::Element;
use crate::error::Result;
use crate::layout::broadcast_shapes;

/// Views of all inputs broadcast to their common shape (NumPy's `broadcast_arrays`). The views
/// are read-only: stretched axes have stride zero.
///
/// ```
/// use oxarray_core::{array, broadcast_arrays};
/// let a = array![[1], [2], [3]];
/// let b = array![10, 20];
/// let v = broadcast_arrays(&[a.view(), b.view()]).unwrap();
/// assert_eq!(v[0].shape(), &[3, 2]);
/// assert_eq!(v[1].strides(), &[0, 1]);
/// ```
pub fn broadcast_arrays<'a, T: Element>(
    arrays: &[ArrayView<'a, T>],
) -> Result<Vec<ArrayView<'a, T>>> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = broadcast_shapes(&shapes)?;
    arrays
        .iter()
        .map(|a| a.clone().into_broadcast_to(&shape[..]))
        .collect()
}

/// NumPy's `broadcast_to(a, shape)` as a free function.
pub fn broadcast_to<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    shape: &[usize],
) -> Result<ArrayView<'a, T>> {
    a.as_view().into_broadcast_to(shape)
}
