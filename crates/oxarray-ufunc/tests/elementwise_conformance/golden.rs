//! Golden tests: every ufunc on every dtype's edge values (NaN, +-inf, -0.0, integer extremes,
//! division by zero, ...) and on awkward layouts, against files written by NumPy itself
//! (`tests/golden/gen_ufunc.py`).
//!
//! Exact ops must match bit for bit (any NaN matches any NaN); transcendental functions
//! within 4 ulp for f32/f64 and 1 ulp for f16 (libm differences); complex transcendental
//! results within a relative 1e-5 (complex64) or 1e-13 (complex128).

use std::path::PathBuf;

use oxarray_core::{Array, DType, DynArray, Element, Result, dispatch_dyn, s};
use oxarray_ufunc as uf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ufunc_npy")
}

fn load(name: &str) -> Option<DynArray> {
    let path = dir().join(format!("{name}.npy"));
    path.exists()
        .then(|| crate::common::npy::read(&path).unwrap_or_else(|e| panic!("{name}: {e}")))
}

const DTYPES: [&str; 14] = [
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
    "complex64",
    "complex128",
];

const TRANSCENDENTAL: [&str; 21] = [
    "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "power", "arctan2", "hypot", "angle",
];

fn call_unary(name: &str, x: &DynArray) -> Result<DynArray> {
    match name {
        "negative" => uf::negative_dyn(x),
        "absolute" => uf::abs_dyn(x),
        "sign" => uf::sign_dyn(x),
        "sqrt" => uf::sqrt_dyn(x),
        "cbrt" => uf::cbrt_dyn(x),
        "square" => uf::square_dyn(x),
        "reciprocal" => uf::reciprocal_dyn(x),
        "exp" => uf::exp_dyn(x),
        "exp2" => uf::exp2_dyn(x),
        "expm1" => uf::expm1_dyn(x),
        "log" => uf::log_dyn(x),
        "log2" => uf::log2_dyn(x),
        "log10" => uf::log10_dyn(x),
        "log1p" => uf::log1p_dyn(x),
        "sin" => uf::sin_dyn(x),
        "cos" => uf::cos_dyn(x),
        "tan" => uf::tan_dyn(x),
        "arcsin" => uf::arcsin_dyn(x),
        "arccos" => uf::arccos_dyn(x),
        "arctan" => uf::arctan_dyn(x),
        "sinh" => uf::sinh_dyn(x),
        "cosh" => uf::cosh_dyn(x),
        "tanh" => uf::tanh_dyn(x),
        "floor" => uf::floor_dyn(x),
        "ceil" => uf::ceil_dyn(x),
        "trunc" => uf::trunc_dyn(x),
        "rint" => uf::rint_dyn(x),
        "isnan" => uf::isnan_dyn(x),
        "isinf" => uf::isinf_dyn(x),
        "isfinite" => uf::isfinite_dyn(x),
        "conjugate" => uf::conj_dyn(x),
        "logical_not" => uf::logical_not_dyn(x),
        "invert" => uf::bitwise_not_dyn(x),
        "real" => uf::real_dyn(x),
        "imag" => uf::imag_dyn(x),
        "angle" => uf::angle_dyn(x),
        other => panic!("no unary ufunc {other}"),
    }
}

