//! The one elementwise engine of oxarray: NumPy's unary and binary universal functions with
//! broadcasting, `where=`, `out=` and in-place updates. The operators on arrays (`&a + &b`,
//! `x *= 5.0`), the NumPy-named functions of `oxarray-ufunc` (`add`, `add_into`, ...), linear
//! algebra's elementwise needs and the CUDA backend's kernel names all go through it.
//!
//! ```
//! use oxarray_core::{array, Array};
//! use oxarray_core::elementwise::{binary, binary_into, ops::{Add, Multiply}};
//!
//! let x = array![[1.0, 4.0], [9.0, 16.0]];
//! let y = binary(Add, &x, &array![10.0, 20.0])?;     // broadcasting
//! assert_eq!(y.to_vec(), vec![11.0, 24.0, 19.0, 36.0]);
//! assert_eq!((&x + &array![10.0, 20.0]), y);          // the operator is the same call
//!
//! // NumPy's `np.multiply(x, 2.5, out=z)`: inputs, options (`where=`), then `out` last.
//! let mut z = Array::<f64>::zeros([2, 2])?;
//! binary_into(Multiply, &x, 2.5, None, &mut z)?;
//! assert_eq!(z.to_vec(), vec![2.5, 10.0, 22.5, 40.0]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! # Structure
//!
//! * [`ops`]: one zero-sized type per operation, with its scalar function per element type and,
//!   for the hot float ops, an explicit pulp SIMD body (see its docs for how an op is defined).
//! * [`unary`], [`binary`] and their `_into` / `_inplace` variants: the generic entry points;
//!   the dtype is a type parameter, so dispatch is static. Inputs are any
//!   [`AsArrayView`](crate::AsArrayView): arrays, views, references to them, or scalars.
//! * [`result_layout`]: the one rule for the memory order of a new result (NumPy's `order='K'`).
//! * `kernel`: the loop driver (a [`LoopPlan`](crate::iter::LoopPlan), the thread split, the
//!   SIMD dispatch).
//!
//! # Loops
//!
//! The operands are broadcast to the output's shape, then a
//! [`LoopPlan`](crate::iter::LoopPlan) (the output as operand 0) drops axes of length one,
//! flips negative strides, puts the smallest stride innermost and merges contiguous axes. Each
//! inner run takes the contiguous SIMD body when every operand has stride 1 (or 0: a broadcast
//! scalar, as in `x * 2.5`), and a strided scalar loop otherwise. Loops of at least
//! [`PARALLEL_MIN_ELEMENTS`](crate::parallel::PARALLEL_MIN_ELEMENTS) elements are split over
//! rayon's threads (long single runs are cut into pieces). New results follow
//! [`result_layout`] and are written into fresh memory without a zeroing pass.
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
//!   libm function per element, so they agree exactly.
//!
//! Against NumPy (the golden tests of `oxarray-ufunc`) exact ops agree bit for bit;
//! transcendental ones within 4 ulp for `f32`/`f64` and 1 ulp for `f16` (both use the platform
//! libm, which may differ between machines in the last place).
//!
//! # Integer semantics
//!
//! As NumPy: arithmetic wraps on overflow; `x // 0` and `x % 0` give 0 for integers (NumPy
//! returns 0 and warns); `//` and `%` round as Python does (toward negative infinity, the
//! remainder has the sign of the divisor); shifts by the bit width or more give 0 (or -1 for a
//! negative number shifted right); true division of integers gives `float64`.

#[macro_use]
mod macros;

pub mod ops;
pub mod simd;

mod dispatch;
mod impls_arith;
mod impls_logic;
mod impls_math;
mod impls_numeric;
mod kernel;
mod operand;
mod rules;

pub use dispatch::{
    Where, binary, binary_inplace, binary_into, result_layout, unary, unary_inplace, unary_into,
};
pub use kernel::with_scalar_kernels;
pub use operand::WriteArray;
