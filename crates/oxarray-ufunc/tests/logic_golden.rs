//! NumPy conformance of the logic and comparison functions: every case of
//! `tests/golden/logic.json` (written by NumPy through `tests/golden/gen_logic.py`) is rebuilt
//! here, run, and compared with NumPy's result (dtype, shape and every value, NaN and the sign
//! of zero included), or checked to be an error where NumPy raised.

use oxarray_core::elementwise::ops::{self, BinaryOp, UnaryOp};
use oxarray_core::{Array, ArrayView, Complex32, Complex64, Element, Error, Result, f16};
use oxarray_testkit::golden::{Flat, Value, build, expected_arrays, flat, mismatch, view_of};
use oxarray_ufunc as uf;

/// What a function answered.
enum Got {
    Arrays(Vec<Flat>),
    Bool(bool),
}

fn one<U: Element>(a: Array<U>) -> Got {
    Got::Arrays(vec![flat(&a.view())])
}

fn bases<T: Element>(case: &Value, role: &str) -> Vec<Array<T>> {
    case["inputs"][role]
        .as_array()
        .map(|items| items.iter().map(build::<T>).collect())
        .unwrap_or_default()
}

/// Calls `k` with the views of the case's `a` and (when present) `b`.
fn with_views<T: Element>(
    case: &Value,
    k: impl FnOnce(ArrayView<'_, T>, Option<ArrayView<'_, T>>) -> Result<Got>,
) -> Result<Got> {
    let (a, b) = (bases::<T>(case, "a"), bases::<T>(case, "b"));
    let a = view_of(&a[0], &case["inputs"]["a"][0]);
    let b = b.first().map(|b| view_of(b, &case["inputs"]["b"][0]));
    k(a, b)
}

