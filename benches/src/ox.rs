//! The `oxarray` (and `oxarray-cuda`) columns.
//!
//! REGISTRATION POINT: each oxarray workload is a setup function `fn(Option<usize>) ->
//! Prepared` plus one line in [`oxarray_workloads`]. Build inputs (from [`crate::inputs`])
//! before `Prepared::new`, time only the library call inside the closure, and use the size
//! lists of [`crate::sizes`] so that rows line up with the NumPy ones. The closure owns its
//! inputs (`move`); what it returns is dropped after the clock stops. A result that borrows
//! from the inputs cannot be returned: consume it inside (`black_box(&view);`).
//!
//! The work figures (`.bytes()`, `.flops()`) are those of `benches/python/bench_numpy.py`, so
//! that GB/s and GFLOP/s agree between the columns of a row.
//!
//! C-conv and C-conv-5x5 are wired in `families/conv.rs` (crate `oxarray-conv`).

use std::hint::black_box;

use oxarray::linalg::{LinalgScalar, einsum, matmul, multi_dot, tensordot};
use oxarray::ufunc::{
    add, add_inplace, divide, lazy, mean, mean_std, multiply, multiply_inplace, multiply_into,
    square_inplace, std, subtract, update,
};
use oxarray_core::{Array, NewAxis, idx, s};

use crate::naive::A4_SIDE;
use crate::{Prepared, Workload, inputs, sizes};

/// Bytes of one `f64`.
const F64: f64 = 8.0;

/// The oxarray workloads.
pub fn oxarray_workloads() -> Vec<Workload> {
    let w = |id, sizes, run| Workload {
        id,
        imp: "oxarray",
        sizes,
        run,
    };
    vec![
        w("A1", sizes::fixed, a1),
        w("A1F", sizes::fixed, a1f),
        w("A2", sizes::fixed, a2),
        w("A2-ops", sizes::fixed, a2_ops),
        w("A3", sizes::fixed, a3),
        w("A3F", sizes::fixed, a3f),
        w("A4", sizes::fixed, a4),
        w("A5", sizes::fixed, a5),
        w("A6", sizes::fixed, a6),
        w("B1", sizes::fixed, b1),
        w("B2", sizes::fixed, b2),
        w("B3", sizes::fixed, b3),
        w("B4", sizes::fixed, b4),
        w("B5", sizes::fixed, b5),
        w("B-bmm8", sizes::fixed, b_bmm8),
        w("C-mm-f32", sizes::c_mm, c_mm_f32),
        w("C-mm-f64", sizes::c_mm, c_mm_f64),
        w("D-ones", sizes::d_cube, d_ones),
        w("D-imul5", sizes::d_cube, d_imul5),
        w("D-imul5-ops", sizes::d_cube, d_imul5_ops),
        w("D-three", sizes::d_cube, d_three),
        w("D-threeF", sizes::d_cube, d_three_fused),
        w("D-sweep", sizes::d_sweep, d_sweep),
    ]
}

/// A random f64 array of `shape`, values in `[0, 1)` (NumPy's side: `default_rng(0).random`).
fn random(shape: &[usize], seed: u64) -> Array<f64> {
    let len = shape.iter().product();
    Array::from_vec(inputs::uniform(len, seed), shape).expect("length matches shape")
}

// ------------------------------------------------------------------------------ section A

/// The 50000 x 1000 matrix of A1 / A1F.
fn a1_matrix() -> Array<f64> {
    random(&[50_000, 1000], 1)
}

/// A1 / A1F traffic: `m` read once, the result written once.
fn a1_bytes(m: &Array<f64>) -> f64 {
    2.0 * F64 * m.len() as f64
}

/// A1: `(m - m.mean(0)) / m.std(0)` as a user writes it with library calls: two reductions,
/// then an eager (allocating) subtract and divide, broadcasting the column statistics.
fn a1(_n: Option<usize>) -> Prepared {
    let m = a1_matrix();
    let bytes = a1_bytes(&m);
    Prepared::new(move || {
        let mu = mean(&m, Some(&[0]), false).expect("valid axis");
        let sd = std(&m, Some(&[0]), 0, false).expect("valid axis");
        let centred = subtract(&m, &mu).expect("broadcasts");
        divide(&centred, &sd).expect("broadcasts")
    })
    .bytes(bytes)
}

