//! NumPy conformance of the shape and selection functions: every case of
//! `tests/golden/join.json` (written by NumPy through `tests/golden/gen_join.py`, whose
//! docstring describes the format) is rebuilt here, run, and compared with NumPy's result
//! (dtype, shape and every value, NaN and the sign of zero included), or checked to be an
//! error where NumPy raised.

use oxarray_core::diagonal::{diag, diagonal, tri, tril, triu};
use oxarray_core::extract::{argwhere, count_nonzero, extract, flatnonzero, place, putmask};
use oxarray_core::grids::{
    Indexing, indices, indices_sparse, ix_, meshgrid, put_along_axis, take_along_axis,
};
use oxarray_core::join::{column_stack, concatenate, dstack, hstack, stack, vstack};
use oxarray_core::pad::{PadMode, pad};
use oxarray_core::rearrange::{Repeats, repeat, roll, rot90, tile};
use oxarray_core::select::{ChooseMode, choose, clip, select, where_};
use oxarray_core::split::{Sections, array_split, dsplit, hsplit, split, vsplit};
use oxarray_core::{Array, ArrayView, Complex64, DType, Element, Error, Scalar, bf16, f16};
use oxarray_testkit::golden::{
    Flat, Value, build, dtype_of, flat, parse_value, same, shape_of, view_of,
};

fn flats<U: Element>(arrays: &[Array<U>]) -> Vec<Flat> {
    arrays.iter().map(|a| flat(&a.view())).collect()
}

fn role<U: Element>(case: &Value, name: &str) -> Vec<Array<U>> {
    case["inputs"][name]
        .as_array()
        .map(|items| items.iter().map(build::<U>).collect())
        .unwrap_or_default()
}

fn views<'a, U: Element>(case: &Value, name: &str, bases: &'a [Array<U>]) -> Vec<ArrayView<'a, U>> {
    let js = case["inputs"][name].as_array().cloned().unwrap_or_default();
    bases.iter().zip(&js).map(|(b, j)| view_of(b, j)).collect()
}

fn opt_axis(v: &Value) -> Option<isize> {
    v.as_i64().map(|a| a as isize)
}

fn ints(v: &Value) -> Vec<isize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap() as isize)
        .collect()
}

fn usizes(v: &Value) -> Vec<usize> {
    ints(v).into_iter().map(|x| x as usize).collect()
}

fn sections(v: &Value) -> Sections {
    match v.as_u64() {
        Some(n) => Sections::Count(n as usize),
        None => Sections::Indices(ints(v)),
    }
}

/// An `(n, 2)`-broadcastable integer argument as an `i64` array.
fn nested_i64(v: &Value) -> Array<i64> {
    fn walk(v: &Value, shape: &mut Vec<usize>, depth: usize, out: &mut Vec<i64>) {
        match v.as_array() {
            Some(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                }
                for item in items {
                    walk(item, shape, depth + 1, out);
                }
            }
            None => out.push(v.as_i64().unwrap()),
        }
    }
    let (mut shape, mut data) = (Vec::new(), Vec::new());
    walk(v, &mut shape, 0, &mut data);
    Array::from_vec(data, shape).unwrap()
}

fn nested<U: Element>(v: &Value) -> Array<U> {
    let ints = nested_i64(v);
    let shape = ints.shape().to_vec();
    Array::from_vec(
        ints.to_vec()
            .into_iter()
            .map(|x| U::from_scalar(Scalar::Int(x)))
            .collect(),
        shape,
    )
    .unwrap()
}

type Outcome = Result<Vec<Flat>, Error>;

fn owned<U: Element>(vs: Vec<ArrayView<'_, U>>) -> Vec<Flat> {
    vs.iter().map(flat).collect()
}

