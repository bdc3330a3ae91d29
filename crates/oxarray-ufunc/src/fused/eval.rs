//! The evaluator: broadcasting, the loop plan, the split over threads, and the block loop.
//!
//! Every leaf is broadcast to the output shape and one core [`LoopPlan`] is built over the
//! output (operand 0, which decides the axis order) and all leaves. The plan's inner runs are
//! cut into segments that the threads share (a long run is cut too, so a single contiguous
//! array still uses every core), and each segment is evaluated block by block (see the
//! [block protocol](super::expr)): one fused loop per block computes the whole expression.
//! No full-size temporary exists at any time.
//!
//! Stores: when the output is contiguous along the run and is not also an input, the fused
//! loop writes straight into the destination. When the output is much larger than the
//! last-level cache, blocks are computed into an L1 buffer and copied out with non-temporal
//! stores instead (x86-64), which skip the read of each destination cache line that an
//! ordinary store causes: a third of the memory traffic of `y = 2.5 * x + 1.2` on large
//! arrays. In place ([`update`](super::update)) blocks also go through the buffer, so that no
//! reference to the destination's memory is alive while it is written.

use std::mem::MaybeUninit;
use std::sync::Arc;

use oxarray_core::elementwise::result_layout;
use oxarray_core::iter::{LoopPlan, PlanSplit};
use oxarray_core::layout::{Layout, checked_size};
use oxarray_core::parallel::SendPtr;
use oxarray_core::{Array, ArrayViewMut, Error, Result, Storage, broadcast_shapes};

use super::expr::{BLOCK, Expr, LeafDesc};
use super::kernels::{
    compute, compute_lines, gather, has_avx512, splat, stream_copy, stream_fence,
};

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
    // The one result-layout rule (NumPy's order='K', as for the ufuncs and the operators):
    // a transposed expression is still written and read with unit strides.
    let broadcast: Vec<Layout> = strides
        .iter()
        .map(|s| Layout {
            shape: shape[..].into(),
            strides: s[..].into(),
        })
        .collect();
    let refs: Vec<&Layout> = broadcast.iter().collect();
    let out_layout = result_layout(&shape, &refs);
    let size = checked_size(&shape, size_of::<E::Elem>())?;
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
    let store = if inner_strides[0] != 1 {
        Store::Strided
    } else if dest == Dest::InPlace {
        Store::InPlace
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
        block: BLOCK.min(inner),
    };
    // Long runs are cut too, so that every thread gets several segments even when the plan
    // has a single run (a contiguous array); segments start on block boundaries.
    let split = plan.split(rayon::current_num_threads(), BLOCK, BLOCK);
    plan.par_units(split, |units| {
        // SAFETY: forwarded contract; distinct units are distinct output elements.
        unsafe { job.run_units(split, units) }
    });
}

/// How blocks reach the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Store {
    /// Unit stride, aliased by no leaf: the fused loop writes into the destination itself.
    Direct,
    /// As `Direct`, for an output much larger than the cache: streaming stores.
    Stream,
    /// Unit stride, also read as a leaf: computed line by line (64 bytes), each line stored
    /// after it is read.
    InPlace,
    /// Any other stride: computed into a buffer, then scattered.
    Strided,
}

/// Scratch memory: 16 bytes, the size and more than the alignment of every element type, so
/// a run of [`BLOCK`] slots holds one block of any element type.
type Slot = MaybeUninit<u128>;

const _: () = assert!(align_of::<Slot>() >= align_of::<oxarray_core::Complex64>());
const _: () = assert!(size_of::<Slot>() >= size_of::<oxarray_core::Complex64>());

/// Leaves up to this many are addressed through a local array the optimiser keeps in
/// registers.
const LOCAL_LEAVES: usize = 8;

/// Everything the threads share.
struct Job<'j, E: Expr> {
    expr: &'j E,
    plan: &'j LoopPlan,
    dst: SendPtr<E::Elem>,
    leaf_ptrs: Vec<SendPtr<u8>>,
    leaf_sizes: Vec<isize>,
    inner_strides: &'j [isize],
    store: Store,
    /// Elements per block: [`BLOCK`], or less for short runs (smaller scratch).
    block: usize,
}

