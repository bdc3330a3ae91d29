//! `lstsq`, `pinv`, `matrix_rank`.
//!
//! `lstsq` follows LAPACK's `gelsd` (what NumPy calls): the minimum-norm solution, singular
//! values below `rcond * s_max` treated as zero. It bidiagonalises `a = U B V^H` once; the
//! singular values are those of `B` (the eigenvalues of the Golub-Kahan tridiagonal matrix,
//! in O(n^2)); when `a` has full rank, `x = V B^-1 U^H b` costs one bidiagonal substitution
//! and two reflector sweeps, so the whole solve costs about one bidiagonalisation, as
//! `gelsd`. Rank-deficient matrices take the pseudo-inverse of a full SVD.

use faer::Par;
use oxarray_core::{Array, ArrayView, AsArrayView, Element, Error, Result};

use crate::decomp::batch::{ColMajor, Matrix, Stack, all_finite, copy_matrix};
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::{Work, par_for, tridiagonal_eigenvalues};
use crate::decomp::svd::{SvdOptions, SvdResult, singular_values, svd, svd_impl, svd_work};

/// The result of [`lstsq`].
#[derive(Debug, Clone, PartialEq)]
pub struct LstsqResult<F: LinalgFloat> {
    /// The least-squares solution, `(N,)` or `(N, K)` as `b`.
    pub x: Array<F>,
    /// The squared 2-norm of each column of `b - a @ x`, `(K,)` (`(1,)` for a 1-D `b`), when
    /// `a` has full column rank and `M > N`; empty otherwise (as NumPy).
    pub residuals: Array<F::Real>,
    /// The effective rank of `a`.
    pub rank: usize,
    /// The singular values of `a`, descending, `(min(M, N),)`.
    pub s: Array<F::Real>,
}

