//! Advanced indexing with NumPy's semantics: integer index arrays, boolean masks, `take`,
//! `put`, `compress`, `nonzero`. Unlike basic slicing ([`s!`](crate::s)), advanced indexing
//! returns copies, as in NumPy.
//!
//! An index expression is a list of [`IndexArg`]s, most easily built by the [`idx!`](crate::idx)
//! macro, which accepts everything [`s!`](crate::s) accepts plus integer arrays (any integer
//! dtype, or Rust slices of `isize`/`usize`/`i64`/...) and boolean masks:
//!
//! | NumPy | oxarray |
//! |---|---|
//! | `m[rows[:, None], cols]` | `m.index(idx![rows.slice(s![.., NewAxis])?, &cols])?` |
//! | `a[[0, 2, -1]]` | `a.index(idx![&[0, 2, -1]])?` |
//! | `a[1:, [0, 0]]` | `a.index(idx![1.., &[0, 0]])?` |
//! | `a[mask]` | `a.index(idx![&mask])?` or `a.mask_select(&mask)?` |
//! | `a[mask] = 0` | `a.mask_fill(&mask, 0)?` |
//! | `a[i, j] = v` | `a.index_assign(idx![&i, &j], &v)?` |
//! | `np.take(a, ind, axis=1)` | `a.take(&ind, Some(1))?` |
//! | `np.put(a, ind, v)` | `a.put(&ind, &v)?` |
//! | `np.compress(c, a, axis=0)` | `a.compress(&c, Some(0))?` |
//! | `np.nonzero(a)` | `a.nonzero()` |
//!
//! The rules are NumPy's: all integer arrays (and the integer scalars next to them) broadcast
//! together; when the advanced entries are adjacent their broadcast dimensions replace them in
//! place, otherwise they come first; negative indices count from the end; a boolean mask
//! indexes as many axes as it has dimensions and is equivalent to its `nonzero()`. Errors:
//! [`Error::IndexOutOfBounds`], [`Error::MaskMismatch`], [`Error::TooManyIndices`],
//! [`Error::IndexShapeMismatch`] (index arrays that do not broadcast), [`Error::MultipleEllipsis`].
//!
//! ```
//! use oxarray_core::{idx, s, Array, NewAxis};
//!
//! let m = Array::<f64>::arange(0.0, 16.0, 1.0)?.into_shape([4, 4])?;
//! let rows = Array::from_vec(vec![0i64, 2], [2])?;
//! let cols = Array::from_vec(vec![1i64, 3], [2])?;
//! // NumPy: m[rows[:, None], cols]
//! let sub = m.index(idx![rows.slice(s![.., NewAxis])?, &cols])?;
//! assert_eq!(sub.shape(), &[2, 2]);
//! assert_eq!(sub.to_vec(), vec![1.0, 3.0, 9.0, 11.0]);
//! // NumPy: m[rows, cols] pairs the indices up
//! assert_eq!(m.index(idx![&rows, &cols])?.to_vec(), vec![1.0, 11.0]);
//! // NumPy: m[m > 12]
//! let mask = m.view().map(|x| x > 12.0);
//! assert_eq!(m.mask_select(&mask)?.to_vec(), vec![13.0, 14.0, 15.0]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! Gathers run over all cores; index arrays that form arithmetic progressions (an `arange`
//! with a step) are recognised and turned into strided copies.

mod kernel;
mod mask;
mod methods;
mod plan;

use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};

use crate::array::{Array, ArrayView};
use crate::dims::Dims;
use crate::error::{Error, Result};
use crate::slice::{Ellipsis, NewAxis, SliceArg};

/// One entry of an advanced-indexing expression: a basic entry (an integer, a slice, a new
/// axis, an ellipsis), an integer index array, or a boolean mask.
///
/// Build them with [`idx!`](crate::idx) or `IndexArg::from(..)`: integers and ranges become
/// [`Basic`](IndexArg::Basic) entries, references to integer arrays or slices become
/// [`Int`](IndexArg::Int), boolean arrays or slices become [`Mask`](IndexArg::Mask).
#[derive(Debug, Clone)]
pub enum IndexArg<'a> {
    /// A basic-slicing entry, as in [`s!`](crate::s).
    Basic(SliceArg),
    /// An integer index array: selects positions along one axis; broadcasts with the other
    /// index arrays.
    Int(IndexArray<'a>),
    /// A boolean mask over as many axes as it has dimensions (its `nonzero()`).
    Mask(ArrayView<'a, bool>),
}

/// An integer index array of any integer dtype (or a Rust slice of `isize`/`usize`), borrowed.
///
/// Made by `From` from `&Array<I>`, `ArrayView<I>`, `&ArrayView<I>` for the integer element
/// types, and from `&[I]`, `&[I; N]`, `&Vec<I>` for those and `isize`/`usize` (1-D).
#[derive(Debug, Clone)]
pub struct IndexArray<'a>(Repr<'a>);

