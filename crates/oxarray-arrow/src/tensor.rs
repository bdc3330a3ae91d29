//! n-d arrays as tensor columns: the canonical `arrow.fixed_shape_tensor` extension (one
//! tensor per row of the array's first axis), written with the specification's metadata and
//! read back, with or without a permutation; and the field-aware entry points
//! [`to_arrow_field`] / [`from_arrow_field`].
//!
//! Layouts: an array whose rows are each dense in *some* axis order (C order, F order within
//! the rows, any transpose of the tensor axes) is written without a copy, its axis order
//! recorded as the `permutation`; other layouts are copied once into C order.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, make_array};
use arrow_schema::Field;
use oxarray_core::{Array, DynArray, Element, Layout, dispatch_dyn};

use crate::conversion::leaf::arrow_type_of;
use crate::conversion::read::read_column;
use crate::conversion::write::{Nesting, write_column};
use crate::conversion::{FromArrowOptions, Masked};
use crate::error::{Column, Error, Result};
use crate::metadata::{
    DTYPE_KEY, EXTENSION_METADATA_KEY, EXTENSION_NAME_KEY, FIXED_SHAPE_TENSOR, TensorMetadata,
    VARIABLE_SHAPE_TENSOR,
};

/// An owned array on `a`'s storage with its axes permuted (`result axis i = a axis
/// axes[i]`), in O(1).
pub(crate) fn permuted_shared<T: Element>(a: &Array<T>, axes: &[usize]) -> Result<Array<T>> {
    let signed: Vec<isize> = axes.iter().map(|&i| i as isize).collect();
    let layout: Layout = a.layout().permuted(Some(&signed))?;
    let storage = Arc::clone(a.storage());
    let offset =
        (a.as_ptr() as usize - storage.as_ptr() as usize) / std::mem::size_of::<T>().max(1);
    // SAFETY: invariant 1 holds: the permuted layout maps the same set of elements of the same
    // storage from the same first element, so every element stays in bounds, aligned and
    // initialised; a permutation of a non-overlapping layout does not overlap.
    Ok(unsafe { Array::from_storage(storage, offset, layout) })
}

/// The axis order in which every row of `a` (axes 1..) is dense and C-contiguous, as
/// physical axis `j` = logical tensor axis `order[j]`, with the row axis outermost; `None`
/// when no order makes the rows of `a` one contiguous run (a copy is needed).
fn dense_order(a: &DynArray) -> Option<Vec<usize>> {
    let strides = a.strides();
    let ndim = strides.len();
    let mut order: Vec<usize> = (1..ndim).collect();
    // Largest stride first; ties (length-1 axes) keep their logical order.
    order.sort_by_key(|&i| std::cmp::Reverse(strides[i].unsigned_abs()));
    let mut axes = vec![0];
    axes.extend(order.iter().copied());
    let permuted = dispatch_dyn!(a, x: _T => {
        let view = x.permute_axes(&axes.iter().map(|&i| i as isize).collect::<Vec<_>>()).ok()?;
        view.is_c_contiguous()
    });
    permuted.then(|| order.iter().map(|&i| i - 1).collect())
}

/// A tensor column named `name`: the field (with the `arrow.fixed_shape_tensor` extension
/// name and metadata) and its `FixedSizeList` storage, one tensor per index of the first
/// axis of `array`. `dim_names` name the tensor axes (axes 1.. of `array`, logical order).
/// Zero-copy when each row is dense in some axis order (C order, F order within the rows,
/// transposed tensor axes: the axis order becomes the `permutation`); a copy otherwise.
///
/// ```
/// use arrow_array::Array;
/// use oxarray_arrow::{to_tensor_column, from_arrow_field, FromArrowOptions};
/// use oxarray_core::{Array as OxArray, Order};
/// let a = OxArray::from_vec_order((0..24).map(|x| x as f32).collect(), [2, 3, 4], Order::C)?;
/// let (field, col) = to_tensor_column("t", &a.clone().into_dyn(), Some(&["rows", "cols"]))?;
/// assert_eq!(field.metadata()["ARROW:extension:name"], "arrow.fixed_shape_tensor");
/// assert_eq!(field.metadata()["ARROW:extension:metadata"], r#"{"shape":[3,4],"dim_names":["rows","cols"]}"#);
/// let back = from_arrow_field(&field, &col, &FromArrowOptions::default())?.values;
/// assert_eq!(back.as_array::<f32>()?, &a);
/// assert_eq!(back.as_array::<f32>()?.as_ptr(), a.as_ptr()); // no copy either way
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_tensor_column(
    name: &str,
    array: &DynArray,
    dim_names: Option<&[&str]>,
) -> Result<(Field, ArrayRef)> {
    to_tensor_column_masked(name, array, dim_names, None)
}

