//! Every reduction against NumPy-made golden files (tests/golden/gen_reduce.py): edge values
//! (NaN, ±inf, -0.0, integer wrap-around), empty arrays, size-1 and zero-stride axes, negative
//! strides, F order, keepdims and several axes, for every dtype NumPy has.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use oxarray_core::{
    Array, ArrayView, DynArray, Element, Order, Result, SliceArg, dispatch_dyn,
    num_complex::Complex,
};
use oxarray_ufunc::*;

/// Reads a golden `.npy` file (a test without its file fails).
fn read_npy(path: &Path) -> DynArray {
    oxarray_testkit::npy::read(path).unwrap_or_else(|e| panic!("{e}"))
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/reduce_data")
}

/// Applies the view tokens of cases.txt (see gen_reduce.py) and calls `k` with the result.
fn with_view<T: Element, R>(
    v: ArrayView<'_, T>,
    tokens: &[&str],
    k: &mut dyn FnMut(ArrayView<'_, T>) -> R,
) -> R {
    let Some((&t, rest)) = tokens.split_first() else {
        return k(v);
    };
    if t == "-" {
        with_view(v, rest, k)
    } else if t == "t" {
        with_view(v.into_t(), rest, k)
    } else if t == "f" {
        let owned = Array::from_view_in_order(&v, Order::F);
        with_view(owned.view(), rest, k)
    } else if let Some(shape) = t.strip_prefix("bc:") {
        let shape: Vec<usize> = shape.split('x').map(|d| d.parse().unwrap()).collect();
        with_view(v.into_broadcast_to(shape).unwrap(), rest, k)
    } else if let Some(axis) = t.strip_prefix('r') {
        let axis: isize = axis.parse().unwrap();
        with_view(v.into_flip(Some(&[axis])).unwrap(), rest, k)
    } else if let Some(spec) = t.strip_prefix('s') {
        let (axis, step) = spec.split_once(':').unwrap();
        let (axis, step): (usize, isize) = (axis.parse().unwrap(), step.parse().unwrap());
        let mut args = vec![
            SliceArg::Slice {
                start: None,
                stop: None,
                step: 1
            };
            axis
        ];
        args.push(SliceArg::Slice {
            start: None,
            stop: None,
            step,
        });
        with_view(v.into_slice(args).unwrap(), rest, k)
    } else {
        panic!("unknown view token {t}")
    }
}

/// The typed function named `op` on a view.
fn run_typed<T: ReduceElement>(
    op: &str,
    v: &ArrayView<'_, T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    ddof: usize,
) -> Result<DynArray> {
    let axis = axes.and_then(|a| a.first().copied());
    Ok(match op {
        "sum" => sum(v, axes, keepdims)?.into_dyn(),
        "prod" => prod(v, axes, keepdims)?.into_dyn(),
        "mean" => mean(v, axes, keepdims)?.into_dyn(),
        "var" => var(v, axes, ddof, keepdims)?.into_dyn(),
        "std" => std(v, axes, ddof, keepdims)?.into_dyn(),
        "min" => min(v, axes, keepdims)?.into_dyn(),
        "max" => max(v, axes, keepdims)?.into_dyn(),
        "all" => all(v, axes, keepdims)?.into_dyn(),
        "any" => any(v, axes, keepdims)?.into_dyn(),
        "nansum" => nansum(v, axes, keepdims)?.into_dyn(),
        "nanprod" => nanprod(v, axes, keepdims)?.into_dyn(),
        "nanmean" => nanmean(v, axes, keepdims)?.into_dyn(),
        "nanvar" => nanvar(v, axes, ddof, keepdims)?.into_dyn(),
        "nanstd" => nanstd(v, axes, ddof, keepdims)?.into_dyn(),
        "nanmin" => nanmin(v, axes, keepdims)?.into_dyn(),
        "nanmax" => nanmax(v, axes, keepdims)?.into_dyn(),
        "argmin" => argmin(v, axis, keepdims)?.into_dyn(),
        "argmax" => argmax(v, axis, keepdims)?.into_dyn(),
        "nanargmin" => nanargmin(v, axis, keepdims)?.into_dyn(),
        "nanargmax" => nanargmax(v, axis, keepdims)?.into_dyn(),
        "cumsum" => cumsum(v, axis)?.into_dyn(),
        "cumprod" => cumprod(v, axis)?.into_dyn(),
        "nancumsum" => nancumsum(v, axis)?.into_dyn(),
        "nancumprod" => nancumprod(v, axis)?.into_dyn(),
        other => panic!("unknown op {other}"),
    })
}

/// A value in a form every comparison understands: (re, im) or an exact integer.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Val {
    Float(f64, f64),
    Int(i128),
}

