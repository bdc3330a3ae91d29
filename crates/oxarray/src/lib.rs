//! # oxarray: NumPy + CuPy for Rust
//!
//! One strided n-dimensional array with NumPy's semantics, fast on the CPU (SIMD, every core,
//! fused passes), as a workspace of small crates re-exported here:
//!
//! | crate | what it holds |
//! |---|---|
//! | [`oxarray_core`] | element types, dtypes, `Array` / views, slicing, broadcasting, iteration, indexing, `DynArray` |
//! | [`oxarray_ufunc`] | elementwise ufuncs, reductions, fused expressions |
//! | [`oxarray_linalg`] | matmul, tensordot, einsum, multi_dot |
//! | `oxarray_io` (feature `io`) | `.npy` / `.npz`, memory maps, the batch loader |
//! | `oxarray_record` (feature `record`) | structured dtypes, `#[derive(Record)]` |
//! | `oxarray_arrow` (feature `arrow`) | Apache Arrow interop |
//! | `oxarray_conv` (feature `conv`) | convolution and filters |
//! | `oxarray_cuda` (feature `cuda`) | the CUDA backend |
//! | `oxarray_random` (feature `random`) | NumPy-identical random numbers |
//! | `oxarray_sort` (feature `sort`) | sorting, searching, sets, statistics |
//!
//! Every optional crate has its feature, all on by default; with `default-features = false`
//! the facade builds core, ufunc and linalg alone.
//!
//! ```
//! use oxarray::prelude::*;
//!
//! let m = ox::arange(0.0, 12.0, 1.0)?.into_shape([3, 4])?;  // np.arange(12.).reshape(3, 4)
//! let v = m.slice(s![..;2, ..;-1])?;                       // m[::2, ::-1]: a view
//! assert_eq!(v.shape(), &[2, 4]);
//! let c = ox::ascontiguousarray(&v);                        // copies only when needed
//! assert!(c.is_c_contiguous());
//! # Ok::<(), oxarray::Error>(())
//! ```
//!
//! The NumPy-named free functions live in [`ox`] (`ox::zeros`, `ox::arange`, ...), methods on
//! the array types cover the rest. `docs/guide.md` is a NumPy user's first hour in oxarray,
//! `docs/numpy-to-oxarray.md` the name-by-name table (both checked by the tests).

pub use oxarray_core::*;
pub use oxarray_core::{array, dispatch_dtype, dispatch_dyn, s};

pub use oxarray_linalg as linalg;
pub use oxarray_ufunc as ufunc;

#[cfg(feature = "arrow")]
pub use oxarray_arrow as arrow;
#[cfg(feature = "conv")]
pub use oxarray_conv as conv;
#[cfg(feature = "cuda")]
pub use oxarray_cuda as cuda;
#[cfg(feature = "io")]
pub use oxarray_io as io;
#[cfg(feature = "random")]
pub use oxarray_random as random;
#[cfg(feature = "record")]
pub use oxarray_record as record;
#[cfg(feature = "sort")]
pub use oxarray_sort as sort;

pub mod ox;

/// The guide (`docs/guide.md`), included so that its examples run as doctests.
#[doc = include_str!("../../../docs/guide.md")]
#[doc(hidden)]
pub mod guide {}

/// The names most programs need: `use oxarray::prelude::*;`.
pub mod prelude {
    pub use crate::ox;
    pub use oxarray_core::{
        Array, ArrayView, ArrayViewMut, AsArrayView, Complex32, Complex64, CowArray, DType,
        DynArray, Element, Ellipsis, Error, NewAxis, Order, Result, WriteArray, array, bf16, f16,
        s,
    };
    pub use oxarray_ufunc::{ReduceExt, lazy, update};
}
