//! Reconstruction identities against the naive complex reference of `dense.rs`: `A @ inv(A)
//! ~ I`, `A x ~ b`, `L L^H ~ A`, `Q R ~ A`, `U S Vh ~ A`, `A v ~ lambda v`, Penrose's
//! conditions, for f32, f64, Complex32, Complex64, on random, ill-conditioned,
//! rank-deficient and batched inputs. Bounds are `c * n * eps` backward errors and
//! `c * n * eps * cond` forward errors.

use oxarray_core::{Array, Complex32, Complex64};
use oxarray_linalg::*;

use crate::common::{Rng, TestScalar};
use crate::dense::{Dense, FromComplex, c};

/// The element types of the results, with their reference conversions.
trait Case: LinalgFloat + TestScalar + FromComplex {}
impl<T: LinalgFloat + TestScalar + FromComplex> Case for T {}

fn eps<T: Case>() -> f64 {
    T::EPS
}

/// A test matrix in type `T` and its exact (rounded) value.
fn matrix<T: Case>(m: &Dense) -> (Array<T>, Dense) {
    let a = m.to_array::<T>();
    let exact = Dense::of(&a.view(), 0);
    (a, exact)
}

fn solve_and_inverse<T: Case>(n: usize, cond: f64, rng: &mut Rng) {
    let (a, ad) = matrix::<T>(&Dense::conditioned(n, n, cond, n, T::COMPLEX, rng));
    let (x_true, xd) = matrix::<T>(&Dense::random(n, 2, T::COMPLEX, rng));
    let (b, bd) = matrix::<T>(&(&ad * &xd));
    let x = solve(&a, &b).unwrap();
    let x = Dense::of(&x.view(), 0);
    let forward = (&x - &xd).norm() / xd.norm();
    let bound = 40.0 * n as f64 * eps::<T>() * cond;
    assert!(
        forward <= bound,
        "solve n={n} cond={cond:e}: forward error {forward:e} > {bound:e}"
    );
    let residual = (&(&ad * &x) - &bd).norm() / (ad.norm() * x.norm());
    assert!(
        residual <= 40.0 * n as f64 * eps::<T>(),
        "solve residual {residual:e}"
    );
    let _ = x_true;

    let ai = inv(&a).unwrap();
    let ai = Dense::of(&ai.view(), 0);
    let err = (&(&ad * &ai) - &Dense::eye(n)).norm();
    let bound = 40.0 * n as f64 * eps::<T>() * cond;
    assert!(
        err <= bound,
        "inv n={n} cond={cond:e}: |A inv(A) - I| = {err:e} > {bound:e}"
    );
}

fn determinants<T: Case>(n: usize, rng: &mut Rng)
where
    T::Real: TestScalar,
{
    let (a, ad) = matrix::<T>(&Dense::random(n, n, T::COMPLEX, rng));
    let (b, bd) = matrix::<T>(&Dense::random(n, n, T::COMPLEX, rng));
    let (ab, _) = matrix::<T>(&(&ad * &bd));
    let det1 = |x: &Array<T>| det(x).unwrap().item().unwrap().to_c();
    // log|det(AB)| = log|det A| + log|det B| (det itself may overflow single precision)
    let log = |x: &Array<T>| {
        let r = slogdet(x).unwrap();
        (
            r.sign.item().unwrap().to_c(),
            r.logabsdet.item().unwrap().to_c().re,
        )
    };
    let ((sa, la), (sb, lb), (sab, lab)) = (log(&a), log(&b), log(&ab));
    let err = (la + lb - lab).abs() + (sa * sb - sab).norm();
    assert!(
        err <= 1e3 * n as f64 * eps::<T>(),
        "det(AB) != det(A) det(B): {err:e}"
    );
    let da = det1(&a);
    let back = sa * la.exp();
    assert!(
        (back - da).norm() <= 1e2 * eps::<T>() * da.norm(),
        "slogdet vs det"
    );
    // a (well-conditioned) triangular matrix: the product of the diagonal
    let mut t = Dense::random(n, n, T::COMPLEX, rng).shifted(2.0);
    for i in 0..n {
        for j in 0..i {
            t.v[i * n + j] = c(0.0);
        }
        for j in i + 1..n {
            t.v[i * n + j] *= 1.0 / n as f64;
        }
    }
    let (t, td) = matrix::<T>(&t);
    let product: Complex64 = (0..n).map(|i| td.at(i, i)).product();
    let dt = det1(&t);
    assert!(
        (dt - product).norm() <= 1e2 * n as f64 * eps::<T>() * product.norm(),
        "det of a triangular matrix ({}, n = {n}): {dt} vs {product}",
        T::DTYPE
    );
}