fn values(a: &DynArray) -> Vec<Val> {
    fn conv<T: Element>(a: &Array<T>) -> Vec<Val> {
        a.iter()
            .map(|&x| match x.to_scalar() {
                oxarray_core::Scalar::Bool(b) => Val::Int(b as i128),
                oxarray_core::Scalar::Int(v) => Val::Int(v as i128),
                oxarray_core::Scalar::UInt(v) => Val::Int(v as i128),
                oxarray_core::Scalar::Float(v) => Val::Float(v, 0.0),
                oxarray_core::Scalar::Complex(c) => Val::Float(c.re, c.im),
            })
            .collect()
    }
    dispatch_dyn!(a, arr: _T => conv(arr))
}

/// Relative tolerance for a float result of `op` in `dtype` (0: bit-exact).
fn tolerance(op: &str, dtype: &str, exact_sum: bool) -> f64 {
    let exact_ops = [
        "min",
        "max",
        "nanmin",
        "nanmax",
        "argmin",
        "argmax",
        "nanargmin",
        "nanargmax",
        "all",
        "any",
    ];
    if exact_ops.contains(&op) || exact_sum {
        return 0.0;
    }
    match dtype {
        "float16" => 1e-2,
        "float32" | "complex64" => 2e-6,
        _ => 1e-13,
    }
}

fn close(got: f64, want: f64, rtol: f64, check_zero_sign: bool) -> bool {
    if want.is_nan() {
        return got.is_nan();
    }
    if want.is_infinite() || rtol == 0.0 {
        return got == want
            && (!check_zero_sign || got.is_sign_negative() == want.is_sign_negative());
    }
    if want == 0.0 && check_zero_sign && got == 0.0 {
        return got.is_sign_negative() == want.is_sign_negative();
    }
    (got - want).abs() <= rtol * want.abs().max(1.0)
}

fn compare(
    got: &DynArray,
    want: &DynArray,
    op: &str,
    exact_sum: bool,
) -> std::result::Result<(), String> {
    if got.dtype() != want.dtype() {
        return Err(format!("dtype {} != numpy {}", got.dtype(), want.dtype()));
    }
    if got.shape() != want.shape() {
        return Err(format!(
            "shape {:?} != numpy {:?}",
            got.shape(),
            want.shape()
        ));
    }
    let rtol = tolerance(op, got.dtype().name(), exact_sum);
    let zero_sign = matches!(op, "sum" | "nansum");
    for (i, (g, w)) in values(got).iter().zip(values(want)).enumerate() {
        let ok = match (*g, w) {
            (Val::Int(a), Val::Int(b)) => a == b,
            (Val::Float(gr, gi), Val::Float(wr, wi)) => {
                close(gr, wr, rtol, zero_sign) && close(gi, wi, rtol, false)
            }
            _ => false,
        };
        if !ok {
            return Err(format!("element {i}: got {g:?}, numpy {w:?}"));
        }
    }
    Ok(())
}

