//! Property tests of the reductions: random shapes, strides (permuted, reversed, stepped and
//! broadcast views) and axis sets against a naive reference that visits every multi-index.

use oxarray_core::{Array, ArrayView, Order, SliceArg};
use oxarray_ufunc::{
    all, any, argmax, argmin, cumsum, max, mean, mean_std, min, prod, std, sum, var,
};
use proptest::prelude::*;

/// A random array and a random view of it.
#[derive(Debug, Clone)]
struct Case {
    shape: Vec<usize>,
    data: Vec<i64>,
    perm: Vec<usize>,
    flips: Vec<bool>,
    steps: Vec<isize>,
    broadcast: Option<usize>,
    axes: Option<Vec<isize>>,
    keepdims: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (0usize..=4)
        .prop_flat_map(|ndim| {
            // Mostly small axes, sometimes one long enough for the pairwise recursion.
            let dim = prop_oneof![8 => 0usize..=5, 1 => 100usize..=300];
            proptest::collection::vec(dim, ndim)
        })
        .prop_filter("keep the arrays small", |s| {
            s.iter().product::<usize>() <= 4000
        })
        .prop_flat_map(|shape| {
            let ndim = shape.len();
            let size: usize = shape.iter().product();
            (
                Just(shape),
                proptest::collection::vec(-64i64..=64, size),
                Just((0..ndim).collect::<Vec<_>>()).prop_shuffle(),
                proptest::collection::vec(proptest::arbitrary::any::<bool>(), ndim),
                proptest::collection::vec(1isize..=2, ndim),
                proptest::option::weighted(0.15, 1usize..=3),
                proptest::option::weighted(
                    0.8,
                    proptest::collection::vec(proptest::arbitrary::any::<bool>(), 5),
                ),
                proptest::collection::vec(proptest::arbitrary::any::<bool>(), 5),
                proptest::arbitrary::any::<bool>(),
            )
        })
        .prop_map(
            |(shape, data, perm, flips, steps, broadcast, mask, neg, keepdims)| {
                let ndim = shape.len() + broadcast.is_some() as usize;
                let axes = mask.map(|m| {
                    let mut axes: Vec<isize> = (0..ndim)
                        .filter(|&a| m[a])
                        .map(|a| {
                            if neg[a] {
                                a as isize - ndim as isize
                            } else {
                                a as isize
                            }
                        })
                        .collect();
                    axes.reverse();
                    axes
                });
                Case {
                    shape,
                    data,
                    perm,
                    flips,
                    steps,
                    broadcast,
                    axes,
                    keepdims,
                }
            },
        )
}

/// The case's view of `base` (permute, flip, step, then maybe a broadcast axis in front).
fn view_of<'a, T: oxarray_core::Element>(c: &Case, base: &'a Array<T>) -> ArrayView<'a, T> {
    let perm: Vec<isize> = c.perm.iter().map(|&a| a as isize).collect();
    let mut v = base.view().into_permuted(&perm).unwrap();
    let slices: Vec<SliceArg> = (0..c.shape.len())
        .map(|a| SliceArg::Slice {
            start: None,
            stop: None,
            step: if c.flips[a] { -c.steps[a] } else { c.steps[a] },
        })
        .collect();
    v = v.into_slice(slices).unwrap();
    if let Some(n) = c.broadcast {
        let mut shape = vec![n];
        shape.extend_from_slice(v.shape());
        v = v
            .into_expand_dims(&[0])
            .unwrap()
            .into_broadcast_to(shape)
            .unwrap();
    }
    v
}

/// For every output (C order of the kept axes), its reduced elements in C order.
fn groups<T: oxarray_core::Element>(v: &ArrayView<'_, T>, mask: &[bool]) -> Vec<Vec<T>> {
    let shape = v.shape();
    let kept: Vec<usize> = (0..shape.len()).filter(|&a| !mask[a]).collect();
    let n_out: usize = kept.iter().map(|&a| shape[a]).product();
    let mut out = vec![Vec::new(); n_out];
    if shape.contains(&0) {
        return out;
    }
    let mut idx = vec![0usize; shape.len()];
    loop {
        let pos = kept.iter().fold(0, |p, &a| p * shape[a] + idx[a]);
        let signed: Vec<isize> = idx.iter().map(|&i| i as isize).collect();
        out[pos].push(*v.get(&signed).unwrap());
        let mut ax = shape.len();
        loop {
            if ax == 0 {
                return out;
            }
            ax -= 1;
            idx[ax] += 1;
            if idx[ax] < shape[ax] {
                break;
            }
            idx[ax] = 0;
        }
    }
}

