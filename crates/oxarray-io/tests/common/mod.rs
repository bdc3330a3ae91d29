//! Helpers shared by the integration tests: the golden manifest, exact values from it, and
//! comparisons of loaded arrays with them.

#![allow(dead_code)]

use std::path::PathBuf;

use oxarray_core::{DType, DynArray, Scalar};
use serde_json::Value;

pub fn golden_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/data"))
}

pub fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(golden_dir().join("manifest.json"))
        .expect("golden manifest (run cargo xtask golden)");
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// Parses Python's `float.hex` output exactly.
pub fn from_hex(s: &str) -> f64 {
    match s {
        "nan" => return f64::NAN,
        "inf" => return f64::INFINITY,
        "-inf" => return f64::NEG_INFINITY,
        _ => {}
    }
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let s = s.strip_prefix("0x").expect("hex float");
    let (mant, exp) = s.split_once('p').expect("exponent");
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let mut m: u64 = u64::from_str_radix(int, 16).unwrap();
    for c in frac.chars() {
        m = m * 16 + c.to_digit(16).unwrap() as u64;
    }
    let e: i32 = exp.parse::<i32>().unwrap() - 4 * frac.len() as i32;
    // Scale in two steps so that neither overflows nor flushes to zero early.
    let half = e / 2;
    let v = m as f64 * 2f64.powi(half) * 2f64.powi(e - half);
    if neg { -v } else { v }
}

/// The dtype of a NumPy code such as `f8`, `c16`, `b1`.
pub fn dtype_of(code: &str) -> DType {
    DType::from_name(&format!("<{code}"))
        .or_else(|| DType::from_name(&format!("|{code}")))
        .unwrap_or_else(|| panic!("code {code}"))
}

fn same_float(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
}

/// Asserts that `a` holds the manifest `values` (C order) of NumPy type `code`.
pub fn assert_values(a: &DynArray, code: &str, values: &Value, ctx: &str) {
    assert_eq!(a.dtype(), dtype_of(code), "{ctx}: dtype");
    let want = values.as_array().unwrap();
    let got = a.to_vec_scalar();
    assert_eq!(got.len(), want.len(), "{ctx}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = match (g, w) {
            (Scalar::Bool(g), Value::Bool(w)) => g == w,
            (Scalar::Int(g), Value::String(w)) => i128::from(*g) == w.parse::<i128>().unwrap(),
            (Scalar::UInt(g), Value::String(w)) => i128::from(*g) == w.parse::<i128>().unwrap(),
            (Scalar::Float(g), Value::String(w)) => same_float(*g, from_hex(w)),
            (Scalar::Complex(g), Value::Array(w)) => {
                same_float(g.re, from_hex(w[0].as_str().unwrap()))
                    && same_float(g.im, from_hex(w[1].as_str().unwrap()))
            }
            _ => false,
        };
        assert!(ok, "{ctx}: element {i}: got {g:?}, NumPy wrote {w}");
    }
}

pub fn shape_of(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect()
}
