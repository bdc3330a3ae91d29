//! Behaviour of the elementwise API: result types, broadcasting errors, `out=`, `where=`, in
//! place, result layouts, empty and 0-d arrays, run-time dtypes and promotion.

use oxarray_core::{Array, Complex64, DType, Error, array, f16, s};
use oxarray_ufunc::{self as uf, ops};

#[test]
fn result_types_follow_numpy() {
    let i = array![1i32, 4, 9];
    let r: Array<f64> = uf::sqrt(&i).unwrap();
    assert_eq!(r.to_vec(), vec![1.0, 2.0, 3.0]);
    let r: Array<f16> = uf::sqrt(&array![4u8]).unwrap();
    assert_eq!(r.to_vec(), vec![f16::from_f32(2.0)]);
    let r: Array<f32> = uf::exp(&array![0i16]).unwrap();
    assert_eq!(r.to_vec(), vec![1.0]);
    let r: Array<f64> = uf::divide(&array![1i64, -7], &array![2i64, 0]).unwrap();
    assert_eq!(r.to_vec(), vec![0.5, f64::NEG_INFINITY]);
    let r: Array<bool> = uf::less(&array![1u8, 5], 3).unwrap();
    assert_eq!(r.to_vec(), vec![true, false]);
    let r: Array<f64> = uf::abs(&array![Complex64::new(3.0, 4.0)]).unwrap();
    assert_eq!(r.to_vec(), vec![5.0]);
    let r: Array<i8> = uf::square(&array![true, false]).unwrap();
    assert_eq!(r.to_vec(), vec![1, 0]);
}

#[test]
fn integer_semantics_follow_numpy() {
    let a = array![i8::MAX, i8::MIN, -7, 7, 5];
    let b = array![1i8, -1, 2, -2, 0];
    assert_eq!(
        uf::add(&a, &b).unwrap().to_vec(),
        vec![i8::MIN, i8::MAX, -5, 5, 5]
    );
    assert_eq!(
        uf::floor_divide(&a, &b).unwrap().to_vec(),
        vec![127, i8::MIN, -4, -4, 0]
    );
    assert_eq!(
        uf::remainder(&a, &b).unwrap().to_vec(),
        vec![0, 0, 1, -1, 0]
    );
    assert_eq!(
        uf::power(&array![3i8, 2, -1], &array![5i8, 7, 3])
            .unwrap()
            .to_vec(),
        vec![-13, -128, -1]
    );
    assert_eq!(
        uf::negative(&array![0u8, 1]).unwrap().to_vec(),
        vec![0, 255]
    );
    assert_eq!(uf::abs(&array![i32::MIN]).unwrap().to_vec(), vec![i32::MIN]);
    assert_eq!(
        uf::left_shift(&array![1u8, 1], &array![7u8, 8])
            .unwrap()
            .to_vec(),
        vec![128, 0]
    );
    assert_eq!(
        uf::right_shift(&array![-16i32, -16], &array![2i32, 40])
            .unwrap()
            .to_vec(),
        vec![-4, -1]
    );
}

#[test]
fn float_edge_semantics_follow_numpy() {
    let nan = f64::NAN;
    let m = uf::maximum(&array![nan, 1.0, -0.0], &array![1.0, nan, 0.0])
        .unwrap()
        .to_vec();
    assert!(m[0].is_nan() && m[1].is_nan());
    assert_eq!(m[2].to_bits(), 0.0f64.to_bits()); // the second of two equal values
    let f = uf::fmax(&array![nan, 1.0], &array![1.0, nan])
        .unwrap()
        .to_vec();
    assert_eq!(f, vec![1.0, 1.0]);
    assert_eq!(
        uf::remainder(&array![-7.0, 7.0], &array![2.0, -2.0])
            .unwrap()
            .to_vec(),
        vec![1.0, -1.0]
    );
    assert_eq!(
        uf::floor_divide(&array![-7.0], &array![2.0])
            .unwrap()
            .to_vec(),
        vec![-4.0]
    );
    assert_eq!(
        uf::sign(&array![-3.0, -0.0, 2.0]).unwrap().to_vec(),
        vec![-1.0, 0.0, 1.0]
    );
    assert_eq!(
        uf::rint(&array![0.5, 1.5, 2.5, -0.5]).unwrap().to_vec(),
        vec![0.0, 2.0, 2.0, -0.0]
    );
}

