//! `sort` and `argsort` along an axis, NumPy's `kind=` / `stable=`.

use oxarray_core::{Array, ArrayViewMut, AsArrayView, normalize_axis};

use crate::lanes::Lanes;
use crate::rows::{argsort_rows, sort_row_into, sort_rows};
use crate::{Result, SortElement};

/// NumPy's `kind=` of `sort` / `argsort` (`stable=True` is [`SortKind::Stable`]).
///
/// Every real type is sorted by a stable radix sort whatever the kind (the unstable kinds
/// allow any order of ties, so the stable one is among their results); complex numbers use a
/// stable merge sort for the stable kinds and pattern-defeating quicksort for the others.
///
/// ```
/// use oxarray_sort::SortKind;
/// assert!(SortKind::MergeSort.is_stable());
/// assert!(!SortKind::default().is_stable());
/// assert_eq!("stable".parse::<SortKind>(), Ok(SortKind::Stable));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKind {
    /// `'quicksort'`, NumPy's default (introsort; unstable).
    #[default]
    QuickSort,
    /// `'mergesort'` (stable; NumPy's is timsort or radix sort).
    MergeSort,
    /// `'heapsort'` (unstable).
    HeapSort,
    /// `'stable'` (stable).
    Stable,
}

impl SortKind {
    /// Whether ties keep their input order.
    pub fn is_stable(self) -> bool {
        matches!(self, SortKind::MergeSort | SortKind::Stable)
    }

    /// NumPy 2's `stable=` keyword: `true` is [`SortKind::Stable`], `false` the default.
    ///
    /// ```
    /// assert_eq!(oxarray_sort::SortKind::from_stable(true), oxarray_sort::SortKind::Stable);
    /// ```
    pub fn from_stable(stable: bool) -> Self {
        if stable {
            SortKind::Stable
        } else {
            SortKind::QuickSort
        }
    }
}

impl std::str::FromStr for SortKind {
    type Err = crate::Error;

    /// NumPy's spellings (`'quicksort'`, `'mergesort'`, `'heapsort'`, `'stable'`), matched as
    /// NumPy matches them: by the first letter, case-insensitively.
    fn from_str(s: &str) -> Result<Self> {
        match s.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('q') => Ok(SortKind::QuickSort),
            Some('m') => Ok(SortKind::MergeSort),
            Some('h') => Ok(SortKind::HeapSort),
            Some('s') => Ok(SortKind::Stable),
            _ => Err(crate::Error::invalid(
                "sort",
                "kind",
                s,
                "sort kind must be one of 'quick', 'heap', or 'stable'",
            )),
        }
    }
}

/// `np.sort(a, axis, kind)`: a sorted copy. `axis = None` sorts the flattened array; NumPy's
/// default is `Some(-1)`. NaNs sort last.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::{sort, SortKind};
/// let a = array![[3.0, f64::NAN, 1.0], [0.5, -2.0, 0.0]];
/// let s = sort(&a, Some(-1), SortKind::default())?;
/// assert_eq!(s.to_vec()[..2], [1.0, 3.0]);
/// assert!(s.to_vec()[2].is_nan());
/// assert_eq!(sort(&a, Some(0), SortKind::Stable)?.shape(), &[2, 3]);
/// assert_eq!(sort(&a, None, SortKind::Stable)?.shape(), &[6]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn sort<T: SortElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    kind: SortKind,
) -> Result<Array<T>> {
    let v = a.as_view();
    // A contiguous 1-D input is sorted straight into the result, without a working copy.
    if (v.ndim() == 1 || axis.is_none())
        && let Some(src) = v.to_slice()
    {
        normalize_axis(axis.unwrap_or(0), 1)?;
        let mut out = vec![T::zero(); src.len()];
        sort_row_into(src, &mut out, kind);
        return Ok(Array::from_vec(out, [src.len()])?);
    }
    let mut lanes = Lanes::new(&v, axis)?;
    let n = lanes.n;
    sort_rows(&mut lanes.data, n, kind);
    let data = std::mem::take(&mut lanes.data);
    lanes.restore(data, n)
}

/// `np.argsort(a, axis, kind)`: the indices (`int64`, NumPy's `intp`) that sort `a` along
/// `axis` (`None`: of the flattened array). Ties keep their input order for the stable kinds.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::{argsort, SortKind};
/// let a = array![3, 1, 2, 1];
/// assert_eq!(argsort(&a, Some(-1), SortKind::Stable)?.to_vec(), vec![1, 3, 2, 0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn argsort<T: SortElement>(
    a: &impl AsArrayView<T>,
    axis: Option<isize>,
    kind: SortKind,
) -> Result<Array<i64>> {
    let lanes = Lanes::new(&a.as_view(), axis)?;
    let mut out = vec![0i64; lanes.data.len()];
    argsort_rows(&lanes.data, &mut out, lanes.n, kind);
    lanes.restore(out, lanes.n)
}

/// The sorting methods of NumPy's `ndarray` (`a.sort()` in place, `a.argsort()`), for
/// `Array` and `ArrayViewMut`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::{SortExt, SortKind};
/// let mut a = array![[2.0, 1.0], [0.0, -1.0]];
/// a.sort(-1, SortKind::default())?;                  // a.sort()
/// assert_eq!(a.to_vec(), vec![1.0, 2.0, -1.0, 0.0]);
/// assert_eq!(a.argsort(Some(0), SortKind::Stable)?.to_vec(), vec![1, 1, 0, 0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub trait SortExt<T: SortElement> {
    /// `a.sort(axis, kind)`: sorts in place along `axis`.
    fn sort(&mut self, axis: isize, kind: SortKind) -> Result<()>;

    /// `a.argsort(axis, kind)`: as [`argsort`].
    fn argsort(&self, axis: Option<isize>, kind: SortKind) -> Result<Array<i64>>;
}

impl<T: SortElement> SortExt<T> for Array<T> {
    fn sort(&mut self, axis: isize, kind: SortKind) -> Result<()> {
        let sorted = sort(&*self, Some(axis), kind)?;
        Ok(self.assign(&sorted)?)
    }

    fn argsort(&self, axis: Option<isize>, kind: SortKind) -> Result<Array<i64>> {
        argsort(self, axis, kind)
    }
}

impl<T: SortElement> SortExt<T> for ArrayViewMut<'_, T> {
    fn sort(&mut self, axis: isize, kind: SortKind) -> Result<()> {
        let sorted = sort(&*self, Some(axis), kind)?;
        Ok(self.assign(&sorted)?)
    }

    fn argsort(&self, axis: Option<isize>, kind: SortKind) -> Result<Array<i64>> {
        argsort(self, axis, kind)
    }
}
