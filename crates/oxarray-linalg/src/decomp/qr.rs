//! `qr`: Householder QR in NumPy's four modes.
//!
//! `faer` computes the factorisation (blocked, threaded). Its reflectors follow LAPACK's for
//! real matrices (`R`'s diagonal `-sign(x0) |x|`), so `Q` and `R` come out as NumPy's up to
//! rounding. For complex matrices LAPACK makes `R`'s diagonal real where `faer` keeps the
//! phase of the column's leading element; the phases are moved from `R`'s rows to `Q`'s
//! columns afterwards (`Q R = (Q D)(D^-1 R)`, `D` diagonal unitary), which gives LAPACK's
//! (and NumPy's) factors. Mode `raw` returns LAPACK's own representation (`geqrf`'s
//! reflectors and `tau`), computed by the unblocked algorithm of LAPACK's `geqr2`.

use oxarray_core::{Array, AsArrayView, Element, Result};

use crate::decomp::batch::{ColMajor, Fresh, Stack, check_stacked_2d, copy_matrix, run_batch};
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;

/// NumPy's `mode` argument of `qr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QrMode {
    /// `Q` `(M, K)` and `R` `(K, N)`, `K = min(M, N)` (NumPy's default `'reduced'`).
    #[default]
    Reduced,
    /// `Q` `(M, M)` and `R` `(M, N)` (`'complete'`).
    Complete,
    /// `R` `(K, N)` only (`'r'`).
    R,
    /// LAPACK's representation: `h` `(N, M)` (the reflectors below the diagonal of `h.T`, `R`
    /// on and above it) and `tau` `(K,)` (`'raw'`).
    Raw,
}

/// The result of [`qr`], by mode.
#[derive(Debug, Clone, PartialEq)]
pub enum QrResult<F: LinalgFloat> {
    /// Modes `Reduced` and `Complete`: `a = q @ r`, `q` with orthonormal columns, `r` upper
    /// triangular (trapezoidal).
    QR {
        /// The orthonormal factor.
        q: Array<F>,
        /// The upper triangular factor.
        r: Array<F>,
    },
    /// Mode `R`.
    R(Array<F>),
    /// Mode `Raw`.
    Raw {
        /// Householder reflectors and `R`, transposed (NumPy's `h`).
        h: Array<F>,
        /// The reflectors' scaling factors.
        tau: Array<F>,
    },
}

impl<F: LinalgFloat> QrResult<F> {
    /// `(q, r)` for modes `Reduced` and `Complete`, `None` otherwise.
    pub fn into_qr(self) -> Option<(Array<F>, Array<F>)> {
        match self {
            QrResult::QR { q, r } => Some((q, r)),
            _ => None,
        }
    }

    /// The `r` factor, for every mode but `Raw`.
    pub fn r(&self) -> Option<&Array<F>> {
        match self {
            QrResult::QR { r, .. } | QrResult::R(r) => Some(r),
            QrResult::Raw { .. } => None,
        }
    }
}

/// Multiply-adds of a QR factorisation of an `m x n` matrix.
fn qr_work(m: usize, n: usize) -> f64 {
    let (m, n) = (m as f64, n as f64);
    let k = m.min(n);
    (m * n * k - (m + n) * k * k / 2.0 + k * k * k / 3.0) * 2.0
}

/// LAPACK's convention for `R`'s diagonal element `d` (see the module notes): returns the
/// unit factor `phase` with `d = phase * lapack_d`. `reflected` says whether `faer` applied a
/// reflector at this step (it does not when the column below the diagonal is zero).
///
/// LAPACK's `zlarfg` makes the diagonal real: `-sign(re(alpha)) |x|` for the column `x`
/// with leading element `alpha`, also when the rest of `x` is zero (unless `alpha` is real
/// already). `faer` leaves `d = -(alpha / |alpha|) |x|` after a reflection (so `re(d)` has
/// the sign opposite to `re(alpha)`), and `d = alpha` without one.
fn lapack_phase<W: Work>(d: W, reflected: bool) -> W {
    if !W::IS_COMPLEX || d == W::zero() || (!reflected && d.im() == 0.0) {
        return W::one();
    }
    let modulus = d.modulus();
    let positive = if reflected {
        d.re() > 0.0
    } else {
        d.re() < 0.0
    };
    let real = if positive { modulus } else { -modulus };
    d / W::from_f64(real)
}

