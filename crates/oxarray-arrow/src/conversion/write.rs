//! Writing an oxarray array as a column's `ArrayData`: 1-D as the primitive (or boolean)
//! array, n-d as `FixedSizeList`s over the C-order elements, a mask as the row nulls.

use std::sync::Arc;

use arrow_buffer::{BooleanBuffer, NullBuffer};
use arrow_data::ArrayData;
use arrow_schema::{DataType, Field};
use oxarray_core::{Array, DynArray};

use super::leaf::write_leaf;
use crate::error::{Column, Error, Result};

/// How the axes after the first become list levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nesting {
    /// One `FixedSizeList` level per axis: the shape survives without metadata.
    PerAxis,
    /// One level holding each row's elements (the storage of a tensor extension).
    Flat,
}

/// The column of `array`, one row per index of its first axis, and whether a copy was made.
/// `mask` (`true` = null, NumPy's masked-array convention) becomes the null buffer of the rows.
pub(crate) fn write_column(
    array: &DynArray,
    mask: Option<&Array<bool>>,
    nesting: Nesting,
    column: &Column,
) -> Result<(ArrayData, bool)> {
    let shape = array.shape().to_vec();
    let Some((&rows, row_shape)) = shape.split_first() else {
        return Err(Error::ShapeMismatch {
            column: column.clone(),
            expected: vec![1],
            got: shape.clone(),
            what: "a column needs at least one axis, its rows (a 0-d array has none)".into(),
        });
    };
    let nulls = match mask {
        None => None,
        Some(m) => {
            if m.shape() != [rows] {
                return Err(Error::ShapeMismatch {
                    column: column.clone(),
                    expected: vec![rows],
                    got: m.shape().to_vec(),
                    what: "the null mask against the rows of the array".into(),
                });
            }
            let valid: BooleanBuffer = m.iter().map(|&null| !null).collect();
            Some(NullBuffer::new(valid))
        }
    };
    let (leaf, copied) = write_leaf(array, column)?;
    let sizes: Vec<usize> = match nesting {
        Nesting::PerAxis => row_shape.to_vec(),
        Nesting::Flat if row_shape.is_empty() => Vec::new(),
        Nesting::Flat => vec![row_shape.iter().product()],
    };
    let mut data = leaf;
    for (level, &size) in sizes.iter().enumerate().rev() {
        let count = rows * sizes[..level].iter().product::<usize>();
        let list_size = i32::try_from(size).map_err(|_| Error::ShapeMismatch {
            column: column.clone(),
            expected: vec![i32::MAX as usize],
            got: vec![size],
            what: "an Arrow list size is an i32".into(),
        })?;
        let item = Arc::new(Field::new_list_field(data.data_type().clone(), true));
        data = ArrayData::builder(DataType::FixedSizeList(item, list_size))
            .len(count)
            .add_child_data(data)
            .build()
            .map_err(|e| Error::arrow(format!("build the list level {level} of {column}"), e))?;
    }
    if nulls.is_some() {
        data = data
            .into_builder()
            .nulls(nulls)
            .build()
            .map_err(|e| Error::arrow(format!("attach the nulls of {column}"), e))?;
    }
    Ok((data, copied))
}