fn cholesky_identities<T: Case>(n: usize, rng: &mut Rng) {
    let g = Dense::random(n, n, T::COMPLEX, rng);
    let (a, ad) = matrix::<T>(&(&g * &g.adjoint()).shifted(n as f64));
    for upper in [false, true] {
        let f = cholesky(&a, upper).unwrap();
        let fd = Dense::of(&f.view(), 0);
        for i in 0..n {
            let d = fd.at(i, i);
            assert!(
                d.im == 0.0 && d.re > 0.0,
                "positive real diagonal: {d} ({})",
                T::DTYPE
            );
            for j in 0..n {
                if (upper && j < i) || (!upper && j > i) {
                    assert_eq!(fd.at(i, j), c(0.0), "zero other triangle");
                }
            }
        }
        let back = if upper {
            &fd.adjoint() * &fd
        } else {
            &fd * &fd.adjoint()
        };
        let err = (&back - &ad).norm() / ad.norm();
        assert!(
            err <= 20.0 * n as f64 * eps::<T>(),
            "cholesky (upper {upper}): {err:e}"
        );
    }
    let factor = cho_factor(&a, true).unwrap();
    let (b, bd) = matrix::<T>(&Dense::random(n, 3, T::COMPLEX, rng));
    let x = Dense::of(&cho_solve(&factor, &b).unwrap().view(), 0);
    let err = (&(&ad * &x) - &bd).norm() / (ad.norm() * x.norm());
    assert!(
        err <= 40.0 * n as f64 * eps::<T>(),
        "cho_solve residual {err:e}"
    );
}

fn unitary_columns(q: &Dense) -> f64 {
    (&(&q.adjoint() * q) - &Dense::eye(q.cols)).norm()
}

fn qr_identities<T: Case>(m: usize, n: usize, rng: &mut Rng) {
    let (a, ad) = matrix::<T>(&Dense::random(m, n, T::COMPLEX, rng));
    for mode in [QrMode::Reduced, QrMode::Complete] {
        let (q, r) = qr(&a, mode).unwrap().into_qr().unwrap();
        let (q, r) = (Dense::of(&q.view(), 0), Dense::of(&r.view(), 0));
        let k = if mode == QrMode::Complete {
            m
        } else {
            m.min(n)
        };
        assert_eq!((q.rows, q.cols, r.rows, r.cols), (m, k, k, n));
        for i in 0..r.rows {
            for j in 0..i.min(n) {
                assert_eq!(r.at(i, j), c(0.0), "R upper triangular");
            }
        }
        let tol = 20.0 * m.max(n) as f64 * eps::<T>();
        assert!(unitary_columns(&q) <= tol, "Q^H Q = I ({mode:?})");
        let err = (&(&q * &r) - &ad).norm() / ad.norm().max(1e-300);
        assert!(err <= tol, "Q R = A ({mode:?}, {m}x{n}): {err:e}");
    }
    let r_only = qr(&a, QrMode::R).unwrap();
    let (_, r) = qr(&a, QrMode::Reduced).unwrap().into_qr().unwrap();
    assert_eq!(r_only.r().unwrap(), &r, "mode R gives the reduced R");
}

