//! The SIMD path against the scalar path, on every op and every dtype it supports: exact ops
//! agree bit for bit (any NaN matches any NaN), transcendental ones within 4 ulp (the bound
//! stated in the module docs). Lengths are not multiples of any register width, and the
//! operands come contiguous, as broadcast scalars (stride 0, the `x * 2.5` kernel) and strided.

use oxarray_core::{Array, Complex64, DType, DynArray, Element, Scalar, dispatch_dyn, s};
use oxarray_ufunc::ops::{self, DynBinaryOp, DynUnaryOp};
use oxarray_ufunc::{self as uf, with_scalar_kernels};

type UnaryDyn = fn(&DynArray) -> oxarray_core::Result<DynArray>;
type BinaryDyn = fn(&DynArray, &DynArray) -> oxarray_core::Result<DynArray>;

const LEN: usize = 1037;

/// A deterministic pseudo-random stream (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn float(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Sample data of a dtype: random values of every magnitude plus the edge values.
fn sample(dtype: DType, seed: u64, len: usize) -> DynArray {
    let mut rng = Rng(seed);
    match dtype.kind() {
        oxarray_core::DTypeKind::Float => {
            let edges = [
                0.0,
                -0.0,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
                1.0,
                -1.0,
                0.5,
            ];
            let v: Vec<f64> = (0..len)
                .map(|i| {
                    if i % 7 == 3 {
                        edges[(i / 7) % edges.len()]
                    } else {
                        let scale = [1.0, 10.0, 1e-3, 1e4][i % 4];
                        (rng.float() * 2.0 - 1.0) * scale
                    }
                })
                .collect();
            Array::from_vec(v, [len]).unwrap().into_dyn().astype(dtype)
        }
        oxarray_core::DTypeKind::Complex => {
            let v: Vec<Complex64> = (0..len)
                .map(|_| Complex64::new(rng.float() * 4.0 - 2.0, rng.float() * 4.0 - 2.0))
                .collect();
            Array::from_vec(v, [len]).unwrap().into_dyn().astype(dtype)
        }
        oxarray_core::DTypeKind::Bool => {
            let v: Vec<bool> = (0..len).map(|_| rng.next() & 1 == 1).collect();
            Array::from_vec(v, [len]).unwrap().into_dyn()
        }
        _ => {
            // Full-range bits half of the time (wrap-around), small values the other half
            // (powers, shifts, division).
            let v: Vec<u64> = (0..len)
                .map(|i| {
                    let r = rng.next();
                    if i % 2 == 0 {
                        r
                    } else {
                        (r % 19).wrapping_sub(9)
                    }
                })
                .collect();
            Array::from_vec(v, [len]).unwrap().into_dyn().astype(dtype)
        }
    }
}

