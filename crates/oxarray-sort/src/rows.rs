//! The row kernels: sort or argsort contiguous rows of a buffer, by radix keys where the type
//! has them and by NumPy's comparison otherwise, rows spread over rayon's threads.

use rayon::prelude::*;

use crate::SortKind;
use crate::key::{KeyWord, SortElement};
use crate::radix::{self, Keyed};

/// Rows shorter than this are sorted by comparison (`Option::None` keys too).
const PARALLEL_ELEMENTS: usize = 1 << 15;

/// Per-thread buffers reused from row to row.
pub(crate) struct Scratch<K> {
    keys: Vec<K>,
    spare: Vec<K>,
    pairs: Vec<Keyed<K>>,
    spare_pairs: Vec<Keyed<K>>,
}

impl<K> Default for Scratch<K> {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
            spare: Vec::new(),
            pairs: Vec::new(),
            spare_pairs: Vec::new(),
        }
    }
}

#[inline(always)]
fn key_of<T: SortElement>(x: T) -> T::Key {
    match x.key() {
        Some(k) => k,
        None => unreachable!("only called for types with radix keys"),
    }
}

/// Sorts one row in place with NumPy's order.
pub(crate) fn sort_row<T: SortElement>(
    row: &mut [T],
    kind: SortKind,
    scratch: &mut Scratch<T::Key>,
    parallel: bool,
) {
    if !T::Key::RADIX {
        if kind.is_stable() {
            row.sort_by(|&a, &b| T::np_cmp(a, b));
        } else {
            row.sort_unstable_by(|&a, &b| T::np_cmp(a, b));
        }
        return;
    }
    let n = row.len();
    let mut fixup = false;
    scratch.keys.clear();
    scratch.keys.extend(row.iter().map(|&x| {
        fixup |= x.needs_fixup();
        key_of(x)
    }));
    scratch.spare.resize(n, key_of(T::zero()));
    radix::sort(&mut scratch.keys, &mut scratch.spare, parallel);
    // Zeros and NaNs share one key each; keep their own bits, in input order (the order a
    // stable sort gives equal elements).
    let (zeros, nans): (Vec<T>, Vec<T>) = if fixup {
        row.iter().copied().filter(|x| x.is_special()).partition(|x| !x.is_nan())
    } else {
        (Vec::new(), Vec::new())
    };
    for (o, &k) in row.iter_mut().zip(scratch.keys.iter()) {
        *o = T::from_key(k);
    }
    if fixup {
        let start = row.partition_point(|&x| T::np_lt(x, T::zero()));
        row[start..start + zeros.len()].copy_from_slice(&zeros);
        row[n - nans.len()..].copy_from_slice(&nans);
    }
}

/// Writes into `out` the indices that sort `row` (stable for every kind but the
/// comparison-sorted types' unstable kinds, for which NumPy's tie order is unspecified too).
pub(crate) fn argsort_row<T: SortElement>(
    row: &[T],
    out: &mut [i64],
    kind: SortKind,
    scratch: &mut Scratch<T::Key>,
    parallel: bool,
) {
    let n = row.len();
    if !T::Key::RADIX || n > u32::MAX as usize {
        let mut idx: Vec<usize> = (0..n).collect();
        if kind.is_stable() || T::Key::RADIX {
            idx.sort_by(|&i, &j| T::np_cmp(row[i], row[j]));
        } else {
            idx.sort_unstable_by(|&i, &j| T::np_cmp(row[i], row[j]));
        }
        for (o, i) in out.iter_mut().zip(idx) {
            *o = i as i64;
        }
        return;
    }
    scratch.pairs.clear();
    scratch
        .pairs
        .extend(row.iter().enumerate().map(|(i, &x)| Keyed {
            key: key_of(x),
            idx: i as u32,
        }));
    scratch.spare_pairs.resize(
        n,
        Keyed {
            key: key_of(T::zero()),
            idx: 0,
        },
    );
    radix::sort(&mut scratch.pairs, &mut scratch.spare_pairs, parallel);
    for (o, p) in out.iter_mut().zip(scratch.pairs.iter()) {
        *o = p.idx as i64;
    }
}

/// Sorts every row of length `n` of `data` (C order), rows in parallel when there are many.
pub(crate) fn sort_rows<T: SortElement>(data: &mut [T], n: usize, kind: SortKind) {
    if n <= 1 || data.is_empty() {
        return;
    }
    let rows = data.len() / n;
    if rows == 1 {
        sort_row(data, kind, &mut Scratch::default(), true);
    } else if data.len() >= PARALLEL_ELEMENTS {
        let per_task = (PARALLEL_ELEMENTS / n).max(1) * n;
        data.par_chunks_mut(per_task)
            .for_each_init(Scratch::default, |scratch, block| {
                for row in block.chunks_mut(n) {
                    sort_row(row, kind, scratch, false);
                }
            });
    } else {
        let mut scratch = Scratch::default();
        for row in data.chunks_mut(n) {
            sort_row(row, kind, &mut scratch, false);
        }
    }
}

/// `argsort` of every row of length `n` of `data` (C order) into `out`.
pub(crate) fn argsort_rows<T: SortElement>(data: &[T], out: &mut [i64], n: usize, kind: SortKind) {
    if n == 0 || data.is_empty() {
        return;
    }
    let rows = data.len() / n;
    if rows == 1 {
        argsort_row(data, out, kind, &mut Scratch::default(), true);
    } else if data.len() >= PARALLEL_ELEMENTS {
        let per_task = (PARALLEL_ELEMENTS / n).max(1) * n;
        data.par_chunks(per_task)
            .zip(out.par_chunks_mut(per_task))
            .for_each_init(Scratch::default, |scratch, (block, out)| {
                for (row, o) in block.chunks(n).zip(out.chunks_mut(n)) {
                    argsort_row(row, o, kind, scratch, false);
                }
            });
    } else {
        let mut scratch = Scratch::default();
        for (row, o) in data.chunks(n).zip(out.chunks_mut(n)) {
            argsort_row(row, o, kind, &mut scratch, false);
        }
    }
}
