//! Behaviour of fused expressions: the NumPy forms, in-place updates, large inputs (the
//! threaded, run-cutting and streaming-store paths), memory orders and errors.

use oxarray_core::{Array, Error, Order, array, s};
use oxarray_ufunc::{lazy, splat, update};

fn arange(n: usize) -> Array<f64> {
    Array::from_vec((0..n).map(|i| i as f64).collect(), [n]).unwrap()
}

#[test]
fn numpy_forms() {
    // (A typed literal: scalar-on-the-left operators need the element type known.)
    let x = array![1.0f64, 2.0, 3.0];
    assert_eq!(
        (lazy(&x) * 2.5 + 1.2).eval().unwrap().to_vec(),
        vec![3.7, 6.2, 8.7]
    );
    assert_eq!(
        (2.5 * lazy(&x) + 1.2).eval().unwrap().to_vec(),
        vec![3.7, 6.2, 8.7]
    );
    assert_eq!(
        (1.0 - lazy(&x)).eval().unwrap().to_vec(),
        vec![0.0, -1.0, -2.0]
    );
    assert_eq!(
        (6.0 / lazy(&x)).eval().unwrap().to_vec(),
        vec![6.0, 3.0, 2.0]
    );
    assert_eq!((-lazy(&x)).eval().unwrap().to_vec(), vec![-1.0, -2.0, -3.0]);
    assert_eq!(
        lazy(&x).square().sqrt().eval().unwrap().to_vec(),
        x.to_vec()
    );
    assert_eq!(
        (lazy(&x) * lazy(x.view())).eval().unwrap().to_vec(),
        vec![1.0, 4.0, 9.0]
    );
    assert_eq!(
        (lazy(&x) + splat(1.0)).eval().unwrap().to_vec(),
        vec![2.0, 3.0, 4.0]
    );
    assert_eq!(
        lazy(&x).power(2.0).eval().unwrap().to_vec(),
        vec![1.0, 4.0, 9.0]
    );
    let y = lazy(&x).less_equal(2.0).select(&x, 0.0).eval().unwrap();
    assert_eq!(y.to_vec(), vec![1.0, 2.0, 0.0]);
    let mask = (lazy(&x).greater(1.0) & lazy(&x).less(3.0)).eval().unwrap();
    assert_eq!(mask.to_vec(), vec![false, true, false]);
    assert_eq!(
        (!lazy(&mask)).eval().unwrap().to_vec(),
        vec![true, false, true]
    );
    let u = (lazy(&x) * 50.0).cast::<u8>().eval().unwrap();
    assert_eq!(u.to_vec(), vec![50u8, 100, 150]);
    let f = lazy(&x).cast::<f32>().eval().unwrap();
    assert_eq!(f.to_vec(), vec![1.0f32, 2.0, 3.0]);
}

#[test]
fn scalar_only_expressions_are_zero_dimensional() {
    let z = (lazy(2.0) * 3.0 + 1.0).eval().unwrap();
    assert_eq!(z.shape(), &[] as &[usize]);
    assert_eq!(z.to_vec(), vec![7.0]);
    // Into an output, a scalar expression fills it.
    let mut out = Array::<f64>::zeros([2, 2]).unwrap();
    (lazy(1.5) + 1.0).eval_into(&mut out).unwrap();
    assert_eq!(out.to_vec(), vec![2.5; 4]);
}

#[test]
fn broadcasting_columns_rows_and_outer_products() {
    let m = Array::from_shape_fn([3, 4], |i| (i[0] * 4 + i[1]) as f64).unwrap();
    let mu = array![1.0, 2.0, 3.0, 4.0];
    let col = array![[10.0], [20.0], [30.0]];
    let z = ((lazy(&m) - &mu) * &col).eval().unwrap();
    let want: Vec<f64> = (0..12)
        .map(|k| ((k as f64) - mu[[k % 4]]) * col[[k / 4, 0]])
        .collect();
    assert_eq!(z.to_vec(), want);
    // An outer product from two vectors.
    let outer = (lazy(&col) * &mu).eval().unwrap();
    assert_eq!(outer.shape(), &[3, 4]);
    assert_eq!(outer[[2, 3]], 120.0);
    // Inputs of lower rank broadcast into a larger `out`, as NumPy's out= allows.
    let mut big = Array::<f64>::zeros([2, 3, 4]).unwrap();
    (lazy(&m) + 1.0).eval_into(&mut big).unwrap();
    assert_eq!(
        big.slice(s![1, .., ..]).unwrap().to_vec(),
        (lazy(&m) + 1.0).eval().unwrap().to_vec()
    );
}

