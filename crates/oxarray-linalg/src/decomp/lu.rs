//! `solve`, `inv`, `det`, `slogdet`: the LU family of `numpy.linalg`.
//!
//! Each matrix of the stack is copied (and widened to the work type) into a column-major
//! work matrix in the orientation that makes the copy contiguous: a C-order matrix `A` is
//! stored as `A^T`, which `faer` factors as well as `A` (`det(A^T) = det(A)`, `A^T` solves
//! transposed systems, `inv(A^T)` written column-major is `inv(A)` in C order). No operand
//! layout costs a copy beyond that one.

use std::any::TypeId;

use oxarray_core::{Array, AsArrayView, Result};

use crate::decomp::batch::{ColMajor, Fresh, Matrix, Stack, check_stacked_square, copy_matrix};
use crate::decomp::batch::{Failure, Rhs, run_batch};
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;
use crate::decomp::lu_core::Lu;

/// Multiply-adds of an LU factorisation of order `n` with `k` right-hand sides.
pub(crate) fn lu_work(n: usize, k: usize) -> f64 {
    let n = n as f64;
    n * n * n / 3.0 + n * n * k as f64
}

/// Whether two element types are the same type.
pub(crate) fn same_type<A: 'static, B: 'static>() -> bool {
    TypeId::of::<A>() == TypeId::of::<B>()
}

/// Copies square matrix `a` into `lu.lu`, as `A^T` when `a`'s rows are contiguous (a C-order
/// matrix). Returns whether it stored the transpose.
///
/// # Safety
/// `a` describes valid elements.
pub(crate) unsafe fn load_square<T: LinalgInput>(a: Matrix<T>, lu: &mut Lu<WorkOf<T>>) -> bool {
    let n = a.rows;
    lu.lu.resize(n, n);
    let transposed = a.cs.unsigned_abs() == 1 && a.rs.unsigned_abs() != 1;
    let dst = if transposed {
        lu.lu.matrix().t()
    } else {
        lu.lu.matrix()
    };
    // SAFETY: `dst` is the work buffer, `n x n`, distinct from `a`.
    unsafe { copy_matrix(a, dst, T::to_work) };
    transposed
}

/// Writes work matrix `src` into result matrix `dst`, narrowing each element.
///
/// # Safety
/// `dst` describes valid, distinct, writable elements of the shape of `src`.
pub(crate) unsafe fn store<F: LinalgFloat>(src: Matrix<F::Work>, dst: Matrix<F>) {
    // SAFETY: forwarded contract.
    unsafe { copy_matrix(src, dst, F::from_work) };
}

