//! Golden cases made by NumPy (`tests/golden/gen.py` -> `tests/golden/cases.json`): sort and
//! argsort of every dtype family along every axis (NaN order, ties, empty, 0-d, views),
//! searchsorted, lexsort, unique, the set routines, the quantile methods, histograms and the
//! differences.

use std::cmp::Ordering;

use oxarray_core::{Array, Complex64, Element, bf16, f16, s};
use oxarray_sort::stats::{self, Bins, QuantileMethod};
use oxarray_sort::{SortElement, SortKind, UniqueOptions};
use serde_json::Value;

trait Parse: Sized {
    fn parse(v: &Value) -> Self;
}

fn float(v: &Value) -> f64 {
    v.as_str()
        .expect("floats are repr strings")
        .parse()
        .expect("a float repr")
}

impl Parse for f64 {
    fn parse(v: &Value) -> Self {
        float(v)
    }
}
impl Parse for f32 {
    fn parse(v: &Value) -> Self {
        float(v) as f32
    }
}
impl Parse for f16 {
    fn parse(v: &Value) -> Self {
        f16::from_f64(float(v))
    }
}
impl Parse for bf16 {
    fn parse(v: &Value) -> Self {
        bf16::from_f64(float(v))
    }
}
impl Parse for i64 {
    fn parse(v: &Value) -> Self {
        v.as_i64().expect("an integer")
    }
}
impl Parse for i8 {
    fn parse(v: &Value) -> Self {
        v.as_i64().expect("an integer") as i8
    }
}
impl Parse for u16 {
    fn parse(v: &Value) -> Self {
        v.as_i64().expect("an integer") as u16
    }
}
impl Parse for bool {
    fn parse(v: &Value) -> Self {
        v.as_bool().expect("a bool")
    }
}
impl Parse for Complex64 {
    fn parse(v: &Value) -> Self {
        Complex64::new(float(&v[0]), float(&v[1]))
    }
}

