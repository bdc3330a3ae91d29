//! gemm-style sweep: awkward shapes x memory layouts x dtypes against a naive triple loop,
//! for `matmul`, `matmul_into` and batched (stacked, broadcast) products.

mod common;

use common::{KINDS, Kind, Rng, Strided, TestScalar, assert_close, naive_matmul, random};
use oxarray_core::slice::SliceArg;
use oxarray_core::{Array, ArrayView, Complex32, Complex64, Order, bf16, f16, s};
use oxarray_linalg::{matmul, matmul_into};

const AWKWARD: [usize; 6] = [0, 1, 2, 63, 64, 65];
const LARGE: [(usize, usize, usize); 6] = [
    (257, 64, 65),
    (65, 257, 63),
    (63, 65, 257),
    (257, 257, 2),
    (2, 257, 257),
    (257, 1, 257),
];

fn all_small_shapes() -> Vec<(usize, usize, usize)> {
    let mut v = Vec::new();
    for &m in &AWKWARD {
        for &k in &AWKWARD {
            for &n in &AWKWARD {
                v.push((m, k, n));
            }
        }
    }
    v
}

fn sweep<T: TestScalar>(shapes: &[(usize, usize, usize)], pairs: &[(Kind, Kind)], seed: u64) {
    let mut rng = Rng::new(seed);
    for &(m, k, n) in shapes {
        for &(ka, kb) in pairs {
            let a = Strided::<T>::new(m, k, ka, &mut rng);
            let b = Strided::<T>::new(k, n, kb, &mut rng);
            let (av, bv) = (a.view(), b.view());
            let got = matmul(&av, &bv).unwrap();
            assert_eq!(got.shape(), &[m, n]);
            let context = format!("{:?} ({m}x{k} {ka:?}) @ ({k}x{n} {kb:?})", T::DTYPE);
            assert_close(&got.view(), &naive_matmul(&av, &bv), k, 1.0, &context);
        }
    }
}

fn all_pairs() -> Vec<(Kind, Kind)> {
    KINDS
        .iter()
        .flat_map(|&a| KINDS.iter().map(move |&b| (a, b)))
        .collect()
}

fn some_pairs() -> Vec<(Kind, Kind)> {
    let mut v: Vec<(Kind, Kind)> = KINDS.iter().map(|&k| (k, k)).collect();
    v.extend([
        (Kind::C, Kind::F),
        (Kind::F, Kind::Transposed),
        (Kind::Stepped, Kind::Reversed),
    ]);
    v
}

const LARGE_PAIRS: [(Kind, Kind); 2] = [(Kind::C, Kind::C), (Kind::Transposed, Kind::Reversed)];

#[test]
fn f64_every_layout_pair() {
    sweep::<f64>(&all_small_shapes(), &all_pairs(), 1);
    sweep::<f64>(&LARGE, &all_pairs(), 2);
}

#[test]
fn f32_layouts() {
    sweep::<f32>(&all_small_shapes(), &some_pairs(), 3);
    sweep::<f32>(&LARGE, &LARGE_PAIRS, 4);
}

#[test]
fn complex_layouts() {
    sweep::<Complex32>(&all_small_shapes(), &some_pairs(), 5);
    sweep::<Complex64>(&all_small_shapes(), &some_pairs(), 6);
    sweep::<Complex32>(&LARGE, &LARGE_PAIRS, 7);
    sweep::<Complex64>(&LARGE, &LARGE_PAIRS, 8);
}

#[test]
fn integer_layouts() {
    sweep::<i32>(&all_small_shapes(), &some_pairs(), 9);
    sweep::<i64>(&all_small_shapes(), &some_pairs(), 10);
    sweep::<i32>(&LARGE, &LARGE_PAIRS, 11);
    sweep::<i64>(&LARGE, &LARGE_PAIRS, 12);
}

