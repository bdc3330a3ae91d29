//! `cholesky` (NumPy) and `cho_factor` / `cho_solve` (SciPy).
//!
//! The factorisation runs in place in the C-order result itself (or a C-order work copy for
//! `f32` inputs): `faer` factors the lower triangle it sees, so the lower factor `L` is
//! computed through the row-major view of the result, and the upper factor `U = L^H` through
//! the column-major view, in which the input's upper triangle is a lower triangle. Neither
//! needs a transposing copy.

use oxarray_core::parallel::SendPtr;
use oxarray_core::{Array, ArrayView, AsArrayView, Element, Result};

use crate::decomp::batch::{Failure, Fresh, Matrix, Rhs, Stack, check_stacked_square};
use crate::decomp::batch::{copy_matrix, run_batch};
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;
use crate::decomp::lu::same_type;

/// Multiply-adds of a Cholesky factorisation of order `n`.
fn cholesky_work(n: usize) -> f64 {
    let n = n as f64;
    n * n * n / 6.0
}

/// Which triangle of a matrix holds (or receives) a factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Uplo {
    /// The lower triangle (NumPy's `UPLO='L'`, `upper=False`; SciPy's `lower=True`).
    #[default]
    Lower,
    /// The upper triangle (NumPy's `UPLO='U'`, `upper=True`; SciPy's `lower=False`).
    Upper,
}

/// A C-order `n x n` work matrix of the work type.
#[derive(Debug)]
struct Square<W> {
    data: Vec<W>,
}

impl<W: Element> Square<W> {
    fn matrix(&mut self, n: usize) -> Matrix<W> {
        self.data.resize(n * n, W::zero());
        Matrix {
            ptr: SendPtr::new(self.data.as_mut_ptr()),
            rows: n,
            cols: n,
            rs: n as isize,
            cs: 1,
        }
    }
}

/// Factors every matrix of `a` into the C-order result: the factor in the `uplo` triangle;
/// the other triangle zeroed (`keep_other = false`, NumPy's `cholesky`) or a copy of `a`'s
/// (SciPy's `cho_factor`).
fn factor_stack<T: LinalgInput>(
    op: &'static str,
    a: &ArrayView<'_, T>,
    uplo: Uplo,
    keep_other: bool,
) -> Result<Array<T::Float>> {
    let n = check_stacked_square(op, a.shape())?;
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let stack = Stack::new(a, &batch);
    let mut out = Fresh::<T::Float>::new(a.shape().to_vec(), n * n)?;
    let slots = out.slots();
    let direct = same_type::<T::Float, WorkOf<T>>();
    run_batch(
        op,
        &batch,
        cholesky_work(n),
        || Square::<WorkOf<T>> { data: Vec::new() },
        |item, par, scratch| {
            let result = slots.matrix(item, n, n);
            let src = stack.matrix(&batch, item);
            // SAFETY: `result` is this item's part of the fresh C-order result; `src` reads
            // the input (its view's invariants); `target` is either `result` itself (same
            // type) or this thread's scratch.
            unsafe {
                let target = if direct {
                    result.cast::<WorkOf<T>>()
                } else {
                    scratch.matrix(n)
                };
                copy_matrix(src, target, T::to_work);
                let seen = match uplo {
                    Uplo::Lower => target,
                    Uplo::Upper => target.t(),
                };
                if let Err(index) = WorkOf::<T>::cholesky_in_place(seen.faer_mut(), par) {
                    return Err(Failure::NotPositiveDefinite(index + 1));
                }
                // Restore or clear the strict other triangle (faer may use it as scratch);
                // make the diagonal exactly real, as LAPACK's (faer leaves round-off in the
                // imaginary parts).
                for i in 0..n {
                    let d = target.ptr.get().offset(i as isize * (target.rs + 1));
                    *d = WorkOf::<T>::from_f64((*d).re());
                    for j in 0..n {
                        let other = match uplo {
                            Uplo::Lower => j > i,
                            Uplo::Upper => j < i,
                        };
                        if other {
                            let p = target.ptr.get().offset(i as isize * target.rs + j as isize);
                            *p = if keep_other {
                                T::to_work(src.at(i, j))
                            } else {
                                WorkOf::<T>::zero()
                            };
                        }
                    }
                }
                if !direct {
                    copy_matrix(target, result, T::Float::from_work);
                }
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its `n x n` result.
    unsafe { out.finish() }
}

/// NumPy's `linalg.cholesky(a, upper=False)`: the Cholesky factor of each Hermitian positive
/// definite matrix of a `(..., M, M)` stack: lower `L` with `a = L @ L^H` (the default,
/// reading only the lower triangle of `a`), or with `upper = true` the upper `U` with `a =
/// U^H @ U` (reading only the upper triangle). The other triangle of the result is zero.
///
/// # Errors
/// [`Error::NotPositiveDefinite`](oxarray_core::Error::NotPositiveDefinite) naming the batch
/// index and the failing leading minor; shape errors as [`crate::inv`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{cholesky, matmul};
///
/// let a = array![[4.0f64, 2.0], [2.0, 3.0]];
/// let l = cholesky(&a, false)?;
/// assert_eq!(l[[0, 1]], 0.0);
/// let back = matmul(&l, &l.t())?;
/// assert!((back[[1, 1]] - 3.0).abs() < 1e-12);
/// let u = cholesky(&a, true)?;
/// assert_eq!(u, l.t().to_owned());
/// assert!(cholesky(&array![[1.0f64, 2.0], [2.0, 1.0]], false).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cholesky<T: LinalgInput>(a: &impl AsArrayView<T>, upper: bool) -> Result<Array<T::Float>> {
    check_supported::<T>("cholesky")?;
    let uplo = if upper { Uplo::Upper } else { Uplo::Lower };
    factor_stack("cholesky", &a.as_view(), uplo, false)
}

/// The result of [`cho_factor`]: SciPy's `(c, lower)` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoFactor<F: LinalgFloat> {
    /// The factor in the triangle given by `lower`; the other triangle holds the input's
    /// entries (SciPy: "random data").
    pub c: Array<F>,
    /// Whether the factor is the lower one (`a = L L^H`) or the upper one (`a = U^H U`).
    pub lower: bool,
}

/// SciPy's `linalg.cho_factor(a, lower=False)`: the Cholesky factorisation of each matrix of
/// a `(..., M, M)` stack, for [`cho_solve`]. Note SciPy's default is the upper factor.
///
/// # Errors
/// As [`cholesky`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{cho_factor, cho_solve};
///
/// let a = array![[4.0f64, 2.0], [2.0, 3.0]];
/// let factor = cho_factor(&a, false)?;
/// assert_eq!(factor.c[[1, 0]], 2.0); // the untouched lower triangle
/// let x = cho_solve(&factor, &array![6.0f64, 5.0])?;
/// assert!((x[[0]] - 1.0).abs() < 1e-12 && (x[[1]] - 1.0).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cho_factor<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    lower: bool,
) -> Result<ChoFactor<T::Float>> {
    check_supported::<T>("cho_factor")?;
    let uplo = if lower { Uplo::Lower } else { Uplo::Upper };
    Ok(ChoFactor {
        c: factor_stack("cho_factor", &a.as_view(), uplo, true)?,
        lower,
    })
}

