//! NumPy-style printing: `Display` gives `str(a)`, `Debug` gives `repr(a)`, with NumPy 2's
//! default print options (`linewidth=75`, `threshold=1000`, `edgeitems=3`, `precision=8`,
//! `floatmode='maxprec'`).
//!
//! ```
//! use oxarray_core::array;
//! let a = array![[1.0, 2.5], [-3.0, 0.125]];
//! assert_eq!(format!("{a}"), "[[ 1.     2.5  ]\n [-3.     0.125]]");
//! assert_eq!(format!("{a:?}"), "array([[ 1.   ,  2.5  ],\n       [-3.   ,  0.125]])");
//! let b = array![true, false];
//! assert_eq!(format!("{b:?}"), "array([ True, False])");
//! ```
//!
//! What matches NumPy exactly (checked against NumPy's own output in `tests/display.rs`):
//! integers and booleans; floats in positional notation with a common number of fractional
//! digits (`[1.  2.5]`), or in scientific notation when the largest magnitude reaches
//! `10^min(8, precision of the type)` (1e8 for float64, 1e6 for float32, 1e3 for float16),
//! the smallest is below 1e-4, or their ratio exceeds 1000; `nan`, `inf`, `-0.`; complex
//! numbers (`1.+2.j`); line wrapping at 75 characters; summaries with `...` above 1000
//! elements (3 items at each edge) and `shape=` in the repr; blank lines between blocks of
//! 3-d and higher arrays; empty arrays (`array([], shape=(0, 3), dtype=float64)`); 0-d arrays
//! (`repr` is `array(5)`, `str` is the scalar's `str`: `1.0`, `(1+2j)`); and `dtype=` for
//! every dtype other than `bool`, `int64`, `float64` and `complex128`.
//!
//! Known differences: digits come from the shortest string that reads back to the same
//! value, rounded from the exact value when more than 8 fractional digits would be needed;
//! NumPy's Dragon4 does the same, but an exact decimal tie at the 8th digit may round the
//! other way. `bfloat16` is printed like NumPy would print a float type of its precision
//! (scientific from 100 on; `ml_dtypes` instead prints each element's own `str`).

use std::fmt;

use crate::array::ArrayView;
use crate::dtype::{DType, DTypeKind};
use crate::element::{Element, Scalar};

mod float;

use float::{FloatFormat, scalar_str};

/// Arrays with more elements than this print only [`EDGE_ITEMS`] at each end of each axis.
pub const SUMMARY_THRESHOLD: usize = 1000;
/// Items printed at each end of a summarised axis.
pub const EDGE_ITEMS: usize = 3;
/// Lines are wrapped to at most this many characters (NumPy's `linewidth`).
pub const LINE_WIDTH: usize = 75;

/// The elements that will be printed: all of them, or the edges of each long axis when the
/// array is summarised.
struct Shown {
    /// The printed elements, in C order over the printed positions.
    values: Vec<Scalar>,
    /// Printed positions per axis.
    counts: Vec<usize>,
    /// Whether each axis is cut in the middle (`...`).
    cut: Vec<bool>,
}

fn gather<T: Element>(view: &ArrayView<'_, T>) -> Shown {
    let summarise = view.len() > SUMMARY_THRESHOLD;
    let positions: Vec<Vec<usize>> = view
        .shape()
        .iter()
        .map(|&n| {
            if summarise && n > 2 * EDGE_ITEMS {
                (0..EDGE_ITEMS).chain(n - EDGE_ITEMS..n).collect()
            } else {
                (0..n).collect()
            }
        })
        .collect();
    let counts: Vec<usize> = positions.iter().map(Vec::len).collect();
    let cut = view
        .shape()
        .iter()
        .map(|&n| summarise && n > 2 * EDGE_ITEMS)
        .collect();
    let total: usize = counts.iter().product();
    let mut values = Vec::with_capacity(total);
    let mut odometer = vec![0usize; counts.len()];
    let mut index = vec![0isize; counts.len()];
    for _ in 0..total {
        for (ax, &k) in odometer.iter().enumerate() {
            index[ax] = positions[ax][k] as isize;
        }
        match view.get(&index) {
            Ok(v) => values.push(v.to_scalar()),
            Err(_) => unreachable!("printed positions lie inside the shape"),
        }
        for ax in (0..odometer.len()).rev() {
            odometer[ax] += 1;
            if odometer[ax] < counts[ax] {
                break;
            }
            odometer[ax] = 0;
        }
    }
    Shown {
        values,
        counts,
        cut,
    }
}

/// The real dtype of a complex dtype's components (the dtype itself otherwise).
fn component(dtype: DType) -> DType {
    match dtype {
        DType::C64 => DType::F32,
        DType::C128 => DType::F64,
        other => other,
    }
}

