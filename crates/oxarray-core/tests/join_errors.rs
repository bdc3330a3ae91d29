//! Every error of the shape and selection functions: a structured variant naming the
//! arguments, shapes and axes at fault, and a message that says so (never a panic).

use oxarray_core::diagonal::{diag, diagonal, tril};
use oxarray_core::extract::{count_nonzero, extract, place, putmask};
use oxarray_core::grids::{ix_, put_along_axis, take_along_axis};
use oxarray_core::join::{concatenate, hstack, stack, vstack};
use oxarray_core::pad::{PadMode, pad};
use oxarray_core::rearrange::{repeat, roll, rot90};
use oxarray_core::select::{ChooseMode, choose, clip, clip_into, select, where_, where_into};
use oxarray_core::split::{array_split, dsplit, hsplit, split, vsplit};
use oxarray_core::{Array, Error, array};

#[test]
fn joins_name_the_array_and_shapes_at_fault() {
    let a = Array::<f64>::zeros([2, 3]).unwrap();
    let b = Array::<f64>::zeros([2, 2]).unwrap();
    let e = concatenate(&[&a, &b], Some(0)).unwrap_err();
    assert_eq!(
        e,
        Error::JoinShapeMismatch {
            op: "concatenate",
            axis: Some(0),
            index: 1,
            shape: vec![2, 2],
            first_shape: vec![2, 3],
        }
    );
    assert!(e.to_string().contains("index 1 has shape [2, 2]"), "{e}");
    let c = Array::<f64>::zeros([3]).unwrap();
    assert!(matches!(
        concatenate(&[&a, &c], Some(0)),
        Err(Error::JoinNdimMismatch {
            op: "concatenate",
            index: 1,
            ndim: 1,
            first_ndim: 2
        })
    ));
    assert!(matches!(
        concatenate(&[&a, &a], Some(2)),
        Err(Error::AxisOutOfBounds { axis: 2, ndim: 2 })
    ));
    assert!(matches!(
        concatenate(&[&a, &a], Some(-3)),
        Err(Error::AxisOutOfBounds { axis: -3, ndim: 2 })
    ));
    let none: [&Array<f64>; 0] = [];
    assert_eq!(
        concatenate(&none, Some(0)).unwrap_err(),
        Error::NoArrays { op: "concatenate" }
    );
    assert_eq!(
        concatenate(&none, None).unwrap_err(),
        Error::NoArrays { op: "concatenate" }
    );
    let s = Array::from_scalar(1.0);
    assert!(matches!(
        concatenate(&[&s, &s], Some(0)),
        Err(Error::WrongNdim {
            op: "concatenate",
            ..
        })
    ));
    assert!(matches!(
        stack(&[&a, &a.t().to_owned()], 0),
        Err(Error::JoinShapeMismatch {
            op: "stack",
            axis: None,
            index: 1,
            ..
        })
    ));
    assert!(matches!(
        stack(&[&a, &a], 3),
        Err(Error::AxisOutOfBounds { axis: 3, ndim: 3 })
    ));
    assert_eq!(
        stack(&none, 0).unwrap_err(),
        Error::NoArrays { op: "stack" }
    );
    assert!(matches!(
        vstack(&[&a, &b]),
        Err(Error::JoinShapeMismatch {
            op: "vstack",
            axis: Some(0),
            ..
        })
    ));
    assert!(matches!(
        hstack(&[&a, &Array::<f64>::zeros([3, 1]).unwrap()]),
        Err(Error::JoinShapeMismatch {
            op: "hstack",
            axis: Some(1),
            ..
        })
    ));
}