/// NumPy's `linalg.lstsq(a, b, rcond=None)`: the least-squares solution of `a @ x = b` for a
/// 2-D `a` `(M, N)` and `b` `(M,)` or `(M, K)`, the minimum-norm one when `a` is rank
/// deficient. Singular values `<= rcond * s_max` count as zero; `rcond = None` is NumPy 2's
/// default, `eps * max(M, N)` (double precision's `eps`, since NumPy computes in double).
///
/// # Errors
/// [`Error::WrongNdim`] unless `a` is 2-D and `b` 1-D or 2-D,
/// [`Error::IncompatibleShapes`] when the row counts differ, [`Error::NoConvergence`] for
/// input with infinities or NaNs ("SVD did not converge in Linear Least Squares").
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::lstsq;
///
/// // fit y = m x + c through (0, -1), (1, 0.2), (2, 0.9), (3, 2.1)
/// let a = array![[0.0f64, 1.0], [1.0, 1.0], [2.0, 1.0], [3.0, 1.0]];
/// let y = array![-1.0f64, 0.2, 0.9, 2.1];
/// let r = lstsq(&a, &y, None)?;
/// assert!((r.x[[0]] - 1.0).abs() < 1e-12 && (r.x[[1]] + 0.95).abs() < 1e-12);
/// assert_eq!((r.rank, r.residuals.shape(), r.s.shape()), (2, &[1][..], &[2][..]));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn lstsq<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
    rcond: Option<f64>,
) -> Result<LstsqResult<T::Float>> {
    check_supported::<T>("lstsq")?;
    let (a, b) = (a.as_view(), b.as_view());
    for (operand, shape, ok, expected) in [
        (0, a.shape(), a.ndim() == 2, "2-D"),
        (1, b.shape(), b.ndim() == 2 || b.ndim() == 1, "1-D or 2-D"),
    ] {
        if !ok {
            return Err(Error::WrongNdim {
                op: "lstsq",
                operand,
                shape: shape.to_vec(),
                expected,
            });
        }
    }
    let (m, n) = (a.shape()[0], a.shape()[1]);
    let vector = b.ndim() == 1;
    let k = if vector { 1 } else { b.shape()[1] };
    if b.shape()[0] != m {
        return Err(Error::IncompatibleShapes {
            op: "lstsq",
            a: a.shape().to_vec(),
            b: b.shape().to_vec(),
            reason: "a and b must have the same number of rows",
        });
    }
    let rcond = match rcond {
        None => f64::EPSILON * m.max(n) as f64,
        Some(r) if r < 0.0 => f64::EPSILON,
        Some(r) => r,
    };
    let a_mat = Stack::new(&a, &[]).matrix(&[], 0);
    let b_mat = if vector {
        Stack::vectors(&b, &[]).matrix(&[], 0)
    } else {
        Stack::new(&b, &[]).matrix(&[], 0)
    };
    // SAFETY: the views' matrices, read through their strides.
    if unsafe { !all_finite(a_mat) || !all_finite(b_mat) } {
        return Err(Error::NoConvergence {
            op: "lstsq",
            algorithm: "SVD (in linear least squares)",
            batch_index: Vec::new(),
        });
    }
    let par = par_for(svd_work(m, n, false));
    let size = m.min(n);
    let mut solution = ColMajor::<WorkOf<T>>::zeros(n, k);
    let mut residuals: Option<Vec<f64>> = None;
    let (s, rank) = if size == 0 {
        if n == 0 && m > 0 {
            // gelsd returns at once; the residuals are b's squared norms.
            let mut sums = vec![0.0; k];
            for (j, sum) in sums.iter_mut().enumerate() {
                for i in 0..m {
                    // SAFETY: in bounds of b.
                    *sum += unsafe { b_mat.at(i, j) }.to_work().modulus_sqr();
                }
            }
            residuals = Some(sums);
        }
        (Vec::new(), 0)
    } else {
        // SAFETY: a, b read through their strides into work matrices of this call.
        let (s, solved) = unsafe { bidiagonal_solve::<T>(a_mat, b_mat, rcond, par) }?;
        let rank = s.iter().filter(|&&v| v > rcond * s[0]).count();
        match solved {
            Some((x, res)) if rank == size => {
                solution = x;
                residuals = res;
            }
            _ => solution = pseudo_inverse_solve(&a, b_mat, rcond)?,
        }
        (s, rank)
    };
    let x_values: Vec<T::Float> = (0..n * k)
        .map(|idx| T::Float::from_work(solution.get(idx / k, idx % k)))
        .collect();
    let x = if vector {
        Array::from_vec(x_values, [n])?
    } else {
        Array::from_vec(x_values, [n, k])?
    };
    let real = <T::Float as LinalgFloat>::real_from_f64;
    let residuals = match residuals {
        Some(r) if rank == n && m > n => Array::from_vec(r.into_iter().map(real).collect(), [k])?,
        _ => Array::from_vec(Vec::new(), [0])?,
    };
    Ok(LstsqResult {
        x,
        residuals,
        rank,
        s: Array::from_vec(s.into_iter().map(real).collect(), [size])?,
    })
}