#[derive(Debug, Clone)]
enum Repr<'a> {
    I8(ArrayView<'a, i8>),
    I16(ArrayView<'a, i16>),
    I32(ArrayView<'a, i32>),
    I64(ArrayView<'a, i64>),
    U8(ArrayView<'a, u8>),
    U16(ArrayView<'a, u16>),
    U32(ArrayView<'a, u32>),
    U64(ArrayView<'a, u64>),
    Isize(&'a [isize]),
    Usize(&'a [usize]),
}

/// Calls `$body` with `$it` bound to an iterator over the index values (as the integer type
/// they have) in C order, and `$n` to their number.
macro_rules! with_values {
    ($repr:expr, |$it:ident, $n:ident| $body:expr) => {
        match $repr {
            Repr::I8(v) => with_values!(@view v, $it, $n, $body),
            Repr::I16(v) => with_values!(@view v, $it, $n, $body),
            Repr::I32(v) => with_values!(@view v, $it, $n, $body),
            Repr::I64(v) => with_values!(@view v, $it, $n, $body),
            Repr::U8(v) => with_values!(@view v, $it, $n, $body),
            Repr::U16(v) => with_values!(@view v, $it, $n, $body),
            Repr::U32(v) => with_values!(@view v, $it, $n, $body),
            Repr::U64(v) => with_values!(@view v, $it, $n, $body),
            Repr::Isize(s) => { let $n = s.len(); let $it = s.iter().copied(); $body }
            Repr::Usize(s) => { let $n = s.len(); let $it = s.iter().copied(); $body }
        }
    };
    (@view $v:ident, $it:ident, $n:ident, $body:expr) => {{
        let $n = $v.len();
        match $v.to_slice() {
            Some(s) => { let $it = s.iter().copied(); $body }
            None => { let $it = $v.iter().copied(); $body }
        }
    }};
}

impl IndexArray<'_> {
    /// The shape of the index array (1-D for a slice).
    pub fn shape(&self) -> Dims {
        match &self.0 {
            Repr::I8(v) => v.shape().into(),
            Repr::I16(v) => v.shape().into(),
            Repr::I32(v) => v.shape().into(),
            Repr::I64(v) => v.shape().into(),
            Repr::U8(v) => v.shape().into(),
            Repr::U16(v) => v.shape().into(),
            Repr::U32(v) => v.shape().into(),
            Repr::U64(v) => v.shape().into(),
            Repr::Isize(s) => Dims::from([s.len()]),
            Repr::Usize(s) => Dims::from([s.len()]),
        }
    }

    /// Element offsets `i * stride` of the indices, in C order, after wrapping negative
    /// indices and checking each against `len` (the length of `axis`).
    pub(crate) fn offsets(&self, len: usize, axis: usize, stride: isize) -> Result<Vec<isize>> {
        with_values!(&self.0, |values, count| resolve_indices(
            values, count, len, axis, stride
        ))
    }

    /// The index values as `isize`, in C order, unchecked.
    pub(crate) fn values(&self) -> Vec<isize> {
        with_values!(&self.0, |values, count| {
            let mut out = Vec::with_capacity(count);
            out.extend(values.map(IndexInt::to_index));
            out
        })
    }
}

fn resolve_indices<I: IndexInt>(
    values: impl Iterator<Item = I>,
    count: usize,
    len: usize,
    axis: usize,
    stride: isize,
) -> Result<Vec<isize>> {
    let n = len as isize;
    let mut out = Vec::with_capacity(count);
    for v in values {
        let i = v.to_index();
        let j = if i < 0 { i + n } else { i };
        if !(0..n).contains(&j) {
            return Err(Error::IndexOutOfBounds {
                index: i,
                axis,
                len,
            });
        }
        out.push(j * stride);
    }
    Ok(out)
}

mod sealed {
    pub trait Sealed {}
}

/// An integer type whose values can index an axis: the eight integer element types, `isize`
/// and `usize`. Values beyond `isize` saturate (and are then out of bounds).
pub trait IndexInt: Copy + sealed::Sealed {
    /// The value as a signed index.
    fn to_index(self) -> isize;
}

macro_rules! index_int {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl IndexInt for $t {
            #[inline]
            fn to_index(self) -> isize {
                isize::try_from(self).unwrap_or(if self > 0 as $t { isize::MAX } else { isize::MIN })
            }
        }
    )*};
}
index_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// `From` conversions of integer arrays and slices into [`IndexArray`] and [`IndexArg`].
macro_rules! int_array_from {
    ($($t:ty => $variant:ident),*) => {$(
        impl<'a> From<ArrayView<'a, $t>> for IndexArray<'a> {
            fn from(v: ArrayView<'a, $t>) -> Self { IndexArray(Repr::$variant(v)) }
        }
        impl<'a, 'b: 'a> From<&'a ArrayView<'b, $t>> for IndexArray<'a> {
            fn from(v: &'a ArrayView<'b, $t>) -> Self { IndexArray(Repr::$variant(v.clone())) }
        }
        impl<'a> From<&'a Array<$t>> for IndexArray<'a> {
            fn from(a: &'a Array<$t>) -> Self { IndexArray(Repr::$variant(a.view())) }
        }
        impl<'a> From<&'a [$t]> for IndexArray<'a> {
            fn from(s: &'a [$t]) -> Self {
                let v = ArrayView::from_slice(s, [s.len()])
                    .expect("a slice always fits a 1-D shape of its length");
                IndexArray(Repr::$variant(v))
            }
        }
        int_array_from!(@common $t);
        impl<'a> From<ArrayView<'a, $t>> for IndexArg<'a> {
            fn from(v: ArrayView<'a, $t>) -> Self { IndexArg::Int(v.into()) }
        }
        impl<'a, 'b: 'a> From<&'a ArrayView<'b, $t>> for IndexArg<'a> {
            fn from(v: &'a ArrayView<'b, $t>) -> Self { IndexArg::Int(v.into()) }
        }
        impl<'a> From<&'a Array<$t>> for IndexArg<'a> {
            fn from(a: &'a Array<$t>) -> Self { IndexArg::Int(a.into()) }
        }
    )*};
    (@common $t:ty) => {
        impl<'a, const N: usize> From<&'a [$t; N]> for IndexArray<'a> {
            fn from(s: &'a [$t; N]) -> Self { IndexArray::from(&s[..]) }
        }
        impl<'a> From<&'a Vec<$t>> for IndexArray<'a> {
            fn from(s: &'a Vec<$t>) -> Self { IndexArray::from(&s[..]) }
        }
        impl<'a> From<&'a [$t]> for IndexArg<'a> {
            fn from(s: &'a [$t]) -> Self { IndexArg::Int(s.into()) }
        }
        impl<'a, const N: usize> From<&'a [$t; N]> for IndexArg<'a> {
            fn from(s: &'a [$t; N]) -> Self { IndexArg::Int(s.into()) }
        }
        impl<'a> From<&'a Vec<$t>> for IndexArg<'a> {
            fn from(s: &'a Vec<$t>) -> Self { IndexArg::Int(s.into()) }
        }
    };
}

int_array_from!(i8 => I8, i16 => I16, i32 => I32, i64 => I64, u8 => U8, u16 => U16,
    u32 => U32, u64 => U64);

impl<'a> From<&'a [isize]> for IndexArray<'a> {
    fn from(s: &'a [isize]) -> Self {
        IndexArray(Repr::Isize(s))
    }
}
impl<'a> From<&'a [usize]> for IndexArray<'a> {
    fn from(s: &'a [usize]) -> Self {
        IndexArray(Repr::Usize(s))
    }
}
int_array_from!(@common isize);
int_array_from!(@common usize);

impl<'a> From<IndexArray<'a>> for IndexArg<'a> {
    fn from(a: IndexArray<'a>) -> Self {
        IndexArg::Int(a)
    }
}

impl<'a> From<ArrayView<'a, bool>> for IndexArg<'a> {
    fn from(m: ArrayView<'a, bool>) -> Self {
        IndexArg::Mask(m)
    }
}
impl<'a, 'b: 'a> From<&'a ArrayView<'b, bool>> for IndexArg<'a> {
    fn from(m: &'a ArrayView<'b, bool>) -> Self {
        IndexArg::Mask(m.clone())
    }
}
impl<'a> From<&'a Array<bool>> for IndexArg<'a> {
    fn from(m: &'a Array<bool>) -> Self {
        IndexArg::Mask(m.view())
    }
}
impl<'a> From<&'a [bool]> for IndexArg<'a> {
    fn from(m: &'a [bool]) -> Self {
        IndexArg::Mask(
            ArrayView::from_slice(m, [m.len()])
                .expect("a slice always fits a 1-D shape of its length"),
        )
    }
}
impl<'a, const N: usize> From<&'a [bool; N]> for IndexArg<'a> {
    fn from(m: &'a [bool; N]) -> Self {
        IndexArg::from(&m[..])
    }
}
impl<'a> From<&'a Vec<bool>> for IndexArg<'a> {
    fn from(m: &'a Vec<bool>) -> Self {
        IndexArg::from(&m[..])
    }
}