/// A1F: the same as one fused expression: `mean_std` (two passes, no temporary), then
/// `((m - mu) / sd)` evaluated in one pass.
fn a1f(_n: Option<usize>) -> Prepared {
    let m = a1_matrix();
    let bytes = a1_bytes(&m);
    Prepared::new(move || {
        let (mu, sd) = mean_std(&m, Some(&[0]), 0, false).expect("valid axis");
        ((lazy(&m) - &mu) / &sd).eval().expect("broadcasts")
    })
    .bytes(bytes)
}

/// Length of the A2 / A3 / A3F vector.
const A2_LEN: usize = 10_000_000;

/// The A2 / A3 / A3F input `x` (10M f64) and its traffic (`x` read once, `y` written once).
fn a2_input() -> (Array<f64>, f64) {
    (random(&[A2_LEN], 2), 2.0 * F64 * A2_LEN as f64)
}

/// A2: `y = 2.5*x + 1.2` as two eager ufunc calls, each allocating its result.
fn a2(_n: Option<usize>) -> Prepared {
    let (x, bytes) = a2_input();
    Prepared::new(move || {
        let t = multiply(&x, 2.5).expect("scalar broadcasts");
        add(&t, 1.2).expect("scalar broadcasts")
    })
    .bytes(bytes)
}

/// A2-ops: the same `y = 2.5*x + 1.2` written with operators, `&x * 2.5 + 1.2`.
fn a2_ops(_n: Option<usize>) -> Prepared {
    let (x, bytes) = a2_input();
    Prepared::new(move || &x * 2.5 + 1.2).bytes(bytes)
}

/// A3: `np.multiply(x, 2.5, out=y); np.add(y, 1.2, out=y)` into a preallocated `y`.
fn a3(_n: Option<usize>) -> Prepared {
    let (x, bytes) = a2_input();
    let mut y = Array::<f64>::empty([A2_LEN]).expect("small shape");
    Prepared::new(move || {
        multiply_into(&x, 2.5, None, &mut y).expect("same shape");
        add_inplace(&mut y, 1.2).expect("scalar broadcasts");
    })
    .bytes(bytes)
}

/// A3F: the same as one fused expression into `y`: one read of `x`, one write of `y`.
fn a3f(_n: Option<usize>) -> Prepared {
    let (x, bytes) = a2_input();
    let mut y = Array::<f64>::empty([A2_LEN]).expect("small shape");
    Prepared::new(move || {
        (lazy(&x) * 2.5 + 1.2)
            .eval_into(&mut y)
            .expect("same shape");
    })
    .bytes(bytes)
}

/// The 10000 x 10000 f64 matrix of A4-A6, `m[i][j] = i * 10000 + j`.
fn a4_matrix() -> Array<f64> {
    Array::from_vec(inputs::arange_matrix(A4_SIDE, A4_SIDE), [A4_SIDE, A4_SIDE])
        .expect("length matches shape")
}

/// A4-A6 traffic: the 5000 x 5000 selection read once and written once.
fn a4_bytes() -> f64 {
    2.0 * 8.0 * (A4_SIDE.div_ceil(2).pow(2) as f64)
}

/// A4: `m[rows[:, None], cols]` with `rows = cols = arange(0, 10000, 2)` (a copy).
fn a4(_n: Option<usize>) -> Prepared {
    let m = a4_matrix();
    let every2: Vec<i64> = (0..A4_SIDE as i64).step_by(2).collect();
    let rows = Array::from_vec(every2.clone(), [every2.len()]).expect("length matches shape");
    let cols = Array::from_vec(every2, [rows.len()]).expect("length matches shape");
    Prepared::new(move || {
        let rows = rows.slice(s![.., NewAxis]).expect("valid slice");
        m.index(idx![rows, &cols]).expect("valid index")
    })
    .bytes(a4_bytes())
}

/// A5: `m[::2, ::2]`, the time to create the view.
fn a5(_n: Option<usize>) -> Prepared {
    let m = a4_matrix();
    Prepared::new(move || {
        let view = m.slice(s![..;2, ..;2]).expect("valid slice");
        black_box(&view);
    })
}