/// The singular values of `a` (`M x N`, `min(M, N) > 0`) from its bidiagonal form and, when
/// no singular value is below `rcond * s_max`, the solution and (for `M > N`) the residuals.
///
/// # Safety
/// `a` and `b` describe valid elements.
#[allow(clippy::type_complexity)]
unsafe fn bidiagonal_solve<T: LinalgInput>(
    a: Matrix<T>,
    b: Matrix<T>,
    rcond: f64,
    par: Par,
) -> Result<(Vec<f64>, Option<(ColMajor<WorkOf<T>>, Option<Vec<f64>>)>)> {
    let (m, n, k) = (a.rows, a.cols, b.cols);
    let tall = m >= n;
    // Bidiagonalise a (tall) or a^H (wide): `w = U B V^H`, `w` of size p x q, p >= q.
    let (p, q) = if tall { (m, n) } else { (n, m) };
    let mut w = ColMajor::<WorkOf<T>>::zeros(p, q);
    // SAFETY: forwarded contract.
    unsafe {
        if tall {
            copy_matrix(a, w.matrix(), T::to_work);
        } else {
            copy_matrix(a.t(), w.matrix(), |x: T| T::to_work(x).conjugate());
        }
    }
    let (left, right) = WorkOf::<T>::bidiag_in_place(w.view_mut(), par);
    let d: Vec<WorkOf<T>> = (0..q).map(|i| w.get(i, i)).collect();
    let e: Vec<WorkOf<T>> = (0..q - 1).map(|i| w.get(i, i + 1)).collect();
    // Golub-Kahan: the eigenvalues of the 2q x 2q tridiagonal matrix with zero diagonal and
    // off-diagonal (|d0|, |e0|, |d1|, ..., |d_{q-1}|) are +-s.
    let mut off = Vec::with_capacity(2 * q - 1);
    for i in 0..q {
        off.push(d[i].modulus());
        if i + 1 < q {
            off.push(e[i].modulus());
        }
    }
    let mut eig = vec![0.0; 2 * q];
    tridiagonal_eigenvalues(&vec![0.0; 2 * q], &off, &mut eig).map_err(|_| {
        Error::NoConvergence {
            op: "lstsq",
            algorithm: "SVD (in linear least squares)",
            batch_index: Vec::new(),
        }
    })?;
    let s: Vec<f64> = eig.iter().rev().take(q).map(|v| v.abs()).collect();
    let full_rank = s.iter().all(|&v| v > rcond * s[0]);
    if !full_rank {
        return Ok((s, None));
    }
    let u_basis = w.view().get(.., 0..q);
    // R's reflectors: the rows above the superdiagonal, transposed.
    let r_basis = w.view().get(0..q - 1, 1..q).transpose();
    let mut c = ColMajor::<WorkOf<T>>::zeros(if tall { m } else { n }, k);
    if tall {
        // SAFETY: forwarded contract.
        unsafe { copy_matrix(b, c.matrix(), T::to_work) };
        // c = U^H b; B y = c[..n]; x = V y = (y0, R y[1..]).
        WorkOf::<T>::qr_apply_q(u_basis, left.as_ref(), true, c.view_mut(), par);
        let residuals = (m > n).then(|| {
            (0..k)
                .map(|j| (n..m).map(|i| c.get(i, j).modulus_sqr()).sum::<f64>())
                .collect()
        });
        let mut x = ColMajor::<WorkOf<T>>::zeros(n, k);
        for j in 0..k {
            let mut next = WorkOf::<T>::zero();
            for i in (0..n).rev() {
                let mut v = c.get(i, j);
                if i + 1 < n {
                    v -= e[i] * next;
                }
                next = v / d[i];
                x.data[i + j * n] = next;
            }
        }
        if n > 1 {
            let tail = x.view_mut().get_mut(1..n, ..);
            WorkOf::<T>::apply_householder(r_basis, right.as_ref(), false, true, tail, par);
        }
        Ok((s, Some((x, residuals))))
    } else {
        // a = V B^H U^H: c = V^H b = (b0, R^H b[1..]); B^H z = c; x = U (z, 0).
        let mut rhs = ColMajor::<WorkOf<T>>::zeros(m, k);
        // SAFETY: forwarded contract.
        unsafe { copy_matrix(b, rhs.matrix(), T::to_work) };
        if m > 1 {
            let tail = rhs.view_mut().get_mut(1..m, ..);
            WorkOf::<T>::apply_householder(r_basis, right.as_ref(), true, false, tail, par);
        }
        for j in 0..k {
            let mut prev = WorkOf::<T>::zero();
            for i in 0..m {
                let mut v = rhs.get(i, j);
                if i > 0 {
                    v -= e[i - 1].conjugate() * prev;
                }
                prev = v / d[i].conjugate();
                c.data[i + j * n] = prev;
            }
        }
        WorkOf::<T>::qr_apply_q(u_basis, left.as_ref(), false, c.view_mut(), par);
        Ok((s, Some((c, None))))
    }
}

