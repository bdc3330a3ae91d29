//! Shape and stride arithmetic, independent of any element type or buffer.
//!
//! A [`Layout`] is a shape and signed strides counted in elements. Every view-producing
//! operation (slicing, transposing, reshaping, broadcasting) is a pure function from a layout
//! to a new layout plus an element offset of the new element `[0, ..., 0]` relative to the old
//! one; the array types apply those results to their pointers. Keeping the arithmetic here
//! keeps it testable on its own and written once.

use crate::dims::{Dims, Strides};
use crate::error::{Error, Result};

/// Memory order of a new array: row-major (C) or column-major (Fortran).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Order {
    /// Row-major: the last axis varies fastest.
    #[default]
    C,
    /// Column-major: the first axis varies fastest.
    F,
}

/// A shape with signed element strides.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    /// Length of each axis.
    pub shape: Dims,
    /// Distance in elements between neighbours along each axis.
    pub strides: Strides,
}

/// Turns a possibly negative axis into an index in `0..ndim`, as NumPy does.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::AxisOutOfBounds { axis, ndim });
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// Normalises a list of axes, rejecting repeats (NumPy's `normalize_axis_tuple`).
pub fn normalize_axes(axes: &[isize], ndim: usize, context: &'static str) -> Result<Vec<usize>> {
    let mut seen = vec![false; ndim];
    axes.iter()
        .map(|&a| {
            let a = normalize_axis(a, ndim)?;
            if std::mem::replace(&mut seen[a], true) {
                return Err(Error::RepeatedAxis { axis: a, context });
            }
            Ok(a)
        })
        .collect()
}

/// The number of elements of `shape`, or an error when it (or its size in bytes for elements of
/// `itemsize` bytes) overflows `isize`.
pub fn checked_size(shape: &[usize], itemsize: usize) -> Result<usize> {
    let overflow = || Error::SizeOverflow {
        shape: shape.to_vec(),
        itemsize,
    };
    // A zero-length axis makes the array empty whatever the other lengths are, but the other
    // lengths must still describe addressable strides.
    let mut size: usize = 1;
    let mut nonzero_size: usize = 1;
    for &d in shape {
        size = size.checked_mul(d).unwrap_or(0);
        if d != 0 {
            nonzero_size = nonzero_size.checked_mul(d).ok_or_else(overflow)?;
        }
    }
    let bytes = nonzero_size
        .checked_mul(itemsize.max(1))
        .ok_or_else(overflow)?;
    if bytes > isize::MAX as usize {
        return Err(overflow());
    }
    Ok(size)
}

/// Row-major strides (in elements) for `shape`.
pub fn c_strides(shape: &[usize]) -> Strides {
    let mut strides = Strides::from_elem(0, shape.len());
    let mut acc: isize = 1;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc *= shape[i].max(1) as isize;
    }
    strides
}

/// Column-major strides (in elements) for `shape`.
pub fn f_strides(shape: &[usize]) -> Strides {
    let mut strides = Strides::from_elem(0, shape.len());
    let mut acc: isize = 1;
    for i in 0..shape.len() {
        strides[i] = acc;
        acc *= shape[i].max(1) as isize;
    }
    strides
}

impl Layout {
    /// A contiguous layout of `shape` in `order`.
    pub fn contiguous(shape: &[usize], order: Order) -> Layout {
        let strides = match order {
            Order::C => c_strides(shape),
            Order::F => f_strides(shape),
        };
        Layout {
            shape: Dims::from(shape),
            strides,
        }
    }