/// A6: `np.ascontiguousarray(m[::2, ::2])`, the view made before the clock starts.
fn a6(_n: Option<usize>) -> Prepared {
    let view = a4_matrix()
        .slice_shared(s![..;2, ..;2])
        .expect("valid slice");
    Prepared::new(move || view.as_standard_layout().into_owned()).bytes(a4_bytes())
}

// ------------------------------------------------------------------------------ section B

/// The B1-B3 operands, A 64x128x256 and B 256x128 f64, and their FLOPs.
fn b_operands() -> (Array<f64>, Array<f64>, f64) {
    let a = random(&[64, 128, 256], 3);
    let b = random(&[256, 128], 4);
    (a, b, 2.0 * 64.0 * 128.0 * 256.0 * 128.0)
}

/// B1: `np.einsum('ijk,kl->ijl', A, B)`. oxarray's einsum always plans its contraction
/// (there is no unoptimised mode), so B1 and B2 run the same call.
fn b1(_n: Option<usize>) -> Prepared {
    let (a, b, flops) = b_operands();
    Prepared::new(move || einsum("ijk,kl->ijl", &[a.view(), b.view()]).expect("valid einsum"))
        .flops(flops)
}

/// B2: `np.einsum('ijk,kl->ijl', A, B, optimize=True)`: the same call as B1 (always planned).
fn b2(_n: Option<usize>) -> Prepared {
    b1(None)
}

/// B3: `np.tensordot(A, B, axes=(-1, 0))`.
fn b3(_n: Option<usize>) -> Prepared {
    let (a, b, flops) = b_operands();
    Prepared::new(move || tensordot(&a, &b, (-1, 0)).expect("valid axes")).flops(flops)
}

/// The B4 / B5 chain: X 1000x100, Y 100x1000, Z 1000x5.
fn chain() -> (Array<f64>, Array<f64>, Array<f64>) {
    (
        random(&[1000, 100], 5),
        random(&[100, 1000], 6),
        random(&[1000, 5], 7),
    )
}

/// B4: `np.linalg.multi_dot([X, Y, Z])` (cheapest order: `X @ (Y @ Z)`).
fn b4(_n: Option<usize>) -> Prepared {
    let (x, y, z) = chain();
    Prepared::new(move || multi_dot(&[x.view(), y.view(), z.view()]).expect("chain fits"))
}

/// B5: `X @ Y @ Z` left to right (a 1000 x 1000 intermediate).
fn b5(_n: Option<usize>) -> Prepared {
    let (x, y, z) = chain();
    Prepared::new(move || {
        let xy = matmul(&x, &y).expect("shapes fit");
        matmul(&xy, &z).expect("shapes fit")
    })
}

/// B-bmm8: `np.matmul(P, Q)` of two (10000, 8, 8) f64 stacks.
fn b_bmm8(_n: Option<usize>) -> Prepared {
    let p = random(&[10_000, 8, 8], 8);
    let q = random(&[10_000, 8, 8], 9);
    Prepared::new(move || matmul(&p, &q).expect("shapes fit")).flops(10_000.0 * 2.0 * 512.0)
}

// ------------------------------------------------------------------------------ section C

/// C-mm-f32: `a @ a2` of n x n f32 matrices `m[i][j] = i + j` (`a2` a copy of `a`).
fn c_mm_f32(n: Option<usize>) -> Prepared {
    c_mm(n, inputs::mm_matrix_f32)
}

/// C-mm-f64: the same in f64.
fn c_mm_f64(n: Option<usize>) -> Prepared {
    c_mm(n, inputs::mm_matrix_f64)
}

/// `a @ a2` of two n x n copies of `matrix(n)`.
fn c_mm<T: LinalgScalar>(n: Option<usize>, matrix: fn(usize) -> Vec<T>) -> Prepared {
    let n = n.expect("C-mm has a size");
    let a = Array::from_vec(matrix(n), [n, n]).expect("length matches shape");
    let a2 = Array::from_vec(matrix(n), [n, n]).expect("length matches shape");
    Prepared::new(move || matmul(&a, &a2).expect("square")).flops(2.0 * (n as f64).powi(3))
}

// ------------------------------------------------------------------------------ section D
//
// At full size a cube is 1000^3 f64 = 8 GB. Each setup builds its own, and the driver drops a
// `Prepared` before setting up the next, so only one cube is alive at a time. Repeating
// `x *= 5` overflows to inf after a few hundred calls, as in the article: expected.