fn svd_identities<T: Case>(m: usize, n: usize, cond: f64, rank: usize, rng: &mut Rng)
where
    T::Real: TestScalar,
{
    let (a, ad) = matrix::<T>(&Dense::conditioned(m, n, cond, rank, T::COMPLEX, rng));
    let k = m.min(n);
    for full in [true, false] {
        let options = SvdOptions {
            full_matrices: full,
            ..Default::default()
        };
        let r = svd(&a, options).unwrap();
        let s: Vec<f64> = r.s.iter().map(|v| v.to_c().re).collect();
        assert!(
            s.windows(2).all(|w| w[0] >= w[1]) && s.iter().all(|&v| v >= 0.0),
            "{s:?}"
        );
        let (u, vh) = (
            Dense::of(&r.u.unwrap().view(), 0),
            Dense::of(&r.vh.unwrap().view(), 0),
        );
        let tol = 40.0 * m.max(n) as f64 * eps::<T>();
        let (eu, ev) = (unitary_columns(&u), unitary_columns(&vh.adjoint()));
        assert!(
            eu <= tol && ev <= tol,
            "unitary U, V ({}, {m}x{n}, full {full}): {eu:e} {ev:e}",
            T::DTYPE
        );
        let mut sigma = Dense::zeros(u.cols, vh.rows);
        for i in 0..k {
            sigma.v[i * vh.rows + i] = c(s[i]);
        }
        let err = (&(&(&u * &sigma) * &vh) - &ad).norm() / ad.norm();
        assert!(err <= tol, "U S Vh = A ({m}x{n}, full {full}): {err:e}");
        // the known singular values, to within round-off of the largest
        for i in rank..k {
            assert!(s[i] <= tol, "rank-deficient: s[{i}] = {}", s[i]);
        }
    }
    let sv: Vec<f64> = svdvals(&a).unwrap().iter().map(|v| v.to_c().re).collect();
    let s: Vec<f64> = svd(&a, SvdOptions::default())
        .unwrap()
        .s
        .iter()
        .map(|v| v.to_c().re)
        .collect();
    for (x, y) in sv.iter().zip(&s) {
        assert!((x - y).abs() <= 10.0 * eps::<T>() * s[0]);
    }
}

fn eigen_identities<T: Case>(n: usize, rng: &mut Rng)
where
    T::Real: TestScalar,
    T::Complex: TestScalar,
{
    // Hermitian: ascending real eigenvalues, orthonormal vectors.
    let g = Dense::random(n, n, T::COMPLEX, rng);
    let (h, hd) = matrix::<T>(&(&g + &g.adjoint()));
    for uplo in [Uplo::Lower, Uplo::Upper] {
        let r = eigh(&h, uplo).unwrap();
        let w: Vec<f64> = r.eigenvalues.iter().map(|v| v.to_c().re).collect();
        assert!(w.windows(2).all(|x| x[0] <= x[1]), "ascending");
        let v = Dense::of(&r.eigenvectors.view(), 0);
        let tol = 40.0 * n as f64 * eps::<T>() * hd.norm();
        assert!(unitary_columns(&v) <= 40.0 * n as f64 * eps::<T>());
        let err = (&(&hd * &v) - &v.scale_cols(&w)).norm();
        assert!(err <= tol, "A v = w v (eigh): {err:e}");
        let only: Vec<f64> = eigvalsh(&h, uplo)
            .unwrap()
            .iter()
            .map(|v| v.to_c().re)
            .collect();
        for (x, y) in only.iter().zip(&w) {
            assert!((x - y).abs() <= tol);
        }
    }
    // General: complex eigenvalues, unit vectors.
    let (a, ad) = matrix::<T>(&Dense::random(n, n, T::COMPLEX, rng));
    let r = eig(&a).unwrap();
    let w: Vec<Complex64> = r.eigenvalues.iter().map(|v| v.to_c()).collect();
    let v = Dense::of(&r.eigenvectors.view(), 0);
    for j in 0..n {
        let col: Vec<Complex64> = (0..n).map(|i| v.at(i, j)).collect();
        let norm = col.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt();
        assert!((norm - 1.0).abs() <= 1e2 * eps::<T>(), "unit eigenvector");
        let res: f64 = (0..n)
            .map(|i| {
                ((0..n).map(|k| ad.at(i, k) * col[k]).sum::<Complex64>() - w[j] * col[i]).norm_sqr()
            })
            .sum::<f64>()
            .sqrt();
        assert!(
            res <= 1e3 * n as f64 * eps::<T>() * ad.norm(),
            "A v = w v (eig): {res:e}"
        );
    }
    let mut only: Vec<Complex64> = eigvals(&a).unwrap().iter().map(|v| v.to_c()).collect();
    let mut all = w.clone();
    let key = |z: &Complex64| (z.re, z.im);
    only.sort_by(|x, y| key(x).partial_cmp(&key(y)).unwrap());
    all.sort_by(|x, y| key(x).partial_cmp(&key(y)).unwrap());
    for (x, y) in only.iter().zip(&all) {
        assert!((x - y).norm() <= 1e3 * eps::<T>() * ad.norm());
    }
}

