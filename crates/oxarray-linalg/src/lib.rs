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
//! | `np.matmul(a, b, out=c)` | [`matmul_into(&a, &b, &mut c)`](matmul_into) |
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
//!
//! ## Solving, decompositions, norms (the rest of `numpy.linalg`)
//!
//! On the `faer` crate; every function takes stacks `(..., M, N)` whose batch axes
//! broadcast, in any layout, computes in `f64` / `Complex64` (as NumPy) and returns
//! `Result` with NumPy's `LinAlgError` cases as structured errors
//! ([`Error::is_linalg_error`](oxarray_core::Error::is_linalg_error)).
//!
//! ```
//! use oxarray_core::array;
//! use oxarray_linalg::{cholesky, lstsq, qr, solve, svd, QrMode, SvdOptions};
//!
//! let a = array![[4.0f64, 2.0], [2.0, 3.0]];
//! let x = solve(&a, &array![6.0, 5.0])?;                    // a @ x = b
//! let l = cholesky(&a, false)?;                             // a = l @ l.T
//! let (q, r) = qr(&a, QrMode::Reduced)?.into_qr().unwrap(); // a = q @ r
//! let s = svd(&a, SvdOptions::default())?.s;                // descending
//! let fit = lstsq(&array![[1.0f64, 0.0], [1.0, 1.0], [1.0, 2.0]], &array![1.0, 2.0, 2.0], None)?;
//! assert_eq!((x.shape(), l.shape(), q.shape(), r.shape(), s.shape()), (&[2][..], &[2, 2][..], &[2, 2][..], &[2, 2][..], &[2][..]));
//! assert_eq!(fit.rank, 2);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! | NumPy / SciPy | oxarray |
//! |---|---|
//! | `np.linalg.solve(a, b)` | [`solve(&a, &b)`](solve) |
//! | `np.linalg.inv(a)` | [`inv(&a)`](inv) |
//! | `np.linalg.det(a)`, `slogdet(a)` | [`det(&a)`](det), [`slogdet(&a)`](slogdet) |
//! | `np.linalg.cholesky(a, upper=False)` | [`cholesky(&a, false)`](cholesky) |
//! | `np.linalg.qr(a, mode='reduced')` | [`qr(&a, QrMode::Reduced)`](qr) (also `Complete`, `R`, `Raw`) |
//! | `np.linalg.svd(a, full_matrices, compute_uv, hermitian)` | [`svd(&a, SvdOptions { .. })`](svd) |
//! | `np.linalg.svdvals(x)` | [`svdvals(&x)`](svdvals) |
//! | `np.linalg.eig(a)`, `eigvals(a)` | [`eig(&a)`](eig), [`eigvals(&a)`](eigvals) (complex; [`dynamic::eig_dyn`] real when NumPy's is) |
//! | `np.linalg.eigh(a, UPLO='L')`, `eigvalsh` | [`eigh(&a, Uplo::Lower)`](eigh), [`eigvalsh`] |
//! | `np.linalg.lstsq(a, b, rcond=None)` | [`lstsq(&a, &b, None)`](lstsq) |
//! | `np.linalg.pinv(a, rtol=...)` | [`pinv(&a, PinvOptions { .. })`](pinv) |
//! | `np.linalg.matrix_rank(A, tol, hermitian, rtol)` | [`matrix_rank(&a, MatrixRankOptions { .. })`](matrix_rank) |
//! | `np.linalg.matrix_power(a, n)` | [`matrix_power(&a, n)`](matrix_power) |
//! | `np.linalg.cond(x, p)` | [`cond(&x, Some(NormOrder::P(1.0)))`](cond) |
//! | `np.linalg.norm(x, ord, axis, keepdims)` | [`norm(&x, ord, axis, keepdims)`](norm) |
//! | `np.linalg.vector_norm`, `matrix_norm` | [`vector_norm`], [`matrix_norm`] |
//! | `np.linalg.tensorsolve(a, b, axes)`, `tensorinv(a, ind)` | [`tensorsolve`], [`tensorinv`] |
//! | `scipy.linalg.lu`, `lu_factor`, `lu_solve` | [`lu`], [`lu_factor`], [`lu_solve`] |
//! | `scipy.linalg.cho_factor`, `cho_solve` | [`cho_factor`], [`cho_solve`] |
//! | `scipy.linalg.solve_triangular` | [`solve_triangular`] |
//!
//! Differences from NumPy: `eig` returns complex arrays always (the typed API cannot change
//! its result type with the values; [`dynamic::eig_dyn`] follows NumPy); the order of
//! `eig`'s eigenvalues and the signs of singular vectors and of real eigenvectors are
//! unspecified in NumPy and need not be LAPACK's; a Cholesky factorisation refuses NaN
//! pivots where OpenBLAS may return NaNs; SciPy's functions compute `float32` input in double
//! precision (as NumPy does) rather than single.

mod contract;
mod decomp;
mod einsum;
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
pub use scalar::LinalgScalar;
pub use tensordot::{TensordotAxes, tensordot};
