//! Bad input returns the named error with the values at fault, never a panic: every class of
//! bad input listed by the core issue (shapes, axes, indices, slices, broadcasting, strides,
//! windows, overflowing sizes, arange), each matched on its variant and fields, and each
//! message checked to name the values.

use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};

use oxarray_core::{
    Array, ArrayView, Error, NewAxis, Order, Result, SliceArg, broadcast_shapes, copyto, s,
};

/// The error of `r`, or a panic naming what came back instead.
#[track_caller]
fn err<T: Debug>(r: Result<T>) -> Error {
    match r {
        Err(e) => e,
        Ok(v) => panic!("expected an error, got Ok({v:?})"),
    }
}

/// `e` displays a message containing every one of `parts`.
#[track_caller]
fn names(e: &Error, parts: &[&str]) {
    let msg = e.to_string();
    for p in parts {
        assert!(msg.contains(p), "message {msg:?} should contain {p:?}");
    }
}

fn m23() -> Array<i64> {
    Array::from_vec((0..6).collect(), [2, 3]).unwrap()
}

#[test]
fn every_bad_input_returns_the_named_error() {
    let a = m23();

    // --- bad shapes -------------------------------------------------------------------------
    let e = err(Array::from_vec(vec![1i64, 2, 3], [2, 2]));
    assert_eq!(
        e,
        Error::LengthMismatch {
            len: 3,
            shape: vec![2, 2],
            expected: 4
        }
    );
    names(&e, &["3 elements", "[2, 2]", "(4 elements)"]);
    let e = err(Array::from_vec_order(vec![0u8; 5], [2, 3], Order::F));
    assert_eq!(
        e,
        Error::LengthMismatch {
            len: 5,
            shape: vec![2, 3],
            expected: 6
        }
    );
    let data = [1.0f32; 7];
    let e = err(ArrayView::from_slice(&data, [2, 4]));
    assert_eq!(
        e,
        Error::LengthMismatch {
            len: 7,
            shape: vec![2, 4],
            expected: 8
        }
    );

    let e = err(a.reshape_view([4, 2]));
    assert_eq!(
        e,
        Error::ReshapeSize {
            size: 6,
            shape: vec![4, 2]
        }
    );
    names(&e, &["size 6", "[4, 2]"]);
    let e = err(a.reshape([-1, 4]));
    assert_eq!(
        e,
        Error::ReshapeSize {
            size: 6,
            shape: vec![-1, 4]
        }
    );
    let e = err(a.clone().into_shape([7]));
    assert_eq!(
        e,
        Error::ReshapeSize {
            size: 6,
            shape: vec![7]
        }
    );
    let e = err(a.reshape_view([-1, -1]));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "shape", value, .. } if value == "[-1, -1]"),
        "{e:?}"
    );
    names(&e, &["[-1, -1]", "one unknown dimension"]);
    let e = err(a.reshape_view([-2, -3]));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "shape", .. }),
        "{e:?}"
    );
    // A transposed array cannot be flattened without a copy: `reshape` says so, `to_shape`
    // copies.
    let e = err(a.t().reshape_view([6]));
    assert_eq!(
        e,
        Error::ReshapeNeedsCopy {
            shape: vec![3, 2],
            strides: vec![1, 3],
            new_shape: vec![6]
        }
    );
    names(&e, &["[3, 2]", "[1, 3]", "[6]"]);
    assert!(a.t().reshape([6]).unwrap().is_owned());

    // --- axes out of range ------------------------------------------------------------------
    let e = err(a.swapaxes(0, 5));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 5, ndim: 2 });
    names(&e, &["axis 5", "dimension 2"]);
    let e = err(a.swapaxes(-3, 0));
    assert_eq!(e, Error::AxisOutOfBounds { axis: -3, ndim: 2 });
    names(&e, &["axis -3", "dimension 2"]);
    let e = err(a.moveaxis(5, 0));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 5, ndim: 2 });
    names(&e, &["axis 5", "dimension 2"]);
    let e = err(a.moveaxis(0, -3));
    assert_eq!(e, Error::AxisOutOfBounds { axis: -3, ndim: 2 });
    let e = err(a.flip(Some(&[2])));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 2, ndim: 2 });
    let e = err(a.squeeze(Some(&[1])));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "axis", value, .. } if value == "1"),
        "{e:?}"
    );
    names(&e, &["axis = 1", "size 3"]);
    let e = err(a.squeeze(Some(&[4])));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 4, ndim: 2 });
    let e = err(a.expand_dims(&[0, 0]));
    assert_eq!(
        e,
        Error::RepeatedAxis {
            axis: 0,
            context: "expand_dims"
        }
    );
    names(&e, &["repeated axis 0", "expand_dims"]);
    // -3 of the 4-d result is axis 1.
    let e = err(a.expand_dims(&[1, -3]));
    assert_eq!(
        e,
        Error::RepeatedAxis {
            axis: 1,
            context: "expand_dims"
        }
    );
    let e = err(a.expand_dims(&[3]));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 3, ndim: 3 });
    let e = err(a.permute_axes(&[0, 0]));
    assert_eq!(
        e,
        Error::BadPermutation {
            axes: vec![0, 0],
            ndim: 2
        }
    );
    names(&e, &["[0, 0]", "0..2"]);
    let e = err(a.permute_axes(&[1]));
    assert_eq!(
        e,
        Error::BadPermutation {
            axes: vec![1],
            ndim: 2
        }
    );
    let e = err(a.permute_axes(&[0, 2]));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 2, ndim: 2 });

    // --- indices out of range ---------------------------------------------------------------
    let e = err(a.get(&[2, 0]));
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            index: 2,
            axis: 0,
            len: 2
        }
    );
    names(&e, &["index 2", "axis 0", "size 2"]);
    let e = err(a.get(&[0, -4]));
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            index: -4,
            axis: 1,
            len: 3
        }
    );
    let e = err(a.slice(s![.., 3]));
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            index: 3,
            axis: 1,
            len: 3
        }
    );
    names(&e, &["index 3", "axis 1", "size 3"]);
    let e = err(a.slice(s![NewAxis, -3]));
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            index: -3,
            axis: 0,
            len: 2
        }
    );
    let mut b = m23();
    let e = err(b.get_mut(&[0, 3]));
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            index: 3,
            axis: 1,
            len: 3
        }
    );
    let e = err(b.slice_mut(s![5]));
    assert_eq!(
        e,
        Error::IndexOutOfBounds {
            index: 5,
            axis: 0,
            len: 2
        }
    );

    // --- too many indices -------------------------------------------------------------------
    let e = err(a.slice(s![0, 0, 0]));
    assert_eq!(e, Error::TooManyIndices { ndim: 2, given: 3 });
    names(&e, &["2-dimensional", "3 were indexed"]);
    let e = err(a.slice(s![.., 1.., ..;2, ...]));
    assert_eq!(e, Error::TooManyIndices { ndim: 2, given: 3 });
    let e = err(a.get(&[0, 0, 0]));
    assert_eq!(e, Error::TooManyIndices { ndim: 2, given: 3 });
    let e = err(Array::from_scalar(1.5f64).slice(s![0]));
    assert_eq!(e, Error::TooManyIndices { ndim: 0, given: 1 });

    // --- zero slice step, two ellipses -----------------------------------------------------
    let e = err(a.slice(s![..;0]));
    assert!(
        matches!(&e, Error::InvalidSlice { reason } if reason.contains("zero")),
        "{e:?}"
    );
    names(&e, &["step", "zero"]);
    let e = err(a.slice([SliceArg::FULL, SliceArg::stepped(1.., 0)]));
    assert!(matches!(&e, Error::InvalidSlice { .. }), "{e:?}");
    let e = err(a.slice(s![..., 0, ...]));
    assert!(
        matches!(&e, Error::InvalidSlice { reason } if reason.contains("ellipsis")),
        "{e:?}"
    );
    names(&e, &["single ellipsis"]);

    // --- broadcast mismatch -----------------------------------------------------------------
    let e = err(broadcast_shapes(&[&[2, 3], &[4]]));
    assert_eq!(
        e,
        Error::BroadcastMismatch {
            shapes: vec![vec![2, 3], vec![4]]
        }
    );
    names(&e, &["[2, 3]", "[4]"]);
    let e = err(
        broadcast_shapes(&[&[1, 3], &[5, 1], &[2, 1, 1]]).and_then(|_| {
            broadcast_shapes(&[&[0], &[2]]) // 0 and 2 do not broadcast
        }),
    );
    assert_eq!(
        e,
        Error::BroadcastMismatch {
            shapes: vec![vec![0], vec![2]]
        }
    );
    let e = err(a.broadcast_to([3, 3]));
    assert_eq!(
        e,
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![3, 3]
        }
    );
    names(&e, &["[2, 3]", "[3, 3]"]);
    let e = err(a.broadcast_to([3]));
    assert_eq!(
        e,
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![3]
        }
    );
    let e = err(oxarray_core::broadcast_to(&a, &[2, 0]));
    assert_eq!(
        e,
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![2, 0]
        }
    );
    let e = err(oxarray_core::broadcast_arrays(&[
        a.view(),
        Array::<i64>::zeros([4]).unwrap().view(),
    ]));
    assert_eq!(
        e,
        Error::BroadcastMismatch {
            shapes: vec![vec![2, 3], vec![4]]
        }
    );
    let mut dst = Array::<i64>::zeros([2, 3]).unwrap();
    let src = Array::<i64>::zeros([2]).unwrap();
    let e = err(copyto(&mut dst.view_mut(), src.view(), None));
    assert_eq!(
        e,
        Error::BroadcastTo {
            from: vec![2],
            to: vec![2, 3]
        }
    );
    let e = err(dst.assign(&src));
    assert_eq!(
        e,
        Error::BroadcastTo {
            from: vec![2],
            to: vec![2, 3]
        }
    );
    let mask = Array::from_vec(vec![true, false], [2, 1, 1]).unwrap();
    let ok_src = Array::<i64>::ones([3]).unwrap();
    let e = err(copyto(
        &mut dst.view_mut(),
        ok_src.view(),
        Some(&mask.view()),
    ));
    assert_eq!(
        e,
        Error::BroadcastTo {
            from: vec![2, 1, 1],
            to: vec![2, 3]
        }
    );
    assert_eq!(dst.to_vec(), vec![0; 6], "a failed copyto writes nothing");

    // --- bad strides ------------------------------------------------------------------------
    let x = Array::<i32>::arange(0, 6, 1).unwrap();
    let e = err(x.view().try_as_strided(&[4, 3], &[2, 1]));
    assert!(
        matches!(&e, Error::InvalidStrides { shape, strides, .. } if shape == &[4, 3] && strides == &[2, 1]),
        "{e:?}"
    );
    names(&e, &["[2, 1]", "[4, 3]", "elements 0..=8", "6 elements"]);
    let e = err(x.view().try_as_strided(&[2], &[-1]));
    assert!(
        matches!(&e, Error::InvalidStrides { shape, strides, .. } if shape == &[2] && strides == &[-1]),
        "{e:?}"
    );
    let e = err(x.view().try_as_strided(&[2, 2], &[1]));
    assert!(matches!(&e, Error::InvalidStrides { .. }), "{e:?}");
    let stepped = x.slice(s![..;2]).unwrap();
    let e = err(stepped.try_as_strided(&[2], &[1]));
    assert!(
        matches!(&e, Error::InvalidStrides { reason, .. } if reason.contains("contiguous")),
        "{e:?}"
    );

    // --- window too large -------------------------------------------------------------------
    let e = err(x.view().sliding_window_view(&[7], None));
    assert_eq!(
        e,
        Error::WindowTooLarge {
            shape: vec![6],
            window: vec![7],
            axes: vec![0]
        }
    );
    names(&e, &["[7]", "[6]", "[0]"]);
    // The same axis windowed twice: 6 -> 3 after a window of 4, too short for 4 more.
    let e = err(x.view().sliding_window_view(&[4, 4], Some(&[0, -1])));
    assert_eq!(
        e,
        Error::WindowTooLarge {
            shape: vec![6],
            window: vec![4, 4],
            axes: vec![0, 0]
        }
    );
    let e = err(a.view().sliding_window_view(&[2], Some(&[2])));
    assert_eq!(e, Error::AxisOutOfBounds { axis: 2, ndim: 2 });
    let e = err(a.view().sliding_window_view(&[2], None));
    assert!(
        matches!(
            &e,
            Error::InvalidArgument {
                name: "window_shape",
                ..
            }
        ),
        "{e:?}"
    );

    // --- overflowing sizes ------------------------------------------------------------------
    let e = err(Array::<f64>::zeros([usize::MAX, 2]));
    assert_eq!(
        e,
        Error::SizeOverflow {
            shape: vec![usize::MAX, 2],
            itemsize: 8
        }
    );
    names(&e, &[&usize::MAX.to_string(), "8-byte"]);
    let e = err(Array::<f64>::zeros([1 << 62, 4]));
    assert_eq!(
        e,
        Error::SizeOverflow {
            shape: vec![1 << 62, 4],
            itemsize: 8
        }
    );
    // Fits in elements, not in bytes.
    let e = err(Array::<f64>::zeros([1 << 61]));
    assert_eq!(
        e,
        Error::SizeOverflow {
            shape: vec![1 << 61],
            itemsize: 8
        }
    );
    let e = err(Array::<u8>::zeros_order([1 << 40, 1 << 40], Order::F));
    assert_eq!(
        e,
        Error::SizeOverflow {
            shape: vec![1 << 40, 1 << 40],
            itemsize: 1
        }
    );
    let e = err(Array::<i32>::full([usize::MAX, 3], 7));
    assert!(
        matches!(&e, Error::SizeOverflow { itemsize: 4, .. }),
        "{e:?}"
    );
    let e = err(Array::<i16>::ones([1 << 32, 1 << 32]));
    assert!(
        matches!(&e, Error::SizeOverflow { itemsize: 2, .. }),
        "{e:?}"
    );
    let e = err(Array::<f32>::from_shape_fn([usize::MAX, 2], |_| 0.0));
    assert!(matches!(&e, Error::SizeOverflow { .. }), "{e:?}");
    let e = err(Array::<f64>::from_vec(vec![], [usize::MAX, 2]));
    assert!(matches!(&e, Error::SizeOverflow { .. }), "{e:?}");
    let e = err(Array::<i64>::eye(1 << 32));
    assert!(matches!(&e, Error::SizeOverflow { .. }), "{e:?}");

    // --- arange step 0 ----------------------------------------------------------------------
    let e = err(Array::<i64>::arange(0, 10, 0));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "step", value, .. } if value == "0"),
        "{e:?}"
    );
    names(&e, &["step = 0", "non-zero"]);
    let e = err(Array::<f64>::arange(0.0, 1.0, 0.0));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "step", .. }),
        "{e:?}"
    );
    let e = err(Array::<f64>::arange(0.0, 1.0, f64::NAN));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "step", .. }),
        "{e:?}"
    );
    let e = err(Array::<u8>::arange(5, 1, 0));
    assert!(
        matches!(&e, Error::InvalidArgument { name: "step", .. }),
        "{e:?}"
    );
}

