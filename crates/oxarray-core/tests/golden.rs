//! NumPy conformance: runs every case of tests/golden/manifest.txt (written by NumPy through
//! tests/golden/generate.py, whose docstring defines the mini-language) and compares shape and
//! values with NumPy's output, or checks that oxarray returns an error where NumPy raises.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use oxarray_core::DynArray;
use oxarray_core::{Array, ArrayView, CowArray, Error, IndexArg, Order, SliceArg};
use oxarray_testkit::npy;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// One line of the manifest.
#[derive(Debug)]
struct Case {
    name: String,
    source: String,
    ops: Vec<String>,
    expected: Expected,
}

#[derive(Debug)]
enum Expected {
    /// The output, as written by NumPy.
    Npy(String),
    /// NumPy raised this exception class.
    Error(String),
}

fn read_manifest() -> Vec<Case> {
    let path = golden_dir().join("manifest.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask golden`)", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                f.len(),
                4,
                "manifest line needs 4 tab-separated fields: {line:?}"
            );
            Case {
                name: f[0].to_string(),
                source: f[1].to_string(),
                ops: f[2].split(" | ").map(|s| s.trim().to_string()).collect(),
                expected: match f[3].strip_prefix("error:") {
                    Some(class) => Expected::Error(class.to_string()),
                    None => Expected::Npy(f[3].to_string()),
                },
            }
        })
        .collect()
}

/// The index arrays and masks, by name (`@name` in the manifest).
enum Named {
    Int(Array<i64>),
    Mask(Array<bool>),
}

fn load_named() -> HashMap<String, Named> {
    let dir = golden_dir().join("cases");
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(name) = file
            .strip_prefix("idx_")
            .and_then(|f| f.strip_suffix(".npy"))
        {
            let a = npy::read(&path).unwrap();
            let value = match a {
                DynArray::I64(ints) => Named::Int(ints),
                DynArray::Bool(mask) => Named::Mask(mask),
                other => panic!(
                    "{file}: index arrays are int64 or bool, not {}",
                    other.dtype()
                ),
            };
            out.insert(name.to_string(), value);
        }
    }
    out
}

fn ints(text: &str) -> Vec<isize> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap_or_else(|e| panic!("{t:?}: {e}")))
        .collect()
}

fn usizes(text: &str) -> Vec<usize> {
    ints(text).into_iter().map(|i| i as usize).collect()
}

/// `arange(N)`, `arange(N).reshape(d..)`, `arange(N).reshape(d..,order=F)`,
/// `asfortranarray(<source>)`.
fn build_source(text: &str) -> Array<i64> {
    if let Some(inner) = text
        .strip_prefix("asfortranarray(")
        .and_then(|t| t.strip_suffix(')'))
    {
        let c = build_source(inner);
        return Array::from_view_in_order(&c.view(), Order::F);
    }
    let (arange, reshape) = match text.split_once(".reshape(") {
        Some((a, r)) => (a, Some(r.strip_suffix(')').expect("reshape(...)"))),
        None => (text, None),
    };
    let n: i64 = arange
        .strip_prefix("arange(")
        .and_then(|t| t.strip_suffix(')'))
        .expect("arange(N)")
        .parse()
        .unwrap();
    let data: Vec<i64> = (0..n).collect();
    match reshape {
        None => Array::from_vec(data, [n as usize]).unwrap(),
        Some(args) => {
            let (dims, order) = match args.strip_suffix(",order=F") {
                Some(d) => (d, Order::F),
                None => (args, Order::C),
            };
            Array::from_vec_order(data, usizes(dims), order).unwrap()
        }
    }
}

/// One entry of a `[...]` expression.
#[derive(Debug, Clone)]
enum Item {
    Basic(SliceArg),
    Named(String),
}

fn parse_bound(t: &str) -> Option<isize> {
    let t = t.trim();
    (!t.is_empty()).then(|| t.parse().unwrap_or_else(|e| panic!("{t:?}: {e}")))
}

