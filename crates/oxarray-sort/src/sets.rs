//! NumPy's set routines on flattened arrays: `intersect1d`, `union1d`, `setdiff1d`,
//! `setxor1d`, `isin`. Equality is NumPy's `==` (NaN never equals NaN; `-0.0 == 0.0`).

use oxarray_core::{Array, AsArrayView};

use crate::rows::{argsort_rows, sort_row_into};
use crate::{Result, SortElement, SortKind, UniqueOptions, unique};

fn flat<T: SortElement>(a: &impl AsArrayView<T>) -> Vec<T> {
    let v = a.as_view();
    match v.to_slice() {
        Some(s) => s.to_vec(),
        None => v.to_vec(),
    }
}

fn sorted<T: SortElement>(v: &[T]) -> Vec<T> {
    let mut out = vec![T::zero(); v.len()];
    sort_row_into(v, &mut out, SortKind::Stable);
    out
}

fn unique_values<T: SortElement>(a: &impl AsArrayView<T>) -> Result<Vec<T>> {
    Ok(unique(a, UniqueOptions::default())?.values.to_vec())
}

/// What [`intersect1d`] returns: the common values, and with `return_indices` the index of
/// each in the flattened inputs (first occurrences, unless `assume_unique`).
#[derive(Debug, Clone, PartialEq)]
pub struct Intersection<T: SortElement> {
    /// The sorted common values.
    pub values: Array<T>,
    /// Indices into `ar1` (`return_indices`).
    pub indices1: Option<Array<i64>>,
    /// Indices into `ar2` (`return_indices`).
    pub indices2: Option<Array<i64>>,
}

/// `np.intersect1d(ar1, ar2, assume_unique, return_indices)`.
///
/// ```
/// use oxarray_core::array;
/// let r = oxarray_sort::intersect1d(&array![1, 3, 4, 3], &array![3, 1, 2, 1], false, true)?;
/// assert_eq!(r.values.to_vec(), vec![1, 3]);
/// assert_eq!(r.indices1.unwrap().to_vec(), vec![0, 1]);
/// assert_eq!(r.indices2.unwrap().to_vec(), vec![1, 0]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn intersect1d<T: SortElement>(
    ar1: &impl AsArrayView<T>,
    ar2: &impl AsArrayView<T>,
    assume_unique: bool,
    return_indices: bool,
) -> Result<Intersection<T>> {
    let (a, ia, b, ib) = if assume_unique {
        (flat(ar1), None, flat(ar2), None)
    } else {
        let o = UniqueOptions {
            return_index: return_indices,
            ..Default::default()
        };
        let (u1, u2) = (unique(ar1, o)?, unique(ar2, o)?);
        (
            u1.values.to_vec(),
            u1.index.map(|x| x.to_vec()),
            u2.values.to_vec(),
            u2.index.map(|x| x.to_vec()),
        )
    };
    let mut aux = a.clone();
    aux.extend_from_slice(&b);
    let order = if return_indices {
        let mut p = vec![0i64; aux.len()];
        argsort_rows(&aux, &mut p, aux.len(), SortKind::Stable);
        aux = p.iter().map(|&i| aux[i as usize]).collect();
        Some(p)
    } else {
        aux = sorted(&aux);
        None
    };
    let hits: Vec<usize> = (1..aux.len()).filter(|&i| aux[i] == aux[i - 1]).collect();
    let values: Vec<T> = hits.iter().map(|&i| aux[i - 1]).collect();
    let k = values.len();
    let (mut indices1, mut indices2) = (None, None);
    if let Some(p) = order {
        let i1: Vec<i64> = hits.iter().map(|&i| p[i - 1]).collect();
        let i2: Vec<i64> = hits.iter().map(|&i| p[i] - a.len() as i64).collect();
        let map = |ix: Vec<i64>, first: &Option<Vec<i64>>| match first {
            Some(f) => ix.iter().map(|&i| f[i as usize]).collect(),
            None => ix,
        };
        indices1 = Some(Array::from_vec(map(i1, &ia), [k])?);
        indices2 = Some(Array::from_vec(map(i2, &ib), [k])?);
    }
    Ok(Intersection {
        values: Array::from_vec(values, [k])?,
        indices1,
        indices2,
    })
}

