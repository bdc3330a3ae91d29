//! Property tests of the arithmetic operators (`+ - * / %`, unary `-`, and the in-place forms)
//! against a naive reference: a random view on the left (any layout: F order, transposed,
//! flipped, stepped, broadcast), and on the right an operand of a shape that broadcasts with
//! it (axes set to one, leading axes dropped), laid out in C or F order, reversed or stepped.

mod common;

use common::{ViewCase, multi_indices, view_case};
use oxarray_core::elementwise::{binary, ops};
use oxarray_core::{Array, ArrayView, Error, Order, SliceArg, broadcast_shapes};
use proptest::prelude::*;

/// How the right-hand operand is derived from the left one's shape.
#[derive(Debug, Clone)]
struct Rhs {
    /// Axes (of the left shape) that become length one.
    ones: Vec<bool>,
    /// Leading axes dropped.
    drop: usize,
    order: Order,
    /// Axes stored reversed (negative strides).
    flips: Vec<bool>,
    /// Axes taken with step 2 from a base twice as long.
    steps: Vec<bool>,
    /// Swap the operands (`rhs op lhs`).
    swap: bool,
    /// Make the shape incompatible (one axis gets an extra element) to check the error.
    break_axis: Option<usize>,
}

fn rhs_strategy() -> impl Strategy<Value = Rhs> {
    (
        proptest::collection::vec(prop::bool::weighted(0.3), 6),
        0usize..3,
        prop_oneof![Just(Order::C), Just(Order::F)],
        proptest::collection::vec(any::<bool>(), 6),
        proptest::collection::vec(prop::bool::weighted(0.25), 6),
        any::<bool>(),
        proptest::option::weighted(0.1, 0usize..6),
    )
        .prop_map(|(ones, drop, order, flips, steps, swap, break_axis)| Rhs {
            ones,
            drop,
            order,
            flips,
            steps,
            swap,
            break_axis,
        })
}

/// The right-hand operand for a left operand of shape `lhs`: values `(k % 7) - 3` (zeros and
/// negatives, for `%` and `/`).
fn build_rhs(lhs: &[usize], r: &Rhs) -> Array<i64> {
    let drop = r.drop.min(lhs.len());
    let mut shape: Vec<usize> = lhs[drop..]
        .iter()
        .enumerate()
        .map(|(i, &d)| if r.ones[i + drop] { 1 } else { d })
        .collect();
    if let Some(a) = r.break_axis.filter(|&a| a < shape.len()) {
        shape[a] += 1;
    }
    let base_shape: Vec<usize> = shape
        .iter()
        .enumerate()
        .map(|(i, &d)| if r.steps[i] { 2 * d } else { d })
        .collect();
    let size: usize = base_shape.iter().product();
    let base = Array::from_vec_order(
        (0..size as i64).map(|k| (k % 7) - 3).collect(),
        &base_shape[..],
        r.order,
    )
    .unwrap();
    let args: Vec<SliceArg> = (0..shape.len())
        .map(|i| SliceArg::Slice {
            start: None,
            stop: None,
            step: match (r.steps[i], r.flips[i]) {
                (true, true) => -2,
                (true, false) => 2,
                (false, true) => -1,
                (false, false) => 1,
            },
        })
        .collect();
    // Keep the view's own layout: `slice_shared` returns an array over the same storage.
    base.slice_shared(args).unwrap()
}

/// Element `idx` of `v` broadcast to a shape of `ndim` axes.
fn at(v: &ArrayView<'_, i64>, idx: &[usize]) -> i64 {
    let lead = idx.len() - v.ndim();
    let own: Vec<isize> = v
        .shape()
        .iter()
        .enumerate()
        .map(|(a, &d)| if d == 1 { 0 } else { idx[lead + a] as isize })
        .collect();
    *v.get(&own).unwrap()
}