fn arr<T: Parse + Element>(v: &Value) -> Array<T> {
    let shape: Vec<usize> = v["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect();
    let data: Vec<T> = v["data"].as_array().unwrap().iter().map(T::parse).collect();
    Array::from_vec(data, shape).unwrap()
}

fn axis(v: &Value) -> Option<isize> {
    v.as_i64().map(|a| a as isize)
}

/// Equal in NumPy's order (NaN equals NaN, `-0.0` equals `0.0`), same shape.
fn assert_same<T: SortElement>(got: &Array<T>, exp: &Array<T>, what: &str) {
    assert_eq!(got.shape(), exp.shape(), "{what}: shape");
    for (i, (g, e)) in got.iter().zip(exp.iter()).enumerate() {
        assert_eq!(
            T::np_cmp(*g, *e),
            Ordering::Equal,
            "{what}: element {i}: {g} vs {e}"
        );
    }
}

/// Close (relative 1e-12) or both NaN, same shape.
fn assert_close(got: &Array<f64>, exp: &Array<f64>, what: &str) {
    assert_eq!(got.shape(), exp.shape(), "{what}: shape");
    for (i, (g, e)) in got.iter().zip(exp.iter()).enumerate() {
        let ok =
            (g.is_nan() && e.is_nan()) || g == e || (g - e).abs() <= 1e-12 * e.abs().max(1e-300);
        assert!(ok, "{what}: element {i}: {g} vs {e}");
    }
}

fn sort_case<T: SortElement + Parse>(c: &Value) {
    let op = c["op"].as_str().unwrap();
    let a: Array<T> = arr(&c["input"]);
    let ax = axis(&c["args"]["axis"]);
    let what = format!("{op} {} axis {ax:?} {:?}", c["dtype"], a.shape());
    match op {
        "sort" => {
            let exp: Array<T> = arr(&c["expected"]["out"]);
            for kind in [SortKind::QuickSort, SortKind::Stable, SortKind::HeapSort] {
                assert_same(&oxarray_sort::sort(&a, ax, kind).unwrap(), &exp, &what);
            }
            // Partition invariants against NumPy's sorted result.
            let (Some(axv), true) = (ax, !a.is_empty()) else {
                return;
            };
            let n = a.shape()[axv.rem_euclid(a.ndim() as isize) as usize] as isize;
            for k in [0, n / 2, n - 1] {
                let p = oxarray_sort::partition(&a, &[k], ax).unwrap();
                let sp = oxarray_sort::sort(&p, ax, SortKind::Stable).unwrap();
                assert_same(&sp, &exp, &what);
                let moved = p.view().into_moveaxis(axv, -1).unwrap().to_owned();
                let em = exp.view().into_moveaxis(axv, -1).unwrap().to_owned();
                for (row, erow) in moved
                    .to_vec()
                    .chunks(n as usize)
                    .zip(em.to_vec().chunks(n as usize))
                {
                    assert_eq!(
                        T::np_cmp(row[k as usize], erow[k as usize]),
                        Ordering::Equal,
                        "{what}: kth {k}"
                    );
                    assert!(
                        row[..k as usize]
                            .iter()
                            .all(|&x| !T::np_lt(row[k as usize], x)),
                        "{what}: left of {k}"
                    );
                    assert!(
                        row[k as usize..]
                            .iter()
                            .all(|&x| !T::np_lt(x, row[k as usize])),
                        "{what}: right of {k}"
                    );
                }
            }
        }
        "argsort" => {
            let exp: Array<i64> = arr(&c["expected"]["out"]);
            assert_eq!(
                oxarray_sort::argsort(&a, ax, SortKind::Stable).unwrap(),
                exp,
                "{what}"
            );
            assert_eq!(
                oxarray_sort::argsort(&a, ax, SortKind::MergeSort).unwrap(),
                exp,
                "{what}"
            );
        }
        "sort_view" => {
            let v = a.t().into_slice(s![..;-1]).unwrap();
            let exp: Array<T> = arr(&c["expected"]["out"]);
            assert_same(
                &oxarray_sort::sort(&v, ax, SortKind::default()).unwrap(),
                &exp,
                &what,
            );
            let mut owned = v.to_owned();
            oxarray_sort::SortExt::sort(&mut owned, -1, SortKind::default()).unwrap();
            assert_same(&owned, &exp, &what);
        }
        "argsort_view" => {
            let v = a.t().into_slice(s![..;-1]).unwrap();
            let exp: Array<i64> = arr(&c["expected"]["out"]);
            assert_eq!(
                oxarray_sort::argsort(&v, ax, SortKind::Stable).unwrap(),
                exp,
                "{what}"
            );
        }
        "unique" => {
            let o = UniqueOptions {
                return_index: true,
                return_inverse: true,
                return_counts: true,
                axis: None,
                equal_nan: c["args"]["equal_nan"].as_bool().unwrap(),
            };
            let u = oxarray_sort::unique(&a, o).unwrap();
            let e = &c["expected"];
            assert_same(&u.values, &arr(&e["values"]), &what);
            assert_eq!(u.index.unwrap(), arr::<i64>(&e["index"]), "{what}: index");
            assert_eq!(
                u.inverse.unwrap(),
                arr::<i64>(&e["inverse"]),
                "{what}: inverse"
            );
            assert_eq!(
                u.counts.unwrap(),
                arr::<i64>(&e["counts"]),
                "{what}: counts"
            );
        }
        other => panic!("unknown op {other}"),
    }
}

macro_rules! by_dtype {
    ($f:ident, $c:expr) => {
        match $c["dtype"].as_str().unwrap() {
            "f64" => $f::<f64>($c),
            "f32" => $f::<f32>($c),
            "f16" => $f::<f16>($c),
            "i64" => $f::<i64>($c),
            "i8" => $f::<i8>($c),
            "u16" => $f::<u16>($c),
            "bool" => $f::<bool>($c),
            "c128" => $f::<Complex64>($c),
            d => panic!("unknown dtype {d}"),
        }
    };
}

fn cases() -> Vec<Value> {
    let text = include_str!("golden/cases.json");
    let v: Value = serde_json::from_str(text).unwrap();
    v["cases"].as_array().unwrap().clone()
}

#[test]
fn sorting_matches_numpy() {
    let mut seen = 0;
    for c in cases() {
        if matches!(
            c["op"].as_str().unwrap(),
            "sort" | "argsort" | "sort_view" | "argsort_view" | "unique"
        ) {
            by_dtype!(sort_case, &c);
            seen += 1;
        }
    }
    assert!(seen > 100, "{seen} cases");
    // bf16 has no NumPy dtype: it shares f16's path through its keys.
    let b: Array<bf16> = Array::from_vec(
        [3.0, -0.0, f64::NAN, -1.0, 0.0]
            .map(bf16::from_f64)
            .to_vec(),
        [5],
    )
    .unwrap();
    let sb = oxarray_sort::sort(&b, None, SortKind::Stable)
        .unwrap()
        .to_vec();
    assert_eq!(sb[0], bf16::from_f64(-1.0));
    assert_eq!(sb[1].to_bits(), 0x8000); // -0.0 first: input order
    assert!(sb[4].is_nan());
}

fn f(v: &Value) -> Array<f64> {
    arr(v)
}

#[test]
fn searching_and_sets_match_numpy() {
    for c in cases() {
        let (op, args, e) = (c["op"].as_str().unwrap(), &c["args"], &c["expected"]);
        let what = format!("{op} {args}");
        match op {
            "searchsorted" | "searchsorted_sorter" => {
                let side: oxarray_sort::Side = args["side"].as_str().unwrap().parse().unwrap();
                let got = if c["dtype"] == "i64" {
                    let a: Array<i64> = arr(&c["input"]);
                    oxarray_sort::searchsorted(&a, arr::<i64>(&args["v"]), side, None).unwrap()
                } else {
                    let a = f(&c["input"]);
                    let sorter = oxarray_sort::argsort(&a, None, SortKind::Stable).unwrap();
                    let sorter = (op == "searchsorted_sorter").then(|| sorter.view());
                    oxarray_sort::searchsorted(&a, f(&args["v"]), side, sorter.as_ref()).unwrap()
                };
                assert_eq!(got, arr::<i64>(&e["out"]), "{what}");
            }
            "lexsort" => {
                let (k1, k2): (Array<i64>, Array<i64>) = (arr(&c["input"]), arr(&args["k2"]));
                let got =
                    oxarray_sort::lexsort(&[k1.view(), k2.view()], axis(&args["axis"])).unwrap();
                assert_eq!(got, arr::<i64>(&e["out"]), "{what}");
            }
            "unique_axis" => {
                let m: Array<i64> = arr(&c["input"]);
                let o = UniqueOptions {
                    return_index: true,
                    return_inverse: true,
                    return_counts: true,
                    axis: axis(&args["axis"]),
                    equal_nan: true,
                };
                let u = oxarray_sort::unique(&m, o).unwrap();
                assert_eq!(u.values, arr::<i64>(&e["values"]), "{what}");
                assert_eq!(u.index.unwrap(), arr::<i64>(&e["index"]), "{what}");
                assert_eq!(u.inverse.unwrap(), arr::<i64>(&e["inverse"]), "{what}");
                assert_eq!(u.counts.unwrap(), arr::<i64>(&e["counts"]), "{what}");
            }
            "intersect1d" => {
                let r = oxarray_sort::intersect1d(&f(&c["input"]), &f(&args["b"]), false, true)
                    .unwrap();
                assert_same(&r.values, &f(&e["values"]), &what);
                assert_eq!(r.indices1.unwrap(), arr::<i64>(&e["i1"]), "{what}");
                assert_eq!(r.indices2.unwrap(), arr::<i64>(&e["i2"]), "{what}");
            }
            "union1d" | "setdiff1d" | "setxor1d" => {
                let (a, b) = (f(&c["input"]), f(&args["b"]));
                let got = match op {
                    "union1d" => oxarray_sort::union1d(&a, &b),
                    "setdiff1d" => oxarray_sort::setdiff1d(&a, &b, false),
                    _ => oxarray_sort::setxor1d(&a, &b, false),
                }
                .unwrap();
                assert_same(&got, &f(&e["out"]), &what);
            }
            "isin" => {
                let got = oxarray_sort::isin(
                    &f(&c["input"]),
                    &f(&args["b"]),
                    false,
                    args["invert"].as_bool().unwrap(),
                )
                .unwrap();
                assert_eq!(got, arr::<bool>(&e["out"]), "{what}");
            }
            _ => {}
        }
    }
}

fn quantile_case<T: stats::StatsElement<Float = f64> + Parse>(c: &Value) {
    let (op, args, e) = (c["op"].as_str().unwrap(), &c["args"], &c["expected"]);
    let a: Array<T> = arr(&c["input"]);
    let ax = axis(&args["axis"]);
    let keep = args["keepdims"].as_bool().unwrap_or(false);
    let what = format!("{op} {args}");
    let got = match op {
        "quantile" => {
            let m: QuantileMethod = args["method"].as_str().unwrap().parse().unwrap();
            stats::quantile(&a, f(&args["q"]), ax, m, keep)
        }
        "percentile" => stats::percentile(&a, f(&args["q"]), ax, QuantileMethod::Linear, keep),
        "nanpercentile" => {
            stats::nanpercentile(&a, f(&args["q"]), ax, QuantileMethod::Linear, keep)
        }
        "median" => stats::median(&a, ax, keep),
        "nanmedian" => stats::nanmedian(&a, ax, keep),
        _ => return,
    }
    .unwrap();
    assert_close(&got, &f(&e["out"]), &what);
}

#[test]
fn statistics_match_numpy() {
    let mut seen = 0;
    for c in cases() {
        let (op, args, e) = (c["op"].as_str().unwrap(), &c["args"], &c["expected"]);
        let what = format!("{op} {args}");
        match op {
            "quantile" | "percentile" | "nanpercentile" | "median" | "nanmedian" => {
                match c["dtype"].as_str().unwrap() {
                    "i64" => quantile_case::<i64>(&c),
                    _ => quantile_case::<f64>(&c),
                }
            }
            "histogram" => {
                let a = f(&c["input"]);
                let bins = match &args["bins"] {
                    Value::Number(n) => Bins::Count(n.as_u64().unwrap() as usize),
                    Value::String(s) => s.parse().unwrap(),
                    Value::Array(v) => Bins::Edges(v.iter().map(|x| x.as_f64().unwrap()).collect()),
                    other => panic!("bins {other}"),
                };
                let range = args["range"]
                    .as_array()
                    .map(|r| (r[0].as_f64().unwrap(), r[1].as_f64().unwrap()));
                let h = stats::histogram(&a, bins, range, None, args["density"].as_bool().unwrap())
                    .unwrap();
                assert_close(&h.hist, &f(&e["hist"]), &what);
                assert_close(&h.bin_edges, &f(&e["edges"]), &what);
            }
            "histogram2d" => {
                let (h, xe, ye) =
                    stats::histogram2d(&f(&c["input"]), &f(&args["y"]), (4, 3), None, false)
                        .unwrap();
                assert_close(&h, &f(&e["h"]), &what);
                assert_close(&xe, &f(&e["xe"]), &what);
                assert_close(&ye, &f(&e["ye"]), &what);
            }
            "bincount" => {
                let x: Array<i64> = arr(&c["input"]);
                let got = stats::bincount(&x, None, args["minlength"].as_u64().unwrap() as usize)
                    .unwrap();
                assert_close(&got, &f(&e["out"]), &what);
            }
            "digitize" => {
                let got = stats::digitize(
                    &f(&c["input"]),
                    &f(&args["bins"]),
                    args["right"].as_bool().unwrap(),
                )
                .unwrap();
                assert_eq!(got, arr::<i64>(&e["out"]), "{what}");
            }
            "diff" => {
                let a: Array<i8> = arr(&c["input"]);
                let n = args["n"].as_u64().unwrap() as usize;
                let got = stats::diff(&a, n, axis(&args["axis"]).unwrap(), None, None).unwrap();
                assert_eq!(got, arr::<i8>(&e["out"]), "{what}");
            }
            "trapezoid" => {
                let got =
                    stats::trapezoid(&f(&c["input"]), None, 0.5, axis(&args["axis"]).unwrap())
                        .unwrap();
                assert_close(&got, &f(&e["out"]), &what);
            }
            "gradient" => {
                let got =
                    stats::gradient(&f(&c["input"]), 0.5, axis(&args["axis"]).unwrap()).unwrap();
                assert_close(&got, &f(&e["out"]), &what);
            }
            "interp" => {
                let got = stats::interp(
                    &f(&c["input"]),
                    &f(&args["xp"]),
                    &f(&args["fp"]),
                    None,
                    None,
                )
                .unwrap();
                assert_close(&got, &f(&e["out"]), &what);
            }
            "cov" => assert_close(
                &stats::cov(&f(&c["input"]), true, false, None).unwrap(),
                &f(&e["out"]),
                &what,
            ),
            "corrcoef" => assert_close(
                &stats::corrcoef(&f(&c["input"]), true).unwrap(),
                &f(&e["out"]),
                &what,
            ),
            "average" => {
                let w = f(&args["w"]);
                let r =
                    stats::average(&f(&c["input"]), axis(&args["axis"]), Some(&w.view()), false)
                        .unwrap();
                assert_close(&r.average, &f(&e["avg"]), &what);
                assert_close(&r.sum_of_weights, &f(&e["sw"]), &what);
            }
            "ptp" => assert_close(
                &stats::ptp(&f(&c["input"]), axis(&args["axis"]), false).unwrap(),
                &f(&e["out"]),
                &what,
            ),
            _ => continue,
        }
        seen += 1;
    }
    assert!(seen > 100, "{seen} cases");
}
