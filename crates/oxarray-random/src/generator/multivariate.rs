//! The multivariate samplers: `multivariate_normal`, `multinomial` and `dirichlet`.
//!
//! `multivariate_normal` follows NumPy: `mean + Z @ factor.T` with `Z` NumPy's standard
//! normals and `factor` from a decomposition of `cov`. The decompositions are this module's
//! own small dense ones (oxarray-linalg's LAPACK-grade decompositions are being written
//! concurrently): the Cholesky factor equals LAPACK's up to rounding, so the `Cholesky`
//! method reproduces NumPy's samples to within a few units in the last place. NumPy's default
//! `svd` and its `eigh` give factors whose column signs are LAPACK's arbitrary choices; the
//! Jacobi eigendecomposition here gives a valid factor with other signs, so those methods
//! sample the same distribution but not NumPy's exact numbers.

use oxarray_core::{Array, AsArrayView, Error, Result};

use super::{Generator, size_dims};
use crate::bit_generator::BitGenerator;
use crate::distributions::{self, beta, standard_gamma};
use crate::params::{Constraint, Size, check};

/// The decomposition `multivariate_normal` factors `cov` with (NumPy's `method=`).
///
/// ```
/// use oxarray_random::{CovMethod, MultivariateNormalOptions};
/// let opts = MultivariateNormalOptions { method: CovMethod::Eigh, ..Default::default() };
/// assert_eq!(MultivariateNormalOptions::default().method, CovMethod::Svd);
/// # let _ = opts;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CovMethod {
    /// `method='svd'` (NumPy's default): `U sqrt(S)` of the singular value decomposition.
    #[default]
    Svd,
    /// `method='eigh'`: `U sqrt(|S|)` of the symmetric eigendecomposition.
    Eigh,
    /// `method='cholesky'`: the lower Cholesky factor (fastest; `cov` must be positive
    /// definite). Matches NumPy's samples to rounding.
    Cholesky,
}

/// What to do when `cov` is not symmetric positive semi-definite (NumPy's `check_valid=`).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_random::{default_rng, CheckValid, MultivariateNormalOptions};
/// let raise = MultivariateNormalOptions { check_valid: CheckValid::Raise, ..Default::default() };
/// let bad = array![[1.0, 2.0], [2.0, 1.0]];     // not positive semi-definite
/// assert!(default_rng(0)?.multivariate_normal(&array![0.0, 0.0], &bad, 1, raise).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CheckValid {
    /// `'warn'` (NumPy's default, which warns and samples anyway): sample anyway (Rust has
    /// no warnings channel).
    #[default]
    Warn,
    /// `'raise'`: an error.
    Raise,
    /// `'ignore'`: sample anyway.
    Ignore,
}

/// NumPy's keywords of [`Generator::multivariate_normal`]: `check_valid='warn', tol=1e-8,
/// method='svd'`.
///
/// ```
/// use oxarray_random::{CovMethod, MultivariateNormalOptions};
/// let opts = MultivariateNormalOptions { method: CovMethod::Cholesky, ..Default::default() };
/// assert_eq!(opts.tol, 1e-8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MultivariateNormalOptions {
    /// The positive semi-definiteness check.
    pub check_valid: CheckValid,
    /// Tolerance of that check.
    pub tol: f64,
    /// The decomposition.
    pub method: CovMethod,
}

impl Default for MultivariateNormalOptions {
    fn default() -> Self {
        MultivariateNormalOptions {
            check_valid: CheckValid::Warn,
            tol: 1e-8,
            method: CovMethod::Svd,
        }
    }
}