/// [`to_tensor_column`] with a mask of null rows (`true` = null).
///
/// ```
/// use arrow_array::Array as _;
/// use oxarray_arrow::to_tensor_column_masked;
/// use oxarray_core::{array, Array};
/// let t = Array::<f64>::zeros([3, 2, 2])?.into_dyn();
/// let (field, col) = to_tensor_column_masked("t", &t, None, Some(&array![false, true, false]))?;
/// assert!(field.is_nullable() && col.is_null(1));
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_tensor_column_masked(
    name: &str,
    array: &DynArray,
    dim_names: Option<&[&str]>,
    mask: Option<&Array<bool>>,
) -> Result<(Field, ArrayRef)> {
    let column = Column::named(name);
    if array.ndim() < 2 || array.dtype().is_complex() {
        return Err(Error::UnsupportedDType {
            column,
            dtype: array.dtype(),
            reason: format!(
                "a tensor column needs a real array of at least 2 dimensions (rows, tensor axes), \
                 got shape {:?}; to_arrow_field writes the others",
                array.shape()
            ),
        });
    }
    let tensor_ndim = array.ndim() - 1;
    if let Some(names) = dim_names
        && names.len() != tensor_ndim
    {
        return Err(Error::ShapeMismatch {
            column,
            expected: vec![tensor_ndim],
            got: vec![names.len()],
            what: "the number of dim_names against the tensor axes".into(),
        });
    }
    let order = dense_order(array).unwrap_or_else(|| (0..tensor_ndim).collect());
    let mut axes = vec![0];
    axes.extend(order.iter().map(|&i| i + 1));
    let physical = dispatch_dyn!(array, a: T => {
        if order.iter().enumerate().all(|(j, &i)| i == j) {
            a.clone().into_dyn()
        } else {
            permuted_shared::<T>(a, &axes)?.into_dyn()
        }
    });
    let mut permutation = vec![0; tensor_ndim];
    for (j, &i) in order.iter().enumerate() {
        permutation[i] = j;
    }
    let identity = permutation.iter().enumerate().all(|(i, &p)| i == p);
    let metadata = TensorMetadata {
        shape: physical.shape()[1..].to_vec(),
        dim_names: dim_names.map(|names| order.iter().map(|&i| names[i].to_string()).collect()),
        permutation: (!identity).then_some(permutation),
    };
    let (data, _) = write_column(&physical, mask, Nesting::Flat, &column)?;
    let field =
        Field::new(name, data.data_type().clone(), mask.is_some()).with_metadata(HashMap::from([
            (
                EXTENSION_NAME_KEY.to_string(),
                FIXED_SHAPE_TENSOR.to_string(),
            ),
            (EXTENSION_METADATA_KEY.to_string(), metadata.to_json()),
        ]));
    Ok((field, make_array(data)))
}

/// A column named `name` for `array`, as this crate writes it in record batches: 1-D real
/// arrays as primitive (boolean) arrays, n-d real arrays as `arrow.fixed_shape_tensor`
/// columns, complex arrays as (nested) `FixedSizeList<float, 2>` marked `oxarray:dtype` so
/// that [`from_arrow_field`] reads them back as complex.
///
/// ```
/// use oxarray_arrow::{to_arrow_field, from_arrow_field, FromArrowOptions};
/// use oxarray_core::{array, Complex64};
/// let z = array![Complex64::new(1.0, -1.0), Complex64::new(0.5, 2.0)].into_dyn();
/// let (field, col) = to_arrow_field("z", &z, None)?;
/// assert_eq!(field.metadata()["oxarray:dtype"], "complex128");
/// let back = from_arrow_field(&field, &col, &FromArrowOptions::default())?.values;
/// assert_eq!(back.as_array::<Complex64>()?.to_vec(), z.as_array::<Complex64>()?.to_vec());
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_arrow_field(
    name: &str,
    array: &DynArray,
    mask: Option<&Array<bool>>,
) -> Result<(Field, ArrayRef)> {
    let column = Column::named(name);
    let nullable = mask.is_some();
    if array.dtype().is_complex() {
        let (data, _) = write_column(array, mask, Nesting::PerAxis, &column)?;
        let field = Field::new(name, data.data_type().clone(), nullable).with_metadata(
            HashMap::from([(DTYPE_KEY.to_string(), array.dtype().to_string())]),
        );
        return Ok((field, make_array(data)));
    }
    if array.ndim() >= 2 {
        return to_tensor_column_masked(name, array, None, mask);
    }
    arrow_type_of(array.dtype(), &column)?;
    let (data, _) = write_column(array, mask, Nesting::PerAxis, &column)?;
    Ok((
        Field::new(name, data.data_type().clone(), nullable),
        make_array(data),
    ))
}

