//! LSD radix sort of unsigned keys, alone or with a `u32` payload (the original index, for
//! `argsort`). Every pass is a stable counting scatter, so the sort is stable; a pass whose
//! digit is the same for every key is skipped, so narrow ranges (small integers, floats of
//! one binade) cost fewer passes. Large inputs run each pass over rayon's threads: every
//! thread counts its chunk, then scatters it to disjoint, precomputed destination ranges.

use rayon::prelude::*;

/// Below this many items a comparison sort beats the counting passes.
const SMALL: usize = 192;
/// From this many items each pass runs on every rayon thread.
const PARALLEL: usize = 1 << 18;

/// An unsigned key word.
#[doc(hidden)]
pub trait Word: Copy + Ord + Send + Sync + 'static {
    /// Its width in bits.
    const BITS: u32;
    /// The bits `shift..shift + width` as an index.
    fn digit(self, shift: u32, mask: usize) -> usize;
    /// The key widened.
    fn to_u64(self) -> u64;
    /// The key of a widened value (`None` for `()`).
    fn narrow(k: u64) -> Option<Self>;
}

macro_rules! word {
    ($($t:ty),*) => {$(
        impl Word for $t {
            const BITS: u32 = <$t>::BITS;
            #[inline(always)]
            fn digit(self, shift: u32, mask: usize) -> usize {
                ((self as u64) >> shift) as usize & mask
            }
            #[inline(always)]
            fn to_u64(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn narrow(k: u64) -> Option<Self> {
                Some(k as $t)
            }
        }
    )*};
}
word!(u8, u16, u32, u64);

/// The key of the types sorted by comparison: never sorted by the radix passes.
impl Word for () {
    const BITS: u32 = 0;
    #[inline(always)]
    fn digit(self, _shift: u32, _mask: usize) -> usize {
        0
    }
    #[inline(always)]
    fn to_u64(self) -> u64 {
        0
    }
    #[inline(always)]
    fn narrow(_k: u64) -> Option<Self> {
        None
    }
}

/// What a pass moves: a key alone, or a key with its payload.
pub(crate) trait Item: Copy + Send + Sync + 'static {
    /// The key word.
    type K: Word;
    /// The key this item is sorted by.
    fn key(&self) -> Self::K;
}

impl<K: Word> Item for K {
    type K = K;
    #[inline(always)]
    fn key(&self) -> K {
        *self
    }
}

/// A key with the index of its element (the payload of `argsort`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Keyed<K> {
    pub key: K,
    pub idx: u32,
}

impl<K: Word> Item for Keyed<K> {
    type K = K;
    #[inline(always)]
    fn key(&self) -> K {
        self.key
    }
}

/// A raw pointer that may cross threads: each thread writes its own disjoint positions.
#[derive(Clone, Copy)]
struct SendPtr<T>(*mut T);
// SAFETY: the pointer is only used for writes to positions no other thread touches (each
// (chunk, digit) pair owns one precomputed destination range).
unsafe impl<T: Send> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for SendPtr<T> {}

impl<T> SendPtr<T> {
    /// The pointer (a method, so that closures capture the whole `Send` wrapper).
    fn get(self) -> *mut T {
        self.0
    }
}

/// Bytes a leaf's items may take: its counting passes then run in the L2 cache.
const LEAF_BYTES: usize = 1 << 21;
/// Digit width of the cache-sized passes and of the top-down (MSD) passes.
const BITS: u32 = 11;

