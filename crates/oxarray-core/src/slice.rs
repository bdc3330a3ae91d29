//! Basic slicing with NumPy's semantics: integers, ranges with steps (negative included),
//! new axes and an ellipsis. Built by the [`s!`](crate::s) macro, applied in O(1).

use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

use crate::dims::{Dims, Strides};
use crate::error::{Error, Result};
use crate::layout::{Layout, normalize_index};

/// One entry of a basic-slicing expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliceArg {
    /// An integer index: selects one position and removes the axis. Negative counts from the end.
    Index(isize),
    /// `start:stop:step` with Python's rules: bounds may be negative or out of range (they are
    /// clipped), a missing bound means "from the beginning / to the end" in the direction of
    /// `step`, and `step` may be negative but not zero.
    Slice {
        /// First position (inclusive), `None` for the default.
        start: Option<isize>,
        /// End position (exclusive), `None` for the default.
        stop: Option<isize>,
        /// Step, non-zero.
        step: isize,
    },
    /// `np.newaxis`: inserts an axis of length one.
    NewAxis,
    /// `...`: as many full slices as needed to index every axis.
    Ellipsis,
}

/// Marker for `np.newaxis` inside [`s!`](crate::s): `s![.., NewAxis]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewAxis;

/// Marker for `...` inside [`s!`](crate::s) where the `...` token is inconvenient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ellipsis;

impl SliceArg {
    /// `start:stop:step` from any range, with `step`.
    pub fn stepped(range: impl Into<SliceArg>, step: isize) -> SliceArg {
        match range.into() {
            SliceArg::Slice { start, stop, .. } => SliceArg::Slice { start, stop, step },
            // `s![3;2]` is not meaningful: keep the index and let `step` be ignored.
            other => other,
        }
    }

    /// The full slice `:`.
    pub const FULL: SliceArg = SliceArg::Slice {
        start: None,
        stop: None,
        step: 1,
    };
}

macro_rules! int_conversions {
    ($($t:ty),*) => {$(
        impl From<$t> for SliceArg {
            #[inline]
            fn from(i: $t) -> Self { SliceArg::Index(i as isize) }
        }
        impl From<Range<$t>> for SliceArg {
            #[inline]
            fn from(r: Range<$t>) -> Self {
                SliceArg::Slice { start: Some(r.start as isize), stop: Some(r.end as isize), step: 1 }
            }
        }
        impl From<RangeInclusive<$t>> for SliceArg {
            #[inline]
            fn from(r: RangeInclusive<$t>) -> Self {
                let end = *r.end() as isize;
                // `a..=-1` means "through the last element": stop is then open-ended.
                let stop = if end == -1 { None } else { Some(end + 1) };
                SliceArg::Slice { start: Some(*r.start() as isize), stop, step: 1 }
            }
        }
        impl From<RangeFrom<$t>> for SliceArg {
            #[inline]
            fn from(r: RangeFrom<$t>) -> Self {
                SliceArg::Slice { start: Some(r.start as isize), stop: None, step: 1 }
            }
        }
        impl From<RangeTo<$t>> for SliceArg {
            #[inline]
            fn from(r: RangeTo<$t>) -> Self {
                SliceArg::Slice { start: None, stop: Some(r.end as isize), step: 1 }
            }
        }
        impl From<RangeToInclusive<$t>> for SliceArg {
            #[inline]
            fn from(r: RangeToInclusive<$t>) -> Self {
                let end = r.end as isize;
                let stop = if end == -1 { None } else { Some(end + 1) };
                SliceArg::Slice { start: None, stop, step: 1 }
            }
        }
    )*};
}

int_conversions!(isize, i32, i64, usize);

impl From<RangeFull> for SliceArg {
    #[inline]
    fn from(_: RangeFull) -> Self {
        SliceArg::FULL
    }
}

impl From<NewAxis> for SliceArg {
    #[inline]
    fn from(_: NewAxis) -> Self {
        SliceArg::NewAxis
    }
}

impl From<Ellipsis> for SliceArg {
    #[inline]
    fn from(_: Ellipsis) -> Self {
        SliceArg::Ellipsis
    }
}

/// Builds a basic-slicing expression, NumPy's `a[...]`, as a `[SliceArg; N]`.
///
/// | NumPy | `s!` |
/// |---|---|
/// | `a[1:]` | `s![1..]` |
/// | `a[::2, ::-1]` | `s![..;2, ..;-1]` |
/// | `a[5:1:-2]` | `s![5..1;-2]` |
/// | `a[-1]` | `s![-1]` |
/// | `a[:, np.newaxis]` | `s![.., NewAxis]` |
/// | `a[..., 0]` | `s![..., 0]` |
///
/// Steps follow NumPy, not `ndarray`: `..;-1` walks the whole axis backwards, and
/// `5..1;-2` starts at 5.
///
/// ```
/// use oxarray_core::{s, Array};
/// let a = Array::<i64>::arange(0, 12, 1).unwrap().into_shape([3, 4]).unwrap();
/// let v = a.slice(s![..;-1, 1..;2]).unwrap();
/// assert_eq!(v.shape(), &[3, 2]);
/// assert_eq!(v.to_vec(), vec![9, 11, 5, 7, 1, 3]);
/// ```
#[macro_export]
macro_rules! s {
    (@acc [$($acc:expr),*]) => { [$($acc),*] };
    (@acc [$($acc:expr),*] ... $(, $($rest:tt)*)?) => {
        $crate::s!(@acc [$($acc,)* $crate::SliceArg::Ellipsis] $($($rest)*)?)
    };
    (@acc [$($acc:expr),*] $r:expr ; $step:expr $(, $($rest:tt)*)?) => {
        $crate::s!(@acc [$($acc,)* $crate::SliceArg::stepped($r, $step)] $($($rest)*)?)
    };
    (@acc [$($acc:expr),*] $r:expr $(, $($rest:tt)*)?) => {
        $crate::s!(@acc [$($acc,)* <$crate::SliceArg as ::core::convert::From<_>>::from($r)] $($($rest)*)?)
    };
    ($($t:tt)*) => { $crate::s!(@acc [] $($t)*) };
}

