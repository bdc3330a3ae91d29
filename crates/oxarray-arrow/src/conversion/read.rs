//! Reading a column's `ArrayData` into an oxarray array: primitives and booleans as 1-D
//! arrays, (nested) `FixedSizeList`s as n-d arrays, the nulls of the rows as the options say.

use arrow_buffer::NullBuffer;
use arrow_data::ArrayData;
use arrow_schema::DataType;
use oxarray_core::{Array, DType, DynArray, Element, Scalar, dispatch_dyn};

use super::leaf::{complex_of_part, dtype_of_primitive, read_leaf};
use super::{FromArrowOptions, Masked, Nulls};
use crate::error::{Column, Error, Result};

/// The layers of a column: the rows, the list sizes of the nested `FixedSizeList`s, and the
/// leaf with the logical index of the column's first leaf element.
pub(crate) struct Layers<'a> {
    /// The number of rows.
    pub rows: usize,
    /// The list size of each `FixedSizeList` level, outermost first (empty for a primitive).
    pub sizes: Vec<usize>,
    /// The innermost array (for a complex column: the float parts).
    pub leaf: &'a ArrayData,
    /// The logical index in `leaf` of the first element of row 0.
    pub leaf_start: usize,
    /// The element dtype.
    pub dtype: DType,
}

/// Walks the `FixedSizeList` levels of `data` down to its leaf. With `complex`, an innermost
/// `FixedSizeList<float, 2>` is one complex element instead of a last axis of length 2.
/// Nulls inside the lists (below the rows) are refused.
pub(crate) fn peel<'a>(data: &'a ArrayData, complex: bool, column: &Column) -> Result<Layers<'a>> {
    let mut node = data;
    let mut count = data.len();
    let mut start = 0usize;
    let mut sizes = Vec::new();
    loop {
        // The rows' own nulls are the options' business; nulls below them are refused.
        if !sizes.is_empty() {
            refuse_nulls(node, start, count, column)?;
        }
        match node.data_type() {
            DataType::FixedSizeList(item, size) => {
                let size = usize::try_from(*size).map_err(|_| {
                    Error::arrow_type(column, data.data_type(), "negative list size")
                })?;
                let Some(child) = node.child_data().first() else {
                    return Err(Error::arrow_type(
                        column,
                        data.data_type(),
                        "list without values",
                    ));
                };
                let physical = node.offset() + start;
                if complex
                    && size == 2
                    && let Some(dtype) = complex_of_part(item.data_type())
                {
                    refuse_nulls(child, physical * 2, count * 2, column)?;
                    return Ok(Layers {
                        rows: data.len(),
                        sizes,
                        leaf: child,
                        leaf_start: physical * 2,
                        dtype,
                    });
                }
                sizes.push(size);
                start = physical * size;
                count *= size;
                node = child;
            }
            other => {
                let Some(dtype) = dtype_of_primitive(other) else {
                    return Err(Error::arrow_type(
                        column,
                        data.data_type(),
                        format!(
                            "its values of type {other} have no oxarray dtype (booleans, integers, \
                             floats, fixed-size lists of them and tensor extensions do)"
                        ),
                    ));
                };
                return Ok(Layers {
                    rows: data.len(),
                    sizes,
                    leaf: node,
                    leaf_start: start,
                    dtype,
                });
            }
        }
    }
}

/// An error when `data` has a null among its logical elements `start..start + count`.
pub(crate) fn refuse_nulls(
    data: &ArrayData,
    start: usize,
    count: usize,
    column: &Column,
) -> Result<()> {
    if let Some(nulls) = data.nulls() {
        let range = start..(start + count).min(nulls.len());
        if let Some(first) = range.clone().find(|&i| nulls.is_null(i)) {
            return Err(Error::Nulls {
                column: column.clone(),
                data_type: data.data_type().clone(),
                first_null: first,
                null_count: range.filter(|&i| nulls.is_null(i)).count(),
            });
        }
    }
    Ok(())
}

/// Reads a whole column. `row_shape` replaces the list sizes (a tensor's shape, whose product
/// must be the list size); `complex` reads pair lists as complex numbers.
pub(crate) fn read_column(
    data: &ArrayData,
    complex: bool,
    row_shape: Option<&[usize]>,
    options: &FromArrowOptions,
) -> Result<Masked> {
    let column = &options.column;
    let layers = peel(data, complex, column)?;
    let mut shape = vec![layers.rows];
    match row_shape {
        Some(row) => {
            let per_row: usize = layers.sizes.iter().product();
            if row.iter().product::<usize>() != per_row {
                return Err(Error::ShapeMismatch {
                    column: column.clone(),
                    expected: vec![per_row],
                    got: row.to_vec(),
                    what: "the tensor shape against the list size of the column".into(),
                });
            }
            shape.extend_from_slice(row);
        }
        None => shape.extend_from_slice(&layers.sizes),
    }
    let (values, copied) = read_leaf(layers.leaf, layers.dtype, layers.leaf_start, &shape, column)?;
    apply_nulls(values, copied, data, options)
}

/// Applies the options to the row nulls of `data` over `values` (one row of `values` per row).
fn apply_nulls(
    values: DynArray,
    copied: bool,
    data: &ArrayData,
    options: &FromArrowOptions,
) -> Result<Masked> {
    let nulls = data.nulls().filter(|n| n.null_count() > 0);
    let Some(nulls) = nulls else {
        return Ok(Masked {
            values,
            mask: None,
            copied,
        });
    };
    match &options.nulls {
        Nulls::Refuse => Err(Error::Nulls {
            column: options.column.clone(),
            data_type: data.data_type().clone(),
            first_null: nulls.iter().position(|valid| !valid).unwrap_or(0),
            null_count: nulls.null_count(),
        }),
        Nulls::Mask => Ok(Masked {
            values,
            mask: Some(mask_of(nulls)?),
            copied,
        }),
        Nulls::Fill(fill) => Ok(Masked {
            values: fill_rows(&values, nulls, *fill)?,
            mask: None,
            copied: true,
        }),
    }
}

/// NumPy's masked-array convention: `true` where the row is null.
fn mask_of(nulls: &NullBuffer) -> Result<Array<bool>> {
    Ok(Array::from_vec(
        nulls.iter().map(|valid| !valid).collect(),
        [nulls.len()],
    )?)
}

/// A copy of `values` with every element of the null rows set to `fill` (cast with `astype`
/// semantics).
fn fill_rows(values: &DynArray, nulls: &NullBuffer, fill: Scalar) -> Result<DynArray> {
    fn fill_typed<T: Element>(a: &Array<T>, nulls: &NullBuffer, fill: Scalar) -> Result<DynArray> {
        let mut data = a.to_vec();
        let row = if nulls.is_empty() {
            0
        } else {
            data.len() / nulls.len()
        };
        let value = T::from_scalar(fill);
        for (i, valid) in nulls.iter().enumerate() {
            if !valid {
                data[i * row..(i + 1) * row].fill(value);
            }
        }
        Ok(Array::from_vec(data, a.shape())?.into_dyn())
    }
    dispatch_dyn!(values, a: T => fill_typed::<T>(a, nulls, fill))
}