fn call_binary(name: &str, a: &DynArray, b: &DynArray) -> Result<DynArray> {
    match name {
        "add" => uf::add_dyn(a, b),
        "subtract" => uf::subtract_dyn(a, b),
        "multiply" => uf::multiply_dyn(a, b),
        "divide" => uf::divide_dyn(a, b),
        "floor_divide" => uf::floor_divide_dyn(a, b),
        "remainder" => uf::remainder_dyn(a, b),
        "power" => uf::power_dyn(a, b),
        "maximum" => uf::maximum_dyn(a, b),
        "minimum" => uf::minimum_dyn(a, b),
        "fmax" => uf::fmax_dyn(a, b),
        "fmin" => uf::fmin_dyn(a, b),
        "arctan2" => uf::arctan2_dyn(a, b),
        "hypot" => uf::hypot_dyn(a, b),
        "copysign" => uf::copysign_dyn(a, b),
        "equal" => uf::equal_dyn(a, b),
        "not_equal" => uf::not_equal_dyn(a, b),
        "less" => uf::less_dyn(a, b),
        "less_equal" => uf::less_equal_dyn(a, b),
        "greater" => uf::greater_dyn(a, b),
        "greater_equal" => uf::greater_equal_dyn(a, b),
        "logical_and" => uf::logical_and_dyn(a, b),
        "logical_or" => uf::logical_or_dyn(a, b),
        "logical_xor" => uf::logical_xor_dyn(a, b),
        "bitwise_and" => uf::bitwise_and_dyn(a, b),
        "bitwise_or" => uf::bitwise_or_dyn(a, b),
        "bitwise_xor" => uf::bitwise_xor_dyn(a, b),
        "left_shift" => uf::left_shift_dyn(a, b),
        "right_shift" => uf::right_shift_dyn(a, b),
        other => panic!("no binary ufunc {other}"),
    }
}

/// Distance in units in the last place between two finite floats of one type, through their
/// ordered bit patterns.
fn ulp_distance(x: f64, y: f64, bits: u32) -> u64 {
    fn ordered(v: i64) -> i64 {
        if v < 0 { i64::MIN - v } else { v }
    }
    let (a, b) = match bits {
        16 => (
            half::f16::from_f64(x).to_bits() as i16 as i64,
            half::f16::from_f64(y).to_bits() as i16 as i64,
        ),
        32 => (
            (x as f32).to_bits() as i32 as i64,
            (y as f32).to_bits() as i32 as i64,
        ),
        _ => (x.to_bits() as i64, y.to_bits() as i64),
    };
    let (a, b) = if bits == 64 {
        (ordered(a), ordered(b))
    } else {
        // Narrow patterns are sign-magnitude too: map them the same way in their width.
        let m = 1i64 << (bits - 1);
        let o = |v: i64| if v < 0 { -m - v } else { v };
        (o(a), o(b))
    };
    a.abs_diff(b)
}

fn float_matches(got: f64, want: f64, bits: u32, ulps: u64) -> bool {
    if got.is_nan() || want.is_nan() {
        return got.is_nan() && want.is_nan();
    }
    if ulps == 0 {
        return got.to_bits() == want.to_bits();
    }
    if got.is_infinite() || want.is_infinite() {
        return got == want;
    }
    ulp_distance(got, want, bits) <= ulps
}

/// Compares `got` with NumPy's `want` element by element; returns the mismatches described.
fn compare(got: &DynArray, want: &DynArray, transcendental: bool) -> Vec<String> {
    if got.dtype() != want.dtype() {
        return vec![format!("dtype {} != NumPy's {}", got.dtype(), want.dtype())];
    }
    if got.shape() != want.shape() {
        return vec![format!(
            "shape {:?} != NumPy's {:?}",
            got.shape(),
            want.shape()
        )];
    }
    let (bits, ulps) = match got.dtype() {
        DType::F16 => (16, if transcendental { 1 } else { 0 }),
        DType::F32 | DType::C64 => (32, if transcendental { 4 } else { 0 }),
        _ => (64, if transcendental { 4 } else { 0 }),
    };
    let rel = if got.dtype() == DType::C64 {
        1e-5
    } else {
        1e-13
    };
    let mut bad = vec![];
    dispatch_dyn!(got, g: T => {
        let w = want.as_array::<T>().unwrap();
        for (i, (x, y)) in g.iter().zip(w.iter()).enumerate() {
            let ok = match (x.to_scalar(), y.to_scalar()) {
                (oxarray_core::Scalar::Float(p), oxarray_core::Scalar::Float(q)) => {
                    float_matches(p, q, bits, ulps)
                }
                (oxarray_core::Scalar::Complex(p), oxarray_core::Scalar::Complex(q)) => {
                    if transcendental {
                        let scale = q.norm().max(1e-300);
                        let close = |u: f64, v: f64| {
                            (u.is_nan() && v.is_nan()) || u == v || (u - v).abs() <= rel * scale
                        };
                        close(p.re, q.re) && close(p.im, q.im)
                    } else {
                        float_matches(p.re, q.re, bits, 0) && float_matches(p.im, q.im, bits, 0)
                    }
                }
                (p, q) => p == q,
            };
            if !ok {
                bad.push(format!("[{i}] got {x:?}, NumPy {y:?}"));
            }
        }
    });
    bad
}

