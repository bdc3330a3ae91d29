//! scipy.signal.convolve2d / correlate2d and np.convolve / np.correlate against the results
//! SciPy and NumPy gave (tests/golden/signal.json, made by tests/golden/gen_signal.py).
//!
//! The inputs are small multiples of 1/8, so every sum is exact in f32 and f64 whatever the
//! order of summation: results must agree bit for bit, in every dtype, mode and boundary.

use std::path::Path;

use oxarray_conv::{
    Boundary, ConvElement, ConvError, Mode, convolve, convolve_into, convolve2d, convolve2d_into,
    correlate, correlate_into, correlate2d, correlate2d_into, with_scalar_kernels,
};
use oxarray_core::{Array, Complex32, Complex64};
use serde_json::Value;

trait FromJson: ConvElement {
    /// Parses the flat list (complex values as re, im pairs).
    fn parse(values: &[Value]) -> Vec<Self>;
    fn fill(v: &Value) -> Self;
}

macro_rules! int_json {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn parse(values: &[Value]) -> Vec<Self> {
                values
                    .iter()
                    .map(|v| match v.as_i64() {
                        Some(i) => i as $t,
                        None => v.as_u64().expect("an integer") as $t,
                    })
                    .collect()
            }
            fn fill(v: &Value) -> Self {
                Self::parse(std::slice::from_ref(v))[0]
            }
        }
    )*};
}
int_json!(i8, u8, i16, i32, i64, u64);

macro_rules! float_json {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn parse(values: &[Value]) -> Vec<Self> {
                values.iter().map(|v| v.as_f64().expect("a number") as $t).collect()
            }
            fn fill(v: &Value) -> Self {
                v.as_f64().expect("a number") as $t
            }
        }
    )*};
}
float_json!(f32, f64);

macro_rules! complex_json {
    ($($t:ty => $f:ty),*) => {$(
        impl FromJson for $t {
            fn parse(values: &[Value]) -> Vec<Self> {
                let flat = <$f>::parse(values);
                flat.chunks(2).map(|p| <$t>::new(p[0], p[1])).collect()
            }
            fn fill(v: &Value) -> Self {
                match v.as_array() {
                    Some(pair) => {
                        let p = <$f>::parse(pair);
                        <$t>::new(p[0], p[1])
                    }
                    None => <$t>::new(<$f>::fill(v), 0.0),
                }
            }
        }
    )*};
}
complex_json!(Complex32 => f32, Complex64 => f64);

fn shape(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("a shape")
        .iter()
        .map(|d| d.as_u64().expect("a length") as usize)
        .collect()
}

fn array<T: FromJson>(case: &Value, key: &str) -> Array<T> {
    let data = T::parse(case[key].as_array().expect("values"));
    Array::from_vec(data, shape(&case[&format!("{key}_shape")])).expect("shape fits")
}

fn load() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/signal.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("golden file")).expect("JSON")
}

/// Runs one case four ways (new result, `out=` on a C-order array, `out=` on a reversed view
/// of a transposed array, scalar kernels) and checks each against the golden result.
fn check<T: FromJson>(case: &Value) {
    let func = case["func"].as_str().unwrap();
    let mode: Mode = case["mode"].as_str().unwrap().parse().unwrap();
    let in1 = array::<T>(case, "in1");
    let in2 = array::<T>(case, "in2");
    let two_d = func.ends_with("2d");
    let boundary =
        Boundary::parse(case["boundary"].as_str().unwrap(), T::fill(&case["fill"])).unwrap();
    let run = |a: &Array<T>, b: &Array<T>| -> Result<Array<T>, ConvError> {
        match func {
            "convolve2d" => convolve2d(a, b, mode, boundary),
            "correlate2d" => correlate2d(a, b, mode, boundary),
            "convolve" => convolve(a, b, mode),
            "correlate" => correlate(a, b, mode),
            _ => unreachable!(),
        }
    };
    let label = format!(
        "{func} {} {:?} {:?} {:?} {} {}",
        case["dtype"],
        in1.shape(),
        in2.shape(),
        mode,
        case["boundary"],
        case["fill"]
    );
    if let Some(msg) = case.get("error") {
        let err = run(&in1, &in2).expect_err(&label);
        let ok = match err {
            ConvError::ValidShapes { .. } => msg.as_str().unwrap().contains("at least as large"),
            ConvError::NegativeDimension { .. } => msg.as_str().unwrap().contains("negative"),
            ConvError::EmptyInput { .. } => msg.as_str().unwrap().contains("cannot be empty"),
            _ => false,
        };
        assert!(ok, "{label}: {err} for SciPy's {msg}");
        return;
    }
    let expected = array::<T>(case, "out");
    let got = run(&in1, &in2).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(got.shape(), expected.shape(), "{label}");
    assert_eq!(got.to_vec(), expected.to_vec(), "{label}");
    let scalar = with_scalar_kernels(|| run(&in1, &in2)).unwrap();
    assert_eq!(
        scalar.to_vec(),
        expected.to_vec(),
        "{label} (scalar kernels)"
    );
    // Inputs as views of other layouts: transposed copies viewed back, reversed twice.
    let relaid = |a: &Array<T>| -> Array<T> {
        if a.ndim() == 2 {
            a.t().to_owned().t().to_owned()
        } else {
            a.to_owned()
        }
    };
    let strided = run(&relaid(&in1), &relaid(&in2)).unwrap();
    assert_eq!(
        strided.to_vec(),
        expected.to_vec(),
        "{label} (F-order inputs)"
    );
    // `out=` on a C-order array and on a transposed one.
    let mut out = Array::<T>::zeros(expected.shape()).unwrap();
    let into = |out: &mut Array<T>| -> Result<(), ConvError> {
        match func {
            "convolve2d" => convolve2d_into(&in1, &in2, mode, boundary, out),
            "correlate2d" => correlate2d_into(&in1, &in2, mode, boundary, out),
            "convolve" => convolve_into(&in1, &in2, mode, out),
            "correlate" => correlate_into(&in1, &in2, mode, out),
            _ => unreachable!(),
        }
    };
    into(&mut out).unwrap();
    assert_eq!(out.to_vec(), expected.to_vec(), "{label} (out=)");
    if two_d {
        let s = expected.shape();
        let mut t = Array::<T>::zeros([s[1], s[0]]).unwrap();
        let mut tv = t.view_mut().into_t();
        match func {
            "convolve2d" => convolve2d_into(&in1, &in2, mode, boundary, &mut tv).unwrap(),
            _ => correlate2d_into(&in1, &in2, mode, boundary, &mut tv).unwrap(),
        }
        assert_eq!(
            t.t().to_vec(),
            expected.to_vec(),
            "{label} (transposed out=)"
        );
    }
}

fn run_all(section: &str) -> usize {
    let golden = load();
    let cases = golden[section].as_array().expect("cases");
    for case in cases {
        match case["dtype"].as_str().unwrap() {
            "float32" => check::<f32>(case),
            "float64" => check::<f64>(case),
            "complex64" => check::<Complex32>(case),
            "complex128" => check::<Complex64>(case),
            "int8" => check::<i8>(case),
            "uint8" => check::<u8>(case),
            "int16" => check::<i16>(case),
            "int32" => check::<i32>(case),
            "int64" => check::<i64>(case),
            "uint64" => check::<u64>(case),
            other => panic!("dtype {other} not in the test"),
        }
    }
    cases.len()
}

#[test]
fn signal_2d_matches_scipy() {
    assert!(run_all("signal") > 800);
}

#[test]
fn numpy_1d_matches_numpy() {
    assert!(run_all("numpy") > 200);
}