#[test]
fn narrow_and_half_types() {
    let shapes: Vec<_> = all_small_shapes()
        .into_iter()
        .filter(|&(m, k, n)| m * k * n <= 65 * 65 * 2 || m == 63)
        .collect();
    let pairs = [
        (Kind::C, Kind::C),
        (Kind::F, Kind::Reversed),
        (Kind::Stepped, Kind::Transposed),
    ];
    sweep::<f16>(&shapes, &pairs, 13);
    sweep::<bf16>(&shapes, &pairs, 14);
    sweep::<bool>(&shapes, &pairs, 15);
    sweep::<i8>(&shapes, &pairs, 16); // wraps around, as NumPy's int8 does
    sweep::<u16>(&shapes, &pairs, 17);
}

/// A writable `m x n` destination of `kind`, its elements poisoned with ones.
fn destination<T: TestScalar>(m: usize, n: usize, kind: Kind) -> Array<T> {
    match kind {
        Kind::C | Kind::Reversed => Array::full([m, n], T::one()).unwrap(),
        Kind::F => Array::full_order([m, n], T::one(), Order::F).unwrap(),
        Kind::Transposed => Array::full([n, m], T::one()).unwrap(),
        Kind::Stepped => Array::full([2 * m, 2 * n], T::one()).unwrap(),
    }
}

fn check_into<T: TestScalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for &(m, k, n) in &[
        (0, 3, 2),
        (3, 0, 2),
        (1, 1, 1),
        (5, 7, 3),
        (65, 63, 64),
        (8, 8, 8),
        (2, 300, 3),
    ] {
        for kind in KINDS {
            let a = Strided::<T>::new(m, k, Kind::C, &mut rng);
            let b = Strided::<T>::new(k, n, Kind::F, &mut rng);
            let mut dest = destination::<T>(m, n, kind);
            {
                let mut view = match kind {
                    Kind::C | Kind::F => dest.view_mut(),
                    Kind::Transposed => dest.view_mut().into_t(),
                    Kind::Stepped => dest.slice_mut(s![..;2, ..;2]).unwrap(),
                    Kind::Reversed => dest.slice_mut(s![..;-1, ..;-1]).unwrap(),
                };
                matmul_into(&a.view(), &b.view(), &mut view).unwrap();
                let context = format!("matmul_into {:?} {m}x{k}x{n} out {kind:?}", T::DTYPE);
                assert_close(
                    &view.view(),
                    &naive_matmul(&a.view(), &b.view()),
                    k,
                    1.0,
                    &context,
                );
            }
            if kind == Kind::Stepped && m > 0 && n > 0 {
                // The elements between the written ones are untouched.
                assert_eq!(dest.get(&[1, 1]).copied().unwrap(), T::one());
            }
        }
    }
}

#[test]
fn matmul_into_any_destination_layout() {
    check_into::<f64>(20);
    check_into::<f32>(21);
    check_into::<i64>(22);
    check_into::<Complex64>(23);
}

/// NumPy's matmul by definition: promote 1-D operands, broadcast the batch axes, multiply
/// each pair of matrices by the triple loop.
fn naive_stacked<T: TestScalar>(
    a: &ArrayView<'_, T>,
    b: &ArrayView<'_, T>,
) -> (Vec<usize>, Vec<Complex64>) {
    let a2 = if a.ndim() == 1 {
        a.clone().into_expand_dims(&[0]).unwrap()
    } else {
        a.clone()
    };
    let b2 = if b.ndim() == 1 {
        b.clone().into_expand_dims(&[1]).unwrap()
    } else {
        b.clone()
    };
    let (an, bn) = (a2.ndim(), b2.ndim());
    let batch =
        oxarray_core::broadcast_shapes(&[&a2.shape()[..an - 2], &b2.shape()[..bn - 2]]).unwrap();
    let (m, k, n) = (a2.shape()[an - 2], a2.shape()[an - 1], b2.shape()[bn - 1]);
    let a_full: Vec<usize> = batch.iter().copied().chain([m, k]).collect();
    let b_full: Vec<usize> = batch.iter().copied().chain([k, n]).collect();
    let (ab, bb) = (
        a2.broadcast_to(&a_full[..]).unwrap(),
        b2.broadcast_to(&b_full[..]).unwrap(),
    );
    let items: usize = batch.iter().product();
    let mut out = Vec::new();
    for item in 0..items {
        let idx = oxarray_core::iter::unravel(item, &batch);
        let mut sa: Vec<SliceArg> = idx.iter().map(|&i| SliceArg::Index(i as isize)).collect();
        sa.extend([SliceArg::from(..), SliceArg::from(..)]);
        let (ma, mb) = (ab.slice(&sa[..]).unwrap(), bb.slice(&sa[..]).unwrap());
        out.extend(naive_matmul(&ma, &mb));
    }
    let mut shape = batch.clone();
    if a.ndim() > 1 {
        shape.push(m);
    }
    if b.ndim() > 1 {
        shape.push(n);
    }
    (shape, out)
}

