//! LU factorisation with partial pivoting (`A[perm] = L U`), the engine of `solve`, `inv`,
//! `det`, `slogdet` and SciPy's `lu` family.
//!
//! Matrices up to [`SMALL_MAX`] rows and columns are factored by the unblocked algorithm of
//! LAPACK's `getf2` written out here: for a stack of thousands of 8 x 8 systems, `faer`'s
//! blocked code (recursion, scratch allocation, parallelism checks) costs more than the
//! arithmetic. Larger matrices go to `faer`'s blocked, threaded factorisation. Both pivot on
//! the first element of largest `|re| + |im|` in the column, as LAPACK does.

use faer::{MatMut, Par};

use crate::decomp::batch::ColMajor;
use crate::decomp::kernels::Work;

/// Matrices with at most this many rows and columns take the unblocked kernel.
pub(crate) const SMALL_MAX: usize = 24;

/// An LU factorisation in column-major storage.
#[derive(Debug, Clone)]
pub(crate) struct Lu<W> {
    /// `L` strictly below the diagonal (unit diagonal implied), `U` on and above.
    pub lu: ColMajor<W>,
    /// Row `i` of `L U` is row `perm[i]` of the factored matrix.
    pub perm: Vec<usize>,
    /// The inverse permutation.
    pub perm_inv: Vec<usize>,
    /// The number of row exchanges (the sign of the permutation's determinant).
    pub swaps: usize,
}

impl<W: Work> Lu<W> {
    /// An empty factorisation to reuse for the matrices of a batch.
    pub fn new() -> Self {
        Lu {
            lu: ColMajor::zeros(0, 0),
            perm: Vec::new(),
            perm_inv: Vec::new(),
            swaps: 0,
        }
    }

    /// Factors the matrix that the caller has written into `self.lu` (resized by the caller).
    pub fn factor(&mut self, par: Par) {
        let (m, n) = (self.lu.rows, self.lu.cols);
        self.perm.resize(m, 0);
        self.perm_inv.resize(m, 0);
        if m <= SMALL_MAX && n <= SMALL_MAX {
            self.swaps = factor_unblocked(&mut self.lu, &mut self.perm);
            for (i, &p) in self.perm.iter().enumerate() {
                self.perm_inv[p] = i;
            }
        } else {
            self.swaps =
                W::lu_in_place(self.lu.view_mut(), &mut self.perm, &mut self.perm_inv, par);
        }
    }

    /// The order of the matrix (for square factorisations).
    pub fn order(&self) -> usize {
        self.lu.rows
    }

    /// Whether `U` has an exactly zero diagonal element (LAPACK's `info > 0`: the matrix is
    /// singular to working precision, and `solve` and `inv` refuse it).
    pub fn is_singular(&self) -> bool {
        let k = self.lu.rows.min(self.lu.cols);
        (0..k).any(|i| self.lu.get(i, i) == W::zero())
    }

    /// NumPy's `slogdet` of the factored (square) matrix: the sign (a unit complex number for
    /// complex matrices, `+-1` for real ones, 0 when singular) and `log|det|` (`-inf` when
    /// singular), summed as NumPy sums them (`det` is `sign * exp(logdet)`).
    pub fn sign_logdet(&self) -> (W, f64) {
        let n = self.lu.rows;
        if self.is_singular() {
            return (W::zero(), f64::NEG_INFINITY);
        }
        let mut sign = if self.swaps % 2 == 1 {
            -W::one()
        } else {
            W::one()
        };
        let mut logdet = 0.0;
        for i in 0..n {
            let d = self.lu.get(i, i);
            let modulus = d.modulus();
            sign *= d / W::from_f64(modulus);
            logdet += modulus.ln();
        }
        (sign, logdet)
    }

    /// Solves `A x = b` (`A^T x = b` when `transpose`) in place in `rhs` (`n x k`).
    pub fn solve_in_place(&self, mut rhs: MatMut<'_, W>, transpose: bool, par: Par) {
        let n = self.order();
        if n > SMALL_MAX {
            W::lu_solve_in_place(
                self.lu.view(),
                &self.perm,
                &self.perm_inv,
                transpose,
                rhs,
                par,
            );
            return;
        }
        let lu = &self.lu;
        let mut column = [W::zero(); SMALL_MAX];
        for c in 0..rhs.ncols() {
            let x = &mut column[..n];
            if !transpose {
                // P b, then L y = P b (unit lower), then U x = y.
                for i in 0..n {
                    x[i] = rhs[(self.perm[i], c)];
                }
                for j in 0..n {
                    let xj = x[j];
                    for i in j + 1..n {
                        x[i] -= lu.get(i, j) * xj;
                    }
                }
                for j in (0..n).rev() {
                    x[j] /= lu.get(j, j);
                    let xj = x[j];
                    for i in 0..j {
                        x[i] -= lu.get(i, j) * xj;
                    }
                }
                for i in 0..n {
                    rhs[(i, c)] = x[i];
                }
            } else {
                // A^T = U^T L^T P: U^T y = b, L^T z = y, x = P^T z.
                for i in 0..n {
                    x[i] = rhs[(i, c)];
                }
                for i in 0..n {
                    let mut s = x[i];
                    for k in 0..i {
                        s -= lu.get(k, i) * x[k];
                    }
                    x[i] = s / lu.get(i, i);
                }
                for i in (0..n).rev() {
                    let mut s = x[i];
                    for k in i + 1..n {
                        s -= lu.get(k, i) * x[k];
                    }
                    x[i] = s;
                }
                for i in 0..n {
                    rhs[(self.perm[i], c)] = x[i];
                }
            }
        }
    }

