//! # oxarray-arrow: Apache Arrow interop
//!
//! oxarray arrays in and out of Arrow-based pipelines (pyarrow, polars, DataFusion, DuckDB):
//!
//! * [`conversion`]: 1-D arrays of every primitive dtype to and from Arrow arrays, without
//!   copying numeric data in either direction; n-d arrays as nested `FixedSizeList`s; nulls
//!   refused, filled or returned as a mask.
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
