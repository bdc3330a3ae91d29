//! `searchsorted` and `lexsort`.

use std::cmp::Ordering;

use oxarray_core::{Array, ArrayView, AsArrayView};

use crate::lanes::Lanes;
use crate::{Error, Result, SortElement};

/// NumPy's `side=` of `searchsorted`.
///
/// ```
/// assert_eq!("right".parse::<oxarray_sort::Side>(), Ok(oxarray_sort::Side::Right));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    /// `'left'`: the first suitable index (`a[i-1] < v <= a[i]`).
    #[default]
    Left,
    /// `'right'`: the last suitable index (`a[i-1] <= v < a[i]`).
    Right,
}

impl std::str::FromStr for Side {
    type Err = Error;

    /// `"left"` or `"right"` (NumPy matches the first letter, case-insensitively).
    fn from_str(s: &str) -> Result<Self> {
        match s.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('l') => Ok(Side::Left),
            Some('r') => Ok(Side::Right),
            _ => Err(Error::invalid(
                "searchsorted",
                "side",
                s,
                "expected 'left' or 'right'",
            )),
        }
    }
}

/// `np.searchsorted(a, v, side, sorter)`: for each value of `v`, the index at which inserting
/// it keeps the 1-D `a` sorted (NumPy's order: NaNs last). `sorter` (indices that sort `a`,
/// as from `argsort`) lets `a` be unsorted. The result has `v`'s shape.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::{searchsorted, Side};
/// let a = array![1.0, 2.0, 2.0, 3.0, f64::NAN];
/// let v = array![2.0, 0.0, f64::NAN];
/// assert_eq!(searchsorted(&a, &v, Side::Left, None)?.to_vec(), vec![1, 0, 4]);
/// assert_eq!(searchsorted(&a, &v, Side::Right, None)?.to_vec(), vec![3, 0, 5]);
/// let u = array![3.0, 1.0, 2.0];
/// let sorter = array![1i64, 2, 0];
/// assert_eq!(searchsorted(&u, 2.5, Side::Left, Some(&sorter.view()))?.to_vec(), vec![2]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn searchsorted<T: SortElement>(
    a: &impl AsArrayView<T>,
    v: impl AsArrayView<T>,
    side: Side,
    sorter: Option<&ArrayView<'_, i64>>,
) -> Result<Array<i64>> {
    let a = a.as_view();
    if a.ndim() != 1 {
        return Err(Error::WrongNdim {
            op: "searchsorted",
            argument: "a",
            expected: "1-D",
            shape: a.shape().to_vec(),
        });
    }
    let values = a.to_vec();
    let sorted = match sorter {
        None => values,
        Some(s) => {
            if s.ndim() != 1 || s.len() != values.len() {
                return Err(Error::ShapeMismatch {
                    op: "searchsorted",
                    argument: "sorter",
                    expected: a.shape().to_vec(),
                    got: s.shape().to_vec(),
                });
            }
            s.iter()
                .map(|&i| {
                    usize::try_from(i)
                        .ok()
                        .and_then(|u| values.get(u).copied())
                        .ok_or(Error::IndexOutOfBounds {
                            op: "searchsorted",
                            argument: "sorter",
                            index: i,
                            len: values.len(),
                        })
                })
                .collect::<Result<Vec<T>>>()?
        }
    };
    let v = v.as_view();
    let out: Vec<i64> = v
        .iter()
        .map(|&x| {
            let i = match side {
                Side::Left => sorted.partition_point(|&y| T::np_lt(y, x)),
                Side::Right => sorted.partition_point(|&y| !T::np_lt(x, y)),
            };
            i as i64
        })
        .collect();
    Ok(Array::from_vec(out, v.shape())?)
}

/// `np.lexsort(keys, axis)`: the indices that sort by the last key first, then by the one
/// before it, and so on (a stable sort: full ties keep their order). All keys must have one
/// shape; `axis` is NumPy's `-1` by default (`None` flattens).
///
/// ```
/// use oxarray_core::array;
/// let surname = array![3, 1, 2, 1];
/// let first = array![0, 9, 5, 4];
/// // Sort by surname, then by first name.
/// let i = oxarray_sort::lexsort(&[first.view(), surname.view()], Some(-1))?;
/// assert_eq!(i.to_vec(), vec![3, 1, 2, 0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn lexsort<T: SortElement>(
    keys: &[ArrayView<'_, T>],
    axis: Option<isize>,
) -> Result<Array<i64>> {
    let Some(first) = keys.first() else {
        return Err(Error::invalid(
            "lexsort",
            "keys",
            "[]",
            "need sequence of keys with len > 0 in lexsort",
        ));
    };
    for k in keys {
        if k.shape() != first.shape() {
            return Err(Error::ShapeMismatch {
                op: "lexsort",
                argument: "keys",
                expected: first.shape().to_vec(),
                got: k.shape().to_vec(),
            });
        }
    }
    let lanes: Vec<Lanes<T>> = keys
        .iter()
        .map(|k| Lanes::new(k, axis))
        .collect::<Result<_>>()?;
    let n = lanes[0].n;
    let total = lanes[0].data.len();
    let mut out = vec![0i64; total];
    if n > 0 {
        for (r, o) in out.chunks_mut(n).enumerate() {
            let base = r * n;
            let mut idx: Vec<usize> = (0..n).collect();
            idx.sort_by(|&i, &j| {
                lanes
                    .iter()
                    .rev()
                    .map(|l| T::np_cmp(l.data[base + i], l.data[base + j]))
                    .find(|&o| o != Ordering::Equal)
                    .unwrap_or(Ordering::Equal)
            });
            for (x, i) in o.iter_mut().zip(idx) {
                *x = i as i64;
            }
        }
    }
    lanes[0].restore(out, n)
}
