//! The one place that calls `faer`: its dense factorisations for the two work types, `f64`
//! and [`Complex64`], as the methods of [`Work`].
//!
//! Every method is implemented for the concrete types by one macro, so each `faer` routine is
//! compiled once, in this crate, whatever element types the callers (and their test crates)
//! instantiate the generic drivers with. The drivers pass matrices as `faer` views built on
//! oxarray's own buffers and strides (no copies here) and say how many threads `faer` may use.

use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::{cholesky::llt, evd, householder, lu::partial_pivoting as plu, qr, svd};
use faer::linalg::{matmul, triangular_solve};
use faer::perm::PermRef;
use faer::{Accum, ColMut, Conj, Mat, MatMut, MatRef, Par};
use oxarray_core::Complex64;

use crate::decomp::float::LinalgFloat;

/// Below this many multiply-adds a factorisation runs on the calling thread: `faer`'s thread
/// hand-offs cost more than they save on small matrices (and batches of small matrices are
/// split over threads one matrix per task instead).
pub(crate) const THREADED_MIN_WORK: f64 = (192.0 * 192.0 * 192.0) / 3.0;

/// The parallelism `faer` gets for a factorisation of about `work` multiply-adds, when the
/// caller is not itself running on a worker thread of a batch.
pub(crate) fn par_for(work: f64) -> Par {
    if work >= THREADED_MIN_WORK && rayon::current_num_threads() > 1 {
        Par::rayon(0)
    } else {
        Par::Seq
    }
}

/// An iterative algorithm stopped before converging. Not public API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct NoConvergence;

