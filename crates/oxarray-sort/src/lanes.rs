//! The one layout step of every function that works along an axis: copy the input so that the
//! axis is last and contiguous (rows of length `n` in C order), work on the rows, and give the
//! result back the input's axis order. `axis = None` flattens (C order), as NumPy's.

use oxarray_core::{Array, ArrayView, Element, Order, normalize_axis};

use crate::Result;

/// An input laid out as rows along the working axis.
#[derive(Debug)]
pub(crate) struct Lanes<T> {
    /// The elements, the working axis last.
    pub data: Vec<T>,
    /// The shape of `data` (the working axis last).
    pub shape: Vec<usize>,
    /// The working axis in the result (normalised).
    pub axis: usize,
    /// The length of a row.
    pub n: usize,
}

impl<T: Element> Lanes<T> {
    /// Lays `v` out along `axis` (`None`: flattened).
    pub(crate) fn new(v: &ArrayView<'_, T>, axis: Option<isize>) -> Result<Self> {
        match axis {
            None => {
                let data = v.to_vec();
                let n = data.len();
                Ok(Self {
                    data,
                    shape: vec![n],
                    axis: 0,
                    n,
                })
            }
            Some(a) => {
                let axis = normalize_axis(a, v.ndim())?;
                let moved = v.clone().into_moveaxis(axis as isize, -1)?;
                let data = match moved.to_slice() {
                    Some(s) => s.to_vec(),
                    None => moved.to_vec(),
                };
                Ok(Self {
                    data,
                    shape: moved.shape().to_vec(),
                    axis,
                    n: v.shape()[axis],
                })
            }
        }
    }

    /// `data` (rows of `row_len`, possibly a new length) put back in the input's axis order.
    pub(crate) fn restore<U: Element>(&self, data: Vec<U>, row_len: usize) -> Result<Array<U>> {
        let mut shape = self.shape.clone();
        let last = shape.len() - 1;
        shape[last] = row_len;
        let arr = Array::from_vec(data, shape)?;
        if self.axis == last {
            return Ok(arr);
        }
        let view = arr.view().into_moveaxis(-1, self.axis as isize)?;
        Ok(Array::from_view_in_order(&view, Order::C))
    }
}