fn least_squares<T: Case>(m: usize, n: usize, rank: usize, rng: &mut Rng)
where
    T::Real: TestScalar,
{
    let (a, ad) = matrix::<T>(&Dense::conditioned(m, n, 1e3, rank, T::COMPLEX, rng));
    let (b, bd) = matrix::<T>(&Dense::random(m, 2, T::COMPLEX, rng));
    // rounding a rank-deficient matrix to single precision leaves singular values of about
    // its eps (NumPy's default rcond is double precision's): a cutoff above them
    let rcond = 100.0 * m.max(n) as f64 * eps::<T>();
    let r = lstsq(&a, &b, Some(rcond)).unwrap();
    assert_eq!(r.rank, rank, "lstsq rank ({m}x{n}, {})", T::DTYPE);
    let x = Dense::of(&r.x.view(), 0);
    let tol = 1e3 * m.max(n) as f64 * eps::<T>() * 1e3;
    // the normal equations: A^H (A x - b) = 0
    let normal = (&ad.adjoint() * &(&(&ad * &x) - &bd)).norm() / (ad.norm() * bd.norm());
    assert!(
        normal <= tol,
        "normal equations ({m}x{n}, rank {rank}): {normal:e}"
    );
    // the minimum-norm solution is pinv(A) b
    let p = pinv(
        &a,
        PinvOptions {
            rcond: Some(rcond),
            ..Default::default()
        },
    )
    .unwrap();
    let pd = Dense::of(&p.view(), 0);
    let err = (&(&pd * &bd) - &x).norm() / x.norm().max(1e-300);
    assert!(err <= tol, "lstsq = pinv(A) b: {err:e}");
    // Penrose: A P A = A, P A P = P
    let e1 = (&(&(&ad * &pd) * &ad) - &ad).norm() / ad.norm();
    let e2 = (&(&(&pd * &ad) * &pd) - &pd).norm() / pd.norm();
    assert!(e1 <= tol && e2 <= tol, "Penrose conditions: {e1:e}, {e2:e}");
    if rank == n && m > n {
        let res: Vec<f64> = r.residuals.iter().map(|v| v.to_c().re).collect();
        let diff = &(&ad * &x) - &bd;
        for j in 0..2 {
            let exact: f64 = (0..m).map(|i| diff.at(i, j).norm_sqr()).sum();
            assert!(
                (res[j] - exact).abs() <= tol * exact.max(1.0),
                "residual {j}"
            );
        }
    } else {
        assert_eq!(r.residuals.len(), 0);
    }
    let options = MatrixRankOptions {
        rtol: Some(rcond),
        ..Default::default()
    };
    let rank_again = matrix_rank(&a, options).unwrap();
    assert_eq!(rank_again.item().unwrap(), rank as i64);
}