/// The two types the factorisations compute in (`f64`, `Complex64`), with the `faer`
/// routines this crate uses. Not public API.
#[doc(hidden)]
pub trait Work:
    LinalgFloat<Work = Self, Real = f64>
    + faer::traits::ComplexField<Real = f64>
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Neg<Output = Self>
    + std::ops::AddAssign
    + std::ops::SubAssign
    + std::ops::MulAssign
    + std::ops::DivAssign
{
    /// `|re| + |im|`: the magnitude LAPACK (and `faer`) pivot on.
    fn abs1(self) -> f64;
    /// The modulus.
    fn modulus(self) -> f64;
    /// `re^2 + im^2`.
    fn modulus_sqr(self) -> f64;
    /// The complex conjugate.
    fn conjugate(self) -> Self;
    /// A real value in this type.
    fn from_f64(value: f64) -> Self;
    /// The real part.
    fn re(self) -> f64;
    /// The imaginary part (0 for `f64`).
    fn im(self) -> f64;
    /// Multiplication by a real.
    fn scale(self, by: f64) -> Self;
    /// Whether both parts are finite.
    fn finite(self) -> bool;

    /// LU with partial pivoting of `a` (`m x n`) in place: `L` below the diagonal (unit
    /// diagonal implied), `U` on and above. `perm[i]` is the row of `a` that became row `i`
    /// (`a[perm] = L U`), `perm_inv` its inverse. Returns the number of row exchanges.
    fn lu_in_place(
        a: MatMut<'_, Self>,
        perm: &mut [usize],
        perm_inv: &mut [usize],
        par: Par,
    ) -> usize;

    /// Solves `A x = b` (`A^T x = b` when `transpose`) in place in `rhs`, with `lu`, `perm`,
    /// `perm_inv` from [`Work::lu_in_place`] of `A` (square).
    fn lu_solve_in_place(
        lu: MatRef<'_, Self>,
        perm: &[usize],
        perm_inv: &[usize],
        transpose: bool,
        rhs: MatMut<'_, Self>,
        par: Par,
    );

    /// Writes `A^-1` into `out` from the factorisation of [`Work::lu_in_place`].
    fn lu_inverse(
        out: MatMut<'_, Self>,
        lu: MatRef<'_, Self>,
        perm: &[usize],
        perm_inv: &[usize],
        par: Par,
    );

    /// Cholesky `A = L L^H` in place, reading and writing the lower triangle only. On failure,
    /// the 0-based index of the first pivot that is not positive.
    fn cholesky_in_place(a: MatMut<'_, Self>, par: Par) -> Result<(), usize>;

    /// Solves `L L^H x = b` in place in `rhs`, `L` the lower triangle of `l` (conjugated when
    /// `conj`).
    fn cholesky_solve_in_place(l: MatRef<'_, Self>, conj: bool, rhs: MatMut<'_, Self>, par: Par);

    /// Householder QR of `a` (`m x n`) in place: `R` on and above the diagonal, the reflectors
    /// below it. Returns the block reflector factors `faer` applies them with.
    fn qr_in_place(a: MatMut<'_, Self>, par: Par) -> Mat<Self>;

    /// `target = Q target` (`Q^H target` when `adjoint`), `Q` given by the reflectors below
    /// the diagonal of `basis` and the factors `coeff` of [`Work::qr_in_place`].
    fn qr_apply_q(
        basis: MatRef<'_, Self>,
        coeff: MatRef<'_, Self>,
        adjoint: bool,
        target: MatMut<'_, Self>,
        par: Par,
    ) {
        Self::apply_householder(basis, coeff, adjoint, adjoint, target, par);
    }

    /// Forms the leading `q.ncols()` columns of `Q` in `q` (`m x qc`, `qc >= k`), which must
    /// hold the leading columns of the identity on entry. As LAPACK's `orgqr`, the blocks are
    /// applied last to first, each only to the trailing part of `q` it can change: before
    /// block `j` (columns `j0..j` of the reflectors) is applied, the columns of `q` left of
    /// `j0` are still unit vectors that a reflector acting on rows `j0..` leaves alone. That
    /// costs two thirds of applying `Q` to the whole identity, a third less for a square `Q`.
    fn qr_form_q(
        basis: MatRef<'_, Self>,
        coeff: MatRef<'_, Self>,
        mut q: MatMut<'_, Self>,
        par: Par,
    ) {
        let (k, block) = (coeff.ncols(), coeff.nrows());
        debug_assert!(block > 0 && q.ncols() >= k && basis.ncols() >= k);
        let mut end = k;
        let mut size = match k % block {
            0 => block,
            rest => rest,
        };
        while end > 0 {
            let start = end - size;
            let essentials = basis.get(start.., start..end);
            let factor = coeff.get(..end - start, start..end);
            let tail = q.as_mut().get_mut(start.., start..);
            Self::apply_householder(essentials, factor, false, false, tail, par);
            end = start;
            size = block;
        }
    }

    /// `target = op(Q) target` for the block reflector sequence `Q` of (`basis`, `coeff`) with
    /// the basis conjugated when `conj`: `op` transposes when `transpose`. (`Q^H` is
    /// `transpose = conj = true`.)
    fn apply_householder(
        basis: MatRef<'_, Self>,
        coeff: MatRef<'_, Self>,
        transpose: bool,
        conj: bool,
        target: MatMut<'_, Self>,
        par: Par,
    );

    /// Golub-Kahan bidiagonalisation of a tall `a` (`m >= n`) in place, `a = U B V^H`: `B`
    /// upper bidiagonal on the diagonal and superdiagonal, `U`'s reflectors below the
    /// diagonal (factors: the first matrix returned), `V = diag(1, R)` with `R`'s reflectors
    /// in the rows above the superdiagonal (factors: the second; see `lstsq`).
    fn bidiag_in_place(a: MatMut<'_, Self>, par: Par) -> (Mat<Self>, Mat<Self>);

    /// Singular values (descending) into `s` (`min(m, n)` of them) and, when given, the
    /// vectors: `u` is `m x m` or `m x k`, `v` (not `V^H`) `n x n` or `n x k`.
    fn svd(
        a: MatRef<'_, Self>,
        s: &mut [f64],
        u: Option<MatMut<'_, Self>>,
        v: Option<MatMut<'_, Self>>,
        par: Par,
    ) -> Result<(), NoConvergence>;

    /// Eigenvalues (ascending) of the Hermitian matrix whose lower triangle is that of `a`,
    /// and optionally its orthonormal eigenvectors (columns of `u`).
    fn eigh(
        a: MatRef<'_, Self>,
        w: &mut [f64],
        u: Option<MatMut<'_, Self>>,
        par: Par,
    ) -> Result<(), NoConvergence>;

    /// Eigenvalues of a general square matrix and optionally its right eigenvectors (columns
    /// of `v`, each of unit 2-norm), complex in any case. For real matrices, complex
    /// conjugate pairs are adjacent with the positive imaginary part first (as LAPACK's
    /// `geev`).
    fn eig(
        a: MatRef<'_, Self>,
        w: &mut [Complex64],
        v: Option<MatMut<'_, Complex64>>,
        par: Par,
    ) -> Result<(), NoConvergence>;

    /// Solves `T x = b` in place in `rhs` for the triangle of `t` (`lower` or upper), with an
    /// implied unit diagonal when `unit`, `T` conjugated when `conj`.
    fn triangular_solve_in_place(
        t: MatRef<'_, Self>,
        lower: bool,
        unit: bool,
        conj: bool,
        rhs: MatMut<'_, Self>,
        par: Par,
    );

    /// `out = a @ b` (overwriting `out`).
    fn matmul(out: MatMut<'_, Self>, a: MatRef<'_, Self>, b: MatRef<'_, Self>, par: Par);
}

fn conj_flag(conj: bool) -> Conj {
    if conj { Conj::Yes } else { Conj::No }
}

/// The permutation of an LU factorisation as `faer` takes it.
fn perm_ref<'a>(perm: &'a [usize], perm_inv: &'a [usize]) -> PermRef<'a, usize> {
    PermRef::new_checked(perm, perm_inv, perm.len())
}

macro_rules! work_common {
    ($t:ty) => {
        fn lu_in_place(
            a: MatMut<'_, $t>,
            perm: &mut [usize],
            perm_inv: &mut [usize],
            par: Par,
        ) -> usize {
            let (m, n) = (a.nrows(), a.ncols());
            let mut mem = MemBuffer::new(plu::factor::lu_in_place_scratch::<usize, $t>(
                m,
                n,
                par,
                Default::default(),
            ));
            let (info, _) = plu::factor::lu_in_place(
                a,
                perm,
                perm_inv,
                par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            info.transposition_count
        }

        fn lu_solve_in_place(
            lu: MatRef<'_, $t>,
            perm: &[usize],
            perm_inv: &[usize],
            transpose: bool,
            rhs: MatMut<'_, $t>,
            par: Par,
        ) {
            let (n, k) = (lu.nrows(), rhs.ncols());
            let p = perm_ref(perm, perm_inv);
            if transpose {
                let mut mem = MemBuffer::new(
                    plu::solve::solve_transpose_in_place_scratch::<usize, $t>(n, k, par),
                );
                plu::solve::solve_transpose_in_place_with_conj(
                    lu,
                    lu,
                    p,
                    Conj::No,
                    rhs,
                    par,
                    MemStack::new(&mut mem),
                );
            } else {
                let mut mem =
                    MemBuffer::new(plu::solve::solve_in_place_scratch::<usize, $t>(n, k, par));
                plu::solve::solve_in_place_with_conj(
                    lu,
                    lu,
                    p,
                    Conj::No,
                    rhs,
                    par,
                    MemStack::new(&mut mem),
                );
            }
        }

        fn lu_inverse(
            out: MatMut<'_, $t>,
            lu: MatRef<'_, $t>,
            perm: &[usize],
            perm_inv: &[usize],
            par: Par,
        ) {
            let n = lu.nrows();
            let mut mem = MemBuffer::new(plu::inverse::inverse_scratch::<usize, $t>(n, par));
            plu::inverse::inverse(
                out,
                lu,
                lu,
                perm_ref(perm, perm_inv),
                par,
                MemStack::new(&mut mem),
            );
        }

        fn cholesky_in_place(a: MatMut<'_, $t>, par: Par) -> Result<(), usize> {
            let n = a.nrows();
            let mut mem = MemBuffer::new(llt::factor::cholesky_in_place_scratch::<$t>(
                n,
                par,
                Default::default(),
            ));
            llt::factor::cholesky_in_place(
                a,
                Default::default(),
                par,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .map(|_| ())
            .map_err(|llt::factor::LltError::NonPositivePivot { index }| index)
        }

        fn cholesky_solve_in_place(
            l: MatRef<'_, $t>,
            conj: bool,
            rhs: MatMut<'_, $t>,
            par: Par,
        ) {
            let (n, k) = (l.nrows(), rhs.ncols());
            let mut mem = MemBuffer::new(llt::solve::solve_in_place_scratch::<$t>(n, k, par));
            llt::solve::solve_in_place_with_conj(
                l,
                conj_flag(conj),
                rhs,
                par,
                MemStack::new(&mut mem),
            );
        }

        fn qr_in_place(a: MatMut<'_, $t>, par: Par) -> Mat<$t> {
            let (m, n) = (a.nrows(), a.ncols());
            let block = qr::no_pivoting::factor::recommended_block_size::<$t>(m, n);
            let mut coeff = Mat::<$t>::zeros(block, m.min(n));
            let mut mem = MemBuffer::new(qr::no_pivoting::factor::qr_in_place_scratch::<$t>(
                m,
                n,
                block,
                par,
                Default::default(),
            ));
            qr::no_pivoting::factor::qr_in_place(
                a,
                coeff.as_mut(),
                par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            coeff
        }

        fn apply_householder(
            basis: MatRef<'_, $t>,
            coeff: MatRef<'_, $t>,
            transpose: bool,
            conj: bool,
            target: MatMut<'_, $t>,
            par: Par,
        ) {
            let (m, k) = (basis.nrows(), target.ncols());
            let mut mem = MemBuffer::new(
                householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<$t>(
                    m,
                    coeff.nrows(),
                    k,
                ),
            );
            let stack = MemStack::new(&mut mem);
            let c = conj_flag(conj);
            if transpose {
                householder::apply_block_householder_sequence_transpose_on_the_left_in_place_with_conj(
                    basis, coeff, c, target, par, stack,
                );
            } else {
                householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
                    basis, coeff, c, target, par, stack,
                );
            }
        }

        fn bidiag_in_place(a: MatMut<'_, $t>, par: Par) -> (Mat<$t>, Mat<$t>) {
            let (m, n) = (a.nrows(), a.ncols());
            let block = qr::no_pivoting::factor::recommended_block_size::<$t>(m, n);
            let mut left = Mat::<$t>::zeros(block, n);
            let mut right = Mat::<$t>::zeros(block, n.saturating_sub(1));
            let mut mem = MemBuffer::new(svd::bidiag::bidiag_in_place_scratch::<$t>(
                m,
                n,
                par,
                Default::default(),
            ));
            svd::bidiag::bidiag_in_place(
                a,
                left.as_mut(),
                right.as_mut(),
                par,
                MemStack::new(&mut mem),
                Default::default(),
            );
            (left, right)
        }

        fn svd(
            a: MatRef<'_, $t>,
            s: &mut [f64],
            u: Option<MatMut<'_, $t>>,
            v: Option<MatMut<'_, $t>>,
            par: Par,
        ) -> Result<(), NoConvergence> {
            let (m, n) = (a.nrows(), a.ncols());
            let k = m.min(n);
            let mode = |mat: &Option<MatMut<'_, $t>>| match mat {
                None => svd::ComputeSvdVectors::No,
                Some(x) if x.ncols() == k && x.nrows() != k => svd::ComputeSvdVectors::Thin,
                Some(_) => svd::ComputeSvdVectors::Full,
            };
            let mut mem = MemBuffer::new(svd::svd_scratch::<$t>(
                m,
                n,
                mode(&u),
                mode(&v),
                par,
                Default::default(),
            ));
            let mut diag = Mat::<$t>::zeros(k, 1);
            svd::svd(
                a,
                diag.as_mut().col_mut(0).as_diagonal_mut(),
                u,
                v,
                par,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .map_err(|_| NoConvergence)?;
            for (i, slot) in s.iter_mut().enumerate() {
                *slot = Work::re(diag[(i, 0)]);
            }
            Ok(())
        }

        fn eigh(
            a: MatRef<'_, $t>,
            w: &mut [f64],
            u: Option<MatMut<'_, $t>>,
            par: Par,
        ) -> Result<(), NoConvergence> {
            let n = a.nrows();
            let vectors = if u.is_some() {
                evd::ComputeEigenvectors::Yes
            } else {
                evd::ComputeEigenvectors::No
            };
            let mut mem = MemBuffer::new(evd::self_adjoint_evd_scratch::<$t>(
                n,
                vectors,
                par,
                Default::default(),
            ));
            let mut diag = Mat::<$t>::zeros(n, 1);
            evd::self_adjoint_evd(
                a,
                diag.as_mut().col_mut(0).as_diagonal_mut(),
                u,
                par,
                MemStack::new(&mut mem),
                Default::default(),
            )
            .map_err(|_| NoConvergence)?;
            for (i, slot) in w.iter_mut().enumerate() {
                *slot = Work::re(diag[(i, 0)]);
            }
            Ok(())
        }

        fn triangular_solve_in_place(
            t: MatRef<'_, $t>,
            lower: bool,
            unit: bool,
            conj: bool,
            rhs: MatMut<'_, $t>,
            par: Par,
        ) {
            let c = conj_flag(conj);
            match (lower, unit) {
                (true, false) => {
                    triangular_solve::solve_lower_triangular_in_place_with_conj(t, c, rhs, par)
                }
                (true, true) => {
                    triangular_solve::solve_unit_lower_triangular_in_place_with_conj(t, c, rhs, par)
                }
                (false, false) => {
                    triangular_solve::solve_upper_triangular_in_place_with_conj(t, c, rhs, par)
                }
                (false, true) => {
                    triangular_solve::solve_unit_upper_triangular_in_place_with_conj(t, c, rhs, par)
                }
            }
        }

        fn matmul(out: MatMut<'_, $t>, a: MatRef<'_, $t>, b: MatRef<'_, $t>, par: Par) {
            matmul::matmul(out, Accum::Replace, a, b, <$t as oxarray_core::Element>::one(), par);
        }
    };
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
