//! Splitting an array into views: NumPy's `split`, `array_split`, `hsplit`, `vsplit`,
//! `dsplit`. Every piece is a view of the input (NumPy's pieces are views too).

use crate::array::{ArrayView, AsArrayView};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::slice::SliceArg;

/// How to split: into a number of sections, or at indices along the axis (NumPy's
/// `indices_or_sections`). Integers convert to [`Sections::Count`], slices and vectors of
/// `isize` to [`Sections::Indices`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sections {
    /// This many pieces (equal for `split`; the first `len % n` one longer for
    /// `array_split`).
    Count(usize),
    /// The split points along the axis, as Python slice bounds (negative counts from the end;
    /// out-of-range points clamp; a point before its predecessor gives an empty piece).
    Indices(Vec<isize>),
}

impl From<usize> for Sections {
    fn from(n: usize) -> Self {
        Sections::Count(n)
    }
}
impl From<&[isize]> for Sections {
    fn from(points: &[isize]) -> Self {
        Sections::Indices(points.to_vec())
    }
}
impl<const N: usize> From<[isize; N]> for Sections {
    fn from(points: [isize; N]) -> Self {
        Sections::Indices(points.to_vec())
    }
}
impl<const N: usize> From<&[isize; N]> for Sections {
    fn from(points: &[isize; N]) -> Self {
        Sections::Indices(points.to_vec())
    }
}
impl From<Vec<isize>> for Sections {
    fn from(points: Vec<isize>) -> Self {
        Sections::Indices(points)
    }
}

/// `v[..., start:stop, ...]` on `axis`, with Python's bound rules.
fn piece<'a, T: Element>(
    v: &ArrayView<'a, T>,
    axis: usize,
    start: isize,
    stop: isize,
) -> Result<ArrayView<'a, T>> {
    let mut args = vec![SliceArg::FULL; axis];
    args.push(SliceArg::Slice {
        start: Some(start),
        stop: Some(stop),
        step: 1,
    });
    v.clone().into_slice(args)
}

fn split_view<'a, T: Element>(
    v: ArrayView<'a, T>,
    sections: Sections,
    axis: isize,
    equal: bool,
) -> Result<Vec<ArrayView<'a, T>>> {
    if v.ndim() == 0 {
        return Err(Error::AxisOutOfBounds { axis, ndim: 0 });
    }
    let axis = normalize_axis(axis, v.ndim())?;
    let len = v.shape()[axis];
    match sections {
        Sections::Count(n) => {
            if n == 0 {
                return Err(Error::invalid_argument(
                    "sections",
                    0,
                    "number sections must be larger than 0",
                ));
            }
            if equal && !len.is_multiple_of(n) {
                return Err(Error::UnequalSplit {
                    axis,
                    len,
                    sections: n,
                });
            }
            let (each, extra) = (len / n, len % n);
            let mut start = 0usize;
            (0..n)
                .map(|i| {
                    let stop = start + each + usize::from(i < extra);
                    let p = piece(&v, axis, start as isize, stop as isize);
                    start = stop;
                    p
                })
                .collect()
        }
        Sections::Indices(points) => {
            let mut bounds = Vec::with_capacity(points.len() + 2);
            bounds.push(0isize);
            bounds.extend_from_slice(&points);
            bounds.push(len as isize);
            bounds
                .windows(2)
                .map(|w| piece(&v, axis, w[0], w[1]))
                .collect()
        }
    }
}