/// Formats every printed element with one formatter built from all of them, so that they
/// share a width (NumPy's `_get_format_function`).
fn format_words(values: &[Scalar], dtype: DType, zero_d: bool) -> Vec<String> {
    match dtype.kind() {
        DTypeKind::Bool => values
            .iter()
            .map(|v| match v {
                Scalar::Bool(true) if zero_d => "True".to_string(),
                Scalar::Bool(true) => " True".to_string(),
                _ => "False".to_string(),
            })
            .collect(),
        DTypeKind::SignedInt | DTypeKind::UnsignedInt => {
            let texts: Vec<String> = values
                .iter()
                .map(|v| match v {
                    Scalar::Int(i) => i.to_string(),
                    Scalar::UInt(u) => u.to_string(),
                    other => other.as_f64().to_string(),
                })
                .collect();
            let width = texts.iter().map(String::len).max().unwrap_or(0);
            texts.iter().map(|t| format!("{t:>width$}")).collect()
        }
        DTypeKind::Float => {
            let reals: Vec<f64> = values.iter().map(|v| v.as_f64()).collect();
            let format = FloatFormat::new(&reals, dtype, false);
            reals.iter().map(|&v| format.format(v)).collect()
        }
        DTypeKind::Complex => {
            let parts: Vec<(f64, f64)> = values
                .iter()
                .map(|v| match v {
                    Scalar::Complex(c) => (c.re, c.im),
                    other => (other.as_f64(), 0.0),
                })
                .collect();
            let re: Vec<f64> = parts.iter().map(|p| p.0).collect();
            let im: Vec<f64> = parts.iter().map(|p| p.1).collect();
            let real_format = FloatFormat::new(&re, component(dtype), false);
            let imag_format = FloatFormat::new(&im, component(dtype), true);
            parts
                .iter()
                .map(|&(r, i)| {
                    let imag = imag_format.format(i);
                    let end = imag.trim_end().len();
                    format!("{}{}j{}", real_format.format(r), &imag[..end], &imag[end..])
                })
                .collect()
        }
    }
}

/// NumPy's `_formatArray`: nests the words in brackets, wraps rows at the line width and
/// separates blocks of higher axes with blank lines.
struct Nest<'a> {
    words: &'a [String],
    shown: &'a Shown,
    separator: &'a str,
}

impl Nest<'_> {
    fn recurse(&self, axis: usize, base: usize, hanging: &str, width: usize) -> String {
        let ndim = self.shown.counts.len();
        if axis == ndim {
            return self.words[base].clone();
        }
        let axes_left = ndim - axis;
        let next_hanging = format!("{hanging} ");
        let next_width = width.saturating_sub(1);
        let count = self.shown.counts[axis];
        let stride: usize = self.shown.counts[axis + 1..].iter().product();
        let items: Vec<Option<usize>> = if self.shown.cut[axis] {
            (0..EDGE_ITEMS)
                .map(Some)
                .chain(std::iter::once(None))
                .chain((EDGE_ITEMS..count).map(Some))
                .collect()
        } else {
            (0..count).map(Some).collect()
        };
        let item = |k: &Option<usize>| match k {
            Some(k) => self.recurse(axis + 1, base + k * stride, &next_hanging, next_width),
            None => "...".to_string(),
        };
        let mut s = String::new();
        let trimmed_separator = self.separator.trim_end();
        if axes_left == 1 {
            let elem_width = width.saturating_sub(trimmed_separator.len().max(1));
            let mut line = hanging.to_string();
            for (n, k) in items.iter().enumerate() {
                extend_line(&mut s, &mut line, &item(k), elem_width, hanging);
                if n + 1 < items.len() {
                    line.push_str(self.separator);
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!("{trimmed_separator}{}", "\n".repeat(axes_left - 1));
            for (n, k) in items.iter().enumerate() {
                s.push_str(hanging);
                s.push_str(&item(k));
                if n + 1 < items.len() {
                    s.push_str(&line_sep);
                }
            }
        }
        format!("[{}]", &s[hanging.len()..])
    }
}

/// NumPy's `_extendLine`: starts a new line when `word` would pass `line_width`, unless the
/// line holds nothing but its indent.
fn extend_line(s: &mut String, line: &mut String, word: &str, line_width: usize, indent: &str) {
    if line.len() + word.len() > line_width && line.len() > indent.len() {
        s.push_str(line.trim_end());
        s.push('\n');
        line.clear();
        line.push_str(indent);
    }
    line.push_str(word);
}

/// `array2string` for a non-empty array: the nested text, without prefix or suffix.
fn array_body<T: Element>(
    view: &ArrayView<'_, T>,
    line_width: usize,
    prefix: &str,
    sep: &str,
) -> String {
    let shown = gather(view);
    let words = format_words(&shown.values, T::DTYPE, view.ndim() == 0);
    let hanging = " ".repeat(1 + prefix.len());
    let nest = Nest {
        words: &words,
        shown: &shown,
        separator: sep,
    };
    nest.recurse(0, 0, &hanging, line_width)
}

/// `str` of a 0-d array: the scalar's own `str` (`1.0`, `(1+2j)`, `True`).
fn scalar_text(value: Scalar, dtype: DType) -> String {
    match value {
        Scalar::Bool(b) => if b { "True" } else { "False" }.to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::UInt(u) => u.to_string(),
        Scalar::Float(f) => scalar_str(f, dtype, false, true),
        Scalar::Complex(c) => {
            let part = component(dtype);
            if c.re == 0.0 && !c.re.is_sign_negative() {
                format!("{}j", scalar_str(c.im, part, false, false))
            } else {
                let re = scalar_str(c.re, part, false, false);
                format!("({re}{}j)", scalar_str(c.im, part, true, false))
            }
        }
    }
}

/// Python's `repr` of a shape tuple: `(2000,)`, `(0, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// `str(a)`: `[[1 2]\n [3 4]]`.
pub(crate) fn fmt_str<T: Element>(
    view: &ArrayView<'_, T>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    if view.is_empty() {
        return f.write_str("[]");
    }
    if view.ndim() == 0 {
        let value = view.iter().next().map(|v| v.to_scalar());
        return f.write_str(&scalar_text(value.unwrap_or(Scalar::Bool(false)), T::DTYPE));
    }
    f.write_str(&array_body(view, LINE_WIDTH, "", " "))
}

