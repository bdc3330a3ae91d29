//! Elementwise ufuncs under NumPy's names: `add`, `add_into`, `add_inplace`, `add_dyn`, `sqrt`,
//! ... Each is one call of the engine in [`oxarray_core::elementwise`] (the op types, the SIMD
//! kernels, the loops and the thread split live there, beside the operators, so that `&a + &b`
//! and `add(&a, &b)` are the same call). This crate adds the NumPy-named functions and the
//! run-time-dtype front ends on [`DynArray`](oxarray_core::DynArray).
//!
//! ```
//! use oxarray_core::{array, Array};
//! use oxarray_ufunc::{add, add_into, multiply_into, sqrt, less};
//!
//! let x = array![[1.0, 4.0], [9.0, 16.0]];
//! let y = add(&x, &array![10.0, 20.0])?;            // broadcasting
//! assert_eq!(y.to_vec(), vec![11.0, 24.0, 19.0, 36.0]);
//! assert_eq!(sqrt(&x)?.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
//! assert_eq!(less(&x, 5.0)?.to_vec(), vec![true, true, false, false]);
//!
//! // NumPy's `np.multiply(x, 2.5, out=z); np.add(z, 1.2, out=z)`: no allocation.
//! // Arguments: inputs, then options (`where=`), then `out` last.
//! let mut z = Array::<f64>::zeros([2, 2])?;
//! multiply_into(&x, 2.5, None, &mut z)?;
//! let z_copy = z.clone();
//! add_into(&z_copy, 1.2, None, &mut z)?;
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! See [`oxarray_core::elementwise`] for the loops, the SIMD/scalar agreement guarantees and the
//! integer semantics.

mod dynamic;
mod functions;

pub use dynamic::{DynBinaryOp, DynUnaryOp, binary_dyn, unary_dyn};
pub use functions::*;
pub use oxarray_core::elementwise::{
    Where, WriteArray, binary, binary_inplace, binary_into, result_layout, simd, unary,
    unary_inplace, unary_into, with_scalar_kernels,
};

/// The op types (one zero-sized type per NumPy ufunc) and their traits, from
/// [`oxarray_core::elementwise::ops`], plus the run-time-dtype traits of this crate.
pub mod ops {
    pub use super::dynamic::{DynBinaryOp, DynUnaryOp};
    pub use oxarray_core::elementwise::ops::*;
}
