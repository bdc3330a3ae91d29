//! `norm`, NumPy 2's `vector_norm` and `matrix_norm`, and `cond`.
//!
//! Every norm is a reduction of the moduli `|x|` over some axes, accumulated in `f64` (block
//! by block, close to NumPy's pairwise summation) and returned in the real type of the
//! input's precision; the spectral and nuclear norms reduce singular values.

use oxarray_core::{Array, ArrayView, AsArrayView, Error, Result, normalize_axis};

use crate::decomp::batch::check_stacked_square;
use crate::decomp::float::{LinalgFloat, LinalgInput, check_supported};
use crate::decomp::kernels::Work;
use crate::decomp::lu::inv_impl;
use crate::decomp::svd::singular_values;

/// NumPy's `ord` argument of the norms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormOrder {
    /// The Frobenius norm (`'fro'`), matrices only.
    Fro,
    /// The nuclear norm (`'nuc'`, the sum of the singular values), matrices only.
    Nuc,
    /// A number: `p` for vector norms (`sum(|x|^p)^(1/p)`; 0 counts non-zeros, `+-inf` are
    /// the largest and smallest `|x|`); for matrix norms one of `1`, `-1`, `2`, `-2`, `+-inf`
    /// (column sums, singular values, row sums).
    P(f64),
}

impl NormOrder {
    /// `ord=inf`.
    pub const INF: NormOrder = NormOrder::P(f64::INFINITY);
    /// `ord=-inf`.
    pub const NEG_INF: NormOrder = NormOrder::P(f64::NEG_INFINITY);
}

impl From<f64> for NormOrder {
    fn from(p: f64) -> Self {
        NormOrder::P(p)
    }
}

impl From<i32> for NormOrder {
    fn from(p: i32) -> Self {
        NormOrder::P(p as f64)
    }
}

impl std::fmt::Display for NormOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NormOrder::Fro => write!(f, "'fro'"),
            NormOrder::Nuc => write!(f, "'nuc'"),
            NormOrder::P(p) => write!(f, "{p}"),
        }
    }
}

/// How a reduction combines: `fold(acc, |x|)` per element, `combine(acc, acc)` for partial
/// results.
#[derive(Clone, Copy)]
struct Fold<F: Fn(f64, f64) -> f64> {
    init: f64,
    fold: F,
    combine: fn(f64, f64) -> f64,
}

fn sum_of(fold: impl Fn(f64, f64) -> f64) -> Fold<impl Fn(f64, f64) -> f64> {
    Fold {
        init: 0.0,
        fold,
        combine: |a, b| a + b,
    }
}

/// The moduli of `x`'s elements grouped by the kept axes: for each index of the kept axes
/// (C order), the fold runs over the elements of the reduced axes.
fn reduce<T: LinalgInput, F: Fn(f64, f64) -> f64>(
    x: &ArrayView<'_, T>,
    reduced: &[usize],
    how: Fold<F>,
) -> Vec<f64> {
    let Fold {
        init,
        fold,
        combine,
    } = how;
    let kept: Vec<usize> = (0..x.ndim()).filter(|a| !reduced.contains(a)).collect();
    let shape = x.shape();
    let strides = x.strides();
    let outer: usize = kept.iter().map(|&a| shape[a]).product();
    let inner: usize = reduced.iter().map(|&a| shape[a]).product();
    let base = x.as_ptr();
    let offset = |axes: &[usize], mut pos: usize| -> isize {
        let mut off = 0;
        for &a in axes.iter().rev() {
            let len = shape[a];
            off += (pos % len) as isize * strides[a];
            pos /= len;
        }
        off
    };
    // Partial sums over blocks of this many elements, then their sum (NumPy reduces pairwise
    // in blocks of 128).
    const BLOCK: usize = 128;
    (0..outer)
        .map(|o| {
            let start = offset(&kept, o);
            let mut total = init;
            let mut block = init;
            for i in 0..inner {
                let at = start + offset(reduced, i);
                // SAFETY: `o` and `i` index in-bounds elements of the view (invariant 1).
                let v = unsafe { *base.offset(at) }.to_work().modulus();
                block = fold(block, v);
                if (i + 1) % BLOCK == 0 {
                    total = combine(total, block);
                    block = init;
                }
            }
            if !inner.is_multiple_of(BLOCK) {
                total = combine(total, block);
            }
            total
        })
        .collect()
}