/// Runs one case with main element type `T`.
fn run<T: Element>(case: &Value) -> Outcome {
    let op = case["op"].as_str().unwrap();
    let args = &case["args"];
    let a_bases = role::<T>(case, "a");
    let a = views(case, "a", &a_bases);
    let c_bases = role::<bool>(case, "cond");
    let c = views(case, "cond", &c_bases);
    let i_bases = role::<i64>(case, "idx");
    let idx = views(case, "idx", &i_bases);
    let one = |r: Result<Array<T>, Error>| r.map(|x| vec![flat(&x.view())]);
    let ints_out = |r: Array<i64>| Ok(vec![flat(&r.view())]);
    match op {
        "concatenate" => one(concatenate(&a, opt_axis(&args["axis"]))),
        "stack" => one(stack(&a, args["axis"].as_i64().unwrap() as isize)),
        "vstack" => one(vstack(&a)),
        "hstack" => one(hstack(&a)),
        "dstack" => one(dstack(&a)),
        "column_stack" => one(column_stack(&a)),
        "split" | "array_split" => {
            let s = sections(&args["sections"]);
            let axis = args["axis"].as_i64().unwrap() as isize;
            let parts = if op == "split" {
                split(&a[0], s, axis)
            } else {
                array_split(&a[0], s, axis)
            };
            parts.map(owned)
        }
        "hsplit" => hsplit(&a[0], sections(&args["sections"])).map(owned),
        "vsplit" => vsplit(&a[0], sections(&args["sections"])).map(owned),
        "dsplit" => dsplit(&a[0], sections(&args["sections"])).map(owned),
        "tile" => one(tile(&a[0], &usizes(&args["reps"]))),
        "repeat" => {
            let r = match args["repeats"].as_u64() {
                Some(n) => Repeats::Each(n as usize),
                None => Repeats::PerElement(usizes(&args["repeats"])),
            };
            one(repeat(&a[0], r, opt_axis(&args["axis"])))
        }
        "roll" => {
            let axis = args["axis"].as_array().map(|_| ints(&args["axis"]));
            one(roll(&a[0], &ints(&args["shift"]), axis.as_deref()))
        }
        "rot90" => {
            let ax = ints(&args["axes"]);
            rot90(&a[0], args["k"].as_i64().unwrap() as isize, [ax[0], ax[1]])
                .map(|v| vec![flat(&v)])
        }
        "pad" => {
            let width = nested_i64(&args["pad_width"]);
            let mode = match args["mode"].as_str().unwrap() {
                "edge" => PadMode::Edge,
                "wrap" => PadMode::Wrap,
                "reflect" => PadMode::Reflect,
                "symmetric" => PadMode::Symmetric,
                "constant" => PadMode::Constant(nested::<T>(&args["values"])),
                "linear_ramp" => PadMode::LinearRamp(nested::<T>(&args["values"])),
                m => panic!("mode {m}"),
            };
            one(pad(&a[0], &width, mode))
        }
        "where" => one(where_(&c[0], &a[0], &a[1])),
        "select" => one(select(&c, &a[..2], a[2].to_vec()[0])),
        "choose" => {
            let mode = match args["mode"].as_str().unwrap() {
                "raise" => ChooseMode::Raise,
                "wrap" => ChooseMode::Wrap,
                _ => ChooseMode::Clip,
            };
            one(choose(&idx[0], &a, mode))
        }
        "argwhere" => ints_out(argwhere(&a[0])),
        "flatnonzero" => ints_out(flatnonzero(&a[0])),
        "count_nonzero" => {
            let axis = args["axis"].as_array().map(|_| ints(&args["axis"]));
            count_nonzero(&a[0], axis.as_deref(), args["keepdims"].as_bool().unwrap())
                .map(|r| vec![flat(&r.view())])
        }
        "extract" => one(extract(&c[0], &a[0])),
        "place" | "putmask" => {
            let mut t = a[0].to_owned();
            let vals = a[1].to_vec();
            let r = if op == "place" {
                place(&mut t, &c[0], &vals)
            } else {
                putmask(&mut t, &c[0], &vals)
            };
            r.map(|()| vec![flat(&t.view())])
        }
        "take_along_axis" => one(take_along_axis(&a[0], &idx[0], opt_axis(&args["axis"]))),
        "put_along_axis" => {
            let mut t = a[0].to_owned();
            put_along_axis(&mut t, &idx[0], &a[1], opt_axis(&args["axis"]))
                .map(|()| vec![flat(&t.view())])
        }
        "diag" => one(diag(&a[0], args["k"].as_i64().unwrap() as isize)),
        "tril" => one(tril(&a[0], args["k"].as_i64().unwrap() as isize)),
        "triu" => one(triu(&a[0], args["k"].as_i64().unwrap() as isize)),
        "diagonal" => {
            let g = |k: &str| args[k].as_i64().unwrap() as isize;
            diagonal(&a[0], g("offset"), g("axis1"), g("axis2")).map(|v| vec![flat(&v)])
        }
        "tri" => one(tri::<T>(
            args["n"].as_u64().unwrap() as usize,
            args["m"].as_u64().map(|m| m as usize),
            args["k"].as_i64().unwrap() as isize,
        )),
        "meshgrid" => {
            let indexing = if args["indexing"] == "ij" {
                Indexing::Ij
            } else {
                Indexing::Xy
            };
            meshgrid(&a, indexing, args["sparse"].as_bool().unwrap()).map(|g| flats(&g))
        }
        "indices" => indices(&usizes(&args["dims"])).map(|g| vec![flat(&g.view())]),
        "indices_sparse" => indices_sparse(&usizes(&args["dims"])).map(|g| flats(&g)),
        "ix_" => ix_(&a).map(owned),
        "arange" => {
            let g =
                |k: &str| T::from_scalar(Scalar::Float(args[k].as_str().unwrap().parse().unwrap()));
            one(Array::<T>::arange(g("start"), g("stop"), g("step")))
        }
        "logspace" => one(Array::<T>::logspace(
            args["start"].as_f64().unwrap(),
            args["stop"].as_f64().unwrap(),
            args["num"].as_u64().unwrap() as usize,
            args["endpoint"].as_bool().unwrap(),
            args["base"].as_f64().unwrap(),
        )),
        "geomspace" => one(Array::<T>::geomspace(
            args["start"].as_f64().unwrap(),
            args["stop"].as_f64().unwrap(),
            args["num"].as_u64().unwrap() as usize,
            args["endpoint"].as_bool().unwrap(),
        )),
        "identity" => one(Array::<T>::identity(args["n"].as_u64().unwrap() as usize)),
        other => panic!("unknown op {other}"),
    }
}

