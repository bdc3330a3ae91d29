//! NumPy's `pad`: modes `constant`, `edge`, `linear_ramp`, `reflect`, `symmetric`, `wrap`.
//!
//! `edge`, `reflect`, `symmetric` and `wrap` read every output axis through an index map
//! into the input (NumPy's axis-by-axis passes compose to exactly that), so they are one
//! gather. `constant` and `linear_ramp` follow NumPy's passes: axis by axis, each pass filling
//! the pad areas of its axis across the already padded extent of the earlier axes, so that
//! corners take the later axis's values as in NumPy.

use crate::array::{Array, ArrayView, AsArrayView};
use crate::element::{Element, Scalar};
use crate::error::{Error, Result};
use crate::layout::c_strides;
use crate::rearrange::gather_outer;

/// How `pad` fills the new elements (NumPy's `mode`, with its per-mode arguments).
#[derive(Debug, Clone)]
pub enum PadMode<T: Element> {
    /// `mode='constant'`: `constant_values`, broadcast to `(ndim, 2)` (before, after per axis).
    Constant(Array<T>),
    /// `mode='edge'`: the edge values repeated.
    Edge,
    /// `mode='linear_ramp'`: a linear ramp from `end_values` (broadcast to `(ndim, 2)`) to
    /// the edge value, computed in `f64` and cast back (integers rounded toward negative
    /// infinity, as NumPy's `linspace` does). Not for complex arrays.
    LinearRamp(Array<T>),
    /// `mode='reflect'` (`reflect_type='even'`): mirrored about the edge, the edge not repeated.
    Reflect,
    /// `mode='symmetric'` (`reflect_type='even'`): mirrored with the edge repeated.
    Symmetric,
    /// `mode='wrap'`: the array repeated periodically.
    Wrap,
}

impl<T: Element> PadMode<T> {
    /// `mode='constant', constant_values=value`.
    pub fn constant(value: T) -> Self {
        PadMode::Constant(Array::from_scalar(value))
    }

    /// `mode='linear_ramp', end_values=value`.
    pub fn linear_ramp(value: T) -> Self {
        PadMode::LinearRamp(Array::from_scalar(value))
    }
}

/// `arg` (integers or values) broadcast to `(ndim, 2)` as NumPy's `_as_pairs` does.
fn as_pairs<U: Element>(
    what: &'static str,
    arg: &ArrayView<'_, U>,
    shape: &[usize],
) -> Result<Vec<[U; 2]>> {
    let ndim = shape.len();
    let bad = |reason| Error::BadPadWidth {
        what,
        given: arg.shape().to_vec(),
        shape: shape.to_vec(),
        reason,
    };
    if arg.ndim() > 2 {
        return Err(bad("it must have at most 2 dimensions"));
    }
    let b = arg
        .clone()
        .into_broadcast_to([ndim, 2])
        .map_err(|_| bad("it does not broadcast to (ndim, 2)"))?;
    let flat = b.to_vec();
    Ok((0..ndim).map(|k| [flat[2 * k], flat[2 * k + 1]]).collect())
}