impl From<SliceArg> for IndexArg<'_> {
    fn from(s: SliceArg) -> Self {
        IndexArg::Basic(s)
    }
}

macro_rules! basic_from {
    ($($t:ty),*) => {$(
        impl From<$t> for IndexArg<'_> {
            #[inline]
            fn from(v: $t) -> Self { IndexArg::Basic(SliceArg::from(v)) }
        }
    )*};
}
basic_from!(isize, i32, i64, usize, RangeFull, NewAxis, Ellipsis);
basic_from!(Range<isize>, Range<i32>, Range<i64>, Range<usize>);
basic_from!(
    RangeInclusive<isize>,
    RangeInclusive<i32>,
    RangeInclusive<i64>
);
basic_from!(
    RangeInclusive<usize>,
    RangeFrom<isize>,
    RangeFrom<i32>,
    RangeFrom<i64>
);
basic_from!(
    RangeFrom<usize>,
    RangeTo<isize>,
    RangeTo<i32>,
    RangeTo<i64>,
    RangeTo<usize>
);
basic_from!(
    RangeToInclusive<isize>,
    RangeToInclusive<i32>,
    RangeToInclusive<i64>
);
basic_from!(RangeToInclusive<usize>);

/// Builds an advanced-indexing expression, NumPy's `a[...]` with index arrays and masks, as a
/// `[IndexArg; N]` for [`Array::index`] and friends.
///
/// Every entry [`s!`](crate::s) accepts is accepted (`..`, `1..;2`, `-1`, `NewAxis`, `...`),
/// plus references to integer arrays or slices (index arrays) and to boolean arrays or slices
/// (masks), and any `IndexArg`/`IndexArray` value.
///
/// ```
/// use oxarray_core::{idx, s, Array, NewAxis};
/// let a = Array::<i32>::arange(0, 24, 1)?.into_shape([2, 3, 4])?;
/// // NumPy: a[:, [2, 0], ::2]
/// let b = a.index(idx![.., &[2, 0], ..;2])?;
/// assert_eq!(b.shape(), &[2, 2, 2]);
/// assert_eq!(b.to_vec(), vec![8, 10, 0, 2, 20, 22, 12, 14]);
/// // NumPy: a[[1, 0], :, [3, -1]]: separated advanced indices put their dimension first
/// let c = a.index(idx![&[1, 0], .., &[3, -1]])?;
/// assert_eq!(c.shape(), &[2, 3]);
/// // NumPy: a[[True, False]]
/// assert_eq!(a.index(idx![&[true, false]])?.shape(), &[1, 3, 4]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[macro_export]
macro_rules! idx {
    (@acc [$($acc:expr),*]) => { [$($acc),*] };
    (@acc [$($acc:expr),*] ... $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($acc,)* $crate::index::IndexArg::Basic($crate::SliceArg::Ellipsis)]
            $($($rest)*)?)
    };
    (@acc [$($acc:expr),*] $r:expr ; $step:expr $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($acc,)*
            $crate::index::IndexArg::Basic($crate::SliceArg::stepped($r, $step))] $($($rest)*)?)
    };
    (@acc [$($acc:expr),*] $r:expr $(, $($rest:tt)*)?) => {
        $crate::idx!(@acc [$($acc,)*
            <$crate::index::IndexArg<'_> as ::core::convert::From<_>>::from($r)] $($($rest)*)?)
    };
    ($($t:tt)*) => { $crate::idx!(@acc [] $($t)*) };
}
