//! The `ndimage` filters against the results scipy.ndimage gave
//! (tests/golden/ndimage.json, made by tests/golden/gen_ndimage.py): every mode, origins at
//! both limits, odd and even kernels, 1-D to 3-D, tiny inputs, `axes`, every integer width,
//! f32 and f64, and SciPy's errors.
//!
//! Integers must agree exactly (the generator keeps SciPy's double sums exact for them, except
//! the Gaussian ones, whose truncation is checked against SciPy's value exactly too); f64
//! agrees to 1e-12 and f32 to 1e-6 of the value (plus a rounding allowance of 1e-13 of the
//! input's scale near zero). Each case runs on a C-order input, on F-order and reversed views
//! of it, into `out=` arrays of both orders, and with the scalar row kernel.

use std::path::Path;

use oxarray_conv::ConvError;
use oxarray_conv::ndimage::{self, FilterOptions, GaussianOptions, NdElement, NdMode};
use oxarray_conv::with_scalar_kernels;
use oxarray_core::{Array, ArrayView, ArrayViewMut, Error as CoreError};
use serde_json::Value;

trait Golden: NdElement {
    fn parse(v: &Value) -> Self;
    /// Whether `got` is SciPy's `want` within this type's tolerance (`scale`: the inputs').
    fn close(got: Self, want: Self, scale: f64) -> bool;
}

macro_rules! int_golden {
    ($($t:ty),*) => {$(
        impl Golden for $t {
            fn parse(v: &Value) -> Self {
                match v.as_i64() {
                    Some(i) => i as $t,
                    None => v.as_u64().expect("an integer") as $t,
                }
            }
            fn close(got: Self, want: Self, _scale: f64) -> bool {
                got == want
            }
        }
    )*};
}
int_golden!(i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! float_golden {
    ($($t:ty => $rel:expr),*) => {$(
        impl Golden for $t {
            fn parse(v: &Value) -> Self {
                v.as_f64().expect("a number") as $t
            }
            fn close(got: Self, want: Self, scale: f64) -> bool {
                let (g, w) = (got as f64, want as f64);
                (g - w).abs() <= $rel * w.abs() + 1e-13 * scale
            }
        }
    )*};
}
float_golden!(f32 => 1e-6, f64 => 1e-12);

fn list<T>(v: &Value, f: impl Fn(&Value) -> T) -> Vec<T> {
    v.as_array()
        .map(|a| a.iter().map(f).collect())
        .unwrap_or_default()
}

fn usizes(v: &Value) -> Vec<usize> {
    list(v, |x| x.as_u64().expect("a length") as usize)
}

fn isizes(v: &Value) -> Vec<isize> {
    list(v, |x| x.as_i64().expect("an integer") as isize)
}

fn floats(v: &Value) -> Vec<f64> {
    list(v, |x| x.as_f64().expect("a number"))
}

fn options(case: &Value) -> FilterOptions {
    FilterOptions {
        mode: case["mode"].as_str().unwrap().parse().unwrap(),
        cval: case["cval"].as_f64().unwrap_or(0.0),
        origin: isizes(&case["origin"]),
        axes: case["axes"].as_array().map(|_| isizes(&case["axes"])),
    }
}

/// Runs the case's function on `input`, into `out` when given.
fn run<T: Golden>(
    case: &Value,
    input: &ArrayView<'_, T>,
    out: Option<&mut ArrayViewMut<'_, T>>,
) -> Result<Option<Array<T>>, ConvError> {
    let func = case["func"].as_str().unwrap();
    let mut opts = options(case);
    let axis = case["axis"].as_i64().unwrap_or(-1) as isize;
    let gauss = GaussianOptions {
        truncate: case["truncate"].as_f64().unwrap_or(4.0),
        radius: usizes(&case["radius"]),
        order: usizes(&case["order"]),
    };
    macro_rules! call {
        ($f:ident, $f_into:ident, $($arg:expr),*) => {
            match out {
                Some(out) => ndimage::$f_into(input, $($arg),*, out).map(|()| None),
                None => ndimage::$f(input, $($arg),*).map(Some),
            }
        };
    }
    let weights =
        || Array::from_vec(floats(&case["weights"]), usizes(&case["weights_shape"])).unwrap();
    let w1 = floats(&case["weights"]);
    let sizes = usizes(&case["size"]);
    let sigma = floats(&case["sigma"]);
    match func {
        "correlate" => call!(correlate, correlate_into, &weights(), &opts),
        "convolve" => call!(convolve, convolve_into, &weights(), &opts),
        "correlate1d" => call!(correlate1d, correlate1d_into, &w1, axis, &opts),
        "convolve1d" => call!(convolve1d, convolve1d_into, &w1, axis, &opts),
        "uniform_filter1d" => call!(
            uniform_filter1d,
            uniform_filter1d_into,
            sizes[0],
            axis,
            &opts
        ),
        "uniform_filter" => call!(uniform_filter, uniform_filter_into, &sizes, &opts),
        "gaussian_filter1d" => {
            opts.origin.clear();
            call!(
                gaussian_filter1d,
                gaussian_filter1d_into,
                sigma[0],
                axis,
                &gauss,
                &opts
            )
        }
        "gaussian_filter" => {
            opts.origin.clear();
            call!(gaussian_filter, gaussian_filter_into, &sigma, &gauss, &opts)
        }
        "sobel" => call!(sobel, sobel_into, axis, &opts),
        "laplace" => call!(laplace, laplace_into, &opts),
        other => panic!("function {other} not in the test"),
    }
}

fn error_matches(kind: &str, err: &ConvError) -> bool {
    match kind {
        "origin" => matches!(err, ConvError::InvalidOrigin { .. }),
        "kernel" => matches!(
            err,
            ConvError::KernelShape { .. } | ConvError::InvalidFilter { .. }
        ),
        "axis" => matches!(
            err,
            ConvError::Core(CoreError::AxisOutOfBounds { .. } | CoreError::RepeatedAxis { .. })
        ),
        "size" => matches!(err, ConvError::InvalidFilter { .. }),
        _ => false,
    }
}

fn check<T: Golden>(case: &Value) {
    let shape = usizes(&case["shape"]);
    let data: Vec<T> = list(&case["input"], T::parse);
    let input = Array::from_vec(data, shape.clone()).unwrap();
    let label = {
        let mut c = case.clone();
        let obj = c.as_object_mut().unwrap();
        for k in ["input", "out", "message"] {
            obj.remove(k);
        }
        c.to_string()
    };
    if let Some(kind) = case["error"].as_str() {
        let err = run(case, &input.view(), None).expect_err(&label);
        assert!(
            error_matches(kind, &err),
            "{label}: {err} for SciPy's {}",
            case["message"]
        );
        // The message names what is at fault.
        assert!(!err.to_string().is_empty());
        return;
    }
    let want: Vec<T> = list(&case["out"], T::parse);
    let scale = list(&case["input"], |v| v.as_f64().unwrap_or(0.0).abs())
        .into_iter()
        .fold(1.0f64, f64::max)
        .max(case["cval"].as_f64().unwrap_or(0.0).abs());
    let agree = |got: &[T], how: &str| {
        assert_eq!(got.len(), want.len(), "{label} ({how})");
        for (i, (&g, &w)) in got.iter().zip(&want).enumerate() {
            assert!(
                T::close(g, w, scale),
                "{label} ({how}): element {i}: got {g:?}, SciPy {w:?}"
            );
        }
    };
    let got = run(case, &input.view(), None).unwrap_or_else(|e| panic!("{label}: {e}"));
    agree(&got.unwrap().to_vec(), "new result");
    let scalar = with_scalar_kernels(|| run(case, &input.view(), None)).unwrap();
    agree(&scalar.unwrap().to_vec(), "scalar kernel");
    let n = shape.len() as isize;
    let reversed_axes: Vec<isize> = (0..n).rev().collect();
    if n > 0 {
        // An F-order view of the same values, and a view with a negative stride.
        let f_copy = input
            .view()
            .into_permuted(&reversed_axes)
            .unwrap()
            .to_owned();
        let f_view = f_copy.view().into_permuted(&reversed_axes).unwrap();
        agree(
            &run(case, &f_view, None).unwrap().unwrap().to_vec(),
            "F-order input",
        );
        let flipped = input.view().into_flip(Some(&[0])).unwrap().to_owned();
        let back = flipped.view().into_flip(Some(&[0])).unwrap();
        agree(
            &run(case, &back, None).unwrap().unwrap().to_vec(),
            "reversed input",
        );
    }
    let mut out = Array::<T>::zeros(shape.clone()).unwrap();
    run(case, &input.view(), Some(&mut out.view_mut())).unwrap();
    agree(&out.to_vec(), "out=");
    if n > 1 {
        let t_shape: Vec<usize> = shape.iter().rev().copied().collect();
        let mut t = Array::<T>::zeros(t_shape).unwrap();
        let mut tv = t.view_mut().into_permuted(&reversed_axes).unwrap();
        run(case, &input.view(), Some(&mut tv)).unwrap();
        agree(&tv.to_owned().to_vec(), "F-order out=");
    }
}

fn load() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/ndimage.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("golden file")).expect("JSON")
}