/// `x = V diag(1/s) U^H b` over the singular values above `rcond * s_max` (rank-deficient
/// `lstsq`).
fn pseudo_inverse_solve<T: LinalgInput>(
    a: &ArrayView<'_, T>,
    b: Matrix<T>,
    rcond: f64,
) -> Result<ColMajor<WorkOf<T>>> {
    let SvdResult { u, s, vh } = svd_impl("lstsq", a, false, true)?;
    let (u, vh) = (u.expect("computed"), vh.expect("computed"));
    let (m, n) = (a.shape()[0], a.shape()[1]);
    let size = m.min(n);
    let s: Vec<f64> = s
        .iter()
        .map(|&v| num_traits::ToPrimitive::to_f64(&v).unwrap_or(f64::NAN))
        .collect();
    let cutoff = rcond * s.first().copied().unwrap_or(0.0);
    let (u, vh) = (u.to_vec(), vh.to_vec());
    let k = b.cols;
    // t = diag(1/s) U^H b over the kept values, then x = V t.
    let mut t = vec![WorkOf::<T>::zero(); size * k];
    for r in 0..size {
        if s[r] <= cutoff {
            continue;
        }
        for j in 0..k {
            let mut sum = WorkOf::<T>::zero();
            for i in 0..m {
                // SAFETY: in bounds of b.
                let bij = T::to_work(unsafe { b.at(i, j) });
                sum += u[i * size + r].to_work().conjugate() * bij;
            }
            t[r * k + j] = sum.scale(1.0 / s[r]);
        }
    }
    let mut x = ColMajor::<WorkOf<T>>::zeros(n, k);
    for i in 0..n {
        for j in 0..k {
            let mut sum = WorkOf::<T>::zero();
            for r in 0..size {
                sum += vh[r * n + i].to_work().conjugate() * t[r * k + j];
            }
            x.data[i + j * n] = sum;
        }
    }
    Ok(x)
}

/// The options of [`pinv`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PinvOptions {
    /// Relative cutoff for small singular values (NumPy's older `rcond`).
    pub rcond: Option<f64>,
    /// Relative cutoff (NumPy 2's `rtol`; NumPy's `rtol=None`, `max(M, N) * eps`, is
    /// `Some(max(m, n) as f64 * eps)`). Only one of `rcond` and `rtol` may be given; with
    /// neither, the cutoff is NumPy's default `1e-15`.
    pub rtol: Option<f64>,
    /// Whether the matrices are Hermitian (the SVD comes from `eigh`).
    pub hermitian: bool,
}

/// NumPy's `linalg.pinv(a, rcond=None, hermitian=False, rtol=...)`: the Moore-Penrose
/// pseudo-inverse of each matrix of an `(..., M, N)` stack, `(..., N, M)`, from its SVD with
/// singular values `<= cutoff * s_max` dropped.
///
/// # Errors
/// [`Error::InvalidArgument`] when both `rcond` and `rtol` are given; SVD errors.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{pinv, PinvOptions};
///
/// let a = array![[1.0f64, 2.0], [2.0, 4.0], [0.0, 0.0]]; // rank 1
/// let p = pinv(&a, PinvOptions::default())?;
/// assert_eq!(p.shape(), &[2, 3]);
/// assert!((p[[0, 0]] - 0.04).abs() < 1e-12 && (p[[1, 1]] - 0.16).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn pinv<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    options: PinvOptions,
) -> Result<Array<T::Float>> {
    check_supported::<T>("pinv")?;
    let a = a.as_view();
    let (m, n) = crate::decomp::batch::check_stacked_2d("pinv", a.shape())?;
    let cutoff = match (options.rcond, options.rtol) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid_argument(
                "rtol",
                "given with rcond",
                "`rtol` and `rcond` can't be both set",
            ));
        }
        (Some(r), None) | (None, Some(r)) => r,
        (None, None) => 1e-15,
    };
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let mut shape = batch.clone();
    shape.extend([n, m]);
    if m * n == 0 {
        return Array::zeros(shape);
    }
    let svd_options = SvdOptions {
        full_matrices: false,
        compute_uv: true,
        hermitian: options.hermitian,
    };
    let SvdResult { u, s, vh } = svd(&a, svd_options)?;
    let (u, vh) = (u.expect("computed"), vh.expect("computed"));
    let k = s.shape()[s.ndim() - 1];
    let items: usize = batch.iter().product();
    let (u, s, vh) = (u.to_vec(), s.to_vec(), vh.to_vec());
    let mut out = Vec::with_capacity(items * n * m);
    let par = par_for((m * n * k) as f64);
    let mut left = ColMajor::<WorkOf<T>>::zeros(n, k);
    let mut right = ColMajor::<WorkOf<T>>::zeros(k, m);
    let mut product = ColMajor::<WorkOf<T>>::zeros(n, m);
    for item in 0..items {
        let s = &s[item * k..(item + 1) * k];
        let top = s
            .iter()
            .map(|v| num_traits::ToPrimitive::to_f64(v).unwrap_or(f64::NAN))
            .fold(f64::NEG_INFINITY, f64::max);
        let u = &u[item * m * k..(item + 1) * m * k];
        let vh = &vh[item * k * n..(item + 1) * k * n];
        // pinv = V diag(1/s) U^H: left = V scaled by the kept 1/s, right = U^H.
        for r in 0..k {
            let sv = num_traits::ToPrimitive::to_f64(&s[r]).unwrap_or(f64::NAN);
            let scale = if sv > cutoff * top { 1.0 / sv } else { 0.0 };
            for i in 0..n {
                left.data[i + r * n] = vh[r * n + i].to_work().conjugate().scale(scale);
            }
            for j in 0..m {
                right.data[r + j * k] = u[j * k + r].to_work().conjugate();
            }
        }
        WorkOf::<T>::matmul(product.view_mut(), left.view(), right.view(), par);
        for i in 0..n {
            for j in 0..m {
                out.push(T::Float::from_work(product.get(i, j)));
            }
        }
    }
    Array::from_vec(out, shape)
}

