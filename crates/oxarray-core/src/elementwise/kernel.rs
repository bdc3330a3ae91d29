//! The elementwise loop: a [`LoopPlan`] (operands already broadcast to one shape, the output
//! first) walked run by run, split over rayon's threads above a size threshold, each run taking
//! the contiguous SIMD body when every operand's inner stride is 1 (or 0 for a broadcast
//! scalar) and the strided scalar loop otherwise.
//!
//! SIMD dispatch (`pulp::Arch::dispatch`) happens once per thread chunk, not once per run, so
//! short runs of a broadcast pay no dispatch cost.

use std::cell::Cell;
use std::ops::Range;

use crate::Element;
use crate::iter::{LoopPlan, PlanSplit};
use crate::parallel::SendPtr;
use pulp::{Arch, Simd, WithSimd};

use super::ops::{BinaryOp, Contiguous, Splat, UnaryOp};

thread_local! {
    static SIMD_ENABLED: Cell<bool> = const { Cell::new(true) };
}

/// Runs `f` with the SIMD kernels disabled on the calling thread: every elementwise loop that
/// `f` starts takes the plain strided scalar path (the reference the SIMD path is tested
/// against; see the module docs for the agreement guaranteed).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_core::elementwise::{ops::Sqrt, unary, with_scalar_kernels};
/// let x = array![1.0f64, 4.0, 9.0];
/// let fast = unary(Sqrt, &x).unwrap();
/// let reference = with_scalar_kernels(|| unary(Sqrt, &x)).unwrap();
/// assert_eq!(fast, reference);
/// ```
pub fn with_scalar_kernels<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SIMD_ENABLED.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(SIMD_ENABLED.with(|c| c.replace(false)));
    f()
}

fn simd_enabled() -> bool {
    SIMD_ENABLED.with(|c| c.get())
}

/// The most operands a loop has (output, two inputs, mask).
const MAX_OPERANDS: usize = 4;

/// Calls `f(offsets, len)` for the pieces of the units `units`, each piece's offsets shifted to
/// its first element.
fn visit(
    plan: &LoopPlan,
    split: PlanSplit,
    inner_strides: &[isize],
    units: Range<usize>,
    f: &mut impl FnMut(&[isize], usize),
) {
    plan.for_each_piece(split, units, |offsets, start, len| {
        if start == 0 {
            return f(offsets, len);
        }
        let mut shifted = [0isize; MAX_OPERANDS];
        for (k, (&o, &s)) in offsets.iter().zip(inner_strides).enumerate() {
            shifted[k] = o + start as isize * s;
        }
        f(&shifted[..offsets.len()], len)
    });
}

/// Cuts `plan` into units (pieces of at least 16 Ki elements, a multiple of 64 so that
/// pieces start on cache-line and register boundaries) and runs `body(split, units)` over the
/// thread pool when the loop is large enough, on this thread otherwise.
fn drive(plan: &LoopPlan, body: impl Fn(PlanSplit, Range<usize>) + Sync) {
    let split = plan.split(rayon::current_num_threads(), 1 << 14, 64);
    plan.par_units(split, |units| body(split, units));
}

/// Element `[0, ..., 0]` of an operand and its strides (in elements) in the loop's shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Operand<'s, T> {
    /// Pointer to element `[0, ..., 0]`.
    pub ptr: *const T,
    /// Strides in elements, one per axis of the loop's shape.
    pub strides: &'s [isize],
}

/// The output operand of a loop.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OutOperand<'s, T> {
    /// Pointer to element `[0, ..., 0]`.
    pub ptr: *mut T,
    /// Strides in elements (no two indices may address the same element).
    pub strides: &'s [isize],
}

/// `out[i] = op(a[i])` for every index `i` of `shape` (where `mask[i]` when given).
///
/// # Safety
/// Each operand's layout (`shape` with its strides) must be valid from its pointer; `out` must
/// be writable (possibly uninitialised) and must not overlap itself or the inputs, except that
/// `a` may be exactly `out` (same pointer and strides: in place).
pub(crate) unsafe fn run_unary<Op: UnaryOp<T>, T: Element>(
    op: Op,
    shape: &[usize],
    out: OutOperand<'_, Op::Output>,
    a: Operand<'_, T>,
    mask: Option<Operand<'_, bool>>,
) {
    let mut strides = vec![out.strides, a.strides];
    if let Some(m) = &mask {
        strides.push(m.strides);
    }
    let plan = LoopPlan::new(shape, &strides);
    let inner = plan.inner_strides();
    let (o, x) = (SendPtr::new(out.ptr), SendPtr::from_const(a.ptr));
    let m = mask.map(|m| SendPtr::from_const(m.ptr));
    let simd = Op::VECTORIZE && simd_enabled() && m.is_none();
    drive(&plan, |split, units| {
        let chunk = Chunk {
            op,
            plan: &plan,
            split,
            units,
            inner: &inner,
            ptrs: (o, x, m),
        };
        // `Op::VECTORIZE` is a constant: for ops without a vector body the SIMD variants are
        // not even instantiated.
        if Op::VECTORIZE && simd {
            chunk.run_simd();
        } else {
            chunk.run_scalar();
        }
    });
}

