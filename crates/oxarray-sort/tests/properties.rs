//! Property tests against naive references: sort/argsort stability and order, unique and
//! its inverse round trip, partition invariants, searchsorted against a linear scan; and the
//! errors of bad arguments.

use std::cmp::Ordering;

use oxarray_core::{Array, s};
use oxarray_sort::stats::{self, Bins, QuantileMethod};
use oxarray_sort::{Error, Side, SortElement, SortKind, UniqueOptions};
use proptest::prelude::*;

/// Floats with many ties, zeros of both signs, infinities and NaNs.
fn messy_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (-5i32..5).prop_map(f64::from),
        1 => Just(f64::NAN),
        1 => Just(-0.0),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        2 => any::<f64>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn argsort_is_the_stable_order(v in prop::collection::vec(messy_f64(), 0..600)) {
        let n = v.len();
        let a = Array::from_vec(v.clone(), [n]).unwrap();
        let mut naive: Vec<usize> = (0..n).collect();
        naive.sort_by(|&i, &j| f64::np_cmp(v[i], v[j]));
        let got = oxarray_sort::argsort(&a, Some(-1), SortKind::Stable).unwrap();
        prop_assert_eq!(got.to_vec(), naive.iter().map(|&i| i as i64).collect::<Vec<_>>());
        // The values keep their own bits (zero signs, NaN payloads) in stable order.
        let sorted = oxarray_sort::sort(&a, None, SortKind::Stable).unwrap();
        let expect: Vec<u64> = naive.iter().map(|&i| v[i].to_bits()).collect();
        prop_assert_eq!(sorted.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), expect);
    }

    #[test]
    fn sort_rows_of_views(rows in 1usize..6, cols in 1usize..300, seed in any::<u64>()) {
        let mut s = seed;
        let data: Vec<i32> = (0..rows * cols).map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((s >> 40) % 50) as i32 - 25
        }).collect();
        let m = Array::from_vec(data, [rows, cols]).unwrap();
        let v = m.slice(s![..;-1, ..]).unwrap().into_t();
        let got = oxarray_sort::sort(&v, Some(0), SortKind::default()).unwrap();
        let got_t = got.t().to_owned();
        // v[j, i] = m[rows - 1 - i, j]: sorting v's columns sorts m's rows, reversed.
        for (i, row) in got_t.to_vec().chunks(cols).enumerate() {
            let mut want: Vec<i32> = (0..cols).map(|j| m[[rows - 1 - i, j]]).collect();
            want.sort();
            prop_assert_eq!(row, &want[..]);
        }
    }

    #[test]
    fn unique_round_trips(v in prop::collection::vec(-20i64..20, 0..400)) {
        let n = v.len();
        let a = Array::from_vec(v.clone(), [n]).unwrap();
        let o = UniqueOptions { return_index: true, return_inverse: true, return_counts: true, ..Default::default() };
        let u = oxarray_sort::unique(&a, o).unwrap();
        let values = u.values.to_vec();
        let inv = u.inverse.unwrap().to_vec();
        let idx = u.index.unwrap().to_vec();
        let counts = u.counts.unwrap().to_vec();
        let mut naive = v.clone();
        naive.sort();
        naive.dedup();
        prop_assert_eq!(&values, &naive);
        prop_assert_eq!(inv.iter().map(|&i| values[i as usize]).collect::<Vec<_>>(), v.clone());
        for (k, &x) in values.iter().enumerate() {
            prop_assert_eq!(idx[k] as usize, v.iter().position(|&y| y == x).unwrap());
            prop_assert_eq!(counts[k] as usize, v.iter().filter(|&&y| y == x).count());
        }
    }

    #[test]
    fn partition_invariants(v in prop::collection::vec(messy_f64(), 1..300), k in any::<prop::sample::Index>()) {
        let n = v.len();
        let k = k.index(n) as isize;
        let a = Array::from_vec(v.clone(), [n]).unwrap();
        let p = oxarray_sort::partition(&a, &[k, -1], Some(0)).unwrap().to_vec();
        let mut sorted = v.clone();
        sorted.sort_by(|&x, &y| f64::np_cmp(x, y));
        let k = k as usize;
        prop_assert_eq!(f64::np_cmp(p[k], sorted[k]), Ordering::Equal);
        prop_assert!(p[..k].iter().all(|&x| !f64::np_lt(p[k], x)));
        prop_assert!(p[k..].iter().all(|&x| !f64::np_lt(x, p[k])));
        let ip = oxarray_sort::argpartition(&a, &[k as isize], None).unwrap().to_vec();
        prop_assert_eq!(f64::np_cmp(v[ip[k] as usize], sorted[k]), Ordering::Equal);
    }

    #[test]
    fn searchsorted_matches_a_scan(mut v in prop::collection::vec(messy_f64(), 0..100), x in prop::collection::vec(messy_f64(), 1..20)) {
        v.sort_by(|&p, &q| f64::np_cmp(p, q));
        let n = v.len();
        let a = Array::from_vec(v.clone(), [n]).unwrap();
        let xs = Array::from_vec(x.clone(), [x.len()]).unwrap();
        let left = oxarray_sort::searchsorted(&a, &xs, Side::Left, None).unwrap().to_vec();
        let right = oxarray_sort::searchsorted(&a, &xs, Side::Right, None).unwrap().to_vec();
        for (j, &q) in x.iter().enumerate() {
            prop_assert_eq!(left[j] as usize, v.iter().filter(|&&y| f64::np_lt(y, q)).count());
            prop_assert_eq!(right[j] as usize, v.iter().filter(|&&y| !f64::np_lt(q, y)).count());
        }
    }
}