fn mask_of(ndim: usize, axes: &Option<Vec<isize>>) -> Vec<bool> {
    match axes {
        None => vec![true; ndim],
        Some(axes) => {
            let mut m = vec![false; ndim];
            for &a in axes {
                m[(if a < 0 { a + ndim as isize } else { a }) as usize] = true;
            }
            m
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1200))]

    /// Sums, products, extremes and logic of integers are exact: any order must give the naive
    /// answer. Values k/4 make every float sum exact too, so the float path is checked exactly.
    #[test]
    fn reductions_match_naive_reference(c in case()) {
        let ints = Array::from_vec(c.data.clone(), c.shape.as_slice()).unwrap();
        let floats = Array::from_vec(
            c.data.iter().map(|&k| k as f64 / 4.0).collect::<Vec<_>>(), c.shape.as_slice()).unwrap();
        let vi = view_of(&c, &ints);
        let vf = view_of(&c, &floats);
        let mask = mask_of(vi.ndim(), &c.axes);
        let axes = c.axes.as_deref();
        let gi = groups(&vi, &mask);
        let gf = groups(&vf, &mask);
        let shape: Vec<usize> = (0..vi.ndim())
            .filter_map(|a| if !mask[a] { Some(vi.shape()[a]) } else if c.keepdims { Some(1) } else { None })
            .collect();

        let s = sum(&vi, axes, c.keepdims).unwrap();
        prop_assert_eq!(s.shape(), shape.as_slice());
        prop_assert_eq!(s.to_vec(), gi.iter().map(|g| g.iter().sum::<i64>()).collect::<Vec<_>>());
        let p = prod(&vi.map(|x| (x % 3) as i8), axes, c.keepdims).unwrap();
        prop_assert_eq!(p.to_vec(), gi.iter().map(|g| g.iter().fold(1i64, |p, &x| p.wrapping_mul(x % 3))).collect::<Vec<_>>());
        let sf = sum(&vf, axes, c.keepdims).unwrap();
        prop_assert_eq!(sf.to_vec(), gf.iter().map(|g| g.iter().sum::<f64>()).collect::<Vec<_>>());
        let m = mean(&vi, axes, c.keepdims).unwrap();
        let want: Vec<f64> = gi.iter().map(|g| g.iter().sum::<i64>() as f64 / g.len() as f64).collect();
        for (a, b) in m.to_vec().iter().zip(&want) {
            prop_assert!((a.is_nan() && b.is_nan()) || a == b, "mean {} vs {}", a, b);
        }
        let v = var(&vf, axes, 1, c.keepdims).unwrap();
        for (a, g) in v.to_vec().iter().zip(&gf) {
            let n = g.len() as f64;
            let mu = g.iter().sum::<f64>() / n;
            let want = g.iter().map(|x| (x - mu) * (x - mu)).sum::<f64>() / (n - 1.0).max(0.0);
            prop_assert!((a.is_nan() && want.is_nan()) || a == &want
                || (a - want).abs() <= 1e-12 * want.abs().max(1.0), "var {} vs {}", a, want);
        }
        let any_empty = (0..vi.ndim()).any(|a| mask[a] && vi.shape()[a] == 0);
        let mn = min(&vi, axes, c.keepdims);
        let mx = max(&vf, axes, c.keepdims);
        if any_empty {
            prop_assert!(mn.is_err() && mx.is_err());
        } else {
            prop_assert_eq!(mn.unwrap().to_vec(), gi.iter().map(|g| *g.iter().min().unwrap()).collect::<Vec<_>>());
            prop_assert_eq!(mx.unwrap().to_vec(),
                gf.iter().map(|g| g.iter().cloned().fold(f64::NEG_INFINITY, f64::max)).collect::<Vec<_>>());
        }
        let al = all(&vi, axes, c.keepdims).unwrap();
        prop_assert_eq!(al.to_vec(), gi.iter().map(|g| g.iter().all(|&x| x != 0)).collect::<Vec<_>>());
        let an = any(&vf, axes, c.keepdims).unwrap();
        prop_assert_eq!(an.to_vec(), gf.iter().map(|g| g.iter().any(|&x| x != 0.0)).collect::<Vec<_>>());
    }

    /// argmin/argmax (first occurrence) and cumsum along one axis, and flattened.
    #[test]
    fn single_axis_reductions_match_naive_reference(c in case(), pick in proptest::arbitrary::any::<prop::sample::Index>()) {
        let ints = Array::from_vec(c.data.iter().map(|&k| (k % 7) as i32).collect::<Vec<_>>(),
            c.shape.as_slice()).unwrap();
        let v = view_of(&c, &ints);
        if v.ndim() == 0 {
            return Ok(());
        }
        let axis = pick.index(v.ndim());
        let mut mask = vec![false; v.ndim()];
        mask[axis] = true;
        let g = groups(&v, &mask);
        let am = argmin(&v, Some(axis as isize), false);
        let ax = argmax(&v, Some(-(v.ndim() as isize) + axis as isize), true);
        if v.shape()[axis] == 0 {
            prop_assert!(am.is_err() && ax.is_err());
        } else {
            let first = |g: &Vec<i32>, best: i32| g.iter().position(|&x| x == best).unwrap() as i64;
            prop_assert_eq!(am.unwrap().to_vec(),
                g.iter().map(|g| first(g, *g.iter().min().unwrap())).collect::<Vec<_>>());
            prop_assert_eq!(ax.unwrap().to_vec(),
                g.iter().map(|g| first(g, *g.iter().max().unwrap())).collect::<Vec<_>>());
        }
        // cumsum along the axis: the running sums, laid out like the input (C order).
        let cs = cumsum(&v, Some(axis as isize)).unwrap();
        prop_assert_eq!(cs.shape(), v.shape());
        let moved = cs.moveaxis(axis as isize, -1).unwrap().to_vec();
        let want: Vec<i64> = g.iter().flat_map(|g| g.iter().scan(0i64, |s, &x| { *s += x as i64; Some(*s) })).collect();
        prop_assert_eq!(moved, want);
        let flat: Vec<i32> = v.to_vec();
        if flat.is_empty() {
            prop_assert!(argmax(&v, None, false).is_err());
        } else {
            let best = *flat.iter().max().unwrap();
            prop_assert_eq!(argmax(&v, None, false).unwrap().to_vec(),
                vec![flat.iter().position(|&x| x == best).unwrap() as i64]);
        }
    }

    /// Along one axis, a float sum gives the same bits whatever the memory order: the column
    /// walk of a C-order matrix reproduces the contiguous pairwise sum of each column.
    #[test]
    fn single_axis_sums_do_not_depend_on_layout(
        rows in 1usize..700, cols in 1usize..12, seed in proptest::arbitrary::any::<u64>(), axis in 0isize..2,
    ) {
        let mut state = seed | 1;
        let c = Array::from_shape_fn([rows, cols], |_| {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.3
        }).unwrap();
        let f = Array::from_view_in_order(&c.view(), Order::F);
        let a = sum(&c, Some(&[axis]), false).unwrap().to_vec();
        let b = sum(&f, Some(&[axis]), false).unwrap().to_vec();
        prop_assert_eq!(a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                        b.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
        let (m1, s1) = mean_std(&c, Some(&[axis]), 0, false).unwrap();
        let s2 = std(&f, Some(&[axis]), 0, false).unwrap();
        prop_assert_eq!(mean(&f, Some(&[axis]), false).unwrap().to_vec(), m1.to_vec());
        prop_assert_eq!(s1.to_vec(), s2.to_vec());
    }
}
