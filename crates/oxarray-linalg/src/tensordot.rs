//! `tensordot`: the sum of products over chosen axis pairs of two arrays.

use oxarray_core::{Array, AsArrayView, Error, Result, normalize_axis};

use crate::contract::{Label, contract};
use crate::scalar::LinalgScalar;

/// The `axes` argument of [`tensordot`], as in NumPy.
///
/// * [`TensordotAxes::Last(n)`](TensordotAxes::Last) (from a `usize`): the last `n` axes of `a`
///   with the first `n` axes of `b`, in order.
/// * [`TensordotAxes::Pairs`] (from `(isize, isize)`, a pair of arrays, slices or `Vec`s): axis
///   `a_axes[i]` of `a` with axis `b_axes[i]` of `b`; negative axes count from the end.
///
/// ```
/// use oxarray_linalg::TensordotAxes;
/// assert_eq!(TensordotAxes::from(2), TensordotAxes::Last(2));
/// assert_eq!(TensordotAxes::from((-1, 0)), TensordotAxes::Pairs(vec![-1], vec![0]));
/// assert_eq!(
///     TensordotAxes::from(([1, 0], [0, 1])),
///     TensordotAxes::Pairs(vec![1, 0], vec![0, 1])
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TensordotAxes {
    /// The last `n` axes of `a` with the first `n` of `b`.
    Last(usize),
    /// Explicit axis pairs: `(axes of a, axes of b)`, of equal length.
    Pairs(Vec<isize>, Vec<isize>),
}

impl From<usize> for TensordotAxes {
    fn from(n: usize) -> Self {
        TensordotAxes::Last(n)
    }
}

impl From<(isize, isize)> for TensordotAxes {
    fn from((a, b): (isize, isize)) -> Self {
        TensordotAxes::Pairs(vec![a], vec![b])
    }
}

impl<const N: usize, const M: usize> From<([isize; N], [isize; M])> for TensordotAxes {
    fn from((a, b): ([isize; N], [isize; M])) -> Self {
        TensordotAxes::Pairs(a.to_vec(), b.to_vec())
    }
}

impl From<(&[isize], &[isize])> for TensordotAxes {
    fn from((a, b): (&[isize], &[isize])) -> Self {
        TensordotAxes::Pairs(a.to_vec(), b.to_vec())
    }
}

impl From<(Vec<isize>, Vec<isize>)> for TensordotAxes {
    fn from((a, b): (Vec<isize>, Vec<isize>)) -> Self {
        TensordotAxes::Pairs(a, b)
    }
}

/// Normalised contracted axes of `a` and `b`, checked: in range, not repeated, equal lengths.
pub(crate) fn resolve_axes(
    a_shape: &[usize],
    b_shape: &[usize],
    axes: &TensordotAxes,
) -> Result<(Vec<usize>, Vec<usize>)> {
    let (a_axes, b_axes): (Vec<isize>, Vec<isize>) = match axes {
        TensordotAxes::Last(n) => {
            let n = *n;
            if n > a_shape.len() || n > b_shape.len() {
                return Err(Error::invalid_argument(
                    "axes",
                    n,
                    format!(
                        "tensordot: cannot contract the last {n} axes of shape {a_shape:?} with \
                         the first {n} axes of shape {b_shape:?}"
                    ),
                ));
            }
            (
                (a_shape.len() - n..a_shape.len())
                    .map(|x| x as isize)
                    .collect(),
                (0..n).map(|x| x as isize).collect(),
            )
        }
        TensordotAxes::Pairs(a, b) => (a.clone(), b.clone()),
    };
    if a_axes.len() != b_axes.len() {
        return Err(Error::invalid_argument(
            "axes",
            format!("({a_axes:?}, {b_axes:?})"),
            "tensordot: the two axis lists must have the same length",
        ));
    }
    let normalize = |axes: &[isize], ndim: usize| -> Result<Vec<usize>> {
        let mut out = Vec::with_capacity(axes.len());
        for &ax in axes {
            let ax = normalize_axis(ax, ndim)?;
            if out.contains(&ax) {
                return Err(Error::RepeatedAxis {
                    axis: ax,
                    context: "tensordot axes",
                });
            }
            out.push(ax);
        }
        Ok(out)
    };
    let a_axes = normalize(&a_axes, a_shape.len())?;
    let b_axes = normalize(&b_axes, b_shape.len())?;
    for (&x, &y) in a_axes.iter().zip(&b_axes) {
        if a_shape[x] != b_shape[y] {
            return Err(Error::NotAligned {
                op: "tensordot",
                a_operand: 0,
                a_shape: a_shape.to_vec(),
                a_axis: x,
                b_operand: 1,
                b_shape: b_shape.to_vec(),
                b_axis: y,
            });
        }
    }
    Ok((a_axes, b_axes))
}

/// NumPy's `tensordot(a, b, axes)`: sums the products of `a`'s and `b`'s elements over the
/// axis pairs in `axes`. The result's axes are `a`'s remaining axes followed by `b`'s.
///
/// It runs as one matrix product (`gemm` for floating-point types): the contracted axes are
/// merged into one, as are each operand's free axes, as views when the strides allow (a copy
/// of an operand only when they do not). `tensordot(a, b, (-1, 0))` of a C-order `a` is one
/// `gemm` call on `a`'s memory as it is.
///
/// # Errors
/// Axes out of range or repeated, lists of different lengths, or paired axes of different
/// lengths; the message names the axes and shapes.
///
/// ```
/// use oxarray_core::Array;
/// use oxarray_linalg::tensordot;
///
/// let a = Array::<f64>::from_shape_fn([2, 3, 4], |i| (i[0] + i[1] + i[2]) as f64)?;
/// let b = Array::<f64>::ones([4, 5])?;
/// let c = tensordot(&a, &b, (-1, 0))?; // NumPy: tensordot(a, b, axes=(-1, 0))
/// assert_eq!(c.shape(), &[2, 3, 5]);
/// assert_eq!(c[[1, 2, 0]], 3.0 + 4.0 + 5.0 + 6.0);
/// // axes=2: the last two of a with the first two of b
/// let d = tensordot(&a, &Array::<f64>::ones([3, 4])?, 2)?;
/// assert_eq!(d.shape(), &[2]);
/// assert!(tensordot(&a, &b, (0, 0)).is_err()); // lengths 2 and 4
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn tensordot<T: LinalgScalar>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
    axes: impl Into<TensordotAxes>,
) -> Result<Array<T>> {
    let (a, b) = (a.as_view(), b.as_view());
    let (a_axes, b_axes) = resolve_axes(a.shape(), b.shape(), &axes.into())?;
    let a_labels: Vec<Label> = (0..a.ndim() as Label).collect();
    let b_labels: Vec<Label> = (0..b.ndim())
        .map(|ax| match b_axes.iter().position(|&x| x == ax) {
            Some(i) => a_axes[i] as Label,
            None => (a.ndim() + ax) as Label,
        })
        .collect();
    let out_labels: Vec<Label> = (0..a.ndim())
        .filter(|ax| !a_axes.contains(ax))
        .map(|ax| ax as Label)
        .chain(
            (0..b.ndim())
                .filter(|ax| !b_axes.contains(ax))
                .map(|ax| (a.ndim() + ax) as Label),
        )
        .collect();
    contract(&a, &a_labels, &b, &b_labels, &out_labels)
}
