//! Iteration over strided layouts.
//!
//! Two kinds of walk exist:
//!
//! * **Logical order** ([`Iter`], [`IterMut`], [`for_each_run_c`]): the order NumPy prints and
//!   `ravel` returns, whatever the memory layout. Axes are merged only where that keeps the
//!   order.
//! * **Any order** ([`LoopPlan`]): for elementwise work over several operands (the ufuncs),
//!   where only the pairing of elements matters. The plan reorders axes so that the smallest
//!   stride is innermost, flips negative strides, drops axes of length one and merges axes that
//!   are contiguous in every operand, so that the inner loop is as long and as unit-strided as
//!   the layouts allow. It then runs as an outer index space times one inner run.

use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::dims::{Dims, Strides};
use crate::layout::Layout;

/// `layout` with axes of length one dropped and neighbours merged where the merge keeps
/// row-major logical order. An empty layout keeps one axis of length 0; a scalar becomes one
/// axis of length 1.
pub fn merge_axes_c_order(layout: &Layout) -> Layout {
    if layout.size() == 0 {
        return Layout {
            shape: Dims::from([0]),
            strides: Strides::from([1]),
        };
    }
    let mut shape = Dims::new();
    let mut strides = Strides::new();
    for (&d, &s) in layout.shape.iter().zip(layout.strides.iter()) {
        if d == 1 {
            continue;
        }
        if let (Some(&last_d), Some(&last_s)) = (shape.last(), strides.last())
            && last_s == s * d as isize
        {
            let n = shape.len();
            shape[n - 1] = last_d * d;
            strides[n - 1] = s;
            continue;
        }
        shape.push(d);
        strides.push(s);
    }
    if shape.is_empty() {
        shape.push(1);
        strides.push(1);
    }
    Layout { shape, strides }
}

/// Calls `f(offset, len, stride)` for each inner run of `layout` in row-major logical order,
/// for the outer positions `outer_range` (positions in the merged outer index space, see
/// [`outer_len_c_order`]). Offsets are in elements from element `[0, ..., 0]`.
pub fn for_each_run_c(
    layout: &Layout,
    outer_range: std::ops::Range<usize>,
    mut f: impl FnMut(isize, usize, isize),
) {
    let merged = merge_axes_c_order(layout);
    let n = merged.ndim();
    let inner_len = merged.shape[n - 1];
    let inner_stride = merged.strides[n - 1];
    if inner_len == 0 {
        return;
    }
    let outer_shape = &merged.shape[..n - 1];
    let outer_strides = &merged.strides[..n - 1];
    let mut index = unravel(outer_range.start, outer_shape);
    let mut offset: isize = index
        .iter()
        .zip(outer_strides)
        .map(|(&i, &s)| i as isize * s)
        .sum();
    for _ in outer_range {
        f(offset, inner_len, inner_stride);
        // Odometer step over the outer axes.
        for ax in (0..outer_shape.len()).rev() {
            index[ax] += 1;
            offset += outer_strides[ax];
            if index[ax] < outer_shape[ax] {
                break;
            }
            offset -= outer_strides[ax] * outer_shape[ax] as isize;
            index[ax] = 0;
        }
    }
}

/// The number of inner runs [`for_each_run_c`] makes over `layout`, and their length.
pub fn outer_len_c_order(layout: &Layout) -> (usize, usize) {
    let merged = merge_axes_c_order(layout);
    let n = merged.ndim();
    let inner = merged.shape[n - 1];
    let outer = merged.shape[..n - 1].iter().product();
    (if inner == 0 { 0 } else { outer }, inner)
}

/// The row-major multi-index of linear position `pos` in `shape`.
pub fn unravel(mut pos: usize, shape: &[usize]) -> Dims {
    let mut index = Dims::from_elem(0, shape.len());
    for ax in (0..shape.len()).rev() {
        if shape[ax] > 0 {
            index[ax] = pos % shape[ax];
            pos /= shape[ax];
        }
    }
    index
}

