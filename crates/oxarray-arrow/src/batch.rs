//! Record batches: named `DynArray` columns to and from a `RecordBatch`, and record arrays
//! (structured dtypes) to and from a `RecordBatch` with one column per field.
//!
//! A record array stores its records one after the other (an array of structs); a record
//! batch stores each field as its own column (a struct of arrays). Changing one into the
//! other moves every byte: **both directions copy** each field once. Columns of `DynArray`s
//! do not: they cross as [`to_arrow_field`] / [`from_arrow_field`] describe (zero-copy for
//! C-contiguous numeric data).

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions};
use arrow_schema::{Field, Schema};
use oxarray_core::{DynArray, dispatch_dyn};
use oxarray_record::{Align, FieldSpec, FieldType, RecordArray, RecordDType};

use crate::conversion::{FromArrowOptions, Masked};
use crate::error::{Column, Error, Result};
use crate::tensor::{from_arrow_field, to_arrow_field};

/// A record batch of named columns, one Arrow row per index of each array's first axis:
/// 1-D arrays as primitive columns, n-d ones as `arrow.fixed_shape_tensor` columns, complex
/// ones as marked pair lists ([`to_arrow_field`]). Every column must have the same number of
/// rows.
///
/// ```
/// use oxarray_arrow::{from_record_batch, to_record_batch, FromArrowOptions};
/// use oxarray_core::{array, Array};
/// let ids = array![1i64, 2, 3].into_dyn();
/// let emb = Array::<f32>::zeros([3, 4])?.into_dyn();
/// let batch = to_record_batch(&[("id", &ids), ("embedding", &emb)])?;
/// assert_eq!((batch.num_rows(), batch.num_columns()), (3, 2));
/// let cols = from_record_batch(&batch, &FromArrowOptions::default())?;
/// assert_eq!(cols[1].0, "embedding");
/// assert_eq!(cols[1].1.values.shape(), &[3, 4]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn to_record_batch(columns: &[(&str, &DynArray)]) -> Result<RecordBatch> {
    let mut fields = Vec::with_capacity(columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(columns.len());
    let rows = columns
        .first()
        .map(|(_, a)| a.shape().first().copied().unwrap_or(0));
    for (name, array) in columns {
        let got = array.shape().first().copied().unwrap_or(0);
        if let Some(rows) = rows
            && got != rows
        {
            return Err(Error::ShapeMismatch {
                column: Column::named(*name),
                expected: vec![rows],
                got: vec![got],
                what: format!(
                    "the rows of the column (shape {:?}) against the first column's",
                    array.shape()
                ),
            });
        }
        let (field, col) = to_arrow_field(name, array, None)?;
        fields.push(field);
        arrays.push(col);
    }
    batch_of(fields, arrays, rows.unwrap_or(0))
}

fn batch_of(fields: Vec<Field>, arrays: Vec<ArrayRef>, rows: usize) -> Result<RecordBatch> {
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), arrays, &options)
        .map_err(|e| Error::arrow("assemble the record batch", e))
}

/// Every column of a record batch, with its name, read by [`from_arrow_field`] (tensor
/// columns with their shapes, nulls as `options` says; the options' column name is replaced
/// by each column's).
///
/// ```
/// use arrow_array::{Int32Array, RecordBatch};
/// use oxarray_arrow::{from_record_batch, FromArrowOptions};
/// use std::sync::Arc;
/// let batch = RecordBatch::try_from_iter([("x", Arc::new(Int32Array::from(vec![1, 2])) as _)]).unwrap();
/// let cols = from_record_batch(&batch, &FromArrowOptions::default())?;
/// assert_eq!(cols[0].1.values.as_array::<i32>()?.to_vec(), vec![1, 2]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn from_record_batch(
    batch: &RecordBatch,
    options: &FromArrowOptions,
) -> Result<Vec<(String, Masked)>> {
    let schema = batch.schema();
    schema
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(field, column)| {
            let options = FromArrowOptions {
                column: Column::named(field.name()),
                ..options.clone()
            };
            Ok((
                field.name().clone(),
                from_arrow_field(field, column, &options)?,
            ))
        })
        .collect()
}

