//! `svd` and `svdvals`.
//!
//! `faer` reads each matrix in place (any strides) and writes `V`; the C-order `Vh = V^H`
//! result seen column-major is `conj(V)`, so `faer` writes `V` straight into it and the
//! conjugation (complex types only) happens in place. `U` goes through a column-major work
//! matrix (which `faer` prefers) and one transposing copy.

use oxarray_core::{Array, ArrayView, AsArrayView, Element, Result};

use crate::decomp::batch::{ColMajor, Failure, Fresh, Matrix, Stack, all_finite};
use crate::decomp::batch::{check_stacked_2d, copy_matrix, run_batch, work_view};
use crate::decomp::eig::eigh_impl;
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;
use crate::decomp::lu::same_type;

/// The options of [`svd`], with NumPy's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvdOptions {
    /// `u` is `(M, M)` and `vh` `(N, N)` (default); else `(M, K)` and `(K, N)`.
    pub full_matrices: bool,
    /// Whether to compute `u` and `vh` (default) or only the singular values.
    pub compute_uv: bool,
    /// Whether the matrices are Hermitian (then computed by `eigh`, faster; `full_matrices` is
    /// ignored, as in NumPy).
    pub hermitian: bool,
}

impl Default for SvdOptions {
    fn default() -> Self {
        SvdOptions {
            full_matrices: true,
            compute_uv: true,
            hermitian: false,
        }
    }
}

/// The result of [`svd`]: `a = u @ diag(s) @ vh`.
#[derive(Debug, Clone, PartialEq)]
pub struct SvdResult<F: LinalgFloat> {
    /// Left singular vectors (columns), `None` unless `compute_uv`.
    pub u: Option<Array<F>>,
    /// Singular values, descending, `(..., K)`.
    pub s: Array<F::Real>,
    /// Right singular vectors (rows), `None` unless `compute_uv`.
    pub vh: Option<Array<F>>,
}

/// Multiply-adds of an SVD of an `m x n` matrix, roughly.
pub(crate) fn svd_work(m: usize, n: usize, vectors: bool) -> f64 {
    let (m, n) = (m.max(n) as f64, m.min(n) as f64);
    m * n * n * if vectors { 6.0 } else { 2.0 }
}

/// NumPy's `linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False)`: the singular
/// value decomposition of each matrix of an `(..., M, N)` stack, `a = u @ diag(s) @ vh`, with
/// the singular values in descending order. Singular vectors are unique only up to a unit
/// factor per pair (their signs need not be LAPACK's).
///
/// # Errors
/// [`Error::NoConvergence`](oxarray_core::Error::NoConvergence) ("SVD did not converge",
/// also for input with infinities or NaNs, as NumPy), shape errors as [`crate::qr`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{svd, SvdOptions};
///
/// let a = array![[3.0f64, 0.0], [0.0, -4.0], [0.0, 0.0]];
/// let r = svd(&a, SvdOptions::default())?;
/// assert_eq!(r.s.to_vec(), vec![4.0, 3.0]);
/// assert_eq!(r.u.unwrap().shape(), &[3, 3]);
/// let thin = svd(&a, SvdOptions { full_matrices: false, ..Default::default() })?;
/// assert_eq!(thin.u.unwrap().shape(), &[3, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn svd<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    options: SvdOptions,
) -> Result<SvdResult<T::Float>> {
    check_supported::<T>("svd")?;
    let a = a.as_view();
    if options.hermitian {
        return svd_hermitian(&a, options.compute_uv);
    }
    svd_impl("svd", &a, options.full_matrices, options.compute_uv)
}

/// NumPy 2's `linalg.svdvals(x)`: the singular values of each matrix of an `(..., M, N)`
/// stack, descending (`svd(x, compute_uv=False)`).
///
/// # Errors
/// As [`svd`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::svdvals;
///
/// assert_eq!(svdvals(&array![[0.0f64, 2.0], [1.0, 0.0]])?.to_vec(), vec![2.0, 1.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn svdvals<T: LinalgInput>(
    x: &impl AsArrayView<T>,
) -> Result<Array<<T::Float as LinalgFloat>::Real>> {
    check_supported::<T>("svdvals")?;
    svd_impl("svdvals", &x.as_view(), false, false).map(|r| r.s)
}