/// An elementwise loop over several operands of one shape, normalised for speed.
///
/// Build it from the common (already broadcast) shape and each operand's strides; operand 0
/// decides the axis order (make it the output). Then walk it with [`LoopPlan::for_each_run`],
/// possibly in parallel over disjoint ranges of [`LoopPlan::outer_len`].
///
/// ```
/// use oxarray_core::iter::LoopPlan;
/// // A transposed 3x4 output and a C-ordered input: the plan makes the output's unit stride
/// // innermost.
/// let plan = LoopPlan::new(&[3, 4], &[&[1, 3], &[4, 1]]);
/// assert_eq!(plan.inner_len(), 3);
/// assert_eq!(plan.inner_strides(), vec![1, 4]);
/// ```
#[derive(Debug, Clone)]
pub struct LoopPlan {
    shape: Dims,
    strides: Vec<Strides>,
    base_offsets: Vec<isize>,
}

impl LoopPlan {
    /// Plans a loop over `shape` for operands with `strides` (one slice per operand).
    pub fn new(shape: &[usize], strides: &[&[isize]]) -> LoopPlan {
        let nops = strides.len();
        let ndim = shape.len();
        let mut base_offsets = vec![0isize; nops];
        if shape.contains(&0) {
            return LoopPlan {
                shape: Dims::from([0]),
                strides: vec![Strides::from([1]); nops],
                base_offsets,
            };
        }
        // Axes of length one do not move any pointer.
        let mut axes: Vec<usize> = (0..ndim).filter(|&a| shape[a] != 1).collect();
        let mut st: Vec<Vec<isize>> = strides.iter().map(|s| s.to_vec()).collect();
        // Walk operand 0 forwards: flip axes on which it runs backwards, for every operand.
        if nops > 0 {
            for &a in &axes {
                if st[0][a] < 0 {
                    for (op, s) in st.iter_mut().enumerate() {
                        base_offsets[op] += (shape[a] as isize - 1) * s[a];
                        s[a] = -s[a];
                    }
                }
            }
        }
        // Largest stride outermost (by operand 0, then the next operands to break ties).
        axes.sort_by(|&x, &y| {
            for s in &st {
                let ord = s[y].unsigned_abs().cmp(&s[x].unsigned_abs());
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
            }
            std::cmp::Ordering::Equal
        });
        let mut out_shape = Dims::new();
        let mut out_strides: Vec<Strides> = vec![Strides::new(); nops];
        for &a in &axes {
            let d = shape[a];
            let mergeable = !out_shape.is_empty()
                && (0..nops).all(|op| *out_strides[op].last().unwrap() == st[op][a] * d as isize);
            if mergeable {
                let n = out_shape.len();
                out_shape[n - 1] *= d;
                for op in 0..nops {
                    out_strides[op][n - 1] = st[op][a];
                }
            } else {
                out_shape.push(d);
                for op in 0..nops {
                    out_strides[op].push(st[op][a]);
                }
            }
        }
        if out_shape.is_empty() {
            out_shape.push(1);
            for s in &mut out_strides {
                s.push(1);
            }
        }
        LoopPlan {
            shape: out_shape,
            strides: out_strides,
            base_offsets,
        }
    }

    /// Length of every inner run.
    pub fn inner_len(&self) -> usize {
        *self.shape.last().unwrap()
    }

    /// Each operand's stride within an inner run.
    pub fn inner_strides(&self) -> Vec<isize> {
        self.strides.iter().map(|s| *s.last().unwrap()).collect()
    }

    /// Number of inner runs.
    pub fn outer_len(&self) -> usize {
        if self.inner_len() == 0 {
            0
        } else {
            self.shape[..self.shape.len() - 1].iter().product()
        }
    }

    /// Total number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Calls `f(offsets, len)` for each inner run with position in `outer_range`; `offsets[k]`
    /// is operand k's element offset of the run's first element, relative to its element
    /// `[0, ..., 0]`. The run's strides are [`LoopPlan::inner_strides`].
    pub fn for_each_run(
        &self,
        outer_range: std::ops::Range<usize>,
        mut f: impl FnMut(&[isize], usize),
    ) {
        let inner = self.inner_len();
        if inner == 0 {
            return;
        }
        let n = self.shape.len();
        let outer_shape = &self.shape[..n - 1];
        let mut index = unravel(outer_range.start, outer_shape);
        let mut offsets: Vec<isize> = self
            .strides
            .iter()
            .zip(&self.base_offsets)
            .map(|(s, &b)| {
                b + index
                    .iter()
                    .zip(s.iter())
                    .map(|(&i, &s)| i as isize * s)
                    .sum::<isize>()
            })
            .collect();
        for _ in outer_range {
            f(&offsets, inner);
            for ax in (0..outer_shape.len()).rev() {
                index[ax] += 1;
                for (o, s) in offsets.iter_mut().zip(&self.strides) {
                    *o += s[ax];
                }
                if index[ax] < outer_shape[ax] {
                    break;
                }
                for (o, s) in offsets.iter_mut().zip(&self.strides) {
                    *o -= s[ax] * outer_shape[ax] as isize;
                }
                index[ax] = 0;
            }
        }
    }
}