    /// Number of axes.
    #[inline]
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    #[inline]
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// NumPy's C-contiguity: the elements are adjacent in memory in row-major order (axes of
    /// length 1 may have any stride; an empty array is contiguous).
    pub fn is_c_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected: isize = 1;
        for i in (0..self.ndim()).rev() {
            if self.shape[i] != 1 {
                if self.strides[i] != expected {
                    return false;
                }
                expected *= self.shape[i] as isize;
            }
        }
        true
    }

    /// NumPy's F-contiguity, the column-major counterpart of [`Layout::is_c_contiguous`].
    pub fn is_f_contiguous(&self) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected: isize = 1;
        for i in 0..self.ndim() {
            if self.shape[i] != 1 {
                if self.strides[i] != expected {
                    return false;
                }
                expected *= self.shape[i] as isize;
            }
        }
        true
    }

    /// The lowest and highest element offsets reached from element `[0, ..., 0]`, or `None`
    /// for an empty array.
    pub fn offset_span(&self) -> Option<(isize, isize)> {
        if self.size() == 0 {
            return None;
        }
        // Strides come from users (as_strided): saturate instead of overflowing, so that an
        // absurd layout reports a span no buffer can satisfy.
        let (mut lo, mut hi) = (0isize, 0isize);
        for (&d, &s) in self.shape.iter().zip(self.strides.iter()) {
            let reach = (d as isize - 1).saturating_mul(s);
            if reach < 0 {
                lo = lo.saturating_add(reach);
            } else {
                hi = hi.saturating_add(reach);
            }
        }
        Some((lo, hi))
    }

    /// Whether every element sits at its own address and the elements fill the span between
    /// the lowest and the highest one: true for any permutation or flip of a contiguous array.
    pub fn is_dense(&self) -> bool {
        let size = self.size();
        if size <= 1 {
            return true;
        }
        let mut axes: Vec<(usize, usize)> = self
            .shape
            .iter()
            .zip(self.strides.iter())
            .filter(|(d, _)| **d != 1)
            .map(|(&d, &s)| (d, s.unsigned_abs()))
            .collect();
        axes.sort_by_key(|&(_, s)| s);
        let mut expected = 1usize;
        for (d, s) in axes {
            if s != expected {
                return false;
            }
            expected *= d;
        }
        true
    }

    /// Whether no axis of more than one element runs backwards in memory.
    pub fn is_forward(&self) -> bool {
        self.shape
            .iter()
            .zip(self.strides.iter())
            .all(|(&d, &s)| d <= 1 || s >= 0)
    }

    /// Element offset of a multi-index (no bounds check beyond `debug_assert`).
    #[inline]
    pub fn offset_of(&self, index: &[usize]) -> isize {
        debug_assert_eq!(index.len(), self.ndim());
        index
            .iter()
            .zip(self.strides.iter())
            .map(|(&i, &s)| i as isize * s)
            .sum()
    }

    /// Offset of a multi-index after checking it (negative indices count from the end).
    pub fn checked_offset(&self, index: &[isize]) -> Result<isize> {
        if index.len() > self.ndim() {
            return Err(Error::TooManyIndices {
                ndim: self.ndim(),
                given: index.len(),
            });
        }
        if index.len() < self.ndim() {
            return Err(Error::invalid_argument(
                "index",
                format!("{index:?}"),
                format!(
                    "element access needs one index per axis of the {}-d array (use slice for sub-arrays)",
                    self.ndim()
                ),
            ));
        }
        let mut offset = 0;
        for (axis, &i) in index.iter().enumerate() {
            let len = self.shape[axis];
            let j = normalize_index(i, len, axis)?;
            offset += j as isize * self.strides[axis];
        }
        Ok(offset)
    }

    /// The layout with its axes in the order `axes` (`None`: reversed, NumPy's `.T`).
    pub fn permuted(&self, axes: Option<&[isize]>) -> Result<Layout> {
        let ndim = self.ndim();
        let perm: Vec<usize> = match axes {
            None => (0..ndim).rev().collect(),
            Some(axes) => {
                let bad = || Error::BadPermutation {
                    axes: axes.to_vec(),
                    ndim,
                };
                if axes.len() != ndim {
                    return Err(bad());
                }
                let mut seen = vec![false; ndim];
                let mut perm = Vec::with_capacity(ndim);
                for &a in axes {
                    let a = normalize_axis(a, ndim)?;
                    if seen[a] {
                        return Err(bad());
                    }
                    seen[a] = true;
                    perm.push(a);
                }
                perm
            }
        };
        Ok(Layout {
            shape: perm.iter().map(|&a| self.shape[a]).collect(),
            strides: perm.iter().map(|&a| self.strides[a]).collect(),
        })
    }

    /// The layout with axes `a` and `b` exchanged.
    pub fn swapped(&self, a: isize, b: isize) -> Result<Layout> {
        let a = normalize_axis(a, self.ndim())?;
        let b = normalize_axis(b, self.ndim())?;
        let mut out = self.clone();
        out.shape.swap(a, b);
        out.strides.swap(a, b);
        Ok(out)
    }

    /// The layout with axis `source` moved to position `destination` (NumPy's `moveaxis`).
    pub fn moved(&self, source: isize, destination: isize) -> Result<Layout> {
        let src = normalize_axis(source, self.ndim())?;
        let dst = normalize_axis(destination, self.ndim())?;
        let mut out = self.clone();
        let d = out.shape.remove(src);
        let s = out.strides.remove(src);
        out.shape.insert(dst, d);
        out.strides.insert(dst, s);
        Ok(out)
    }

    /// The layout with the order of `axes` reversed (all axes when `None`), and the offset of
    /// the new first element.
    pub fn flipped(&self, axes: Option<&[isize]>) -> Result<(Layout, isize)> {
        let ndim = self.ndim();
        let axes: Vec<usize> = match axes {
            None => (0..ndim).collect(),
            Some(axes) => normalize_axes(axes, ndim, "flip")?,
        };
        let mut out = self.clone();
        let mut offset = 0;
        for a in axes {
            if out.shape[a] > 0 {
                offset += (out.shape[a] as isize - 1) * out.strides[a];
            }
            out.strides[a] = -out.strides[a];
        }
        Ok((out, if self.size() == 0 { 0 } else { offset })) // empty: nothing to locate
    }

    /// The layout without axes of length one (only `axes`, which must have length one, when
    /// given).
    pub fn squeezed(&self, axes: Option<&[isize]>) -> Result<Layout> {
        let ndim = self.ndim();
        let mut keep = vec![true; ndim];
        match axes {
            None => {
                for (k, &d) in keep.iter_mut().zip(self.shape.iter()) {
                    *k = d != 1;
                }
            }
            Some(axes) => {
                for a in normalize_axes(axes, ndim, "squeeze")? {
                    if self.shape[a] != 1 {
                        return Err(Error::invalid_argument(
                            "axis",
                            a,
                            format!(
                                "cannot select an axis to squeeze out which has size {} (not 1) \
                                 in shape {:?}",
                                self.shape[a],
                                &self.shape[..]
                            ),
                        ));
                    }
                    keep[a] = false;
                }
            }
        }
        Ok(Layout {
            shape: (0..ndim)
                .filter(|&i| keep[i])
                .map(|i| self.shape[i])
                .collect(),
            strides: (0..ndim)
                .filter(|&i| keep[i])
                .map(|i| self.strides[i])
                .collect(),
        })
    }

    /// The layout with new axes of length one inserted at `axes` (positions in the result).
    pub fn expanded(&self, axes: &[isize]) -> Result<Layout> {
        let out_ndim = self.ndim() + axes.len();
        let mut is_new = vec![false; out_ndim];
        for &a in axes {
            let a = normalize_axis(a, out_ndim)?;
            if is_new[a] {
                return Err(Error::RepeatedAxis {
                    axis: a,
                    context: "expand_dims",
                });
            }
            is_new[a] = true;
        }
        let mut shape = Dims::new();
        let mut strides = Strides::new();
        let mut src = 0;
        for new in is_new {
            if new {
                shape.push(1);
                strides.push(0);
            } else {
                shape.push(self.shape[src]);
                strides.push(self.strides[src]);
                src += 1;
            }
        }
        Ok(Layout { shape, strides })
    }

    /// The layout broadcast to `shape` (NumPy's `broadcast_to`): new leading axes and stretched
    /// length-one axes get stride zero.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        let err = || Error::BroadcastTo {
            from: self.shape.to_vec(),
            to: shape.to_vec(),
        };
        if shape.len() < self.ndim() {
            return Err(err());
        }
        let lead = shape.len() - self.ndim();
        let mut strides = Strides::from_elem(0, shape.len());
        for i in 0..self.ndim() {
            let (have, want) = (self.shape[i], shape[lead + i]);
            strides[lead + i] = if have == want {
                self.strides[i]
            } else if have == 1 {
                0
            } else {
                return Err(err());
            };
        }
        Ok(Layout {
            shape: Dims::from(shape),
            strides,
        })
    }

    /// Strides for viewing this layout's elements with `new_shape` without a copy, reading
    /// them in `order`, or `None` when a copy is required (NumPy's
    /// `_attempt_nocopy_reshape`). The sizes must already agree.
    pub fn reshaped(&self, new_shape: &[usize], order: Order) -> Option<Layout> {
        debug_assert_eq!(self.size(), new_shape.iter().product::<usize>());
        if self.size() == 0 || self.size() == 1 {
            return Some(Layout::contiguous(new_shape, order));
        }
        // Axes of length one carry no information about the memory layout.
        let (old_dims, old_strides): (Vec<usize>, Vec<isize>) = self
            .shape
            .iter()
            .zip(self.strides.iter())
            .filter(|(d, _)| **d != 1)
            .map(|(&d, &s)| (d, s))
            .unzip();
        let (old_nd, new_nd) = (old_dims.len(), new_shape.len());
        let mut new_strides = vec![0isize; new_nd];
        let (mut oi, mut oj, mut ni, mut nj) = (0, 1, 0, 1);
        while ni < new_nd && oi < old_nd {
            let mut np = new_shape[ni];
            let mut op = old_dims[oi];
            while np != op {
                if np < op {
                    np *= new_shape[nj];
                    nj += 1;
                } else {
                    op *= old_dims[oj];
                    oj += 1;
                }
            }
            // The old axes oi..oj must be mergeable into one run.
            for ok in oi..oj - 1 {
                let mergeable = match order {
                    Order::C => old_strides[ok] == old_dims[ok + 1] as isize * old_strides[ok + 1],
                    Order::F => old_strides[ok + 1] == old_dims[ok] as isize * old_strides[ok],
                };
                if !mergeable {
                    return None;
                }
            }
            match order {
                Order::C => {
                    new_strides[nj - 1] = old_strides[oj - 1];
                    for nk in (ni + 1..nj).rev() {
                        new_strides[nk - 1] = new_strides[nk] * new_shape[nk] as isize;
                    }
                }
                Order::F => {
                    new_strides[ni] = old_strides[oi];
                    for nk in ni + 1..nj {
                        new_strides[nk] = new_strides[nk - 1] * new_shape[nk - 1] as isize;
                    }
                }
            }
            ni = nj;
            nj += 1;
            oi = oj;
            oj += 1;
        }
        // Trailing axes of length one in the new shape.
        let mut last = if ni >= 1 { new_strides[ni - 1] } else { 1 };
        if order == Order::F && ni >= 1 {
            last *= new_shape[ni - 1] as isize;
        }
        for s in new_strides.iter_mut().skip(ni) {
            *s = last;
        }
        Some(Layout {
            shape: Dims::from(new_shape),
            strides: Strides::from(new_strides),
        })
    }
}

