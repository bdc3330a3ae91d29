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
    pairs: Vec<Keyed<K>>,
    spare_pairs: Vec<Keyed<K>>,
}

impl<K> Default for Scratch<K> {
    fn default() -> Self {
        Self {
            keys: Vec::new(),
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
    let specials = load_keys(row, &mut scratch.keys);
    radix_into(row, &mut scratch.keys, specials, parallel);
}

/// Writes `src` sorted into `dst` (same length, both contiguous).
pub(crate) fn sort_row_into<T: SortElement>(src: &[T], dst: &mut [T], kind: SortKind) {
    if !T::Key::RADIX {
        dst.copy_from_slice(src);
        sort_row(dst, kind, &mut Scratch::default(), true);
        return;
    }
    let mut keys = Vec::new();
    let specials = load_keys(src, &mut keys);
    radix_into(dst, &mut keys, specials, true);
}

/// The zeros and NaNs whose bits a key loses, in input order.
type Specials<T> = Option<(Vec<T>, Vec<T>)>;

/// Fills `keys` with the keys of `src`; returns the zeros and NaNs to restore, if any.
fn load_keys<T: SortElement>(src: &[T], keys: &mut Vec<T::Key>) -> Specials<T> {
    let mut fixup = false;
    keys.clear();
    keys.extend(src.iter().map(|&x| {
        fixup |= x.needs_fixup();
        key_of(x)
    }));
    // Zeros and NaNs share one key each; keep their own bits, in input order (the order a
    // stable sort gives equal elements).
    fixup.then(|| {
        src.iter()
            .copied()
            .filter(|x| x.is_special())
            .partition(|x| !x.is_nan())
    })
}

/// Sorts `keys` (using `dst`'s memory as the scratch buffer) and writes their values,
/// restored specials included, into `dst`.
fn radix_into<T: SortElement>(
    dst: &mut [T],
    keys: &mut [T::Key],
    specials: Specials<T>,
    parallel: bool,
) {
    let n = dst.len();
    debug_assert_eq!(keys.len(), n);
    {
        let spare = key_slice(dst);
        radix::sort(keys, spare, parallel);
    }
    for (o, &k) in dst.iter_mut().zip(keys.iter()) {
        *o = T::from_key(k);
    }
    if let Some((zeros, nans)) = specials {
        let start = dst.partition_point(|&x| T::np_lt(x, T::zero()));
        dst[start..start + zeros.len()].copy_from_slice(&zeros);
        dst[n - nans.len()..].copy_from_slice(&nans);
    }
}

/// `row`'s memory as key words, to serve as the radix sort's scratch buffer.
fn key_slice<T: SortElement>(row: &mut [T]) -> &mut [T::Key] {
    assert!(
        std::mem::size_of::<T>() == std::mem::size_of::<T::Key>()
            && std::mem::align_of::<T>() >= std::mem::align_of::<T::Key>(),
        "a key word has its element's size"
    );
    // SAFETY: same size and no stricter alignment (checked above), so the slice covers the
    // same bytes; the key words (`u8`..`u64`) are valid for every bit pattern, so reading what
    // `T` left there is sound; every caller overwrites the whole row with valid `T` values
    // (`from_key`) before the row is read as `T` again (bool rows hold only 0/1 after that).
    unsafe { std::slice::from_raw_parts_mut(row.as_mut_ptr().cast::<T::Key>(), row.len()) }
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
