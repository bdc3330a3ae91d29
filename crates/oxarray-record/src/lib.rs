//! # oxarray-record: structured dtypes
//!
//! NumPy's structured (record) dtypes for oxarray: a run-time [`RecordDType`] of named fields
//! (element type, sub-array shape, byte offset) laid out with NumPy's rules for
//! `align=False` and `align=True`, [`RecordArray`]s whose fields are strided views of their
//! element types, and `#[derive(Record)]` for `#[repr(C)]` structs.
//!
//! | NumPy | oxarray |
//! |---|---|
//! | `np.dtype([('t','<u8'),('pos','<f4',(3,))], align=True)` | [`RecordDType::parse`]`(spec, true)` or [`RecordDType::new`] with [`FieldSpec`]s |
//! | `dt.itemsize`, `dt.alignment`, `dt.names`, `dt.fields[n][1]` | [`itemsize`](RecordDType::itemsize), [`alignment`](RecordDType::alignment), [`names`](RecordDType::names), [`offsets`](RecordDType::offsets) |
//! | `dt.isalignedstruct` | [`is_aligned_struct`](RecordDType::is_aligned_struct) |
//! | `dt.descr` | [`descr::npy_descr`] |
//! | `np.zeros(4, dt)` | [`RecordArray::zeros`] |
//! | `a['pos']` (a view) | [`RecordArray::field`] / [`field_mut`](RecordArray::field_mut) |
//! | `a['pos'].copy()` | [`RecordArray::field_to_array`] |
//! | `a[1:3]` | [`RecordArray::slice`] |
//! | `a.flags.aligned` | [`RecordArray::is_aligned`] |
//!
//! ```
//! use oxarray_record::{s, Align, DType, FieldSpec, Record, RecordArray, RecordDType};
//!
//! // The article's particle record, by hand and by derive: both give NumPy's layout.
//! let by_hand = RecordDType::new(&[
//!     FieldSpec::new("timestamp", DType::U64),
//!     FieldSpec::new("position", DType::F32).shape([3]),
//!     FieldSpec::new("velocity", DType::F32).shape([3]),
//! ], Align::C)?;
//!
//! #[derive(Record, Clone, Copy)]
//! #[repr(C)]
//! struct Particle { timestamp: u64, position: [f32; 3], velocity: [f32; 3] }
//! assert_eq!(Particle::record_dtype(), by_hand);
//!
//! let mut a = RecordArray::zeros(by_hand, [1000])?;
//! a.field_mut::<f32>("velocity")?.fill(2.0);
//! let x = a.field::<f32>("position")?;        // shape [1000, 3], strides [8, 1] elements
//! assert_eq!(x.strides(), &[8, 1]);
//! let every_other = a.slice(s![..;2])?;       // every field sliced, no copy
//! assert_eq!(every_other.field::<f32>("velocity")?.shape(), &[500, 3]);
//! assert!(a.is_aligned());
//! # Ok::<(), oxarray_record::Error>(())
//! ```
//!
//! Strides of field views count elements, as everywhere in oxarray; a field whose bytes are
//! not a whole number of elements apart, or not aligned (a packed record), or stored in the
//! other byte order, cannot be viewed in place: [`RecordArray::field_to_array`] copies it.

pub mod array;
pub mod bytes;
pub mod descr;
pub mod dtype;
pub mod pyliteral;
pub mod record;

pub use array::RecordArray;
pub use dtype::{Align, ByteOrder, Field, FieldSpec, FieldType, RecordDType, align_up};
pub use oxarray_core::{DType, Error, Result, s};
pub use oxarray_record_derive::Record;
pub use record::{__private, Record, RecordField};
