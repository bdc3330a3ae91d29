//! L-*: numpy.linalg (solve, inverse, determinant, decompositions, least squares) at
//! `n = 1000` f64 (`--quick`: 500), and L-solve-batch (10000 systems of 8 x 8). The peer is
//! NumPy with OpenBLAS's LAPACK (`benches/python/families/linalg.py`), on the same inputs
//! in distribution: uniform `[0, 1)` matrices, made symmetric positive definite as
//! `a @ a.T + n I` for L-cholesky and L-eigh.

use oxarray::linalg::{
    QrMode, SvdOptions, Uplo, cholesky, det, eig, eigh, inv, lstsq, qr, solve, svd,
};
use oxarray_core::Array;

use crate::{Prepared, Workload, inputs};

/// The matrix side: 1000 (quick 500); the same list as the Python side.
fn side(quick: bool) -> Vec<Option<usize>> {
    vec![Some(if quick { 500 } else { 1000 })]
}

/// A uniform `[0, 1)` array of `shape`.
fn random(shape: &[usize], seed: u64) -> Array<f64> {
    let len = shape.iter().product();
    Array::from_vec(inputs::uniform(len, seed), shape).expect("length matches shape")
}

/// `a @ a.T + n I`: symmetric positive definite.
fn spd(n: usize) -> Array<f64> {
    let a = random(&[n, n], 21);
    let mut s = oxarray::linalg::matmul(&a, &a.t()).expect("square");
    for i in 0..n {
        s[[i, i]] += n as f64;
    }
    s
}

fn n_of(n: Option<usize>) -> usize {
    n.expect("the L family has a size")
}

/// `2/3 n^3`: the flops of an LU factorisation.
fn lu_flops(n: usize) -> f64 {
    2.0 / 3.0 * (n as f64).powi(3)
}

fn l_solve(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let (a, b) = (random(&[n, n], 11), random(&[n], 12));
    Prepared::new(move || solve(&a, &b).expect("non-singular")).flops(lu_flops(n))
}

fn l_inv(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let a = random(&[n, n], 13);
    Prepared::new(move || inv(&a).expect("non-singular")).flops(2.0 * (n as f64).powi(3))
}

fn l_det(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let a = random(&[n, n], 14);
    Prepared::new(move || det(&a).expect("square")).flops(lu_flops(n))
}

fn l_cholesky(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let s = spd(n);
    Prepared::new(move || cholesky(&s, false).expect("positive definite"))
        .flops((n as f64).powi(3) / 3.0)
}

fn l_qr(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let a = random(&[n, n], 15);
    Prepared::new(move || qr(&a, QrMode::Reduced).expect("2-D"))
}

fn l_eigh(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let s = spd(n);
    Prepared::new(move || eigh(&s, Uplo::Lower).expect("converges")).max_runs(5)
}

fn l_eig(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let a = random(&[n, n], 16);
    Prepared::new(move || eig(&a).expect("finite")).max_runs(5)
}

fn l_svd(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let a = random(&[n, n], 17);
    Prepared::new(move || svd(&a, SvdOptions::default()).expect("converges")).max_runs(5)
}

fn l_lstsq(n: Option<usize>) -> Prepared {
    let n = n_of(n);
    let (a, b) = (random(&[n, n], 18), random(&[n], 19));
    Prepared::new(move || lstsq(&a, &b, None).expect("converges")).max_runs(7)
}

/// L-solve-batch: `np.linalg.solve(A, B)` with A (10000, 8, 8), B (10000, 8, 1).
fn l_solve_batch(_n: Option<usize>) -> Prepared {
    let a = random(&[10_000, 8, 8], 31);
    let b = random(&[10_000, 8, 1], 32);
    Prepared::new(move || solve(&a, &b).expect("non-singular")).flops(10_000.0 * lu_flops(8))
}

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    let w = |id, sizes, run| Workload {
        id,
        imp: "oxarray",
        sizes,
        run,
    };
    vec![
        w("L-solve", side, l_solve),
        w("L-inv", side, l_inv),
        w("L-det", side, l_det),
        w("L-cholesky", side, l_cholesky),
        w("L-qr", side, l_qr),
        w("L-eigh", side, l_eigh),
        w("L-eig", side, l_eig),
        w("L-svd", side, l_svd),
        w("L-lstsq", side, l_lstsq),
        w("L-solve-batch", crate::sizes::fixed, l_solve_batch),
    ]
}
