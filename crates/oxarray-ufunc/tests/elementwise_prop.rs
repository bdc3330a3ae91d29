//! Property tests: random shapes, strides (steps, reversals, transposes), broadcasts, `out=`
//! views and masks, against a naive reference computed element by element from `to_vec` and
//! index arithmetic.

use oxarray_core::{Array, ArrayView, SliceArg, s};
use oxarray_ufunc as uf;
use proptest::prelude::*;

/// A base array, and how to view it: per-axis (start, step) slices and an optional transpose.
#[derive(Debug, Clone)]
struct ViewSpec {
    base_shape: Vec<usize>,
    steps: Vec<isize>,
    transpose: bool,
}

fn view_spec(max_ndim: usize) -> impl Strategy<Value = ViewSpec> {
    (0..=max_ndim)
        .prop_flat_map(|nd| {
            (
                proptest::collection::vec(0usize..6, nd),
                proptest::collection::vec(
                    prop_oneof![Just(1isize), Just(2), Just(-1), Just(-2)],
                    nd,
                ),
                any::<bool>(),
            )
        })
        .prop_map(|(base_shape, steps, transpose)| ViewSpec {
            base_shape,
            steps,
            transpose,
        })
}

fn make_view<'a, T: oxarray_core::Element>(
    base: &'a Array<T>,
    spec: &ViewSpec,
) -> ArrayView<'a, T> {
    let args: Vec<SliceArg> = spec
        .steps
        .iter()
        .map(|&st| SliceArg::Slice {
            start: None,
            stop: None,
            step: st,
        })
        .collect();
    let v = base.slice(&args).unwrap();
    if spec.transpose { v.into_t() } else { v }
}

/// Multi-indices of `shape` in C order.
fn indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let n: usize = shape.iter().product();
    (0..n)
        .map(|mut p| {
            let mut idx = vec![0; shape.len()];
            for ax in (0..shape.len()).rev() {
                idx[ax] = p % shape[ax];
                p /= shape[ax];
            }
            idx
        })
        .collect()
}

/// Element of `v` (C-order values `vals`, shape `shape`) at the broadcast index `idx` of an
/// output of `out_ndim` axes.
fn at<T: Copy>(vals: &[T], shape: &[usize], idx: &[usize]) -> T {
    let off = idx.len() - shape.len();
    let mut lin = 0;
    for (ax, &d) in shape.iter().enumerate() {
        let i = if d == 1 { 0 } else { idx[off + ax] };
        lin = lin * d + i;
    }
    vals[lin]
}

fn broadcast(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| {
            let da = if i + a.len() >= n {
                a[i + a.len() - n]
            } else {
                1
            };
            let db = if i + b.len() >= n {
                b[i + b.len() - n]
            } else {
                1
            };
            match (da, db) {
                (x, y) if x == y => Some(x),
                (1, y) => Some(y),
                (x, 1) => Some(x),
                _ => None,
            }
        })
        .collect()
}

/// A shape broadcast-compatible with `shape`: some axes set to 1, some leading axes dropped.
fn compatible_shape(shape: Vec<usize>) -> impl Strategy<Value = Vec<usize>> {
    let nd = shape.len();
    (0..=nd, proptest::collection::vec(any::<bool>(), nd)).prop_map(move |(drop, ones)| {
        shape[drop..]
            .iter()
            .zip(&ones[drop..])
            .map(|(&d, &one)| if one { 1 } else { d })
            .collect()
    })
}

fn filled_f64(shape: &[usize], seed: u64) -> Array<f64> {
    Array::from_shape_fn(shape, |idx| {
        let h = idx
            .iter()
            .fold(seed, |h, &i| h.wrapping_mul(31).wrapping_add(i as u64 + 1));
        ((h % 97) as f64 - 48.0) * 0.25
    })
    .unwrap()
}