/// Parses the inside of `[...]`: integers, `start:stop:step`, `None`, `...`, `@name`.
fn parse_items(text: &str) -> Vec<Item> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or_else(|| panic!("expected [...]: {text:?}"));
    if inner.trim().is_empty() {
        return vec![];
    }
    inner
        .split(',')
        .map(str::trim)
        .map(|t| match t {
            "..." => Item::Basic(SliceArg::Ellipsis),
            "None" => Item::Basic(SliceArg::NewAxis),
            _ if t.starts_with('@') => Item::Named(t[1..].to_string()),
            _ if t.contains(':') => {
                let p: Vec<&str> = t.split(':').collect();
                assert!(p.len() <= 3, "bad slice {t:?}");
                Item::Basic(SliceArg::Slice {
                    start: parse_bound(p[0]),
                    stop: parse_bound(p[1]),
                    step: p.get(2).and_then(|s| parse_bound(s)).unwrap_or(1),
                })
            }
            _ => Item::Basic(SliceArg::Index(
                t.parse().unwrap_or_else(|e| panic!("{t:?}: {e}")),
            )),
        })
        .collect()
}

fn index_args<'b>(items: &[Item], named: &'b HashMap<String, Named>) -> Vec<IndexArg<'b>> {
    items
        .iter()
        .map(|it| match it {
            Item::Basic(s) => IndexArg::Basic(*s),
            Item::Named(n) => match &named[n] {
                Named::Int(a) => IndexArg::from(a),
                Named::Mask(m) => IndexArg::Mask(m.view()),
            },
        })
        .collect()
}

fn int_array<'b>(text: &str, named: &'b HashMap<String, Named>) -> &'b Array<i64> {
    match &named[text.trim().trim_start_matches('@')] {
        Named::Int(a) => a,
        Named::Mask(_) => panic!("{text} is a mask, an index array was expected"),
    }
}

fn mask_array<'b>(text: &str, named: &'b HashMap<String, Named>) -> &'b Array<bool> {
    match &named[text.trim().trim_start_matches('@')] {
        Named::Mask(m) => m,
        Named::Int(_) => panic!("{text} is an index array, a mask was expected"),
    }
}

/// Applies `ops` from left to right. Views stay views (so that `as_strided` sees the memory
/// NumPy's does); operations that copy in NumPy copy here.
fn run(
    v: ArrayView<'_, i64>,
    ops: &[String],
    named: &HashMap<String, Named>,
) -> Result<Array<i64>, Error> {
    let Some((op, rest)) = ops.split_first() else {
        return Ok(v.to_owned());
    };
    let op = op.as_str();
    if op.starts_with('[') {
        let items = parse_items(op);
        if items.iter().all(|i| matches!(i, Item::Basic(_))) {
            let args: Vec<SliceArg> = items
                .iter()
                .map(|i| match i {
                    Item::Basic(s) => *s,
                    Item::Named(_) => unreachable!(),
                })
                .collect();
            return run(v.slice(&args)?, rest, named);
        }
        let out = v.index(index_args(&items, named))?;
        return run(out.view(), rest, named);
    }
    if let Some(assign) = op.strip_prefix("setitem") {
        let (target, value) = assign.rsplit_once('=').expect("setitem[...]=value");
        let items = parse_items(target);
        let mut b = v.to_owned();
        if value.trim().starts_with('@') {
            b.index_assign(index_args(&items, named), int_array(value, named))?;
        } else {
            b.index_fill(index_args(&items, named), value.trim().parse().unwrap())?;
        }
        return run(b.view(), rest, named);
    }
    if op == "T" {
        return run(v.t(), rest, named);
    }
    let (name, args) = op
        .strip_suffix(')')
        .and_then(|o| o.split_once('('))
        .unwrap_or_else(|| panic!("bad operation {op:?}"));
    let parts: Vec<&str> = args.split(';').collect();
    let axis = || parts.get(1).map(|a| a.trim().parse::<isize>().unwrap());
    match name {
        "transpose" => run(v.permute_axes(&ints(args))?, rest, named),
        "swapaxes" => {
            let a = ints(args);
            run(v.swapaxes(a[0], a[1])?, rest, named)
        }
        "moveaxis" => {
            let a = ints(args);
            run(v.moveaxis(a[0], a[1])?, rest, named)
        }
        "flip" => {
            let axes = ints(args);
            run(
                v.flip((!args.is_empty()).then_some(&axes[..]))?,
                rest,
                named,
            )
        }
        "squeeze" => {
            let axes = ints(args);
            run(
                v.squeeze((!args.is_empty()).then_some(&axes[..]))?,
                rest,
                named,
            )
        }
        "expand_dims" => run(v.expand_dims(&ints(args))?, rest, named),
        "broadcast_to" => run(v.broadcast_to(usizes(args))?, rest, named),
        "reshape" => match v.reshape(ints(args))? {
            CowArray::View(w) => run(w, rest, named),
            CowArray::Owned(a) => run(a.view(), rest, named),
        },
        "ravel" => run(v.ravel().view(), rest, named),
        "as_strided" => {
            let w = v
                .clone()
                .try_as_strided(&usizes(parts[0]), &ints(parts[1]))?;
            run(w, rest, named)
        }
        "sliding_window_view" => {
            let axes = parts.get(1).map(|a| ints(a));
            let w = v
                .clone()
                .sliding_window_view(&usizes(parts[0]), axes.as_deref())?;
            run(w, rest, named)
        }
        "take" => {
            let out = v.take(int_array(parts[0], named), axis())?;
            run(out.view(), rest, named)
        }
        "compress" => {
            let cond = mask_array(parts[0], named).to_vec();
            let out = v.compress(&cond, axis())?;
            run(out.view(), rest, named)
        }
        "put" => {
            let mut b = v.to_owned();
            b.put(int_array(parts[0], named), int_array(parts[1], named))?;
            run(b.view(), rest, named)
        }
        _ => panic!("unknown operation {op:?}"),
    }
}