fn lu_family<T: Case>(m: usize, n: usize, rng: &mut Rng) {
    let (a, ad) = matrix::<T>(&Dense::random(m, n, T::COMPLEX, rng));
    let r = lu(&a, LuOptions::default()).unwrap();
    let LuPermutation::Matrix(p) = &r.p else {
        panic!("a permutation matrix")
    };
    let (p, l, u) = (
        Dense::of(&p.view(), 0),
        Dense::of(&r.l.view(), 0),
        Dense::of(&r.u.view(), 0),
    );
    let err = (&(&(&p * &l) * &u) - &ad).norm() / ad.norm();
    assert!(
        err <= 20.0 * m.max(n) as f64 * eps::<T>(),
        "P L U = A: {err:e}"
    );
    for i in 0..l.rows {
        for j in 0..l.cols {
            // |re| + |im| pivoting: |l| <= sqrt(2) for complex types
            let bound = if T::COMPLEX { 2f64.sqrt() } else { 1.0 } + 1e-6;
            assert!(
                l.at(i, j).norm() <= bound,
                "partial pivoting bounds L: {}",
                l.at(i, j)
            );
        }
    }
    if m == n {
        let f = lu_factor(&a).unwrap();
        let (b, bd) = matrix::<T>(&Dense::random(n, 2, T::COMPLEX, rng));
        for trans in [Trans::N, Trans::T, Trans::C] {
            let x = Dense::of(&lu_solve(&f, &b, trans).unwrap().view(), 0);
            let op = match trans {
                Trans::N => ad.clone(),
                Trans::T => ad.transpose(),
                Trans::C => ad.adjoint(),
            };
            let err = (&(&op * &x) - &bd).norm() / (op.norm() * x.norm());
            assert!(
                err <= 1e2 * n as f64 * eps::<T>(),
                "lu_solve {trans:?}: {err:e}"
            );
        }
    }
}

macro_rules! for_each_dtype {
    ($name:ident, |$rng:ident| $body:expr) => {
        #[test]
        fn $name() {
            fn run<T: Case>($rng: &mut Rng)
            where
                T::Real: TestScalar,
                T::Complex: TestScalar,
            {
                $body
            }
            let mut rng = Rng::new(stringify!($name).len() as u64);
            run::<f64>(&mut rng);
            run::<f32>(&mut rng);
            run::<Complex64>(&mut rng);
            run::<Complex32>(&mut rng);
        }
    };
}

for_each_dtype!(solve_and_inv_random_and_ill_conditioned, |rng| {
    let hard = if T::EPS < 1e-10 { 1e10 } else { 1e3 };
    for (n, cond) in [
        (1, 1.0),
        (3, 10.0),
        (8, 1e3),
        (8, hard),
        (30, 1e2),
        (30, hard),
    ] {
        solve_and_inverse::<T>(n, cond, rng);
    }
});

for_each_dtype!(determinants_multiply, |rng| {
    for n in [1, 4, 12, 40] {
        determinants::<T>(n, rng);
    }
});

for_each_dtype!(cholesky_reconstructs, |rng| {
    for n in [1, 5, 33] {
        cholesky_identities::<T>(n, rng);
    }
});

for_each_dtype!(qr_reconstructs, |rng| {
    for (m, n) in [(4, 4), (7, 3), (3, 7), (40, 25), (1, 5)] {
        qr_identities::<T>(m, n, rng);
    }
});

for_each_dtype!(svd_reconstructs, |rng| {
    let hard = if T::EPS < 1e-10 { 1e8 } else { 1e3 };
    for (m, n, cond, rank) in [
        (4, 4, 10.0, 4),
        (7, 3, hard, 3),
        (3, 7, 1e2, 3),
        (6, 5, 10.0, 2),
        (30, 20, 1e3, 20),
    ] {
        svd_identities::<T>(m, n, cond, rank, rng);
    }
});

for_each_dtype!(eigen_reconstructs, |rng| {
    for n in [1, 2, 6, 25] {
        eigen_identities::<T>(n, rng);
    }
});

for_each_dtype!(lstsq_matches_pinv, |rng| {
    for (m, n, rank) in [
        (6, 3, 3),
        (3, 6, 3),
        (5, 5, 5),
        (7, 4, 2),
        (4, 7, 2),
        (30, 12, 12),
    ] {
        least_squares::<T>(m, n, rank, rng);
    }
});

for_each_dtype!(lu_reconstructs, |rng| {
    for (m, n) in [(4, 4), (6, 3), (3, 6), (30, 30)] {
        lu_family::<T>(m, n, rng);
    }
});