/// How a [`LoopPlan`]'s work is cut into units for the threads: one unit per inner run when
/// there are enough runs to balance, otherwise each run cut into `per_run` pieces of
/// `piece_len` elements (the last piece of a run may be shorter). Made by
/// [`LoopPlan::split`]; units are numbered `0..LoopPlan::units(split)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSplit {
    /// Pieces per inner run (1: whole runs).
    pub per_run: usize,
    /// Elements per piece (the inner length for whole runs).
    pub piece_len: usize,
}

impl LoopPlan {
    /// Cuts the work for `threads` threads: whole runs when the loop is below
    /// [`PARALLEL_MIN_ELEMENTS`](crate::parallel::PARALLEL_MIN_ELEMENTS) elements, when there
    /// is one thread, or when there are at least four runs per thread; otherwise each run is
    /// cut into pieces of at least `min_piece` elements, a multiple of `align` (so that pieces
    /// start on cache-line or block boundaries), about four pieces per thread in all. A single
    /// long contiguous run (a C-contiguous array) so still uses every core.
    ///
    /// ```
    /// use oxarray_core::iter::LoopPlan;
    /// let plan = LoopPlan::new(&[1 << 20], &[&[1], &[1]]);
    /// let split = plan.split(2, 1 << 14, 64);
    /// assert_eq!(split.per_run, 8);
    /// assert_eq!(plan.split(1, 1 << 14, 64).per_run, 1);
    /// ```
    pub fn split(&self, threads: usize, min_piece: usize, align: usize) -> PlanSplit {
        let (outer, inner) = (self.outer_len(), self.inner_len());
        let total = outer.saturating_mul(inner);
        if threads <= 1
            || total < crate::parallel::PARALLEL_MIN_ELEMENTS
            || outer >= 4 * threads
            || inner == 0
        {
            return PlanSplit {
                per_run: 1,
                piece_len: inner.max(1),
            };
        }
        let wanted = (4 * threads).div_ceil(outer);
        let piece_len = inner
            .div_ceil(wanted)
            .max(min_piece)
            .next_multiple_of(align.max(1))
            .min(inner);
        PlanSplit {
            per_run: inner.div_ceil(piece_len),
            piece_len,
        }
    }

    /// The number of work units of `split`.
    pub fn units(&self, split: PlanSplit) -> usize {
        self.outer_len() * split.per_run
    }

    /// Runs `body(units)` over disjoint ranges of the units of `split`, on rayon's threads
    /// when the loop is large enough (see [`for_each_range`](crate::parallel::for_each_range)),
    /// on this thread otherwise.
    pub fn par_units(&self, split: PlanSplit, body: impl Fn(std::ops::Range<usize>) + Sync) {
        crate::parallel::for_each_range(self.units(split), split.piece_len, body);
    }

    /// Calls `f(offsets, start, len)` for each piece of the units `units`: `offsets` are the
    /// operands' element offsets of the first element of the piece's run (as in
    /// [`for_each_run`](Self::for_each_run)), the piece covers elements `start..start + len`
    /// of that run.
    pub fn for_each_piece(
        &self,
        split: PlanSplit,
        units: std::ops::Range<usize>,
        mut f: impl FnMut(&[isize], usize, usize),
    ) {
        if units.is_empty() {
            return;
        }
        let inner = self.inner_len();
        let PlanSplit { per_run, piece_len } = split;
        let (first, last) = (units.start / per_run, (units.end - 1) / per_run);
        let mut run = first;
        self.for_each_run(first..last + 1, |offsets, _| {
            let p0 = if run == first {
                units.start % per_run
            } else {
                0
            };
            let p1 = if run == last {
                (units.end - 1) % per_run + 1
            } else {
                per_run
            };
            for piece in p0..p1 {
                let start = piece * piece_len;
                f(offsets, start, piece_len.min(inner - start));
            }
            run += 1;
        });
    }
}