/// Which oxarray errors stand for each NumPy exception class.
fn error_matches(class: &str, e: &Error) -> bool {
    match class {
        "AxisError" => matches!(e, Error::AxisOutOfBounds { .. }),
        "IndexError" => matches!(
            e,
            Error::IndexOutOfBounds { .. }
                | Error::TooManyIndices { .. }
                | Error::InvalidSlice { .. }
                | Error::MaskMismatch { .. }
                | Error::MultipleEllipsis
                | Error::IndexShapeMismatch { .. }
                | Error::BroadcastMismatch { .. }
        ),
        "ValueError" => !matches!(e, Error::IndexOutOfBounds { .. }),
        _ => true,
    }
}

fn check(case: &Case, named: &HashMap<String, Named>) -> Result<(), String> {
    let source = build_source(&case.source);
    let got = run(source.view(), &case.ops, named);
    match (&case.expected, got) {
        (Expected::Npy(file), Ok(out)) => {
            let want = npy::read_as::<i64>(&golden_dir().join("cases").join(file))?;
            if out.shape() != want.shape() {
                return Err(format!("shape {:?}, NumPy {:?}", out.shape(), want.shape()));
            }
            let values = want.to_vec();
            if out.to_vec() != values {
                return Err(format!("values {:?}, NumPy {:?}", out.to_vec(), values));
            }
            Ok(())
        }
        (Expected::Npy(_), Err(e)) => Err(format!("error {e:?}, NumPy succeeds")),
        (Expected::Error(class), Ok(out)) => Err(format!(
            "succeeded with shape {:?}, NumPy raises {class}",
            out.shape()
        )),
        (Expected::Error(class), Err(e)) => {
            if error_matches(class, &e) {
                Ok(())
            } else {
                Err(format!(
                    "error {e:?} does not correspond to NumPy's {class}"
                ))
            }
        }
    }
}

#[test]
fn numpy_golden_cases() {
    let cases = read_manifest();
    assert!(cases.len() >= 100, "only {} golden cases", cases.len());
    let named = load_named();
    let mut failures = vec![];
    for case in &cases {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case, &named)))
            .unwrap_or_else(|_| Err("panicked".to_string()));
        if let Err(msg) = result {
            failures.push(format!(
                "{}: {} {}: {msg}",
                case.name,
                case.source,
                case.ops.join(" | ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ from NumPy:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_golden_file_is_referenced() {
    let cases = read_manifest();
    let mut wanted: Vec<String> = cases
        .iter()
        .filter_map(|c| match &c.expected {
            Expected::Npy(f) => Some(f.clone()),
            Expected::Error(_) => None,
        })
        .collect();
    wanted.sort();
    let mut present: Vec<String> = std::fs::read_dir(golden_dir().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
        .filter(|f| f.ends_with(".npy") && !f.starts_with("idx_"))
        .collect();
    present.sort();
    assert_eq!(wanted, present, "manifest and cases/ disagree: regenerate");
}