fn opt_f64(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn axis(v: &Value) -> isize {
    v.as_i64().expect("an axis") as isize
}

/// The functions every dtype takes.
fn run_all<T: Element>(case: &Value) -> Result<Got>
where
    ops::Isclose: BinaryOp<T, Output = bool>,
    ops::Equal: BinaryOp<T, Output = bool>,
    ops::LogicalAnd: BinaryOp<T, Output = bool>,
    ops::LogicalOr: BinaryOp<T, Output = bool>,
    ops::LogicalXor: BinaryOp<T, Output = bool>,
    ops::Isnan: UnaryOp<T, Output = bool>,
    ops::Isinf: UnaryOp<T, Output = bool>,
    ops::Isfinite: UnaryOp<T, Output = bool>,
    ops::LogicalNot: UnaryOp<T, Output = bool>,
    ops::NanToNum: UnaryOp<T, Output = T>,
    ops::Imag: UnaryOp<T>,
    ops::Equal: BinaryOp<<ops::Imag as UnaryOp<T>>::Output, Output = bool>,
    ops::NotEqual: BinaryOp<<ops::Imag as UnaryOp<T>>::Output, Output = bool>,
{
    let args = &case["args"];
    let (rtol, atol) = (opt_f64(&args["rtol"]), opt_f64(&args["atol"]));
    let equal_nan = args["equal_nan"].as_bool().unwrap_or(false);
    let op = case["op"].as_str().unwrap();
    with_views::<T>(case, |a, b| {
        Ok(match op {
            "isclose" => one(uf::isclose(&a, b.unwrap(), rtol, atol, equal_nan)?),
            "allclose" => Got::Bool(uf::allclose(&a, b.unwrap(), rtol, atol, equal_nan)?),
            "array_equal" => Got::Bool(uf::array_equal(&a, b.unwrap(), equal_nan)?),
            "array_equiv" => Got::Bool(uf::array_equiv(&a, b.unwrap())?),
            "nan_to_num" => one(uf::nan_to_num(
                &a,
                opt_f64(&args["nan"]),
                opt_f64(&args["posinf"]),
                opt_f64(&args["neginf"]),
            )?),
            "isnan" => one(uf::isnan(&a)?),
            "isinf" => one(uf::isinf(&a)?),
            "isfinite" => one(uf::isfinite(&a)?),
            "logical_not" => one(uf::logical_not(&a)?),
            "isreal" => one(uf::isreal(&a)?),
            "iscomplex" => one(uf::iscomplex(&a)?),
            "logical_and" => one(uf::logical_and(&a, b.unwrap())?),
            "logical_or" => one(uf::logical_or(&a, b.unwrap())?),
            "logical_xor" => one(uf::logical_xor(&a, b.unwrap())?),
            other => panic!("unknown op {other}"),
        })
    })
}

/// The functions of real types (NumPy refuses complex ones).
fn run_real<T: Element>(case: &Value) -> Result<Got>
where
    ops::Signbit: UnaryOp<T, Output = bool>,
    ops::Isposinf: UnaryOp<T, Output = bool>,
    ops::Isneginf: UnaryOp<T, Output = bool>,
    ops::Trunc: UnaryOp<T>,
    ops::Copysign: BinaryOp<T>,
    ops::Heaviside: BinaryOp<T>,
{
    let op = case["op"].as_str().unwrap();
    with_views::<T>(case, |a, b| {
        Ok(match op {
            "signbit" => one(uf::signbit(&a)?),
            "isposinf" => one(uf::isposinf(&a)?),
            "isneginf" => one(uf::isneginf(&a)?),
            "fix" => one(uf::fix(&a)?),
            "copysign" => one(uf::copysign(&a, b.unwrap())?),
            "heaviside" => one(uf::heaviside(&a, b.unwrap())?),
            other => panic!("unknown op {other}"),
        })
    })
}

fn run_round<T: Element>(case: &Value) -> Result<Got>
where
    ops::Round: UnaryOp<T, Output = T>,
{
    let decimals = case["args"]["decimals"].as_i64().unwrap() as i32;
    with_views::<T>(case, |a, _| Ok(one(uf::round(&a, decimals)?)))
}

fn run_cross<T: Element>(case: &Value) -> Result<Got>
where
    ops::Multiply: BinaryOp<T, Output = T>,
    ops::Subtract: BinaryOp<T, Output = T>,
    ops::Negative: UnaryOp<T, Output = T>,
{
    let args = &case["args"];
    let ax = args["axis"].as_i64().map(|x| x as isize);
    let (axa, axb, axc) = (
        axis(&args["axisa"]),
        axis(&args["axisb"]),
        axis(&args["axisc"]),
    );
    with_views::<T>(case, |a, b| {
        Ok(one(uf::cross(&a, b.unwrap(), axa, axb, axc, ax)?))
    })
}

/// `$f::<T>(case)` for the element type named `$dt`, among the listed ones.
macro_rules! by_dtype {
    ($dt:expr, $f:ident, $case:expr; $($name:literal => $t:ty),* $(,)?) => {
        match $dt {
            $($name => $f::<$t>($case),)*
            other => panic!("{other} is not a dtype of {}", stringify!($f)),
        }
    };
}

fn run(case: &Value) -> Result<Got> {
    let dt = case["dtype"].as_str().unwrap();
    match case["op"].as_str().unwrap() {
        "round" => by_dtype!(dt, run_round, case; "int8" => i8, "int32" => i32, "int64" => i64,
            "uint8" => u8, "uint64" => u64, "float16" => f16, "float32" => f32,
            "float64" => f64, "complex64" => Complex32, "complex128" => Complex64),
        "cross" => by_dtype!(dt, run_cross, case; "int8" => i8, "int32" => i32, "int64" => i64,
            "uint8" => u8, "uint64" => u64, "float16" => f16, "float32" => f32,
            "float64" => f64, "complex64" => Complex32, "complex128" => Complex64),
        "signbit" | "isposinf" | "isneginf" | "fix" | "copysign" | "heaviside" => {
            by_dtype!(dt, run_real, case; "bool" => bool, "int8" => i8, "int32" => i32,
                "int64" => i64, "uint8" => u8, "uint64" => u64, "float16" => f16,
                "float32" => f32, "float64" => f64)
        }
        _ => by_dtype!(dt, run_all, case; "bool" => bool, "int8" => i8, "int32" => i32,
            "int64" => i64, "uint8" => u8, "uint64" => u64, "float16" => f16,
            "float32" => f32, "float64" => f64, "complex64" => Complex32,
            "complex128" => Complex64),
    }
}

/// The tolerance of complex products (in `f64` ulps): NumPy's contiguous complex `multiply`
/// loop fuses its multiply-adds (`np.multiply` of `(2.675+1e5j) * (-1e-12+1.25j)` has
/// imaginary part `3.3437498999999997`, Python's complex product `3.3437499`), so `cross` of
/// complex vectors may differ from ours in the last place of the element type.
fn complex_ulps(case: &Value) -> u64 {
    match case["dtype"].as_str().unwrap() {
        "complex64" => 1 << 29, // one f32 ulp, counted in f64 ulps
        "complex128" => 1,
        _ => 0,
    }
}

#[test]
fn logic_functions_match_numpy() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/logic.json");
    let text = std::fs::read_to_string(path).expect("tests/golden/logic.json");
    let golden: Value = serde_json::from_str(&text).unwrap();
    let cases = golden["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let expected = &case["expected"];
        let got = run(case);
        let problem = match (&got, expected.get("error")) {
            (Err(e), Some(class)) => {
                let axis_error = class == "AxisError";
                let ours_axis = matches!(e, Error::AxisOutOfBounds { .. });
                (axis_error != ours_axis).then(|| format!("error {e:?} where NumPy raised {class}"))
            }
            (Ok(_), Some(class)) => Some(format!("no error where NumPy raised {class}")),
            (Err(e), None) => Some(format!("error {e}")),
            (Ok(Got::Bool(b)), None) => {
                (expected["bool"].as_bool() != Some(*b)).then(|| format!("{b}, NumPy {expected}"))
            }
            (Ok(Got::Arrays(arrays)), None) => {
                mismatch(arrays, &expected_arrays(expected), complex_ulps(case))
            }
        };
        if let Some(p) = problem {
            failures.push(format!("{name}: {p}"));
        }
    }
    assert!(cases.len() > 2500, "only {} cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from NumPy {}:\n{}",
        failures.len(),
        cases.len(),
        golden["numpy_version"],
        failures.join("\n")
    );
}

