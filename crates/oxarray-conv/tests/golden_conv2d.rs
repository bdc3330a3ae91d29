//! conv2d against tests/golden/conv2d.json (made by tests/golden/gen_conv2d.py from a NumPy
//! transcription of PyTorch's definition; PyTorch itself could not be installed on the build
//! machine). Values are multiples of 1/8: results must agree exactly, on C-order and permuted
//! inputs, into `out=` arrays, and with the scalar row kernel.

use std::path::Path;

use oxarray_conv::{Conv2dOptions, ConvError, Padding, conv2d, conv2d_into, with_scalar_kernels};
use oxarray_core::{Array, ArrayView, Element};
use serde_json::Value;

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_u64().unwrap() as usize).collect())
        .unwrap_or_default()
}

fn options(case: &Value) -> Conv2dOptions {
    let pair = |v: &Value| {
        let p = usizes(v);
        [p[0], p[1]]
    };
    Conv2dOptions {
        stride: pair(&case["stride"]),
        padding: match case["padding"].as_str() {
            Some("same") => Padding::Same,
            Some("valid") => Padding::Valid,
            _ => Padding::Explicit(pair(&case["padding"])),
        },
        dilation: pair(&case["dilation"]),
        groups: case["groups"].as_u64().unwrap() as usize,
    }
}

fn check<T: Element + oxarray_conv::ConvElement + std::fmt::Debug>(
    case: &Value,
    cast: impl Fn(f64) -> T,
) {
    let vals = |k: &str| -> Vec<T> {
        case[k]
            .as_array()
            .map(|a| a.iter().map(|x| cast(x.as_f64().unwrap())).collect())
            .unwrap_or_default()
    };
    let x = Array::from_vec(vals("input"), usizes(&case["input_shape"])).unwrap();
    let w = Array::from_vec(vals("weight"), usizes(&case["weight_shape"])).unwrap();
    let bias = case["bias"].as_array().map(|_| vals("bias"));
    let opts = options(case);
    let label = format!(
        "{} x {:?} w {:?} {:?}",
        case["dtype"],
        x.shape(),
        w.shape(),
        opts
    );
    let run = |x: &ArrayView<'_, T>| conv2d(x, &w, bias.as_deref(), &opts);
    if let Some(msg) = case.get("error") {
        let err = run(&x.view()).expect_err(&label);
        assert!(
            matches!(err, ConvError::Conv2dShape { .. }),
            "{label}: {err} ({msg})"
        );
        return;
    }
    let want = vals("out");
    let shape = usizes(&case["out_shape"]);
    let got = run(&x.view()).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(got.shape(), shape.as_slice(), "{label}");
    assert_eq!(got.to_vec(), want, "{label}");
    let scalar = with_scalar_kernels(|| run(&x.view())).unwrap();
    assert_eq!(scalar.to_vec(), want, "{label} (scalar kernel)");
    // The input in reversed-axes storage, viewed back (every stride non-unit but one).
    let rev: Vec<isize> = (0..x.ndim() as isize).rev().collect();
    let stored = x.view().into_permuted(&rev).unwrap().to_owned();
    let back = stored.view().into_permuted(&rev).unwrap();
    assert_eq!(
        run(&back).unwrap().to_vec(),
        want,
        "{label} (permuted input)"
    );
    let mut out = Array::<T>::zeros(shape.clone()).unwrap();
    conv2d_into(&x, &w, bias.as_deref(), &opts, &mut out).unwrap();
    assert_eq!(out.to_vec(), want, "{label} (out=)");
    let mut wrong = Array::<T>::zeros([1]).unwrap();
    assert!(matches!(
        conv2d_into(&x, &w, bias.as_deref(), &opts, &mut wrong),
        Err(ConvError::OutShape { .. })
    ));
}

#[test]
fn conv2d_matches_the_pytorch_definition() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/conv2d.json");
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = golden["cases"].as_array().unwrap();
    for case in cases {
        match case["dtype"].as_str().unwrap() {
            "float64" => check::<f64>(case, |v| v),
            "float32" => check::<f32>(case, |v| v as f32),
            other => panic!("dtype {other}"),
        }
    }
    assert_eq!(cases.len(), 30);
}