/// A max or min reduction (the same function folds and combines).
fn extreme(init: f64, f: fn(f64, f64) -> f64) -> Fold<fn(f64, f64) -> f64> {
    Fold {
        init,
        fold: f,
        combine: f,
    }
}

/// `max` that propagates NaN, as NumPy's `maximum.reduce`.
fn nan_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// `min` that propagates NaN.
fn nan_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

/// `x` with the size of `axes` set to 1 (keepdims) or removed.
fn result_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    shape
        .iter()
        .enumerate()
        .filter_map(|(a, &len)| {
            if axes.contains(&a) {
                keepdims.then_some(1)
            } else {
                Some(len)
            }
        })
        .collect()
}

fn real_array<F: LinalgFloat>(values: Vec<f64>, shape: &[usize]) -> Result<Array<F::Real>> {
    Array::from_vec(values.into_iter().map(F::real_from_f64).collect(), shape)
}

/// A vector norm over `axes` (which all reduce together).
fn vector_norm_axes<T: LinalgInput>(
    x: &ArrayView<'_, T>,
    axes: &[usize],
    ord: f64,
) -> Result<Vec<f64>> {
    let empty = axes.iter().any(|&a| x.shape()[a] == 0);
    Ok(if ord == f64::INFINITY {
        reduce(x, axes, extreme(0.0, nan_max))
    } else if ord == f64::NEG_INFINITY {
        if empty {
            return Err(Error::invalid_argument(
                "ord",
                "-inf",
                "zero-size array to reduction operation minimum which has no identity",
            ));
        }
        reduce(x, axes, extreme(f64::INFINITY, nan_min))
    } else if ord == 0.0 {
        reduce(
            x,
            axes,
            sum_of(|acc, v| acc + if v != 0.0 { 1.0 } else { 0.0 }),
        )
    } else if ord == 1.0 {
        reduce(x, axes, sum_of(|acc, v| acc + v))
    } else if ord == 2.0 {
        reduce(x, axes, sum_of(|acc, v| acc + v * v))
            .into_iter()
            .map(f64::sqrt)
            .collect()
    } else {
        reduce(x, axes, sum_of(|acc, v| acc + v.powf(ord)))
            .into_iter()
            .map(|s| s.powf(1.0 / ord))
            .collect()
    })
}

/// NumPy 2's `linalg.vector_norm(x, axis=None, keepdims=False, ord=2)`: the vector `p`-norm of
/// `x` over `axis` (all axes, flattened, when `None`; several axes reduce as one flattened
/// axis). `ord` is any number ([`NormOrder::P`]); `Fro` and `Nuc` are refused.
///
/// # Errors
/// [`Error::InvalidArgument`] for `Fro`/`Nuc` or `-inf` over an empty axis,
/// [`Error::AxisOutOfBounds`] / [`Error::RepeatedAxis`] for bad axes.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{vector_norm, NormOrder};
///
/// let x = array![[3.0f64, -4.0], [0.0, 12.0]];
/// assert_eq!(vector_norm(&x, None, false, NormOrder::P(2.0))?.item()?, 13.0);
/// assert_eq!(vector_norm(&x, Some(&[1]), false, NormOrder::P(1.0))?.to_vec(), vec![7.0, 12.0]);
/// assert_eq!(vector_norm(&x, Some(&[0]), true, NormOrder::INF)?.shape(), &[1, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn vector_norm<T: LinalgInput>(
    x: &impl AsArrayView<T>,
    axis: Option<&[isize]>,
    keepdims: bool,
    ord: NormOrder,
) -> Result<Array<<T::Float as LinalgFloat>::Real>> {
    check_supported::<T>("vector_norm")?;
    let x = x.as_view();
    let NormOrder::P(p) = ord else {
        return Err(Error::invalid_argument(
            "ord",
            ord,
            format!("invalid norm order {ord} for vectors"),
        ));
    };
    let axes = match axis {
        None => (0..x.ndim()).collect(),
        Some(axes) => oxarray_core::layout::normalize_axes(axes, x.ndim(), "vector_norm")?,
    };
    let values = vector_norm_axes(&x, &axes, p)?;
    real_array::<T::Float>(values, &result_shape(x.shape(), &axes, keepdims))
}