/// The D cube, `ones((n, n, n))`, and its element count.
fn d_cube(n: Option<usize>) -> (Array<f64>, f64) {
    let n = n.expect("D has a size");
    let x = Array::<f64>::ones([n, n, n]).expect("cube fits in memory");
    (x, (n * n * n) as f64)
}

/// D-ones: `np.ones((n, n, n))`, the array written once.
fn d_ones(n: Option<usize>) -> Prepared {
    let n = n.expect("D has a size");
    let count = (n * n * n) as f64;
    Prepared::new(move || Array::<f64>::ones([n, n, n]).expect("cube fits in memory"))
        .bytes(F64 * count)
}

/// D-imul5: `x *= 5` (`np.multiply(x, 5, out=x)`), one in-place ufunc call.
fn d_imul5(n: Option<usize>) -> Prepared {
    times5_in_place(d_cube(n).0)
}

/// D-imul5-ops: `x *= 5.0` with the compound-assignment operator.
fn d_imul5_ops(n: Option<usize>) -> Prepared {
    let (mut x, count) = d_cube(n);
    Prepared::new(move || x *= 5.0).bytes(2.0 * F64 * count)
}

/// `x *= 5` on `x`, read once and written once per call (D-imul5, D-sweep).
fn times5_in_place(mut x: Array<f64>) -> Prepared {
    let bytes = 2.0 * F64 * x.len() as f64;
    Prepared::new(move || multiply_inplace(&mut x, 5.0).expect("scalar broadcasts")).bytes(bytes)
}

/// D-three: `x *= 5; x *= x; x += x` as three in-place ufunc calls (three passes).
///
/// `x *= x` and `x += x` take `x` as both the output and the second operand, which the borrow
/// checker refuses for `multiply_inplace(&mut x, &x)`; they run as the unary in-place ufuncs
/// that compute the same values in the same single pass: `square` (`x * x`) and
/// `multiply(x, 2)` (`x + x == 2 * x` exactly in IEEE arithmetic, inf and NaN included).
fn d_three(n: Option<usize>) -> Prepared {
    let (mut x, count) = d_cube(n);
    Prepared::new(move || {
        multiply_inplace(&mut x, 5.0).expect("scalar broadcasts");
        square_inplace(&mut x).expect("in place");
        multiply_inplace(&mut x, 2.0).expect("scalar broadcasts");
    })
    .bytes(2.0 * F64 * count)
}

/// D-threeF: the same three operations fused into one pass (`update`).
fn d_three_fused(n: Option<usize>) -> Prepared {
    let (mut x, count) = d_cube(n);
    Prepared::new(move || {
        update(&mut x, |x| {
            let t = x * 5.0;
            let u = t.clone() * t;
            u.clone() + u
        })
        .expect("in place");
    })
    .bytes(2.0 * F64 * count)
}

/// D-sweep: `x *= 5` on `ones(n)`, `n` = element count.
fn d_sweep(n: Option<usize>) -> Prepared {
    let n = n.expect("D-sweep has a size");
    times5_in_place(Array::<f64>::ones([n]).expect("fits in memory"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_article_id_is_wired() {
        // Sections A to D of WORKLOADS.md, first wave (C-conv comes with oxarray-conv).
        let wired: Vec<_> = oxarray_workloads().iter().map(|w| w.id).collect();
        for id in [
            "A1",
            "A1F",
            "A2",
            "A2-ops",
            "A3",
            "A3F",
            "A4",
            "A5",
            "A6",
            "B1",
            "B2",
            "B3",
            "B4",
            "B5",
            "B-bmm8",
            "C-mm-f32",
            "C-mm-f64",
            "D-ones",
            "D-imul5",
            "D-imul5-ops",
            "D-three",
            "D-threeF",
            "D-sweep",
        ] {
            assert!(wired.contains(&id), "{id}");
        }
    }

    #[test]
    fn small_workloads_run() {
        for w in oxarray_workloads() {
            if !["B4", "B5", "B-bmm8", "C-mm-f32", "C-mm-f64", "D-sweep"].contains(&w.id) {
                continue;
            }
            let n = (w.sizes)(true).into_iter().min().expect("a size");
            assert!((w.run)(n).sample(1) > std::time::Duration::ZERO, "{}", w.id);
        }
    }
}