/// One thread's share of a loop: the units `units` of `plan`, the operands' pointers `ptrs`
/// (output first, mask last).
struct Chunk<'p, Op, Ptrs> {
    op: Op,
    plan: &'p LoopPlan,
    split: PlanSplit,
    units: Range<usize>,
    inner: &'p [isize],
    ptrs: Ptrs,
}

impl<Op, Ptrs> Chunk<'_, Op, Ptrs> {
    /// Calls `f(offsets, len)` for each run of the chunk.
    fn visit(&self, f: &mut impl FnMut(&[isize], usize)) {
        visit(self.plan, self.split, self.inner, self.units.clone(), f);
    }

    /// Collects the chunk's runs in batches and hands each to `run`, which runs the whole
    /// batch inside one SIMD dispatch.
    fn batched<const N: usize>(&self, mut run: impl FnMut(&Batch<N>)) {
        let mut batch = Batch::<N>::new();
        self.visit(&mut |off, len| {
            if batch.push(off, len) {
                run(&batch);
                batch.count = 0;
            }
        });
        if batch.count > 0 {
            run(&batch);
        }
    }
}

type UnaryPtrs<O, T> = (SendPtr<O>, SendPtr<T>, Option<SendPtr<bool>>);

impl<Op: UnaryOp<T>, T: Element> Chunk<'_, Op, UnaryPtrs<Op::Output, T>> {
    fn run_scalar(self) {
        let (so, sa) = (self.inner[0], self.inner[1]);
        let (o, a, m) = self.ptrs;
        let op = self.op;
        self.visit(&mut |off, len| {
            // SAFETY: the offsets come from the plan over each operand's own layout (contract
            // of `run_unary`); units are disjoint between threads.
            unsafe {
                let (o, a) = (o.get().offset(off[0]), a.get().offset(off[1]));
                match m {
                    None => {
                        for j in 0..len as isize {
                            o.offset(j * so).write(op.scalar(a.offset(j * sa).read()));
                        }
                    }
                    Some(m) => {
                        let (m, sm) = (m.get().offset(off[2]), self.inner[2]);
                        for j in 0..len as isize {
                            if m.offset(j * sm).read() {
                                o.offset(j * so).write(op.scalar(a.offset(j * sa).read()));
                            }
                        }
                    }
                }
            }
        });
    }
}

impl<Op: UnaryOp<T>, T: Element> Chunk<'_, Op, UnaryPtrs<Op::Output, T>> {
    /// Collects the chunk's runs in batches and runs each batch under SIMD dispatch.
    fn run_simd(self) {
        let arch = Arch::new();
        let (o, a, _) = self.ptrs;
        let strides = [self.inner[0], self.inner[1]];
        self.batched::<2>(|batch| {
            arch.dispatch(UnaryBatch {
                op: self.op,
                batch,
                ptrs: (o, a),
                strides,
            })
        });
    }
}

/// Runs of one chunk, gathered so that a whole batch runs inside one SIMD dispatch: the body
/// must be inlined into the dispatched function (closures called from the plan's walker would
/// be compiled without the SIMD target features).
struct Batch<const N: usize> {
    offsets: [[isize; N]; BATCH],
    lens: [usize; BATCH],
    count: usize,
}

/// Runs per batch.
const BATCH: usize = 64;

impl<const N: usize> Batch<N> {
    fn new() -> Self {
        Batch {
            offsets: [[0; N]; BATCH],
            lens: [0; BATCH],
            count: 0,
        }
    }

    /// Adds a run; true when the batch is full.
    #[inline]
    fn push(&mut self, offsets: &[isize], len: usize) -> bool {
        self.offsets[self.count].copy_from_slice(&offsets[..N]);
        self.lens[self.count] = len;
        self.count += 1;
        self.count == BATCH
    }
}

struct UnaryBatch<'b, Op: UnaryOp<T>, T: Element> {
    op: Op,
    batch: &'b Batch<2>,
    ptrs: (SendPtr<Op::Output>, SendPtr<T>),
    strides: [isize; 2],
}

impl<Op: UnaryOp<T>, T: Element> WithSimd for UnaryBatch<'_, Op, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        let [so, sa] = self.strides;
        let op = self.op;
        for r in 0..self.batch.count {
            let (off, len) = (self.batch.offsets[r], self.batch.lens[r]);
            // SAFETY: the offsets come from the plan over each operand's own layout (contract
            // of `run_unary`); unit strides make the run a contiguous slice; batches of
            // different threads hold disjoint units.
            unsafe {
                let o = self.ptrs.0.get().offset(off[0]);
                let a = self.ptrs.1.get().offset(off[1]);
                if so == 1 && sa == 1 {
                    op.contiguous(simd, a, o, len);
                } else {
                    for j in 0..len as isize {
                        o.offset(j * so).write(op.scalar(a.offset(j * sa).read()));
                    }
                }
            }
        }
    }
}

