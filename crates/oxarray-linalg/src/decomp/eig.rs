//! `eig`, `eigvals` (general matrices) and `eigh`, `eigvalsh` (Hermitian matrices).
//!
//! `faer` reads each matrix in place. Eigenvectors are normalised as LAPACK's `geev`
//! normalises them (unit 2-norm; for complex vectors, the component of largest modulus made
//! real), and a real matrix's conjugate pairs come with the positive imaginary part first.
//! The order of `eig`'s eigenvalues is the order they appear in the Schur form, which `faer`
//! and LAPACK need not share (NumPy documents it as unspecified); `eigh` sorts ascending, as
//! NumPy.

use oxarray_core::{Array, ArrayView, AsArrayView, Complex64, Element, Result};

use crate::decomp::batch::{ColMajor, Failure, Fresh, Stack, all_finite, check_stacked_square};
use crate::decomp::batch::{copy_matrix, run_batch, work_view};
use crate::decomp::cholesky::Uplo;
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;

/// The result of [`eig`]: `a @ eigenvectors[:, i] = eigenvalues[i] * eigenvectors[:, i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct EigResult<C: LinalgFloat> {
    /// The eigenvalues, `(..., M)`, complex.
    pub eigenvalues: Array<C>,
    /// The right eigenvectors (columns), `(..., M, M)`, each of unit 2-norm.
    pub eigenvectors: Array<C>,
}

/// The result of [`eigh`]: `a @ eigenvectors[:, i] = eigenvalues[i] * eigenvectors[:, i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct EighResult<F: LinalgFloat> {
    /// The eigenvalues in ascending order, `(..., M)`, real.
    pub eigenvalues: Array<F::Real>,
    /// The orthonormal eigenvectors (columns), `(..., M, M)`.
    pub eigenvectors: Array<F>,
}

/// `eigh` with optional eigenvectors.
pub(crate) struct EighParts<F: LinalgFloat> {
    pub eigenvalues: Array<F::Real>,
    pub eigenvectors: Option<Array<F>>,
}

/// Multiply-adds of a symmetric eigendecomposition of order `n`.
fn eigh_work(n: usize, vectors: bool) -> f64 {
    let n = n as f64;
    n * n * n * if vectors { 3.0 } else { 2.0 / 3.0 }
}

/// NumPy's `linalg.eigh(a, UPLO='L')`: eigenvalues (ascending) and orthonormal eigenvectors of
/// each Hermitian (real symmetric) matrix of an `(..., M, M)` stack, reading only the `uplo`
/// triangle. Input with NaNs gives NaN results, as in NumPy.
///
/// # Errors
/// [`Error::NoConvergence`](oxarray_core::Error::NoConvergence), shape errors as [`crate::inv`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{eigh, Uplo};
///
/// let a = array![[2.0f64, 1.0], [1.0, 2.0]];
/// let r = eigh(&a, Uplo::Lower)?;
/// assert!((r.eigenvalues[[0]] - 1.0).abs() < 1e-12 && (r.eigenvalues[[1]] - 3.0).abs() < 1e-12);
/// let v = &r.eigenvectors; // columns: (1, -1)/sqrt(2) and (1, 1)/sqrt(2), up to sign
/// assert!((v[[0, 1]].abs() - 0.5f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn eigh<T: LinalgInput>(a: &impl AsArrayView<T>, uplo: Uplo) -> Result<EighResult<T::Float>> {
    check_supported::<T>("eigh")?;
    let parts = eigh_impl("eigh", &a.as_view(), uplo, true)?;
    Ok(EighResult {
        eigenvalues: parts.eigenvalues,
        eigenvectors: parts.eigenvectors.expect("eigenvectors were asked for"),
    })
}

/// NumPy's `linalg.eigvalsh(a, UPLO='L')`: the eigenvalues (ascending) of each Hermitian
/// matrix of an `(..., M, M)` stack.
///
/// # Errors
/// As [`eigh`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{eigvalsh, Uplo};
///
/// // only the upper triangle is read with Uplo::Upper: the 9.0 is ignored
/// let w = eigvalsh(&array![[2.0f64, 1.0], [9.0, 2.0]], Uplo::Upper)?;
/// assert!((w[[0]] - 1.0).abs() < 1e-12 && (w[[1]] - 3.0).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn eigvalsh<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    uplo: Uplo,
) -> Result<Array<<T::Float as LinalgFloat>::Real>> {
    check_supported::<T>("eigvalsh")?;
    eigh_impl("eigvalsh", &a.as_view(), uplo, false).map(|parts| parts.eigenvalues)
}