#[test]
fn in_place_updates() {
    let mut x = Array::<f64>::ones([1000, 7]).unwrap();
    update(&mut x, |x| {
        let t = x * 5.0;
        let u = t.clone() * t;
        u.clone() + u
    })
    .unwrap();
    assert!(x.iter().all(|&v| v == 50.0));
    // On a strided, reversed slice: only that slice changes.
    let mut y = arange(10);
    update(y.slice_mut(s![..;-2]).unwrap(), |v| v * 10.0).unwrap();
    assert_eq!(
        y.to_vec(),
        vec![0., 10., 2., 30., 4., 50., 6., 70., 8., 90.]
    );
    // With another array broadcast in, through a reborrowed view.
    let mut m = Array::<f64>::zeros([2, 3]).unwrap();
    let row = array![1.0, 2.0, 3.0];
    let mut view = m.view_mut();
    update(&mut view, |v| v + &row).unwrap();
    update(&mut view, |v| v.clone() * v).unwrap();
    assert_eq!(m.to_vec(), vec![1.0, 4.0, 9.0, 1.0, 4.0, 9.0]);
    // Identity and constant updates.
    update(&mut m, |v| v).unwrap();
    assert_eq!(m.to_vec(), vec![1.0, 4.0, 9.0, 1.0, 4.0, 9.0]);
    update(&mut m, |_| 0.5).unwrap();
    assert_eq!(m.to_vec(), vec![0.5; 6]);
}

#[test]
fn update_of_a_shared_array_copies_on_write() {
    let mut x = arange(4);
    let keep = x.clone();
    update(&mut x, |v| v + 1.0).unwrap();
    assert_eq!(x.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
    assert_eq!(keep.to_vec(), vec![0.0, 1.0, 2.0, 3.0]);
}

/// Sizes past the thread threshold, a single contiguous run (cut into segments), many short
/// runs, a transposed output, and an output past the streaming-store threshold.
#[test]
fn large_inputs_take_every_path() {
    let n = 300_001;
    let x = arange(n);
    let y = (lazy(&x) * 2.5 + 1.2).eval().unwrap();
    assert!(
        y.iter()
            .enumerate()
            .all(|(i, &v)| v == i as f64 * 2.5 + 1.2)
    );

    let m = Array::from_shape_fn([700, 301], |i| (i[0] * 301 + i[1]) as f64).unwrap();
    let mu = Array::from_shape_fn([301], |i| i[0] as f64).unwrap();
    let z = ((lazy(&m) - &mu) / 2.0).eval().unwrap();
    assert!(
        z.iter()
            .enumerate()
            .all(|(k, &v)| v == ((k - k % 301) as f64) / 2.0)
    );
    // A transposed input: the result follows its (F) order and is still right.
    let t = (lazy(&m.t()) + 0.0).eval().unwrap();
    assert!(t.is_f_contiguous());
    assert_eq!(t, m.t());
    // Into a transposed output.
    let mut out = Array::<f64>::zeros_order([301, 700], Order::C).unwrap();
    (lazy(&m.t()) * 1.0).eval_into(&mut out).unwrap();
    assert_eq!(out, m.t());

    // Few long runs (3 rows of 100 001 against a broadcast row): runs are cut in segments.
    let a = Array::from_shape_fn([3, 100_001], |i| (i[0] * 100_001 + i[1]) as f64).unwrap();
    let row = Array::from_shape_fn([100_001], |i| -(i[0] as f64)).unwrap();
    let r = (lazy(&a) + &row).eval().unwrap();
    assert!(
        r.iter()
            .enumerate()
            .all(|(k, &v)| v == ((k / 100_001) * 100_001) as f64)
    );
    let mut r2 = Array::<f64>::zeros([100_001, 3]).unwrap();
    update(r2.view_mut().into_t(), |v| v + &a + &row).unwrap();
    assert_eq!(r2.t(), r);

    // 5 M f64 = 40 MB: written with streaming stores.
    let big = arange(5_000_000);
    let mut dst = Array::<f64>::zeros([5_000_000]).unwrap();
    (lazy(&big) - 1.0).eval_into(&mut dst).unwrap();
    assert!(dst.iter().enumerate().all(|(i, &v)| v == i as f64 - 1.0));
    // A streamed root that is a plain leaf (a copy) and one that is a splat.
    let copy = lazy(&big).eval().unwrap();
    assert_eq!(copy, big);
    (lazy(3.0) + 0.0).eval_into(&mut dst).unwrap();
    assert!(dst.iter().all(|&v| v == 3.0));
    update(&mut dst, |v| v.clone() * v + &big).unwrap();
    assert!(dst.iter().enumerate().all(|(i, &v)| v == 9.0 + i as f64));

    // Streaming stores of one-byte elements (64 to a line), from an odd start.
    let n = 34_000_003;
    let bytes = Array::from_shape_fn([n], |i| (i[0] % 251) as u8).unwrap();
    let tail = bytes.slice(s![3..]).unwrap();
    let plus = (lazy(&tail) + 1u8).eval().unwrap();
    assert!(
        plus.iter()
            .enumerate()
            .all(|(i, &v)| v == ((i + 3) % 251) as u8 + 1)
    );
}

#[test]
fn empty_and_size_one_axes() {
    let e = Array::<f64>::zeros([0, 3]).unwrap();
    let r = (lazy(&e) * 2.0 + 1.0).eval().unwrap();
    assert_eq!(r.shape(), &[0, 3]);
    let row = array![1.0, 2.0, 3.0];
    assert_eq!((lazy(&e) + &row).eval().unwrap().shape(), &[0, 3]);
    let mut m = Array::<f64>::zeros([0, 3]).unwrap();
    update(&mut m, |v| v + 1.0).unwrap();
    let one = Array::<f64>::ones([1, 1, 1]).unwrap();
    assert_eq!((lazy(&one) + &row).eval().unwrap().shape(), &[1, 1, 3]);
}

#[test]
fn errors_name_the_shapes() {
    let a = Array::<f64>::zeros([2, 3]).unwrap();
    let b = Array::<f64>::zeros([4]).unwrap();
    let c = Array::<f64>::zeros([3]).unwrap();
    let err = ((lazy(&a) + &c) * &b).eval().unwrap_err();
    assert_eq!(
        err,
        Error::BroadcastMismatch {
            shapes: vec![vec![2, 3], vec![3], vec![4]]
        }
    );
    assert!(err.to_string().contains("(2, 3)") || err.to_string().contains("[2, 3]"));
    assert!(((lazy(&a) + &c) * &b).shape().is_err());
    assert_eq!((lazy(&a) + &c).shape().unwrap(), vec![2, 3]);

    // An output the operands do not broadcast to.
    let mut out = Array::<f64>::zeros([3, 2]).unwrap();
    assert_eq!(
        (lazy(&a) * 2.0).eval_into(&mut out).unwrap_err(),
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![3, 2]
        }
    );
    let mut small = Array::<f64>::zeros([3]).unwrap();
    assert!(matches!(
        (lazy(&a) + 1.0).eval_into(&mut small),
        Err(Error::BroadcastTo { .. })
    ));
    // In place: the operands must fit the destination, which is left untouched on error.
    let mut x = Array::<f64>::ones([3]).unwrap();
    let err = update(&mut x, |v| v + &a).unwrap_err();
    assert_eq!(
        err,
        Error::BroadcastTo {
            from: vec![2, 3],
            to: vec![3]
        }
    );
    assert!(matches!(
        update(&mut x, |v| v + &b),
        Err(Error::BroadcastMismatch { .. })
    ));
    assert_eq!(x.to_vec(), vec![1.0; 3]);
}

