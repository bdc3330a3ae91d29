//! NumPy conformance: replays the cases of `tests/golden/cases.json` (made by
//! `tests/golden/generate.py` with NumPy) and compares with NumPy's outputs.

mod common;

use std::path::PathBuf;

use common::npy;
use oxarray_core::{Array, ArrayView, Complex64, DynArray};
use oxarray_linalg::{
    LinalgScalar, TensordotAxes, dot, einsum, einsum_path, inner, kron, matmul, multi_dot, outer,
    tensordot, trace_axes, vdot,
};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn load(name: &str) -> DynArray {
    let bytes = std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    npy::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(dir().join("cases.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Values as complex numbers, in logical order.
trait ToComplex {
    fn complex(&self) -> (Vec<usize>, Vec<Complex64>);
}

impl ToComplex for DynArray {
    fn complex(&self) -> (Vec<usize>, Vec<Complex64>) {
        match self {
            DynArray::F64(a) => (
                a.shape().to_vec(),
                a.iter().map(|&x| Complex64::new(x, 0.0)).collect(),
            ),
            DynArray::I64(a) => (
                a.shape().to_vec(),
                a.iter().map(|&x| Complex64::new(x as f64, 0.0)).collect(),
            ),
            DynArray::C128(a) => (a.shape().to_vec(), a.to_vec()),
            other => panic!("unexpected golden dtype {:?}", other.dtype()),
        }
    }
}

fn as_complex<T: LinalgScalar>(a: &Array<T>) -> (Vec<usize>, Vec<Complex64>) {
    a.clone().into_dyn().complex()
}

fn run<T: LinalgScalar>(case: &Value, inputs: &[&Array<T>]) -> Array<T> {
    let views: Vec<ArrayView<'_, T>> = inputs.iter().map(|a| a.view()).collect();
    let op = case["op"].as_str().unwrap();
    let result = match op {
        "einsum" => einsum(case["subscripts"].as_str().unwrap(), &views),
        "tensordot" => {
            let spec = &case["axes"];
            let axes = match spec.get("n") {
                Some(n) => TensordotAxes::Last(n.as_u64().unwrap() as usize),
                None => {
                    let list = |k: &str| {
                        spec[k]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|v| v.as_i64().unwrap() as isize)
                            .collect()
                    };
                    TensordotAxes::Pairs(list("a"), list("b"))
                }
            };
            tensordot(&views[0], &views[1], axes)
        }
        "matmul" => matmul(&views[0], &views[1]),
        "dot" => dot(&views[0], &views[1]),
        "inner" => inner(&views[0], &views[1]),
        "outer" => outer(&views[0], &views[1]),
        "kron" => kron(&views[0], &views[1]),
        "vdot" => vdot(&views[0], &views[1]).map(Array::from_scalar),
        "trace" => trace_axes(
            &views[0],
            case["offset"].as_i64().unwrap() as isize,
            case["axis1"].as_i64().unwrap() as isize,
            case["axis2"].as_i64().unwrap() as isize,
        ),
        "multi_dot" => multi_dot(&views),
        other => panic!("unknown op {other}"),
    };
    result.unwrap_or_else(|e| panic!("{}: {e}", case["name"]))
}

fn typed<T: LinalgScalar>(inputs: &[DynArray]) -> Vec<Array<T>> {
    inputs
        .iter()
        .map(|d| T::from_dyn(d).expect("inputs of one dtype").clone())
        .collect()
}

#[test]
fn numpy_golden_cases() {
    let manifest = manifest();
    let cases = manifest["cases"].as_array().unwrap();
    assert!(cases.len() >= 60, "only {} golden cases", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let inputs: Vec<DynArray> = case["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| load(p.as_str().unwrap()))
            .collect();
        let expected = load(case["output"].as_str().unwrap()).complex();
        let got = match inputs[0].dtype() {
            oxarray_core::DType::F64 => {
                let arrays = typed::<f64>(&inputs);
                as_complex(&run(case, &arrays.iter().collect::<Vec<_>>()))
            }
            oxarray_core::DType::I64 => {
                let arrays = typed::<i64>(&inputs);
                as_complex(&run(case, &arrays.iter().collect::<Vec<_>>()))
            }
            oxarray_core::DType::C128 => {
                let arrays = typed::<Complex64>(&inputs);
                as_complex(&run(case, &arrays.iter().collect::<Vec<_>>()))
            }
            other => panic!("{name}: dtype {other}"),
        };
        assert_eq!(got.0, expected.0, "{name}: shape");
        for (i, (g, e)) in got.1.iter().zip(&expected.1).enumerate() {
            assert!(
                (g - e).norm() <= 1e-12 * (1.0 + e.norm()) * 16.0,
                "{name}: element {i}: got {g}, NumPy {e}"
            );
        }
    }
}

#[test]
fn numpy_einsum_path_reports() {
    let manifest = manifest();
    for p in manifest["einsum_paths"].as_array().unwrap() {
        let subscripts = p["subscripts"].as_str().unwrap();
        let shapes: Vec<Vec<usize>> = p["shapes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s.as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_u64().unwrap() as usize)
                    .collect()
            })
            .collect();
        let refs: Vec<&[usize]> = shapes.iter().map(|s| &s[..]).collect();
        let ours = einsum_path(subscripts, &refs).unwrap();
        let path: Vec<Vec<usize>> = p["path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s.as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_u64().unwrap() as usize)
                    .collect()
            })
            .collect();
        assert_eq!(ours.path(), &path[..], "{subscripts}: path");
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-3 * b.abs();
        assert!(
            close(ours.naive_flops(), p["naive_flops"].as_f64().unwrap()),
            "{subscripts}: naive"
        );
        assert!(
            close(
                ours.optimized_flops(),
                p["optimized_flops"].as_f64().unwrap()
            ),
            "{subscripts}: optimized"
        );
        assert!(
            close(
                ours.largest_intermediate(),
                p["largest_intermediate"].as_f64().unwrap()
            ),
            "{subscripts}: largest"
        );
        // The printed report is NumPy's, line for line.
        assert_eq!(
            ours.to_string(),
            p["report"].as_str().unwrap(),
            "{subscripts}: report"
        );
    }
}
