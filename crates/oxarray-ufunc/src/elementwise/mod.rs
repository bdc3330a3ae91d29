//! Elementwise ufuncs: NumPy's unary and binary universal functions with broadcasting,
//! `out=`, `where=`, in-place updates and mixed dtypes on [`DynArray`](oxarray_core::DynArray).
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
//! let mut z = Array::<f64>::zeros([2, 2])?;
//! multiply_into(&mut z, &x, 2.5, None)?;
//! let z_copy = z.clone();
//! add_into(&mut z, &z_copy, 1.2, None)?;
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! # Structure
//!
//! * [`ops`]: one zero-sized type per operation, with its scalar function per element type and,
//!   for the hot float ops, an explicit pulp SIMD body (see its docs for how an op is defined).
//! * [`unary`], [`binary`] and their `_into` / `_inplace` variants: the generic entry points;
//!   the dtype is a type parameter, so dispatch is static. [`unary_dyn`] and [`binary_dyn`]:
//!   run-time dtypes, promoted by NEP 50 and dispatched in one macro-written table per op.
//! * NumPy-named functions (`add`, `add_into`, `add_inplace`, `add_dyn`, `sqrt`, ...).
//!
//! # Loops
//!
//! The operands are broadcast to the output's shape, then a
//! [`LoopPlan`](oxarray_core::iter::LoopPlan) (the output as operand 0) drops axes of length
//! one, flips negative strides, puts the smallest stride innermost and merges contiguous axes.
//! Each inner run takes the contiguous SIMD body when every operand has stride 1 (or 0: a
//! broadcast scalar, as in `x * 2.5`), and a strided scalar loop otherwise. Loops of at least
//! [`PARALLEL_MIN_ELEMENTS`](oxarray_core::parallel::PARALLEL_MIN_ELEMENTS) elements are split
//! over rayon's threads (long single runs are cut into pieces). New results follow the memory
//! order of the first non-broadcast input (NumPy's `order='K'`) and are written into fresh
//! memory without a zeroing pass.
//!
//! # Agreement of the SIMD and scalar paths
//!
//! [`with_scalar_kernels`] forces the strided scalar path, the reference. The tests run both
//! paths on every op and dtype:
//!
//! * exact ops (arithmetic, comparisons, min/max, bitwise, rounding, `sqrt`, `abs`, sign
//!   manipulation, classification) agree **bit for bit**, NaN payloads aside;
//! * transcendental functions (`exp`, `log`, trigonometric, hyperbolic, `cbrt`, `power`,
//!   `arctan2`, `hypot`) are allowed **4 ulp** of difference. Today both paths call the same
//!   libm function per element (vectorised polynomial bodies may replace the SIMD path later
//!   within that bound), so they agree exactly.
//!
//! Against NumPy (the golden tests) exact ops agree bit for bit; transcendental ones within
//! 4 ulp for `f32`/`f64` and 1 ulp for `f16` (both use the platform libm, which may differ
//! between machines in the last place).
//!
//! # Integer semantics
//!
//! As NumPy: arithmetic wraps on overflow; `x / 0`, `x // 0` and `x % 0` give 0 for integers
//! (NumPy returns 0 and warns); `//` and `%` round as Python does (toward negative infinity,
//! the remainder has the sign of the divisor); shifts by the bit width or more give 0 (or -1
//! for a negative number shifted right). One deviation: NumPy raises `ValueError` for a
//! negative integer exponent in `power`; oxarray returns the truncated value of the real power
//! (1 for base 1, +-1 for base -1, 0 otherwise).

#[macro_use]
mod macros;

pub mod ops;
pub mod simd;

mod dispatch;
mod dynamic;
mod functions;
mod impls_arith;
mod impls_logic;
mod impls_math;
mod kernel;
mod operand;
mod scalar;

pub use dispatch::{binary, binary_inplace, binary_into, unary, unary_inplace, unary_into};
pub use dynamic::{binary_dyn, unary_dyn};
pub use functions::*;
pub use kernel::with_scalar_kernels;
pub use operand::{Operand, WriteArray};
