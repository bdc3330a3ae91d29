//! `unique`, NumPy 2's semantics (sorted values, first indices, inverse, counts, `axis`,
//! `equal_nan`).

use std::cmp::Ordering;

use oxarray_core::{Array, AsArrayView, Order, normalize_axis};

use crate::rows::{argsort_rows, sort_row_into};
use crate::{Result, SortElement, SortKind};

/// The keywords of [`unique`]: NumPy's defaults are all `false` but `equal_nan`.
///
/// ```
/// let o = oxarray_sort::UniqueOptions { return_counts: true, ..Default::default() };
/// assert!(o.equal_nan && !o.return_index);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueOptions {
    /// Also return the index of each value's first occurrence.
    pub return_index: bool,
    /// Also return the indices that rebuild the input from the unique values.
    pub return_inverse: bool,
    /// Also return how often each value occurs.
    pub return_counts: bool,
    /// The axis whose slices are the elements (`None`: the flattened array).
    pub axis: Option<isize>,
    /// Whether all NaNs count as one value (only without `axis`, as in NumPy).
    pub equal_nan: bool,
}

impl Default for UniqueOptions {
    fn default() -> Self {
        Self {
            return_index: false,
            return_inverse: false,
            return_counts: false,
            axis: None,
            equal_nan: true,
        }
    }
}

/// What [`unique`] returns: the values and the arrays asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Unique<T: SortElement> {
    /// The sorted unique values (slices, with `axis`).
    pub values: Array<T>,
    /// `return_index`: first occurrence of each value.
    pub index: Option<Array<i64>>,
    /// `return_inverse`: `values[inverse]` rebuilds the input (with the input's shape when
    /// `axis` is `None`, as NumPy 2).
    pub inverse: Option<Array<i64>>,
    /// `return_counts`: occurrences of each value.
    pub counts: Option<Array<i64>>,
}

/// `np.unique(a, return_index, return_inverse, return_counts, axis, equal_nan)`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_sort::{unique, UniqueOptions};
/// let a = array![3, 1, 3, 2, 1, 3];
/// let u = unique(&a, UniqueOptions { return_counts: true, return_inverse: true, ..Default::default() })?;
/// assert_eq!(u.values.to_vec(), vec![1, 2, 3]);
/// assert_eq!(u.counts.unwrap().to_vec(), vec![2, 1, 3]);
/// assert_eq!(u.inverse.unwrap().to_vec(), vec![2, 0, 2, 1, 0, 2]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn unique<T: SortElement>(
    a: &impl AsArrayView<T>,
    options: UniqueOptions,
) -> Result<Unique<T>> {
    let v = a.as_view();
    if let Some(axis) = options.axis {
        return unique_axis(&v, axis, options);
    }
    let flat: Vec<T> = match v.to_slice() {
        Some(s) => s.to_vec(),
        None => v.to_vec(),
    };
    let n = flat.len();
    let need_perm = options.return_index || options.return_inverse;
    let (aux, perm) = if need_perm {
        let mut perm = vec![0i64; n];
        argsort_rows(&flat, &mut perm, n, SortKind::Stable);
        (
            perm.iter().map(|&i| flat[i as usize]).collect::<Vec<T>>(),
            Some(perm),
        )
    } else {
        let mut out = vec![T::zero(); n];
        sort_row_into(&flat, &mut out, SortKind::Stable);
        (out, None)
    };
    // Start of each run of equal values.
    let mut starts: Vec<usize> = Vec::new();
    let first_nan = if options.equal_nan {
        aux.partition_point(|x| !x.is_nan())
    } else {
        n
    };
    for i in 0..n {
        let new_run = if i == 0 || i == first_nan {
            true
        } else if i > first_nan {
            false
        } else {
            // NumPy's `aux[1:] != aux[:-1]`: NaN != NaN.
            aux[i] != aux[i - 1]
        };
        if new_run {
            starts.push(i);
        }
    }
    let values: Vec<T> = starts.iter().map(|&s| aux[s]).collect();
    let k = values.len();
    let index = match (&perm, options.return_index) {
        (Some(p), true) => Some(Array::from_vec(
            starts.iter().map(|&s| p[s]).collect(),
            [k],
        )?),
        _ => None,
    };
    let inverse = match (&perm, options.return_inverse) {
        (Some(p), true) => {
            let mut inv = vec![0i64; n];
            let mut run = 0usize;
            for i in 0..n {
                if run + 1 < k && starts[run + 1] == i {
                    run += 1;
                }
                inv[p[i] as usize] = run as i64;
            }
            Some(Array::from_vec(inv, v.shape())?)
        }
        _ => None,
    };
    let counts = if options.return_counts {
        let c: Vec<i64> = (0..k)
            .map(|r| (starts.get(r + 1).copied().unwrap_or(n) - starts[r]) as i64)
            .collect();
        Some(Array::from_vec(c, [k])?)
    } else {
        None
    };
    Ok(Unique {
        values: Array::from_vec(values, [k])?,
        index,
        inverse,
        counts,
    })
}

/// `unique` with `axis`: the slices along `axis` are the elements, compared
/// lexicographically (NaNs never equal, as NumPy's structured comparison).
fn unique_axis<T: SortElement>(
    v: &oxarray_core::ArrayView<'_, T>,
    axis: isize,
    options: UniqueOptions,
) -> Result<Unique<T>> {
    let ax = normalize_axis(axis, v.ndim())?;
    let moved = v.clone().into_moveaxis(ax as isize, 0)?;
    let rows = moved.shape()[0];
    let data = moved.to_vec();
    let width = data.len().checked_div(rows).unwrap_or(0);
    let row = |i: usize| &data[i * width..(i + 1) * width];
    let mut perm: Vec<usize> = (0..rows).collect();
    perm.sort_by(|&i, &j| {
        row(i)
            .iter()
            .zip(row(j))
            .map(|(&x, &y)| T::np_cmp(x, y))
            .find(|&o| o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let mut starts = Vec::new();
    for i in 0..rows {
        if i == 0 || row(perm[i]) != row(perm[i - 1]) {
            starts.push(i);
        }
    }
    let k = starts.len();
    let mut values = Vec::with_capacity(k * width);
    for &s in &starts {
        values.extend_from_slice(row(perm[s]));
    }
    let mut shape = moved.shape().to_vec();
    shape[0] = k;
    let arr = Array::from_vec(values, shape)?;
    let arr = Array::from_view_in_order(&arr.view().into_moveaxis(0, ax as isize)?, Order::C);
    let index = options
        .return_index
        .then(|| Array::from_vec(starts.iter().map(|&s| perm[s] as i64).collect(), [k]))
        .transpose()?;
    let inverse = if options.return_inverse {
        let mut inv = vec![0i64; rows];
        let mut run = 0;
        for i in 0..rows {
            if run + 1 < k && starts[run + 1] == i {
                run += 1;
            }
            inv[perm[i]] = run as i64;
        }
        Some(Array::from_vec(inv, [rows])?)
    } else {
        None
    };
    let counts = options
        .return_counts
        .then(|| {
            let c = (0..k)
                .map(|r| (starts.get(r + 1).copied().unwrap_or(rows) - starts[r]) as i64)
                .collect();
            Array::from_vec(c, [k])
        })
        .transpose()?;
    Ok(Unique {
        values: arr,
        index,
        inverse,
        counts,
    })
}
