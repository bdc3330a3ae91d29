//! The JSON golden-case format written by the `tests/golden/gen_*.py` scripts (oxarray-core's
//! `gen_join.py` describes it): an array is `{"dtype", "shape", "values", "view"}` with the
//! values in C order as strings (`"nan"`, `"-0.0"`, `"1"`/`"0"` for bools, `"re,im"` for
//! complex), and `view` one of `""`, `"T"` (transposed), `"rev"` (every axis reversed) or
//! `"step"` (every other row). An expected result is `{"arrays": [...]}`, `{"bool": b}` or
//! `{"error": "NumPyExceptionClass"}`.

use oxarray_core::{Array, ArrayView, Complex64, DType, Element, Scalar, SliceArg};
pub use serde_json::Value;

/// A result flattened for comparison: dtype, shape and values in logical order.
#[derive(Debug, Clone, PartialEq)]
pub struct Flat {
    /// The element type.
    pub dtype: DType,
    /// The shape.
    pub shape: Vec<usize>,
    /// The values, in C order.
    pub values: Vec<Scalar>,
}

/// Flattens a view.
pub fn flat<U: Element>(a: &ArrayView<'_, U>) -> Flat {
    Flat {
        dtype: U::DTYPE,
        shape: a.shape().to_vec(),
        values: a.iter().map(|x| x.to_scalar()).collect(),
    }
}

/// One value written by the generator, as a scalar of `dtype`.
pub fn parse_value(text: &str, dtype: DType) -> Scalar {
    match dtype {
        DType::Bool => Scalar::Bool(text == "1"),
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

/// Equal values (NaN equal to NaN, zeros of one sign), or within `ulps` units in the last
/// place of `f64` for floats.
pub fn same(a: Scalar, b: Scalar, ulps: u64) -> bool {
    let f = |x: f64, y: f64| {
        (x.is_nan() && y.is_nan())
            || (x == y && x.signum() == y.signum())
            || (x.signum() == y.signum() && x.to_bits().abs_diff(y.to_bits()) <= ulps)
    };
    let norm = |s: Scalar| match s {
        Scalar::Int(v) if v >= 0 => Scalar::UInt(v as u64),
        other => other,
    };
    match (norm(a), norm(b)) {
        (Scalar::Float(x), Scalar::Float(y)) => f(x, y),
        (Scalar::Complex(x), Scalar::Complex(y)) => f(x.re, y.re) && f(x.im, y.im),
        (x, y) => x == y,
    }
}

/// The `shape` of an array object.
pub fn shape_of(j: &Value) -> Vec<usize> {
    j["shape"]
        .as_array()
        .expect("a shape")
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect()
}

/// The `dtype` of an array object.
pub fn dtype_of(j: &Value) -> DType {
    DType::from_name(j["dtype"].as_str().unwrap()).expect("a known dtype")
}

/// The base array of an array object (its dtype must be `U`'s).
pub fn build<U: Element>(j: &Value) -> Array<U> {
    let dtype = dtype_of(j);
    assert_eq!(dtype, U::DTYPE, "input dtype");
    let values: Vec<U> = j["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| U::from_scalar(parse_value(v.as_str().unwrap(), dtype)))
        .collect();
    Array::from_vec(values, shape_of(j)).unwrap()
}

/// The view named by the object's `view` of its base array `a`.
pub fn view_of<'a, U: Element>(a: &'a Array<U>, j: &Value) -> ArrayView<'a, U> {
    let v = a.view();
    match j["view"].as_str().unwrap_or("") {
        "" => v,
        "T" => v.into_t(),
        "rev" => {
            let args = vec![SliceArg::stepped(.., -1); v.ndim()];
            v.into_slice(args).unwrap()
        }
        "step" => v.into_slice([SliceArg::stepped(.., 2)]).unwrap(),
        other => panic!("unknown view {other}"),
    }
}

/// The expected arrays of a case.
pub fn expected_arrays(expected: &Value) -> Vec<Flat> {
    expected["arrays"]
        .as_array()
        .expect("arrays")
        .iter()
        .map(|j| {
            let dtype = dtype_of(j);
            Flat {
                dtype,
                shape: shape_of(j),
                values: j["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| parse_value(v.as_str().unwrap(), dtype))
                    .collect(),
            }
        })
        .collect()
}

/// What went wrong with `got` against `want`, if anything (dtype, shape, then the first value
/// that differs by more than `ulps`).
pub fn mismatch(got: &[Flat], want: &[Flat], ulps: u64) -> Option<String> {
    if got.len() != want.len() {
        return Some(format!("{} arrays, NumPy has {}", got.len(), want.len()));
    }
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        if g.dtype != w.dtype || g.shape != w.shape {
            return Some(format!(
                "array {k}: {:?} {:?}, NumPy has {:?} {:?}",
                g.dtype, g.shape, w.dtype, w.shape
            ));
        }
        if let Some(i) = (0..g.values.len()).find(|&i| !same(g.values[i], w.values[i], ulps)) {
            return Some(format!(
                "array {k} element {i}: {:?}, NumPy has {:?}",
                g.values[i], w.values[i]
            ));
        }
    }
    None
}
