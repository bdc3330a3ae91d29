//! Regression tests for the differences from NumPy that drawing random cases with NumPy found
//! (issue 8). Each expected value is NumPy 2.4's answer to the expression in the comment above
//! it (`python -c "import numpy as np; print(...)"`), bit for bit where it says so.

use oxarray_core::{Array, Complex32, Complex64, DType, Error, array, bf16, f16};
use oxarray_ufunc as uf;
use oxarray_ufunc::ops::{Equal, Greater, GreaterEqual, Less, LessEqual, NotEqual};

fn bools(a: &oxarray_core::DynArray) -> Vec<bool> {
    a.as_array::<bool>().unwrap().to_vec()
}

#[test]
fn int64_and_uint64_compare_exactly() {
    let i = array![i64::MAX, -1, 0, 5, i64::MIN].into_dyn();
    let u = array![1u64 << 63, 0, 0, 5, u64::MAX].into_dyn();
    // np.array([2**63-1, -1, 0, 5, -2**63]) == np.array([2**63, 0, 0, 5, 2**64-1], np.uint64)
    assert_eq!(
        bools(&uf::binary_dyn(Equal, &i, &u).unwrap()),
        [false, false, true, true, false]
    );
    assert_eq!(
        bools(&uf::binary_dyn(NotEqual, &i, &u).unwrap()),
        [true, true, false, false, true]
    );
    assert_eq!(
        bools(&uf::binary_dyn(Less, &i, &u).unwrap()),
        [true, true, false, false, true]
    );
    assert_eq!(
        bools(&uf::binary_dyn(LessEqual, &i, &u).unwrap()),
        [true, true, true, true, true]
    );
    assert_eq!(
        bools(&uf::binary_dyn(Greater, &i, &u).unwrap()),
        [false, false, false, false, false]
    );
    assert_eq!(
        bools(&uf::binary_dyn(GreaterEqual, &i, &u).unwrap()),
        [false, false, true, true, false]
    );
    // Mirrored: uint64 on the left, a narrower signed type on the right, broadcast.
    // np.array([0, 2**63], np.uint64)[:, None] > np.array([-1, 3], np.int8)
    let u2 = Array::from_vec(vec![0u64, 1 << 63], [2, 1])
        .unwrap()
        .into_dyn();
    let s = array![-1i8, 3].into_dyn();
    let r = uf::binary_dyn(Greater, &u2, &s).unwrap();
    assert_eq!(r.shape(), &[2, 2]);
    assert_eq!(bools(&r), [true, false, true, true]);
    // Through float64 (the promoted type) 2**63-1 and 2**63 would be equal.
    assert_eq!(
        uf::binary_dyn(uf::ops::Add, &i, &u).unwrap().dtype(),
        DType::F64
    );
}

#[test]
fn integer_power_refuses_negative_exponents() {
    // np.array([2, 3]) ** np.array([1, -1]) -> ValueError
    let e = uf::power(&array![2i64, 3], &array![1i64, -1]).unwrap_err();
    assert_eq!(e, Error::NegativeIntegerPower { exponent: -1 });
    assert_eq!(
        e.to_string(),
        "Integers to negative integer powers are not allowed."
    );
    // A broadcast scalar exponent, another signed type, the operator-free in-place form.
    assert!(matches!(
        uf::power(&array![2i8, 3], -2i8),
        Err(Error::NegativeIntegerPower { exponent: -2 })
    ));
    let mut x = array![2i32, 3];
    assert!(uf::power_inplace(&mut x, &array![-1i32, 0]).is_err());
    assert_eq!(
        x.to_vec(),
        [2, 3],
        "a refused power leaves its output untouched"
    );
    // np.array([2, 3]) ** np.array([0, 3]) -> [1, 27]; unsigned exponents never refuse.
    assert_eq!(
        uf::power(&array![2i64, 3], &array![0i64, 3])
            .unwrap()
            .to_vec(),
        [1, 27]
    );
    assert_eq!(uf::power(&array![2u8], 7u8).unwrap().to_vec(), [128]);
}

