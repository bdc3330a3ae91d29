//! `Work` for `f64` and `Complex64`: the shared methods of `common.rs` plus the ones whose
//! `faer` routines differ by type (eigen-decompositions), and the helpers they call.

use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::{cholesky::llt, evd, householder, lu::partial_pivoting as plu, qr, svd};
use faer::linalg::{matmul, triangular_solve};
use faer::perm::PermRef;
use faer::{Accum, ColMut, Conj, Mat, MatMut, MatRef, Par};
use oxarray_core::Complex64;

use super::{NoConvergence, Work};

fn conj_flag(conj: bool) -> Conj {
    if conj { Conj::Yes } else { Conj::No }
}

/// The permutation of an LU factorisation as `faer` takes it.
fn perm_ref<'a>(perm: &'a [usize], perm_inv: &'a [usize]) -> PermRef<'a, usize> {
    PermRef::new_checked(perm, perm_inv, perm.len())
}

/// The eigenvalues (ascending) of the real symmetric tridiagonal matrix with diagonal `diag`
/// and off-diagonal `offdiag` (`n - 1` values), into `out`.
pub(crate) fn tridiagonal_eigenvalues(
    diag: &[f64],
    offdiag: &[f64],
    out: &mut [f64],
) -> Result<(), NoConvergence> {
    let n = diag.len();
    if n == 0 {
        return Ok(());
    }
    let mut sub = offdiag.to_vec();
    sub.resize(n, 0.0);
    let mut w = vec![0.0; n];
    let par = Par::Seq;
    let mut mem = MemBuffer::new(faer::linalg::temp_mat_scratch::<f64>(n, 1).array(2));
    // SAFETY: the three vectors hold `n` contiguous elements each.
    let (d, e, s) = unsafe {
        (
            faer::ColRef::from_raw_parts(diag.as_ptr(), n, 1),
            faer::ColRef::from_raw_parts(sub.as_ptr(), n, 1),
            ColMut::from_raw_parts_mut(w.as_mut_ptr(), n, 1),
        )
    };
    evd::tridiagonal_self_adjoint_evd(
        d.as_diagonal(),
        e.as_diagonal(),
        s.as_diagonal_mut(),
        None,
        par,
        MemStack::new(&mut mem),
        Default::default(),
    )
    .map_err(|_| NoConvergence)?;
    out.copy_from_slice(&w);
    Ok(())
}

/// The `evd` scratch for `n x n` with right eigenvectors or none.
fn evd_mem<T: faer::traits::ComplexField>(n: usize, vectors: bool, par: Par) -> MemBuffer {
    let right = if vectors {
        evd::ComputeEigenvectors::Yes
    } else {
        evd::ComputeEigenvectors::No
    };
    MemBuffer::new(evd::evd_scratch::<T>(
        n,
        evd::ComputeEigenvectors::No,
        right,
        par,
        Default::default(),
    ))
}

impl Work for f64 {
    #[inline(always)]
    fn abs1(self) -> f64 {
        self.abs()
    }
    #[inline(always)]
    fn modulus(self) -> f64 {
        self.abs()
    }
    #[inline(always)]
    fn modulus_sqr(self) -> f64 {
        self * self
    }
    #[inline(always)]
    fn conjugate(self) -> Self {
        self
    }
    #[inline(always)]
    fn from_f64(value: f64) -> Self {
        value
    }
    #[inline(always)]
    fn re(self) -> f64 {
        self
    }
    #[inline(always)]
    fn im(self) -> f64 {
        0.0
    }
    #[inline(always)]
    fn scale(self, by: f64) -> Self {
        self * by
    }
    #[inline(always)]
    fn finite(self) -> bool {
        self.is_finite()
    }

    work_common!(f64);

