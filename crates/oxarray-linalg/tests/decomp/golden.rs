//! NumPy / SciPy conformance: replays `tests/golden/decomp/cases.json` (made by
//! `tests/golden/gen_decomp.py`) and compares with their outputs: values where NumPy fixes
//! them, eigenvalues sorted where their order is unspecified, moduli of singular vectors and
//! eigenvectors (unique up to a unit factor).

use std::path::PathBuf;

use oxarray_core::{Array, Complex32, Complex64, DType, DynArray, Element};
use oxarray_linalg::*;
use serde_json::Value;

use crate::common::npy;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/decomp")
}

fn load(name: &str) -> DynArray {
    let bytes = std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    npy::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Shape and values (as complex numbers) of a result.
type Values = (Vec<usize>, Vec<Complex64>);

fn values(a: &DynArray) -> Values {
    let c = a.astype(DType::C128);
    let c = c.as_array::<Complex64>().unwrap();
    (c.shape().to_vec(), c.to_vec())
}

fn vals<T: Element>(a: Array<T>) -> Values {
    values(&a.into_dyn())
}

fn ord_arg(v: &Value) -> Option<NormOrder> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(match s.as_str() {
            "fro" => NormOrder::Fro,
            "nuc" => NormOrder::Nuc,
            "inf" => NormOrder::INF,
            "-inf" => NormOrder::NEG_INF,
            other => panic!("ord {other}"),
        }),
        Value::Number(n) => Some(NormOrder::P(n.as_f64().unwrap())),
        other => panic!("ord {other}"),
    }
}

fn axes_arg(v: &Value) -> Option<Vec<isize>> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_i64().unwrap() as isize).collect())
}

fn trans_arg(v: &Value) -> Trans {
    match v.as_i64().unwrap() {
        0 => Trans::N,
        1 => Trans::T,
        _ => Trans::C,
    }
}

fn flag(args: &Value, key: &str) -> bool {
    args[key].as_bool().unwrap_or(false)
}

