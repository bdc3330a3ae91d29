//! NumPy-style printing: `Display` gives `str(a)`, `Debug` gives `repr(a)`, both summarised
//! with `...` beyond [`SUMMARY_THRESHOLD`] elements.

use std::fmt::{self, Write};

use crate::array::ArrayView;
use crate::dtype::DType;
use crate::element::{Element, Scalar};

/// Arrays with more elements than this print only [`EDGE_ITEMS`] at each end of each axis.
pub const SUMMARY_THRESHOLD: usize = 1000;
/// Items printed at each end of a summarised axis.
pub const EDGE_ITEMS: usize = 3;

fn fmt_float(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        let s = format!("{v:.8e}");
        let (mant, exp) = s.split_once('e').expect("exponent format");
        let mant = mant.trim_end_matches('0');
        let exp: i32 = exp.parse().expect("exponent");
        return format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let s = format!("{v:.8}");
    let s = s.trim_end_matches('0');
    if s == "-0." && v == 0.0 {
        return "-0.".into();
    }
    s.to_string()
}

fn fmt_element<T: Element>(x: T) -> String {
    match x.to_scalar() {
        Scalar::Bool(b) => if b { "True" } else { "False" }.into(),
        Scalar::Int(i) => i.to_string(),
        Scalar::UInt(u) => u.to_string(),
        Scalar::Float(f) => fmt_float(f),
        Scalar::Complex(c) => {
            let im = fmt_float(c.im.abs());
            let sign = if c.im.is_sign_negative() && !c.im.is_nan() {
                '-'
            } else {
                '+'
            };
            format!("{}{sign}{im}j", fmt_float(c.re))
        }
    }
}

/// Positions printed along an axis of length `len`: all, or the edges with a gap marker.
fn shown(len: usize, summarise: bool) -> Vec<Option<usize>> {
    if summarise && len > 2 * EDGE_ITEMS {
        (0..EDGE_ITEMS)
            .map(Some)
            .chain(std::iter::once(None))
            .chain((len - EDGE_ITEMS..len).map(Some))
            .collect()
    } else {
        (0..len).map(Some).collect()
    }
}

fn write_nested<T: Element>(
    out: &mut String,
    view: &ArrayView<'_, T>,
    cells: &[String],
    width: usize,
    index: &mut Vec<usize>,
    summarise: bool,
    indent: usize,
    separator: &str,
) {
    let axis = index.len();
    if axis == view.ndim() {
        let cell = &cells[cell_index(view, index, summarise)];
        let _ = write!(out, "{cell:>width$}");
        return;
    }
    out.push('[');
    let positions = shown(view.shape()[axis], summarise);
    let last_axis = axis + 1 == view.ndim();
    for (k, pos) in positions.iter().enumerate() {
        if k > 0 {
            out.push_str(separator.trim_end_matches(' '));
            if last_axis {
                out.push(' ');
            } else {
                let blank_lines = view.ndim() - axis - 1;
                for _ in 0..blank_lines {
                    out.push('\n');
                }
                out.push_str(&" ".repeat(indent + axis + 1));
            }
        }
        match pos {
            Some(i) => {
                index.push(*i);
                write_nested(out, view, cells, width, index, summarise, indent, separator);
                index.pop();
            }
            None => out.push_str("..."),
        }
    }
    out.push(']');
}

/// Position of a multi-index among the printed cells (row-major over the shown positions).
fn cell_index<T: Element>(view: &ArrayView<'_, T>, index: &[usize], summarise: bool) -> usize {
    let mut pos = 0;
    for (ax, &i) in index.iter().enumerate() {
        let shown_ax: Vec<usize> = shown(view.shape()[ax], summarise)
            .into_iter()
            .flatten()
            .collect();
        pos = pos * shown_ax.len() + shown_ax.iter().position(|&p| p == i).expect("shown");
    }
    pos
}

fn render<T: Element>(view: &ArrayView<'_, T>, indent: usize, separator: &str) -> String {
    let summarise = view.len() > SUMMARY_THRESHOLD;
    if view.ndim() == 0 {
        return fmt_element(*view.iter().next().expect("0-d arrays hold one element"));
    }
    // Cells in row-major order over the shown positions.
    let per_axis: Vec<Vec<usize>> = view
        .shape()
        .iter()
        .map(|&n| shown(n, summarise).into_iter().flatten().collect())
        .collect();
    let mut cells = Vec::new();
    let total: usize = per_axis.iter().map(|p| p.len()).product();
    let mut idx = vec![0usize; view.ndim()];
    for _ in 0..total {
        let signed: Vec<isize> = idx
            .iter()
            .zip(&per_axis)
            .map(|(&k, p)| p[k] as isize)
            .collect();
        cells.push(fmt_element(
            *view.get(&signed).expect("shown index is in bounds"),
        ));
        for ax in (0..idx.len()).rev() {
            idx[ax] += 1;
            if idx[ax] < per_axis[ax].len() {
                break;
            }
            idx[ax] = 0;
        }
    }
    let width = cells.iter().map(|c| c.len()).max().unwrap_or(0);
    let mut out = String::new();
    write_nested(
        &mut out,
        view,
        &cells,
        width,
        &mut Vec::new(),
        summarise,
        indent,
        separator,
    );
    out
}

/// `str(a)`: `[[1 2]\n [3 4]]`.
pub(crate) fn fmt_str<T: Element>(
    view: &ArrayView<'_, T>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    f.write_str(&render(view, 0, " "))
}

/// `repr(a)`: `array([[1, 2],\n       [3, 4]])`, with `dtype=` for non-default dtypes.
pub(crate) fn fmt_repr<T: Element>(
    view: &ArrayView<'_, T>,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let body = if view.len() == 0 && view.ndim() > 0 {
        "[]".to_string()
    } else {
        render(view, 6, ", ")
    };
    let default = matches!(
        T::DTYPE,
        DType::Bool | DType::I64 | DType::F64 | DType::C128
    );
    if default && !(view.len() == 0 && T::DTYPE != DType::F64) {
        write!(f, "array({body})")
    } else {
        write!(f, "array({body}, dtype={})", T::DTYPE)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Array, array};

    #[test]
    fn repr_and_str_match_numpy() {
        let a = array![[1i64, 2], [3, 4]];
        assert_eq!(format!("{a:?}"), "array([[1, 2],\n       [3, 4]])");
        assert_eq!(format!("{a}"), "[[1 2]\n [3 4]]");
        let f = array![1.0f32, 2.5];
        assert_eq!(format!("{f:?}"), "array([ 1., 2.5], dtype=float32)");
        let big = Array::<i64>::arange(0, 2000, 1).unwrap();
        assert_eq!(format!("{big}"), "[   0    1    2 ... 1997 1998 1999]");
    }
}
