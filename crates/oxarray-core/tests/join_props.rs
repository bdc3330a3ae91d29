//! Property tests of the shape and selection functions against naive references written with
//! explicit index arithmetic, over random shapes, axes and strided or reversed views.

use oxarray_core::diagonal::diagonal;
use oxarray_core::grids::take_along_axis;
use oxarray_core::join::{concatenate, stack};
use oxarray_core::pad::{PadMode, pad};
use oxarray_core::rearrange::{repeat, roll, rot90, tile};
use oxarray_core::select::{clip, where_};
use oxarray_core::split::{array_split, split};
use oxarray_core::{Array, ArrayView, SliceArg};
use proptest::prelude::*;

/// The base of a view of `shape` with distinct values: C order of `shape`, or of the
/// reversed shape for view 2 (transposed).
fn make(shape: &[usize], view: u8, seed: i64) -> Array<i64> {
    let n: usize = shape.iter().product();
    let data = (0..n as i64).map(|i| i * 3 + seed).collect();
    if view == 2 {
        let rev: Vec<usize> = shape.iter().rev().copied().collect();
        Array::from_vec(data, &rev[..]).unwrap()
    } else {
        Array::from_vec(data, shape).unwrap()
    }
}

/// The view of a base from [`make`]: 0 plain, 1 every axis reversed (negative strides),
/// 2 transposed.
fn viewed(a: &Array<i64>, view: u8) -> ArrayView<'_, i64> {
    match view {
        1 => a
            .view()
            .into_slice(vec![SliceArg::stepped(.., -1); a.ndim()])
            .unwrap(),
        2 => a.t(),
        _ => a.view(),
    }
}

/// The element at multi-index `i` of a view, through `get`.
fn at(v: &ArrayView<'_, i64>, i: &[usize]) -> i64 {
    let idx: Vec<isize> = i.iter().map(|&x| x as isize).collect();
    *v.get(&idx).unwrap()
}

fn all_indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out
            .into_iter()
            .flat_map(|p| {
                (0..n).map(move |i| {
                    let mut q = p.clone();
                    q.push(i);
                    q
                })
            })
            .collect();
    }
    out
}

