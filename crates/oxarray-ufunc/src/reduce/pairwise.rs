//! Pairwise reduction, NumPy's algorithm, over a run of values and over whole rows at once.
//!
//! NumPy sums a run of `n` values as follows: fewer than 8 values, one after the other; up to
//! [`BLOCK`] (128) values, with 8 interleaved accumulators combined as
//! `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))` and the tail added one by one; more, by
//! splitting at `n/2` rounded down to a multiple of 8 and adding the two halves' sums. The
//! rounding error grows as O(log n) instead of O(n).
//!
//! [`pairwise`] is that algorithm over any indexed source. [`pairwise_rows`] computes it for
//! many columns at once, one input row at a time: column `j` of the result is bit-identical to
//! [`pairwise`] over column `j`, so a reduction gives the same answer whatever the memory order
//! of its input, and the inner loop runs over contiguous memory. Both split the top of the
//! recursion over rayon's threads (with `rayon::join`, so the result does not depend on the
//! number of threads) when the work is large.
//!
//! Rows are read whole: measured on a 50000 x 1000 f64 matrix, walking the rows in tiles of
//! half a row costs 2.6 times the time of whole rows (the memory streams break at every tile),
//! while 8 accumulator rows of 8 KiB each live happily in L2. Tiles are only used to bound the
//! accumulators' memory for very wide rows.

use oxarray_core::parallel::{PARALLEL_MIN_ELEMENTS, SendPtr};

use super::axes::RowIndex;

/// Runs up to this long are leaves of the recursion (NumPy's `PW_BLOCKSIZE`).
pub(crate) const BLOCK: usize = 128;

/// A reduction's element-level operation: map each input element (with the parameter of its
/// output, e.g. a mean) to an accumulator, and combine accumulators. `combine` must be
/// associative up to rounding; the order of combination is the pairwise tree.
pub(crate) trait Fold: Sync {
    /// The input element.
    type In: Copy + Send + Sync + 'static;
    /// A per-output parameter (`()` for most reductions, the mean for a variance).
    type Par: Copy + Send + Sync + 'static;
    /// The accumulator.
    type Acc: Copy + Send + Sync + Default + 'static;
    /// The accumulator of one element.
    fn load(&self, x: Self::In, p: Self::Par) -> Self::Acc;
    /// Two accumulators combined.
    fn combine(&self, a: Self::Acc, b: Self::Acc) -> Self::Acc;
}

/// How many times the top of a recursion may split into two rayon tasks: enough for about
/// four tasks per thread, no more (every split of [`pairwise_rows`] allocates its scratch).
pub(crate) fn split_budget() -> u32 {
    let threads = rayon::current_num_threads();
    if threads <= 1 {
        0
    } else {
        (4 * threads).next_power_of_two().trailing_zeros()
    }
}

/// Whether `work` elements of work are worth splitting over threads.
#[inline]
fn worth_splitting(work: usize, budget: u32) -> bool {
    budget > 0 && work >= 2 * PARALLEL_MIN_ELEMENTS
}

/// Where NumPy splits a run of `n > BLOCK` values.
#[inline]
fn split_point(n: usize) -> usize {
    let n2 = n / 2;
    n2 - n2 % 8
}

/// The number of halvings below a run of `n` values (the recursion depth).
pub(crate) fn depth(mut n: usize) -> usize {
    let mut d = 0;
    while n > BLOCK {
        n -= split_point(n);
        d += 1;
    }
    d
}

/// NumPy's pairwise reduction of `get(start..start + n)` (`n >= 1`). `cost` is the work of
/// one `get`, in elements, to decide on threads; `budget` the number of splits into rayon
/// tasks still allowed ([`split_budget`] at the top, 0 for none).
pub(crate) fn pairwise<F: Fold, G: Fn(usize) -> F::Acc + Sync>(
    f: &F,
    get: &G,
    start: usize,
    n: usize,
    cost: usize,
    budget: u32,
) -> F::Acc {
    debug_assert!(n >= 1);
    if n <= BLOCK {
        return leaf(f, get, start, n);
    }
    let n2 = split_point(n);
    let (a, b) = if worth_splitting(n.saturating_mul(cost), budget) {
        oxarray_core::parallel::join(
            || pairwise(f, get, start, n2, cost, budget - 1),
            || pairwise(f, get, start + n2, n - n2, cost, budget - 1),
        )
    } else {
        (
            pairwise(f, get, start, n2, cost, 0),
            pairwise(f, get, start + n2, n - n2, cost, 0),
        )
    };
    f.combine(a, b)
}