/// Sorts `items` by key, stably. `scratch` must have the same length.
///
/// The bits that vary between keys are found first (an AND and an OR over all keys); the top
/// 11 of them split the items into buckets (most-significant digit first, over rayon's
/// threads for large inputs), recursively until a bucket fits the cache, where a
/// least-significant-digit radix sort finishes it; buckets run in parallel.
pub(crate) fn sort<I: Item>(items: &mut [I], scratch: &mut [I], parallel: bool) {
    let n = items.len();
    debug_assert_eq!(scratch.len(), n);
    if n <= SMALL {
        items.sort_by_key(Item::key);
        return;
    }
    let (and, or) = items.iter().fold((u64::MAX, 0u64), |(a, o), item| {
        let k = item.key().to_u64();
        (a & k, o | k)
    });
    let varying = and ^ or;
    if varying == 0 {
        return;
    }
    let top = 64 - varying.leading_zeros();
    let leaf = (LEAF_BYTES / std::mem::size_of::<I>()).max(SMALL);
    level(items, scratch, top, true, parallel, leaf);
}

/// Sorts the items of `a` whose keys agree above bit `top`; the result ends in `a` when
/// `result_in_a`, else in `b`.
fn level<I: Item>(
    a: &mut [I],
    b: &mut [I],
    top: u32,
    result_in_a: bool,
    parallel: bool,
    leaf: usize,
) {
    let n = a.len();
    if n <= SMALL {
        a.sort_by_key(Item::key);
        if !result_in_a {
            b.copy_from_slice(a);
        }
        return;
    }
    if n <= leaf || top <= BITS {
        lsd(a, b, top, result_in_a);
        return;
    }
    let shift = top - BITS;
    let mask = (1usize << BITS) - 1;
    let threads = if parallel && n >= PARALLEL {
        rayon::current_num_threads().max(1)
    } else {
        1
    };
    let Some(counts) = counting_pass(a, b, shift, mask, threads) else {
        // One digit value: nothing moves, go one digit down.
        return level(a, b, shift, result_in_a, parallel, leaf);
    };
    // The items are in `b` now, bucket by bucket; each bucket's result must land in `a`
    // when `result_in_a`.
    let mut pieces = Vec::with_capacity(counts.len());
    let (mut a_rest, mut b_rest) = (a, b);
    for &c in counts.iter().filter(|&&c| c > 0) {
        let (a_k, a_tail) = std::mem::take(&mut a_rest).split_at_mut(c);
        let (b_k, b_tail) = std::mem::take(&mut b_rest).split_at_mut(c);
        a_rest = a_tail;
        b_rest = b_tail;
        pieces.push((b_k, a_k));
    }
    if threads > 1 {
        pieces.into_par_iter().for_each(|(b_k, a_k)| {
            level(b_k, a_k, shift, !result_in_a, true, leaf);
        });
    } else {
        for (b_k, a_k) in pieces {
            level(b_k, a_k, shift, !result_in_a, false, leaf);
        }
    }
}

/// LSD radix sort of `a` on the bits below `top`; the result ends in `a` when
/// `result_in_a`, else in `b`.
fn lsd<I: Item>(a: &mut [I], b: &mut [I], top: u32, result_in_a: bool) {
    let n = a.len();
    let bits = if n >= 1 << 12 { BITS } else { 8 };
    let passes = top.div_ceil(bits).max(1);
    let mask = (1usize << bits) - 1;
    let buckets = 1usize << bits;
    // One read counts every pass's digits.
    let mut hist = vec![0usize; buckets * passes as usize];
    for item in a.iter() {
        let k = item.key();
        for p in 0..passes {
            hist[p as usize * buckets + k.digit(p * bits, mask)] += 1;
        }
    }
    let mut src: &mut [I] = a;
    let mut dst: &mut [I] = b;
    let mut in_a = true;
    for p in 0..passes {
        let h = &mut hist[p as usize * buckets..(p as usize + 1) * buckets];
        if h.contains(&n) {
            continue;
        }
        exclusive_prefix_sum(h);
        scatter(src, dst, h, p * bits, mask);
        std::mem::swap(&mut src, &mut dst);
        in_a = !in_a;
    }
    // `src` holds the result.
    if in_a != result_in_a {
        dst.copy_from_slice(src);
    }
}

fn exclusive_prefix_sum(h: &mut [usize]) {
    let mut sum = 0;
    for c in h.iter_mut() {
        let count = *c;
        *c = sum;
        sum += count;
    }
}

