//! Type promotion and casting checked entry by entry against NumPy 2's own answers
//! (`tests/golden/promotion.json`, written by `tests/golden/gen_promotion.py`).

use oxarray_core::{
    Casting, Complex64, DType, PyScalar, can_cast, result_type, result_type_many,
    result_type_with_scalar,
};
use serde_json::Value;

fn golden() -> Value {
    serde_json::from_str(include_str!("golden/promotion.json")).expect("valid golden JSON")
}

fn rows<'a>(g: &'a Value, key: &str) -> &'a [Value] {
    g[key]
        .as_array()
        .unwrap_or_else(|| panic!("golden has no {key}"))
}

fn dtype(v: &Value) -> DType {
    let name = v.as_str().expect("dtype name");
    DType::from_name(name).unwrap_or_else(|| panic!("unknown dtype {name}"))
}

fn py_scalar(text: &str) -> PyScalar {
    let (kind, value) = text.split_once(':').expect("kind:value");
    match kind {
        "bool" => PyScalar::Bool(value == "true"),
        "int" => PyScalar::Int(value.parse().expect("int")),
        "float" => PyScalar::Float(value.parse().expect("float")),
        "complex" => {
            let (re, im) = value.split_once(',').expect("re,im");
            PyScalar::Complex(Complex64::new(re.parse().unwrap(), im.parse().unwrap()))
        }
        other => panic!("unknown scalar kind {other}"),
    }
}

#[test]
fn golden_covers_every_numpy_dtype() {
    let g = golden();
    let names: Vec<DType> = rows(&g, "dtypes").iter().map(dtype).collect();
    let ours: Vec<DType> = DType::ALL
        .into_iter()
        .filter(|&d| d != DType::BF16)
        .collect();
    assert_eq!(names, ours);
    assert_eq!(rows(&g, "result_type").len(), 14 * 14);
    assert_eq!(rows(&g, "can_cast").len(), 14 * 14 * 5);
}

#[test]
fn result_type_matches_numpy() {
    let g = golden();
    let mut wrong = Vec::new();
    for row in rows(&g, "result_type") {
        let (a, b, want) = (dtype(&row[0]), dtype(&row[1]), dtype(&row[2]));
        if result_type(a, b) != want {
            wrong.push(format!(
                "{a} + {b}: numpy {want}, ours {}",
                result_type(a, b)
            ));
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
fn result_type_many_matches_numpy() {
    let g = golden();
    let mut wrong = Vec::new();
    let cases = rows(&g, "result_type_many");
    assert!(cases.len() > 14 * 14 * 14);
    for row in cases {
        let row = row.as_array().unwrap();
        let (want, inputs) = row.split_last().unwrap();
        let inputs: Vec<DType> = inputs.iter().map(dtype).collect();
        let got = result_type_many(&inputs).unwrap();
        if got != dtype(want) {
            wrong.push(format!("{inputs:?}: numpy {}, ours {got}", dtype(want)));
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
fn can_cast_matches_numpy() {
    let g = golden();
    let mut wrong = Vec::new();
    for row in rows(&g, "can_cast") {
        let (from, to) = (dtype(&row[0]), dtype(&row[1]));
        let casting = Casting::from_name(row[2].as_str().unwrap()).expect("casting name");
        let want = row[3].as_bool().unwrap();
        if can_cast(from, to, casting) != want {
            wrong.push(format!("{from} -> {to} ({casting:?}): numpy {want}"));
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
fn weak_scalars_match_numpy() {
    let g = golden();
    let mut wrong = Vec::new();
    for row in rows(&g, "weak_scalar") {
        let d = dtype(&row[0]);
        let s = py_scalar(row[1].as_str().unwrap());
        let want = row[2].as_str().unwrap();
        let got = result_type_with_scalar(d, s);
        let ok = match (&got, want) {
            (Err(_), "OverflowError") => true,
            (Ok(r), w) => r.name() == w,
            _ => false,
        };
        if !ok {
            wrong.push(format!("{d} + {s:?}: numpy {want}, ours {got:?}"));
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
fn bfloat16_agrees_with_ml_dtypes_where_it_defines_a_promotion() {
    let g = golden();
    let Some(bf_rows) = g["bfloat16_result_type"].as_array() else {
        panic!("golden lacks the ml_dtypes section: regenerate with ml_dtypes installed");
    };
    let mut defined = 0;
    for row in bf_rows {
        let other = dtype(&row[1]);
        if let Some(want) = row[2].as_str() {
            defined += 1;
            assert_eq!(
                result_type(DType::BF16, other).name(),
                want,
                "bf16 + {other}"
            );
        }
    }
    assert_eq!(defined, 8);
}

#[test]
fn bfloat16_fills_ml_dtypes_gaps_like_float16() {
    use DType::*;
    for (other, want) in [
        (F16, F32),
        (I16, F32),
        (U16, F32),
        (I32, F64),
        (U32, F64),
        (I64, F64),
        (U64, F64),
    ] {
        assert_eq!(result_type(BF16, other), want, "bf16 + {other}");
        assert_eq!(result_type(other, BF16), want, "{other} + bf16");
    }
    assert!(can_cast(I8, BF16, Casting::Safe));
    assert!(!can_cast(I16, BF16, Casting::Safe));
    assert!(can_cast(I16, BF16, Casting::SameKind));
    assert!(can_cast(BF16, F32, Casting::Safe));
    assert!(can_cast(BF16, C64, Casting::Safe));
    assert!(!can_cast(BF16, I64, Casting::SameKind));
    assert!(can_cast(F64, BF16, Casting::SameKind));
    assert_eq!(result_type_with_scalar(BF16, 1).unwrap(), BF16);
    assert_eq!(result_type_with_scalar(BF16, 0.5).unwrap(), BF16);
    assert_eq!(
        result_type_with_scalar(BF16, Complex64::new(0.0, 1.0)).unwrap(),
        C64
    );
    // bf16 is the most knowledgeable dtype of a list, as float16 is in NumPy.
    assert_eq!(result_type_many(&[I8, U8, BF16]).unwrap(), BF16);
    assert_eq!(result_type_many(&[I8, U16, BF16]).unwrap(), F32);
}

#[test]
fn casting_names_round_trip() {
    for c in Casting::ALL {
        assert_eq!(Casting::from_name(c.name()), Some(c));
    }
    assert_eq!(Casting::from_name("sideways"), None);
    assert_eq!(Casting::default(), Casting::SameKind);
}

#[test]
fn result_type_many_of_nothing_is_an_error() {
    assert!(result_type_many(&[]).is_err());
    assert_eq!(result_type_many(&[DType::U16]).unwrap(), DType::U16);
}

#[test]
fn overflow_error_names_value_and_dtype() {
    let err = result_type_with_scalar(DType::I8, 128).unwrap_err();
    assert!(err.to_string().contains("128"), "{err}");
    assert!(err.to_string().contains("int8"), "{err}");
    let err = result_type_with_scalar(DType::Bool, PyScalar::Int(1 << 63)).unwrap_err();
    assert!(err.to_string().contains("int64"), "{err}");
}