#[inline(always)]
fn leaf<F: Fold, G: Fn(usize) -> F::Acc>(f: &F, get: &G, start: usize, n: usize) -> F::Acc {
    if n < 8 {
        let mut res = get(start);
        for i in 1..n {
            res = f.combine(res, get(start + i));
        }
        return res;
    }
    let mut r: [F::Acc; 8] = std::array::from_fn(|k| get(start + k));
    let mut i = 8;
    while i + 8 <= n {
        for (k, rk) in r.iter_mut().enumerate() {
            *rk = f.combine(*rk, get(start + i + k));
        }
        i += 8;
    }
    let mut res = f.combine(
        f.combine(f.combine(r[0], r[1]), f.combine(r[2], r[3])),
        f.combine(f.combine(r[4], r[5]), f.combine(r[6], r[7])),
    );
    while i < n {
        res = f.combine(res, get(start + i));
        i += 1;
    }
    res
}

/// The pairwise reduction of a strided run of `n >= 1` input elements from `ptr`.
///
/// # Safety
/// `ptr + i * stride` must be a readable element for every `i < n`.
pub(crate) unsafe fn pairwise_run<F: Fold>(
    f: &F,
    ptr: *const F::In,
    n: usize,
    stride: isize,
    p: F::Par,
    budget: u32,
) -> F::Acc {
    let ptr = SendPtr::from_const(ptr);
    if stride == 1 {
        // SAFETY: `i < n` in every call (pairwise visits start..start + n), caller contract.
        let get = |i: usize| f.load(unsafe { *ptr.get().add(i) }, p);
        pairwise(f, &get, 0, n, 1, budget)
    } else {
        // SAFETY: as above, with the stride.
        let get = |i: usize| f.load(unsafe { *ptr.get().offset(i as isize * stride) }, p);
        pairwise(f, &get, 0, n, 1, budget)
    }
}

/// Many columns reduced together: the rows of `rows`, from `src`, each `w` elements at stride
/// `col_stride`, with parameter `par[j]` for column `j`.
pub(crate) struct RowSource<'a, F: Fold> {
    pub fold: &'a F,
    pub src: SendPtr<F::In>,
    pub rows: &'a RowIndex,
    pub col_stride: isize,
    pub par: &'a [F::Par],
}

impl<F: Fold> RowSource<'_, F> {
    fn width(&self) -> usize {
        self.par.len()
    }

    /// Loads row `i` into `acc` (`init`) or combines it into `acc`.
    ///
    /// # Safety
    /// Row `i` of `rows` must have `acc.len()` readable elements at `col_stride`.
    #[inline(always)]
    unsafe fn accumulate(&self, acc: &mut [F::Acc], i: usize, init: bool) {
        let f = self.fold;
        // SAFETY: the row's first element is readable (caller contract).
        let row = unsafe { self.src.get().offset(self.rows.offset(i)) };
        let w = acc.len();
        if self.col_stride == 1 {
            // SAFETY: a unit-stride row of `w` readable elements (caller contract).
            let xs = unsafe { std::slice::from_raw_parts(row as *const F::In, w) };
            let ps = &self.par[..w];
            if init {
                for ((a, &x), &p) in acc.iter_mut().zip(xs).zip(ps) {
                    *a = f.load(x, p);
                }
            } else {
                for ((a, &x), &p) in acc.iter_mut().zip(xs).zip(ps) {
                    *a = f.combine(*a, f.load(x, p));
                }
            }
        } else {
            for (j, a) in acc.iter_mut().enumerate() {
                // SAFETY: element `j < w` of the row (caller contract).
                let x = unsafe { *row.offset(j as isize * self.col_stride) };
                let v = f.load(x, self.par[j]);
                *a = if init { v } else { f.combine(*a, v) };
            }
        }
    }
}

/// Scratch length [`pairwise_rows`] needs for `n` rows of `w` columns.
pub(crate) fn rows_scratch_len(n: usize, w: usize) -> usize {
    (depth(n) + 8) * w
}