/// A matrix norm of the matrices in axes `(row, col)` of `x`.
fn matrix_norm_axes<T: LinalgInput>(
    x: &ArrayView<'_, T>,
    row: usize,
    col: usize,
    ord: NormOrder,
) -> Result<Vec<f64>> {
    let empty_error = |what: &str| {
        Error::invalid_argument(
            "ord",
            ord,
            format!("zero-size array to reduction operation {what} which has no identity"),
        )
    };
    let empty = x.shape()[row] == 0 || x.shape()[col] == 0;
    // Sums of |x| along `along`, then the max or min along the other axis.
    let sums_then = |along: usize, other: usize, max: bool| -> Result<Vec<f64>> {
        let sums = reduce(x, &[along], sum_of(|acc, v| acc + v));
        let mut shape = x.shape().to_vec();
        shape.remove(along);
        let sums = Array::from_vec(sums, &shape[..])?;
        let other = if other > along { other - 1 } else { other };
        Ok(if max {
            reduce(&sums.view(), &[other], extreme(0.0, nan_max))
        } else {
            if shape[other] == 0 {
                return Err(empty_error("minimum"));
            }
            reduce(&sums.view(), &[other], extreme(f64::INFINITY, nan_min))
        })
    };
    let singular = |f: &dyn Fn(&[f64]) -> f64| -> Result<Vec<f64>> {
        let order: Vec<isize> = (0..x.ndim())
            .filter(|&a| a != row && a != col)
            .chain([row, col])
            .map(|a| a as isize)
            .collect();
        let moved = x.clone().into_permuted(&order)?;
        let k = x.shape()[row].min(x.shape()[col]);
        let s = singular_values("norm", &moved)?;
        Ok(if k == 0 {
            let items = moved.len();
            vec![f(&[]); items]
        } else {
            s.chunks(k).map(f).collect()
        })
    };
    match ord {
        NormOrder::Fro => Ok(reduce(x, &[row, col], sum_of(|acc, v| acc + v * v))
            .into_iter()
            .map(f64::sqrt)
            .collect()),
        NormOrder::Nuc => singular(&|s| s.iter().sum()),
        NormOrder::P(2.0) => singular(&|s| s.first().copied().unwrap_or(0.0)),
        NormOrder::P(-2.0) => {
            if empty {
                return Err(empty_error("minimum"));
            }
            singular(&|s| s.last().copied().unwrap_or(0.0))
        }
        NormOrder::P(1.0) => sums_then(row, col, true),
        NormOrder::P(-1.0) => sums_then(row, col, false),
        NormOrder::P(f64::INFINITY) => sums_then(col, row, true),
        NormOrder::P(f64::NEG_INFINITY) => sums_then(col, row, false),
        NormOrder::P(_) => Err(Error::invalid_argument(
            "ord",
            ord,
            "invalid norm order for matrices (1, -1, 2, -2, inf, -inf, 'fro' or 'nuc')",
        )),
    }
}

