//! # oxarray-core
//!
//! The strided n-dimensional array of oxarray, with NumPy's semantics: storage, element types,
//! views, slicing, broadcasting, iteration and indexing.
//!
//! ```
//! use oxarray_core::{array, s, Array};
//!
//! let m = Array::<f64>::arange(0.0, 12.0, 1.0)?.into_shape([3, 4])?;
//! let v = m.slice(s![..;2, ..;-1])?;        // m[::2, ::-1], a view: O(1), no copy
//! assert_eq!(v.to_vec(), vec![3., 2., 1., 0., 11., 10., 9., 8.]);
//! let col = m.slice(s![.., 1])?;             // m[:, 1]
//! assert_eq!(col.to_vec(), vec![1., 5., 9.]);
//! let b = m.broadcast_to([2, 3, 4])?;         // zero strides, read-only
//! assert_eq!(b.strides(), &[0, 4, 1]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! ## The array model
//! Shapes and strides live inline up to six dimensions; strides are signed and counted in
//! elements. [`Array`] shares a reference-counted [`Storage`] (64-byte aligned when oxarray
//! allocates it, or any foreign owner: a `Vec`, a memory map, an Arrow buffer) and copies on
//! the first write while shared. [`ArrayView`] and [`ArrayViewMut`] borrow; mutating a
//! `ArrayViewMut` mutates its base, as in NumPy. The invariants are stated once, in
//! [`array`](mod@array).

mod accumulator;
pub mod array;
pub mod broadcast;
pub mod buffer;
mod copy;
mod creation;
pub mod diagonal;
pub mod dims;
mod display;
pub mod dtype;
pub mod dynarray;
pub mod element;
pub mod elementwise;
pub mod error;
pub mod extract;
pub mod grids;
pub mod index;
pub mod iter;
pub mod join;
pub mod layout;
pub mod operators;
pub mod pad;
pub mod parallel;
pub mod promote;
pub mod rearrange;
pub mod select;
mod shape_arg;
mod shape_methods;
pub mod slice;
pub mod split;
mod strided;

pub use accumulator::Accumulator;
pub use array::{Array, ArrayView, ArrayViewMut, AsArrayView, CowArray};
pub use broadcast::{broadcast_arrays, broadcast_to};
pub use buffer::Storage;
pub use copy::{copyto, run_plan};
pub use dims::{Dims, Strides};
pub use dtype::{DType, DTypeKind};
pub use dynarray::DynArray;
pub use element::{Complex32, Complex64, Element, Scalar};
pub use elementwise::WriteArray;
pub use error::{Error, Result};
pub use half::{bf16, f16};
pub use index::{IndexArg, IndexArray, IndexInt};
pub use layout::{Layout, Order, broadcast_shapes, normalize_axis};
pub use num_complex;
pub use promote::{
    Casting, PyScalar, can_cast, result_type, result_type_many, result_type_with_scalar,
};
pub use shape_arg::{IntoShape, ReshapeArg};
pub use slice::{Ellipsis, NewAxis, SliceArg};
