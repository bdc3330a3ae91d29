//! The evaluator: broadcasting, the loop plan, the split over threads, and the block loop.
//!
//! Every leaf is broadcast to the output shape and one core [`LoopPlan`] is built over the
//! output (operand 0, which decides the axis order) and all leaves. The plan's inner runs are
//! cut into segments that the threads share (a long run is cut too, so a single contiguous
//! array still uses every core), and each segment is evaluated block by block: the root node
//! fills a block, which is then stored into the destination. No full-size temporary exists at
//! any time.
//!
//! Stores: when the output is contiguous along the run and is not also an input, the root
//! writes straight into the destination. When the output is much larger than the last-level
//! cache, blocks are written with non-temporal stores instead (x86-64), which skip the read
//! of each destination cache line that an ordinary store would cause: a third of the memory
//! traffic of `y = 2.5 * x + 1.2` for large arrays. In place ([`update`](super::update)) the
//! block is first computed into a buffer and then copied over the destination, so no
//! reference to the destination's memory is ever alive while it is written.

use std::mem::MaybeUninit;
use std::sync::Arc;

use oxarray_core::iter::LoopPlan;
use oxarray_core::layout::{Layout, Order, checked_size};
use oxarray_core::parallel::{PARALLEL_MIN_ELEMENTS, SendPtr, for_each_range};
use oxarray_core::{Array, ArrayViewMut, Element, Error, Result, Storage, broadcast_shapes};

use super::expr::{BLOCK, BlockCtx, Expr, LeafDesc, Operand, Slot, assume_init, slot_as};

/// Outputs at least this large are written with non-temporal stores: they would not stay in
/// the last-level cache anyway (32 MiB on the reference machine, shared by all cores).
pub(crate) const STREAM_MIN_BYTES: usize = 32 << 20;

/// How the destination relates to the leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dest {
    /// A separate array (fresh, or an `out` borrowed exclusively): no leaf aliases it.
    Separate,
    /// The destination is also read as a leaf ([`update`](super::update)).
    InPlace,
}

/// The leaves of an expression: pointers and layouts.
fn leaves<E: Expr>(expr: &E) -> Vec<LeafDesc<'_>> {
    let mut v = Vec::with_capacity(E::LEAVES);
    expr.visit_leaves(&mut |d| v.push(d));
    debug_assert_eq!(v.len(), E::LEAVES);
    v
}