/// The operator forms panic with the same message as the `Result` forms.
#[test]
fn index_operator_panics_name_the_index() {
    let a = m23();
    let msg = catch_unwind(AssertUnwindSafe(|| a[[1, 3]]))
        .expect_err("out of bounds")
        .downcast::<String>()
        .expect("a formatted message");
    assert!(
        msg.contains("index 3") && msg.contains("axis 1") && msg.contains("size 3"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------------
// Regressions: bugs found while writing these tests. Each input once panicked or was silently
// accepted; each must return a result, as NumPy does.

/// NumPy: `sliding_window_view(np.arange(5), 0).shape == (6, 0)`. oxarray panicked computing
/// `w - 1` for `w == 0` (strided.rs, `sliding_window_view`).
#[test]
fn sliding_window_of_length_zero_is_empty() {
    let x = Array::<i64>::arange(0, 5, 1).unwrap();
    let result = catch_unwind(AssertUnwindSafe(|| {
        x.view()
            .sliding_window_view(&[0], None)
            .map(|w| w.shape().to_vec())
    }));
    match result {
        Ok(Ok(shape)) => assert_eq!(shape, vec![6, 0]),
        Ok(Err(e)) => {
            // An error naming the window is acceptable too; a panic is not.
            assert!(
                matches!(
                    e,
                    Error::WindowTooLarge { .. } | Error::InvalidArgument { .. }
                ),
                "{e:?}"
            );
        }
        Err(_) => panic!("sliding_window_view(&[0]) panicked"),
    }
}

/// NumPy: `np.arange(12).reshape(3, 4)[::sys.maxsize] == [[0, 1, 2, 3]]` and
/// `np.arange(10)[::-sys.maxsize - 1] == [9]`. oxarray overflowed `stride * step` (slice.rs,
/// `apply_slice`) and `-step` (slice.rs, `resolve_range`).
#[test]
fn extreme_slice_steps_do_not_overflow() {
    let m = Array::<i64>::arange(0, 12, 1)
        .unwrap()
        .into_shape([3, 4])
        .unwrap();
    let up = catch_unwind(AssertUnwindSafe(|| {
        m.slice(s![..;isize::MAX]).map(|v| v.to_vec())
    }));
    assert_eq!(
        up.ok().and_then(|r| r.ok()),
        Some(vec![0, 1, 2, 3]),
        "step isize::MAX"
    );
    let x = Array::<i64>::arange(0, 10, 1).unwrap();
    let down = catch_unwind(AssertUnwindSafe(|| {
        x.slice(s![..;isize::MIN]).map(|v| v.to_vec())
    }));
    assert_eq!(
        down.ok().and_then(|r| r.ok()),
        Some(vec![9]),
        "step isize::MIN"
    );
}

/// `try_as_strided` with a large shape and stride must return `InvalidStrides`; oxarray
/// overflowed `(len - 1) * stride` in `Layout::offset_span` (layout.rs).
#[test]
fn try_as_strided_with_huge_strides_is_an_error() {
    let x = Array::<u8>::zeros([8]).unwrap();
    let result = catch_unwind(AssertUnwindSafe(|| {
        x.view()
            .try_as_strided(&[1 << 40], &[1 << 30])
            .map(|v| v.len())
    }));
    match result {
        Ok(Err(Error::InvalidStrides { .. })) => {}
        Ok(other) => panic!("expected InvalidStrides, got {other:?}"),
        Err(_) => panic!("try_as_strided panicked"),
    }
}

/// NumPy raises "repeated axis" for `np.flip(a, (0, 0))` and "duplicate value in 'axis'" for
/// `np.squeeze(a, (0, 0))`; oxarray flipped twice (a silent no-op) and squeezed once.
#[test]
fn repeated_axes_in_flip_and_squeeze_are_errors() {
    let a = m23();
    let flip = a.flip(Some(&[0, -2])).map(|v| v.to_vec());
    assert!(
        matches!(flip, Err(Error::RepeatedAxis { axis: 0, .. })),
        "flip((0, -2)) gave {flip:?}"
    );
    let b = Array::<i64>::zeros([1, 3]).unwrap();
    let squeeze = b.squeeze(Some(&[0, 0])).map(|v| v.shape().to_vec());
    assert!(
        matches!(squeeze, Err(Error::RepeatedAxis { axis: 0, .. })),
        "squeeze((0, 0)) gave {squeeze:?}"
    );
}