/// Deterministic awkward doubles: zeros of both signs, tiny, huge, NaN, infinities, ties.
fn awkward(n: usize, seed: u64) -> Vec<f64> {
    const SPECIAL: [f64; 10] = [
        0.0,
        -0.0,
        f64::NAN,
        f64::INFINITY,
        -f64::INFINITY,
        0.5,
        2.5,
        -1.5,
        1e-300,
        1e300,
    ];
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|i| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            if i % 7 == 0 {
                SPECIAL[(s % 10) as usize]
            } else {
                ((s >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 10f64.powi((s % 9) as i32 - 4)
            }
        })
        .collect()
}

#[test]
fn isclose_and_round_agree_with_the_formula_on_strided_views() {
    let x = Array::from_vec(awkward(600, 1), [20, 30]).unwrap();
    let y0 = awkward(600, 2);
    let y = Array::from_vec(
        x.to_vec()
            .iter()
            .zip(&y0)
            .enumerate()
            .map(|(i, (a, b))| if i % 3 == 0 { a * (1.0 + 1e-6) } else { *b })
            .collect(),
        [20, 30],
    )
    .unwrap();
    let (xv, yv) = (x.t(), y.t());
    for (rtol, atol, eq) in [(1e-5, 1e-8, false), (1e-3, 0.0, true), (0.0, 1.0, false)] {
        let got = uf::isclose(&xv, &yv, Some(rtol), Some(atol), eq).unwrap();
        let want: Vec<bool> = xv
            .iter()
            .zip(yv.iter())
            .map(|(a, b)| {
                ((a - b).abs() <= atol + rtol * b.abs() && b.is_finite())
                    || a == b
                    || (eq && a.is_nan() && b.is_nan())
            })
            .collect();
        assert_eq!(got.to_vec(), want, "rtol {rtol} atol {atol} equal_nan {eq}");
    }
    for d in [-3, -1, 0, 1, 2, 6] {
        let got = uf::round(&xv, d).unwrap().to_vec();
        let f = 10f64.powi(d.abs());
        for (g, a) in got.iter().zip(xv.iter()) {
            let want = if d >= 0 {
                (a * f).round_ties_even() / f
            } else {
                (a / f).round_ties_even() * f
            };
            assert!(
                g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()),
                "{a} {d}"
            );
        }
    }
}

#[test]
fn cross_agrees_with_the_formula_on_broadcast_strided_views() {
    let a = Array::from_vec(awkward(5 * 3, 3), [5, 1, 3]).unwrap();
    let b = Array::from_vec(awkward(3 * 4, 4), [3, 4]).unwrap(); // vectors along axis 0
    let r = uf::cross(&a, &b, -1, 0, 1, None).unwrap();
    assert_eq!(r.shape(), &[5, 3, 4]);
    for i in 0..5 {
        for j in 0..4 {
            let u: Vec<f64> = (0..3).map(|k| a[[i, 0, k]]).collect();
            let v: Vec<f64> = (0..3).map(|k| b[[k, j]]).collect();
            let w = [
                u[1] * v[2] - u[2] * v[1],
                u[2] * v[0] - u[0] * v[2],
                u[0] * v[1] - u[1] * v[0],
            ];
            for (k, wk) in w.iter().enumerate() {
                let g = r[[i, k, j]];
                assert!(g.to_bits() == wk.to_bits() || (g.is_nan() && wk.is_nan()));
            }
        }
    }
}

#[test]
fn bad_cross_arguments_are_errors_naming_them() {
    let a = Array::<f64>::zeros([4, 4]).unwrap();
    let b = Array::<f64>::zeros([4, 3]).unwrap();
    let e = uf::cross(&a, &b, -1, -1, -1, None).unwrap_err();
    assert!(e.to_string().contains("[4, 4]"), "{e}");
    let e = uf::cross(&b, &b, 5, -1, -1, None).unwrap_err();
    assert!(
        matches!(e, Error::AxisOutOfBounds { axis: 5, ndim: 2 }),
        "{e:?}"
    );
    let s = Array::<f64>::zeros(Vec::<usize>::new()).unwrap();
    let e = uf::cross(&s, &b, -1, -1, -1, None).unwrap_err();
    assert!(matches!(e, Error::WrongNdim { operand: 0, .. }), "{e:?}");
}
