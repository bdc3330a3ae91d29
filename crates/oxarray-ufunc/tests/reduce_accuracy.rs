//! Pairwise summation keeps the rounding error at O(log n) along every axis, where a naive
//! running sum drifts as O(n): 10^7 values of 0.1 in float32.

use oxarray_core::{Array, Order, s};
use oxarray_ufunc::{mean, sum};

const N: usize = 10_000_000;

/// NumPy's bound for the pairwise sum: about `log2(n / 128) + 19` roundings of `eps * sum|x|`
/// (16 in the 8-way block, 3 to combine it, one per halving); 2x margin.
fn pairwise_bound(n: usize, sum_abs: f64) -> f64 {
    let levels = (n as f64 / 128.0).log2().max(0.0) + 19.0;
    2.0 * levels * f32::EPSILON as f64 * sum_abs
}

fn exact(n: usize) -> f64 {
    n as f64 * 0.1f32 as f64
}

#[test]
fn contiguous_float32_sum_is_pairwise() {
    let a = Array::<f32>::full([N], 0.1).unwrap();
    let got = sum(&a, None, false).unwrap().to_vec()[0] as f64;
    let naive = a.iter().fold(0.0f32, |s, &x| s + x) as f64;
    let want = exact(N);
    let bound = pairwise_bound(N, want);
    assert!(
        (got - want).abs() <= bound,
        "pairwise {got} vs {want} (bound {bound})"
    );
    // The naive running sum is off by more than 8%; pairwise by less than 1e-5 relative.
    assert!((naive - want).abs() > 1000.0 * (got - want).abs().max(1e-3));
    assert!((got - want).abs() / want < 1e-5);
}

#[test]
fn column_sums_are_pairwise_too() {
    // axis 0 of a C-order matrix: the rows are accumulated into a vector of column sums.
    let rows = N / 4;
    let m = Array::<f32>::full([rows, 4], 0.1).unwrap();
    let want = exact(rows);
    let bound = pairwise_bound(rows, want);
    for col in sum(&m, Some(&[0]), false).unwrap().to_vec() {
        assert!((col as f64 - want).abs() <= bound, "column {col} vs {want}");
    }
    // The same reduction on the F-order copy (contiguous runs) gives the same bits.
    let f = Array::from_view_in_order(&m.view(), Order::F);
    assert_eq!(
        sum(&f, Some(&[0]), false).unwrap().to_vec(),
        sum(&m, Some(&[0]), false).unwrap().to_vec()
    );
    let mu = mean(&m, Some(&[0]), false).unwrap().to_vec();
    assert!(mu.iter().all(|&x| (x as f64 - 0.1).abs() < 1e-6), "{mu:?}");
}

#[test]
fn strided_and_reversed_sums_are_pairwise() {
    let a = Array::<f32>::full([N], 0.1).unwrap();
    let every_third = a.slice(s![..;3]).unwrap();
    let n = every_third.len();
    let got = sum(&every_third, None, false).unwrap().to_vec()[0] as f64;
    assert!((got - exact(n)).abs() <= pairwise_bound(n, exact(n)));
    let reversed = a.slice(s![..;-1]).unwrap();
    assert_eq!(
        sum(&reversed, None, false).unwrap().to_vec(),
        sum(&a, None, false).unwrap().to_vec()
    );
    // Several reduced axes that do not merge: a 3-D strided view summed over axes 0 and 2.
    let cube = a.reshape([100, 1000, 100]).unwrap();
    let view = cube.view();
    let sub = view.slice(s![.., ..;2, ..]).unwrap();
    let got = sum(&sub, Some(&[0, 2]), false).unwrap().to_vec();
    let want = exact(100 * 100);
    assert!(
        got.iter()
            .all(|&x| (x as f64 - want).abs() <= pairwise_bound(10_000, want))
    );
}