/// `np.union1d(ar1, ar2)`: the sorted unique values of both.
///
/// ```
/// use oxarray_core::array;
/// let u = oxarray_sort::union1d(&array![-1, 0, 1], &array![-2, 0, 2])?;
/// assert_eq!(u.to_vec(), vec![-2, -1, 0, 1, 2]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn union1d<T: SortElement>(
    ar1: &impl AsArrayView<T>,
    ar2: &impl AsArrayView<T>,
) -> Result<Array<T>> {
    let mut all = flat(ar1);
    all.extend(flat(ar2));
    let n = all.len();
    Ok(unique(&Array::from_vec(all, [n])?, UniqueOptions::default())?.values)
}

/// `np.isin(element, test_elements, assume_unique, invert)`: whether each element of
/// `element` is in `test_elements` (NaN never is), in `element`'s shape.
///
/// ```
/// use oxarray_core::array;
/// let m = oxarray_sort::isin(&array![[0, 2], [4, 6]], &array![1, 2, 4, 8], false, false)?;
/// assert_eq!(m.to_vec(), vec![false, true, true, false]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn isin<T: SortElement>(
    element: &impl AsArrayView<T>,
    test_elements: &impl AsArrayView<T>,
    assume_unique: bool,
    invert: bool,
) -> Result<Array<bool>> {
    let _ = assume_unique; // the result does not depend on it
    let table = sorted(&flat(test_elements));
    let e = element.as_view();
    let out: Vec<bool> = e
        .iter()
        .map(|&x| {
            let i = table.partition_point(|&y| T::np_lt(y, x));
            let found = table[i..]
                .iter()
                .take_while(|&&y| !T::np_lt(x, y))
                .any(|&y| y == x);
            found != invert
        })
        .collect();
    Ok(Array::from_vec(out, e.shape())?)
}

/// `np.setdiff1d(ar1, ar2, assume_unique)`: the unique values of `ar1` not in `ar2` (sorted;
/// with `assume_unique`, in `ar1`'s order).
///
/// ```
/// use oxarray_core::array;
/// let d = oxarray_sort::setdiff1d(&array![1, 2, 3, 2, 4, 1], &array![3, 4, 5, 6], false)?;
/// assert_eq!(d.to_vec(), vec![1, 2]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn setdiff1d<T: SortElement>(
    ar1: &impl AsArrayView<T>,
    ar2: &impl AsArrayView<T>,
    assume_unique: bool,
) -> Result<Array<T>> {
    let a = if assume_unique {
        flat(ar1)
    } else {
        unique_values(ar1)?
    };
    let n = a.len();
    let a = Array::from_vec(a, [n])?;
    let keep = isin(&a, ar2, true, true)?;
    let out: Vec<T> = a
        .iter()
        .zip(keep.iter())
        .filter(|(_, k)| **k)
        .map(|(x, _)| *x)
        .collect();
    let k = out.len();
    Ok(Array::from_vec(out, [k])?)
}

/// `np.setxor1d(ar1, ar2, assume_unique)`: the sorted values in exactly one of the inputs.
///
/// ```
/// use oxarray_core::array;
/// let x = oxarray_sort::setxor1d(&array![1, 2, 3, 2, 4], &array![2, 3, 5, 7, 5], false)?;
/// assert_eq!(x.to_vec(), vec![1, 4, 5, 7]);
/// # Ok::<(), oxarray_sort::Error>(())
/// ```
pub fn setxor1d<T: SortElement>(
    ar1: &impl AsArrayView<T>,
    ar2: &impl AsArrayView<T>,
    assume_unique: bool,
) -> Result<Array<T>> {
    let (mut aux, b) = if assume_unique {
        (flat(ar1), flat(ar2))
    } else {
        (unique_values(ar1)?, unique_values(ar2)?)
    };
    aux.extend(b);
    let aux = sorted(&aux);
    let n = aux.len();
    // NumPy's flag = [True, aux[1:] != aux[:-1], True]; keep flag[1:] & flag[:-1].
    let out: Vec<T> = (0..n)
        .filter(|&i| (i == 0 || aux[i] != aux[i - 1]) && (i + 1 == n || aux[i + 1] != aux[i]))
        .map(|i| aux[i])
        .collect();
    let k = out.len();
    Ok(Array::from_vec(out, [k])?)
}