/// The `(start, step, length)` that `start:stop:step` selects on an axis of length `len`,
/// following CPython's `PySlice_AdjustIndices`.
pub fn resolve_range(
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    len: usize,
) -> Result<(isize, usize)> {
    if step == 0 {
        return Err(Error::InvalidSlice {
            reason: "slice step cannot be zero".into(),
        });
    }
    let (n, step) = (len as isize, step.max(-isize::MAX)); // as CPython: -step must not overflow
    let clip = |v: isize, lo: isize, hi: isize| v.clamp(lo, hi);
    let (start, stop) = if step > 0 {
        let start = match start {
            None => 0,
            Some(s) if s < 0 => clip(s + n, 0, n),
            Some(s) => clip(s, 0, n),
        };
        let stop = match stop {
            None => n,
            Some(s) if s < 0 => clip(s + n, 0, n),
            Some(s) => clip(s, 0, n),
        };
        (start, stop)
    } else {
        let start = match start {
            None => n - 1,
            Some(s) if s < 0 => clip(s + n, -1, n - 1),
            Some(s) => clip(s, -1, n - 1),
        };
        let stop = match stop {
            None => -1,
            Some(s) if s < 0 => clip(s + n, -1, n - 1),
            Some(s) => clip(s, -1, n - 1),
        };
        (start, stop)
    };
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((if count > 0 { start } else { 0 }, count as usize))
}

/// Applies a basic-slicing expression to a layout: the new layout and the element offset of
/// its first element.
pub fn apply_slice(layout: &Layout, args: &[SliceArg]) -> Result<(Layout, isize)> {
    let ndim = layout.ndim();
    let ellipses = args.iter().filter(|a| **a == SliceArg::Ellipsis).count();
    if ellipses > 1 {
        return Err(Error::MultipleEllipsis);
    }
    let consuming = args
        .iter()
        .filter(|a| matches!(a, SliceArg::Index(_) | SliceArg::Slice { .. }))
        .count();
    if consuming > ndim {
        return Err(Error::TooManyIndices {
            ndim,
            given: consuming,
        });
    }
    let mut shape = Dims::new();
    let mut strides = Strides::new();
    let mut offset = 0isize;
    let mut axis = 0usize;
    for arg in args {
        match *arg {
            SliceArg::Index(i) => {
                let j = normalize_index(i, layout.shape[axis], axis)?;
                offset += j as isize * layout.strides[axis];
                axis += 1;
            }
            SliceArg::Slice { start, stop, step } => {
                let (first, count) = resolve_range(start, stop, step, layout.shape[axis])?;
                offset += first * layout.strides[axis];
                shape.push(count);
                strides.push(if count > 1 {
                    layout.strides[axis] * step
                } else {
                    layout.strides[axis]
                });
                axis += 1;
            }
            SliceArg::NewAxis => {
                shape.push(1);
                strides.push(0);
            }
            SliceArg::Ellipsis => {
                for _ in 0..ndim - consuming {
                    shape.push(layout.shape[axis]);
                    strides.push(layout.strides[axis]);
                    axis += 1;
                }
            }
        }
    }
    // Axes not named keep their full extent, as in NumPy.
    for a in axis..ndim {
        shape.push(layout.shape[a]);
        strides.push(layout.strides[a]);
    }
    // An empty result has no elements to locate: point at the base to stay in bounds.
    let new = Layout { shape, strides };
    if new.size() == 0 {
        offset = 0;
    }
    Ok((new, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(start: Option<isize>, stop: Option<isize>, step: isize, len: usize) -> Vec<isize> {
        let (first, count) = resolve_range(start, stop, step, len).unwrap();
        (0..count as isize).map(|k| first + k * step).collect()
    }

    #[test]
    fn ranges_follow_python() {
        assert_eq!(py(None, None, -1, 4), vec![3, 2, 1, 0]);
        assert_eq!(py(Some(5), Some(1), -2, 10), vec![5, 3]);
        assert_eq!(py(Some(-2), None, 1, 5), vec![3, 4]);
        assert_eq!(py(Some(-100), Some(100), 3, 7), vec![0, 3, 6]);
        assert_eq!(py(Some(1), Some(1), 1, 7), Vec::<isize>::new());
        assert_eq!(py(None, Some(-100), -1, 3), vec![2, 1, 0]);
        assert_eq!(py(Some(10), None, -3, 5), vec![4, 1]);
        assert!(resolve_range(None, None, 0, 3).is_err());
    }

    #[test]
    fn macro_builds_numpy_expressions() {
        let e = s![1..;2, ..;-1, -1, NewAxis, ...];
        assert_eq!(
            e,
            [
                SliceArg::Slice {
                    start: Some(1),
                    stop: None,
                    step: 2
                },
                SliceArg::Slice {
                    start: None,
                    stop: None,
                    step: -1
                },
                SliceArg::Index(-1),
                SliceArg::NewAxis,
                SliceArg::Ellipsis,
            ]
        );
        let i = 3usize;
        assert_eq!(s![i], [SliceArg::Index(3)]);
        assert_eq!(s![..=2], [SliceArg::from(..3)]);
    }
}