/// `file:offset:sSHAPE` of cases.txt, read from the packed results.
fn expected(spec: &str, packs: &mut HashMap<String, DynArray>) -> DynArray {
    let mut parts = spec.split(':');
    let (file, offset, shape) = (
        parts.next().unwrap(),
        parts.next().unwrap().parse::<usize>().unwrap(),
        parts.next().unwrap().strip_prefix('s').unwrap(),
    );
    let shape: Vec<usize> = if shape.is_empty() {
        vec![]
    } else {
        shape.split('x').map(|d| d.parse().unwrap()).collect()
    };
    let size: usize = shape.iter().product();
    let pack = packs
        .entry(file.to_string())
        .or_insert_with(|| read_npy(&data_dir().join(file)));
    dispatch_dyn!(pack, arr: T => {
        let flat: Vec<T> = arr.to_vec()[offset..offset + size].to_vec();
        Array::from_vec(flat, shape).unwrap().into_dyn()
    })
}

#[test]
fn reductions_match_numpy_golden_files() {
    let text = std::fs::read_to_string(data_dir().join("cases.txt")).unwrap();
    let mut inputs: HashMap<String, DynArray> = HashMap::new();
    let mut packs: HashMap<String, DynArray> = HashMap::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split(' ').collect();
        let (case, view, op, axes_s, keepdims, ddof, want) = (
            f[0],
            f[1],
            f[2],
            f[3],
            f[4] == "1",
            f[5].parse::<usize>().unwrap(),
            f[6],
        );
        let axes: Option<Vec<isize>> = match axes_s {
            "none" => None,
            "empty" => Some(vec![]),
            s => Some(s.split(',').map(|x| x.parse().unwrap()).collect()),
        };
        let input = inputs
            .entry(case.to_string())
            .or_insert_with(|| read_npy(&data_dir().join(format!("in_{case}.npy"))));
        let tokens: Vec<&str> = view.split(',').collect();
        let got: Result<DynArray> = dispatch_dyn!(&*input, arr: T => {
            with_view(arr.view(), &tokens, &mut |v| run_typed::<T>(op, &v, axes.as_deref(), keepdims, ddof))
        });
        // The run-time-typed entry point must agree with the typed one on the plain input.
        if view == "-" {
            let op_enum = ReduceOp::from_name(op).unwrap();
            let dynamic = reduce_dyn(op_enum, input, axes.as_deref(), ddof, keepdims);
            match (&got, &dynamic) {
                (Ok(a), Ok(b)) => {
                    if let Err(e) = compare(b, a, op, true) {
                        failures.push(format!("{line}: reduce_dyn differs from typed: {e}"));
                    }
                }
                (Err(_), Err(_)) => {}
                _ => failures.push(format!("{line}: reduce_dyn and typed disagree on error")),
            }
        }
        // Contiguous and simply strided 1-D float sums take NumPy's exact pairwise path.
        let exact_sum = case.ends_with("_1000") && matches!(op, "sum" | "nansum") && axes.is_none();
        checked += 1;
        match (want, got) {
            ("error", Err(_)) => {}
            ("error", Ok(r)) => failures.push(format!("{line}: numpy raised, got {r:?}")),
            (_, Err(e)) => failures.push(format!("{line}: error {e}")),
            (spec, Ok(r)) => {
                let w = expected(spec, &mut packs);
                if let Err(e) = compare(&r, &w, op, exact_sum) {
                    failures.push(format!("{line}: {e}"));
                }
            }
        }
    }
    assert!(checked > 2000, "only {checked} golden cases read");
    assert!(
        failures.is_empty(),
        "{} of {checked} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_reader_reads_complex_and_half() {
    let c = read_npy(&data_dir().join("in_c128.npy"));
    assert_eq!(c.shape(), &[3, 3]);
    assert_eq!(
        c.as_array::<Complex<f64>>().unwrap().to_vec()[0],
        Complex::new(1.0, 2.0)
    );
    let h = read_npy(&data_dir().join("in_f16_2d.npy"));
    assert_eq!(h.dtype(), oxarray_core::DType::F16);
}