/// `out[i] = op(a[i], b[i])` for every index `i` of `shape` (where `mask[i]` when given).
///
/// # Safety
/// As [`run_unary`]; either input may be exactly `out` (in place).
pub(crate) unsafe fn run_binary<Op: BinaryOp<T>, T: Element>(
    op: Op,
    shape: &[usize],
    out: OutOperand<'_, Op::Output>,
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    mask: Option<Operand<'_, bool>>,
) {
    let mut strides = vec![out.strides, a.strides, b.strides];
    if let Some(m) = &mask {
        strides.push(m.strides);
    }
    let plan = LoopPlan::new(shape, &strides);
    let inner = plan.inner_strides();
    let ptrs = (
        SendPtr::new(out.ptr),
        SendPtr::from_const(a.ptr),
        SendPtr::from_const(b.ptr),
        mask.map(|m| SendPtr::from_const(m.ptr)),
    );
    let simd = Op::VECTORIZE && simd_enabled() && ptrs.3.is_none();
    drive(&plan, |split, units| {
        let chunk = Chunk {
            op,
            plan: &plan,
            split,
            units,
            inner: &inner,
            ptrs,
        };
        // `Op::VECTORIZE` is a constant: for ops without a vector body the SIMD variants are
        // not even instantiated.
        if Op::VECTORIZE && simd {
            chunk.run_simd();
        } else {
            chunk.run_scalar();
        }
    });
}

type BinaryPtrs<O, T> = (SendPtr<O>, SendPtr<T>, SendPtr<T>, Option<SendPtr<bool>>);

impl<Op: BinaryOp<T>, T: Element> Chunk<'_, Op, BinaryPtrs<Op::Output, T>> {
    fn run_scalar(self) {
        let (so, sa, sb) = (self.inner[0], self.inner[1], self.inner[2]);
        let (o, a, b, m) = self.ptrs;
        let op = self.op;
        self.visit(&mut |off, len| {
            // SAFETY: the offsets come from the plan over each operand's own layout (contract
            // of `run_binary`); units are disjoint between threads.
            unsafe {
                let o = o.get().offset(off[0]);
                let (a, b) = (a.get().offset(off[1]), b.get().offset(off[2]));
                match m {
                    None => {
                        for j in 0..len as isize {
                            let r = op.scalar(a.offset(j * sa).read(), b.offset(j * sb).read());
                            o.offset(j * so).write(r);
                        }
                    }
                    Some(m) => {
                        let (m, sm) = (m.get().offset(off[3]), self.inner[3]);
                        for j in 0..len as isize {
                            if m.offset(j * sm).read() {
                                let r = op.scalar(a.offset(j * sa).read(), b.offset(j * sb).read());
                                o.offset(j * so).write(r);
                            }
                        }
                    }
                }
            }
        });
    }
}

impl<Op: BinaryOp<T>, T: Element> Chunk<'_, Op, BinaryPtrs<Op::Output, T>> {
    /// Collects the chunk's runs in batches and runs each batch under SIMD dispatch.
    fn run_simd(self) {
        let arch = Arch::new();
        let (o, a, b, _) = self.ptrs;
        let strides = [self.inner[0], self.inner[1], self.inner[2]];
        self.batched::<3>(|batch| {
            arch.dispatch(BinaryBatch {
                op: self.op,
                batch,
                ptrs: (o, a, b),
                strides,
            })
        });
    }
}

struct BinaryBatch<'b, Op: BinaryOp<T>, T: Element> {
    op: Op,
    batch: &'b Batch<3>,
    ptrs: (SendPtr<Op::Output>, SendPtr<T>, SendPtr<T>),
    strides: [isize; 3],
}

impl<Op: BinaryOp<T>, T: Element> WithSimd for BinaryBatch<'_, Op, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        let [so, sa, sb] = self.strides;
        let op = self.op;
        for r in 0..self.batch.count {
            let (off, len) = (self.batch.offsets[r], self.batch.lens[r]);
            // SAFETY: as in `UnaryBatch`; a zero stride makes an operand a broadcast scalar,
            // read once.
            unsafe {
                let o = self.ptrs.0.get().offset(off[0]);
                let a = self.ptrs.1.get().offset(off[1]);
                let b = self.ptrs.2.get().offset(off[2]);
                match (so, sa, sb) {
                    (1, 1, 1) => op.contiguous(simd, Contiguous(a), Contiguous(b), o, len),
                    (1, 1, 0) => op.contiguous(simd, Contiguous(a), Splat(b.read()), o, len),
                    (1, 0, 1) => op.contiguous(simd, Splat(a.read()), Contiguous(b), o, len),
                    _ => {
                        for j in 0..len as isize {
                            let r = op.scalar(a.offset(j * sa).read(), b.offset(j * sb).read());
                            o.offset(j * so).write(r);
                        }
                    }
                }
            }
        }
    }
}
