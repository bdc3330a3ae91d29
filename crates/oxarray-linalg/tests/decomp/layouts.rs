//! Operands in every layout (C, F, transposed, stepped, reversed, broadcast) give the results
//! of their C-contiguous copies: the drivers read through the views' own strides.

use oxarray_core::{Array, ArrayView, Complex64, Order, s};
use oxarray_linalg::*;

use crate::common::{KINDS, Kind, Rng};
use crate::dense::Dense;

/// `m` stored with `kind`'s layout: the owning array (the view is taken by [`view`]).
fn stored(m: &Array<Complex64>, kind: Kind) -> Array<Complex64> {
    let (r, c) = (m.shape()[0], m.shape()[1]);
    match kind {
        Kind::C => m.clone(),
        Kind::F => Array::from_view_in_order(&m.view(), Order::F),
        Kind::Transposed => m.t().to_owned(),
        Kind::Stepped => {
            let mut big = Array::<Complex64>::zeros([2 * r, 2 * c]).unwrap();
            big.slice_mut(s![..;2, ..;2]).unwrap().assign(m).unwrap();
            big
        }
        Kind::Reversed => m.slice(s![..;-1, ..;-1]).unwrap().to_owned(),
    }
}

fn view(base: &Array<Complex64>, kind: Kind) -> ArrayView<'_, Complex64> {
    match kind {
        Kind::C | Kind::F => base.view(),
        Kind::Transposed => base.t(),
        Kind::Stepped => base.slice(s![..;2, ..;2]).unwrap(),
        Kind::Reversed => base.slice(s![..;-1, ..;-1]).unwrap(),
    }
}

fn close(a: &[Complex64], b: &[Complex64], what: &str, kind: Kind) {
    assert_eq!(a.len(), b.len(), "{what} ({kind:?})");
    for (x, y) in a.iter().zip(b) {
        assert!(
            (x - y).norm() <= 1e-11 * (1.0 + y.norm()),
            "{what} ({kind:?}): {x} vs {y}"
        );
    }
}

fn reals(a: &Array<f64>) -> Vec<Complex64> {
    a.iter().map(|&v| Complex64::new(v, 0.0)).collect()
}

#[test]
fn every_layout_gives_the_contiguous_result() {
    let mut rng = Rng::new(11);
    // n = 6 takes the small-matrix kernels, n = 40 faer's blocked ones
    for n in [6, 40] {
        let a = Dense::conditioned(n, n, 50.0, n, true, &mut rng).to_array::<Complex64>();
        let g = Dense::random(n, n, true, &mut rng);
        let spd = (&g * &g.adjoint())
            .shifted(n as f64)
            .to_array::<Complex64>();
        let b = Dense::random(n, 3, true, &mut rng).to_array::<Complex64>();
        let tall = Dense::random(n + 3, n, true, &mut rng).to_array::<Complex64>();
        let reference = (
            solve(&a, &b).unwrap().to_vec(),
            inv(&a).unwrap().to_vec(),
            det(&a).unwrap().to_vec(),
            cholesky(&spd, false).unwrap().to_vec(),
            cholesky(&spd, true).unwrap().to_vec(),
            eigvalsh(&spd, Uplo::Upper).unwrap(),
            svdvals(&tall).unwrap(),
            qr(&tall, QrMode::Reduced)
                .unwrap()
                .into_qr()
                .unwrap()
                .1
                .to_vec(),
            lstsq(&tall, &tall.slice(s![.., ..1]).unwrap(), None)
                .unwrap()
                .x
                .to_vec(),
            eigvals(&a).unwrap().to_vec(),
            lu_factor(&a).unwrap().lu.to_vec(),
            norm(&tall, Some(NormOrder::P(1.0)), None, false).unwrap(),
        );
        for kind in KINDS {
            let (sa, sspd, sb, stall) = (
                stored(&a, kind),
                stored(&spd, kind),
                stored(&b, kind),
                stored(&tall, kind),
            );
            let (va, vspd, vb, vtall) = (
                view(&sa, kind),
                view(&sspd, kind),
                view(&sb, kind),
                view(&stall, kind),
            );
            assert_eq!(va.to_vec(), a.to_vec(), "the view holds the matrix");
            close(
                &solve(&va, &vb).unwrap().to_vec(),
                &reference.0,
                "solve",
                kind,
            );
            close(&inv(&va).unwrap().to_vec(), &reference.1, "inv", kind);
            close(&det(&va).unwrap().to_vec(), &reference.2, "det", kind);
            close(
                &cholesky(&vspd, false).unwrap().to_vec(),
                &reference.3,
                "cholesky",
                kind,
            );
            close(
                &cholesky(&vspd, true).unwrap().to_vec(),
                &reference.4,
                "cholesky upper",
                kind,
            );
            close(
                &reals(&eigvalsh(&vspd, Uplo::Upper).unwrap()),
                &reals(&reference.5),
                "eigvalsh",
                kind,
            );
            close(
                &reals(&svdvals(&vtall).unwrap()),
                &reals(&reference.6),
                "svdvals",
                kind,
            );
            let r = qr(&vtall, QrMode::Reduced).unwrap().into_qr().unwrap().1;
            close(&r.to_vec(), &reference.7, "qr", kind);
            let x = lstsq(&vtall, &vtall.slice(s![.., ..1]).unwrap(), None)
                .unwrap()
                .x;
            close(&x.to_vec(), &reference.8, "lstsq", kind);
            let mut w = eigvals(&va).unwrap().to_vec();
            let mut w0 = reference.9.clone();
            let key = |z: &Complex64| (z.re, z.im);
            w.sort_by(|x, y| key(x).partial_cmp(&key(y)).unwrap());
            w0.sort_by(|x, y| key(x).partial_cmp(&key(y)).unwrap());
            close(&w, &w0, "eigvals", kind);
            close(
                &lu_factor(&va).unwrap().lu.to_vec(),
                &reference.10,
                "lu_factor",
                kind,
            );
            close(
                &reals(&norm(&vtall, Some(NormOrder::P(1.0)), None, false).unwrap()),
                &reals(&reference.11),
                "norm",
                kind,
            );
        }
    }
}