#[test]
fn index_and_overflow_problems_have_their_own_errors() {
    // np.arange(12).reshape(3, 4)[[0, 1], [0, 1, 2]] -> IndexError: shape mismatch: indexing
    // arrays could not be broadcast together with shapes (2,) (3,)
    let a = Array::from_shape_fn([3, 4], |i| (i[0] * 4 + i[1]) as i64).unwrap();
    let e = a
        .index(oxarray_core::idx![&[0, 1], &[0, 1, 2]])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)"
    );
    // np.arange(3)[..., ...] -> IndexError: an index can only have a single ellipsis ('...')
    let e = a.slice(oxarray_core::s![..., ...]).unwrap_err();
    assert_eq!(e, Error::MultipleEllipsis);
    // np.array([1], np.uint8) + 300 -> OverflowError: Python integer 300 out of bounds for uint8
    let e = oxarray_core::promote::result_type_with_scalar(
        DType::U8,
        oxarray_core::promote::PyScalar::Int(300),
    )
    .unwrap_err();
    assert_eq!(
        e,
        Error::IntegerOutOfBounds {
            value: 300,
            dtype: DType::U8
        }
    );
    assert_eq!(e.to_string(), "Python integer 300 out of bounds for uint8");
}

#[test]
fn casts_to_half_types_round_once() {
    // np.float16(-7.349609375 * (1 - 2**-45)) -> -7.34765625 (bits 0xc759)
    let x = array![-7.349609375f64 * (1.0 - 2f64.powi(-45))];
    assert_eq!(x.astype::<f16>().to_vec()[0].to_bits(), 0xc759);
    assert_eq!(x.astype::<f16>().to_vec()[0].to_f64(), -7.34765625);
    // float32 bits 0xC4D68001 (-1716.0001) -> bfloat16 -1720.0 (nearest even, as ml_dtypes)
    let y = array![f32::from_bits(0xC4D6_8001)];
    assert_eq!(y.astype::<bf16>().to_vec()[0].to_f32(), -1720.0);
    // ... and from float64 of the same value.
    assert_eq!(
        y.astype::<f64>().astype::<bf16>().to_vec()[0].to_f32(),
        -1720.0
    );
    // Ties go to even; above the largest finite value is infinity; NaN stays NaN.
    let z = array![
        1.0f64 + 2f64.powi(-8),
        1.0 + 3.0 * 2f64.powi(-8),
        1e300,
        f64::NAN
    ];
    let b: Vec<f32> = z
        .astype::<bf16>()
        .to_vec()
        .iter()
        .map(|v| v.to_f32())
        .collect();
    assert_eq!(b[0], 1.0);
    assert_eq!(b[1], 1.0 + 4.0 * 2f32.powi(-8));
    assert_eq!(b[2], f32::INFINITY);
    assert!(b[3].is_nan());
    // A large integer rounds once: 2**60 + 2**52 + 1 is just above a bfloat16 tie.
    let big = array![(1i64 << 60) + (1 << 52) + 1];
    assert_eq!(
        big.astype::<bf16>().to_vec()[0].to_f64(),
        ((1u64 << 60) + (1 << 53)) as f64
    );
}