/// The Hermitian eigendecomposition of each matrix.
pub(crate) fn eigh_impl<T: LinalgInput>(
    op: &'static str,
    a: &ArrayView<'_, T>,
    uplo: Uplo,
    vectors: bool,
) -> Result<EighParts<T::Float>> {
    let n = check_stacked_square(op, a.shape())?;
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let stack = Stack::new(a, &batch);
    let mut w_shape = batch.clone();
    w_shape.push(n);
    let mut w_out = Fresh::<<T::Float as LinalgFloat>::Real>::new(w_shape, n)?;
    let mut v_out = Fresh::<T::Float>::new(
        if vectors { a.shape().to_vec() } else { vec![0] },
        if vectors { n * n } else { 0 },
    )?;
    let (w_slots, v_slots) = (w_out.slots(), v_out.slots());
    run_batch(
        op,
        &batch,
        eigh_work(n, vectors),
        || {
            (
                ColMajor::<WorkOf<T>>::zeros(0, 0),
                ColMajor::<WorkOf<T>>::zeros(if vectors { n } else { 0 }, n),
                vec![0.0; n],
            )
        },
        |item, par, (scratch, u, w)| {
            let src = stack.matrix(&batch, item);
            // The lower triangle of a^T is the upper of a (a^T = conj(a) for Hermitian a: the
            // eigenvalues are the same, the eigenvectors conjugated).
            let seen = match uplo {
                Uplo::Lower => src,
                Uplo::Upper => src.t(),
            };
            // SAFETY: the input is read in place or copied into this thread's scratch; the
            // item writes every element of its own parts.
            unsafe {
                if !all_finite(src) {
                    w.fill(f64::NAN);
                    u.data.fill(WorkOf::<T>::from_f64(f64::NAN));
                } else if n > 0 {
                    u.data.fill(WorkOf::<T>::zero());
                    WorkOf::<T>::eigh(
                        work_view(seen, scratch),
                        w,
                        vectors.then(|| u.view_mut()),
                        par,
                    )
                    .map_err(|_| Failure::NoConvergence("eigenvalues"))?;
                    if uplo == Uplo::Upper && WorkOf::<T>::IS_COMPLEX {
                        for x in &mut u.data {
                            *x = x.conjugate();
                        }
                    }
                }
                for (i, &value) in w.iter().enumerate() {
                    w_slots.write(item, i, <T::Float as LinalgFloat>::real_from_f64(value));
                }
                if vectors {
                    copy_matrix(
                        u.as_matrix(),
                        v_slots.matrix(item, n, n),
                        T::Float::from_work,
                    );
                }
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its parts.
    unsafe {
        Ok(EighParts {
            eigenvalues: w_out.finish()?,
            eigenvectors: if vectors { Some(v_out.finish()?) } else { None },
        })
    }
}

/// NumPy's `linalg.eig(a)`: eigenvalues and right eigenvectors of each square matrix of an
/// `(..., M, M)` stack. The results are complex (NumPy returns real arrays when every
/// eigenvalue of a real matrix is real; [`crate::dynamic::eig_dyn`] does the same).
///
/// # Errors
/// [`Error::NonFinite`](oxarray_core::Error::NonFinite) for infinities or NaNs,
/// [`Error::NoConvergence`](oxarray_core::Error::NoConvergence), shape errors as
/// [`crate::inv`].
///
/// ```
/// use oxarray_core::{array, Complex64};
/// use oxarray_linalg::eig;
///
/// let rotation = array![[0.0f64, -1.0], [1.0, 0.0]];
/// let r = eig(&rotation)?;
/// assert!((r.eigenvalues[[0]] - Complex64::new(0.0, 1.0)).norm() < 1e-12);
/// assert!((r.eigenvalues[[1]] - Complex64::new(0.0, -1.0)).norm() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn eig<T: LinalgInput>(
    a: &impl AsArrayView<T>,
) -> Result<EigResult<<T::Float as LinalgFloat>::Complex>> {
    check_supported::<T>("eig")?;
    let (w, v) = eig_impl("eig", &a.as_view(), true)?;
    Ok(EigResult {
        eigenvalues: w,
        eigenvectors: v.expect("eigenvectors were asked for"),
    })
}

/// NumPy's `linalg.eigvals(a)`: the eigenvalues of each square matrix of an `(..., M, M)`
/// stack, complex (see [`eig`]).
///
/// # Errors
/// As [`eig`].
///
/// ```
/// use oxarray_core::{array, Complex64};
/// use oxarray_linalg::eigvals;
///
/// let w = eigvals(&array![[2.0f64, 0.0], [0.0, 3.0]])?;
/// assert_eq!(w.to_vec(), vec![Complex64::new(2.0, 0.0), Complex64::new(3.0, 0.0)]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn eigvals<T: LinalgInput>(
    a: &impl AsArrayView<T>,
) -> Result<Array<<T::Float as LinalgFloat>::Complex>> {
    check_supported::<T>("eigvals")?;
    eig_impl("eigvals", &a.as_view(), false).map(|(w, _)| w)
}

type ComplexResult<T> = <<T as LinalgInput>::Float as LinalgFloat>::Complex;

/// The general eigendecomposition of each matrix.
#[allow(clippy::type_complexity)]
pub(crate) fn eig_impl<T: LinalgInput>(
    op: &'static str,
    a: &ArrayView<'_, T>,
    vectors: bool,
) -> Result<(Array<ComplexResult<T>>, Option<Array<ComplexResult<T>>>)> {
    let n = check_stacked_square(op, a.shape())?;
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let stack = Stack::new(a, &batch);
    let mut w_shape = batch.clone();
    w_shape.push(n);
    let mut w_out = Fresh::<ComplexResult<T>>::new(w_shape, n)?;
    let mut v_out = Fresh::<ComplexResult<T>>::new(
        if vectors { a.shape().to_vec() } else { vec![0] },
        if vectors { n * n } else { 0 },
    )?;
    let (w_slots, v_slots) = (w_out.slots(), v_out.slots());
    let narrow = |z: Complex64| <T::Float as LinalgFloat>::complex_from_parts(z.re, z.im);
    run_batch(
        op,
        &batch,
        (n * n * n) as f64 * if vectors { 25.0 } else { 10.0 },
        || {
            (
                ColMajor::<WorkOf<T>>::zeros(0, 0),
                ColMajor::<Complex64>::zeros(if vectors { n } else { 0 }, n),
                vec![Complex64::zero(); n],
            )
        },
        |item, par, (scratch, v, w)| {
            let src = stack.matrix(&batch, item);
            // SAFETY: as in `eigh_impl`.
            unsafe {
                if !all_finite(src) {
                    return Err(Failure::NonFinite);
                }
                if n > 0 {
                    v.data.fill(Complex64::zero());
                    WorkOf::<T>::eig(
                        work_view(src, scratch),
                        w,
                        vectors.then(|| v.view_mut()),
                        par,
                    )
                    .map_err(|_| Failure::NoConvergence("eigenvalues"))?;
                }
                if !WorkOf::<T>::IS_COMPLEX {
                    positive_imaginary_first(w, vectors.then_some(&mut *v));
                }
                if vectors {
                    normalize_eigenvectors(v, w, WorkOf::<T>::IS_COMPLEX);
                }
                for (i, &value) in w.iter().enumerate() {
                    w_slots.write(item, i, narrow(value));
                }
                if vectors {
                    copy_matrix(v.as_matrix(), v_slots.matrix(item, n, n), narrow);
                }
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its parts.
    unsafe {
        Ok((
            w_out.finish()?,
            if vectors { Some(v_out.finish()?) } else { None },
        ))
    }
}

/// Orders each conjugate pair of a real matrix's eigenvalues as LAPACK does (positive
/// imaginary part first), with the eigenvector columns.
fn positive_imaginary_first(w: &mut [Complex64], mut v: Option<&mut ColMajor<Complex64>>) {
    let n = w.len();
    let mut j = 0;
    while j + 1 < n {
        if w[j].im != 0.0 && w[j + 1] == w[j].conj() {
            if w[j].im < 0.0 {
                w.swap(j, j + 1);
                if let Some(v) = v.as_deref_mut() {
                    for i in 0..n {
                        v.data.swap(i + j * n, i + (j + 1) * n);
                    }
                }
            }
            j += 2;
        } else {
            j += 1;
        }
    }
}

/// LAPACK `geev`'s normalisation: each eigenvector scaled to unit 2-norm, then (complex
/// matrices, and the conjugate pairs of real ones) multiplied by the unit factor that makes
/// its component of largest modulus real: positive for complex matrices, with the sign of
/// its real part for real ones (`dlartg`'s rotation).
fn normalize_eigenvectors(v: &mut ColMajor<Complex64>, w: &[Complex64], complex_matrix: bool) {
    let n = v.rows;
    for j in 0..n {
        let col = &mut v.data[j * n..(j + 1) * n];
        let norm = col.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt();
        if norm == 0.0 || !norm.is_finite() {
            continue;
        }
        for z in col.iter_mut() {
            *z /= norm;
        }
        if !complex_matrix && w[j].im == 0.0 {
            continue;
        }
        let mut k = 0;
        let mut largest = -1.0;
        for (i, z) in col.iter().enumerate() {
            if z.norm_sqr() > largest {
                largest = z.norm_sqr();
                k = i;
            }
        }
        let pivot = col[k];
        let modulus = pivot.norm();
        if modulus == 0.0 {
            continue;
        }
        let mut factor = pivot.conj() / modulus;
        if !complex_matrix && pivot.re < 0.0 {
            factor = -factor;
        }
        for z in col.iter_mut() {
            *z *= factor;
        }
        col[k] = Complex64::new(col[k].re, 0.0);
    }
}