#[test]
fn integer_and_float32_expressions() {
    let a = array![7i64, -7, 5, i64::MIN];
    let b = array![2i64, 2, 0, -1];
    let floor = lazy(&a).floor_divide(&b).eval().unwrap();
    assert_eq!(floor.to_vec(), vec![3, -4, 0, i64::MIN]);
    // `/` on integers is NumPy's true division, and `sqrt` of integers is f64.
    let q = (lazy(&a) / &b).eval().unwrap().to_vec();
    assert_eq!(q[..2], [3.5, -3.5]);
    assert!(q[2].is_infinite());
    assert_eq!(
        lazy(&a).sqrt().eval().unwrap().dtype(),
        oxarray_core::DType::F64
    );
    assert_eq!((lazy(&a) % &b).eval().unwrap().to_vec(), vec![1, 1, 0, 0]);
    assert_eq!(
        lazy(&a).maximum(0).eval().unwrap().to_vec(),
        vec![7, 0, 5, 0]
    );
    assert_eq!((lazy(&a) & 3).eval().unwrap().to_vec(), vec![3, 1, 1, 0]);
    let u = array![1u8, 200];
    assert_eq!((lazy(&u) * 2).eval().unwrap().to_vec(), vec![2u8, 144]);
    let f = array![1.0f32, 4.0, 9.0];
    assert_eq!(
        (lazy(&f).sqrt() * 2.0f32).eval().unwrap().to_vec(),
        vec![2.0f32, 4.0, 6.0]
    );
}

#[test]
fn half_and_complex_elements() {
    use oxarray_core::{Complex64, f16};
    let h = Array::from_vec(vec![f16::from_f32(1.5), f16::from_f32(-2.0)], [2]).unwrap();
    let r = (lazy(&h) * f16::from_f32(2.0) + f16::ONE).eval().unwrap();
    assert_eq!(r.to_vec(), vec![f16::from_f32(4.0), f16::from_f32(-3.0)]);
    let z = Array::from_vec(
        vec![Complex64::new(1.0, 2.0), Complex64::new(0.0, -1.0)],
        [2],
    )
    .unwrap();
    let w = (lazy(&z) * Complex64::new(0.0, 1.0)).conj().eval().unwrap();
    assert_eq!(
        w.to_vec(),
        vec![Complex64::new(-2.0, -1.0), Complex64::new(1.0, 0.0)]
    );
    assert_eq!(lazy(&z).abs().eval().unwrap().to_vec()[1], 1.0);
}

#[test]
fn expressions_are_reusable_and_printable() {
    let x = array![1.0, 2.0];
    let e = lazy(&x) * 2.5 + 1.2;
    let mut out = Array::<f64>::zeros([2]).unwrap();
    e.eval_into(&mut out).unwrap();
    e.eval_into(&mut out).unwrap();
    assert_eq!(out.to_vec(), e.eval().unwrap().to_vec());
    assert_eq!(format!("{e:?}"), "Lazy(add(multiply(array[2], 2.5), 1.2))");
}
