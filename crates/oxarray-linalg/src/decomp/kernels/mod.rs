//! The one place that calls `faer`: its dense factorisations for the two work types, `f64`
//! and [`Complex64`], as the methods of [`Work`].
//!
//! Every method is implemented for the concrete types by one macro, so each `faer` routine is
//! compiled once, in this crate, whatever element types the callers (and their test crates)
//! instantiate the generic drivers with. The drivers pass matrices as `faer` views built on
//! oxarray's own buffers and strides (no copies here) and say how many threads `faer` may use.

use faer::{Mat, MatMut, MatRef, Par};
use oxarray_core::Complex64;

use crate::decomp::float::LinalgFloat;

#[macro_use]
mod common;
mod impls;

pub(crate) use impls::tridiagonal_eigenvalues;

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