#[test]
fn shape_errors_name_the_shapes() {
    let a = Array::<f64>::zeros([2, 3]).unwrap();
    let b = Array::<f64>::zeros([4]).unwrap();
    let err = uf::add(&a, &b).unwrap_err();
    assert_eq!(
        err,
        Error::BroadcastMismatch {
            shapes: vec![vec![2, 3], vec![4]]
        }
    );
    assert!(err.to_string().contains("[2, 3] [4]"), "{err}");

    // out= too small for the broadcast operands.
    let mut out = Array::<f64>::zeros([3]).unwrap();
    let err = uf::add_into(&a, 1.0, None, &mut out).unwrap_err();
    assert_eq!(
        err,
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![3]
        }
    );

    // A mask that does not broadcast.
    let mut out = Array::<f64>::zeros([2, 3]).unwrap();
    let mask = array![true, false];
    let err = uf::add_into(&a, 1.0, Some(&mask.view()), &mut out).unwrap_err();
    assert_eq!(
        err,
        Error::BroadcastTo {
            from: vec![2],
            to: vec![2, 3]
        }
    );

    // In place: b must broadcast to a.
    let mut small = Array::<f64>::zeros([3]).unwrap();
    let err = uf::add_inplace(&mut small, &a).unwrap_err();
    assert_eq!(
        err,
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![3]
        }
    );
}

#[test]
fn out_and_where_write_only_selected_elements() {
    let x = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
    let mut out = Array::full([2, 3], -1.0).unwrap();
    let mask = array![true, false, true]; // broadcast over rows
    uf::multiply_into(&x, 10.0, Some(&mask.view()), &mut out).unwrap();
    assert_eq!(out.to_vec(), vec![10.0, -1.0, 30.0, 40.0, -1.0, 60.0]);

    // out= a strided, reversed view of a bigger array.
    let mut big = Array::<f64>::zeros([4, 6]).unwrap();
    {
        let mut v = big.slice_mut(s![..;2, ..;-2]).unwrap();
        uf::add_into(&x, 0.5, None, &mut v).unwrap();
    }
    assert_eq!(
        big.slice(s![0, ..]).unwrap().to_vec(),
        vec![0.0, 3.5, 0.0, 2.5, 0.0, 1.5]
    );
    assert_eq!(big.slice(s![1, ..]).unwrap().to_vec(), vec![0.0; 6]);

    // Unary with out= of a different dtype than the input (sqrt of int into f64).
    let mut r = Array::<f64>::zeros([3]).unwrap();
    uf::sqrt_into(&array![1i32, 4, 9], None, &mut r).unwrap();
    assert_eq!(r.to_vec(), vec![1.0, 2.0, 3.0]);
}

#[test]
fn in_place_updates_with_broadcasting() {
    let mut x = array![[1.0, 2.0], [3.0, 4.0]];
    uf::add_inplace(&mut x, &array![10.0, 20.0]).unwrap();
    assert_eq!(x.to_vec(), vec![11.0, 22.0, 13.0, 24.0]);
    uf::multiply_inplace(&mut x, 2.0).unwrap();
    assert_eq!(x.to_vec(), vec![22.0, 44.0, 26.0, 48.0]);
    // In place on a transposed, mutable view of a clone: copy-on-write keeps the clone intact.
    let y = x.clone();
    {
        let mut t = x.view_mut().into_t();
        uf::subtract_inplace(&mut t, &array![1.0, 2.0]).unwrap();
    }
    assert_eq!(x.to_vec(), vec![21.0, 43.0, 24.0, 46.0]);
    assert_eq!(y.to_vec(), vec![22.0, 44.0, 26.0, 48.0]);
    let mut v = array![4.0, 9.0];
    uf::sqrt_inplace(&mut v).unwrap();
    assert_eq!(v.to_vec(), vec![2.0, 3.0]);
    // where= on an in-place update.
    let mut w = array![1, 2, 3, 4];
    uf::binary_inplace(
        ops::Multiply,
        &mut w,
        10,
        Some(&array![true, false, false, true].view()),
    )
    .unwrap();
    assert_eq!(w.to_vec(), vec![10, 2, 3, 40]);
}

#[test]
fn results_keep_the_memory_order_of_the_input() {
    let c = Array::<f64>::from_shape_fn([3, 4], |i| (i[0] * 4 + i[1]) as f64).unwrap();
    let f = c.t().to_owned(); // C-contiguous 4x3
    let t = f.t(); // a 3x4 F-ordered view
    let r = uf::negative(&t).unwrap();
    assert!(r.is_f_contiguous() && !r.is_c_contiguous());
    assert_eq!(
        r.to_vec(),
        c.to_vec().iter().map(|x| -x).collect::<Vec<_>>()
    );
    // A reversed input gives a C-ordered result with positive strides.
    let rev = c.slice(s![.., ..;-1]).unwrap();
    let r = uf::add(&rev, 1.0).unwrap();
    assert!(r.is_c_contiguous());
    assert_eq!(r[[0, 0]], 4.0);
    // A broadcast first operand does not decide the order: the second one does.
    let r = uf::add(&array![1.0, 2.0, 3.0], t.t().t()).unwrap_err();
    assert!(matches!(r, Error::BroadcastMismatch { .. }));
    let r = uf::add(&array![[1.0], [2.0], [3.0]], &t).unwrap();
    assert!(r.is_f_contiguous());
}