/// `repr(a)`: `array([[1, 2],\n       [3, 4]])`, with `shape=` for summarised and empty arrays
/// and `dtype=` for dtypes that the text does not imply.
pub(crate) fn fmt_repr<T: Element>(
    view: &ArrayView<'_, T>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    const PREFIX: &str = "array(";
    let size = view.len();
    let body = if size == 0 {
        "[]".to_string()
    } else {
        // The closing parenthesis counts against the line width.
        array_body(view, LINE_WIDTH - 1, PREFIX, ", ")
    };
    let mut extras = Vec::new();
    if (size == 0 && view.shape() != [0]) || size > SUMMARY_THRESHOLD {
        extras.push(format!("shape={}", shape_tuple(view.shape())));
    }
    let implied = matches!(
        T::DTYPE,
        DType::Bool | DType::I64 | DType::F64 | DType::C128
    );
    if !implied || size == 0 {
        extras.push(format!("dtype={}", T::DTYPE));
    }
    if extras.is_empty() {
        return write!(f, "{PREFIX}{body})");
    }
    let text = format!("{PREFIX}{body},");
    let extra = format!("{})", extras.join(", "));
    let last_line = text.len() - text.rfind('\n').map_or(0, |i| i + 1);
    let spacer = if last_line + extra.len() + 1 > LINE_WIDTH {
        format!("\n{}", " ".repeat(PREFIX.len()))
    } else {
        " ".to_string()
    };
    write!(f, "{text}{spacer}{extra}")
}

#[cfg(test)]
mod tests {
    use crate::{Array, array, s};

    #[test]
    fn repr_and_str_match_numpy() {
        let a = array![[1i64, 2], [3, 4]];
        assert_eq!(format!("{a:?}"), "array([[1, 2],\n       [3, 4]])");
        assert_eq!(format!("{a}"), "[[1 2]\n [3 4]]");
        let f = array![1.0f32, 2.5];
        assert_eq!(format!("{f:?}"), "array([1. , 2.5], dtype=float32)");
        let big = Array::<i64>::arange(0, 2000, 1).unwrap();
        assert_eq!(format!("{big}"), "[   0    1    2 ... 1997 1998 1999]");
        assert_eq!(
            format!("{big:?}"),
            "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))"
        );
    }

    #[test]
    fn views_print_in_logical_order() {
        let a = array![[1i32, 2, 3], [4, 5, 6]];
        let v = a.slice(s![.., ..;-1]).unwrap();
        assert_eq!(format!("{v}"), "[[3 2 1]\n [6 5 4]]");
        assert_eq!(
            format!("{:?}", a.t()),
            "array([[1, 4],\n       [2, 5],\n       [3, 6]], dtype=int32)"
        );
    }

    #[test]
    fn zero_d_arrays() {
        let a = Array::from_scalar(2.5f64);
        assert_eq!(format!("{a:?}"), "array(2.5)");
        assert_eq!(format!("{a}"), "2.5");
        let b = Array::from_scalar(7u16);
        assert_eq!(format!("{b:?}"), "array(7, dtype=uint16)");
    }
}