/// Turns a possibly negative index into `0..len`, or names the index, axis and length.
#[inline]
pub fn normalize_index(index: isize, len: usize, axis: usize) -> Result<usize> {
    let n = len as isize;
    if index < -n || index >= n {
        return Err(Error::IndexOutOfBounds { index, axis, len });
    }
    Ok(if index < 0 { index + n } else { index } as usize)
}

/// Resolves a reshape request that may contain one `-1` into a shape for `size` elements.
pub fn resolve_reshape(size: usize, requested: &[isize]) -> Result<Dims> {
    let err = || Error::ReshapeSize {
        size,
        shape: requested.to_vec(),
    };
    let mut inferred = None;
    let mut known: usize = 1;
    for (i, &d) in requested.iter().enumerate() {
        if d == -1 {
            if inferred.replace(i).is_some() {
                return Err(Error::invalid_argument(
                    "shape",
                    format!("{requested:?}"),
                    "can only specify one unknown dimension",
                ));
            }
        } else if d < 0 {
            return Err(Error::invalid_argument(
                "shape",
                format!("{requested:?}"),
                "negative dimensions not allowed",
            ));
        } else {
            known = known.checked_mul(d as usize).ok_or_else(err)?;
        }
    }
    let mut shape: Dims = requested.iter().map(|&d| d.max(0) as usize).collect();
    match inferred {
        Some(i) => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(err());
            }
            shape[i] = size / known;
        }
        None if known != size => return Err(err()),
        None => {}
    }
    Ok(shape)
}