/// `out[j]` = the pairwise reduction over rows `start..start + n` (`n >= 1`) of column `j`,
/// bit-identical to [`pairwise`] of that column. `scratch` holds at least
/// [`rows_scratch_len`]`(n, w)` values; `budget` as for [`pairwise`].
///
/// # Safety
/// Every row of `src.rows` in the range must have `w = src.par.len()` readable elements at
/// `src.col_stride` from `src.src`.
pub(crate) unsafe fn pairwise_rows<F: Fold>(
    src: &RowSource<'_, F>,
    start: usize,
    n: usize,
    out: &mut [F::Acc],
    scratch: &mut [F::Acc],
    budget: u32,
) {
    let w = src.width();
    debug_assert!(n >= 1 && out.len() == w);
    if n <= BLOCK {
        // SAFETY: forwarded contract.
        unsafe { rows_leaf(src, start, n, out, scratch) };
        return;
    }
    let f = src.fold;
    let n2 = split_point(n);
    if worth_splitting(n.saturating_mul(w), budget) {
        let mut tmp = vec![F::Acc::default(); w];
        oxarray_core::parallel::join(
            // SAFETY: forwarded contract, disjoint outputs and scratch.
            || unsafe { pairwise_rows(src, start, n2, out, scratch, budget - 1) },
            || {
                let mut own = vec![F::Acc::default(); rows_scratch_len(n - n2, w)];
                // SAFETY: as above.
                unsafe { pairwise_rows(src, start + n2, n - n2, &mut tmp, &mut own, budget - 1) }
            },
        );
        for (o, &t) in out.iter_mut().zip(&tmp) {
            *o = f.combine(*o, t);
        }
    } else {
        // SAFETY: forwarded contract; the first half uses all of the scratch, then the second
        // half keeps its result in the first `w` slots and works in the rest.
        unsafe { pairwise_rows(src, start, n2, out, scratch, 0) };
        let (tmp, rest) = scratch.split_at_mut(w);
        // SAFETY: as above.
        unsafe { pairwise_rows(src, start + n2, n - n2, tmp, rest, 0) };
        for (o, &t) in out.iter_mut().zip(tmp.iter()) {
            *o = f.combine(*o, t);
        }
    }
}

/// # Safety
/// As [`pairwise_rows`], with `n <= BLOCK`.
unsafe fn rows_leaf<F: Fold>(
    src: &RowSource<'_, F>,
    start: usize,
    n: usize,
    out: &mut [F::Acc],
    scratch: &mut [F::Acc],
) {
    let f = src.fold;
    let w = out.len();
    // SAFETY (all calls below): rows start..start + n are in range (caller contract).
    if n < 8 {
        // SAFETY: the row is in start..start + n, in range by the caller contract.
        unsafe { src.accumulate(out, start, true) };
        for i in 1..n {
            // SAFETY: the row is in start..start + n, in range by the caller contract.
            unsafe { src.accumulate(out, start + i, false) };
        }
        return;
    }
    let r = &mut scratch[..8 * w];
    for k in 0..8 {
        // SAFETY: the row is in start..start + n, in range by the caller contract.
        unsafe { src.accumulate(&mut r[k * w..(k + 1) * w], start + k, true) };
    }
    let mut i = 8;
    while i + 8 <= n {
        for k in 0..8 {
            // SAFETY: the row is in start..start + n, in range by the caller contract.
            unsafe { src.accumulate(&mut r[k * w..(k + 1) * w], start + i + k, false) };
        }
        i += 8;
    }
    let (r01, r27) = r.split_at(2 * w);
    let (r23, r47) = r27.split_at(2 * w);
    let (r45, r67) = r47.split_at(2 * w);
    for j in 0..w {
        let a = f.combine(r01[j], r01[w + j]);
        let b = f.combine(r23[j], r23[w + j]);
        let c = f.combine(r45[j], r45[w + j]);
        let d = f.combine(r67[j], r67[w + j]);
        out[j] = f.combine(f.combine(a, b), f.combine(c, d));
    }
    while i < n {
        // SAFETY: the row is in start..start + n, in range by the caller contract.
        unsafe { src.accumulate(out, start + i, false) };
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Add;
    impl Fold for Add {
        type In = f64;
        type Par = ();
        type Acc = f64;
        fn load(&self, x: f64, _: ()) -> f64 {
            x
        }
        fn combine(&self, a: f64, b: f64) -> f64 {
            a + b
        }
    }

    #[test]
    fn depth_counts_halvings() {
        assert_eq!(depth(128), 0);
        assert_eq!(depth(129), 1);
        assert_eq!(depth(1000), 3);
    }

    #[test]
    fn rows_match_runs_bit_for_bit() {
        let (n, w) = (1003usize, 5usize);
        let data: Vec<f64> = (0..n * w).map(|i| 1.0 / (i as f64 + 0.37)).collect();
        let rows = RowIndex::new(&[(n, w as isize)]);
        let par = vec![(); w];
        let src = RowSource {
            fold: &Add,
            src: SendPtr::from_const(data.as_ptr()),
            rows: &rows,
            col_stride: 1,
            par: &par,
        };
        let mut out = vec![0.0; w];
        let mut scratch = vec![0.0; rows_scratch_len(n, w)];
        // SAFETY: n rows of w elements inside `data`.
        unsafe { pairwise_rows(&src, 0, n, &mut out, &mut scratch, 0) };
        for j in 0..w {
            // SAFETY: column j: n elements at stride w inside `data`.
            let col = unsafe { pairwise_run(&Add, data.as_ptr().add(j), n, w as isize, (), 0) };
            assert_eq!(out[j].to_bits(), col.to_bits());
        }
    }
}