/// A 1-D record array as a record batch, one column per field (a copy, see the
/// [module](self)): scalar fields as primitive columns, sub-array fields (`('pos', '<f4',
/// (3,))`) as tensor columns. Fields of other byte orders are converted; nested records and
/// void fields have no column type here and are an error naming the field.
///
/// ```
/// use oxarray_arrow::{records_from_batch, records_to_batch};
/// use oxarray_record::{Align, DType, FieldSpec, RecordArray, RecordDType};
/// let dt = RecordDType::new(&[FieldSpec::new("t", DType::U64), FieldSpec::new("pos", DType::F32).shape([3])], Align::C)?;
/// let mut r = RecordArray::zeros(dt.clone(), [4])?;
/// r.field_mut::<f32>("pos")?.fill(1.5);
/// let batch = records_to_batch(&r)?;
/// assert_eq!(batch.schema().field(1).metadata()["ARROW:extension:metadata"], r#"{"shape":[3]}"#);
/// let back = records_from_batch(&batch, Align::C)?;
/// assert_eq!(back, r);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn records_to_batch(records: &RecordArray) -> Result<RecordBatch> {
    if records.ndim() != 1 {
        return Err(Error::ShapeMismatch {
            column: Column::unnamed(),
            expected: vec![records.len()],
            got: records.shape().to_vec(),
            what: "a record array written as a batch must be 1-D (reshape it first)".into(),
        });
    }
    let mut fields = Vec::new();
    let mut arrays = Vec::new();
    for field in records.dtype().fields() {
        if !matches!(field.ty, FieldType::Scalar(..)) {
            return Err(Error::UnsupportedArrowType {
                column: Column::named(&field.name),
                data_type: arrow_schema::DataType::Null,
                reason: format!(
                    "the record field holds {}, which has no Arrow column type here",
                    field.ty
                ),
            });
        }
        let values = records.field_to_dyn(&field.name)?;
        let (f, col) = to_arrow_field(&field.name, &values, None)?;
        fields.push(f);
        arrays.push(col);
    }
    batch_of(fields, arrays, records.len())
}

/// A record batch as a 1-D record array with one field per column, laid out with `align`
/// (NumPy's `align=False` / `align=True`), each column copied into its field. Tensor columns
/// become sub-array fields of their logical shape. Nulls are an error naming the column.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Float64Array, Int8Array, RecordBatch};
/// use oxarray_arrow::records_from_batch;
/// use oxarray_record::Align;
/// let batch = RecordBatch::try_from_iter([
///     ("a", Arc::new(Int8Array::from(vec![1, 2])) as _),
///     ("b", Arc::new(Float64Array::from(vec![0.5, 1.5])) as _),
/// ]).unwrap();
/// let r = records_from_batch(&batch, Align::C)?;
/// assert_eq!(r.dtype().offsets(), vec![0, 8]);
/// assert_eq!(r.field::<f64>("b")?.to_vec(), vec![0.5, 1.5]);
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
pub fn records_from_batch(batch: &RecordBatch, align: Align) -> Result<RecordArray> {
    let columns = from_record_batch(batch, &FromArrowOptions::default())?;
    let specs: Vec<FieldSpec> = columns
        .iter()
        .map(|(name, m)| {
            FieldSpec::new(name.clone(), m.values.dtype()).shape(&m.values.shape()[1..])
        })
        .collect();
    // Fill a C-aligned array through field views, then repack when asked for packed.
    let mut records = RecordArray::zeros(RecordDType::new(&specs, Align::C)?, [batch.num_rows()])?;
    for (name, m) in &columns {
        dispatch_dyn!(&m.values, a: T => records.set_field::<T>(name, a))?;
    }
    match align {
        Align::C => Ok(records),
        Align::Packed => repack(&records, RecordDType::new(&specs, Align::Packed)?),
    }
}

/// The records of `src` (1-D) in the layout `dtype`, which has the same fields.
fn repack(src: &RecordArray, dtype: RecordDType) -> Result<RecordArray> {
    let pairs: Vec<(usize, usize, usize)> = dtype
        .fields()
        .iter()
        .map(|f| Ok((src.dtype().field(&f.name)?.offset, f.offset, f.size())))
        .collect::<Result<_>>()?;
    let itemsize = dtype.itemsize();
    let mut bytes = vec![0u8; itemsize * src.len()];
    let mut i = 0;
    src.for_each_record(|rec| {
        let out = &mut bytes[i * itemsize..(i + 1) * itemsize];
        for &(from, to, size) in &pairs {
            out[to..to + size].copy_from_slice(&rec[from..from + size]);
        }
        i += 1;
    });
    Ok(RecordArray::from_bytes(
        dtype,
        &bytes,
        [src.len()],
        oxarray_core::Order::C,
    )?)
}