fn filled_i32(shape: &[usize], seed: u64) -> Array<i32> {
    Array::from_shape_fn(shape, |idx| {
        let h = idx.iter().fold(seed, |h, &i| {
            h.wrapping_mul(2654435761).wrapping_add(i as u64)
        });
        ((h % 2001) as i32 - 1000).wrapping_add(if h % 13 == 0 { i32::MAX - 3 } else { 0 })
    })
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1200))]

    /// Binary ops on random strided views and broadcasts match the reference.
    #[test]
    fn binary_ops_on_random_views_and_broadcasts(
        spec in view_spec(4),
        other in view_spec(4).prop_flat_map(|s| (Just(s.clone()), compatible_shape(s.base_shape))),
        swap in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let base = filled_f64(&spec.base_shape, seed);
        let a = make_view(&base, &spec);
        let b_owned = filled_f64(&other.1, seed ^ 0x55);
        let b = b_owned.view();
        let (x, y) = if swap { (b.clone(), a.clone()) } else { (a.clone(), b.clone()) };
        let expected_shape = broadcast(x.shape(), y.shape());
        let got = uf::subtract(&x, &y);
        match expected_shape {
            None => prop_assert!(got.is_err()),
            Some(shape) => {
                let got = got.unwrap();
                prop_assert_eq!(got.shape(), &shape[..]);
                let (xv, yv) = (x.to_vec(), y.to_vec());
                let want: Vec<f64> = indices(&shape)
                    .iter()
                    .map(|i| at(&xv, x.shape(), i) - at(&yv, y.shape(), i))
                    .collect();
                prop_assert_eq!(got.to_vec(), want);
                let cmp = uf::less_equal(&x, &y).unwrap();
                let want_cmp: Vec<bool> = indices(&shape)
                    .iter()
                    .map(|i| at(&xv, x.shape(), i) <= at(&yv, y.shape(), i))
                    .collect();
                prop_assert_eq!(cmp.to_vec(), want_cmp);
            }
        }
    }

    /// Integer ops (wrapping, Python floor division) on random views against the reference.
    #[test]
    fn integer_ops_on_random_views(
        spec in view_spec(3),
        other in view_spec(3).prop_flat_map(|s| compatible_shape(s.base_shape)),
        seed in any::<u64>(),
    ) {
        let base = filled_i32(&spec.base_shape, seed);
        let a = make_view(&base, &spec);
        let b = filled_i32(&other, seed.rotate_left(7));
        let Some(shape) = broadcast(a.shape(), b.shape()) else {
            prop_assert!(uf::add(&a, &b).is_err());
            return Ok(());
        };
        let (av, bv) = (a.to_vec(), b.to_vec());
        let idx = indices(&shape);
        let add = uf::add(&a, &b).unwrap();
        let want: Vec<i32> = idx.iter().map(|i| at(&av, a.shape(), i).wrapping_add(at(&bv, b.shape(), i))).collect();
        prop_assert_eq!(add.to_vec(), want);
        let fd = uf::floor_divide(&a, &b).unwrap();
        let want: Vec<i32> = idx
            .iter()
            .map(|i| {
                let (x, y) = (at(&av, a.shape(), i) as i64, at(&bv, b.shape(), i) as i64);
                if y == 0 {
                    return 0;
                }
                let q = x / y;
                // Python rounds toward negative infinity; the i32::MIN / -1 case wraps.
                (if x % y != 0 && ((x < 0) != (y < 0)) { q - 1 } else { q }) as i32
            })
            .collect();
        prop_assert_eq!(fd.to_vec(), want);
    }

    /// `out=` into a random strided (possibly reversed) view with a random mask; elements
    /// outside the mask keep their values, and the rest of the base is untouched.
    #[test]
    fn into_strided_out_with_mask(
        spec in view_spec(3),
        mask_bits in any::<u64>(),
        broadcast_b in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let mut base = filled_f64(&spec.base_shape, seed);
        let before = base.clone();
        let out_shape = make_view(&before, &spec).shape().to_vec();
        let a = filled_f64(&out_shape, seed ^ 1);
        let b = if broadcast_b || out_shape.is_empty() {
            Array::from_scalar(1.5)
        } else {
            filled_f64(&out_shape[out_shape.len() - 1..], seed ^ 2)
        };
        let n: usize = out_shape.iter().product();
        let mask = Array::from_vec((0..n).map(|i| (mask_bits >> (i % 64)) & 1 == 1).collect(), &out_shape[..]).unwrap();
        let old = make_view(&before, &spec).to_vec();
        {
            let args: Vec<SliceArg> = spec.steps.iter().map(|&st| SliceArg::Slice { start: None, stop: None, step: st }).collect();
            let mut v = base.slice_mut(&args).unwrap();
            if spec.transpose {
                let mut t = v.into_t();
                uf::multiply_into(&a, &b, Some(&mask.view()), &mut t).unwrap();
            } else {
                uf::multiply_into(&a, &b, Some(&mask.view()), &mut v).unwrap();
            }
        }
        let got = make_view(&base, &spec).to_vec();
        let (av, bv, mv) = (a.to_vec(), b.to_vec(), mask.to_vec());
        for (k, i) in indices(&out_shape).iter().enumerate() {
            let want = if mv[k] { av[k] * at(&bv, b.shape(), i) } else { old[k] };
            prop_assert_eq!(got[k], want);
        }
        // Elements of the base outside the view are untouched: count the changed ones.
        let changed = base.iter().zip(before.iter()).filter(|(x, y)| x != y).count();
        prop_assert!(changed <= n);
    }

    /// In place on a random view (`a += b` with b broadcast) equals the allocating op.
    #[test]
    fn inplace_equals_allocating(
        spec in view_spec(3),
        other in view_spec(3).prop_flat_map(|s| compatible_shape(s.base_shape)),
        seed in any::<u64>(),
    ) {
        let mut base = filled_f64(&spec.base_shape, seed);
        let a_shape = make_view(&base, &spec).shape().to_vec();
        let b_full = filled_f64(&other, seed ^ 9);
        // b must broadcast to a's shape (not the other way): take its trailing dims.
        let b_shape: Vec<usize> = a_shape.iter().rev().zip(other.iter().rev()).map(|(&d, &o)| if o == 1 { 1 } else { d }).collect::<Vec<_>>().into_iter().rev().collect();
        let b = filled_f64(&b_shape, seed ^ 9);
        let _ = b_full;
        let expected = uf::add(make_view(&base, &spec), &b).unwrap();
        let args: Vec<SliceArg> = spec.steps.iter().map(|&st| SliceArg::Slice { start: None, stop: None, step: st }).collect();
        let mut v = base.slice_mut(&args).unwrap();
        if spec.transpose {
            let mut t = v.into_t();
            uf::add_inplace(&mut t, &b).unwrap();
        } else {
            uf::add_inplace(&mut v, &b).unwrap();
        }
        prop_assert_eq!(make_view(&base, &spec).to_vec(), expected.to_vec());
    }

    /// Unary ops on random views; results are laid out like the input (order K) or C.
    #[test]
    fn unary_ops_on_random_views(spec in view_spec(4), seed in any::<u64>()) {
        let base = filled_f64(&spec.base_shape, seed);
        let a = make_view(&base, &spec);
        let got = uf::sqrt(&a).unwrap();
        let want: Vec<f64> = a.to_vec().iter().map(|x| x.sqrt()).collect();
        let gv = got.to_vec();
        prop_assert_eq!(gv.len(), want.len());
        for (g, w) in gv.iter().zip(&want) {
            prop_assert!(g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()));
        }
        prop_assert!(got.as_slice_memory_order().is_some());
    }
}

#[test]
fn s_macro_views_are_covered() {
    // A fixed case of the property above with the `s!` macro, as users write it.
    let m = filled_f64(&[4, 6], 1);
    let v = m.slice(s![..;-1, 1..;2]).unwrap();
    let r = uf::negative(&v).unwrap();
    assert_eq!(
        r.to_vec(),
        v.to_vec().iter().map(|x| -x).collect::<Vec<_>>()
    );
}