/// `f(x, y)` over the broadcast shape, in C order.
fn reference(
    x: &ArrayView<'_, i64>,
    y: &ArrayView<'_, i64>,
    shape: &[usize],
    f: impl Fn(i64, i64) -> i64,
) -> Vec<i64> {
    multi_indices(shape)
        .iter()
        .map(|idx| f(at(x, idx), at(y, idx)))
        .collect()
}

/// Python's `%` on integers, written independently of the library: the remainder takes the
/// sign of the divisor; NumPy gives 0 for a zero divisor.
fn python_rem(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && (r < 0) != (b < 0) {
        r + b
    } else {
        r
    }
}

fn check(case: &ViewCase, r: &Rhs) -> Result<(), TestCaseError> {
    let base = case.base();
    let (va, _) = case.view(&base);
    let b = build_rhs(va.shape(), r);
    let vb = b.view();
    let (x, y) = if r.swap {
        (vb.clone(), va.clone())
    } else {
        (va.clone(), vb.clone())
    };
    let shape = match broadcast_shapes(&[x.shape(), y.shape()]) {
        Ok(shape) => shape,
        Err(_) => {
            let err = binary(ops::Add, &x, &y).unwrap_err();
            prop_assert!(matches!(err, Error::BroadcastMismatch { .. }), "{err}");
            return Ok(());
        }
    };
    let sum = &x + &y;
    prop_assert_eq!(sum.shape(), &shape[..]);
    prop_assert_eq!(sum.to_vec(), reference(&x, &y, &shape, i64::wrapping_add));
    prop_assert_eq!(
        (&x - &y).to_vec(),
        reference(&x, &y, &shape, i64::wrapping_sub)
    );
    prop_assert_eq!(
        (x.clone() * y.clone()).to_vec(),
        reference(&x, &y, &shape, i64::wrapping_mul)
    );
    prop_assert_eq!((&x % &y).to_vec(), reference(&x, &y, &shape, python_rem));
    let quotient: Vec<f64> = multi_indices(&shape)
        .iter()
        .map(|idx| at(&x, idx) as f64 / at(&y, idx) as f64)
        .collect();
    let got = (&x / &y).to_vec();
    prop_assert_eq!(got.len(), quotient.len());
    for (g, w) in got.iter().zip(&quotient) {
        prop_assert!(g == w || (g.is_nan() && w.is_nan()), "{} vs {}", g, w);
    }
    prop_assert_eq!(
        (-&x).to_vec(),
        x.to_vec().iter().map(|v| -v).collect::<Vec<_>>()
    );
    prop_assert_eq!(
        (3 - &x).to_vec(),
        x.to_vec().iter().map(|v| 3 - v).collect::<Vec<_>>()
    );
    // In place: `x += y` when y broadcasts to x's shape (x itself is not stretched).
    if shape == x.shape() && !x.strides().contains(&0) {
        let mut owned = x.to_owned();
        owned += &y;
        prop_assert_eq!(owned.to_vec(), sum.to_vec());
        owned -= &y;
        prop_assert_eq!(owned.to_vec(), x.to_vec());
        owned *= 2;
        prop_assert_eq!(
            owned.to_vec(),
            x.to_vec().iter().map(|v| 2 * v).collect::<Vec<_>>()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn operators_match_reference(case in view_case(true), r in rhs_strategy()) {
        check(&case, &r)?;
    }
}

/// A view written through `-=` changes its base, and only the viewed elements.
#[test]
fn in_place_operators_on_views_reach_the_base() {
    let mut m = Array::from_vec((0..12).map(f64::from).collect(), [3, 4]).unwrap();
    {
        let mut v = m.slice_mut(oxarray_core::s![..;-2, 1..3]).unwrap();
        v -= 100.0;
        v /= &Array::from_vec(vec![2.0, 4.0], [2]).unwrap();
    }
    let want = [0., -49.5, -24.5, 3., 4., 5., 6., 7., 8., -45.5, -22.5, 11.];
    assert_eq!(m.to_vec(), want);
}