    fn eig(
        a: MatRef<'_, f64>,
        w: &mut [Complex64],
        v: Option<MatMut<'_, Complex64>>,
        par: Par,
    ) -> Result<(), NoConvergence> {
        let n = a.nrows();
        let mut mem = evd_mem::<f64>(n, v.is_some(), par);
        let mut re = Mat::<f64>::zeros(n, 1);
        let mut im = Mat::<f64>::zeros(n, 1);
        let mut vectors = v.as_ref().map(|_| Mat::<f64>::zeros(n, n));
        evd::evd_real(
            a,
            re.as_mut().col_mut(0).as_diagonal_mut(),
            im.as_mut().col_mut(0).as_diagonal_mut(),
            None,
            vectors.as_mut().map(|m| m.as_mut()),
            par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(|_| NoConvergence)?;
        for j in 0..n {
            w[j] = Complex64::new(re[(j, 0)], im[(j, 0)]);
        }
        if let (Some(mut out), Some(real)) = (v, vectors) {
            // LAPACK's format: a pair `re +- i im` (positive `im` first) has the vectors
            // `real[:, j] +- i real[:, j + 1]`.
            let mut j = 0;
            while j < n {
                if im[(j, 0)] == 0.0 || j + 1 == n {
                    for i in 0..n {
                        out[(i, j)] = Complex64::new(real[(i, j)], 0.0);
                    }
                    j += 1;
                } else {
                    for i in 0..n {
                        let (x, y) = (real[(i, j)], real[(i, j + 1)]);
                        out[(i, j)] = Complex64::new(x, y);
                        out[(i, j + 1)] = Complex64::new(x, -y);
                    }
                    j += 2;
                }
            }
        }
        Ok(())
    }
}

impl Work for Complex64 {
    #[inline(always)]
    fn abs1(self) -> f64 {
        self.re.abs() + self.im.abs()
    }
    #[inline(always)]
    fn modulus(self) -> f64 {
        self.norm()
    }
    #[inline(always)]
    fn modulus_sqr(self) -> f64 {
        self.norm_sqr()
    }
    #[inline(always)]
    fn conjugate(self) -> Self {
        self.conj()
    }
    #[inline(always)]
    fn from_f64(value: f64) -> Self {
        Complex64::new(value, 0.0)
    }
    #[inline(always)]
    fn re(self) -> f64 {
        self.re
    }
    #[inline(always)]
    fn im(self) -> f64 {
        self.im
    }
    #[inline(always)]
    fn scale(self, by: f64) -> Self {
        self * by
    }
    #[inline(always)]
    fn finite(self) -> bool {
        self.re.is_finite() && self.im.is_finite()
    }

    work_common!(Complex64);

    fn eig(
        a: MatRef<'_, Complex64>,
        w: &mut [Complex64],
        v: Option<MatMut<'_, Complex64>>,
        par: Par,
    ) -> Result<(), NoConvergence> {
        let n = a.nrows();
        let mut mem = evd_mem::<Complex64>(n, v.is_some(), par);
        // SAFETY: `w` holds `n` elements, contiguous.
        let diag = unsafe { ColMut::from_raw_parts_mut(w.as_mut_ptr(), n, 1) };
        evd::evd_cplx(
            a,
            diag.as_diagonal_mut(),
            None,
            v,
            par,
            MemStack::new(&mut mem),
            Default::default(),
        )
        .map_err(|_| NoConvergence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unitary_error(v: MatRef<'_, f64>) -> f64 {
        let n = v.ncols();
        let mut worst: f64 = 0.0;
        for i in 0..n {
            for j in 0..n {
                let dot: f64 = (0..v.nrows()).map(|r| v[(r, i)] * v[(r, j)]).sum();
                worst = worst.max((dot - if i == j { 1.0 } else { 0.0 }).abs());
            }
        }
        worst
    }

    #[test]
    fn full_svd_vectors_are_orthonormal() {
        for (m, n) in [(3, 7), (7, 3), (4, 4), (6, 5)] {
            let a = Mat::<f64>::from_fn(m, n, |i, j| ((i * 7 + j * 3) % 5) as f64 - 1.3 * j as f64);
            let mut s = vec![0.0; m.min(n)];
            let mut u = Mat::<f64>::zeros(m, m);
            let mut v = Mat::<f64>::zeros(n, n);
            f64::svd(
                a.as_ref(),
                &mut s,
                Some(u.as_mut()),
                Some(v.as_mut()),
                Par::Seq,
            )
            .unwrap();
            assert!(
                unitary_error(u.as_ref()) < 1e-12,
                "U {m}x{n}: {}",
                unitary_error(u.as_ref())
            );
            assert!(
                unitary_error(v.as_ref()) < 1e-12,
                "V {m}x{n}: {}",
                unitary_error(v.as_ref())
            );
            // a row-major input and row-major outputs
            let at = a.transpose().to_owned();
            let mut ut = Mat::<f64>::zeros(m, m);
            let mut vt = Mat::<f64>::zeros(n, n);
            f64::svd(
                at.as_ref().transpose(),
                &mut s,
                Some(ut.as_mut().transpose_mut()),
                Some(vt.as_mut().transpose_mut()),
                Par::Seq,
            )
            .unwrap();
            assert!(
                unitary_error(ut.transpose()) < 1e-12,
                "U^T {m}x{n}: {}",
                unitary_error(ut.transpose())
            );
            assert!(
                unitary_error(vt.transpose()) < 1e-12,
                "V^T {m}x{n}: {}",
                unitary_error(vt.transpose())
            );
            let mut u2 = Mat::<f64>::zeros(m, m);
            let mut v2 = Mat::<f64>::zeros(n, n);
            f64::svd(
                at.as_ref().transpose(),
                &mut s,
                Some(u2.as_mut()),
                Some(v2.as_mut()),
                Par::Seq,
            )
            .unwrap();
            assert!(
                unitary_error(u2.as_ref()) < 1e-12,
                "U (row-major input) {m}x{n}"
            );
            assert!(
                unitary_error(v2.as_ref()) < 1e-12,
                "V (row-major input) {m}x{n}"
            );
        }
    }
}