#[test]
fn empty_and_zero_dimensional_arrays() {
    let e = Array::<f64>::zeros([0, 3]).unwrap();
    let r = uf::add(&e, &array![1.0, 2.0, 3.0]).unwrap();
    assert_eq!(r.shape(), &[0, 3]);
    let r = uf::sqrt(&e).unwrap();
    assert_eq!(r.shape(), &[0, 3]);
    let z = Array::from_scalar(4.0);
    let r = uf::sqrt(&z).unwrap();
    assert_eq!(r.shape(), &[] as &[usize]);
    assert_eq!(r.item().unwrap(), 2.0);
    let r = uf::add(&z, &array![1.0, 2.0]).unwrap();
    assert_eq!(r.to_vec(), vec![5.0, 6.0]);
    assert_eq!(uf::add(1.0, 2.0).unwrap().item().unwrap(), 3.0);
}

#[test]
fn run_time_dtypes_promote_and_report_unsupported() {
    let a = array![1i8, 2].into_dyn();
    let b = array![300i16, 1].into_dyn();
    let r = uf::add_dyn(&a, &b).unwrap();
    assert_eq!(r.dtype(), oxarray_core::result_type(DType::I8, DType::I16));
    let f = array![1.5f64, 2.0].into_dyn();
    let err = uf::bitwise_and_dyn(&f, &f).unwrap_err();
    assert_eq!(
        err,
        Error::UnsupportedDType {
            op: "bitwise_and",
            dtype: DType::F64
        }
    );
    let err = uf::subtract_dyn(&array![true].into_dyn(), &array![false].into_dyn()).unwrap_err();
    assert!(matches!(
        err,
        Error::UnsupportedDType {
            op: "subtract",
            dtype: DType::Bool
        }
    ));
    let err = uf::negative_dyn(&array![true].into_dyn()).unwrap_err();
    assert!(matches!(
        err,
        Error::UnsupportedDType { op: "negative", .. }
    ));
    let r = uf::sqrt_dyn(&array![4i64].into_dyn()).unwrap();
    assert_eq!(r.dtype(), DType::F64);
    let r = uf::isnan_dyn(&array![Complex64::new(f64::NAN, 0.0)].into_dyn()).unwrap();
    assert_eq!(r.as_array::<bool>().unwrap().to_vec(), vec![true]);
}

#[test]
fn large_arrays_split_over_threads_agree_with_small_ones() {
    // Long single runs (cut into pieces), many short runs, and a strided broadcast.
    let n = 300_001;
    let x = Array::<f64>::from_shape_fn([n], |i| i[0] as f64 * 0.5).unwrap();
    let r = uf::multiply(&x, 2.0).unwrap();
    assert!(r.iter().enumerate().all(|(i, &v)| v == i as f64));
    let m = Array::<i64>::from_shape_fn([1000, 301], |i| (i[0] * 301 + i[1]) as i64).unwrap();
    let col = Array::<i64>::from_shape_fn([1000, 1], |i| -(i[0] as i64) * 301).unwrap();
    let r = uf::add(m.t(), col.t()).unwrap();
    assert_eq!(r.shape(), &[301, 1000]);
    assert!(r.iter().enumerate().all(|(k, &v)| v == (k / 1000) as i64));
    let mut y = Array::<f32>::ones([700, 700]).unwrap();
    uf::multiply_inplace(&mut y.slice_mut(s![..;-1, 1..]).unwrap(), 3.0).unwrap();
    assert_eq!(y.iter().filter(|&&v| v == 3.0).count(), 700 * 699);
}

#[test]
fn generic_entry_points_take_op_values() {
    let x = array![1.0f32, -2.0];
    assert_eq!(uf::unary(ops::Abs, &x).unwrap().to_vec(), vec![1.0, 2.0]);
    assert_eq!(
        uf::binary(ops::Hypot, &array![3.0f32], 4.0)
            .unwrap()
            .to_vec(),
        vec![5.0]
    );
    assert_eq!(
        uf::binary(ops::Copysign, &x, -1.0).unwrap().to_vec(),
        vec![-1.0, -2.0]
    );
    assert_eq!(<ops::Arctan2 as ops::Ufunc>::NAME, "arctan2");
}
