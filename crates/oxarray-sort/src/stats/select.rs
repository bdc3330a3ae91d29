//! Radix selection: the values of given ranks of a lane, found by counting key digits over
//! the lane itself (no copy, no reordering): one pass for the NaN check and the varying key
//! bits, one pass to count the top digit, then only the keys of the buckets holding the ranks
//! are gathered and selected.

use rayon::prelude::*;

use crate::SortElement;
use crate::key::KeyWord;
use crate::radix::Word;

/// Lanes shorter than this are selected by comparison.
const SMALL: usize = 1 << 12;
const BITS: u32 = 11;
/// Elements per parallel task.
const CHUNK: usize = 1 << 16;

/// The values at `ranks` (sorted ascending) of `lane` in NumPy's order, or `None` when the
/// type has no radix key or the lane is short (the caller selects by comparison then).
/// Zeros come back as `+0.0` and NaNs as the canonical NaN.
pub(crate) fn select_ranks<T: SortElement>(lane: &[T], ranks: &[usize]) -> Option<Vec<T>> {
    let n = lane.len();
    if !T::Key::RADIX || n < SMALL || ranks.is_empty() {
        return None;
    }
    let key = |x: &T| match x.key() {
        Some(k) => k.to_u64(),
        None => 0,
    };
    let (and, or) = lane
        .par_chunks(CHUNK)
        .map(|c| {
            c.iter()
                .fold((u64::MAX, 0u64), |(a, o), x| (a & key(x), o | key(x)))
        })
        .reduce(|| (u64::MAX, 0), |(a, o), (b, p)| (a & b, o | p));
    let varying = and ^ or;
    if varying == 0 {
        return Some(ranks.iter().map(|_| lane[0]).collect());
    }
    let top = 64 - varying.leading_zeros();
    let shift = top.saturating_sub(BITS);
    let mask = (1usize << BITS) - 1;
    let digit = |x: &T| (key(x) >> shift) as usize & mask;
    let counts = lane
        .par_chunks(CHUNK)
        .map(|c| {
            let mut h = vec![0usize; mask + 1];
            for x in c {
                h[digit(x)] += 1;
            }
            h
        })
        .reduce(
            || vec![0usize; mask + 1],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(p, q)| *p += q);
                a
            },
        );
    // The bucket of each rank, and the rank inside the gathered keys.
    let mut starts = vec![0usize; mask + 2];
    for d in 0..=mask {
        starts[d + 1] = starts[d] + counts[d];
    }
    let bucket_of = |r: usize| starts.partition_point(|&s| s <= r) - 1;
    let (lo, hi) = (bucket_of(ranks[0]), bucket_of(*ranks.last()?));
    let mut keys: Vec<u64> = lane
        .par_chunks(CHUNK)
        .flat_map_iter(|c| {
            c.iter().filter_map(move |x| {
                let d = digit(x);
                (lo <= d && d <= hi).then(|| key(x))
            })
        })
        .collect();
    let mut ranks: Vec<usize> = ranks.iter().map(|&r| r - starts[lo]).collect();
    // Skewed keys (most values in one binade) leave large buckets: narrow again, digit by
    // digit, on the gathered keys.
    while keys.len() > SMALL {
        let (and, or) = keys
            .iter()
            .fold((u64::MAX, 0u64), |(a, o), &k| (a & k, o | k));
        let varying = and ^ or;
        if varying == 0 {
            break;
        }
        let top = 64 - varying.leading_zeros();
        let shift = top.saturating_sub(BITS);
        let mut counts = vec![0usize; mask + 1];
        for &k in &keys {
            counts[(k >> shift) as usize & mask] += 1;
        }
        let mut starts = vec![0usize; mask + 2];
        for d in 0..=mask {
            starts[d + 1] = starts[d] + counts[d];
        }
        let bucket_of = |r: usize| starts.partition_point(|&s| s <= r) - 1;
        let (lo, hi) = (bucket_of(ranks[0]), bucket_of(ranks[ranks.len() - 1]));
        if lo == 0 && hi == mask {
            break;
        }
        keys.retain(|&k| {
            let d = (k >> shift) as usize & mask;
            lo <= d && d <= hi
        });
        ranks.iter_mut().for_each(|r| *r -= starts[lo]);
    }
    let mut out = Vec::with_capacity(ranks.len());
    let mut from = 0;
    for &k in &ranks {
        if k >= from {
            keys[from..].select_nth_unstable(k - from);
            from = k;
        }
        out.push(from_u64::<T>(keys[k]));
    }
    Some(out)
}

fn from_u64<T: SortElement>(k: u64) -> T {
    match <T::Key as Word>::narrow(k) {
        Some(w) => T::from_key(w),
        None => T::zero(),
    }
}
