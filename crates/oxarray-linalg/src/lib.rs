//! # oxarray-linalg
//!
//! NumPy's products for oxarray arrays: `matmul` (`@`), `dot`, `vdot`, `inner`, `outer`,
//! `tensordot`, `trace`, `kron`, `einsum` with planned contraction order, and `multi_dot`.
//!
//! ```
//! use oxarray_core::{s, Array};
//! use oxarray_linalg::{einsum, matmul, multi_dot, tensordot};
//!
//! let a = Array::<f64>::from_shape_fn([64, 32], |i| (i[0] + i[1]) as f64)?;
//! let b = Array::<f64>::ones([32, 16])?;
//! let c = matmul(&a, &b)?;                              // a @ b
//! let ct = matmul(&b.t(), &a.t())?;                     // (a @ b).T, no copies of a or b
//! assert_eq!(c.t(), ct);
//! let stepped = matmul(&a.slice(s![..;2, ..])?, &b)?;   // a[::2] @ b, a view multiplied in place
//! assert_eq!(stepped.shape(), &[32, 16]);
//! let e = einsum("ij,jk->ik", &[a.view(), b.view()])?;  // planned, one gemm
//! assert_eq!(e, c);
//! assert_eq!(tensordot(&a, &b, (-1, 0))?, c);
//! let x = Array::<f64>::ones([16])?;
//! let v = multi_dot(&[a.view(), b.view(), x.view()])?;   // a @ b @ x, cheapest order
//! assert_eq!(v.shape(), &[64]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! ## How products run
//! Every product lowers to one strided, batched matrix product. For `f16`, `f32`, `f64`,
//! `Complex32` and `Complex64` the `gemm` crate does the arithmetic (AVX-512 / AVX2 kernels
//! chosen at run time, rayon threads for large matrices), called with each operand's own row
//! and column strides: transposed, F-order, stepped (`s![..;2]`) and reversed (`s![..;-1]`)
//! views multiply without a copy. Stacks of small matrices (both output sides up to 16) run
//! a register-blocked kernel of this crate, threaded over the stack. Integers, `bool` and
//! `bf16` use the same blocked kernel at every size (integer sums wrap around on overflow, as
//! NumPy's do; bool products are `and`/`or`). [`LinalgScalar`] is the one place where this
//! choice is made.
//!
//! ## NumPy to oxarray
//!
//! | NumPy | oxarray |
//! |---|---|
//! | `a @ b`, `np.matmul(a, b)` | [`matmul(&a, &b)`](matmul) |
//! | `np.matmul(a, b, out=c)` | [`matmul_into(&mut c.view_mut(), &a, &b)`](matmul_into) |
//! | `np.dot(a, b)` | [`dot(&a, &b)`](dot) |
//! | `np.vdot(a, b)` | [`vdot(&a, &b)`](vdot) (returns the scalar) |
//! | `np.inner(a, b)` | [`inner(&a, &b)`](inner) |
//! | `np.outer(a, b)` | [`outer(&a, &b)`](outer) |
//! | `np.kron(a, b)` | [`kron(&a, &b)`](kron) |
//! | `np.trace(m)` (2-D) | [`trace(&m)`](trace) (returns the scalar) |
//! | `np.trace(a, offset, axis1, axis2)` | [`trace_axes(&a, offset, axis1, axis2)`](trace_axes) |
//! | `np.tensordot(a, b, axes=2)` | [`tensordot(&a, &b, 2)`](tensordot) |
//! | `np.tensordot(a, b, axes=(-1, 0))` | [`tensordot(&a, &b, (-1, 0))`](tensordot) |
//! | `np.tensordot(a, b, axes=([1, 0], [0, 1]))` | [`tensordot(&a, &b, ([1, 0], [0, 1]))`](tensordot) |
//! | `np.einsum('ijk,kl->ijl', a, b, optimize=True)` | [`einsum("ijk,kl->ijl", &[a.view(), b.view()])`](einsum) (always optimised) |
//! | `np.einsum_path('ij,jk,kl->il', a, b, c)` | [`einsum_path("ij,jk,kl->il", &[a.shape(), b.shape(), c.shape()])`](einsum_path) |
//! | `np.linalg.multi_dot([x, y, z])` | [`multi_dot(&[x.view(), y.view(), z.view()])`](multi_dot) |
//!
//! Differences from NumPy: `einsum` always plans its contraction order (NumPy's default
//! `optimize=False` evaluates one nested loop, about ten times slower on `'ijk,kl->ijl'`);
//! results are new C-order arrays, never views of the inputs; errors are `Err` values whose
//! messages name the shapes, axes and subscript characters at fault.

mod contract;
mod decomp;
mod einsum;
mod elementwise;
mod kernel;
mod matmul;
mod multi_dot;
mod narrow;
mod product;
mod scalar;
mod small;
mod tensordot;

pub use decomp::*;
pub use einsum::{EinsumPath, einsum, einsum_path};
pub use matmul::{matmul, matmul_into};
pub use multi_dot::multi_dot;
pub use product::{dot, inner, kron, outer, trace, trace_axes, vdot};
pub use scalar::{Accumulator, LinalgScalar};
pub use tensordot::{TensordotAxes, tensordot};