fn describe(d: &DynArray, i: usize) -> String {
    dispatch_dyn!(d, a: _T => format!("{:?}", a.iter().nth(i)))
}

#[test]
fn unary_ufuncs_match_numpy_on_edge_values() {
    let mut failures = vec![];
    let mut checked = 0;
    for dt in DTYPES {
        let x = load(&format!("in_{dt}_x")).expect("inputs present");
        for name in [
            "negative",
            "absolute",
            "sign",
            "sqrt",
            "cbrt",
            "square",
            "reciprocal",
            "exp",
            "exp2",
            "expm1",
            "log",
            "log2",
            "log10",
            "log1p",
            "sin",
            "cos",
            "tan",
            "arcsin",
            "arccos",
            "arctan",
            "sinh",
            "cosh",
            "tanh",
            "floor",
            "ceil",
            "trunc",
            "rint",
            "isnan",
            "isinf",
            "isfinite",
            "conjugate",
            "logical_not",
            "invert",
            "real",
            "imag",
            "angle",
        ] {
            let got = call_unary(name, &x);
            match (load(&format!("out_{name}_{dt}")), got) {
                (Some(want), Ok(got)) => {
                    checked += 1;
                    let bad = compare(&got, &want, TRANSCENDENTAL.contains(&name));
                    if !bad.is_empty() {
                        failures.push(format!("{name}({dt}): {}", bad.join("; ")));
                    }
                }
                (Some(_), Err(e)) => failures.push(format!("{name}({dt}): error {e}")),
                (None, Ok(got)) => failures.push(format!(
                    "{name}({dt}): NumPy has no loop but oxarray gave {}",
                    got.dtype()
                )),
                (None, Err(e)) => assert!(
                    matches!(e, oxarray_core::Error::UnsupportedDType { .. }),
                    "{name}({dt}): {e}"
                ),
            }
        }
    }
    assert!(checked > 300, "only {checked} golden files checked");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn binary_ufuncs_match_numpy_on_edge_values() {
    let mut failures = vec![];
    let mut checked = 0;
    for dt in DTYPES {
        let a = load(&format!("in_{dt}_a")).expect("inputs present");
        let b_shared = load(&format!("in_{dt}_b")).expect("inputs present");
        for name in [
            "add",
            "subtract",
            "multiply",
            "divide",
            "floor_divide",
            "remainder",
            "power",
            "maximum",
            "minimum",
            "fmax",
            "fmin",
            "arctan2",
            "hypot",
            "copysign",
            "equal",
            "not_equal",
            "less",
            "less_equal",
            "greater",
            "greater_equal",
            "logical_and",
            "logical_or",
            "logical_xor",
            "bitwise_and",
            "bitwise_or",
            "bitwise_xor",
            "left_shift",
            "right_shift",
        ] {
            let b = load(&format!("in_{name}_{dt}_b")).unwrap_or_else(|| b_shared.clone());
            let got = call_binary(name, &a, &b);
            match (load(&format!("out_{name}_{dt}")), got) {
                (Some(want), Ok(got)) => {
                    checked += 1;
                    let bad = compare(&got, &want, TRANSCENDENTAL.contains(&name));
                    if !bad.is_empty() {
                        let first: Vec<String> = bad
                            .iter()
                            .take(6)
                            .map(|m| {
                                let i: usize = m[1..m.find(']').unwrap()].parse().unwrap();
                                format!("{m} for a={} b={}", describe(&a, i), describe(&b, i))
                            })
                            .collect();
                        failures.push(format!(
                            "{name}({dt}): {} mismatches: {}",
                            bad.len(),
                            first.join("; ")
                        ));
                    }
                }
                (Some(_), Err(e)) => failures.push(format!("{name}({dt}): error {e}")),
                (None, Ok(got)) => failures.push(format!(
                    "{name}({dt}): NumPy has no loop but oxarray gave {}",
                    got.dtype()
                )),
                (None, Err(e)) => assert!(
                    matches!(e, oxarray_core::Error::UnsupportedDType { .. }),
                    "{name}({dt}): {e}"
                ),
            }
        }
    }
    assert!(checked > 250, "only {checked} golden files checked");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn layout_call<T: Element>(name: &str, a: &oxarray_core::ArrayView<'_, T>, b: &Array<T>) -> DynArray
where
    uf::ops::Add: uf::ops::BinaryOp<T>,
    uf::ops::Subtract: uf::ops::BinaryOp<T>,
    uf::ops::Multiply: uf::ops::BinaryOp<T>,
    uf::ops::Divide: uf::ops::BinaryOp<T>,
    uf::ops::Maximum: uf::ops::BinaryOp<T>,
    uf::ops::Less: uf::ops::BinaryOp<T>,
    uf::ops::Sqrt: uf::ops::UnaryOp<T>,
    uf::ops::Negative: uf::ops::UnaryOp<T>,
{
    let r: Result<DynArray> = match name {
        "add" => uf::add(a, b).map(Into::into),
        "subtract" => uf::subtract(a, b).map(Into::into),
        "multiply" => uf::multiply(a, b).map(Into::into),
        "divide" => uf::divide(a, b).map(Into::into),
        "maximum" => uf::maximum(a, b).map(Into::into),
        "less" => uf::less(a, b).map(Into::into),
        "sqrt" => uf::sqrt(a).map(Into::into),
        "negative" => uf::negative(a).map(Into::into),
        other => panic!("no layout ufunc {other}"),
    };
    r.unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check_layouts<T: Element>(dt: &str, failures: &mut Vec<String>) -> usize
where
    uf::ops::Add: uf::ops::BinaryOp<T>,
    uf::ops::Subtract: uf::ops::BinaryOp<T>,
    uf::ops::Multiply: uf::ops::BinaryOp<T>,
    uf::ops::Divide: uf::ops::BinaryOp<T>,
    uf::ops::Maximum: uf::ops::BinaryOp<T>,
    uf::ops::Less: uf::ops::BinaryOp<T>,
    uf::ops::Sqrt: uf::ops::UnaryOp<T>,
    uf::ops::Negative: uf::ops::UnaryOp<T>,
{
    let mut checked = 0;
    for case in [
        "c",
        "f",
        "neg",
        "step",
        "bcast_row",
        "bcast_mid",
        "size1",
        "scalar",
        "empty",
        "zerod",
        "transposed",
    ] {
        let a = load(&format!("layout_{case}_{dt}_a"))
            .unwrap()
            .into_array::<T>()
            .unwrap();
        let b = load(&format!("layout_{case}_{dt}_b"))
            .unwrap()
            .into_array::<T>()
            .unwrap();
        if case == "f" {
            assert!(a.is_f_contiguous() && !a.is_c_contiguous());
        }
        let av = match case {
            "neg" => a.slice(s![..;-1, .., ..;-1]).unwrap(),
            "step" => a.slice(s![..;2, .., 1..;2]).unwrap(),
            "transposed" => a.t(),
            _ => a.view(),
        };
        for name in [
            "add", "subtract", "multiply", "divide", "maximum", "less", "sqrt", "negative",
        ] {
            let want = load(&format!("layout_{case}_{dt}_{name}")).unwrap();
            let got = layout_call(name, &av, &b);
            // The dtype of sqrt/divide of int32 is float64 in both.
            let bad = compare(&got, &want, false);
            checked += 1;
            if !bad.is_empty() {
                failures.push(format!(
                    "{name} on layout {case} ({dt}): {}",
                    bad.join("; ")
                ));
            }
        }
    }
    checked
}

#[test]
fn layouts_match_numpy() {
    let mut failures = vec![];
    let checked = check_layouts::<f64>("float64", &mut failures)
        + check_layouts::<i32>("int32", &mut failures);
    assert_eq!(checked, 2 * 11 * 8);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