fn run_funcs(funcs: &[&str]) -> usize {
    let golden = load();
    let mut count = 0;
    for case in golden["cases"].as_array().expect("cases") {
        if !funcs.contains(&case["func"].as_str().unwrap()) {
            continue;
        }
        count += 1;
        match case["dtype"].as_str().unwrap() {
            "float32" => check::<f32>(case),
            "float64" => check::<f64>(case),
            "int8" => check::<i8>(case),
            "uint8" => check::<u8>(case),
            "int16" => check::<i16>(case),
            "uint16" => check::<u16>(case),
            "int32" => check::<i32>(case),
            "uint32" => check::<u32>(case),
            "int64" => check::<i64>(case),
            "uint64" => check::<u64>(case),
            other => panic!("dtype {other} not in the test"),
        }
    }
    count
}

#[test]
fn correlate_and_convolve_match_scipy() {
    assert!(run_funcs(&["correlate", "convolve"]) > 700);
}

#[test]
fn correlate1d_and_convolve1d_match_scipy() {
    assert!(run_funcs(&["correlate1d", "convolve1d"]) > 700);
}

#[test]
fn uniform_filters_match_scipy() {
    assert!(run_funcs(&["uniform_filter1d", "uniform_filter"]) > 500);
}

#[test]
fn gaussian_filters_match_scipy() {
    assert!(run_funcs(&["gaussian_filter1d", "gaussian_filter"]) > 250);
}

#[test]
fn sobel_and_laplace_match_scipy() {
    assert!(run_funcs(&["sobel", "laplace"]) > 400);
}

#[test]
fn modes_parse_by_scipy_name() {
    for name in [
        "reflect",
        "constant",
        "nearest",
        "mirror",
        "wrap",
        "grid-wrap",
        "grid-constant",
        "grid-mirror",
    ] {
        let mode: NdMode = name.parse().unwrap();
        assert_eq!(mode.name(), name);
    }
}
