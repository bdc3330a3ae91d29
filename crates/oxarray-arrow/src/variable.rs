//! Reading the canonical `arrow.variable_shape_tensor` extension: a struct of `data`
//! (`List<value>`, each row's elements in physical row-major order) and `shape`
//! (`FixedSizeList<int32, ndim>`, each row's physical shape), with the optional metadata
//! `dim_names`, `permutation` and `uniform_shape`. Each row becomes its own array (zero-copy,
//! a view into the list's values with the permutation applied as strides).

use arrow_data::ArrayData;
use arrow_schema::{DataType, Field};
use oxarray_core::{DynArray, dispatch_dyn};

use crate::conversion::leaf::{dtype_of_primitive, read_leaf};
use crate::conversion::read::refuse_nulls;
use crate::error::{Column, Error, Result};
use crate::metadata::{EXTENSION_NAME_KEY, VARIABLE_SHAPE_TENSOR};
use crate::tensor::{permuted_shared, tensor_metadata};

/// The rows of a variable-shape tensor column, each an array of its own logical shape.
/// Nulls (rows, shapes or elements) are an error naming the column.
///
/// ```
/// use std::{collections::HashMap, sync::Arc};
/// use arrow_array::{Array, ArrayRef, FixedSizeListArray, Float32Array, Int32Array, ListArray, StructArray};
/// use arrow_buffer::OffsetBuffer;
/// use arrow_schema::{DataType, Field};
/// use oxarray_arrow::read_variable_shape_tensor;
/// // Two tensors: 2x3 and 1x2.
/// let values = Arc::new(Float32Array::from((0..8).map(|x| x as f32).collect::<Vec<_>>()));
/// let item = Arc::new(Field::new_list_field(DataType::Float32, true));
/// let data = ListArray::new(item, OffsetBuffer::new(vec![0, 6, 8].into()), values, None);
/// let dims = Arc::new(Field::new_list_field(DataType::Int32, true));
/// let shape = FixedSizeListArray::new(dims, 2, Arc::new(Int32Array::from(vec![2, 3, 1, 2])), None);
/// let storage = StructArray::from(vec![
///     (Arc::new(Field::new("data", data.data_type().clone(), false)), Arc::new(data) as ArrayRef),
///     (Arc::new(Field::new("shape", shape.data_type().clone(), false)), Arc::new(shape) as ArrayRef),
/// ]);
/// let field = Field::new("v", storage.data_type().clone(), false).with_metadata(HashMap::from([
///     ("ARROW:extension:name".to_string(), "arrow.variable_shape_tensor".to_string()),
///     ("ARROW:extension:metadata".to_string(), "{}".to_string()),
/// ]));
/// let rows = read_variable_shape_tensor(&field, &storage)?;
/// assert_eq!(rows[0].shape(), &[2, 3]);
/// assert_eq!(rows[1].as_array::<f32>()?.to_vec(), vec![6.0, 7.0]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn read_variable_shape_tensor(
    field: &Field,
    array: &dyn arrow_array::Array,
) -> Result<Vec<DynArray>> {
    let column = Column::named(field.name());
    if field.metadata().get(EXTENSION_NAME_KEY).map(String::as_str) != Some(VARIABLE_SHAPE_TENSOR) {
        return Err(Error::arrow_type(
            &column,
            field.data_type(),
            "the field is not an arrow.variable_shape_tensor",
        ));
    }
    let meta = tensor_metadata(field)?.unwrap_or_default();
    let storage = array.to_data();
    let DataType::Struct(children) = storage.data_type() else {
        return Err(Error::arrow_type(
            &column,
            storage.data_type(),
            "the storage must be a struct of data and shape",
        ));
    };
    let child = |name: &str| -> Result<&ArrayData> {
        children
            .iter()
            .position(|f| f.name() == name)
            .and_then(|i| storage.child_data().get(i))
            .ok_or_else(|| {
                Error::arrow_type(
                    &column,
                    storage.data_type(),
                    format!("the storage has no {name:?} child"),
                )
            })
    };
    let (data, shapes) = (child("data")?, child("shape")?);
    refuse_nulls(&storage, 0, storage.len(), &column)?;
    let DataType::FixedSizeList(_, ndim) = shapes.data_type() else {
        return Err(Error::arrow_type(
            &column,
            shapes.data_type(),
            "the shape child must be a FixedSizeList<int32>",
        ));
    };
    let ndim = *ndim as usize;
    let (Some(values), Some(dims)) = (data.child_data().first(), shapes.child_data().first())
    else {
        return Err(Error::arrow_type(
            &column,
            storage.data_type(),
            "the data and shape children need values",
        ));
    };
    if !matches!(data.data_type(), DataType::List(_)) || dims.data_type() != &DataType::Int32 {
        return Err(Error::arrow_type(
            &column,
            storage.data_type(),
            "expected data: List<value>, shape: FixedSizeList<int32>",
        ));
    }
    let dtype = dtype_of_primitive(values.data_type()).ok_or_else(|| {
        Error::arrow_type(
            &column,
            values.data_type(),
            "the tensor values have no oxarray dtype",
        )
    })?;
    let offsets = data.buffer::<i32>(0);
    let dim_values = dims.buffer::<i32>(0);
    let mut axes = vec![0];
    if let Some(p) = &meta.permutation {
        axes.extend(p.iter().map(|&i| i + 1));
    }
    (0..storage.len())
        .map(|i| {
            let r = storage.offset() + i;
            let first = (shapes.offset() + r) * ndim;
            let shape_i: Vec<usize> = dim_values
                .get(first..first + ndim)
                .ok_or_else(|| {
                    Error::arrow_type(
                        &column,
                        shapes.data_type(),
                        "the shape values are too short",
                    )
                })?
                .iter()
                .map(|&d| usize::try_from(d))
                .collect::<std::result::Result<_, _>>()
                .map_err(|_| {
                    Error::arrow_type(
                        &column,
                        shapes.data_type(),
                        format!("row {i} has a negative dimension"),
                    )
                })?;
            let (start, end) = match (offsets.get(r), offsets.get(r + 1)) {
                (Some(&s), Some(&e)) if s >= 0 && e >= s => (s as usize, e as usize),
                _ => {
                    return Err(Error::arrow_type(
                        &column,
                        data.data_type(),
                        format!("row {i} has invalid list offsets"),
                    ));
                }
            };
            if shape_i.iter().product::<usize>() != end - start {
                return Err(Error::ShapeMismatch {
                    column: column.clone(),
                    expected: vec![end - start],
                    got: shape_i,
                    what: format!("the shape of row {i} against its number of elements"),
                });
            }
            refuse_nulls(values, start, end - start, &column)?;
            let mut full = vec![1];
            full.extend_from_slice(&shape_i);
            let (row, _) = read_leaf(values, dtype, start, &full, &column)?;
            let row = if axes.len() > 1 {
                dispatch_dyn!(&row, a: T => permuted_shared::<T>(a, &axes)?.into_dyn())
            } else {
                row
            };
            Ok(dispatch_dyn!(&row, a: _T => a.slice_shared(oxarray_core::s![0, ..])?.into_dyn()))
        })
        .collect()
}