/// The tensor metadata of a field of the `arrow.fixed_shape_tensor` (or variable-shape)
/// extension, `None` for other fields.
///
/// ```
/// use oxarray_arrow::{tensor_metadata, to_tensor_column};
/// use oxarray_core::Array;
/// let (field, _) = to_tensor_column("t", &Array::<f64>::zeros([4, 2, 3])?.into_dyn(), None)?;
/// assert_eq!(tensor_metadata(&field)?.unwrap().shape, vec![2, 3]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn tensor_metadata(field: &Field) -> Result<Option<TensorMetadata>> {
    let column = Column::named(field.name());
    let meta = field.metadata();
    let json = meta
        .get(EXTENSION_METADATA_KEY)
        .map_or("{}", String::as_str);
    match meta.get(EXTENSION_NAME_KEY).map(String::as_str) {
        Some(FIXED_SHAPE_TENSOR) => Ok(Some(TensorMetadata::parse(
            json,
            FIXED_SHAPE_TENSOR,
            true,
            &column,
        )?)),
        Some(VARIABLE_SHAPE_TENSOR) => Ok(Some(TensorMetadata::parse(
            json,
            VARIABLE_SHAPE_TENSOR,
            false,
            &column,
        )?)),
        _ => Ok(None),
    }
}

/// An Arrow column with its field, read as an oxarray array: a `arrow.fixed_shape_tensor`
/// column as an array of shape `[rows, logical tensor shape...]` (zero-copy, the permutation
/// applied as strides), an `oxarray:dtype` complex column as complex, anything else as
/// [`from_arrow_with`](crate::from_arrow_with) reads it. A variable-shape tensor column is
/// an error pointing to [`read_variable_shape_tensor`](crate::read_variable_shape_tensor).
/// The options' column name defaults to the field's name.
///
/// ```
/// use std::{collections::HashMap, sync::Arc};
/// use arrow_array::{Array, FixedSizeListArray, Float64Array};
/// use arrow_schema::{DataType, Field};
/// use oxarray_arrow::{from_arrow_field, to_tensor_column, FromArrowOptions};
/// // Two 2x3 tensors stored transposed (physical shape [3, 2]), as F-ordered tensors are.
/// let values = Float64Array::from((0..12).map(f64::from).collect::<Vec<_>>());
/// let item = Arc::new(Field::new_list_field(DataType::Float64, true));
/// let col = FixedSizeListArray::new(item, 6, Arc::new(values), None);
/// let meta = r#"{"shape":[3,2],"permutation":[1,0]}"#;
/// let field = Field::new("x", col.data_type().clone(), false).with_metadata(HashMap::from([
///     ("ARROW:extension:name".to_string(), "arrow.fixed_shape_tensor".to_string()),
///     ("ARROW:extension:metadata".to_string(), meta.to_string()),
/// ]));
/// let x = from_arrow_field(&field, &col, &FromArrowOptions::default())?.values;
/// let x = x.as_array::<f64>()?;
/// assert_eq!(x.shape(), &[2, 2, 3]);
/// assert_eq!(x.get(&[0, 1, 2])?, &5.0); // logical [1, 2] is physical [2, 1] = 2 * 2 + 1
/// // Written back: the same permutation, and still no copy.
/// let (field2, col2) = to_tensor_column("x", &x.clone().into_dyn(), None)?;
/// assert_eq!(field2.metadata()["ARROW:extension:metadata"], meta);
/// assert_eq!(col2.to_data().child_data()[0].buffers()[0].as_ptr(), x.as_ptr().cast());
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn from_arrow_field(
    field: &Field,
    array: &dyn arrow_array::Array,
    options: &FromArrowOptions,
) -> Result<Masked> {
    let mut options = options.clone();
    if options.column.0.is_none() {
        options.column = Column::named(field.name());
    }
    let data = array.to_data();
    let complex = field
        .metadata()
        .get(DTYPE_KEY)
        .is_some_and(|d| d == "complex64" || d == "complex128");
    match tensor_metadata(field)? {
        None => read_column(&data, complex, None, &options),
        Some(_)
            if field.metadata().get(EXTENSION_NAME_KEY).map(String::as_str)
                == Some(VARIABLE_SHAPE_TENSOR) =>
        {
            Err(Error::arrow_type(
                &options.column,
                array.data_type(),
                "a variable-shape tensor column has one shape per row: read it with \
                 read_variable_shape_tensor",
            ))
        }
        Some(meta) => {
            let masked = read_column(&data, false, Some(&meta.shape), &options)?;
            let Some(p) = meta
                .permutation
                .filter(|p| p.iter().enumerate().any(|(i, &x)| i != x))
            else {
                return Ok(masked);
            };
            let mut axes = vec![0];
            axes.extend(p.iter().map(|&i| i + 1));
            let values =
                dispatch_dyn!(&masked.values, a: T => permuted_shared::<T>(a, &axes)?.into_dyn());
            Ok(Masked { values, ..masked })
        }
    }
}
