//! Arrays to and from Arrow arrays: the options, the masked result and the run-time-typed
//! entry points. The typed ones (`PrimitiveArray`, `BooleanArray`) are in [`primitive`].
//!
//! | oxarray | Arrow | copy? |
//! |---|---|---|
//! | 1-D bool | `BooleanArray` | always (Arrow packs bools in bits) |
//! | 1-D integer, f16, f32, f64 | `PrimitiveArray` of the same width | none when C-contiguous (and, reading, aligned) |
//! | 1-D complex64 / complex128 | `FixedSizeList<float32 / float64, 2>` (real, imaginary) | as above |
//! | n-d, first axis = rows | nested `FixedSizeList`s, one level per further axis | as above |
//! | bfloat16 | none: an error | |

pub(crate) mod leaf;
mod owner;
pub(crate) use owner::buffer_of_array;
pub mod primitive;
pub(crate) mod read;
pub(crate) mod write;

use arrow_array::{ArrayRef, make_array};
use oxarray_core::{Array, DynArray, Scalar};

use crate::error::{Column, Result};
use write::Nesting;

/// What to do with the null rows of an Arrow column.
///
/// ```
/// use arrow_array::Int64Array;
/// use oxarray_arrow::{from_arrow_with, FromArrowOptions, Nulls};
/// use oxarray_core::Scalar;
/// let col = Int64Array::from(vec![Some(1), None, Some(3)]);
/// let filled = from_arrow_with(&col, &FromArrowOptions::default().nulls(Nulls::Fill(Scalar::Int(-1))))?;
/// assert_eq!(filled.values.as_array::<i64>()?.to_vec(), vec![1, -1, 3]);
/// let masked = from_arrow_with(&col, &FromArrowOptions::default().nulls(Nulls::Mask))?;
/// assert_eq!(masked.mask.unwrap().to_vec(), vec![false, true, false]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Nulls {
    /// Refuse them: an [`Error::Nulls`](crate::Error::Nulls) naming the column, its type and
    /// the first null row (the default).
    #[default]
    Refuse,
    /// Write this value (cast with `astype` semantics) into every element of a null row: a
    /// copy of the values.
    Fill(Scalar),
    /// Keep the values as they are (zero-copy; what Arrow holds under a null is unspecified)
    /// and return a separate boolean mask, `true` where the row is null (NumPy's
    /// `numpy.ma` convention).
    Mask,
}

/// Options for reading an Arrow column: its name (for error messages) and what to do with
/// its nulls.
///
/// ```
/// use oxarray_arrow::{FromArrowOptions, Nulls};
/// let o = FromArrowOptions::default().column("price").nulls(Nulls::Mask);
/// assert_eq!(o.column.to_string(), "column \"price\"");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FromArrowOptions {
    /// The column's name, named by every error.
    pub column: Column,
    /// What to do with null rows.
    pub nulls: Nulls,
}

impl FromArrowOptions {
    /// The same options for the column `name`.
    pub fn column(mut self, name: impl Into<String>) -> Self {
        self.column = Column::named(name);
        self
    }

    /// The same options with `nulls`.
    pub fn nulls(mut self, nulls: Nulls) -> Self {
        self.nulls = nulls;
        self
    }
}

/// A column read from Arrow: its values, the mask of its null rows when one was asked for
/// ([`Nulls::Mask`]) and the column had nulls, and whether the values were copied.
///
/// ```
/// use arrow_array::Float32Array;
/// use oxarray_arrow::{from_arrow_with, FromArrowOptions};
/// let m = from_arrow_with(&Float32Array::from(vec![1.0, 2.0]), &FromArrowOptions::default())?;
/// assert!(m.mask.is_none() && !m.copied);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Masked {
    /// The values, one row per Arrow row.
    pub values: DynArray,
    /// `true` where the row is null; `None` when there were no nulls or no mask was asked for.
    pub mask: Option<Array<bool>>,
    /// Whether the values were copied (bools, misaligned buffers, filled nulls).
    pub copied: bool,
}