#[test]
fn broadcast_operands_read_in_place() {
    let mut rng = Rng::new(5);
    let a = Dense::conditioned(4, 4, 10.0, 4, false, &mut rng).to_array::<f64>();
    // one matrix broadcast over a batch of 3 (zero batch stride)
    let stack = a.broadcast_to([3, 4, 4]).unwrap();
    assert_eq!(stack.strides()[0], 0);
    let b =
        Array::<f64>::from_shape_fn([3, 4, 2], |i| (i[0] * 8 + i[1] * 2 + i[2]) as f64).unwrap();
    let x = solve(&stack, &b).unwrap();
    for k in 0..3 {
        let bk = b.slice(s![k]).unwrap();
        assert_eq!(
            x.slice(s![k]).unwrap().to_vec(),
            solve(&a, &bk).unwrap().to_vec()
        );
    }
    assert_eq!(
        inv(&stack).unwrap().slice(s![2]).unwrap().to_vec(),
        inv(&a).unwrap().to_vec()
    );
    // a matrix whose rows are one broadcast row (zero row stride): rank 1
    let row = Array::<f64>::from_shape_fn([5], |i| i[0] as f64 + 1.0).unwrap();
    let rank1 = row.broadcast_to([3, 5]).unwrap();
    assert_eq!(rank1.strides(), &[0, 1]);
    let s_view = svdvals(&rank1).unwrap().to_vec();
    let s_copy = svdvals(&rank1.to_owned()).unwrap().to_vec();
    assert_eq!(s_view, s_copy);
    assert_eq!(
        matrix_rank(&rank1, MatrixRankOptions::default())
            .unwrap()
            .item()
            .unwrap(),
        1
    );
    // a broadcast right-hand side column
    let col = Array::<f64>::ones([4]).unwrap();
    let bcol = col
        .view()
        .into_expand_dims(&[1])
        .unwrap()
        .into_broadcast_to([4, 3])
        .unwrap();
    let x = solve(&a, &bcol).unwrap();
    let x1 = solve(&a, &col).unwrap();
    for j in 0..3 {
        assert_eq!(x.slice(s![.., j]).unwrap().to_vec(), x1.to_vec());
    }
}

#[test]
fn integer_and_bool_inputs_promote_to_f64() {
    let a = oxarray_core::array![[2i32, 1], [1, 3]];
    let x: Array<f64> = solve(&a, &oxarray_core::array![3i32, 5]).unwrap();
    assert!((x[[0]] - 0.8).abs() < 1e-12 && (x[[1]] - 1.4).abs() < 1e-12);
    let d: Array<f64> = det(&oxarray_core::array![[true, false], [false, true]]).unwrap();
    assert_eq!(d.item().unwrap(), 1.0);
    let n: Array<f64> = norm(&oxarray_core::array![3u8, 4], None, None, false).unwrap();
    assert_eq!(n.item().unwrap(), 5.0);
    // f32 is computed in f64 and rounded once, as NumPy does
    let h = oxarray_core::array![
        [1.0f32, 0.5, 1.0 / 3.0],
        [0.5, 1.0 / 3.0, 0.25],
        [1.0 / 3.0, 0.25, 0.2]
    ];
    let hi: Array<f32> = inv(&h).unwrap();
    let hd = inv(&h.view().map(|v| v as f64)).unwrap();
    for (x, y) in hi.iter().zip(hd.iter()) {
        assert_eq!(*x, *y as f32);
    }
}
