//! The leaves of every column: one dtype table between oxarray and Arrow, and the reading and
//! writing of a run of leaf values (a primitive buffer, a bit-packed boolean buffer, or the
//! `FixedSizeList<2>` of floats that stands for a complex number).

use arrow_buffer::{BooleanBuffer, Buffer};
use arrow_data::ArrayData;
use arrow_schema::{DataType, Field};
use oxarray_core::{Array, DType, DynArray, dispatch_dtype, dispatch_dyn};
use std::sync::Arc;

use super::owner::{array_on_buffer, buffer_of_array};
use crate::error::{Column, Error, Result};

/// The Arrow type of one element of `dtype`: the primitive of the same width, `Boolean`
/// for bool, and `FixedSizeList<float, 2>` (real, imaginary) for the complex types, which
/// Arrow has no primitive for. `bfloat16` has no Arrow type: an error naming the column.
///
/// ```
/// use arrow_schema::DataType;
/// use oxarray_arrow::{arrow_type_of, Column};
/// use oxarray_core::DType;
/// assert_eq!(arrow_type_of(DType::F16, &Column::unnamed())?, DataType::Float16);
/// assert!(matches!(arrow_type_of(DType::C64, &Column::unnamed())?, DataType::FixedSizeList(_, 2)));
/// assert!(arrow_type_of(DType::BF16, &Column::named("w")).is_err());
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn arrow_type_of(dtype: DType, column: &Column) -> Result<DataType> {
    Ok(match dtype {
        DType::Bool => DataType::Boolean,
        DType::I8 => DataType::Int8,
        DType::I16 => DataType::Int16,
        DType::I32 => DataType::Int32,
        DType::I64 => DataType::Int64,
        DType::U8 => DataType::UInt8,
        DType::U16 => DataType::UInt16,
        DType::U32 => DataType::UInt32,
        DType::U64 => DataType::UInt64,
        DType::F16 => DataType::Float16,
        DType::F32 => DataType::Float32,
        DType::F64 => DataType::Float64,
        DType::C64 => complex_type(DataType::Float32),
        DType::C128 => complex_type(DataType::Float64),
        other => {
            return Err(Error::UnsupportedDType {
                column: column.clone(),
                dtype: other,
                reason: "Arrow has no bfloat16 type; cast to float32 (astype) first".into(),
            });
        }
    })
}

/// The field name of the two parts of a complex element.
pub(crate) const COMPLEX_ITEM: &str = "item";

fn complex_type(part: DataType) -> DataType {
    DataType::FixedSizeList(Arc::new(Field::new(COMPLEX_ITEM, part, true)), 2)
}

/// The dtype whose elements have Arrow type `data_type` when it is a scalar type (not a
/// complex pair, which needs the column's metadata to be told from a 2-vector).
pub(crate) fn dtype_of_primitive(data_type: &DataType) -> Option<DType> {
    Some(match data_type {
        DataType::Boolean => DType::Bool,
        DataType::Int8 => DType::I8,
        DataType::Int16 => DType::I16,
        DataType::Int32 => DType::I32,
        DataType::Int64 => DType::I64,
        DataType::UInt8 => DType::U8,
        DataType::UInt16 => DType::U16,
        DataType::UInt32 => DType::U32,
        DataType::UInt64 => DType::U64,
        DataType::Float16 => DType::F16,
        DataType::Float32 => DType::F32,
        DataType::Float64 => DType::F64,
        _ => return None,
    })
}

/// The complex dtype whose two parts have Arrow type `part`.
pub(crate) fn complex_of_part(part: &DataType) -> Option<DType> {
    match part {
        DataType::Float32 => Some(DType::C64),
        DataType::Float64 => Some(DType::C128),
        _ => None,
    }
}

/// Reads `shape` (C order) elements of `dtype` starting at logical element `start` of
/// `leaf`, the innermost array of a column (the leaf's own offset is added here). For a
/// complex dtype `leaf` is the float child of the pair list and `start` counts floats.
/// Zero-copy for aligned numeric data; bools are unpacked from Arrow's bits (a copy).
/// Nulls are the caller's business (see `read::refuse_nulls`).
pub(crate) fn read_leaf(
    leaf: &ArrayData,
    dtype: DType,
    start: usize,
    shape: &[usize],
    column: &Column,
) -> Result<(DynArray, bool)> {
    let count: usize = shape.iter().product::<usize>() * if dtype.is_complex() { 2 } else { 1 };
    if start + count > leaf.len() {
        return Err(Error::arrow_type(
            column,
            leaf.data_type(),
            format!(
                "{} values are needed from {start}, the array has {}",
                count,
                leaf.len()
            ),
        ));
    }
    let physical = leaf.offset() + start;
    let Some(values) = leaf.buffers().first() else {
        return Err(Error::arrow_type(
            column,
            leaf.data_type(),
            "the array has no value buffer",
        ));
    };
    if dtype == DType::Bool {
        if (physical + count).div_ceil(8) > values.len() {
            return Err(Error::arrow_type(
                column,
                leaf.data_type(),
                "the bit buffer is too short",
            ));
        }
        let bits = BooleanBuffer::new(values.clone(), physical, count);
        return Ok((
            Array::from_vec(bits.iter().collect(), shape)?.into_dyn(),
            true,
        ));
    }
    let itemsize = if dtype.is_complex() {
        dtype.itemsize() / 2
    } else {
        dtype.itemsize()
    };
    dispatch_dtype!(dtype, T => {
        let (array, copied) = array_on_buffer::<T>(values, physical * itemsize, shape)?;
        Ok((array.into_dyn(), copied))
    })
}

/// The leaf `ArrayData` of all elements of `array` in C order (zero-copy when C-contiguous),
/// and whether a copy was made.
pub(crate) fn write_leaf(array: &DynArray, column: &Column) -> Result<(ArrayData, bool)> {
    let data_type = arrow_type_of(array.dtype(), column)?;
    let len = array.len();
    if let DynArray::Bool(a) = array {
        let bits: BooleanBuffer = a.iter().copied().collect();
        let data = ArrayData::builder(DataType::Boolean)
            .len(len)
            .add_buffer(bits.into_inner())
            .build()
            .map_err(|e| Error::arrow(format!("build the boolean values of {column}"), e))?;
        return Ok((data, true));
    }
    let (buffer, copied): (Buffer, bool) = dispatch_dyn!(array, a: _T => buffer_of_array(a));
    let data = match &data_type {
        DataType::FixedSizeList(part, 2) => {
            let parts = ArrayData::builder(part.data_type().clone())
                .len(2 * len)
                .add_buffer(buffer)
                .build()
                .map_err(|e| Error::arrow(format!("build the complex parts of {column}"), e))?;
            ArrayData::builder(data_type.clone())
                .len(len)
                .add_child_data(parts)
                .build()
        }
        _ => ArrayData::builder(data_type.clone())
            .len(len)
            .add_buffer(buffer)
            .build(),
    }
    .map_err(|e| Error::arrow(format!("build the values of {column}"), e))?;
    Ok((data, copied))
}