/// NumPy's `pad(array, pad_width, mode)`: a new C-order array with `pad_width[k][0]` elements
/// before and `pad_width[k][1]` after axis `k`. `pad_width` broadcasts to `(ndim, 2)` as in
/// NumPy: a scalar pads every side equally, `[before, after]` every axis alike, one row per
/// axis otherwise.
///
/// ```
/// use oxarray_core::{array, Array, pad::{pad, PadMode}};
/// let a = array![1, 2, 3];
/// assert_eq!(pad(&a, 2i64, PadMode::constant(0))?.to_vec(), vec![0, 0, 1, 2, 3, 0, 0]);
/// let w = array![1i64, 2];
/// assert_eq!(pad(&a, &w, PadMode::Edge)?.to_vec(), vec![1, 1, 2, 3, 3, 3]);
/// assert_eq!(pad(&a, 2i64, PadMode::Reflect)?.to_vec(), vec![3, 2, 1, 2, 3, 2, 1]);
/// assert_eq!(pad(&a, 2i64, PadMode::Symmetric)?.to_vec(), vec![2, 1, 1, 2, 3, 3, 2]);
/// assert_eq!(pad(&a, 2i64, PadMode::Wrap)?.to_vec(), vec![2, 3, 1, 2, 3, 1, 2]);
/// let m = Array::<f64>::ones([2, 2])?;
/// assert_eq!(pad(&m, &array![[1i64, 0], [0, 1]], PadMode::constant(0.0))?.shape(), &[3, 3]);
/// assert!(pad(&a, -1i64, PadMode::Edge).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BadPadWidth`] when `pad_width` (or the constant / end values) does not broadcast
/// to `(ndim, 2)` or holds a negative width; [`Error::InvalidArgument`] when a mode other
/// than `constant` must extend an empty axis; [`Error::UnsupportedDType`] for `linear_ramp` of
/// complex arrays.
pub fn pad<T: Element>(
    array: &impl AsArrayView<T>,
    pad_width: impl AsArrayView<i64>,
    mode: PadMode<T>,
) -> Result<Array<T>> {
    let v = array.as_view();
    let shape = v.shape().to_vec();
    let widths = as_pairs("pad_width", &pad_width.as_view(), &shape)?;
    if widths.iter().flatten().any(|&w| w < 0) {
        return Err(Error::BadPadWidth {
            what: "pad_width",
            given: pad_width.as_view().shape().to_vec(),
            shape,
            reason: "widths must not be negative",
        });
    }
    let widths: Vec<[usize; 2]> = widths
        .iter()
        .map(|&[b, a]| [b as usize, a as usize])
        .collect();
    let out_shape: Vec<usize> = shape
        .iter()
        .zip(&widths)
        .map(|(&n, &[b, a])| n + b + a)
        .collect();
    let map_mode = match &mode {
        PadMode::Edge => Some(Boundary::Edge),
        PadMode::Reflect => Some(Boundary::Reflect),
        PadMode::Symmetric => Some(Boundary::Symmetric),
        PadMode::Wrap => Some(Boundary::Wrap),
        PadMode::Constant(_) | PadMode::LinearRamp(_) => None,
    };
    if let Some(boundary) = map_mode {
        for (axis, (&n, &[b, a])) in shape.iter().zip(&widths).enumerate() {
            if n == 0 && b + a > 0 {
                return Err(Error::invalid_argument(
                    "mode",
                    boundary.name(),
                    format!("can't extend empty axis {axis} using modes other than 'constant'"),
                ));
            }
        }
        let maps: Vec<Vec<usize>> = shape
            .iter()
            .zip(&widths)
            .map(|(&n, &[b, a])| {
                (0..n + b + a)
                    .map(|i| boundary.source(i as isize - b as isize, n))
                    .collect()
            })
            .collect();
        return gather_outer(&v, &maps);
    }
    // The original in the middle, then NumPy's passes over the pad areas.
    let mut out = Array::<T>::zeros(&out_shape[..])?;
    {
        let mut centre = out.view_mut();
        let args: Vec<crate::SliceArg> = widths
            .iter()
            .zip(&shape)
            .map(|(&[b, _], &n)| crate::SliceArg::Slice {
                start: Some(b as isize),
                stop: Some((b + n) as isize),
                step: 1,
            })
            .collect();
        centre.reborrow().into_slice(args)?.assign(&v)?;
    }
    let data = out
        .as_slice_mut()
        .expect("a fresh zeros array is C-contiguous");
    match mode {
        PadMode::Constant(values) => {
            let values = as_pairs("constant_values", &values.view(), &shape)?;
            for axis in 0..shape.len() {
                pass(data, &out_shape, &shape, &widths, axis, |_, side, _, _| {
                    values[axis][side]
                });
            }
        }
        PadMode::LinearRamp(ends) => {
            if T::DTYPE.is_complex() {
                return Err(Error::UnsupportedDType {
                    op: "pad (linear_ramp)",
                    dtype: T::DTYPE,
                });
            }
            let ends = as_pairs("end_values", &ends.view(), &shape)?;
            let integer = !T::DTYPE.is_float();
            for axis in 0..shape.len() {
                pass(
                    data,
                    &out_shape,
                    &shape,
                    &widths,
                    axis,
                    |step, side, width, edge| {
                        // np.linspace(end, edge, width, endpoint=False)[step], then flipped for
                        // the right side.
                        // Floats compute in their own precision, as NumPy's linspace does (each
                        // f64 operation rounded to T is T's operation); integers in f64.
                        let r = |x: f64| {
                            if integer {
                                x
                            } else {
                                T::from_scalar(Scalar::Float(x)).to_scalar().as_f64()
                            }
                        };
                        let (e, s) = (
                            ends[axis][side].to_scalar().as_f64(),
                            edge.to_scalar().as_f64(),
                        );
                        let delta = r(r(s - e) / width as f64);
                        let mut y = r(r(step as f64 * delta) + e);
                        if integer {
                            y = y.floor();
                        }
                        T::from_scalar(Scalar::Float(y))
                    },
                );
            }
        }
        _ => unreachable!("the map modes returned above"),
    }
    Ok(out)
}