/// The broadcast shape of the leaves, or [`Error::BroadcastMismatch`] naming all of them.
fn broadcast_shape(leaves: &[LeafDesc<'_>]) -> Result<Vec<usize>> {
    let shapes: Vec<&[usize]> = leaves.iter().map(|l| &l.layout.shape[..]).collect();
    broadcast_shapes(&shapes)
}

/// The shape an expression evaluates to.
pub(crate) fn shape_of<E: Expr>(expr: &E) -> Result<Vec<usize>> {
    broadcast_shape(&leaves(expr))
}

/// The leaves' strides broadcast to `shape`.
fn leaf_strides(leaves: &[LeafDesc<'_>], shape: &[usize]) -> Result<Vec<Vec<isize>>> {
    leaves
        .iter()
        .map(|l| Ok(l.layout.broadcast_to(shape)?.strides.to_vec()))
        .collect()
}

/// `expr` evaluated into a new array.
pub(crate) fn eval_new<E: Expr>(expr: &E) -> Result<Array<E::Elem>> {
    let leaves = leaves(expr);
    let shape = broadcast_shape(&leaves)?;
    let strides = leaf_strides(&leaves, &shape)?;
    // Follow the inputs' memory order when every full-shape leaf is Fortran-ordered, so that
    // a transposed expression is still written and read with unit strides.
    let full: Vec<&LeafDesc<'_>> = leaves.iter().filter(|l| l.layout.shape[..] == shape[..]).collect();
    let order = if !full.is_empty()
        && full.iter().all(|l| l.layout.is_f_contiguous() && !l.layout.is_c_contiguous())
    {
        Order::F
    } else {
        Order::C
    };
    let size = checked_size(&shape, size_of::<E::Elem>())?;
    let out_layout = Layout::contiguous(&shape, order);
    let storage = Storage::filled_with::<E::Elem>(size, |slots| {
        let dst = slots.as_mut_ptr().cast::<E::Elem>();
        // SAFETY: `dst` holds the `size` elements of `out_layout`, exclusively ours; the
        // leaves were validated against `shape` above and are borrowed for the call; the
        // plan visits every element once, so every slot is written.
        unsafe { run(expr, &leaves, &strides, &out_layout, dst, Dest::Separate) };
    })?;
    // SAFETY: the storage holds exactly the initialised elements of the contiguous layout.
    Ok(unsafe { Array::from_storage(Arc::new(storage), 0, out_layout) })
}

/// `expr` evaluated into `out` (the leaves broadcast to its shape).
pub(crate) fn eval_into<E: Expr>(
    expr: &E,
    out: &mut ArrayViewMut<'_, E::Elem>,
    dest: Dest,
) -> Result<()> {
    let leaves = leaves(expr);
    let shape = broadcast_shape(&leaves)?;
    let out_shape = out.shape().to_vec();
    let fits = Layout {
        shape: shape[..].into(),
        strides: vec![0; shape.len()][..].into(),
    }
    .broadcast_to(&out_shape)
    .is_ok();
    if !fits {
        return Err(Error::BroadcastTo {
            from: shape,
            to: out_shape,
        });
    }
    let strides = leaf_strides(&leaves, &out_shape)?;
    let out_layout = out.layout().clone();
    let dst = out.as_mut_ptr();
    // SAFETY: `out` is an exclusive, non-overlapping view (ArrayViewMut invariant 3); the
    // leaves are borrowed for the call and validated against its shape. With
    // `Dest::Separate` no leaf aliases `out` (the borrows are disjoint); with `Dest::InPlace`
    // the aliasing leaf has exactly `out`'s layout, which `run` handles block by block.
    unsafe { run(expr, &leaves, &strides, &out_layout, dst, dest) };
    Ok(())
}

/// Evaluates `expr` over `out_layout` into `dst`.
///
/// # Safety
/// `dst` with `out_layout` must be valid for writes, non-overlapping, and not accessed by
/// anyone else during the call; every leaf must be valid for reads with its broadcast
/// `strides` (to `out_layout.shape`); leaves may alias `dst` only with `dest ==
/// Dest::InPlace`, and then only element for element (the same layout).
unsafe fn run<E: Expr>(
    expr: &E,
    leaves: &[LeafDesc<'_>],
    strides: &[Vec<isize>],
    out_layout: &Layout,
    dst: *mut E::Elem,
    dest: Dest,
) {
    let shape = &out_layout.shape[..];
    let mut operand_strides: Vec<&[isize]> = Vec::with_capacity(leaves.len() + 1);
    operand_strides.push(&out_layout.strides[..]);
    operand_strides.extend(strides.iter().map(|s| &s[..]));
    let plan = LoopPlan::new(shape, &operand_strides);
    let (outer, inner) = (plan.outer_len(), plan.inner_len());
    if outer == 0 {
        return;
    }
    let inner_strides = plan.inner_strides();
    let out_bytes = plan.size().saturating_mul(size_of::<E::Elem>());
    let store = if dest == Dest::InPlace || inner_strides[0] != 1 {
        Store::Buffered
    } else if out_bytes >= STREAM_MIN_BYTES && cfg!(target_arch = "x86_64") {
        Store::Stream
    } else {
        Store::Direct
    };
    let job = Job {
        expr,
        plan: &plan,
        dst: SendPtr::new(dst),
        leaf_ptrs: leaves.iter().map(|l| SendPtr::from_const(l.ptr)).collect(),
        leaf_sizes: leaves.iter().map(|l| l.itemsize as isize).collect(),
        inner_strides: &inner_strides,
        store,
    };
    // Cut long runs so that every thread gets several segments even when the plan has a
    // single run (a contiguous array).
    let threads = rayon::current_num_threads();
    let total = outer.saturating_mul(inner);
    let chunk = if threads <= 1 || total < PARALLEL_MIN_ELEMENTS || outer >= 4 * threads {
        inner
    } else {
        let pieces = (4 * threads).div_ceil(outer);
        inner.div_ceil(pieces).next_multiple_of(BLOCK).min(inner)
    };
    let per_run = inner.div_ceil(chunk);
    for_each_range(outer * per_run, chunk, |units| {
        // SAFETY: forwarded contract; distinct units are distinct output elements.
        unsafe { job.run_units(units, chunk, per_run) }
    });
}

/// How blocks reach the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Store {
    /// The root writes into the destination run itself.
    Direct,
    /// Computed into a buffer, then copied with non-temporal stores.
    Stream,
    /// Computed into a buffer, then copied (in place, or a strided destination).
    Buffered,
}

/// Everything the threads share.
struct Job<'j, E: Expr> {
    expr: &'j E,
    plan: &'j LoopPlan,
    dst: SendPtr<E::Elem>,
    leaf_ptrs: Vec<SendPtr<u8>>,
    leaf_sizes: Vec<isize>,
    inner_strides: &'j [isize],
    store: Store,
}

impl<E: Expr> Job<'_, E> {
    /// Evaluates the work units `units`: unit `u` is segment `u % per_run` (of `chunk`
    /// elements) of run `u / per_run`.
    ///
    /// # Safety
    /// The contract of [`run`]; concurrent calls must get disjoint `units`.
    unsafe fn run_units(&self, units: std::ops::Range<usize>, chunk: usize, per_run: usize) {
        let nleaves = self.leaf_ptrs.len();
        let mut ctx = BlockCtx {
            ptrs: vec![std::ptr::null(); nleaves],
            strides: self.inner_strides[1..].to_vec(),
        };
        let mut scratch: Vec<Slot> = Vec::with_capacity((E::SCRATCH + 1) * BLOCK);
        // SAFETY: `Slot` is `MaybeUninit`, valid uninitialised.
        unsafe { scratch.set_len(scratch.capacity()) };
        let (first, last) = (units.start / per_run, (units.end - 1) / per_run);
        let mut run = first;
        self.plan.for_each_run(first..last + 1, |offsets, len| {
            let c0 = if run == first { units.start % per_run } else { 0 };
            let c1 = if run == last { (units.end - 1) % per_run + 1 } else { per_run };
            for c in c0..c1 {
                let start = c * chunk;
                let seg = chunk.min(len - start);
                // SAFETY: forwarded contract; this segment is part of this call's units.
                unsafe { self.segment(&mut ctx, &mut scratch, offsets, start, seg) };
            }
            run += 1;
        });
        if self.store == Store::Stream {
            stream_fence();
        }
    }

    /// Evaluates elements `start..start + len` of the run at `offsets`.
    ///
    /// # Safety
    /// The contract of [`run`]; the segment must be inside the run and owned by the caller.
    #[inline(always)]
    unsafe fn segment(
        &self,
        ctx: &mut BlockCtx,
        scratch: &mut [Slot],
        offsets: &[isize],
        start: usize,
        len: usize,
    ) {
        let (outbuf, scratch) = scratch.split_at_mut(BLOCK);
        let outbuf = slot_as::<E::Elem>(outbuf);
        let ds = self.inner_strides[0];
        let mut done = 0;
        while done < len {
            let n = BLOCK.min(len - done);
            let pos = (start + done) as isize;
            for k in 0..ctx.ptrs.len() {
                let elem = offsets[k + 1] + pos * ctx.strides[k];
                // SAFETY: the plan's offsets address elements of leaf k (contract of `run`).
                ctx.ptrs[k] = unsafe { self.leaf_ptrs[k].get().offset(elem * self.leaf_sizes[k]) };
            }
            // SAFETY: as above, for the destination.
            let dst = unsafe { self.dst.get().offset(offsets[0] + pos * ds) };
            match self.store {
                Store::Direct => {
                    // SAFETY: a unit-stride run of `n` destination elements, exclusively ours
                    // (contract of `run`), and no leaf aliases it (`Dest::Separate`).
                    let out = unsafe {
                        std::slice::from_raw_parts_mut(dst.cast::<MaybeUninit<E::Elem>>(), n)
                    };
                    // SAFETY: the leaves of `ctx` point at this block (set above).
                    match unsafe { self.expr.eval_block(ctx, 0, n, out, scratch) } {
                        Operand::InOut => {}
                        Operand::Slice(s) => {
                            for (o, &v) in out.iter_mut().zip(s) {
                                o.write(v);
                            }
                        }
                        Operand::Splat(v) => {
                            for o in out.iter_mut() {
                                o.write(v);
                            }
                        }
                    }
                }
                Store::Stream | Store::Buffered => {
                    // SAFETY: the leaves of `ctx` point at this block (set above).
                    let result = unsafe { self.expr.eval_block(ctx, 0, n, outbuf, scratch) };
                    // SAFETY: `dst` is this block of the destination (contract of `run`); the
                    // result is read before or while it is written only element for element.
                    unsafe { store_block(result, outbuf, n, dst, ds, self.store) };
                }
            }
            done += n;
        }
    }
}