/// NumPy's `linalg.solve(a, b)`: the solution `x` of `a @ x = b` for each matrix of a stack.
///
/// `a` has shape `(..., M, M)`. `b` is a vector of shape `(M,)` (then `x` has shape `(...,
/// M)`) or a stack of matrices `(..., M, K)` whose batch axes broadcast against `a`'s (NumPy
/// 2 semantics: `b` is taken as a vector only when it is 1-D). Integer and boolean inputs
/// give `f64` results; `f32` inputs are solved in `f64` and returned as `f32`, as in NumPy.
///
/// # Errors
/// [`Error::NotEnoughDims`] / [`Error::NotSquare`] for a bad `a`,
/// [`Error::IncompatibleShapes`] when `b`'s rows do not match, [`Error::BroadcastMismatch`]
/// for batch axes that do not broadcast, [`Error::SingularMatrix`] (naming the batch index)
/// when a matrix is exactly singular, [`Error::UnsupportedDType`] for `f16`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::solve;
///
/// let a = array![[3.0f64, 1.0], [1.0, 2.0]];
/// let b = array![9.0f64, 8.0];
/// let x = solve(&a, &b)?;
/// assert!((x[[0]] - 2.0).abs() < 1e-12 && (x[[1]] - 3.0).abs() < 1e-12);
/// // a stack of two systems, one right-hand side matrix each
/// let stack = array![[[2.0f64, 0.0], [0.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]]];
/// let rhs = array![[[2.0f64], [4.0]], [[5.0], [6.0]]];
/// assert_eq!(solve(&stack, &rhs)?, array![[[1.0f64], [1.0]], [[5.0], [6.0]]]);
/// assert!(solve(&array![[1.0f64, 2.0], [2.0, 4.0]], &b).is_err()); // singular
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn solve<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
) -> Result<Array<T::Float>> {
    check_supported::<T>("solve")?;
    let (a, b) = (a.as_view(), b.as_view());
    let n = check_stacked_square("solve", a.shape())?;
    let rhs = Rhs::new("solve", a.shape(), b.shape())?;
    let (batch, k) = (&rhs.batch[..], rhs.k);
    let a_stack = Stack::new(&a, batch);
    let b_stack = rhs.stack(&b);
    let mut out = Fresh::<T::Float>::new(rhs.out_shape.clone(), n * k)?;
    let slots = out.slots();
    run_batch(
        "solve",
        batch,
        lu_work(n, k),
        || (Lu::<WorkOf<T>>::new(), ColMajor::<WorkOf<T>>::zeros(n, k)),
        |item, par, (lu, x)| {
            // SAFETY: the stacks describe the operands' elements (their views' invariants);
            // `x` and the LU buffer are this thread's; each item writes its own result.
            unsafe {
                let transposed = load_square(a_stack.matrix(batch, item), lu);
                lu.factor(par);
                if lu.is_singular() {
                    return Err(Failure::Singular);
                }
                copy_matrix(b_stack.matrix(batch, item), x.matrix(), T::to_work);
                lu.solve_in_place(x.view_mut(), transposed, par);
                store(x.matrix(), slots.matrix(item, n, k));
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its `n x k` result (an error returned above otherwise).
    unsafe { out.finish() }
}

/// NumPy's `linalg.inv(a)`: the inverse of each matrix of a `(..., M, M)` stack.
///
/// # Errors
/// [`Error::NotEnoughDims`] / [`Error::NotSquare`] for a bad shape,
/// [`Error::SingularMatrix`] (naming the batch index) for an exactly singular matrix.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{inv, matmul};
///
/// let a = array![[4.0f64, 7.0], [2.0, 6.0]];
/// let ai = inv(&a)?;
/// let eye = matmul(&a, &ai)?;
/// assert!((eye[[0, 0]] - 1.0).abs() < 1e-12 && eye[[0, 1]].abs() < 1e-12);
/// assert!(inv(&array![[1.0f64, 2.0], [2.0, 4.0]]).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn inv<T: LinalgInput>(a: &impl AsArrayView<T>) -> Result<Array<T::Float>> {
    check_supported::<T>("inv")?;
    let a = a.as_view();
    inv_impl("inv", &a, true).map(|(inverse, _)| inverse)
}

/// `inv` of each matrix; with `strict = false`, singular matrices give NaN-filled inverses
/// and a `true` in the returned flags instead of an error (what `cond` needs).
pub(crate) fn inv_impl<T: LinalgInput>(
    op: &'static str,
    a: &oxarray_core::ArrayView<'_, T>,
    strict: bool,
) -> Result<(Array<T::Float>, Vec<bool>)> {
    let n = check_stacked_square(op, a.shape())?;
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let items: usize = batch.iter().product();
    let a_stack = Stack::new(a, &batch);
    let mut out = Fresh::<T::Float>::new(a.shape().to_vec(), n * n)?;
    let slots = out.slots();
    let flags: Vec<std::sync::atomic::AtomicBool> = (0..if strict { 0 } else { items })
        .map(|_| std::sync::atomic::AtomicBool::new(false))
        .collect();
    let direct = same_type::<T::Float, WorkOf<T>>() && n > crate::decomp::lu_core::SMALL_MAX;
    run_batch(
        op,
        &batch,
        lu_work(n, n),
        || {
            (
                Lu::<WorkOf<T>>::new(),
                ColMajor::<WorkOf<T>>::zeros(if direct { 0 } else { n }, n),
            )
        },
        |item, par, (lu, x)| {
            let target = slots.matrix(item, n, n);
            // SAFETY: as in `solve`; `target` is this item's part of the fresh result.
            unsafe {
                let transposed = load_square(a_stack.matrix(&batch, item), lu);
                lu.factor(par);
                if lu.is_singular() {
                    if strict {
                        return Err(Failure::Singular);
                    }
                    flags[item].store(true, std::sync::atomic::Ordering::Relaxed);
                    for k in 0..n * n {
                        slots.write(
                            item,
                            k,
                            T::Float::from_work(WorkOf::<T>::from_f64(f64::NAN)),
                        );
                    }
                    return Ok(());
                }
                // The factored matrix is A^T when `transposed`: inv(A^T) = inv(A)^T, written
                // through the transposed view of the C-order result.
                let oriented = |m: Matrix<T::Float>| if transposed { m.t() } else { m };
                if direct {
                    // `T::Float` is `WorkOf<T>` (`direct`).
                    let dst = oriented(target).cast::<WorkOf<T>>();
                    WorkOf::<T>::lu_inverse(
                        dst.faer_mut(),
                        lu.lu.view(),
                        &lu.perm,
                        &lu.perm_inv,
                        par,
                    );
                } else {
                    x.resize(n, n);
                    x.data.fill(oxarray_core::Element::zero());
                    for i in 0..n {
                        x.data[i * (n + 1)] = oxarray_core::Element::one();
                    }
                    lu.solve_in_place(x.view_mut(), false, par);
                    store(x.matrix(), oriented(target));
                }
            }
            Ok(())
        },
    )?;
    let flags = flags.into_iter().map(|f| f.into_inner()).collect();
    // SAFETY: every item wrote its `n x n` result.
    Ok((unsafe { out.finish() }?, flags))
}

/// NumPy's `linalg.det(a)`: the determinant of each matrix of a `(..., M, M)` stack, an array
/// of the batch shape (0-d for one matrix).
///
/// Computed as NumPy computes it, `sign * exp(logabsdet)` from the LU factors, so that
/// results agree with NumPy's to the last bits (`det([[1, 2], [3, 4]])` is
/// `-2.0000000000000004` in both). A singular matrix gives 0, not an error; the determinant
/// of a `0 x 0` matrix is 1.
///
/// # Errors
/// [`Error::NotEnoughDims`] / [`Error::NotSquare`] for a bad shape.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::det;
///
/// let d = det(&array![[1.0f64, 2.0], [3.0, 4.0]])?.item()?;
/// assert!((d + 2.0).abs() < 1e-12);
/// let stack = array![[[2.0f64, 0.0], [0.0, 3.0]], [[1.0, 2.0], [2.0, 4.0]]];
/// assert_eq!(det(&stack)?.to_vec(), vec![6.0, 0.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn det<T: LinalgInput>(a: &impl AsArrayView<T>) -> Result<Array<T::Float>> {
    check_supported::<T>("det")?;
    let (sign, logdet) = sign_logdet("det", &a.as_view())?;
    let values: Vec<T::Float> = sign
        .iter()
        .zip(&logdet)
        .map(|(&s, &l)| T::Float::from_work(s * WorkOf::<T>::from_f64(l.exp())))
        .collect();
    Array::from_vec(values, &a.as_view().shape()[..a.as_view().ndim() - 2])
}

/// The result of [`slogdet`]: `det = sign * exp(logabsdet)`.
#[derive(Debug, Clone, PartialEq)]
pub struct SlogdetResult<T: LinalgFloat> {
    /// The sign of each determinant: `+-1` (a complex number of modulus 1 for complex
    /// matrices), or 0 for a singular matrix.
    pub sign: Array<T>,
    /// The natural logarithm of the absolute value of each determinant (`-inf` for a singular
    /// matrix).
    pub logabsdet: Array<T::Real>,
}

/// NumPy's `linalg.slogdet(a)`: the sign and the natural log of the absolute value of the
/// determinant of each matrix of a `(..., M, M)` stack, which does not overflow where the
/// determinant would.
///
/// # Errors
/// [`Error::NotEnoughDims`] / [`Error::NotSquare`] for a bad shape.
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_linalg::slogdet;
///
/// let r = slogdet(&array![[1.0f64, 2.0], [3.0, 4.0]])?;
/// assert_eq!(r.sign.item()?, -1.0);
/// assert!((r.logabsdet.item()? - 2f64.ln()).abs() < 1e-12);
/// // det(1e-3 * I) underflows for n = 400; slogdet does not
/// let small = Array::<f64>::eye(400)?.view().map(|x| x * 1e-3);
/// let r = slogdet(&small)?;
/// assert!((r.logabsdet.item()? - 400.0 * 1e-3f64.ln()).abs() < 1e-9);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn slogdet<T: LinalgInput>(a: &impl AsArrayView<T>) -> Result<SlogdetResult<T::Float>> {
    check_supported::<T>("slogdet")?;
    let a = a.as_view();
    let (sign, logdet) = sign_logdet("slogdet", &a)?;
    let batch = &a.shape()[..a.ndim() - 2];
    Ok(SlogdetResult {
        sign: Array::from_vec(sign.into_iter().map(T::Float::from_work).collect(), batch)?,
        logabsdet: Array::from_vec(
            logdet
                .into_iter()
                .map(<T::Float as LinalgFloat>::real_from_f64)
                .collect(),
            batch,
        )?,
    })
}