/// NumPy's `split(a, indices_or_sections, axis)`: views of `a`, equal pieces when given a
/// count.
///
/// ```
/// use oxarray_core::{Array, split::split};
/// let a = Array::<i32>::arange(0, 6, 1)?;
/// let parts = split(&a, 3, 0)?;
/// assert_eq!(parts[1].to_vec(), vec![2, 3]);
/// let parts = split(&a, [1, -2], 0)?;
/// assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), vec![1, 3, 2]);
/// assert!(split(&a, 4, 0).is_err()); // 6 is not a multiple of 4
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::UnequalSplit`] when a count does not divide the axis; [`Error::AxisOutOfBounds`];
/// [`Error::InvalidArgument`] for a count of 0.
pub fn split<T: Element>(
    a: &impl AsArrayView<T>,
    indices_or_sections: impl Into<Sections>,
    axis: isize,
) -> Result<Vec<ArrayView<'_, T>>> {
    split_view(a.as_view(), indices_or_sections.into(), axis, true)
}

/// NumPy's `array_split`: as [`split`], but a count need not divide the axis (the first
/// `len % n` pieces get one element more).
///
/// ```
/// use oxarray_core::{Array, split::array_split};
/// let a = Array::<i32>::arange(0, 5, 1)?;
/// let lens: Vec<_> = array_split(&a, 3, 0)?.iter().map(|p| p.len()).collect();
/// assert_eq!(lens, vec![2, 2, 1]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// As [`split`], without [`Error::UnequalSplit`].
pub fn array_split<T: Element>(
    a: &impl AsArrayView<T>,
    indices_or_sections: impl Into<Sections>,
    axis: isize,
) -> Result<Vec<ArrayView<'_, T>>> {
    split_view(a.as_view(), indices_or_sections.into(), axis, false)
}

fn need_ndim<T: Element>(
    op: &'static str,
    v: &ArrayView<'_, T>,
    least: usize,
    expected: &'static str,
) -> Result<()> {
    if v.ndim() < least {
        return Err(Error::WrongNdim {
            op,
            operand: 0,
            shape: v.shape().to_vec(),
            expected,
        });
    }
    Ok(())
}

/// NumPy's `hsplit`: [`split`] along axis 1 (axis 0 for 1-D arrays).
///
/// ```
/// use oxarray_core::{array, split::hsplit};
/// let m = array![[1, 2, 3, 4], [5, 6, 7, 8]];
/// assert_eq!(hsplit(&m, 2)?[1].to_vec(), vec![3, 4, 7, 8]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongNdim`] for a 0-d array; otherwise as [`split`].
pub fn hsplit<T: Element>(
    a: &impl AsArrayView<T>,
    indices_or_sections: impl Into<Sections>,
) -> Result<Vec<ArrayView<'_, T>>> {
    let v = a.as_view();
    need_ndim("hsplit", &v, 1, "at least 1-D")?;
    let axis = if v.ndim() > 1 { 1 } else { 0 };
    split_view(v, indices_or_sections.into(), axis, true)
}

/// NumPy's `vsplit`: [`split`] along axis 0 of an array of at least 2 dimensions.
///
/// ```
/// use oxarray_core::{array, split::vsplit};
/// let m = array![[1, 2], [3, 4]];
/// assert_eq!(vsplit(&m, 2)?[1].to_vec(), vec![3, 4]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongNdim`] below 2-D; otherwise as [`split`].
pub fn vsplit<T: Element>(
    a: &impl AsArrayView<T>,
    indices_or_sections: impl Into<Sections>,
) -> Result<Vec<ArrayView<'_, T>>> {
    let v = a.as_view();
    need_ndim("vsplit", &v, 2, "at least 2-D")?;
    split_view(v, indices_or_sections.into(), 0, true)
}

/// NumPy's `dsplit`: [`split`] along axis 2 of an array of at least 3 dimensions.
///
/// ```
/// use oxarray_core::{Array, split::dsplit};
/// let a = Array::<i32>::zeros([1, 2, 4])?;
/// assert_eq!(dsplit(&a, 2)?[0].shape(), &[1, 2, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::WrongNdim`] below 3-D; otherwise as [`split`].
pub fn dsplit<T: Element>(
    a: &impl AsArrayView<T>,
    indices_or_sections: impl Into<Sections>,
) -> Result<Vec<ArrayView<'_, T>>> {
    let v = a.as_view();
    need_ndim("dsplit", &v, 3, "at least 3-D")?;
    split_view(v, indices_or_sections.into(), 2, true)
}