/// Runs one case on inputs of element type `T`; returns the outputs in NumPy's order.
fn run<T: LinalgInput + LinalgScalar>(
    case: &Value,
    inputs: &[Array<T>],
) -> oxarray_core::Result<Vec<Values>> {
    let args = &case["args"];
    let a = &inputs[0];
    Ok(match case["op"].as_str().unwrap() {
        "solve" => vec![vals(solve(a, &inputs[1])?)],
        "inv" => vec![vals(inv(a)?)],
        "det" => vec![vals(det(a)?)],
        "slogdet" => {
            let r = slogdet(a)?;
            vec![vals(r.sign), vals(r.logabsdet)]
        }
        "cholesky" => vec![vals(cholesky(a, flag(args, "upper"))?)],
        "cho_factor" => vec![vals(cho_factor(a, flag(args, "lower"))?.c)],
        "qr" => {
            let mode = match args["mode"].as_str().unwrap() {
                "reduced" => QrMode::Reduced,
                "complete" => QrMode::Complete,
                "r" => QrMode::R,
                _ => QrMode::Raw,
            };
            match qr(a, mode)? {
                QrResult::QR { q, r } => vec![vals(q), vals(r)],
                QrResult::R(r) => vec![vals(r)],
                QrResult::Raw { h, tau } => vec![vals(h), vals(tau)],
            }
        }
        "svd" | "svd_hermitian" => {
            let options = SvdOptions {
                full_matrices: args["full_matrices"].as_bool().unwrap_or(true),
                compute_uv: true,
                hermitian: case["op"] == "svd_hermitian",
            };
            let r = svd(a, options)?;
            vec![vals(r.u.unwrap()), vals(r.s), vals(r.vh.unwrap())]
        }
        "svdvals" => vec![vals(svdvals(a)?)],
        "eig" => {
            let r = eig(a)?;
            vec![vals(r.eigenvalues), vals(r.eigenvectors)]
        }
        "eigvals" => vec![vals(eigvals(a)?)],
        "eigh" | "eigvalsh" => {
            let uplo = if args["UPLO"] == "U" {
                Uplo::Upper
            } else {
                Uplo::Lower
            };
            if case["op"] == "eigh" {
                let r = eigh(a, uplo)?;
                vec![vals(r.eigenvalues), vals(r.eigenvectors)]
            } else {
                vec![vals(eigvalsh(a, uplo)?)]
            }
        }
        "lstsq" => {
            let r = lstsq(a, &inputs[1], args["rcond"].as_f64())?;
            vec![
                vals(r.x),
                vals(r.residuals),
                vals(Array::from_scalar(r.rank as i64)),
                vals(r.s),
            ]
        }
        "pinv" => {
            let options = PinvOptions {
                rcond: None,
                rtol: args["rtol"].as_f64(),
                hermitian: flag(args, "hermitian"),
            };
            vec![vals(pinv(a, options)?)]
        }
        "matrix_rank" => {
            let options = MatrixRankOptions {
                tol: args["tol"].as_f64(),
                hermitian: flag(args, "hermitian"),
                rtol: args["rtol"].as_f64(),
            };
            vec![vals(matrix_rank(a, options)?)]
        }
        "norm" => {
            let axes = axes_arg(&args["axis"]);
            vec![vals(norm(
                a,
                ord_arg(&args["ord"]),
                axes.as_deref(),
                flag(args, "keepdims"),
            )?)]
        }
        "vector_norm" => {
            let axes = axes_arg(&args["axis"]);
            let ord = ord_arg(&args["ord"]).unwrap_or(NormOrder::P(2.0));
            vec![vals(vector_norm(
                a,
                axes.as_deref(),
                flag(args, "keepdims"),
                ord,
            )?)]
        }
        "matrix_norm" => {
            let ord = ord_arg(&args["ord"]).unwrap_or(NormOrder::Fro);
            vec![vals(matrix_norm(a, flag(args, "keepdims"), ord)?)]
        }
        "cond" => vec![vals(cond(a, ord_arg(&args["p"]))?)],
        "tensorsolve" => {
            let axes = axes_arg(&args["axes"]);
            vec![vals(tensorsolve(a, &inputs[1], axes.as_deref())?)]
        }
        "tensorinv" => vec![vals(tensorinv(a, args["ind"].as_u64().unwrap() as usize)?)],
        "matrix_power" => vec![vals(matrix_power(a, args["n"].as_i64().unwrap())?)],
        "lu" => {
            let options = LuOptions {
                permute_l: flag(args, "permute_l"),
                p_indices: flag(args, "p_indices"),
            };
            let r = lu(a, options)?;
            let mut out = match r.p {
                LuPermutation::Matrix(p) => vec![vals(p)],
                LuPermutation::Indices(p) => vec![vals(p)],
                LuPermutation::Applied => vec![],
            };
            out.push(vals(r.l));
            out.push(vals(r.u));
            out
        }
        "lu_factor" => {
            let r = lu_factor(a)?;
            vec![vals(r.lu), vals(r.piv)]
        }
        "solve_triangular" => {
            let options = TriangularOptions {
                trans: trans_arg(&args["trans"]),
                lower: flag(args, "lower"),
                unit_diagonal: flag(args, "unit_diagonal"),
            };
            vec![vals(solve_triangular(a, &inputs[1], options)?)]
        }
        other => panic!("op {other} takes typed factor inputs"),
    })
}

/// `lu_solve` and `cho_solve` take factor structs of the float type.
fn run_factor_solve<F: LinalgFloat>(case: &Value, inputs: &[DynArray]) -> Vec<Values> {
    let arr = |i: usize| F::from_dyn(&inputs[i]).expect("float inputs").clone();
    let args = &case["args"];
    match case["op"].as_str().unwrap() {
        "lu_solve" => {
            let factor = LuFactor {
                lu: arr(0),
                piv: inputs[1].as_array::<i32>().unwrap().clone(),
            };
            vec![vals(
                lu_solve(&factor, &arr(2), trans_arg(&args["trans"])).unwrap(),
            )]
        }
        "cho_solve" => {
            let factor = ChoFactor {
                c: arr(0),
                lower: flag(args, "lower"),
            };
            vec![vals(cho_solve(&factor, &arr(1)).unwrap())]
        }
        other => panic!("op {other}"),
    }
}

fn typed<T: Element>(inputs: &[DynArray]) -> Vec<Array<T>> {
    inputs
        .iter()
        .map(|d| T::from_dyn(d).expect("inputs of one dtype").clone())
        .collect()
}