/// NumPy's `linalg.qr(a, mode='reduced')`: the QR factorisation of each matrix of an `(...,
/// M, N)` stack, `a = q @ r`.
///
/// # Errors
/// [`Error::NotEnoughDims`](oxarray_core::Error::NotEnoughDims) for fewer than two
/// dimensions.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{matmul, qr, QrMode};
///
/// let a = array![[3.0f64, 1.0], [4.0, 2.0], [0.0, 5.0]];
/// let (q, r) = qr(&a, QrMode::Reduced)?.into_qr().unwrap();
/// assert_eq!((q.shape(), r.shape()), (&[3, 2][..], &[2, 2][..]));
/// assert!((r[[0, 0]] + 5.0).abs() < 1e-12); // LAPACK's sign: -sign(a[0, 0]) * |a[:, 0]|
/// let back = matmul(&q, &r)?;
/// assert!(back.iter().zip(a.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
/// let complete = qr(&a, QrMode::Complete)?.into_qr().unwrap();
/// assert_eq!(complete.0.shape(), &[3, 3]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn qr<T: LinalgInput>(a: &impl AsArrayView<T>, mode: QrMode) -> Result<QrResult<T::Float>> {
    check_supported::<T>("qr")?;
    let a = a.as_view();
    let (m, n) = check_stacked_2d("qr", a.shape())?;
    let k = m.min(n);
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let stack = Stack::new(&a, &batch);
    let shape = |rows: usize, cols: usize| {
        let mut s = batch.clone();
        s.extend([rows, cols]);
        s
    };
    if mode == QrMode::Raw {
        return qr_raw(&stack, &batch, m, n);
    }
    if mode == QrMode::Complete && m > n && WorkOf::<T>::IS_COMPLEX {
        // The trailing columns of a complete Q depend on the reflectors themselves, which
        // differ from LAPACK's for complex matrices: use LAPACK's algorithm.
        return qr_complete_lapack(&stack, &batch, m, n);
    }
    // Columns of q and rows of r: 'complete' keeps all M only when M > N.
    let qc = if mode == QrMode::Complete { m } else { k };
    let r_rows = qc;
    let want_q = mode != QrMode::R;
    let mut r_out = Fresh::<T::Float>::new(shape(r_rows, n), r_rows * n)?;
    let mut q_out = Fresh::<T::Float>::new(
        if want_q { shape(m, qc) } else { vec![0] },
        if want_q { m * qc } else { 0 },
    )?;
    let (r_slots, q_slots) = (r_out.slots(), q_out.slots());
    run_batch(
        "qr",
        &batch,
        qr_work(m, n) * if want_q { 2.0 } else { 1.0 },
        || {
            (
                ColMajor::<WorkOf<T>>::zeros(m, n),
                ColMajor::<WorkOf<T>>::zeros(if want_q { m } else { 0 }, qc),
            )
        },
        |item, par, (work, q)| {
            // SAFETY: reads the input through its strides into this thread's work matrix;
            // the item writes every element of its own parts of the results.
            unsafe {
                copy_matrix(stack.matrix(&batch, item), work.matrix(), T::to_work);
            }
            let coeff = (k > 0).then(|| WorkOf::<T>::qr_in_place(work.view_mut(), par));
            // A reflector's factor is infinite where faer did not reflect.
            let reflected = |i: usize| {
                coeff.as_ref().is_some_and(|c| {
                    let block = c.nrows();
                    c[(i % block, i)].re().is_finite()
                })
            };
            let phases: Vec<WorkOf<T>> = (0..k)
                .map(|i| lapack_phase(work.get(i, i), reflected(i)))
                .collect();
            for i in 0..r_rows {
                let conj_phase = phases.get(i).map_or(WorkOf::<T>::one(), |p| p.conjugate());
                for j in 0..n {
                    let v = if j >= i && i < k {
                        work.get(i, j) * conj_phase
                    } else {
                        WorkOf::<T>::zero()
                    };
                    // SAFETY: `i * n + j < r_rows * n`, this item's part.
                    unsafe { r_slots.write(item, i * n + j, T::Float::from_work(v)) };
                }
            }
            if want_q {
                q.data.fill(WorkOf::<T>::zero());
                for i in 0..qc.min(m) {
                    q.data[i + i * m] = WorkOf::<T>::one();
                }
                if let Some(coeff) = &coeff {
                    WorkOf::<T>::qr_form_q(
                        work.view().get(.., 0..k),
                        coeff.as_ref(),
                        q.view_mut(),
                        par,
                    );
                }
                for (j, &phase) in phases.iter().enumerate() {
                    for i in 0..m {
                        q.data[i + j * m] *= phase;
                    }
                }
                // SAFETY: the item's `m x qc` part of the fresh `q`.
                unsafe {
                    copy_matrix(
                        q.as_matrix(),
                        q_slots.matrix(item, m, qc),
                        T::Float::from_work,
                    )
                };
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its parts.
    unsafe {
        let r = r_out.finish()?;
        Ok(if want_q {
            QrResult::QR {
                q: q_out.finish()?,
                r,
            }
        } else {
            QrResult::R(r)
        })
    }
}

/// Mode `raw`: LAPACK's `geqr2` per matrix; `h` is the factored matrix transposed.
fn qr_raw<T: LinalgInput>(
    stack: &Stack<T>,
    batch: &[usize],
    m: usize,
    n: usize,
) -> Result<QrResult<T::Float>> {
    let k = m.min(n);
    let mut h_shape = batch.to_vec();
    h_shape.extend([n, m]);
    let mut tau_shape = batch.to_vec();
    tau_shape.push(k);
    let mut h_out = Fresh::<T::Float>::new(h_shape, m * n)?;
    let mut tau_out = Fresh::<T::Float>::new(tau_shape, k)?;
    let (h_slots, tau_slots) = (h_out.slots(), tau_out.slots());
    run_batch(
        "qr",
        batch,
        qr_work(m, n),
        || ColMajor::<WorkOf<T>>::zeros(m, n),
        |item, _, work| {
            // SAFETY: as in `qr`.
            unsafe { copy_matrix(stack.matrix(batch, item), work.matrix(), T::to_work) };
            let tau = geqr2(work);
            // h = work^T in C order is `work`'s column-major buffer, element for element.
            for (idx, &v) in work.data.iter().enumerate() {
                // SAFETY: `idx < m * n`, this item's part.
                unsafe { h_slots.write(item, idx, T::Float::from_work(v)) };
            }
            for (i, &t) in tau.iter().enumerate() {
                // SAFETY: `i < k`.
                unsafe { tau_slots.write(item, i, T::Float::from_work(t)) };
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its parts.
    unsafe {
        Ok(QrResult::Raw {
            h: h_out.finish()?,
            tau: tau_out.finish()?,
        })
    }
}

/// Mode `complete` by LAPACK's unblocked algorithms (`geqr2`, then `ung2r` for the `m x m`
/// `Q`): the factors NumPy returns, trailing columns of `Q` included.
fn qr_complete_lapack<T: LinalgInput>(
    stack: &Stack<T>,
    batch: &[usize],
    m: usize,
    n: usize,
) -> Result<QrResult<T::Float>> {
    let k = m.min(n);
    let with = |rows: usize, cols: usize| {
        let mut s = batch.to_vec();
        s.extend([rows, cols]);
        s
    };
    let mut q_out = Fresh::<T::Float>::new(with(m, m), m * m)?;
    let mut r_out = Fresh::<T::Float>::new(with(m, n), m * n)?;
    let (q_slots, r_slots) = (q_out.slots(), r_out.slots());
    run_batch(
        "qr",
        batch,
        qr_work(m, m),
        || {
            (
                ColMajor::<WorkOf<T>>::zeros(m, n),
                ColMajor::<WorkOf<T>>::zeros(m, m),
            )
        },
        |item, _, (work, q)| {
            // SAFETY: as in `qr`.
            unsafe { copy_matrix(stack.matrix(batch, item), work.matrix(), T::to_work) };
            let tau = geqr2(work);
            for i in 0..m {
                for j in 0..n {
                    let v = if j >= i {
                        work.get(i, j)
                    } else {
                        WorkOf::<T>::zero()
                    };
                    // SAFETY: this item's part of the fresh `r`.
                    unsafe { r_slots.write(item, i * n + j, T::Float::from_work(v)) };
                }
            }
            ung2r(work, &tau[..k], q);
            // SAFETY: this item's part of the fresh `q`.
            unsafe {
                copy_matrix(
                    q.as_matrix(),
                    q_slots.matrix(item, m, m),
                    T::Float::from_work,
                )
            };
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its parts.
    unsafe {
        Ok(QrResult::QR {
            q: q_out.finish()?,
            r: r_out.finish()?,
        })
    }
}

/// LAPACK's `ung2r`: `q = H(0) H(1) ... H(k-1)` (`q.cols` columns) from the reflectors of
/// [`geqr2`] below the diagonal of `a`.
fn ung2r<W: Work>(a: &ColMajor<W>, tau: &[W], q: &mut ColMajor<W>) {
    let (m, cols) = (q.rows, q.cols);
    q.data.fill(W::zero());
    for j in tau.len()..cols {
        q.data[j + j * m] = W::one();
    }
    for (i, &t) in tau.iter().enumerate().rev() {
        // Apply H(i) = I - tau v v^H to q[i.., i+1..], v = (1, a[i+1.., i]).
        if i + 1 < cols {
            for j in i + 1..cols {
                let mut w = q.data[i + j * m];
                for r in i + 1..m {
                    w += a.get(r, i).conjugate() * q.data[r + j * m];
                }
                let w = w * t;
                q.data[i + j * m] -= w;
                for r in i + 1..m {
                    q.data[r + j * m] -= a.get(r, i) * w;
                }
            }
        }
        for r in i + 1..m {
            q.data[r + i * m] = -(t * a.get(r, i));
        }
        q.data[i + i * m] = W::one() - t;
        for r in 0..i {
            q.data[r + i * m] = W::zero();
        }
    }
}

/// LAPACK's `geqr2` (`larfg` + `larf`, real and complex): Householder QR in place, returning
/// `tau`. `H(i) = I - tau[i] v v^H` with `v[i] = 1` and `v[i+1..]` below the diagonal.
fn geqr2<W: Work>(a: &mut ColMajor<W>) -> Vec<W> {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let mut taus = Vec::with_capacity(k);
    for i in 0..k {
        let col = i * m;
        let alpha = a.data[col + i];
        let xnorm = a.data[col + i + 1..col + m]
            .iter()
            .map(|v| v.modulus_sqr())
            .sum::<f64>()
            .sqrt();
        let tau = if xnorm == 0.0 && alpha.im() == 0.0 {
            W::zero()
        } else {
            let norm = (alpha.modulus_sqr() + xnorm * xnorm).sqrt();
            let beta = if alpha.re() >= 0.0 { -norm } else { norm };
            let tau = (W::from_f64(beta) - alpha) / W::from_f64(beta);
            let scale = W::one() / (alpha - W::from_f64(beta));
            for v in &mut a.data[col + i + 1..col + m] {
                *v *= scale;
            }
            a.data[col + i] = W::from_f64(beta);
            tau
        };
        taus.push(tau);
        // Apply H(i)^H = I - conj(tau) v v^H to the columns on the right.
        let applied = tau.conjugate();
        if applied != W::zero() {
            for j in i + 1..n {
                let cj = j * m;
                let mut w = a.data[cj + i];
                for r in i + 1..m {
                    w += a.data[col + r].conjugate() * a.data[cj + r];
                }
                let w = w * applied;
                a.data[cj + i] -= w;
                for r in i + 1..m {
                    let v = a.data[col + r];
                    a.data[cj + r] -= v * w;
                }
            }
        }
    }
    taus
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxarray_core::Complex64;

    #[test]
    fn geqr2_matches_lapack_on_a_small_case() {
        // numpy.linalg.qr([[3, 1], [4, 2]], mode='raw'): h = [[-5, 0.5], [-2.2, -0.4]],
        // tau = [1.6, 0].
        let mut a = ColMajor::<f64>::zeros(2, 2);
        a.data.copy_from_slice(&[3.0, 4.0, 1.0, 2.0]);
        let tau = geqr2(&mut a);
        let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
        assert!(close(tau[0], 1.6) && close(tau[1], 0.0), "{tau:?}");
        let expected = [-5.0, 0.5, -2.2, 0.4];
        assert!(
            a.data.iter().zip(expected).all(|(&x, y)| close(x, y)),
            "{:?}",
            a.data
        );
    }

    #[test]
    fn lapack_phase_makes_the_diagonal_real() {
        let d = Complex64::new(0.0, 2.0);
        let p = lapack_phase(d, true);
        let lapack = d * p.conj();
        assert!((lapack.im).abs() < 1e-15 && (lapack.re + 2.0).abs() < 1e-15);
        // no reflection: alpha = 1 + i becomes -sqrt(2)
        let d = Complex64::new(1.0, 1.0);
        let lapack = d * lapack_phase(d, false).conj();
        assert!((lapack.re + 2f64.sqrt()).abs() < 1e-15 && lapack.im.abs() < 1e-15);
        assert_eq!(lapack_phase(-3.0f64, true), 1.0);
    }
}
