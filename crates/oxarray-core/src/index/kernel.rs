//! The loops that execute a [`Plan`]: a parallel gather into a new C-order array, and a serial
//! scatter (serial so that repeated indices keep NumPy's "last write wins" in C order, and so
//! that no two threads ever write one element).

use std::mem::MaybeUninit;
use std::ops::Range;

use crate::element::Element;
use crate::parallel::{SendPtr, for_each_range};

use super::plan::Plan;

/// A plan's output space as a loop: axes of length one dropped, neighbours merged where every
/// operand allows, with at least one axis. The last axis is the inner run.
pub(crate) struct Loop<'p> {
    dims: Vec<usize>,
    src: Vec<isize>,
    /// Strides of a second operand over the output (the values of a scatter), or zeros.
    extra: Vec<isize>,
    entries: Vec<(&'p [isize], Vec<isize>)>,
    base: isize,
    inner: Inner,
}

/// What varies along the inner axis.
#[derive(Clone, Copy)]
enum Inner {
    /// Only the source pointer, by this stride.
    Strided(isize),
    /// Only entry `k`, by `step` positions in its offsets.
    Gather { k: usize, step: isize },
    /// Anything else.
    General,
}

impl<'p> Loop<'p> {
    /// The loop of `plan`, with `extra` the strides over the output of a second operand.
    pub(crate) fn new(plan: &'p Plan, extra: Option<&[isize]>) -> Loop<'p> {
        let n = plan.shape.len();
        let extra_in: Vec<isize> = extra.map_or_else(|| vec![0; n], <[isize]>::to_vec);
        let mut lp = Loop {
            dims: Vec::with_capacity(n),
            src: Vec::with_capacity(n),
            extra: Vec::with_capacity(n),
            entries: plan
                .entries
                .iter()
                .map(|e| (&e.offsets[..], Vec::with_capacity(n)))
                .collect(),
            base: plan.base,
            inner: Inner::General,
        };
        for d in 0..n {
            let len = plan.shape[d];
            if len == 1 {
                continue;
            }
            let mergeable = !lp.dims.is_empty() && {
                let l = lp.dims.len() - 1;
                let fits = |outer: isize, inner: isize| outer == inner * len as isize;
                fits(lp.src[l], plan.strides[d])
                    && fits(lp.extra[l], extra_in[d])
                    && lp
                        .entries
                        .iter()
                        .zip(&plan.entries)
                        .all(|((_, s), e)| fits(s[l], e.strides[d]))
            };
            if mergeable {
                let l = lp.dims.len() - 1;
                lp.dims[l] *= len;
                lp.src[l] = plan.strides[d];
                lp.extra[l] = extra_in[d];
                for ((_, s), e) in lp.entries.iter_mut().zip(&plan.entries) {
                    s[l] = e.strides[d];
                }
            } else {
                lp.dims.push(len);
                lp.src.push(plan.strides[d]);
                lp.extra.push(extra_in[d]);
                for ((_, s), e) in lp.entries.iter_mut().zip(&plan.entries) {
                    s.push(e.strides[d]);
                }
            }
        }
        if lp.dims.is_empty() {
            lp.dims.push(1);
            lp.src.push(0);
            lp.extra.push(0);
            for (_, s) in &mut lp.entries {
                s.push(0);
            }
        }
        let last = lp.dims.len() - 1;
        let mut varying = (0..lp.entries.len()).filter(|&k| lp.entries[k].1[last] != 0);
        lp.inner = match (varying.next(), varying.next()) {
            (None, _) => Inner::Strided(lp.src[last]),
            (Some(k), None) if lp.src[last] == 0 => Inner::Gather {
                k,
                step: lp.entries[k].1[last],
            },
            _ => Inner::General,
        };
        lp
    }

    fn inner_len(&self) -> usize {
        self.dims[self.dims.len() - 1]
    }

    fn size(&self) -> usize {
        self.dims.iter().product()
    }

    /// Calls `f(cursor, js)` for the parts of inner runs covering flat output positions
    /// `flat` (C order over the loop), `js` being the inner positions of that run.
    fn walk(&self, flat: Range<usize>, mut f: impl FnMut(&Cursor, Range<usize>)) {
        let inner = self.inner_len();
        if inner == 0 || flat.is_empty() {
            return;
        }
        let mut cursor = Cursor::at(self, flat.start / inner);
        let mut j0 = flat.start % inner;
        let mut pos = flat.start;
        loop {
            let j1 = inner.min(j0 + (flat.end - pos));
            f(&cursor, j0..j1);
            pos += j1 - j0;
            if pos >= flat.end {
                break;
            }
            j0 = 0;
            cursor.advance(self);
        }
    }
}

/// Position at the start of one inner run: source and extra offsets, entry positions.
struct Cursor {
    index: Vec<usize>,
    src: isize,
    extra: isize,
    pos: Vec<isize>,
}

impl Cursor {
    fn at(lp: &Loop<'_>, row: usize) -> Cursor {
        let outer = &lp.dims[..lp.dims.len() - 1];
        let index = crate::iter::unravel(row, outer).to_vec();
        let dot =
            |s: &[isize]| -> isize { index.iter().zip(s).map(|(&i, &s)| i as isize * s).sum() };
        Cursor {
            src: lp.base + dot(&lp.src),
            extra: dot(&lp.extra),
            pos: lp.entries.iter().map(|(_, s)| dot(s)).collect(),
            index,
        }
    }