#[test]
fn splits_name_the_axis_and_sections() {
    let a = Array::<i32>::zeros([5, 4]).unwrap();
    let e = split(&a, 2, 0).unwrap_err();
    assert_eq!(
        e,
        Error::UnequalSplit {
            axis: 0,
            len: 5,
            sections: 2
        }
    );
    assert!(
        e.to_string().contains("axis 0 of length 5 into 2 sections"),
        "{e}"
    );
    assert!(matches!(
        array_split(&a, 0, 0),
        Err(Error::InvalidArgument {
            name: "sections",
            ..
        })
    ));
    assert!(matches!(
        split(&a, 2, 2),
        Err(Error::AxisOutOfBounds { axis: 2, ndim: 2 })
    ));
    assert!(matches!(
        split(&Array::from_scalar(1), 1, 0),
        Err(Error::AxisOutOfBounds { axis: 0, ndim: 0 })
    ));
    assert!(matches!(
        hsplit(&Array::from_scalar(1), 1),
        Err(Error::WrongNdim { op: "hsplit", .. })
    ));
    assert!(matches!(
        vsplit(&array![1, 2], 2),
        Err(Error::WrongNdim { op: "vsplit", .. })
    ));
    assert!(matches!(
        dsplit(&a, 2),
        Err(Error::WrongNdim { op: "dsplit", .. })
    ));
}

#[test]
fn rearranging_errors() {
    let a = array![[1, 2, 3], [4, 5, 6]];
    assert_eq!(
        repeat(&a, [1, 2], Some(1)).unwrap_err(),
        Error::BroadcastTo {
            from: vec![2],
            to: vec![3]
        }
    );
    assert!(matches!(
        repeat(&a, 2, Some(-3)),
        Err(Error::AxisOutOfBounds { axis: -3, ndim: 2 })
    ));
    assert_eq!(
        roll(&a, &[1, 2, 3], Some(&[0, 1])).unwrap_err(),
        Error::BroadcastMismatch {
            shapes: vec![vec![3], vec![2]]
        }
    );
    assert!(matches!(
        roll(&a, &[1], Some(&[2])),
        Err(Error::AxisOutOfBounds { axis: 2, ndim: 2 })
    ));
    assert!(matches!(
        rot90(&a, 1, [1, -1]),
        Err(Error::RepeatedAxis { axis: 1, .. })
    ));
    assert!(matches!(
        rot90(&array![1, 2], 1, [0, 1]),
        Err(Error::NotEnoughDims {
            op: "rot90",
            ndim: 1,
            ..
        })
    ));
}

#[test]
fn pad_widths_that_do_not_fit_are_named() {
    let a = Array::<f64>::zeros([2, 3]).unwrap();
    let e = pad(&a, &array![[1i64, 2, 3]], PadMode::Edge).unwrap_err();
    assert_eq!(
        e,
        Error::BadPadWidth {
            what: "pad_width",
            given: vec![1, 3],
            shape: vec![2, 3],
            reason: "it does not broadcast to (ndim, 2)",
        }
    );
    assert!(e.to_string().contains("pad_width of shape [1, 3]"), "{e}");
    assert!(matches!(
        pad(&a, -1i64, PadMode::Edge),
        Err(Error::BadPadWidth {
            reason: "widths must not be negative",
            ..
        })
    ));
    assert!(matches!(
        pad(&a, &array![[1i64, 2], [3, 4], [5, 6]], PadMode::Wrap),
        Err(Error::BadPadWidth { given, .. }) if given == vec![3, 2]
    ));
    assert!(matches!(
        pad(&a, &array![[[1i64]]], PadMode::Wrap),
        Err(Error::BadPadWidth { .. })
    ));
    let bad_values = PadMode::Constant(array![1.0, 2.0, 3.0]);
    assert!(matches!(
        pad(&a, 1i64, bad_values),
        Err(Error::BadPadWidth {
            what: "constant_values",
            ..
        })
    ));
    let empty = Array::<f64>::zeros([0, 2]).unwrap();
    assert!(matches!(
        pad(&empty, 1i64, PadMode::Reflect),
        Err(Error::InvalidArgument { name: "mode", .. })
    ));
    let c = Array::<oxarray_core::Complex64>::zeros([2]).unwrap();
    assert!(matches!(
        pad(&c, 1i64, PadMode::linear_ramp(Default::default())),
        Err(Error::UnsupportedDType { .. })
    ));
}