/// SciPy's `linalg.cho_solve((c, lower), b)`: solves `a x = b` with the factorisation of
/// [`cho_factor`]. `b` is a vector `(M,)` or a stack `(..., M, K)` broadcasting against the
/// factors' batch axes.
///
/// # Errors
/// Shape errors as [`crate::solve`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{cho_factor, cho_solve};
///
/// let factor = cho_factor(&array![[2.0f64, 1.0], [1.0, 2.0]], true)?;
/// let x = cho_solve(&factor, &array![[3.0f64, 1.0], [3.0, -1.0]])?;
/// assert!((x[[0, 0]] - 1.0).abs() < 1e-12 && (x[[1, 1]] + 1.0).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cho_solve<F: LinalgFloat>(
    c_and_lower: &ChoFactor<F>,
    b: &impl AsArrayView<F>,
) -> Result<Array<F>> {
    let (c, b) = (c_and_lower.c.view(), b.as_view());
    let n = check_stacked_square("cho_solve", c.shape())?;
    let rhs = Rhs::new("cho_solve", c.shape(), b.shape())?;
    let (batch, k) = (&rhs.batch[..], rhs.k);
    let (c_stack, b_stack) = (Stack::new(&c, batch), rhs.stack(&b));
    let mut out = Fresh::<F>::new(rhs.out_shape.clone(), n * k)?;
    let slots = out.slots();
    let lower = c_and_lower.lower;
    let direct = same_type::<F, F::Work>();
    run_batch(
        "cho_solve",
        batch,
        (n * n * k) as f64,
        || {
            (
                crate::decomp::batch::ColMajor::<F::Work>::zeros(n, k),
                Square::<F::Work> { data: Vec::new() },
            )
        },
        |item, par, (x, scratch)| {
            // SAFETY: reads of the operands through their views' strides; `x` and `scratch`
            // are this thread's; the item writes its own result.
            unsafe {
                let stored = c_stack.matrix(batch, item);
                let factor = if direct {
                    stored.cast::<F::Work>()
                } else {
                    let copy = scratch.matrix(n);
                    copy_matrix(stored, copy, F::to_work);
                    copy
                };
                // a = U^H U: L = U^H is the conjugate of U's transpose.
                let (l, conj) = if lower {
                    (factor, false)
                } else {
                    (factor.t(), true)
                };
                copy_matrix(b_stack.matrix(batch, item), x.matrix(), F::to_work);
                F::Work::cholesky_solve_in_place(l.faer(), conj, x.view_mut(), par);
                copy_matrix(x.matrix(), slots.matrix(item, n, k), F::from_work);
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its result.
    unsafe { out.finish() }
}