/// Sign and log-determinant of each matrix, in batch order.
fn sign_logdet<T: LinalgInput>(
    op: &'static str,
    a: &oxarray_core::ArrayView<'_, T>,
) -> Result<(Vec<WorkOf<T>>, Vec<f64>)> {
    let n = check_stacked_square(op, a.shape())?;
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let items: usize = batch.iter().product();
    let stack = Stack::new(a, &batch);
    let mut signs = Fresh::<WorkOf<T>>::new(vec![items], 1)?;
    let mut logs = Fresh::<f64>::new(vec![items], 1)?;
    let (sign_slots, log_slots) = (signs.slots(), logs.slots());
    run_batch(
        op,
        &batch,
        lu_work(n, 0),
        Lu::<WorkOf<T>>::new,
        |item, par, lu| {
            // SAFETY: as in `solve`; item `item` writes its own sign and logarithm.
            unsafe {
                load_square(stack.matrix(&batch, item), lu);
                lu.factor(par);
                let (sign, logdet) = lu.sign_logdet();
                sign_slots.write(item, 0, sign);
                log_slots.write(item, 0, logdet);
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its sign and logarithm.
    let (signs, logs) = unsafe { (signs.finish()?, logs.finish()?) };
    Ok((signs.to_vec(), logs.to_vec()))
}