fn shape_strategy() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..4, 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn concatenate_matches_index_arithmetic(
        shape in shape_strategy(), lens in prop::collection::vec(0usize..4, 1..4),
        axis_pick in 0usize..3, view in 0u8..3, neg in any::<bool>(),
    ) {
        let axis = axis_pick % shape.len();
        let bases: Vec<Array<i64>> = lens.iter().enumerate().map(|(k, &l)| {
            let mut s = shape.clone();
            s[axis] = l;
            make(&s, view, 100 * k as i64)
        }).collect();
        let views: Vec<ArrayView<'_, i64>> = bases.iter().map(|b| viewed(b, view)).collect();
        let ax = if neg { axis as isize - shape.len() as isize } else { axis as isize };
        let got = concatenate(&views, Some(ax)).unwrap();
        let mut expect_shape = shape.clone();
        expect_shape[axis] = lens.iter().sum();
        prop_assert_eq!(got.shape(), &expect_shape[..]);
        for i in all_indices(&expect_shape) {
            let (mut k, mut pos) = (0, i[axis]);
            while pos >= lens[k] { pos -= lens[k]; k += 1; }
            let mut j = i.clone();
            j[axis] = pos;
            prop_assert_eq!(at(&got.view(), &i), at(&views[k], &j));
        }
        // stack = concatenate of expanded views, and split undoes concatenate.
        let parts = array_split(&got, lens.len(), ax).unwrap();
        prop_assert_eq!(parts.len(), lens.len());
        let back = concatenate(&parts, Some(ax)).unwrap();
        prop_assert_eq!(&back, &got);
        let same: Vec<ArrayView<'_, i64>> = vec![views[0].clone(); 3];
        let st = stack(&same, -1).unwrap();
        for i in all_indices(st.shape()) {
            prop_assert_eq!(at(&st.view(), &i), at(&views[0], &i[..i.len() - 1]));
        }
    }

    #[test]
    fn split_pieces_are_views_in_order(len in 0usize..12, n in 1usize..5, view in 0u8..2) {
        let base = make(&[len, 2], view, 0);
        let v = viewed(&base, view);
        match split(&v, n, 0) {
            Ok(parts) => {
                prop_assert_eq!(len % n, 0);
                let flat: Vec<i64> = parts.iter().flat_map(|p| p.to_vec()).collect();
                prop_assert_eq!(flat, v.to_vec());
            }
            Err(_) => prop_assert_ne!(len % n, 0),
        }
    }

    #[test]
    fn tile_repeat_roll_match_index_maps(
        shape in prop::collection::vec(1usize..4, 1..4), reps in prop::collection::vec(0usize..3, 1..4),
        r in 0usize..3, shift in -7isize..7, view in 0u8..3,
    ) {
        let base = make(&shape, view, 1);
        let v = viewed(&base, view);
        let t = tile(&v, &reps).unwrap();
        let d = shape.len().max(reps.len());
        let mut s = vec![1usize; d - shape.len()];
        s.extend_from_slice(&shape);
        for i in all_indices(t.shape()) {
            let j: Vec<usize> = i.iter().zip(&s).map(|(&x, &n)| x % n).skip(d - shape.len()).collect();
            prop_assert_eq!(at(&t.view(), &i), at(&v, &j));
        }
        let rp = repeat(&v, r, Some(0)).unwrap();
        for i in all_indices(rp.shape()) {
            let mut j = i.clone();
            j[0] = i[0] / r.max(1);
            prop_assert_eq!(at(&rp.view(), &i), at(&v, &j));
        }
        let flat_rp = repeat(&v, r, None).unwrap().to_vec();
        let naive: Vec<i64> = v.iter().flat_map(|&x| std::iter::repeat_n(x, r)).collect();
        prop_assert_eq!(flat_rp, naive);
        let last = shape.len() as isize - 1;
        let rl = roll(&v, &[shift], Some(&[last])).unwrap();
        let n = *shape.last().unwrap() as isize;
        for i in all_indices(rl.shape()) {
            let mut j = i.clone();
            let l = j.len() - 1;
            j[l] = (i[l] as isize - shift).rem_euclid(n) as usize;
            prop_assert_eq!(at(&rl.view(), &i), at(&v, &j));
        }
        let back = roll(&rl, &[-shift], Some(&[last])).unwrap();
        prop_assert_eq!(back.to_vec(), v.to_vec());
    }

    #[test]
    fn rot90_four_times_is_identity(shape in prop::collection::vec(0usize..4, 2..4), k in -3isize..5) {
        let base = make(&shape, 0, 0);
        let once = rot90(&base, k, [0, 1]).unwrap().to_owned();
        let back = rot90(&once, 4 - k.rem_euclid(4), [0, 1]).unwrap().to_owned();
        prop_assert_eq!(back, base);
    }

    #[test]
    fn pad_keeps_the_centre_and_reads_boundaries(
        shape in prop::collection::vec(1usize..4, 1..3), w in prop::collection::vec(0i64..5, 2),
        mode in 0u8..5, view in 0u8..3,
    ) {
        let base = make(&shape, view, 2);
        let v = viewed(&base, view);
        let width = Array::from_vec(w.clone(), [2]).unwrap();
        let m = match mode {
            0 => PadMode::constant(-1),
            1 => PadMode::Edge,
            2 => PadMode::Wrap,
            3 => PadMode::Reflect,
            _ => PadMode::Symmetric,
        };
        let p = pad(&v, &width, m).unwrap();
        let (b, a) = (w[0] as usize, w[1] as usize);
        for i in all_indices(p.shape()) {
            let inside = i.iter().zip(&shape).all(|(&x, &n)| x >= b && x < b + n);
            let got = at(&p.view(), &i);
            if inside {
                let j: Vec<usize> = i.iter().map(|&x| x - b).collect();
                prop_assert_eq!(got, at(&v, &j));
            } else if mode == 0 {
                prop_assert_eq!(got, -1);
            } else if mode == 1 {
                let j: Vec<usize> = i.iter().zip(&shape).map(|(&x, &n)| (x as isize - b as isize).clamp(0, n as isize - 1) as usize).collect();
                prop_assert_eq!(got, at(&v, &j));
            } else if mode == 2 {
                let j: Vec<usize> = i.iter().zip(&shape).map(|(&x, &n)| (x as isize - b as isize).rem_euclid(n as isize) as usize).collect();
                prop_assert_eq!(got, at(&v, &j));
            }
        }
        let total: Vec<usize> = shape.iter().map(|&n| n + a + b).collect();
        prop_assert_eq!(p.shape(), &total[..]);
    }

    #[test]
    fn where_and_clip_match_elementwise_loops(
        rows in 0usize..5, cols in 1usize..5, bcast in any::<bool>(), view in 0u8..3,
        lo in -5i64..30, hi in -5i64..30,
    ) {
        let x = make(&[rows, cols], view, 0);
        let xv = viewed(&x, view);
        let ys = if bcast { vec![cols] } else { vec![rows, cols] };
        let y = make(&ys, 0, -50);
        let cond = xv.map(|v| v % 2 == 0);
        let w = where_(&cond, &xv, &y).unwrap();
        let yb = y.view().into_broadcast_to([rows, cols]).unwrap();
        for i in all_indices(&[rows, cols]) {
            let c = at(&xv, &i) % 2 == 0;
            let expect = if c { at(&xv, &i) } else { at(&yb, &i) };
            prop_assert_eq!(at(&w.view(), &i), expect);
        }
        let c = clip(&xv, Some(&lo), Some(&hi)).unwrap();
        let naive: Vec<i64> = xv.iter().map(|&v| v.max(lo).min(hi)).collect();
        prop_assert_eq!(c.to_vec(), naive);
    }

    #[test]
    fn diagonal_and_take_along_axis_match_loops(
        n1 in 0usize..5, n2 in 0usize..5, offset in -5isize..5, view in 0u8..3,
        picks in prop::collection::vec(0usize..100, 1..4),
    ) {
        let base = make(&[n1, n2], view, 0);
        let v = viewed(&base, view);
        let d = diagonal(&v, offset, 0, 1).unwrap();
        let naive: Vec<i64> = (0..n1 as isize)
            .filter_map(|i| {
                let j = i + offset;
                (j >= 0 && (j as usize) < n2).then(|| at(&v, &[i as usize, j as usize]))
            })
            .collect();
        prop_assert_eq!(d.to_vec(), naive);
        if n2 > 0 {
            let idx: Vec<i64> = (0..n1).flat_map(|_| picks.iter().map(|&p| (p % n2) as i64)).collect();
            let idx = Array::from_vec(idx, [n1, picks.len()]).unwrap();
            let t = take_along_axis(&v, &idx, Some(1)).unwrap();
            for i in all_indices(t.shape()) {
                let j = [i[0], picks[i[1]] % n2];
                prop_assert_eq!(at(&t.view(), &i), at(&v, &j));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// `out=` into strided and reversed views of a larger array writes exactly the new
    /// results there and nothing elsewhere.
    #[test]
    fn where_into_and_clip_into_strided_outputs(rows in 1usize..5, cols in 1usize..5, lo in 0i64..20) {
        use oxarray_core::select::{clip_into, where_into};
        let x = make(&[rows, cols], 0, 0);
        let cond = x.view().map(|v| v % 3 == 0);
        let expect_w = where_(&cond, &x, -1).unwrap();
        let expect_c = clip(&x, Some(&lo), None).unwrap();
        let mut big = Array::<i64>::full([rows, 2 * cols], 7).unwrap();
        {
            let mut out = big.slice_mut(oxarray_core::s![.., ..;-2]).unwrap();
            where_into(&cond, &x, -1, &mut out).unwrap();
            prop_assert_eq!(out.to_vec(), expect_w.to_vec());
        }
        for i in all_indices(&[rows, 2 * cols]) {
            if i[1] % 2 == 0 {
                prop_assert_eq!(at(&big.view(), &i), 7);
            }
        }
        {
            let mut out = big.slice_mut(oxarray_core::s![.., 1..;2]).unwrap();
            let twice_flipped = x.view().into_flip(Some(&[1])).unwrap().into_flip(Some(&[1])).unwrap();
            clip_into(twice_flipped, Some(&lo), None, &mut out).unwrap();
            prop_assert_eq!(out.to_vec(), expect_c.to_vec());
        }
    }
}