/// The permutation that sorts complex values by real, then imaginary part (rounded, so that
/// round-off does not reorder a conjugate pair).
fn sort_order(w: &[Complex64]) -> Vec<usize> {
    let key = |z: Complex64| ((z.re * 1e8).round(), (z.im * 1e8).round());
    let mut order: Vec<usize> = (0..w.len()).collect();
    order.sort_by(|&a, &b| key(w[a]).partial_cmp(&key(w[b])).unwrap());
    order
}

fn close(g: Complex64, e: Complex64, tol: f64) -> bool {
    if e.re.is_infinite() || e.im.is_infinite() || e.re.is_nan() {
        return g == e || (g.re.is_nan() && e.re.is_nan());
    }
    (g - e).norm() <= tol * e.norm().max(1.0)
}

fn compare(name: &str, mode: &str, got: &[Values], expected: &[Values], tol: f64) {
    assert_eq!(got.len(), expected.len(), "{name}: number of outputs");
    let mut got = got.to_vec();
    let mut expected = expected.to_vec();
    if mode == "sorted" {
        // eigenvalues (and vectors, by column) of each matrix in sorted order
        let n = *expected[0].0.last().unwrap_or(&1);
        for item in 0..expected[0].1.len() / n.max(1) {
            let range = item * n..(item + 1) * n;
            for set in [&mut got, &mut expected] {
                let order = sort_order(&set[0].1[range.clone()]);
                let w: Vec<Complex64> = order.iter().map(|&i| set[0].1[range.start + i]).collect();
                set[0].1[range.clone()].copy_from_slice(&w);
                if set.len() > 1 {
                    let v = &mut set[1].1[item * n * n..(item + 1) * n * n];
                    let old = v.to_vec();
                    for r in 0..n {
                        for (c, &from) in order.iter().enumerate() {
                            v[r * n + c] = old[r * n + from].norm().into();
                        }
                    }
                }
            }
        }
    }
    for (k, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g.0, e.0, "{name}: shape of output {k}");
        let moduli = mode == "abs" && g.0.len() >= 2;
        let (rows, cols) = if g.0.len() >= 2 {
            (g.0[g.0.len() - 2], g.0[g.0.len() - 1])
        } else {
            (1, g.1.len().max(1))
        };
        for (idx, (&gv, &ev)) in g.1.iter().zip(&e.1).enumerate() {
            // The full SVD's extra vectors span a complement without a unique basis.
            if moduli && name.starts_with("svd_full") {
                let (r, c) = ((idx / cols) % rows, idx % cols);
                let k_min = rows.min(cols).min(*expected[1].0.last().unwrap());
                if (k == 0 && c >= k_min) || (k == 2 && r >= k_min) {
                    continue;
                }
            }
            let (gv, ev) = if moduli {
                (gv.norm().into(), ev.norm().into())
            } else {
                (gv, ev)
            };
            assert!(
                close(gv, ev, tol),
                "{name}: output {k}, element {idx}: got {gv}, NumPy {ev}"
            );
        }
    }
}

#[test]
fn numpy_golden_cases() {
    let text = std::fs::read_to_string(dir().join("cases.json")).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    let cases = manifest["cases"].as_array().unwrap();
    assert!(cases.len() >= 250, "only {} golden cases", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let inputs: Vec<DynArray> = case["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| load(p.as_str().unwrap()))
            .collect();
        let expected: Vec<Values> = case["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| values(&load(p.as_str().unwrap())))
            .collect();
        let op = case["op"].as_str().unwrap();
        let dtype = inputs[0].dtype();
        let single = matches!(dtype, DType::F32 | DType::C64);
        let tol = if single { 2e-5 } else { 1e-9 };
        let got = if op == "lu_solve" || op == "cho_solve" {
            match dtype {
                DType::C128 => run_factor_solve::<Complex64>(case, &inputs),
                _ => run_factor_solve::<f64>(case, &inputs),
            }
        } else {
            let result = match dtype {
                DType::F64 => run(case, &typed::<f64>(&inputs)),
                DType::F32 => run(case, &typed::<f32>(&inputs)),
                DType::C128 => run(case, &typed::<Complex64>(&inputs)),
                DType::C64 => run(case, &typed::<Complex32>(&inputs)),
                DType::I64 => run(case, &typed::<i64>(&inputs)),
                other => panic!("{name}: dtype {other}"),
            };
            result.unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        let mode = case["compare"].as_str().unwrap();
        compare(name, mode, &got, &expected, tol);
    }
}