/// Writes a block result to `n` destination elements at stride `ds`.
///
/// # Safety
/// `dst` must be writable for `n` elements at stride `ds`; an `Operand::Slice` may overlap
/// the destination only exactly (same elements, unit strides).
#[inline(always)]
unsafe fn store_block<T: Element>(
    result: Operand<'_, T>,
    buf: &[MaybeUninit<T>],
    n: usize,
    dst: *mut T,
    ds: isize,
    store: Store,
) {
    let src: *const T = match result {
        Operand::Splat(v) => {
            for i in 0..n as isize {
                // SAFETY: caller contract.
                unsafe { dst.offset(i * ds).write(v) };
            }
            return;
        }
        // SAFETY: the root wrote `buf[..n]`.
        Operand::InOut => unsafe { assume_init(buf, n) }.as_ptr(),
        Operand::Slice(s) => s.as_ptr(),
    };
    if ds == 1 {
        if store == Store::Stream && matches!(result, Operand::InOut) {
            // SAFETY: `src` (the buffer) and `dst` are distinct, each `n` elements long.
            unsafe { stream_copy(src.cast(), dst.cast(), n * size_of::<T>()) };
        } else {
            // SAFETY: both `n` elements long; `copy` allows the exact overlap of an in-place
            // identity (`update(x, |x| x)`).
            unsafe { std::ptr::copy(src, dst, n) };
        }
    } else {
        for i in 0..n {
            // SAFETY: caller contract; a strided destination is never read as a slice leaf
            // (in place, the target leaf has the destination's strides, so it was gathered).
            unsafe { dst.offset(i as isize * ds).write(*src.add(i)) };
        }
    }
}

/// Copies `bytes` bytes with non-temporal stores where the destination is 16-byte aligned.
///
/// # Safety
/// `src` readable and `dst` writable for `bytes` bytes; they do not overlap.
#[inline(always)]
unsafe fn stream_copy(src: *const u8, dst: *mut u8, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
        let head = dst.align_offset(16).min(bytes);
        // SAFETY: caller contract; `head <= bytes`.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
        let mut i = head;
        while i + 64 <= bytes {
            // SAFETY: caller contract; `dst + i` is 16-byte aligned (SSE2 is part of x86-64).
            unsafe {
                for k in (0..64).step_by(16) {
                    let v = _mm_loadu_si128(src.add(i + k).cast::<__m128i>());
                    _mm_stream_si128(dst.add(i + k).cast::<__m128i>(), v);
                }
            }
            i += 64;
        }
        // SAFETY: caller contract; the tail is inside both ranges.
        unsafe { std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), bytes - i) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: caller contract.
    unsafe {
        std::ptr::copy_nonoverlapping(src, dst, bytes)
    };
}

/// Orders this thread's non-temporal stores before anything it does next (the join that
/// publishes the result to other threads).
fn stream_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `sfence` has no preconditions (SSE is part of x86-64).
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}