/// One thread's working memory.
struct Scratch {
    /// Each leaf's pointer for the current block (contiguous after `prepare_leaves`).
    ptrs: Vec<*const u8>,
    /// For broadcast leaves: the source element last splatted into the leaf's buffer.
    splatted: Vec<*const u8>,
    /// One block buffer per leaf (used by broadcast and strided leaves), then the output's.
    buffers: Vec<Slot>,
    /// Elements per block buffer.
    block: usize,
}

impl Scratch {
    fn buffer(&mut self, k: usize) -> *mut u8 {
        self.buffers[k * self.block..(k + 1) * self.block]
            .as_mut_ptr()
            .cast()
    }
}

impl<E: Expr> Job<'_, E> {
    /// Evaluates the work units `units` of `split` (pieces of the plan's runs).
    ///
    /// # Safety
    /// The contract of [`run`]; concurrent calls must get disjoint `units`.
    unsafe fn run_units(&self, split: PlanSplit, units: std::ops::Range<usize>) {
        let nleaves = self.leaf_ptrs.len();
        let slots = (nleaves + 1) * self.block;
        let mut scratch = Scratch {
            ptrs: vec![std::ptr::null(); nleaves],
            splatted: vec![std::ptr::null(); nleaves],
            buffers: Vec::with_capacity(slots),
            block: self.block,
        };
        // SAFETY: `Slot` is `MaybeUninit`, valid uninitialised.
        unsafe { scratch.buffers.set_len(slots) };
        let arch = pulp::Arch::new();
        let avx512 = has_avx512();
        self.plan
            .for_each_piece(split, units, |offsets, start, len| {
                // The block loop is inlined into `SegmentOp::with_simd`, which pulp compiles once
                // per instruction set (AVX-512, baseline) and picks at run time.
                arch.dispatch(SegmentOp {
                    job: self,
                    scratch: &mut scratch,
                    offsets,
                    start,
                    len,
                    avx512,
                });
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
        scratch: &mut Scratch,
        offsets: &[isize],
        start: usize,
        len: usize,
        wide: bool,
    ) {
        let nleaves = self.leaf_ptrs.len();
        let ds = self.inner_strides[0];
        // A local copy of the expression (a few pointers and scalars), which no store can
        // alias: its scalars stay in registers across the loop.
        let expr = &self.expr.clone();
        let mut done = 0;
        while done < len {
            let n = self.block.min(len - done);
            let pos = (start + done) as isize;
            // SAFETY: the plan's offsets address elements of the leaves (contract of `run`).
            unsafe { self.prepare_leaves(scratch, offsets, pos, n) };
            // SAFETY: as above, for the destination.
            let dst = unsafe { self.dst.get().offset(offsets[0] + pos * ds) };
            let outbuf = scratch.buffers[nleaves * self.block..].as_mut_ptr();
            if nleaves <= LOCAL_LEAVES {
                // A local copy of the pointers, which no store can alias: the optimiser keeps
                // them in registers.
                let mut local = [std::ptr::null::<u8>(); LOCAL_LEAVES];
                local[..nleaves].copy_from_slice(&scratch.ptrs);
                // SAFETY: forwarded contract.
                unsafe { self.block(expr, &local, dst, outbuf, n, wide) };
            } else {
                // SAFETY: forwarded contract.
                unsafe { self.block(expr, &scratch.ptrs, dst, outbuf, n, wide) };
            }
            done += n;
        }
    }

    /// Computes one block of `n` elements and stores it at `dst`.
    ///
    /// # Safety
    /// The contract of [`run`]; `leaves` as `prepare_leaves` left them for this block; `dst`
    /// the block's first destination element; `outbuf` a free buffer of a block; `wide` only
    /// where the CPU has AVX-512F.
    #[inline(always)]
    unsafe fn block(
        &self,
        expr: &E,
        leaves: &[*const u8],
        dst: *mut E::Elem,
        outbuf: *mut Slot,
        n: usize,
        wide: bool,
    ) {
        match self.store {
            Store::Direct => {
                // SAFETY: this block of the destination: unit stride, exclusively ours,
                // aliased by no leaf (contract of `run`).
                let out = unsafe { std::slice::from_raw_parts_mut(dst.cast(), n) };
                // SAFETY: `prepare_leaves` made every leaf a contiguous run of `n` elements.
                unsafe { compute(expr, leaves, out) };
            }
            Store::Stream if wide => {
                // SAFETY: `wide` means AVX-512F; the leaves are contiguous runs of `n`
                // elements; `dst` as for `Direct`.
                unsafe { compute_lines::<E, true>(expr, leaves, dst, n) };
            }
            Store::Stream => {
                // SAFETY: the buffer holds a block and no leaf points into it.
                let out = unsafe { std::slice::from_raw_parts_mut(outbuf.cast(), n) };
                // SAFETY: as for `Direct`.
                unsafe { compute(expr, leaves, out) };
                // SAFETY: `dst` is `n` writable elements; the buffer holds the `n` values.
                unsafe { stream_copy(outbuf.cast(), dst.cast(), n * size_of::<E::Elem>()) };
            }
            Store::InPlace => {
                // SAFETY: the leaves are contiguous runs of `n` elements; `dst` is this block
                // of the destination, which the target leaf reads at the same positions.
                unsafe { compute_lines::<E, false>(expr, leaves, dst, n) };
            }
            Store::Strided => {
                // SAFETY: the buffer holds a block and no leaf points into it.
                let out = unsafe { std::slice::from_raw_parts_mut(outbuf.cast(), n) };
                // SAFETY: as for `Direct`.
                unsafe { compute(expr, leaves, out) };
                let (src, ds) = (outbuf.cast::<E::Elem>().cast_const(), self.inner_strides[0]);
                for i in 0..n {
                    // SAFETY: `dst + i * ds` are this block's destination elements (contract
                    // of `run`); the buffer holds the `n` values.
                    unsafe { dst.offset(i as isize * ds).write(*src.add(i)) };
                }
            }
        }
    }

    /// Points `scratch.ptrs` at contiguous runs of each leaf's `n` elements from position
    /// `pos` of the run at `offsets`: the leaf itself at unit stride, a splat buffer for a
    /// leaf broadcast along the run, a gathered copy otherwise.
    ///
    /// # Safety
    /// The contract of [`run`]; `pos..pos + n` inside the run.
    #[inline(always)]
    unsafe fn prepare_leaves(
        &self,
        scratch: &mut Scratch,
        offsets: &[isize],
        pos: isize,
        n: usize,
    ) {
        for k in 0..self.leaf_ptrs.len() {
            let (stride, size) = (self.inner_strides[k + 1], self.leaf_sizes[k]);
            // SAFETY: the plan's offsets address elements of leaf k (contract of `run`).
            let src = unsafe {
                self.leaf_ptrs[k]
                    .get()
                    .offset((offsets[k + 1] + pos * stride) * size)
                    .cast_const()
            };
            scratch.ptrs[k] = match stride {
                1 => src,
                0 => {
                    let buf = scratch.buffer(k);
                    if scratch.splatted[k] != src {
                        // A whole block, so that it also serves later, shorter blocks.
                        // SAFETY: `src` is one element; the buffer holds a block of them.
                        unsafe { splat(src, buf, size as usize, self.block) };
                        scratch.splatted[k] = src;
                    }
                    buf
                }
                _ => {
                    let buf = scratch.buffer(k);
                    // SAFETY: `src + j * stride` are elements of leaf k for `j < n`.
                    unsafe { gather(src, stride, buf, size as usize, n) };
                    buf
                }
            };
        }
    }
}

/// One segment's evaluation as a pulp kernel.
///
/// Only `run_units` builds it, for a segment of its own units: the contract of
/// [`Job::segment`] holds for every `SegmentOp` that exists.
struct SegmentOp<'a, 'j, E: Expr> {
    job: &'a Job<'j, E>,
    scratch: &'a mut Scratch,
    offsets: &'a [isize],
    start: usize,
    len: usize,
    /// Whether the CPU has AVX-512F.
    avx512: bool,
}

impl<E: Expr> pulp::WithSimd for SegmentOp<'_, '_, E> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        // 512-bit lanes: pulp's AVX-512 token, which exists only where the CPU has AVX-512F;
        // `avx512` checks it again so as not to rest on that.
        let wide = S::U64_LANES == 8 && self.avx512;
        // SAFETY: the segment belongs to the units of the `run_units` call that built this
        // op (see the type's docs), which holds the contract of `run`.
        unsafe {
            self.job
                .segment(self.scratch, self.offsets, self.start, self.len, wide)
        }
    }
}