impl<B: BitGenerator> Generator<B> {
    /// `multivariate_normal(mean, cov, size, check_valid, tol, method)`: samples of shape
    /// `size + (k,)` from the normal with mean `mean` (length `k`) and covariance `cov`
    /// (`k x k`). See the [module notes](self) on which methods reproduce NumPy's numbers.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::{default_rng, CovMethod, MultivariateNormalOptions};
    /// let mean = array![1.0, -1.0];
    /// let cov = array![[2.0, 0.5], [0.5, 1.0]];
    /// let opts = MultivariateNormalOptions { method: CovMethod::Cholesky, ..Default::default() };
    /// let x = default_rng(0)?.multivariate_normal(&mean, &cov, 1000, opts)?;
    /// assert_eq!(x.shape(), &[1000, 2]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn multivariate_normal(
        &mut self,
        mean: &impl AsArrayView<f64>,
        cov: &impl AsArrayView<f64>,
        size: impl Size,
        options: MultivariateNormalOptions,
    ) -> Result<Array<f64>> {
        let (mean, cov) = (mean.as_view(), cov.as_view());
        if mean.ndim() != 1 {
            return Err(Error::invalid_argument(
                "mean",
                format!("an array of shape {:?}", mean.shape()),
                "mean must be 1 dimensional",
            ));
        }
        if cov.ndim() != 2 || cov.shape()[0] != cov.shape()[1] {
            return Err(Error::invalid_argument(
                "cov",
                format!("an array of shape {:?}", cov.shape()),
                "cov must be 2 dimensional and square",
            ));
        }
        let k = mean.len();
        if cov.shape()[0] != k {
            return Err(Error::ShapeMismatch {
                expected: vec![k, k],
                got: cov.shape().to_vec(),
            });
        }
        let mut shape = size_dims(size).to_vec();
        shape.push(k);
        let z = self.standard_normal::<f64>(&shape[..])?;
        let c: Vec<f64> = cov.to_vec();
        let factor = match options.method {
            CovMethod::Cholesky => cholesky(&c, k)?,
            method => {
                let (values, vectors) = jacobi_eigh(&c, k);
                if options.check_valid != CheckValid::Ignore
                    && !is_psd(&c, &values, &vectors, k, method, options.tol)
                    && options.check_valid == CheckValid::Raise
                {
                    return Err(Error::invalid_argument(
                        "cov",
                        "the given matrix",
                        "covariance is not symmetric positive-semidefinite.",
                    ));
                }
                // factor[:, j] = u[:, j] * sqrt(|s_j|) (svd: s = |lambda|, as NumPy's).
                let mut f = vec![0.0; k * k];
                for j in 0..k {
                    let s = values[j].abs().sqrt();
                    for i in 0..k {
                        f[i * k + j] = vectors[i * k + j] * s;
                    }
                }
                f
            }
        };
        let mean: Vec<f64> = mean.to_vec();
        let zs = z.as_slice().expect("a fresh array is contiguous");
        let mut out = vec![0.0; zs.len()];
        for (row_out, row_z) in out
            .chunks_exact_mut(k.max(1))
            .zip(zs.chunks_exact(k.max(1)))
        {
            for i in 0..k {
                let mut acc = 0.0;
                for j in 0..k {
                    acc += row_z[j] * factor[i * k + j];
                }
                row_out[i] = mean[i] + acc;
            }
        }
        Array::from_vec(out, shape)
    }

    /// `multinomial(n, pvals, size)`: counts of `n` trials over `pvals.len()` outcomes, shape
    /// `size + (len(pvals),)`; the last probability is what the others leave. Errors for a
    /// negative `n`, `pvals` outside [0, 1] or empty, or `sum(pvals[:-1]) > 1`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let counts = default_rng(0)?.multinomial(20, &[1.0 / 6.0; 6], 3)?;
    /// assert_eq!(counts.shape(), &[3, 6]);
    /// assert!(counts.slice(oxarray_core::s![0, ..])?.iter().sum::<i64>() == 20);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn multinomial(&mut self, n: i64, pvals: &[f64], size: impl Size) -> Result<Array<i64>> {
        let d = pvals.len();
        if d == 0 {
            return Err(Error::invalid_argument(
                "pvals",
                "an empty sequence",
                "pvals must have at least 1 dimension and the last dimension of pvals must be \
                 greater than 0.",
            ));
        }
        for &p in pvals {
            check(p, "pvals", Constraint::Bounded01)?;
        }
        if d > 1 && compensated_sum(&pvals[..d - 1]) > 1.0 + 1e-12 {
            return Err(Error::invalid_argument(
                "pvals",
                format!("{pvals:?}"),
                "sum(pvals[:-1]) > 1.0",
            ));
        }
        if n < 0 {
            return Err(Error::invalid_argument("n", n, "n < 0"));
        }
        let mut shape = size_dims(size).to_vec();
        shape.push(d);
        let mut out = Array::<i64>::zeros(&shape[..])?;
        let bg = &mut self.bit_generator;
        for row in out
            .as_slice_mut()
            .expect("a fresh array is contiguous")
            .chunks_exact_mut(d)
        {
            distributions::multinomial(bg, n, pvals, row);
        }
        Ok(out)
    }

    /// `dirichlet(alpha, size)`: points on the simplex, shape `size + (len(alpha),)`: gamma
    /// draws normalised, or stick-breaking with beta draws when every `alpha < 0.1` (NumPy's
    /// two algorithms). Errors for a negative `alpha`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let x = default_rng(0)?.dirichlet(&[1.0, 2.0, 3.0], 2)?;
    /// let row = x.slice(oxarray_core::s![0, ..])?;
    /// assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn dirichlet(&mut self, alpha: &[f64], size: impl Size) -> Result<Array<f64>> {
        if let Some(&a) = alpha.iter().find(|&&a| a < 0.0) {
            return Err(Error::invalid_argument("alpha", a, "alpha < 0"));
        }
        if let Some(&a) = alpha.iter().find(|a| a.is_nan()) {
            return Err(Error::invalid_argument("alpha", a, "alpha contains NaNs"));
        }
        let k = alpha.len();
        let mut shape = size_dims(size).to_vec();
        shape.push(k);
        let mut out = Array::<f64>::zeros(&shape[..])?;
        if k == 0 {
            return Ok(out);
        }
        let bg = &mut self.bit_generator;
        let rows = out
            .as_slice_mut()
            .expect("a fresh array is contiguous")
            .chunks_exact_mut(k);
        if alpha.iter().copied().fold(f64::NEG_INFINITY, f64::max) < 0.1 {
            // Stick-breaking with beta draws: no 0/0 when every gamma draw would underflow.
            let mut csum = vec![0.0; k];
            let mut acc = 0.0;
            for j in (0..k).rev() {
                acc += alpha[j];
                csum[j] = acc;
            }
            for row in rows {
                let mut acc = 1.0;
                for j in 0..k - 1 {
                    let v = beta(bg, alpha[j], csum[j + 1]);
                    row[j] = acc * v;
                    acc *= 1.0 - v;
                    if csum[j + 1] == 0.0 {
                        break; // v is 1: the rest stay 0
                    }
                }
                row[k - 1] = acc;
            }
        } else {
            for row in rows {
                let mut acc = 0.0;
                for (x, &a) in row.iter_mut().zip(alpha) {
                    *x = standard_gamma(bg, a);
                    acc += *x;
                }
                let inv = 1.0 / acc;
                row.iter_mut().for_each(|x| *x *= inv);
            }
        }
        Ok(out)
    }
}

