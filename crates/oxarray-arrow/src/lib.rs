//! # oxarray-arrow: Apache Arrow interop
//!
//! oxarray arrays in and out of Arrow-based pipelines (pyarrow, polars, DataFusion, DuckDB):
//!
//! * [`conversion`]: 1-D arrays of every primitive dtype to and from Arrow arrays
//!   ([`to_arrow`], [`from_arrow`], typed [`to_primitive_array`] / [`from_primitive_array`]),
//!   without copying numeric data in either direction; n-d arrays as nested `FixedSizeList`s;
//!   nulls refused (naming the column and the first null), filled, or returned as a mask.
//! * [`tensor`]: n-d arrays as `arrow.fixed_shape_tensor` columns ([`to_tensor_column`],
//!   [`from_arrow_field`]), zero-copy for rows dense in any axis order (the order is the
//!   `permutation`); [`variable`]: `arrow.variable_shape_tensor` columns read row by row;
//!   [`metadata`]: the extension metadata (the spec's `permutation` written, arrow-rs's
//!   `permutations` and `null` values read too).
//! * [`batch`]: record batches of `DynArray` columns, and record arrays (structured dtypes)
//!   to and from record batches, one column per field (a copy).
//! * [`ipc`]: Arrow IPC files and streams, and zero-copy reading of memory-mapped files.
//! * [`ffi`]: the Arrow C Data Interface, arrays and batches in and out without a copy.
//!
//! | oxarray dtype | Arrow type |
//! |---|---|
//! | bool | `Boolean` (bit-packed: a copy each way) |
//! | int8..int64, uint8..uint64, float16, float32, float64 | the primitive of the same width (zero-copy) |
//! | complex64, complex128 | `FixedSizeList<float32 / float64, 2>` (real, imaginary; zero-copy), marked `oxarray:dtype` in the field metadata so that it reads back as complex; Arrow has no complex type |
//! | bfloat16 | none: [`Error::UnsupportedDType`] (cast to float32 first) |
//!
//! ```
//! use arrow_array::{Array, Float64Array};
//! use oxarray_arrow::{from_arrow, to_arrow};
//! use oxarray_core::array;
//!
//! let a = array![1.0f64, 2.0, 3.0];
//! let col = to_arrow(&a.clone().into_dyn())?;              // no copy
//! let back = from_arrow(&col)?;                             // no copy either
//! assert_eq!(back.as_array::<f64>()?.as_ptr(), a.as_ptr());
//! # Ok::<(), oxarray_arrow::Error>(())
//! ```
//!
//! ## Ownership and copies
//!
//! An array read from Arrow holds the Arrow buffer as the foreign owner of its storage
//! (read-only: the first write copies, as for a read-only memory map). An Arrow buffer made
//! from an array holds a clone of the array, which keeps the storage alive and makes every
//! later write through another array on that storage copy first. One exception: an array on a
//! memory map opened read-write shares the file, and writes through the `Memmap` handle (or
//! another process) reach the Arrow buffer too, as they reach every array on that map.
//!
//! Copies happen, and are reported (`Masked::copied`), for: bools (bit-packed in Arrow),
//! arrays that are not C-contiguous, foreign buffers not aligned for the element type (an
//! oxarray array must be aligned; reading unaligned memory in place would be undefined
//! behaviour), and filled nulls.

pub mod batch;
pub mod conversion;
mod error;
pub mod ffi;
pub mod ipc;
pub mod metadata;
pub mod tensor;
pub mod variable;

pub use batch::{from_record_batch, records_from_batch, records_to_batch, to_record_batch};
pub use conversion::leaf::arrow_type_of;
pub use conversion::primitive::{
    ArrowNative, from_boolean_array, from_primitive_array, to_boolean_array, to_primitive_array,
};
pub use conversion::{
    FromArrowOptions, Masked, Nulls, from_array_data, from_arrow, from_arrow_with, to_arrow,
    to_arrow_masked,
};
pub use error::{Column, Error, Result};
pub use metadata::TensorMetadata;
pub use tensor::{
    from_arrow_field, tensor_metadata, to_arrow_field, to_tensor_column, to_tensor_column_masked,
};
pub use variable::read_variable_shape_tensor;