/// Fills the pad areas of `axis` in the C-order buffer `data` of `out_shape`, over the padded
/// extent of the earlier axes and the original extent of the later ones (NumPy's `_view_roi`).
/// `value(step, side, width, edge)` gives the element `step` positions from the outer end of
/// the pad area on `side` (0: before, 1: after) of `width` elements, whose edge (the nearest
/// original element along `axis`) is `edge`.
fn pass<T: Element>(
    data: &mut [T],
    out_shape: &[usize],
    shape: &[usize],
    widths: &[[usize; 2]],
    axis: usize,
    value: impl Fn(usize, usize, usize, T) -> T,
) {
    let ndim = out_shape.len();
    let strides = c_strides(out_shape);
    // The ranges of the other axes in this pass.
    let ranges: Vec<(usize, usize)> = (0..ndim)
        .map(|k| {
            if k < axis {
                (0, out_shape[k])
            } else {
                (widths[k][0], widths[k][0] + shape[k])
            }
        })
        .collect();
    if ranges
        .iter()
        .enumerate()
        .any(|(k, r)| k != axis && r.0 == r.1)
    {
        return;
    }
    let (before, after) = (widths[axis][0], widths[axis][1]);
    let n = shape[axis];
    let stride = strides[axis] as usize;
    let mut index: Vec<usize> = ranges.iter().map(|r| r.0).collect();
    loop {
        let base: usize = (0..ndim)
            .filter(|&k| k != axis)
            .map(|k| index[k] * strides[k] as usize)
            .sum();
        let at = |i: usize| base + i * stride;
        if before > 0 {
            let edge = if n > 0 { data[at(before)] } else { T::zero() };
            for step in 0..before {
                data[at(step)] = value(step, 0, before, edge);
            }
        }
        if after > 0 {
            let edge = if n > 0 {
                data[at(before + n - 1)]
            } else {
                T::zero()
            };
            let end = before + n + after;
            for step in 0..after {
                data[at(end - 1 - step)] = value(step, 1, after, edge);
            }
        }
        // Next line: the other axes in C order.
        let mut k = ndim;
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            if k == axis {
                continue;
            }
            index[k] += 1;
            if index[k] < ranges[k].1 {
                break;
            }
            index[k] = ranges[k].0;
        }
    }
}

/// The index maps of the gather modes.
#[derive(Debug, Clone, Copy)]
enum Boundary {
    Edge,
    Reflect,
    Symmetric,
    Wrap,
}

impl Boundary {
    fn name(self) -> &'static str {
        match self {
            Boundary::Edge => "edge",
            Boundary::Reflect => "reflect",
            Boundary::Symmetric => "symmetric",
            Boundary::Wrap => "wrap",
        }
    }

    /// The input position read at offset `x` from the start of an axis of `n > 0` elements.
    fn source(self, x: isize, n: usize) -> usize {
        let n = n as isize;
        let i = match self {
            Boundary::Edge => x.clamp(0, n - 1),
            Boundary::Wrap => x.rem_euclid(n),
            Boundary::Symmetric => {
                let y = x.rem_euclid(2 * n);
                if y < n { y } else { 2 * n - 1 - y }
            }
            Boundary::Reflect if n == 1 => 0,
            Boundary::Reflect => {
                let p = 2 * (n - 1);
                let y = x.rem_euclid(p);
                if y < n { y } else { p - y }
            }
        };
        i as usize
    }
}