/// NumPy's `kahan_sum`.
fn compensated_sum(values: &[f64]) -> f64 {
    let Some((&first, rest)) = values.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// The lower Cholesky factor of the row-major `k x k` matrix `a` (rows of `L` times rows of
/// `L` give `a`); an error when `a` is not positive definite (NumPy's `LinAlgError`).
fn cholesky(a: &[f64], k: usize) -> Result<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let mut d = a[j * k + j];
        for p in 0..j {
            d -= l[j * k + p] * l[j * k + p];
        }
        // A NaN pivot fails too.
        if d.is_nan() || d <= 0.0 {
            return Err(Error::invalid_argument(
                "cov",
                format!("pivot {d} at row {j}"),
                "Matrix is not positive definite (method='cholesky')",
            ));
        }
        let djj = d.sqrt();
        l[j * k + j] = djj;
        for i in j + 1..k {
            let mut s = a[i * k + j];
            for p in 0..j {
                s -= l[i * k + p] * l[j * k + p];
            }
            l[i * k + j] = s / djj;
        }
    }
    Ok(l)
}

/// The eigenvalues and eigenvectors (columns of the row-major result) of the symmetric part
/// of `a`, by cyclic Jacobi rotations, eigenvalues in decreasing order.
fn jacobi_eigh(a: &[f64], k: usize) -> (Vec<f64>, Vec<f64>) {
    let mut m: Vec<f64> = (0..k * k)
        .map(|idx| {
            let (i, j) = (idx / k, idx % k);
            0.5 * (a[i * k + j] + a[j * k + i])
        })
        .collect();
    let mut v = vec![0.0; k * k];
    for i in 0..k {
        v[i * k + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i * k + j] * m[i * k + j])
            .sum();
        let scale: f64 = m.iter().map(|x| x * x).sum();
        if off <= 1e-30 * scale.max(f64::MIN_POSITIVE) {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                let apq = m[p * k + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * k + q] - m[p * k + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..k {
                    let (mrp, mrq) = (m[r * k + p], m[r * k + q]);
                    m[r * k + p] = c * mrp - s * mrq;
                    m[r * k + q] = s * mrp + c * mrq;
                }
                for r in 0..k {
                    let (mpr, mqr) = (m[p * k + r], m[q * k + r]);
                    m[p * k + r] = c * mpr - s * mqr;
                    m[q * k + r] = s * mpr + c * mqr;
                }
                for r in 0..k {
                    let (vrp, vrq) = (v[r * k + p], v[r * k + q]);
                    v[r * k + p] = c * vrp - s * vrq;
                    v[r * k + q] = s * vrp + c * vrq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| m[y * k + y].total_cmp(&m[x * k + x]));
    let values = order.iter().map(|&j| m[j * k + j]).collect();
    let mut vectors = vec![0.0; k * k];
    for (new, &old) in order.iter().enumerate() {
        for r in 0..k {
            vectors[r * k + new] = v[r * k + old];
        }
    }
    (values, vectors)
}

/// NumPy's positive semi-definiteness test: for `svd`, `V^T diag(s) V` reproduces `cov`
/// (within `tol`); for `eigh`, no eigenvalue below `-tol`.
fn is_psd(
    cov: &[f64],
    values: &[f64],
    vectors: &[f64],
    k: usize,
    method: CovMethod,
    tol: f64,
) -> bool {
    match method {
        CovMethod::Eigh => values.iter().all(|&s| s >= -tol),
        _ => (0..k * k).all(|idx| {
            let (i, j) = (idx / k, idx % k);
            // NumPy's svd of a symmetric matrix: s_m = |lambda_m|, v_m = sign(lambda_m) e_m,
            // so V^T diag(s) V = sum_m |lambda_m| e_m e_m^T.
            let recon: f64 = (0..k)
                .map(|m| values[m].abs() * vectors[i * k + m] * vectors[j * k + m])
                .sum();
            let c = cov[i * k + j];
            (recon - c).abs() <= tol + tol * c.abs()
        }),
    }
}