/// An Arrow array as an oxarray array, without copying numeric data (see the table of the
/// [module](self)); nulls are an error naming the first null row. Sliced Arrow arrays are read
/// from their offset. A `FixedSizeList` column becomes an array of one more axis per list
/// level; a `FixedSizeList<float, 2>` stays a float array with a last axis of 2 (to read it
/// as complex, use [`from_arrow_field`](crate::from_arrow_field) with the field this crate
/// wrote).
///
/// ```
/// use arrow_array::{Array, Float64Array};
/// use oxarray_arrow::from_arrow;
/// let col = Float64Array::from(vec![0.5, 1.5, 2.5, 3.5]).slice(1, 2);
/// let a = from_arrow(&col)?;
/// assert_eq!(a.as_array::<f64>()?.to_vec(), vec![1.5, 2.5]);
/// assert_eq!(a.as_array::<f64>()?.as_ptr(), col.values().as_ptr()); // no copy
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn from_arrow(array: &dyn arrow_array::Array) -> Result<DynArray> {
    Ok(from_arrow_with(array, &FromArrowOptions::default())?.values)
}

/// [`from_arrow`] with options: the column's name for errors, and a fill value or a mask for
/// the nulls.
///
/// ```
/// use arrow_array::UInt8Array;
/// use oxarray_arrow::{from_arrow_with, FromArrowOptions};
/// let err = from_arrow_with(&UInt8Array::from(vec![None, Some(1)]), &FromArrowOptions::default().column("k"))
///     .unwrap_err();
/// assert!(err.to_string().starts_with("column \"k\" of type UInt8 holds 1 null(s)"));
/// ```
pub fn from_arrow_with(
    array: &dyn arrow_array::Array,
    options: &FromArrowOptions,
) -> Result<Masked> {
    from_array_data(&array.to_data(), options)
}

/// [`from_arrow_with`] on arrow-rs's untyped [`ArrayData`](arrow_data::ArrayData), as the C
/// Data Interface and other low-level producers hand it over. Buffers that are not aligned
/// for the element type (which typed Arrow arrays refuse, but raw `ArrayData` may hold) are
/// copied.
///
/// ```
/// use arrow_array::{Array, Int16Array};
/// use oxarray_arrow::{from_array_data, FromArrowOptions};
/// let data = Int16Array::from(vec![4, 5, 6]).to_data();
/// let a = from_array_data(&data, &FromArrowOptions::default())?.values;
/// assert_eq!(a.as_array::<i16>()?.to_vec(), vec![4, 5, 6]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn from_array_data(data: &arrow_data::ArrayData, options: &FromArrowOptions) -> Result<Masked> {
    read::read_column(data, false, None, options)
}

/// An oxarray array as an Arrow array: 1-D as a primitive (bool: boolean) array, n-d as
/// nested `FixedSizeList`s, one row per index of the first axis. No copy of numeric data
/// when the array is C-contiguous: the Arrow buffer then starts at `array.as_ptr()` and
/// keeps the array's storage alive; other layouts are copied once into C order.
///
/// ```
/// use arrow_array::{Array, Int32Array};
/// use oxarray_arrow::to_arrow;
/// use oxarray_core::array;
/// let a = array![1i32, 2, 3];
/// let col = to_arrow(&a.clone().into_dyn())?;
/// let ints = col.as_any().downcast_ref::<Int32Array>().unwrap();
/// assert_eq!(ints.values().as_ptr(), a.as_ptr()); // no copy
/// assert_eq!(ints.values().as_ref(), &[1, 2, 3]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_arrow(array: &DynArray) -> Result<ArrayRef> {
    to_arrow_masked(array, None)
}

/// [`to_arrow`] with a null mask over the rows (`true` = null, NumPy's masked-array
/// convention), which becomes the Arrow validity bitmap (a copy of the mask only).
///
/// ```
/// use oxarray_arrow::to_arrow_masked;
/// use oxarray_core::array;
/// let col = to_arrow_masked(&array![1.0f64, 2.0, 3.0].into_dyn(), Some(&array![false, true, false]))?;
/// assert_eq!(col.null_count(), 1);
/// assert!(col.is_null(1));
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_arrow_masked(array: &DynArray, mask: Option<&Array<bool>>) -> Result<ArrayRef> {
    let (data, _) = write::write_column(array, mask, Nesting::PerAxis, &Column::unnamed())?;
    Ok(make_array(data))
}
