//! Every error case: structured variants naming the shapes, axes and batch indices at fault,
//! never a panic, never NaNs where NumPy raises.

use oxarray_core::{Array, DType, Error, array, f16};
use oxarray_linalg::dynamic::{linalg_common_type, solve_dyn};
use oxarray_linalg::*;

fn eye(n: usize) -> Array<f64> {
    Array::eye(n).unwrap()
}

/// A (2, 2, 3, 3) stack of identities with the matrix at batch index [1, 0] replaced.
fn stack_with(bad: Array<f64>) -> Array<f64> {
    let mut s = Array::<f64>::zeros([2, 2, 3, 3]).unwrap();
    for i in 0..2 {
        for j in 0..2 {
            for k in 0..3 {
                s[[i, j, k, k]] = 1.0;
            }
        }
    }
    for r in 0..3 {
        for c in 0..3 {
            s[[1, 0, r, c]] = bad[[r, c]];
        }
    }
    s
}

fn singular3() -> Array<f64> {
    array![[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [0.0, 1.0, 1.0]]
}

#[test]
fn shape_errors_name_the_shapes() {
    let v = array![1.0, 2.0];
    let e = inv(&v).unwrap_err();
    assert_eq!(
        e,
        Error::NotEnoughDims {
            op: "inv",
            operand: 0,
            ndim: 1,
            required: 2
        }
    );
    assert!(e.is_linalg_error());
    let rect = Array::<f64>::zeros([2, 3]).unwrap();
    for e in [
        inv(&rect).unwrap_err(),
        det(&rect).unwrap_err(),
        solve(&rect, &v).unwrap_err(),
        cholesky(&rect, false).unwrap_err(),
        eig(&rect).unwrap_err(),
        eigh(&rect, Uplo::Lower).unwrap_err(),
        slogdet(&rect).unwrap_err(),
        matrix_power(&rect, 2).unwrap_err(),
    ] {
        assert!(
            matches!(&e, Error::NotSquare { shape, .. } if shape == &vec![2, 3]),
            "{e}"
        );
        assert!(e.to_string().contains("[2, 3]"), "{e}");
    }
    // b's rows must match
    let e = solve(&eye(3), &v).unwrap_err();
    assert!(
        matches!(e, Error::IncompatibleShapes { ref a, ref b, .. } if a == &vec![3, 3] && b == &vec![2])
    );
    // b must have at least one dimension
    assert!(matches!(
        solve(&eye(2), &Array::from_scalar(1.0)).unwrap_err(),
        Error::NotEnoughDims {
            operand: 1,
            ndim: 0,
            ..
        }
    ));
    // batch axes must broadcast
    let a = Array::<f64>::zeros([2, 3, 3]).unwrap();
    let b = Array::<f64>::zeros([4, 3, 1]).unwrap();
    assert!(matches!(
        solve(&a, &b).unwrap_err(),
        Error::BroadcastMismatch { .. }
    ));
    for e in [
        qr(&v, QrMode::Reduced).unwrap_err(),
        svdvals(&v).unwrap_err(),
        matrix_norm(&v, false, NormOrder::Fro).unwrap_err(),
        lu_factor(&v).unwrap_err(),
    ] {
        assert!(matches!(e, Error::NotEnoughDims { ndim: 1, .. }), "{e}");
        assert!(e.is_linalg_error(), "{e}");
    }
    let three = Array::<f64>::zeros([2, 2, 2]).unwrap();
    assert!(matches!(
        lstsq(&three, &v, None).unwrap_err(),
        Error::WrongNdim { op: "lstsq", operand: 0, ref shape, .. } if shape == &vec![2, 2, 2]
    ));
    let e = lstsq(&eye(3), &v, None).unwrap_err();
    assert!(
        matches!(e, Error::IncompatibleShapes { op: "lstsq", .. }),
        "{e}"
    );
}

#[test]
fn singular_matrices_name_their_batch_index() {
    let stack = stack_with(singular3());
    let expected = Error::SingularMatrix {
        op: "inv",
        batch_index: vec![1, 0],
    };
    assert_eq!(inv(&stack).unwrap_err(), expected);
    assert_eq!(
        inv(&stack).unwrap_err().to_string(),
        "inv: singular matrix (matrix at batch index [1, 0])"
    );
    let b = Array::<f64>::ones([3]).unwrap();
    assert_eq!(
        solve(&stack, &b).unwrap_err(),
        Error::SingularMatrix {
            op: "solve",
            batch_index: vec![1, 0]
        }
    );
    // a single matrix: an empty batch index
    assert_eq!(
        solve(&singular3(), &b).unwrap_err(),
        Error::SingularMatrix {
            op: "solve",
            batch_index: vec![]
        }
    );
    // large enough for faer's blocked factorisation
    let mut big = eye(40);
    for j in 0..40 {
        big[[7, j]] = 0.0;
    }
    assert!(matches!(
        inv(&big).unwrap_err(),
        Error::SingularMatrix { .. }
    ));
    // det and slogdet do not raise: 0 and (0, -inf), never NaN
    let d = det(&stack).unwrap();
    assert_eq!(d.to_vec(), vec![1.0, 1.0, 0.0, 1.0]);
    assert_eq!(det(&big).unwrap().item().unwrap(), 0.0);
    let r = slogdet(&big).unwrap();
    assert_eq!(
        (r.sign.item().unwrap(), r.logabsdet.item().unwrap()),
        (0.0, f64::NEG_INFINITY)
    );
    // matrix_power of a negative exponent inverts
    assert!(matches!(
        matrix_power(&singular3(), -1).unwrap_err(),
        Error::SingularMatrix { .. }
    ));
    // solve_triangular: a zero on the diagonal (not read with unit_diagonal)
    let t = array![[1.0, 0.0], [5.0, 0.0]];
    let lower = TriangularOptions {
        lower: true,
        ..Default::default()
    };
    assert!(matches!(
        solve_triangular(&t, &array![1.0, 1.0], lower).unwrap_err(),
        Error::SingularMatrix { .. }
    ));
    let unit = TriangularOptions {
        unit_diagonal: true,
        ..lower
    };
    assert_eq!(
        solve_triangular(&t, &array![1.0, 1.0], unit).unwrap(),
        array![1.0, -4.0]
    );
}

#[test]
fn not_positive_definite_names_the_minor() {
    let bad = array![[4.0, 2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
    let stack = stack_with(bad.clone());
    let e = cholesky(&stack, false).unwrap_err();
    assert_eq!(
        e,
        Error::NotPositiveDefinite {
            op: "cholesky",
            batch_index: vec![1, 0],
            order: 2
        }
    );
    assert!(e.to_string().contains("order 2") && e.to_string().contains("[1, 0]"));
    assert!(matches!(
        cholesky(&bad, true).unwrap_err(),
        Error::NotPositiveDefinite { order: 2, .. }
    ));
    assert!(matches!(
        cho_factor(&bad, false).unwrap_err(),
        Error::NotPositiveDefinite { .. }
    ));
    // NaN pivots are refused too (no NaN factor comes back)
    let nan = array![[1.0, f64::NAN], [f64::NAN, 2.0]];
    assert!(cholesky(&nan, false).is_err());
}

#[test]
fn non_finite_input() {
    let mut m = stack_with(eye(3));
    m[[0, 1, 2, 2]] = f64::INFINITY;
    assert_eq!(
        eig(&m).unwrap_err(),
        Error::NonFinite {
            op: "eig",
            batch_index: vec![0, 1]
        }
    );
    assert!(matches!(eigvals(&m).unwrap_err(), Error::NonFinite { .. }));
    let nan = array![[1.0, f64::NAN], [0.0, 2.0]];
    for e in [
        svd(&nan, SvdOptions::default()).unwrap_err(),
        svdvals(&nan).unwrap_err(),
        pinv(&nan, PinvOptions::default()).unwrap_err(),
        matrix_rank(&nan, MatrixRankOptions::default()).unwrap_err(),
        lstsq(&nan, &array![1.0, 1.0], None).unwrap_err(),
    ] {
        assert!(matches!(e, Error::NoConvergence { .. }), "{e}");
        assert!(e.is_linalg_error());
    }
    assert!(matches!(
        lu_factor(&nan).unwrap_err(),
        Error::NonFinite {
            op: "lu_factor",
            ..
        }
    ));
    // eigh returns NaNs for NaN input, as NumPy does
    let w = eigvalsh(&nan, Uplo::Lower).unwrap();
    assert!(w.iter().all(|v| v.is_nan()));
}

#[test]
fn option_errors() {
    let m = eye(3);
    let v = array![1.0, 2.0, 3.0];
    let both = PinvOptions {
        rcond: Some(1e-3),
        rtol: Some(1e-3),
        hermitian: false,
    };
    assert!(matches!(
        pinv(&m, both).unwrap_err(),
        Error::InvalidArgument { name: "rtol", .. }
    ));
    let both = MatrixRankOptions {
        tol: Some(1.0),
        rtol: Some(1.0),
        hermitian: false,
    };
    assert!(matches!(
        matrix_rank(&m, both).unwrap_err(),
        Error::InvalidArgument { .. }
    ));
    // norms
    assert!(matches!(
        norm(&v, Some(NormOrder::Fro), None, false).unwrap_err(),
        Error::InvalidArgument { name: "ord", .. }
    ));
    assert!(matches!(
        norm(&m, Some(NormOrder::P(3.0)), None, false).unwrap_err(),
        Error::InvalidArgument { name: "ord", .. }
    ));
    assert!(matches!(
        vector_norm(&v, None, false, NormOrder::Nuc).unwrap_err(),
        Error::InvalidArgument { .. }
    ));
    let t = Array::<f64>::zeros([2, 2, 2]).unwrap();
    assert!(matches!(
        norm(&t, Some(NormOrder::P(2.0)), None, false).unwrap_err(),
        Error::InvalidArgument { name: "axis", .. }
    ));
    assert!(matches!(
        norm(&m, None, Some(&[1, -1]), false).unwrap_err(),
        Error::RepeatedAxis { axis: 1, .. }
    ));
    assert!(matches!(
        norm(&m, None, Some(&[2]), false).unwrap_err(),
        Error::AxisOutOfBounds { axis: 2, ndim: 2 }
    ));
    let empty = Array::<f64>::zeros([0]).unwrap();
    assert!(norm(&empty, Some(NormOrder::NEG_INF), None, false).is_err());
    assert_eq!(
        norm(&empty, Some(NormOrder::INF), None, false)
            .unwrap()
            .item()
            .unwrap(),
        0.0
    );
    // cond
    let e = cond(&Array::<f64>::zeros([0, 0]).unwrap(), None).unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
    assert!(matches!(
        cond(
            &Array::<f64>::zeros([2, 3]).unwrap(),
            Some(NormOrder::P(1.0))
        )
        .unwrap_err(),
        Error::NotSquare { .. }
    ));
    assert_eq!(
        cond(&Array::<f64>::zeros([2, 3]).unwrap(), None)
            .unwrap()
            .item()
            .unwrap(),
        f64::INFINITY
    );
    // tensorsolve / tensorinv
    let a = Array::<f64>::zeros([2, 3, 4]).unwrap();
    let b = Array::<f64>::zeros([2, 3]).unwrap();
    assert!(matches!(
        tensorsolve(&a, &b, None).unwrap_err(),
        Error::IncompatibleShapes {
            op: "tensorsolve",
            ..
        }
    ));
    assert!(matches!(
        tensorinv(&a, 0).unwrap_err(),
        Error::InvalidArgument { name: "ind", .. }
    ));
    assert!(matches!(
        tensorinv(&a, 2).unwrap_err(),
        Error::NotSquare { .. }
    ));
    // lu_solve with bad pivots
    let f = lu_factor(&eye(2)).unwrap();
    let bad = LuFactor {
        lu: f.lu.clone(),
        piv: array![0, 5],
    };
    assert!(matches!(
        lu_solve(&bad, &array![1.0, 1.0], Trans::N).unwrap_err(),
        Error::IndexOutOfBounds { index: 5, .. }
    ));
    let short = LuFactor {
        lu: f.lu,
        piv: array![0],
    };
    assert!(matches!(
        lu_solve(&short, &array![1.0, 1.0], Trans::N).unwrap_err(),
        Error::IncompatibleShapes { .. }
    ));
    // matrix_power: negative exponents need a floating-point type
    assert!(matches!(
        matrix_power(&array![[1, 0], [0, 1]], -1).unwrap_err(),
        Error::UnsupportedDType { .. }
    ));
}

#[test]
fn float16_is_refused_as_numpy_does() {
    let h = Array::<f16>::ones([2, 2]).unwrap();
    let e = inv(&h).unwrap_err();
    assert_eq!(
        e,
        Error::UnsupportedDType {
            op: "inv",
            dtype: DType::F16
        }
    );
    assert!(matches!(
        svdvals(&h).unwrap_err(),
        Error::UnsupportedDType { .. }
    ));
    assert!(matches!(
        norm(&h, None, None, false).unwrap_err(),
        Error::UnsupportedDType { .. }
    ));
    assert!(linalg_common_type("solve", &[DType::F64, DType::F16]).is_err());
    assert!(
        solve_dyn(
            &h.clone().into_dyn(),
            &Array::<f64>::ones([2]).unwrap().into_dyn()
        )
        .is_err()
    );
}

#[test]
fn empty_matrices_follow_numpy() {
    let e = Array::<f64>::zeros([0, 0]).unwrap();
    assert_eq!(inv(&e).unwrap().shape(), &[0, 0]);
    assert_eq!(det(&e).unwrap().item().unwrap(), 1.0);
    assert_eq!(cholesky(&e, false).unwrap().shape(), &[0, 0]);
    assert_eq!(eigvalsh(&e, Uplo::Lower).unwrap().shape(), &[0]);
    assert_eq!(eigvals(&e).unwrap().shape(), &[0]);
    let wide = Array::<f64>::zeros([0, 3]).unwrap();
    let (q, r) = qr(&wide, QrMode::Reduced).unwrap().into_qr().unwrap();
    assert_eq!((q.shape(), r.shape()), (&[0, 0][..], &[0, 3][..]));
    let tall = Array::<f64>::zeros([3, 0]).unwrap();
    let (q, r) = qr(&tall, QrMode::Complete).unwrap().into_qr().unwrap();
    assert_eq!((q.shape(), r.shape()), (&[3, 3][..], &[3, 0][..]));
    assert_eq!(q, eye(3));
    let s = svd(&tall, SvdOptions::default()).unwrap();
    assert_eq!(s.u.unwrap().shape(), &[3, 3]);
    assert_eq!(s.s.shape(), &[0]);
    assert_eq!(
        pinv(&tall, PinvOptions::default()).unwrap().shape(),
        &[0, 3]
    );
    let r = lstsq(&wide, &Array::<f64>::zeros([0]).unwrap(), None).unwrap();
    assert_eq!((r.x.shape(), r.rank), (&[3][..], 0));
    assert_eq!(r.x.to_vec(), vec![0.0; 3]);
    let stack = Array::<f64>::zeros([0, 4, 4]).unwrap();
    assert_eq!(inv(&stack).unwrap().shape(), &[0, 4, 4]);
    assert_eq!(det(&stack).unwrap().shape(), &[0]);
}