    fn advance(&mut self, lp: &Loop<'_>) {
        for ax in (0..self.index.len()).rev() {
            self.index[ax] += 1;
            self.src += lp.src[ax];
            self.extra += lp.extra[ax];
            for (p, (_, s)) in self.pos.iter_mut().zip(&lp.entries) {
                *p += s[ax];
            }
            if self.index[ax] < lp.dims[ax] {
                return;
            }
            let back = lp.dims[ax] as isize;
            self.index[ax] = 0;
            self.src -= lp.src[ax] * back;
            self.extra -= lp.extra[ax] * back;
            for (p, (_, s)) in self.pos.iter_mut().zip(&lp.entries) {
                *p -= s[ax] * back;
            }
        }
    }

    /// Source offset of inner position `j` of this run.
    #[inline]
    fn offset_at(&self, lp: &Loop<'_>, j: usize) -> isize {
        let last = lp.dims.len() - 1;
        let j = j as isize;
        let mut off = self.src + j * lp.src[last];
        for ((offsets, s), &p) in lp.entries.iter().zip(&self.pos) {
            off += offsets[(p + j * s[last]) as usize];
        }
        off
    }

    /// Source offset of the run start from the basic axes and the entries that do not vary
    /// along the inner axis.
    #[inline]
    fn fixed_offset(&self, lp: &Loop<'_>) -> isize {
        let last = lp.dims.len() - 1;
        let mut off = self.src;
        for ((offsets, s), &p) in lp.entries.iter().zip(&self.pos) {
            if s[last] == 0 {
                off += offsets[p as usize];
            }
        }
        off
    }
}

/// Writes the elements the plan selects from `src` into `out` (C order over the plan's
/// shape), over all cores for large outputs.
///
/// # Safety
/// Every offset the plan produces must address a readable element of `src` (the plan was
/// built from `src`'s layout), and `out.len()` must be the plan's size.
pub(crate) unsafe fn gather<T: Element>(lp: &Loop<'_>, src: *const T, out: &mut [MaybeUninit<T>]) {
    let total = lp.size();
    debug_assert_eq!(total, out.len());
    let src = SendPtr::from_const(src);
    let dst = SendPtr::new(out.as_mut_ptr());
    let inner = lp.inner_len();
    // Flat ranges cover partial rows too, so a single long row still splits over the cores.
    for_each_range(total, 1, |flat| {
        lp.walk(flat, |cursor, js| {
            let row_start = (cursor_row(cursor, lp) * inner) as isize;
            // SAFETY: flat ranges are disjoint, so each output slot is written by one thread
            // (`row_start + j` < total); source offsets are elements of `src` (contract).
            unsafe { gather_run(lp, cursor, src.get(), js, dst.get().offset(row_start)) };
        });
    });
}

/// The row number of a cursor (its outer multi-index in C order).
fn cursor_row(cursor: &Cursor, lp: &Loop<'_>) -> usize {
    cursor
        .index
        .iter()
        .zip(&lp.dims)
        .fold(0, |acc, (&i, &d)| acc * d + i)
}

/// # Safety
/// As [`gather`]; `out` points at inner position 0 of this run's output row.
#[inline]
unsafe fn gather_run<T: Element>(
    lp: &Loop<'_>,
    cursor: &Cursor,
    src: *const T,
    js: Range<usize>,
    out: *mut MaybeUninit<T>,
) {
    let len = js.len();
    // SAFETY: `out + js` lies inside this run's row of the output (caller contract).
    let out = unsafe { std::slice::from_raw_parts_mut(out.add(js.start), len) };
    match lp.inner {
        Inner::Strided(stride) => {
            // SAFETY: the run's source elements are `fixed + j * stride` (contract).
            let p = unsafe { src.offset(cursor.fixed_offset(lp) + js.start as isize * stride) };
            if stride == 1 {
                // SAFETY: a unit stride run of `len` readable elements; `out` has `len` slots.
                unsafe { std::ptr::copy_nonoverlapping(p, out.as_mut_ptr().cast::<T>(), len) };
            } else {
                for (j, o) in out.iter_mut().enumerate() {
                    // SAFETY: as above.
                    o.write(unsafe { *p.offset(j as isize * stride) });
                }
            }
        }
        Inner::Gather { k, step } => {
            // SAFETY: the fixed offset plus an entry offset is an element of `src` (contract).
            let p = unsafe { src.offset(cursor.fixed_offset(lp)) };
            let offsets = lp.entries[k].0;
            let first = cursor.pos[k] + js.start as isize * step;
            if step == 1 {
                let offsets = &offsets[first as usize..first as usize + len];
                for (o, &off) in out.iter_mut().zip(offsets) {
                    // SAFETY: as above.
                    o.write(unsafe { *p.offset(off) });
                }
            } else {
                for (j, o) in out.iter_mut().enumerate() {
                    let off = offsets[(first + j as isize * step) as usize];
                    // SAFETY: as above.
                    o.write(unsafe { *p.offset(off) });
                }
            }
        }
        Inner::General => {
            for (j, o) in js.zip(out.iter_mut()) {
                // SAFETY: as above.
                o.write(unsafe { *src.offset(cursor.offset_at(lp, j)) });
            }
        }
    }
}

/// Writes `values` (laid out by the loop's extra strides from `values`) to the elements the
/// plan selects in `dst`, in C order.
///
/// # Safety
/// Every offset the plan produces must address a writable element of `dst`, exclusively held;
/// every extra offset a readable element of `values`, which must not alias `dst`.
pub(crate) unsafe fn scatter<T: Element>(lp: &Loop<'_>, dst: *mut T, values: *const T) {
    let last = lp.dims.len() - 1;
    let value_stride = lp.extra[last];
    lp.walk(0..lp.size(), |cursor, js| {
        for j in js {
            // SAFETY: caller contract.
            unsafe {
                *dst.offset(cursor.offset_at(lp, j)) =
                    *values.offset(cursor.extra + j as isize * value_stride);
            }
        }
    });
}