#[test]
fn complex_special_values_follow_annex_g() {
    let inf = f64::INFINITY;
    // np.exp(np.array([inf+0j, -inf+0j, complex(inf, nan), complex(nan, 0), complex(-inf, inf)]))
    //   -> [inf+0j, 0+0j, inf+nanj, nan+0j, 0+0j]
    let z = Array::from_vec(
        vec![
            Complex64::new(inf, 0.0),
            Complex64::new(-inf, 0.0),
            Complex64::new(inf, f64::NAN),
            Complex64::new(f64::NAN, 0.0),
            Complex64::new(-inf, inf),
        ],
        [5],
    )
    .unwrap();
    let e = uf::exp(&z).unwrap().to_vec();
    assert_eq!((e[0].re, e[0].im), (inf, 0.0));
    assert_eq!((e[1].re, e[1].im), (0.0, 0.0));
    assert!(e[2].re == inf && e[2].im.is_nan());
    assert!(e[3].re.is_nan() && e[3].im == 0.0);
    assert_eq!((e[4].re, e[4].im), (0.0, 0.0));
    // np.exp(np.array([710+1e-300j])) -> inf+2.23399477e+08j (glibc's scaling)
    let big = uf::exp(&array![Complex64::new(710.0, 1e-300)])
        .unwrap()
        .to_vec()[0];
    assert_eq!(big.re, inf);
    assert!((big.im / 2.23399477e8 - 1.0).abs() < 1e-8, "{big}");

    // np.square(np.array([1e300+infj, 1e200+1e200j, inf+1j])) -> [-inf+infj, -inf+infj, inf+infj]
    let s = uf::square(&array![
        Complex64::new(1e300, inf),
        Complex64::new(1e200, 1e200),
        Complex64::new(inf, 1.0)
    ])
    .unwrap()
    .to_vec();
    assert_eq!((s[0].re, s[0].im), (-inf, inf));
    assert_eq!((s[1].re, s[1].im), (-inf, inf));
    assert_eq!((s[2].re, s[2].im), (inf, inf));
    // np.square(np.complex64(0.1+0.3j)) -> the fused re*re - im*im: -0.08 (not -0.07999999)
    let s32 = uf::square(&array![Complex32::new(0.1, 0.3)])
        .unwrap()
        .to_vec()[0];
    assert_eq!(s32.re, 0.1f32.mul_add(0.1, -(0.3f32 * 0.3)));

    // np.array([complex(inf, nan)]) ** np.array([-0.5+0.5j]) -> [0j]
    let p = uf::power(
        &array![Complex64::new(inf, f64::NAN)],
        &array![Complex64::new(-0.5, 0.5)],
    )
    .unwrap()
    .to_vec()[0];
    assert_eq!((p.re, p.im), (0.0, 0.0));

    // np.prod(np.array(complex(inf, nan))) -> nan+nanj (the identity times x); np.prod(2+3j)
    let x0 = Array::from_vec(vec![Complex64::new(inf, f64::NAN)], []).unwrap();
    let p0 = uf::prod(&x0, None, false).unwrap().to_vec()[0];
    assert!(p0.re.is_nan() && p0.im.is_nan(), "{p0}");
    let x1 = Array::from_vec(vec![Complex64::new(2.0, 3.0)], []).unwrap();
    assert_eq!(
        uf::prod(&x1, None, false).unwrap().to_vec()[0],
        Complex64::new(2.0, 3.0)
    );
}

#[test]
fn fmin_fmax_quiet_a_signalling_nan() {
    let snan = f64::from_bits(0x7ff0_0000_0000_0001);
    let qnan = f64::NAN;
    let bits = |a: Array<f64>| a.to_vec()[0].to_bits();
    // np.fmin(s, 1.0), np.fmin(1.0, s), np.fmax(1.0, s) -> 0x7ff8000000000001
    assert_eq!(
        bits(uf::fmin(&array![snan], &array![1.0]).unwrap()),
        0x7ff8_0000_0000_0001
    );
    assert_eq!(
        bits(uf::fmin(&array![1.0], &array![snan]).unwrap()),
        0x7ff8_0000_0000_0001
    );
    assert_eq!(
        bits(uf::fmax(&array![1.0], &array![snan]).unwrap()),
        0x7ff8_0000_0000_0001
    );
    // np.fmin(s, nan) -> 0x7ff8000000000000; np.fmin(nan, 1.0) -> 1.0
    assert_eq!(
        bits(uf::fmin(&array![snan], &array![qnan]).unwrap()),
        0x7ff8_0000_0000_0000
    );
    assert_eq!(
        uf::fmin(&array![qnan], &array![1.0]).unwrap().to_vec(),
        [1.0]
    );
    // float32: np.fmin(float32 bits 0x7f800001, 1.0) -> bits 0x7fc00001
    let s32 = f32::from_bits(0x7f80_0001);
    assert_eq!(
        uf::fmin(&array![s32], &array![1.0f32]).unwrap().to_vec()[0].to_bits(),
        0x7fc0_0001
    );
    // np.minimum keeps the signalling NaN as it is: 0x7ff0000000000001
    assert_eq!(
        bits(uf::minimum(&array![snan], &array![1.0]).unwrap()),
        0x7ff0_0000_0000_0001
    );
}

#[test]
fn positive_is_a_copy() {
    // np.positive(np.array([1, -2])) -> [1, -2]; np.positive(np.array([True])) -> TypeError
    assert_eq!(uf::positive(&array![1i64, -2]).unwrap().to_vec(), [1, -2]);
    let c = uf::positive(&array![Complex64::new(-0.0, 1.0)])
        .unwrap()
        .to_vec()[0];
    assert!(c.re == 0.0 && c.re.is_sign_negative() && c.im == 1.0);
    assert!(matches!(
        uf::positive_dyn(&array![true].into_dyn()),
        Err(Error::UnsupportedDType { op: "positive", .. })
    ));
}
