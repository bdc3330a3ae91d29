//! `partition` and `argpartition`: NumPy's introselect semantics (the `kth` elements in their
//! sorted places, smaller ones before, larger ones after, each side in no particular order).

use oxarray_core::{Array, AsArrayView};
use rayon::prelude::*;

use crate::lanes::Lanes;
use crate::{Error, Result, SortElement};

/// Rows of partition work per rayon task, in elements.
const TASK_ELEMENTS: usize = 1 << 15;

/// The `kth` values normalised against a row length `n`, sorted, duplicates removed.
pub(crate) fn normalize_kth(kth: &[isize], n: usize) -> Result<Vec<usize>> {
    let mut ks = kth
        .iter()
        .map(|&k| {
            let kk = if k < 0 { k + n as isize } else { k };
            if kk < 0 || kk >= n as isize {
                Err(Error::KthOutOfBounds { kth: k, len: n })
            } else {
                Ok(kk as usize)
            }
        })
        .collect::<Result<Vec<_>>>()?;
    ks.sort_unstable();
    ks.dedup();
    Ok(ks)
}

/// Partitions `row` so that each index of `ks` (sorted) holds its sorted value.
pub(crate) fn select_row<X: Copy>(
    row: &mut [X],
    ks: &[usize],
    cmp: impl Fn(&X, &X) -> std::cmp::Ordering + Copy,
) {
    let mut start = 0;
    for &k in ks {
        if k >= start {
            row[start..].select_nth_unstable_by(k - start, cmp);
            start = k + 1;
        }
    }
}

/// `np.partition(a, kth, axis)`: a copy of `a` partitioned along `axis` (`None`: flattened;
/// NumPy's default is `Some(-1)`) so that each `kth` position holds the value it would hold
/// sorted, with no larger value before it and no smaller one after it.
///
/// ```
/// use oxarray_core::array;
/// let a = array![7, 1, 5, 3, 9, 2];
/// let p = oxarray_sort::partition(&a, &[2], Some(-1))?;
/// let v = p.to_vec();
/// assert_eq!(v[2], 3);
/// assert!(v[..2].iter().all(|&x| x <= 3) && v[3..].iter().all(|&x| x >= 3));
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn partition<T: SortElement>(
    a: &impl AsArrayView<T>,
    kth: &[isize],
    axis: Option<isize>,
) -> Result<Array<T>> {
    let mut lanes = Lanes::new(&a.as_view(), axis)?;
    let n = lanes.n;
    let ks = normalize_kth(kth, n)?;
    if n > 0 && !lanes.data.is_empty() {
        let per_task = (TASK_ELEMENTS / n).max(1) * n;
        lanes.data.par_chunks_mut(per_task).for_each(|block| {
            for row in block.chunks_mut(n) {
                select_row(row, &ks, |&x, &y| T::np_cmp(x, y));
            }
        });
    }
    let data = std::mem::take(&mut lanes.data);
    lanes.restore(data, n)
}

/// `np.argpartition(a, kth, axis)`: the indices that would partition `a` (see [`partition`]).
///
/// ```
/// use oxarray_core::array;
/// let a = array![7.0, 1.0, f64::NAN, 3.0];
/// let i = oxarray_sort::argpartition(&a, &[-1], Some(-1))?;
/// assert_eq!(i.to_vec()[3], 2); // the NaN is the largest
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn argpartition<T: SortElement>(
    a: &impl AsArrayView<T>,
    kth: &[isize],
    axis: Option<isize>,
) -> Result<Array<i64>> {
    let lanes = Lanes::new(&a.as_view(), axis)?;
    let n = lanes.n;
    let ks = normalize_kth(kth, n)?;
    let mut out: Vec<i64> = vec![0; lanes.data.len()];
    if n > 0 && !lanes.data.is_empty() {
        let per_task = (TASK_ELEMENTS / n).max(1) * n;
        lanes
            .data
            .par_chunks(per_task)
            .zip(out.par_chunks_mut(per_task))
            .for_each(|(block, out)| {
                for (row, o) in block.chunks(n).zip(out.chunks_mut(n)) {
                    for (j, x) in o.iter_mut().enumerate() {
                        *x = j as i64;
                    }
                    select_row(o, &ks, |&i, &j| T::np_cmp(row[i as usize], row[j as usize]));
                }
            });
    }
    lanes.restore(out, n)
}