/// `clip`, for the ordered element types only.
fn run_clip<T: Element + PartialOrd>(case: &Value) -> Outcome {
    let args = &case["args"];
    let bases = role::<T>(case, "a");
    let a = views(case, "a", &bases);
    let (use_lo, use_hi) = (args["lo"].as_bool().unwrap(), args["hi"].as_bool().unwrap());
    let lo = use_lo.then(|| a[1].clone());
    let hi = use_hi.then(|| a[if use_lo { 2 } else { 1 }].clone());
    clip(
        &a[0],
        lo.as_ref().map(|v| v as &dyn oxarray_core::AsArrayView<T>),
        hi.as_ref().map(|v| v as &dyn oxarray_core::AsArrayView<T>),
    )
    .map(|r| vec![flat(&r.view())])
}

fn dispatch(case: &Value) -> Outcome {
    let dtype = dtype_of(case);
    let is_clip = case["op"] == "clip";
    macro_rules! go {
        ($t:ty) => {
            if is_clip {
                run_clip::<$t>(case)
            } else {
                run::<$t>(case)
            }
        };
    }
    match dtype {
        DType::Bool => go!(bool),
        DType::I64 => go!(i64),
        DType::I32 => go!(i32),
        DType::U8 => go!(u8),
        DType::F16 => go!(f16),
        DType::F32 => go!(f32),
        DType::F64 => go!(f64),
        DType::C128 if !is_clip => run::<Complex64>(case),
        other => panic!("no runner for dtype {other}"),
    }
}

#[test]
fn join_and_selection_match_numpy() {
    let _ = bf16::ZERO; // the dtype table above names every type the golden file uses
    let g: Value = serde_json::from_str(include_str!("golden/join.json")).expect("valid JSON");
    let cases = g["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let got = dispatch(case);
        // NumPy's `power` (behind logspace and geomspace) is its own SIMD routine on some
        // CPUs, not the correctly rounded libm result: one ulp apart from Rust's `powf`.
        let ulps = if matches!(case["op"].as_str(), Some("logspace" | "geomspace")) {
            2
        } else {
            0
        };
        let expected = &case["expected"];
        let problem = match (&got, expected.get("error")) {
            (Err(_), Some(_)) => None,
            (Err(e), None) => Some(format!("error {e}, NumPy gave a result")),
            (Ok(_), Some(class)) => Some(format!("a result, NumPy raised {class}")),
            (Ok(arrays), None) => {
                let exp = expected["arrays"].as_array().unwrap();
                if exp.len() != arrays.len() {
                    Some(format!("{} arrays, NumPy {}", arrays.len(), exp.len()))
                } else {
                    arrays
                        .iter()
                        .zip(exp)
                        .enumerate()
                        .find_map(|(k, (got, e))| {
                            let dtype = dtype_of(e);
                            let values: Vec<Scalar> = e["values"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|v| parse_value(v.as_str().unwrap(), dtype))
                                .collect();
                            if got.dtype != dtype {
                                Some(format!("[{k}] dtype {} vs NumPy {dtype}", got.dtype))
                            } else if got.shape != shape_of(e) {
                                Some(format!(
                                    "[{k}] shape {:?} vs NumPy {:?}",
                                    got.shape,
                                    shape_of(e)
                                ))
                            } else if !got
                                .values
                                .iter()
                                .zip(&values)
                                .all(|(x, y)| same(*x, *y, ulps))
                            {
                                Some(format!(
                                    "[{k}] values {:?} vs NumPy {:?}",
                                    got.values, values
                                ))
                            } else {
                                None
                            }
                        })
                }
            }
        };
        if let Some(p) = problem {
            failures.push(format!("{name}: {p}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from NumPy:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}