/// The broadcast shape of several shapes (NumPy's `broadcast_shapes`).
///
/// ```
/// use oxarray_core::broadcast_shapes;
/// assert_eq!(broadcast_shapes(&[&[8, 1, 6, 1], &[7, 1, 5]]).unwrap(), vec![8, 7, 6, 5]);
/// assert!(broadcast_shapes(&[&[3], &[4]]).is_err());
/// ```
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; ndim];
    for shape in shapes {
        let lead = ndim - shape.len();
        for (i, &d) in shape.iter().enumerate() {
            let o = &mut out[lead + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(Error::BroadcastMismatch {
                    shapes: shapes.iter().map(|s| s.to_vec()).collect(),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(shape: &[usize], strides: &[isize]) -> Layout {
        Layout {
            shape: shape.into(),
            strides: strides.into(),
        }
    }

    #[test]
    fn contiguity_ignores_unit_axes() {
        assert!(layout(&[3, 1, 4], &[4, 99, 1]).is_c_contiguous());
        assert!(!layout(&[3, 4], &[1, 3]).is_c_contiguous());
        assert!(layout(&[3, 4], &[1, 3]).is_f_contiguous());
        assert!(layout(&[0, 4], &[7, 7]).is_c_contiguous());
    }

    #[test]
    fn reshape_of_transposed_needs_copy() {
        let t = layout(&[4, 3], &[1, 4]);
        assert!(t.reshaped(&[12], Order::C).is_none());
        assert_eq!(
            t.reshaped(&[12], Order::F).unwrap().strides.to_vec(),
            vec![1]
        );
        let c = layout(&[2, 3, 4], &[12, 4, 1]);
        let r = c.reshaped(&[6, 2, 2], Order::C).unwrap();
        assert_eq!(r.strides.to_vec(), vec![4, 2, 1]);
        let stepped = layout(&[2, 3, 4], &[24, 8, 2]);
        assert_eq!(
            stepped
                .reshaped(&[6, 4], Order::C)
                .unwrap()
                .strides
                .to_vec(),
            vec![8, 2]
        );
        assert_eq!(
            stepped
                .reshaped(&[2, 12], Order::C)
                .unwrap()
                .strides
                .to_vec(),
            vec![24, 2]
        );
        let gapped = layout(&[2, 3, 4], &[24, 10, 2]);
        assert!(gapped.reshaped(&[2, 12], Order::C).is_none());
        assert!(gapped.reshaped(&[24], Order::C).is_none());
    }

    #[test]
    fn resolve_reshape_infers_one_axis() {
        assert_eq!(resolve_reshape(12, &[-1, 4]).unwrap().to_vec(), vec![3, 4]);
        assert!(resolve_reshape(12, &[-1, 5]).is_err());
        assert!(resolve_reshape(12, &[-1, -1]).is_err());
        assert!(resolve_reshape(0, &[-1, 0]).is_err());
        assert_eq!(resolve_reshape(0, &[3, 0]).unwrap().to_vec(), vec![3, 0]);
    }

    #[test]
    fn size_overflow_is_an_error() {
        assert!(checked_size(&[usize::MAX, 2], 1).is_err());
        assert!(checked_size(&[1 << 62], 8).is_err());
        assert_eq!(checked_size(&[1 << 62, 0], 8).ok(), None);
        assert_eq!(checked_size(&[3, 0, 5], 8).unwrap(), 0);
    }
}