/// The singular values of each matrix, as `f64`, in batch order (`K` per matrix).
pub(crate) fn singular_values<T: LinalgInput>(
    op: &'static str,
    a: &ArrayView<'_, T>,
) -> Result<Vec<f64>> {
    let (m, n) = check_stacked_2d(op, a.shape())?;
    let k = m.min(n);
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let stack = Stack::new(a, &batch);
    let mut s_out = Fresh::<f64>::new(vec![batch.iter().product::<usize>() * k], k)?;
    let s_slots = s_out.slots();
    run_batch(
        op,
        &batch,
        svd_work(m, n, false),
        || (ColMajor::<WorkOf<T>>::zeros(0, 0), vec![0.0; k]),
        |item, par, (scratch, s)| {
            let src = stack.matrix(&batch, item);
            // SAFETY: the input's matrix, read in place or copied into this thread's scratch;
            // the item writes its own `k` values.
            unsafe {
                if !all_finite(src) {
                    return Err(Failure::NoConvergence("SVD"));
                }
                if k > 0 {
                    WorkOf::<T>::svd(work_view(src, scratch), s, None, None, par)
                        .map_err(|_| Failure::NoConvergence("SVD"))?;
                }
                for (i, &v) in s.iter().enumerate() {
                    s_slots.write(item, i, v);
                }
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its values.
    Ok(unsafe { s_out.finish() }?.to_vec())
}

/// The SVD of each matrix (not Hermitian).
pub(crate) fn svd_impl<T: LinalgInput>(
    op: &'static str,
    a: &ArrayView<'_, T>,
    full_matrices: bool,
    compute_uv: bool,
) -> Result<SvdResult<T::Float>> {
    let (m, n) = check_stacked_2d(op, a.shape())?;
    let k = m.min(n);
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let with = |tail: &[usize]| {
        let mut s = batch.clone();
        s.extend_from_slice(tail);
        s
    };
    if !compute_uv {
        let s = singular_values(op, a)?;
        let s = s
            .into_iter()
            .map(<T::Float as LinalgFloat>::real_from_f64)
            .collect();
        return Ok(SvdResult {
            u: None,
            s: Array::from_vec(s, with(&[k]))?,
            vh: None,
        });
    }
    let (ku, kv) = if full_matrices { (m, n) } else { (k, k) };
    let stack = Stack::new(a, &batch);
    let mut u_out = Fresh::<T::Float>::new(with(&[m, ku]), m * ku)?;
    let mut s_out = Fresh::<<T::Float as LinalgFloat>::Real>::new(with(&[k]), k)?;
    let mut vh_out = Fresh::<T::Float>::new(with(&[kv, n]), kv * n)?;
    let (u_slots, s_slots, vh_slots) = (u_out.slots(), s_out.slots(), vh_out.slots());
    let direct = same_type::<T::Float, WorkOf<T>>();
    run_batch(
        op,
        &batch,
        svd_work(m, n, true),
        || {
            (
                ColMajor::<WorkOf<T>>::zeros(0, 0),
                ColMajor::<WorkOf<T>>::zeros(m, ku),
                ColMajor::<WorkOf<T>>::zeros(if direct { 0 } else { n }, kv),
                vec![0.0; k],
            )
        },
        |item, par, (scratch, u, v, s)| {
            let src = stack.matrix(&batch, item);
            let vh_target = vh_slots.matrix(item, kv, n);
            // SAFETY: the input is read in place or copied into this thread's scratch; `vh`
            // is written in place (same type) or through this thread's `v`; each item
            // writes every element of its parts.
            unsafe {
                if !all_finite(src) {
                    return Err(Failure::NoConvergence("SVD"));
                }
                // vh in C order, seen column-major, is conj(V) (n x kv).
                let v_target: Matrix<WorkOf<T>> = if direct {
                    vh_target.t().cast()
                } else {
                    v.matrix()
                };
                // faer fills only some blocks of the full vectors (it relies on zeroed output)
                u.data.fill(WorkOf::<T>::zero());
                fill_zero(v_target);
                if k == 0 {
                    identity(u.matrix());
                    identity(v_target);
                } else {
                    WorkOf::<T>::svd(
                        work_view(src, scratch),
                        s,
                        Some(u.view_mut()),
                        Some(v_target.faer_mut()),
                        par,
                    )
                    .map_err(|_| Failure::NoConvergence("SVD"))?;
                }
                copy_matrix(
                    u.as_matrix(),
                    u_slots.matrix(item, m, ku),
                    T::Float::from_work,
                );
                if direct {
                    if <T::Float as LinalgFloat>::IS_COMPLEX {
                        let p = v_target;
                        for j in 0..p.cols {
                            for i in 0..p.rows {
                                let e = p.ptr.get().offset(i as isize * p.rs + j as isize * p.cs);
                                *e = (*e).conjugate();
                            }
                        }
                    }
                } else {
                    copy_matrix(v.as_matrix(), vh_target.t(), |x: WorkOf<T>| {
                        T::Float::from_work(x.conjugate())
                    });
                }
                for (i, &value) in s.iter().enumerate() {
                    s_slots.write(item, i, <T::Float as LinalgFloat>::real_from_f64(value));
                }
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its parts.
    unsafe {
        Ok(SvdResult {
            u: Some(u_out.finish()?),
            s: s_out.finish()?,
            vh: Some(vh_out.finish()?),
        })
    }
}

/// Writes zeros into `m`.
///
/// # Safety
/// `m` describes valid, writable, distinct elements.
unsafe fn fill_zero<W: Work>(m: Matrix<W>) {
    for j in 0..m.cols {
        for i in 0..m.rows {
            // SAFETY: in bounds.
            unsafe { *m.ptr.get().offset(i as isize * m.rs + j as isize * m.cs) = W::zero() };
        }
    }
}

/// Writes the identity into `m` (the singular vectors of an empty matrix: `u` of an `(M, 0)`
/// matrix is `eye(M)` in full mode).
///
/// # Safety
/// `m` describes valid, writable, distinct elements.
unsafe fn identity<W: Work>(m: Matrix<W>) {
    for j in 0..m.cols {
        for i in 0..m.rows {
            let v = if i == j { W::one() } else { W::zero() };
            // SAFETY: in bounds.
            unsafe { *m.ptr.get().offset(i as isize * m.rs + j as isize * m.cs) = v };
        }
    }
}

/// NumPy's `svd(a, hermitian=True)`: from `eigh`, singular values `|w|` sorted descending,
/// `u` the eigenvectors in that order, `vh = (u * sign(w))^H`.
fn svd_hermitian<T: LinalgInput>(
    a: &ArrayView<'_, T>,
    compute_uv: bool,
) -> Result<SvdResult<T::Float>> {
    let eig = eigh_impl("svd", a, crate::decomp::cholesky::Uplo::Lower, compute_uv)?;
    let n = eig.eigenvalues.shape().last().copied().unwrap_or(0);
    let items = eig.eigenvalues.len() / n.max(1);
    let w = eig.eigenvalues.to_vec();
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut s = Vec::with_capacity(w.len());
    let mut u = Vec::new();
    let mut vh = Vec::new();
    let vectors = eig.eigenvectors.as_ref().map(|v| v.to_vec());
    for item in 0..items {
        let wi = &w[item * n..(item + 1) * n];
        order.clear();
        order.extend(0..n);
        // Descending |w|; ties keep eigh's (ascending) order reversed, as NumPy's argsort
        // reversed does for distinct values.
        order.sort_by(|&x, &y| {
            num_traits::Float::abs(wi[y])
                .partial_cmp(&num_traits::Float::abs(wi[x]))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(y.cmp(&x))
        });
        s.extend(order.iter().map(|&i| num_traits::Float::abs(wi[i])));
        if let Some(vectors) = &vectors {
            let v = &vectors[item * n * n..(item + 1) * n * n];
            let start = u.len();
            u.extend((0..n * n).map(|r| v[(r / n) * n + order[r % n]]));
            // vh[j, i] = conj(u[i, j] * sign(w_j)).
            for j in 0..n {
                let sign = if num_traits::Float::is_sign_negative(wi[order[j]]) {
                    -1.0
                } else {
                    1.0
                };
                for i in 0..n {
                    let x = u[start + i * n + j].to_work().scale(sign).conjugate();
                    vh.push(T::Float::from_work(x));
                }
            }
        }
    }
    let s = Array::from_vec(s, eig.eigenvalues.shape())?;
    let (u, vh) = match eig.eigenvectors {
        Some(ev) => {
            let shape = ev.shape().to_vec();
            (
                Some(Array::from_vec(u, &shape[..])?),
                Some(Array::from_vec(vh, &shape[..])?),
            )
        }
        None => (None, None),
    };
    Ok(SvdResult { u, s, vh })
}