/// The options of [`matrix_rank`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MatrixRankOptions {
    /// Absolute threshold: singular values above it count.
    pub tol: Option<f64>,
    /// Whether the matrices are Hermitian (singular values from `eigvalsh`).
    pub hermitian: bool,
    /// Relative threshold (times the largest singular value); default `max(M, N) * eps` of
    /// the input's precision. Only one of `tol` and `rtol` may be given.
    pub rtol: Option<f64>,
}

/// NumPy's `linalg.matrix_rank(A, tol=None, hermitian=False, rtol=None)`: the number of
/// singular values above the threshold, for each matrix of an `(..., M, N)` stack (an `i64`
/// array of the batch shape). For fewer than two dimensions: 1 unless every element is zero.
///
/// # Errors
/// [`Error::InvalidArgument`] when both `tol` and `rtol` are given; SVD errors.
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_linalg::{matrix_rank, MatrixRankOptions};
///
/// let mut i = Array::<f64>::eye(4)?;
/// assert_eq!(matrix_rank(&i, MatrixRankOptions::default())?.item()?, 4);
/// i[[3, 3]] = 0.0;
/// assert_eq!(matrix_rank(&i, MatrixRankOptions::default())?.item()?, 3);
/// assert_eq!(matrix_rank(&array![0.0f64, 0.0], MatrixRankOptions::default())?.item()?, 0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn matrix_rank<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    options: MatrixRankOptions,
) -> Result<Array<i64>> {
    check_supported::<T>("matrix_rank")?;
    let a = a.as_view();
    if options.tol.is_some() && options.rtol.is_some() {
        return Err(Error::invalid_argument(
            "rtol",
            "given with tol",
            "`tol` and `rtol` can't be both set",
        ));
    }
    if a.ndim() < 2 {
        let nonzero = a.iter().any(|&x| x != T::zero());
        return Ok(Array::from_scalar(nonzero as i64));
    }
    let (m, n) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
    let k = m.min(n);
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    // The singular values as NumPy compares them: rounded to the result's precision.
    let round = |v: f64| {
        num_traits::ToPrimitive::to_f64(&<T::Float as LinalgFloat>::real_from_f64(v))
            .unwrap_or(f64::NAN)
    };
    let s: Vec<f64> = if options.hermitian {
        let w = crate::decomp::eig::eigh_impl(
            "matrix_rank",
            &a,
            crate::decomp::cholesky::Uplo::Lower,
            false,
        )?;
        w.eigenvalues
            .iter()
            .map(|v| num_traits::ToPrimitive::to_f64(v).unwrap_or(f64::NAN).abs())
            .collect()
    } else {
        singular_values("matrix_rank", &a)?
            .into_iter()
            .map(round)
            .collect()
    };
    let rtol = options
        .rtol
        .unwrap_or(m.max(n) as f64 * <T::Float as LinalgFloat>::EPS);
    let items: usize = batch.iter().product();
    let ranks: Vec<i64> = (0..items)
        .map(|item| {
            let s = &s[item * k..(item + 1) * k];
            let tol = match options.tol {
                Some(t) => t,
                None => s.iter().copied().fold(0.0, f64::max) * rtol,
            };
            s.iter().filter(|&&v| v > tol).count() as i64
        })
        .collect();
    Array::from_vec(ranks, batch)
}