    /// LAPACK's pivot vector `ipiv` (0-based, as SciPy's `lu_factor` returns it): at step `i`,
    /// row `i` was exchanged with row `ipiv[i] >= i`. Rebuilt from the permutation; the
    /// sequence of exchanges that gives a permutation this way is unique.
    pub fn ipiv(&self) -> Vec<usize> {
        let m = self.lu.rows;
        let k = m.min(self.lu.cols);
        // position[r]: where original row r currently is; row_at[p]: the row at position p.
        let mut row_at: Vec<usize> = (0..m).collect();
        let mut position: Vec<usize> = (0..m).collect();
        let mut ipiv = Vec::with_capacity(k);
        for i in 0..k {
            let p = position[self.perm[i]];
            ipiv.push(p);
            let (ri, rp) = (row_at[i], row_at[p]);
            row_at.swap(i, p);
            position[ri] = p;
            position[rp] = i;
        }
        ipiv
    }
}

/// LAPACK's `getf2`: right-looking LU with partial pivoting, one column at a time. Writes the
/// row permutation into `perm` and returns the number of exchanges. A zero pivot column is
/// left as it is (no division), so that the factors stay finite and [`Lu::is_singular`]
/// sees the zero, as with LAPACK.
fn factor_unblocked<W: Work>(a: &mut ColMajor<W>, perm: &mut [usize]) -> usize {
    let (m, n) = (a.rows, a.cols);
    let ld = m;
    let data = &mut a.data[..];
    for (i, p) in perm.iter_mut().enumerate() {
        *p = i;
    }
    let mut swaps = 0;
    for j in 0..m.min(n) {
        let col = j * ld;
        let mut pivot = j;
        let mut largest = data[col + j].abs1();
        for i in j + 1..m {
            let v = data[col + i].abs1();
            if v > largest {
                largest = v;
                pivot = i;
            }
        }
        if pivot != j {
            for c in 0..n {
                data.swap(c * ld + j, c * ld + pivot);
            }
            perm.swap(j, pivot);
            swaps += 1;
        }
        let diag = data[col + j];
        if diag == W::zero() {
            continue;
        }
        if largest >= f64::MIN_POSITIVE {
            let inv = W::one() / diag;
            for i in j + 1..m {
                data[col + i] *= inv;
            }
        } else {
            for i in j + 1..m {
                data[col + i] /= diag;
            }
        }
        for c in j + 1..n {
            let ujc = data[c * ld + j];
            if ujc == W::zero() {
                continue;
            }
            for i in j + 1..m {
                let lij = data[col + i];
                data[c * ld + i] -= lij * ujc;
            }
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn factor(rows: usize, cols: usize, values: &[f64]) -> Lu<f64> {
        let mut lu = Lu::<f64>::new();
        lu.lu = ColMajor::zeros(rows, cols);
        for i in 0..rows {
            for j in 0..cols {
                lu.lu.data[i + j * rows] = values[i * cols + j];
            }
        }
        lu.factor(Par::Seq);
        lu
    }

    #[test]
    fn unblocked_matches_lapack_pivots_and_ipiv() {
        // [[1, 2], [3, 4]]: pivot row 1 first; LAPACK ipiv (0-based) = [1, 1].
        let lu = factor(2, 2, &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(lu.perm, vec![1, 0]);
        assert_eq!(lu.ipiv(), vec![1, 1]);
        assert_eq!(lu.swaps, 1);
        let (sign, logdet) = lu.sign_logdet();
        assert_eq!(sign, -1.0);
        assert!((logdet - 2f64.ln()).abs() < 1e-15);
        let singular = factor(2, 2, &[1.0, 2.0, 2.0, 4.0]);
        assert!(singular.is_singular());
        assert_eq!(singular.sign_logdet(), (0.0, f64::NEG_INFINITY));
    }

    #[test]
    fn ipiv_round_trips_a_permutation() {
        let mut lu = Lu::<f64>::new();
        lu.lu = ColMajor::zeros(4, 4);
        lu.perm = vec![2, 0, 3, 1];
        let ipiv = lu.ipiv();
        let mut rows: Vec<usize> = (0..4).collect();
        for (i, &p) in ipiv.iter().enumerate() {
            rows.swap(i, p);
        }
        assert_eq!(rows, lu.perm);
    }
}