#[test]
fn large_inputs_take_the_parallel_radix_paths() {
    // Above the parallel threshold and the cache-sized leaves; keys over many binades.
    let n = 1_500_000;
    let mut s = 5u64;
    let v: Vec<f64> = (0..n)
        .map(|i| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = ((s >> 11) as f64 / (1u64 << 53) as f64).powi(3) * 1e6 - 3e5;
            if i % 1000 == 0 {
                f64::NAN
            } else if i % 777 == 0 {
                -0.0
            } else {
                x
            }
        })
        .collect();
    let a = Array::from_vec(v.clone(), [n]).unwrap();
    let got = oxarray_sort::sort(&a, None, SortKind::default())
        .unwrap()
        .to_vec();
    let mut naive = v.clone();
    naive.sort_by(|&x, &y| f64::np_cmp(x, y));
    assert!(
        got.iter()
            .zip(&naive)
            .all(|(g, e)| g.to_bits() == e.to_bits())
    );
    let idx = oxarray_sort::argsort(&a, None, SortKind::Stable)
        .unwrap()
        .to_vec();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| f64::np_cmp(v[i], v[j]));
    assert!(idx.iter().zip(&order).all(|(&g, &e)| g as usize == e));
    let m = stats::median(&a, None, false).unwrap().to_vec()[0];
    assert!(m.is_nan());
    // Radix selection (NaN-free lanes above its threshold, skewed keys, odd and even n).
    for len in [n, n - 1, 9_999] {
        let clean: Vec<f64> = v[..len]
            .iter()
            .map(|&x| if x.is_nan() { 1.5 } else { x })
            .collect();
        let mut s = clean.clone();
        s.sort_by(|&x, &y| f64::np_cmp(x, y));
        let want = if len % 2 == 1 {
            s[len / 2]
        } else {
            (s[len / 2 - 1] + s[len / 2]) / 2.0
        };
        let ca = Array::from_vec(clean, [len]).unwrap();
        assert_eq!(stats::median(&ca, None, false).unwrap().to_vec()[0], want);
        let ints: Vec<i64> = s.iter().rev().map(|&x| x as i64).collect();
        let mut si = ints.clone();
        si.sort_unstable();
        let wi = if len % 2 == 1 {
            si[len / 2] as f64
        } else {
            (si[len / 2 - 1] as f64 + si[len / 2] as f64) / 2.0
        };
        let ia = Array::from_vec(ints, [len]).unwrap();
        assert_eq!(stats::median(&ia, Some(0), false).unwrap().to_vec()[0], wi);
    }
    let ints: Vec<i64> = v
        .iter()
        .map(|&x| if x.is_nan() { 7 } else { x as i64 % 1000 })
        .collect();
    let ia = Array::from_vec(ints.clone(), [n]).unwrap();
    let u = oxarray_sort::unique(
        &ia,
        UniqueOptions {
            return_counts: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(u.counts.unwrap().iter().sum::<i64>(), n as i64);
    let mut si = ints;
    si.sort_unstable();
    si.dedup();
    assert_eq!(u.values.to_vec(), si);
}

#[test]
fn bad_arguments_are_errors_naming_them() {
    let a = Array::from_vec(vec![3.0, 1.0, 2.0, 0.0], [2, 2]).unwrap();
    let axis = oxarray_sort::sort(&a, Some(2), SortKind::default()).unwrap_err();
    assert!(matches!(
        axis,
        Error::Core(oxarray_core::Error::AxisOutOfBounds { axis: 2, ndim: 2 })
    ));
    assert!(matches!(
        oxarray_sort::argsort(&a, Some(-3), SortKind::default()),
        Err(Error::Core(oxarray_core::Error::AxisOutOfBounds {
            axis: -3,
            ..
        }))
    ));
    assert_eq!(
        oxarray_sort::partition(&a, &[2], Some(-1)).unwrap_err(),
        Error::KthOutOfBounds { kth: 2, len: 2 }
    );
    assert!(matches!(
        oxarray_sort::argpartition(&a, &[-3], Some(0)),
        Err(Error::KthOutOfBounds { kth: -3, len: 2 })
    ));
    assert!(matches!(
        oxarray_sort::searchsorted(&a, 1.0, Side::Left, None),
        Err(Error::WrongNdim { argument: "a", .. })
    ));
    let flat = Array::from_vec(vec![1.0, 2.0], [2]).unwrap();
    let sorter = Array::from_vec(vec![0i64], [1]).unwrap();
    assert!(matches!(
        oxarray_sort::searchsorted(&flat, 1.0, Side::Left, Some(&sorter.view())),
        Err(Error::ShapeMismatch {
            argument: "sorter",
            ..
        })
    ));
    let bad = Array::from_vec(vec![0i64, 5], [2]).unwrap();
    assert!(matches!(
        oxarray_sort::searchsorted(&flat, 1.0, Side::Left, Some(&bad.view())),
        Err(Error::IndexOutOfBounds { index: 5, .. })
    ));
    let k2 = Array::from_vec(vec![1.0, 2.0, 3.0], [3]).unwrap();
    assert!(matches!(
        oxarray_sort::lexsort(&[flat.view(), k2.view()], Some(-1)),
        Err(Error::ShapeMismatch {
            argument: "keys",
            ..
        })
    ));
    assert!(matches!(
        stats::histogram(&flat, Bins::Count(0), None, None, false),
        Err(Error::InvalidArgument {
            argument: "bins",
            ..
        })
    ));
    assert!(matches!(
        stats::histogram(&flat, Bins::Edges(vec![1.0, 0.0]), None, None, false),
        Err(Error::InvalidArgument {
            argument: "bins",
            ..
        })
    ));
    assert!(matches!(
        stats::histogram(&flat, Bins::Count(3), Some((2.0, 1.0)), None, false),
        Err(Error::InvalidArgument {
            argument: "range",
            ..
        })
    ));
    let nan = Array::from_vec(vec![f64::NAN, 1.0], [2]).unwrap();
    assert!(stats::histogram(&nan, Bins::Count(3), None, None, false).is_err());
    assert!(matches!(
        stats::quantile(&flat, 1.5, None, QuantileMethod::Linear, false),
        Err(Error::InvalidArgument { argument: "q", .. })
    ));
    assert!("bogus".parse::<QuantileMethod>().is_err());
    assert!("x".parse::<SortKind>().is_err());
    assert!(matches!(
        stats::bincount(&Array::from_vec(vec![1i64, -2], [2]).unwrap(), None, 0),
        Err(Error::InvalidArgument { argument: "x", .. })
    ));
    let nonmono = Array::from_vec(vec![0.0, 2.0, 1.0], [3]).unwrap();
    assert!(matches!(
        stats::digitize(&flat, &nonmono, false),
        Err(Error::InvalidArgument {
            argument: "bins",
            ..
        })
    ));
    assert!(stats::median(&Array::<f64>::from_scalar(1.0), Some(0), false).is_err());
    assert!(stats::diff(&Array::<i64>::from_scalar(1), 1, -1, None, None).is_err());
    // Empty and 0-d inputs.
    let empty = Array::<f64>::zeros([0, 3]).unwrap();
    assert_eq!(
        oxarray_sort::sort(&empty, Some(0), SortKind::default())
            .unwrap()
            .shape(),
        &[0, 3]
    );
    assert_eq!(
        oxarray_sort::argsort(&empty, None, SortKind::default())
            .unwrap()
            .shape(),
        &[0]
    );
    let m = stats::median(&empty, Some(0), false).unwrap();
    assert_eq!(m.shape(), &[3]);
    assert!(m.iter().all(|x| x.is_nan()));
    let zero_d = Array::<i64>::from_scalar(4);
    assert_eq!(
        oxarray_sort::sort(&zero_d, None, SortKind::default())
            .unwrap()
            .to_vec(),
        vec![4]
    );
    assert_eq!(
        stats::median(&zero_d, None, false).unwrap().to_vec(),
        vec![4.0]
    );
}