/// Matrices large enough for `faer`'s blocked, threaded paths (one size, f64 only: the
/// kernels are the same code for every type).
#[test]
fn large_matrices_take_the_threaded_paths() {
    let mut rng = Rng::new(7);
    let n = 260;
    solve_and_inverse::<f64>(n, 1e6, &mut rng);
    cholesky_identities::<f64>(n, &mut rng);
    qr_identities::<f64>(n, 200, &mut rng);
    svd_identities::<f64>(n, 180, 1e6, 180, &mut rng);
    eigen_identities::<f64>(200, &mut rng);
    least_squares::<f64>(n, 150, 150, &mut rng);
}

/// Every matrix of a stack gives what it gives alone; batch axes broadcast.
#[test]
fn stacks_match_single_matrices() {
    let mut rng = Rng::new(3);
    let n = 4;
    let stack: Vec<Dense> = (0..6)
        .map(|_| Dense::conditioned(n, n, 10.0, n, true, &mut rng))
        .collect();
    let values: Vec<Complex64> = stack.iter().flat_map(|m| m.v.clone()).collect();
    let a = Array::from_vec(values, [2, 3, n, n]).unwrap();
    let b = Array::from_vec(
        (0..3 * n * 2)
            .map(|_| Complex64::new(rng.unit(), rng.unit()))
            .collect(),
        [3, n, 2],
    )
    .unwrap();
    let x = solve(&a, &b).unwrap();
    assert_eq!(x.shape(), &[2, 3, n, 2]);
    let ai = inv(&a).unwrap();
    let d = det(&a).unwrap();
    let q = qr(&a, QrMode::Reduced).unwrap().into_qr().unwrap().0;
    let s = svdvals(&a).unwrap();
    let w = eigvalsh(&a, Uplo::Lower).unwrap();
    for item in 0..6 {
        let (i, j) = (item / 3, item % 3);
        let single = Array::from_vec(stack[item].v.clone(), [n, n]).unwrap();
        let bj = b.slice(oxarray_core::s![j]).unwrap();
        let close = |x: &[Complex64], y: &[Complex64]| {
            x.iter()
                .zip(y)
                .all(|(p, q)| (p - q).norm() <= 1e-12 * (1.0 + q.norm()))
        };
        let pick = |arr: &Array<Complex64>| -> Vec<Complex64> {
            arr.slice(oxarray_core::s![i, j]).unwrap().to_vec()
        };
        assert!(
            close(&pick(&x), &solve(&single, &bj).unwrap().to_vec()),
            "solve {item}"
        );
        assert!(
            close(&pick(&ai), &inv(&single).unwrap().to_vec()),
            "inv {item}"
        );
        assert!(
            close(&[d[[i, j]]], &[det(&single).unwrap().item().unwrap()]),
            "det"
        );
        assert!(close(
            &pick(&q),
            &qr(&single, QrMode::Reduced)
                .unwrap()
                .into_qr()
                .unwrap()
                .0
                .to_vec()
        ));
        let sv: Vec<Complex64> = s
            .slice(oxarray_core::s![i, j])
            .unwrap()
            .iter()
            .map(|&v| c(v))
            .collect();
        let sv1: Vec<Complex64> = svdvals(&single).unwrap().iter().map(|&v| c(v)).collect();
        assert!(close(&sv, &sv1), "svdvals {item}");
        assert_eq!(w.slice(oxarray_core::s![i, j]).unwrap().len(), n);
    }
    // 10000 systems of 8 x 8 (the L-solve-batch shape, smaller): the small-matrix kernel
    // threaded over the stack
    let many = 2000;
    let mut values = Vec::with_capacity(many * 64);
    for _ in 0..many {
        let m = Dense::conditioned(8, 8, 100.0, 8, false, &mut rng);
        values.extend(m.v.iter().map(|z| z.re));
    }
    let a = Array::from_vec(values, [many, 8, 8]).unwrap();
    let b = Array::from_vec((0..many * 8).map(|_| rng.unit()).collect(), [many, 8, 1]).unwrap();
    let x = solve(&a, &b).unwrap();
    for item in [0, 17, many - 1] {
        let ad = Dense::of(&a.view(), item);
        let xd = Dense::of(&x.view(), item);
        let bd = Dense::of(&b.view(), item);
        assert!((&(&ad * &xd) - &bd).norm() <= 1e-12);
    }
}