fn ulps_apart(x: Scalar, y: Scalar, dtype: DType) -> u64 {
    let f = |a: f64, b: f64| -> u64 {
        if (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits() {
            return 0;
        }
        if a.is_nan() || b.is_nan() || a.is_infinite() || b.is_infinite() {
            return u64::MAX;
        }
        let bits = |v: f64| -> i64 {
            match dtype {
                DType::F32 | DType::C64 => {
                    let b = (v as f32).to_bits() as i32 as i64;
                    if b < 0 { i32::MIN as i64 - b } else { b }
                }
                DType::F16 => {
                    let b = half::f16::from_f64(v).to_bits() as i16 as i64;
                    if b < 0 { i16::MIN as i64 - b } else { b }
                }
                DType::BF16 => {
                    let b = half::bf16::from_f64(v).to_bits() as i16 as i64;
                    if b < 0 { i16::MIN as i64 - b } else { b }
                }
                _ => {
                    let b = v.to_bits() as i64;
                    if b < 0 { i64::MIN - b } else { b }
                }
            }
        };
        bits(a).abs_diff(bits(b))
    };
    match (x, y) {
        (Scalar::Float(a), Scalar::Float(b)) => f(a, b),
        (Scalar::Complex(a), Scalar::Complex(b)) => f(a.re, b.re).max(f(a.im, b.im)),
        (a, b) => {
            if a == b {
                0
            } else {
                u64::MAX
            }
        }
    }
}

fn assert_agree(name: &str, dtype: DType, fast: &DynArray, reference: &DynArray, ulps: u64) {
    assert_eq!(fast.dtype(), reference.dtype(), "{name}({dtype})");
    assert_eq!(fast.shape(), reference.shape(), "{name}({dtype})");
    dispatch_dyn!(fast, f: T => {
        let r = reference.as_array::<T>().unwrap();
        for (i, (x, y)) in f.iter().zip(r.iter()).enumerate() {
            let d = ulps_apart(x.to_scalar(), y.to_scalar(), fast.dtype());
            assert!(
                d <= ulps,
                "{name}({dtype}) element {i}: SIMD {x:?} vs scalar {y:?} ({d} ulp > {ulps})"
            );
        }
    });
}

const TRANSCENDENTAL: [&str; 21] = [
    "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "power", "arctan2", "hypot", "angle",
];

fn bound(name: &str) -> u64 {
    if TRANSCENDENTAL.contains(&name) { 4 } else { 0 }
}

/// The op's `*_dyn` function is passed in (not the generic `unary_dyn(op, ..)`), so that this
/// test links the dtype tables compiled in the library instead of compiling them again.
fn check_unary<Op: DynUnaryOp>(_op: Op, f: UnaryDyn) -> usize {
    let mut n = 0;
    for dtype in DType::ALL {
        if !Op::supports(dtype) {
            continue;
        }
        let x = sample(dtype, 7, LEN);
        let fast = f(&x).unwrap();
        let reference = with_scalar_kernels(|| f(&x)).unwrap();
        assert_agree(Op::NAME, dtype, &fast, &reference, bound(Op::NAME));
        n += 1;
    }
    n
}

fn check_binary<Op: DynBinaryOp>(_op: Op, f: BinaryDyn) -> usize {
    let mut n = 0;
    for dtype in DType::ALL {
        if !Op::supports(dtype) {
            continue;
        }
        let a = sample(dtype, 11, LEN);
        let b = sample(dtype, 13, LEN);
        // A broadcast scalar on either side: the splat kernels.
        let s = dispatch_dyn!(&b, v: _T => v.slice(s![5..6]).unwrap().to_owned().into_dyn());
        for (x, y) in [(&a, &b), (&a, &s), (&s, &b)] {
            // Both paths give the same result, or the same error (integer `power` refuses
            // negative exponents whichever kernel would run).
            match (f(x, y), with_scalar_kernels(|| f(x, y))) {
                (Ok(fast), Ok(reference)) => {
                    assert_agree(Op::NAME, dtype, &fast, &reference, bound(Op::NAME))
                }
                (fast, reference) => {
                    assert_eq!(fast.err(), reference.err(), "{} on {dtype}", Op::NAME)
                }
            }
        }
        n += 1;
    }
    n
}

#[test]
fn unary_simd_path_matches_scalar_path() {
    let n = check_unary(ops::Negative, uf::negative_dyn)
        + check_unary(ops::Abs, uf::abs_dyn)
        + check_unary(ops::Sign, uf::sign_dyn)
        + check_unary(ops::Sqrt, uf::sqrt_dyn)
        + check_unary(ops::Cbrt, uf::cbrt_dyn)
        + check_unary(ops::Square, uf::square_dyn)
        + check_unary(ops::Reciprocal, uf::reciprocal_dyn)
        + check_unary(ops::Exp, uf::exp_dyn)
        + check_unary(ops::Exp2, uf::exp2_dyn)
        + check_unary(ops::Expm1, uf::expm1_dyn)
        + check_unary(ops::Log, uf::log_dyn)
        + check_unary(ops::Log2, uf::log2_dyn)
        + check_unary(ops::Log10, uf::log10_dyn)
        + check_unary(ops::Log1p, uf::log1p_dyn)
        + check_unary(ops::Sin, uf::sin_dyn)
        + check_unary(ops::Cos, uf::cos_dyn)
        + check_unary(ops::Tan, uf::tan_dyn)
        + check_unary(ops::Arcsin, uf::arcsin_dyn)
        + check_unary(ops::Arccos, uf::arccos_dyn)
        + check_unary(ops::Arctan, uf::arctan_dyn)
        + check_unary(ops::Sinh, uf::sinh_dyn)
        + check_unary(ops::Cosh, uf::cosh_dyn)
        + check_unary(ops::Tanh, uf::tanh_dyn)
        + check_unary(ops::Floor, uf::floor_dyn)
        + check_unary(ops::Ceil, uf::ceil_dyn)
        + check_unary(ops::Trunc, uf::trunc_dyn)
        + check_unary(ops::Rint, uf::rint_dyn)
        + check_unary(ops::Isnan, uf::isnan_dyn)
        + check_unary(ops::Isinf, uf::isinf_dyn)
        + check_unary(ops::Isfinite, uf::isfinite_dyn)
        + check_unary(ops::Signbit, uf::signbit_dyn)
        + check_unary(ops::Isposinf, uf::isposinf_dyn)
        + check_unary(ops::Isneginf, uf::isneginf_dyn)
        + check_unary(ops::Conj, uf::conj_dyn)
        + check_unary(ops::Real, uf::real_dyn)
        + check_unary(ops::Imag, uf::imag_dyn)
        + check_unary(ops::Angle, uf::angle_dyn)
        + check_unary(ops::LogicalNot, uf::logical_not_dyn)
        + check_unary(ops::BitwiseNot, uf::bitwise_not_dyn);
    assert!(n > 400, "{n} op/dtype pairs checked");
}

#[test]
fn binary_simd_path_matches_scalar_path() {
    let n = check_binary(ops::Add, uf::add_dyn)
        + check_binary(ops::Subtract, uf::subtract_dyn)
        + check_binary(ops::Multiply, uf::multiply_dyn)
        + check_binary(ops::Divide, uf::divide_dyn)
        + check_binary(ops::FloorDivide, uf::floor_divide_dyn)
        + check_binary(ops::Remainder, uf::remainder_dyn)
        + check_binary(ops::Power, uf::power_dyn)
        + check_binary(ops::Maximum, uf::maximum_dyn)
        + check_binary(ops::Minimum, uf::minimum_dyn)
        + check_binary(ops::Fmax, uf::fmax_dyn)
        + check_binary(ops::Fmin, uf::fmin_dyn)
        + check_binary(ops::Arctan2, uf::arctan2_dyn)
        + check_binary(ops::Hypot, uf::hypot_dyn)
        + check_binary(ops::Copysign, uf::copysign_dyn)
        + check_binary(ops::Heaviside, uf::heaviside_dyn)
        + check_binary(ops::Equal, uf::equal_dyn)
        + check_binary(ops::NotEqual, uf::not_equal_dyn)
        + check_binary(ops::Less, uf::less_dyn)
        + check_binary(ops::LessEqual, uf::less_equal_dyn)
        + check_binary(ops::Greater, uf::greater_dyn)
        + check_binary(ops::GreaterEqual, uf::greater_equal_dyn)
        + check_binary(ops::LogicalAnd, uf::logical_and_dyn)
        + check_binary(ops::LogicalOr, uf::logical_or_dyn)
        + check_binary(ops::LogicalXor, uf::logical_xor_dyn)
        + check_binary(ops::BitwiseAnd, uf::bitwise_and_dyn)
        + check_binary(ops::BitwiseOr, uf::bitwise_or_dyn)
        + check_binary(ops::BitwiseXor, uf::bitwise_xor_dyn)
        + check_binary(ops::LeftShift, uf::left_shift_dyn)
        + check_binary(ops::RightShift, uf::right_shift_dyn);
    assert!(n > 300, "{n} op/dtype pairs checked");
}

/// Large arrays take the threaded path (and long runs are cut into pieces): the result must not
/// depend on it.
#[test]
fn threaded_path_matches_scalar_path() {
    for dtype in [DType::F64, DType::F32, DType::I32, DType::U8] {
        let n = 200_003;
        let a = sample(dtype, 3, n);
        let b = sample(dtype, 5, n);
        for (fast, reference) in [
            (
                uf::add_dyn(&a, &b).unwrap(),
                with_scalar_kernels(|| uf::add_dyn(&a, &b)).unwrap(),
            ),
            (
                uf::maximum_dyn(&a, &b).unwrap(),
                with_scalar_kernels(|| uf::maximum_dyn(&a, &b)).unwrap(),
            ),
            (
                uf::abs_dyn(&a).unwrap(),
                with_scalar_kernels(|| uf::abs_dyn(&a)).unwrap(),
            ),
        ] {
            assert_agree("threaded", dtype, &fast, &reference, 0);
        }
    }
}

/// The explicit vector bodies agree with the scalar functions on every lane, called directly
/// (what a fused-expression evaluator does).
#[test]
fn vector_bodies_agree_with_scalar_functions() {
    use ops::{BinaryOp, VectorBinaryOp};
    use oxarray_ufunc::simd::SimdElement;
    use pulp::{Simd, WithSimd};

    struct Check;
    impl WithSimd for Check {
        type Output = ();
        fn with_simd<S: Simd>(self, simd: S) {
            let lanes = <f64 as SimdElement>::lanes::<S>();
            let a: Vec<f64> = (0..lanes)
                .map(|i| [f64::NAN, -0.0, 3.0, 1.0][i % 4])
                .collect();
            let b: Vec<f64> = (0..lanes)
                .map(|i| [1.0, 0.0, f64::NAN, 1.0][i % 4])
                .collect();
            // SAFETY: both vectors hold exactly one register of lanes.
            let (va, vb) = unsafe {
                (
                    <f64 as SimdElement>::load::<S>(a.as_ptr()),
                    <f64 as SimdElement>::load::<S>(b.as_ptr()),
                )
            };
            let mut out = vec![0.0f64; lanes];
            let r = VectorBinaryOp::<f64>::vector(ops::Maximum, simd, va, vb);
            // SAFETY: `out` holds one register of lanes.
            unsafe { <f64 as SimdElement>::store::<S>(out.as_mut_ptr(), r) };
            for i in 0..lanes {
                let want = ops::Maximum.scalar(a[i], b[i]);
                assert!(want.to_bits() == out[i].to_bits() || want.is_nan() && out[i].is_nan());
            }
        }
    }
    pulp::Arch::new().dispatch(Check);
}