/// NumPy 2's `linalg.matrix_norm(x, keepdims=False, ord='fro')`: the matrix norm of each matrix
/// in the last two axes of `x`.
///
/// # Errors
/// [`Error::NotEnoughDims`] for fewer than two dimensions, [`Error::InvalidArgument`] for
/// an order that is not a matrix norm; [`Error::NoConvergence`] from the SVD of `2`, `-2`,
/// `Nuc`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{matrix_norm, NormOrder};
///
/// let a = array![[1.0f64, -2.0], [3.0, 4.0]];
/// assert_eq!(matrix_norm(&a, false, NormOrder::P(1.0))?.item()?, 6.0); // max column sum
/// assert_eq!(matrix_norm(&a, false, NormOrder::INF)?.item()?, 7.0);    // max row sum
/// assert!((matrix_norm(&a, false, NormOrder::Fro)?.item()? - 30f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn matrix_norm<T: LinalgInput>(
    x: &impl AsArrayView<T>,
    keepdims: bool,
    ord: NormOrder,
) -> Result<Array<<T::Float as LinalgFloat>::Real>> {
    check_supported::<T>("matrix_norm")?;
    let x = x.as_view();
    crate::decomp::batch::check_stacked_2d("matrix_norm", x.shape())?;
    let nd = x.ndim();
    let values = matrix_norm_axes(&x, nd - 2, nd - 1, ord)?;
    real_array::<T::Float>(
        values,
        &result_shape(x.shape(), &[nd - 2, nd - 1], keepdims),
    )
}

/// NumPy's `linalg.norm(x, ord=None, axis=None, keepdims=False)`.
///
/// * `axis = None`, `ord = None`: the 2-norm of `x` flattened (any number of dimensions).
/// * `axis = None`, `ord` given: a vector norm for 1-D `x`, a matrix norm for 2-D `x`.
/// * one axis: a vector norm along it; two axes: a matrix norm of those axes.
///
/// # Errors
/// [`Error::InvalidArgument`] for an order that does not fit ("invalid norm order", `Fro`
/// for vectors, more than two axes or dimensions), axis errors, SVD errors.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{norm, NormOrder};
///
/// let a = array![[1.0f64, 2.0], [3.0, 4.0]];
/// assert!((norm(&a, None, None, false)?.item()? - 30f64.sqrt()).abs() < 1e-12);
/// assert_eq!(norm(&a, Some(NormOrder::P(1.0)), None, false)?.item()?, 6.0);
/// assert_eq!(norm(&a, Some(NormOrder::P(1.0)), Some(&[1]), false)?.to_vec(), vec![3.0, 7.0]);
/// assert!(norm(&array![1.0f64, 2.0], Some(NormOrder::Fro), None, false).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn norm<T: LinalgInput>(
    x: &impl AsArrayView<T>,
    ord: Option<NormOrder>,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<<T::Float as LinalgFloat>::Real>> {
    check_supported::<T>("norm")?;
    let x = x.as_view();
    let nd = x.ndim();
    let all: Vec<usize> = (0..nd).collect();
    if axis.is_none() {
        let flat = match ord {
            None => true,
            Some(NormOrder::Fro) => nd == 2,
            Some(NormOrder::P(p)) => p == 2.0 && nd == 1,
            Some(NormOrder::Nuc) => false,
        };
        if flat {
            let values = vector_norm_axes(&x, &all, 2.0)?;
            return real_array::<T::Float>(values, &result_shape(x.shape(), &all, keepdims));
        }
    }
    let axes = match axis {
        None => all,
        Some(axes) => {
            let normalized: Vec<usize> = axes
                .iter()
                .map(|&a| normalize_axis(a, nd))
                .collect::<Result<_>>()?;
            if normalized.len() == 2 && normalized[0] == normalized[1] {
                return Err(Error::RepeatedAxis {
                    axis: normalized[0],
                    context: "norm",
                });
            }
            normalized
        }
    };
    let values = match (axes.len(), ord) {
        (1, Some(NormOrder::Fro | NormOrder::Nuc)) => {
            let ord = ord.expect("matched Some");
            return Err(Error::invalid_argument(
                "ord",
                ord,
                format!("invalid norm order {ord} for vectors"),
            ));
        }
        (1, ord) => {
            let p = match ord {
                Some(NormOrder::P(p)) => p,
                _ => 2.0,
            };
            vector_norm_axes(&x, &axes, p)?
        }
        (2, ord) => matrix_norm_axes(&x, axes[0], axes[1], ord.unwrap_or(NormOrder::Fro))?,
        (n, _) => {
            return Err(Error::invalid_argument(
                "axis",
                format!("{n} axes"),
                "improper number of dimensions to norm (1 for a vector norm, 2 for a matrix \
                 norm)",
            ));
        }
    };
    real_array::<T::Float>(values, &result_shape(x.shape(), &axes, keepdims))
}

