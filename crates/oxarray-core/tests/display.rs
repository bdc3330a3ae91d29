//! `{:?}` (repr) and `{}` (str) checked against NumPy's own output
//! (`tests/golden/display.json`, written by `tests/golden/gen_display.py`).

use oxarray_core::{Array, Complex64, DType, DynArray, Scalar, array, s};
use serde_json::Value;

fn golden_cases() -> Vec<Value> {
    let g: Value =
        serde_json::from_str(include_str!("golden/display.json")).expect("valid golden JSON");
    g["cases"].as_array().expect("cases").clone()
}

fn parse_value(text: &str, dtype: DType) -> Scalar {
    match dtype {
        DType::Bool => Scalar::Bool(text == "True"),
        DType::C64 | DType::C128 => {
            let (re, im) = text.split_once(',').expect("re,im");
            Scalar::Complex(Complex64::new(re.parse().unwrap(), im.parse().unwrap()))
        }
        d if d.is_float() => Scalar::Float(text.parse().unwrap()),
        _ => {
            let v: i128 = text.parse().unwrap();
            if v < 0 {
                Scalar::Int(v as i64)
            } else {
                Scalar::UInt(v as u64)
            }
        }
    }
}

/// The array a golden case describes.
fn build(case: &Value) -> DynArray {
    let dtype = DType::from_name(case["dtype"].as_str().unwrap()).expect("dtype");
    let shape: Vec<usize> = case["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let values: Vec<Scalar> = if let Some(values) = case["values"].as_array() {
        values
            .iter()
            .map(|v| parse_value(v.as_str().unwrap(), dtype))
            .collect()
    } else {
        let recipe = &case["arange"];
        let n = recipe["n"].as_u64().unwrap();
        let offset = recipe["offset"].as_f64().unwrap();
        let divisor = recipe["divisor"].as_f64().unwrap();
        (0..n)
            .map(|i| Scalar::Float((i as f64 + offset) / divisor))
            .collect()
    };
    DynArray::from_scalars(dtype, &values, shape).expect("golden case builds")
}

#[test]
fn repr_and_str_match_numpy() {
    let cases = golden_cases();
    assert!(cases.len() > 80);
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let a = build(case);
        let (repr, s) = (format!("{a:?}"), format!("{a}"));
        let (want_repr, want_str) = (
            case["repr"].as_str().unwrap(),
            case["str"].as_str().unwrap(),
        );
        if repr != want_repr {
            wrong.push(format!("{name} repr:\n{repr}\nnumpy:\n{want_repr}\n"));
        }
        if s != want_str {
            wrong.push(format!("{name} str:\n{s}\nnumpy:\n{want_str}\n"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn typed_arrays_print_like_their_dyn_form() {
    for case in golden_cases() {
        let a = build(&case);
        oxarray_core::dispatch_dyn!(&a, typed: _T => {
            assert_eq!(format!("{typed:?}"), format!("{a:?}"));
            assert_eq!(format!("{:?}", typed.view()), format!("{a:?}"));
        });
    }
}

#[test]
fn strided_views_print_their_logical_order() {
    let a = Array::<f64>::arange(0.0, 12.0, 1.0)
        .unwrap()
        .into_shape([3, 4])
        .unwrap();
    let v = a.slice(s![..;2, ..;-1]).unwrap();
    assert_eq!(format!("{v}"), "[[ 3.  2.  1.  0.]\n [11. 10.  9.  8.]]");
    let b = a.broadcast_to([2, 3, 4]).unwrap();
    assert!(format!("{b:?}").starts_with("array([[[ 0.,  1.,  2.,  3.],"));
    let t = array![[1u8, 2], [3, 4]];
    assert_eq!(
        format!("{:?}", t.t()),
        "array([[1, 3],\n       [2, 4]], dtype=uint8)"
    );
}

#[test]
fn bfloat16_prints_as_a_float_type_of_its_precision() {
    let a = array![1.5f64, 2.0].astype::<oxarray_core::bf16>();
    assert_eq!(format!("{a:?}"), "array([1.5, 2. ], dtype=bfloat16)");
    // 0.1 rounds to 0.10009765625 in bfloat16; its shortest round-trip string is "0.1".
    let b = array![0.1f64].astype::<oxarray_core::bf16>();
    assert_eq!(format!("{b}"), "[0.1]");
    let c = array![100.0f64, 1.0].astype::<oxarray_core::bf16>();
    assert_eq!(format!("{c}"), "[1.e+02 1.e+00]");
}
