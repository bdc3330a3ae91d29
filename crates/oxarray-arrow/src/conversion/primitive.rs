//! Typed conversions: `Array<T>` to and from `PrimitiveArray` and `BooleanArray`.
//!
//! Numeric data crosses without a copy in both directions (a C-contiguous array's storage
//! becomes the Arrow buffer's owner; an Arrow buffer becomes the owner of the array's
//! storage), checked by pointer equality in the tests. Bools are bit-packed in Arrow and
//! byte-sized in oxarray: always one copy.

use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{ArrowPrimitiveType, BooleanArray, PrimitiveArray};
use arrow_buffer::{BooleanBuffer, ScalarBuffer};
use half::f16;
use oxarray_core::{Array, Element};

use super::owner::buffer_of_array;
use super::{FromArrowOptions, from_arrow_with};
use crate::error::{Column, Error, Result};

/// The element types with an Arrow primitive of the same layout (integers, `f16`, `f32`,
/// `f64`), tied to their Arrow type.
///
/// ```
/// use arrow_array::types::Float32Type;
/// use oxarray_arrow::ArrowNative;
/// fn arrow_type_of<T: ArrowNative>() -> &'static str { std::any::type_name::<T::ArrowType>() }
/// assert!(arrow_type_of::<f32>().ends_with("Float32Type"));
/// ```
pub trait ArrowNative: Element + arrow_buffer::ArrowNativeType {
    /// The Arrow primitive type whose native type is `Self`.
    type ArrowType: ArrowPrimitiveType<Native = Self>;
}

macro_rules! arrow_native {
    ($($t:ty => $a:ty),* $(,)?) => {$(
        impl ArrowNative for $t {
            type ArrowType = $a;
        }
    )*};
}

arrow_native!(
    i8 => Int8Type, i16 => Int16Type, i32 => Int32Type, i64 => Int64Type,
    u8 => UInt8Type, u16 => UInt16Type, u32 => UInt32Type, u64 => UInt64Type,
    f16 => Float16Type, f32 => Float32Type, f64 => Float64Type,
);

fn require_1d(shape: &[usize], column: &Column) -> Result<usize> {
    match shape {
        [n] => Ok(*n),
        _ => Err(Error::ShapeMismatch {
            column: column.clone(),
            expected: vec![shape.iter().product()],
            got: shape.to_vec(),
            what: "a primitive Arrow array is 1-D (use to_arrow for lists of rows)".into(),
        }),
    }
}

/// A 1-D array as an Arrow `PrimitiveArray`, zero-copy when it is contiguous (a stepped or
/// reversed view is copied once). Errors for other than 1-D arrays.
///
/// ```
/// use oxarray_arrow::to_primitive_array;
/// use oxarray_core::array;
/// let a = array![1.5f32, 2.5, 3.5];
/// let p = to_primitive_array(&a)?;
/// assert_eq!(p.values().as_ptr(), a.as_ptr());
/// assert_eq!(p.value(2), 3.5);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_primitive_array<T: ArrowNative>(
    array: &Array<T>,
) -> Result<PrimitiveArray<T::ArrowType>> {
    let len = require_1d(array.shape(), &Column::unnamed())?;
    let (buffer, _) = buffer_of_array(array);
    Ok(PrimitiveArray::new(ScalarBuffer::new(buffer, 0, len), None))
}

/// An Arrow `PrimitiveArray` as a 1-D array, zero-copy (the array's storage keeps the Arrow
/// buffer alive; writing to the array copies it first). A sliced array is read from its
/// offset; nulls are an error (see [`from_arrow_with`] for a fill value or a mask).
///
/// ```
/// use arrow_array::{Array, UInt16Array};
/// use oxarray_arrow::from_primitive_array;
/// let p = UInt16Array::from(vec![7, 8, 9, 10]).slice(1, 2);
/// let a = from_primitive_array(&p)?;
/// assert_eq!(a.to_vec(), vec![8, 9]);
/// assert_eq!(a.as_ptr(), p.values().as_ptr());
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn from_primitive_array<T: ArrowNative>(
    array: &PrimitiveArray<T::ArrowType>,
) -> Result<Array<T>> {
    Ok(from_arrow_with(array, &FromArrowOptions::default())?
        .values
        .into_array::<T>()?)
}

/// A 1-D bool array as an Arrow `BooleanArray` (a copy: Arrow packs bools in bits).
///
/// ```
/// use oxarray_arrow::to_boolean_array;
/// use oxarray_core::array;
/// let b = to_boolean_array(&array![true, false, true])?;
/// assert_eq!(b.true_count(), 2);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_boolean_array(array: &Array<bool>) -> Result<BooleanArray> {
    require_1d(array.shape(), &Column::unnamed())?;
    let bits: BooleanBuffer = array.iter().copied().collect();
    Ok(BooleanArray::new(bits, None))
}

/// An Arrow `BooleanArray` as a 1-D bool array (a copy: the bits are unpacked). Nulls are an
/// error.
///
/// ```
/// use arrow_array::BooleanArray;
/// use oxarray_arrow::from_boolean_array;
/// let a = from_boolean_array(&BooleanArray::from(vec![false, true]))?;
/// assert_eq!(a.to_vec(), vec![false, true]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn from_boolean_array(array: &BooleanArray) -> Result<Array<bool>> {
    Ok(from_arrow_with(array, &FromArrowOptions::default())?
        .values
        .into_array::<bool>()?)
}
