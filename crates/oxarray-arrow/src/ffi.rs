//! The Arrow C Data Interface: arrays and record batches handed to, and taken from, any
//! in-process consumer or producer (pyarrow's `_import_from_c`, polars, DuckDB) as
//! `FFI_ArrowArray` / `FFI_ArrowSchema` pairs, without copying the buffers.
//!
//! The exported structs own a reference to the data: the consumer calls their `release`
//! callbacks (exactly once each) when done, which drops that reference. Field metadata (the
//! tensor extension, the complex marker) travels in the schema.

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi_and_data_type};
use arrow_array::{Array as _, RecordBatch, StructArray};
use arrow_schema::{DataType, Field};
use oxarray_core::DynArray;

use crate::conversion::{FromArrowOptions, Masked};
use crate::error::{Error, Result};
use crate::tensor::{from_arrow_field, to_arrow_field};

/// Exports `array` as the column `name` ([`to_arrow_field`]'s mapping, zero-copy when
/// C-contiguous) through the C Data Interface.
///
/// ```
/// use oxarray_arrow::ffi::{export_array, import_array};
/// use oxarray_arrow::FromArrowOptions;
/// use oxarray_core::array;
/// let a = array![1.0f64, 2.0, 3.0];
/// let (ffi_array, ffi_schema) = export_array("x", &a.clone().into_dyn())?;
/// // SAFETY: both structs were just exported by arrow-rs and are handed over once.
/// let back = unsafe { import_array(ffi_array, &ffi_schema, &FromArrowOptions::default()) }?;
/// assert_eq!(back.values.as_array::<f64>()?.as_ptr(), a.as_ptr()); // no copy
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn export_array(name: &str, array: &DynArray) -> Result<(FFI_ArrowArray, FFI_ArrowSchema)> {
    let (field, column) = to_arrow_field(name, array, None)?;
    export_field(&field, &column.to_data())
}

fn export_field(
    field: &Field,
    data: &arrow_data::ArrayData,
) -> Result<(FFI_ArrowArray, FFI_ArrowSchema)> {
    let schema = FFI_ArrowSchema::try_from(field)
        .map_err(|e| Error::arrow(format!("export the schema of column {:?}", field.name()), e))?;
    Ok((FFI_ArrowArray::new(data), schema))
}

/// Imports an array from the C Data Interface and reads it as [`from_arrow_field`] does
/// (zero-copy for aligned numeric data; the imported buffers keep the producer's data alive
/// and call its `release` once when the last array on them goes).
///
/// # Safety
/// `array` and `schema` must be valid C Data Interface structs describing the same data
/// (as produced by a conforming producer), not released, and `array` must not be used by
/// anyone else afterwards.
pub unsafe fn import_array(
    array: FFI_ArrowArray,
    schema: &FFI_ArrowSchema,
    options: &FromArrowOptions,
) -> Result<Masked> {
    let field =
        Field::try_from(schema).map_err(|e| Error::arrow("import a C Data Interface schema", e))?;
    // SAFETY: the caller guarantees that `array` is a valid, unreleased struct of `field`'s type.
    let data =
        unsafe { from_ffi_and_data_type(array, field.data_type().clone()) }.map_err(|e| {
            Error::arrow(
                format!(
                    "import column {:?} through the C Data Interface",
                    field.name()
                ),
                e,
            )
        })?;
    from_arrow_field(&field, &arrow_array::make_array(data), options)
}

/// Exports a record batch as one struct array (the C Data Interface's form of a batch), its
/// fields' metadata included.
///
/// ```
/// use oxarray_arrow::ffi::{export_batch, import_batch};
/// use oxarray_arrow::to_record_batch;
/// use oxarray_core::{array, Array};
/// let batch = to_record_batch(&[("id", &array![1u32, 2].into_dyn()), ("t", &Array::<f32>::zeros([2, 3])?.into_dyn())])?;
/// let (a, s) = export_batch(&batch)?;
/// // SAFETY: both structs were just exported by arrow-rs and are handed over once.
/// let back = unsafe { import_batch(a, &s) }?;
/// assert_eq!(back, batch);
/// assert_eq!(back.schema().field(1).metadata(), batch.schema().field(1).metadata());
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn export_batch(batch: &RecordBatch) -> Result<(FFI_ArrowArray, FFI_ArrowSchema)> {
    let field = Field::new_struct("", batch.schema().fields().clone(), false);
    let data = StructArray::from(batch.clone()).into_data();
    export_field(&field, &data)
}

/// Imports a record batch exported as a struct array.
///
/// # Safety
/// As for [`import_array`].
pub unsafe fn import_batch(array: FFI_ArrowArray, schema: &FFI_ArrowSchema) -> Result<RecordBatch> {
    let field =
        Field::try_from(schema).map_err(|e| Error::arrow("import a C Data Interface schema", e))?;
    let DataType::Struct(fields) = field.data_type().clone() else {
        return Err(Error::arrow_type(
            &crate::Column::named(field.name()),
            field.data_type(),
            "a record batch crosses the C Data Interface as a struct array",
        ));
    };
    // SAFETY: the caller guarantees that `array` is a valid, unreleased struct of `field`'s type.
    let data = unsafe { from_ffi_and_data_type(array, field.data_type().clone()) }
        .map_err(|e| Error::arrow("import a record batch through the C Data Interface", e))?;
    let columns = StructArray::from(data);
    // Rebuild the schema from the imported field, whose children carry their metadata.
    let (_, arrays, nulls) = columns.into_parts();
    if let Some(nulls) = nulls.filter(|n| n.null_count() > 0) {
        return Err(Error::Nulls {
            column: crate::Column::named(field.name()),
            data_type: field.data_type().clone(),
            first_null: nulls.iter().position(|valid| !valid).unwrap_or(0),
            null_count: nulls.null_count(),
        });
    }
    RecordBatch::try_new(
        std::sync::Arc::new(arrow_schema::Schema::new(fields)),
        arrays,
    )
    .map_err(|e| Error::arrow("assemble the imported record batch", e))
}
