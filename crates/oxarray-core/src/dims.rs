//! Small vectors for shapes and strides: inline up to [`INLINE_RANK`] dimensions, so that the
//! common ranks never touch the heap.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// Ranks up to this are stored inline.
pub const INLINE_RANK: usize = 6;

/// A vector of `Copy` values stored inline up to [`INLINE_RANK`] entries.
#[derive(Clone)]
pub enum InlineVec<T: Copy + Default> {
    /// Up to `INLINE_RANK` values, the first `len` of which are live.
    Inline {
        /// Number of live entries.
        len: u8,
        /// Storage.
        buf: [T; INLINE_RANK],
    },
    /// More than `INLINE_RANK` values.
    Heap(Vec<T>),
}

/// A shape: one length per axis.
pub type Dims = InlineVec<usize>;
/// Strides in elements (signed): one per axis.
pub type Strides = InlineVec<isize>;

impl<T: Copy + Default> InlineVec<T> {
    /// An empty vector.
    pub fn new() -> Self {
        InlineVec::Inline {
            len: 0,
            buf: [T::default(); INLINE_RANK],
        }
    }

    /// A vector of `n` copies of `value`.
    pub fn from_elem(value: T, n: usize) -> Self {
        if n <= INLINE_RANK {
            let mut buf = [T::default(); INLINE_RANK];
            buf[..n].fill(value);
            InlineVec::Inline { len: n as u8, buf }
        } else {
            InlineVec::Heap(vec![value; n])
        }
    }

    /// Appends a value.
    pub fn push(&mut self, value: T) {
        match self {
            InlineVec::Inline { len, buf } if (*len as usize) < INLINE_RANK => {
                buf[*len as usize] = value;
                *len += 1;
            }
            InlineVec::Inline { .. } => {
                let mut v = self.to_vec();
                v.push(value);
                *self = InlineVec::Heap(v);
            }
            InlineVec::Heap(v) => v.push(value),
        }
    }

    /// Inserts a value at `index`, shifting the rest right.
    pub fn insert(&mut self, index: usize, value: T) {
        let mut v = self.to_vec();
        v.insert(index, value);
        *self = Self::from(&v[..]);
    }

    /// Removes and returns the value at `index`.
    pub fn remove(&mut self, index: usize) -> T {
        let mut v = self.to_vec();
        let out = v.remove(index);
        *self = Self::from(&v[..]);
        out
    }
}

impl<T: Copy + Default> Default for InlineVec<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Copy + Default> Deref for InlineVec<T> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            InlineVec::Inline { len, buf } => &buf[..*len as usize],
            InlineVec::Heap(v) => v,
        }
    }
}

impl<T: Copy + Default> DerefMut for InlineVec<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            InlineVec::Inline { len, buf } => &mut buf[..*len as usize],
            InlineVec::Heap(v) => v,
        }
    }
}

impl<T: Copy + Default> From<&[T]> for InlineVec<T> {
    fn from(values: &[T]) -> Self {
        if values.len() <= INLINE_RANK {
            let mut buf = [T::default(); INLINE_RANK];
            buf[..values.len()].copy_from_slice(values);
            InlineVec::Inline {
                len: values.len() as u8,
                buf,
            }
        } else {
            InlineVec::Heap(values.to_vec())
        }
    }
}

impl<T: Copy + Default, const N: usize> From<[T; N]> for InlineVec<T> {
    fn from(values: [T; N]) -> Self {
        Self::from(&values[..])
    }
}

impl<T: Copy + Default> From<Vec<T>> for InlineVec<T> {
    fn from(values: Vec<T>) -> Self {
        if values.len() <= INLINE_RANK {
            Self::from(&values[..])
        } else {
            InlineVec::Heap(values)
        }
    }
}

impl<T: Copy + Default> FromIterator<T> for InlineVec<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut out = Self::new();
        for v in iter {
            out.push(v);
        }
        out
    }
}

impl<T: Copy + Default + PartialEq> PartialEq for InlineVec<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Copy + Default + Eq> Eq for InlineVec<T> {}

impl<T: Copy + Default + std::hash::Hash> std::hash::Hash for InlineVec<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T: Copy + Default + fmt::Debug> fmt::Debug for InlineVec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_past_inline_capacity_and_back() {
        let mut d: Dims = Dims::new();
        for i in 0..9 {
            d.push(i);
        }
        assert!(matches!(d, InlineVec::Heap(_)));
        assert_eq!(&d[..], &[0, 1, 2, 3, 4, 5, 6, 7, 8]);
        d.remove(0);
        d.remove(0);
        d.remove(0);
        assert!(matches!(d, InlineVec::Inline { .. }));
        d.insert(1, 42);
        assert_eq!(&d[..], &[3, 42, 4, 5, 6, 7, 8]);
    }
}