/// One counting scatter of `src` into `dst` by the digit at `shift`, `offsets` being the
/// first destination of every digit (advanced as items are written).
#[inline]
fn scatter<I: Item>(src: &[I], dst: &mut [I], offsets: &mut [usize], shift: u32, mask: usize) {
    for item in src {
        let d = item.key().digit(shift, mask);
        // SAFETY: `d <= mask < offsets.len()`; `offsets[d]` starts at the number of items
        // with a smaller digit and is advanced once per item of digit `d`, so it stays below
        // that plus the count of digit `d`, at most `src.len() == dst.len()`.
        unsafe {
            let slot = offsets.get_unchecked_mut(d);
            *dst.get_unchecked_mut(*slot) = *item;
            *slot += 1;
        }
    }
}

/// One stable counting pass of `src` into `dst` by the digit at `shift`, over `threads`
/// chunks. Returns the count of every digit, or `None` (and writes nothing) when every key
/// has the same digit.
fn counting_pass<I: Item>(
    src: &[I],
    dst: &mut [I],
    shift: u32,
    mask: usize,
    threads: usize,
) -> Option<Vec<usize>> {
    let n = src.len();
    let buckets = mask + 1;
    let chunk = n.div_ceil(threads);
    let count = |c: &[I]| {
        let mut h = vec![0usize; buckets];
        for item in c {
            h[item.key().digit(shift, mask)] += 1;
        }
        h
    };
    let mut hists: Vec<Vec<usize>> = if threads > 1 {
        src.par_chunks(chunk).map(count).collect()
    } else {
        vec![count(src)]
    };
    let totals: Vec<usize> = (0..buckets)
        .map(|d| hists.iter().map(|h| h[d]).sum())
        .collect();
    if totals.contains(&n) {
        return None;
    }
    if threads == 1 {
        exclusive_prefix_sum(&mut hists[0]);
        scatter(src, dst, &mut hists[0], shift, mask);
        return Some(totals);
    }
    // Offsets: digit-major, chunk-minor, so that the scatter stays stable.
    let mut sum = 0;
    for d in 0..buckets {
        for h in hists.iter_mut() {
            let count = h[d];
            h[d] = sum;
            sum += count;
        }
    }
    let out = SendPtr(dst.as_mut_ptr());
    src.par_chunks(chunk)
        .zip(hists.par_iter_mut())
        .for_each(|(c, offsets)| {
            for item in c {
                let d = item.key().digit(shift, mask);
                // SAFETY: the ranges `offsets[d]..` of different (chunk, digit) pairs are
                // disjoint and all lie inside `dst` (they partition `0..n` by construction
                // above); each thread writes only through its own chunk's offsets.
                unsafe {
                    let slot = offsets.get_unchecked_mut(d);
                    out.get().add(*slot).write(*item);
                    *slot += 1;
                }
            }
        });
    Some(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 11
    }

    #[test]
    fn sorts_keys_and_pairs_stably() {
        for &n in &[0usize, 1, 5, 200, 1000, 40_000, 300_000, 1_200_000] {
            let mut s = n as u64;
            let keys: Vec<u64> = (0..n)
                .map(|_| lcg(&mut s) % if n > 1000 { 1 << 40 } else { 1000 })
                .collect();
            let mut a = keys.clone();
            let mut scratch = vec![0; n];
            sort(&mut a, &mut scratch, true);
            let mut b = keys.clone();
            b.sort();
            assert_eq!(a, b);
            let mut pairs: Vec<Keyed<u64>> = keys
                .iter()
                .enumerate()
                .map(|(i, &key)| Keyed { key, idx: i as u32 })
                .collect();
            let mut scratch = pairs.clone();
            sort(&mut pairs, &mut scratch, true);
            let mut order: Vec<u32> = (0..n as u32).collect();
            order.sort_by_key(|&i| keys[i as usize]);
            assert_eq!(pairs.iter().map(|p| p.idx).collect::<Vec<_>>(), order);
        }
    }
}