#[test]
fn selection_errors() {
    let c = array![true, false];
    assert_eq!(
        where_(&c, &array![1.0, 2.0, 3.0], 0.0).unwrap_err(),
        Error::BroadcastMismatch {
            shapes: vec![vec![2], vec![3], vec![]]
        }
    );
    let mut out = Array::<f64>::zeros([3]).unwrap();
    assert!(matches!(
        where_into(&c, 1.0, 0.0, &mut out),
        Err(Error::BroadcastTo { .. })
    ));
    assert_eq!(
        select(&[&c], &[&array![1, 2], &array![3, 4]], 0).unwrap_err(),
        Error::ArgumentLengthMismatch {
            op: "select",
            names: ("condlist", "choicelist"),
            lens: (1, 2)
        }
    );
    let no_c: [&Array<bool>; 0] = [];
    let no_x: [&Array<i32>; 0] = [];
    assert_eq!(
        select(&no_c, &no_x, 0).unwrap_err(),
        Error::NoArrays { op: "select" }
    );
    assert_eq!(
        choose(
            &array![0i64, 2],
            &[array![1, 2], array![3, 4]],
            ChooseMode::Raise
        )
        .unwrap_err(),
        Error::ChoiceOutOfRange {
            op: "choose",
            value: 2,
            choices: 2
        }
    );
    assert_eq!(
        choose(&array![0i64], &no_x, ChooseMode::Raise).unwrap_err(),
        Error::NoArrays { op: "choose" }
    );
    assert!(matches!(
        clip(&array![1, 2], Some(&array![1, 2, 3]), None),
        Err(Error::BroadcastMismatch { .. })
    ));
    let mut small = Array::<i32>::zeros([1]).unwrap();
    assert!(matches!(
        clip_into(&array![1, 2], None, Some(&0), &mut small),
        Err(Error::BroadcastTo { .. })
    ));
}

#[test]
fn masked_and_along_axis_errors() {
    let mut a = array![1, 2, 3, 4];
    let mask = array![true, false, true];
    assert_eq!(
        place(&mut a, &mask, &[9]).unwrap_err(),
        Error::SizeMismatch {
            op: "place",
            sizes: (4, 3),
            shapes: (vec![4], vec![3])
        }
    );
    assert!(matches!(
        putmask(&mut a, &mask, &[9]),
        Err(Error::SizeMismatch { op: "putmask", .. })
    ));
    let all = array![true, true, false, false];
    assert!(matches!(
        place(&mut a, &all, &[]),
        Err(Error::InvalidArgument { name: "vals", .. })
    ));
    assert!(matches!(
        extract(&array![false, false, false, false, true], &a),
        Err(Error::IndexOutOfBounds {
            index: 4,
            len: 4,
            ..
        })
    ));
    assert!(matches!(
        count_nonzero(&a, Some(&[1]), false),
        Err(Error::AxisOutOfBounds { axis: 1, ndim: 1 })
    ));
    let m = array![[1, 2], [3, 4]];
    assert!(matches!(
        take_along_axis(&m, &array![0i64, 1], Some(0)),
        Err(Error::WrongNdim {
            op: "take_along_axis",
            operand: 1,
            ..
        })
    ));
    assert!(matches!(
        take_along_axis(&m, &array![[2i64]], Some(0)),
        Err(Error::IndexOutOfBounds { index: 2, .. })
    ));
    let mut mm = m.clone();
    assert!(matches!(
        put_along_axis(&mut mm, &array![[5i64]], 0, Some(1)),
        Err(Error::IndexOutOfBounds { index: 5, .. })
    ));
    assert!(matches!(
        ix_(&[&m]),
        Err(Error::WrongNdim {
            op: "ix_",
            operand: 0,
            ..
        })
    ));
}

#[test]
fn diagonal_errors() {
    let cube = Array::<f64>::zeros([2, 2, 2]).unwrap();
    assert!(matches!(
        diag(&cube, 0),
        Err(Error::WrongNdim { op: "diag", .. })
    ));
    assert!(matches!(
        diagonal(&array![1, 2], 0, 0, 1),
        Err(Error::NotEnoughDims {
            op: "diagonal",
            ndim: 1,
            ..
        })
    ));
    assert!(matches!(
        diagonal(&cube, 0, 1, -2),
        Err(Error::RepeatedAxis { axis: 1, .. })
    ));
    assert!(matches!(
        diagonal(&cube, 0, 0, 3),
        Err(Error::AxisOutOfBounds { axis: 3, ndim: 3 })
    ));
    assert!(matches!(
        tril(&Array::from_scalar(1), 0),
        Err(Error::NotEnoughDims { op: "tril", .. })
    ));
}