/// Iterator over the elements of a view in logical (row-major) order.
#[derive(Debug, Clone)]
pub struct Iter<'a, T> {
    ptr: NonNull<T>,
    merged: Layout,
    index: Dims,
    offset: isize,
    remaining: usize,
    _life: PhantomData<&'a T>,
}

impl<'a, T> Iter<'a, T> {
    /// # Safety
    /// Every element of `layout` from `ptr` must be valid for reads for `'a`.
    pub(crate) unsafe fn new(ptr: NonNull<T>, layout: &Layout) -> Self {
        let merged = merge_axes_c_order(layout);
        let remaining = merged.size();
        Iter {
            ptr,
            index: Dims::from_elem(0, merged.ndim()),
            merged,
            offset: 0,
            remaining,
            _life: PhantomData,
        }
    }

    #[inline]
    fn advance(&mut self) -> isize {
        let current = self.offset;
        self.remaining -= 1;
        let n = self.merged.ndim();
        for ax in (0..n).rev() {
            self.index[ax] += 1;
            self.offset += self.merged.strides[ax];
            if self.index[ax] < self.merged.shape[ax] {
                break;
            }
            self.offset -= self.merged.strides[ax] * self.merged.shape[ax] as isize;
            self.index[ax] = 0;
        }
        current
    }
}

impl<'a, T: 'a> Iterator for Iter<'a, T> {
    type Item = &'a T;

    #[inline]
    fn next(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        let offset = self.advance();
        // SAFETY: `offset` is the offset of an element of the layout, valid for reads for 'a
        // by the contract of `Iter::new`.
        Some(unsafe { &*self.ptr.as_ptr().offset(offset) })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, T: 'a> ExactSizeIterator for Iter<'a, T> {}

/// Iterator over mutable references in logical (row-major) order.
#[derive(Debug)]
pub struct IterMut<'a, T> {
    inner: Iter<'a, T>,
    _life: PhantomData<&'a mut T>,
}

impl<'a, T> IterMut<'a, T> {
    /// # Safety
    /// Every element of `layout` from `ptr` must be valid for writes for `'a`, with no other
    /// access meanwhile, and no two indices of `layout` may address the same element.
    pub(crate) unsafe fn new(ptr: NonNull<T>, layout: &Layout) -> Self {
        IterMut {
            // SAFETY: forwarded contract (writes imply reads).
            inner: unsafe { Iter::new(ptr, layout) },
            _life: PhantomData,
        }
    }
}

impl<'a, T: 'a> Iterator for IterMut<'a, T> {
    type Item = &'a mut T;

    #[inline]
    fn next(&mut self) -> Option<&'a mut T> {
        if self.inner.remaining == 0 {
            return None;
        }
        let offset = self.inner.advance();
        // SAFETY: each offset is visited once and addresses a distinct element (no overlap,
        // contract of `IterMut::new`), so the returned references never alias.
        Some(unsafe { &mut *self.inner.ptr.as_ptr().offset(offset) })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<'a, T: 'a> ExactSizeIterator for IterMut<'a, T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_logical_order() {
        let l = Layout {
            shape: [2, 3, 4].into(),
            strides: [12, 4, 1].into(),
        };
        assert_eq!(merge_axes_c_order(&l).shape.to_vec(), vec![24]);
        let t = Layout {
            shape: [4, 3].into(),
            strides: [1, 4].into(),
        };
        assert_eq!(merge_axes_c_order(&t).shape.to_vec(), vec![4, 3]);
    }

    #[test]
    fn loop_plan_flips_and_merges() {
        // A reversed contiguous vector: one forward run of stride 1 from the last element.
        let plan = LoopPlan::new(&[5], &[&[-1], &[1]]);
        assert_eq!(plan.inner_strides(), vec![1, -1]);
        let mut runs = vec![];
        plan.for_each_run(0..plan.outer_len(), |o, n| runs.push((o.to_vec(), n)));
        assert_eq!(runs, vec![(vec![-4, 4], 5)]);
        // Two C-contiguous 2-D operands merge into one run.
        let plan = LoopPlan::new(&[3, 4], &[&[4, 1], &[4, 1]]);
        assert_eq!((plan.outer_len(), plan.inner_len()), (1, 12));
        // A broadcast operand (stride 0) blocks merging but not the walk.
        let plan = LoopPlan::new(&[3, 4], &[&[4, 1], &[0, 1]]);
        assert_eq!((plan.outer_len(), plan.inner_len()), (3, 4));
    }
}