fn check_stacked<T: TestScalar>(a: &ArrayView<'_, T>, b: &ArrayView<'_, T>) {
    let got = matmul(a, b).unwrap();
    let (shape, expected) = naive_stacked(a, b);
    assert_eq!(got.shape(), &shape[..], "{:?} @ {:?}", a.shape(), b.shape());
    let k = *a.shape().last().unwrap();
    assert_close(
        &got.view(),
        &expected,
        k,
        1.0,
        &format!("{:?} @ {:?}", a.shape(), b.shape()),
    );
}

fn stacked_cases<T: TestScalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let pairs: &[(&[usize], &[usize])] = &[
        (&[3], &[3]),
        (&[3], &[3, 4]),
        (&[4, 3], &[3]),
        (&[2, 5, 3], &[3]),
        (&[3], &[2, 3, 5]),
        (&[2, 1, 3, 4], &[5, 4, 2]),
        (&[1, 3, 4], &[4, 5]),
        (&[6, 8, 8], &[6, 8, 8]),
        (&[300, 8, 8], &[8, 8]),
        (&[4, 16, 16], &[1, 16, 16]),
        (&[3, 17, 20], &[3, 20, 18]),
        (&[2, 0, 3], &[2, 3, 4]),
        (&[0, 3, 3], &[3, 3]),
        (&[2, 3, 0], &[2, 0, 4]),
        (&[1000, 2, 3], &[1000, 3, 2]),
        (&[2, 70, 80], &[80, 90]),
        // Tall and narrow: several 256-row blocks of the panel kernel per batch item.
        (&[3, 600, 7], &[3, 7, 5]),
        // Narrow outputs with long rows: the dot kernel, per batch item and broadcast.
        (&[3, 70, 40], &[3, 40, 3]),
        (&[4, 50, 64], &[64, 2]),
        (&[2, 3, 100], &[2, 100, 90]),
    ];
    for &(sa, sb) in pairs {
        let a = random::<T>(sa, &mut rng);
        let b = random::<T>(sb, &mut rng);
        check_stacked(&a.view(), &b.view());
        // Reversed batch axis and transposed matrices of the same values.
        if sa.len() >= 3 && sb.len() >= 3 {
            let ra = a.slice(s![..;-1, .., ..]).unwrap();
            let tb_base = random::<T>(&[sb[0], sb[2], sb[1]], &mut rng);
            let tb = tb_base.swapaxes(-1, -2).unwrap();
            check_stacked(&ra, &tb);
        }
    }
    // A batch of 8x8 matrices taken with a step, from a larger F-ordered array.
    let big = Array::from_view_in_order(&random::<T>(&[40, 9, 10], &mut rng).view(), Order::F);
    let stepped = big.slice(s![..;2, 1.., ..8]).unwrap();
    let other = random::<T>(&[20, 8, 8], &mut rng);
    check_stacked(&stepped, &other.view());
    check_stacked(&other.view(), &stepped.swapaxes(1, 2).unwrap());
}

#[test]
fn stacked_and_broadcast_products() {
    stacked_cases::<f64>(30);
    stacked_cases::<f32>(31);
    stacked_cases::<Complex64>(32);
    stacked_cases::<i64>(33);
    stacked_cases::<i32>(34);
    stacked_cases::<f16>(35);
}