/// NumPy's `linalg.cond(x, p=None)`: the condition number of each matrix of an `(..., M, N)`
/// stack in the norm `p`: `None`, `2`, `-2` from the singular values (any shape), the other
/// orders (`1`, `-1`, `inf`, `-inf`, `Fro`, `Nuc`) as `norm(x) * norm(inv(x))` (square
/// matrices). A singular matrix gives `inf`, as in NumPy.
///
/// # Errors
/// [`Error::InvalidArgument`] for empty matrices ("cond is not defined on empty arrays") or a
/// bad order; shape errors; [`Error::NoConvergence`] from the SVD.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{cond, NormOrder};
///
/// let a = array![[1.0f64, 0.0], [0.0, 4.0]];
/// assert_eq!(cond(&a, None)?.item()?, 4.0);
/// assert_eq!(cond(&a, Some(NormOrder::P(1.0)))?.item()?, 4.0);
/// assert_eq!(cond(&array![[1.0f64, 1.0], [1.0, 1.0]], Some(NormOrder::INF))?.item()?, f64::INFINITY);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn cond<T: LinalgInput>(
    x: &impl AsArrayView<T>,
    p: Option<NormOrder>,
) -> Result<Array<<T::Float as LinalgFloat>::Real>> {
    check_supported::<T>("cond")?;
    let x = x.as_view();
    let (m, n) = crate::decomp::batch::check_stacked_2d("cond", x.shape())?;
    if m * n == 0 {
        return Err(Error::invalid_argument(
            "x",
            format!("shape {:?}", x.shape()),
            "cond is not defined on empty arrays",
        ));
    }
    let nd = x.ndim();
    let batch = &x.shape()[..nd - 2];
    let by_svd = match p {
        None => Some(false),
        Some(NormOrder::P(2.0)) => Some(false),
        Some(NormOrder::P(-2.0)) => Some(true),
        _ => None,
    };
    let mut values = match by_svd {
        Some(inverse) => {
            let k = m.min(n);
            let s = singular_values("cond", &x)?;
            s.chunks(k)
                .map(|s| {
                    let (big, small) = (s[0], s[k - 1]);
                    if inverse { small / big } else { big / small }
                })
                .collect::<Vec<f64>>()
        }
        None => {
            let ord = p.expect("orders other than None, 2, -2");
            check_stacked_square("cond", x.shape())?;
            let (inverse, _) = inv_impl("cond", &x, false)?;
            let a_norm = matrix_norm_axes(&x, nd - 2, nd - 1, ord)?;
            let inv_norm = matrix_norm_axes(&inverse.view(), nd - 2, nd - 1, ord)?;
            a_norm.iter().zip(&inv_norm).map(|(a, b)| a * b).collect()
        }
    };
    // NaN from a failed inversion (or 0/0) is infinity unless x itself holds NaNs.
    if values.iter().any(|v| v.is_nan()) {
        let nan_flag: fn(f64, f64) -> f64 = |acc, v| if v.is_nan() { f64::NAN } else { acc };
        let has_nan = reduce(
            &x,
            &[nd - 2, nd - 1],
            Fold {
                init: 0.0,
                fold: nan_flag,
                combine: nan_flag,
            },
        );
        for (v, nan_input) in values.iter_mut().zip(has_nan) {
            if v.is_nan() && !nan_input.is_nan() {
                *v = f64::INFINITY;
            }
        }
    }
    real_array::<T::Float>(values, batch)
}
