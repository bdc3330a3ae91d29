//! The expression nodes and the block protocol they share.
//!
//! An expression is a tree of nodes, each a small generic type: leaves ([`Leaf`], [`Target`]),
//! scalars ([`Splat`]) and operations ([`Unary`], [`Binary`], [`Compare`], [`Where`],
//! [`Cast`], [`Map`]). The tree's type is the whole program: evaluation is monomorphised, and
//! after inlining one block of the expression is a handful of loops with no call or dispatch
//! per element.
//!
//! # The block protocol
//! The evaluator walks the output in blocks of at most [`BLOCK`] elements. For each block it
//! points every leaf at its first element (a [`BlockCtx`] holds one pointer and one inner
//! stride per leaf, leaves numbered depth-first from the left) and asks the root for the
//! block. A node answers with an [`Operand`]: the values are in the `out` buffer it was
//! handed, or they are a slice of a leaf's own memory (a contiguous leaf is never copied), or
//! they are one value for the whole block (a scalar, or a leaf broadcast along the block).
//! Children get their buffers from `scratch`, a region of [`Expr::SCRATCH`] block buffers; a
//! node's left child writes straight into the node's own `out`, so a chain such as
//! `a * 2.5 + 1.2` needs a single buffer.

use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;

use oxarray_core::{ArrayView, Element, Layout};

use super::lazy_ops::{BinaryOp, CompareOp, UnaryOp};

#[doc(hidden)]
/// Elements per block. 512 f64 are 4 KiB: the few buffers an expression needs stay in L1.
pub const BLOCK: usize = 512;

#[doc(hidden)]
/// The unit of scratch memory: 16 bytes, the size and more than the alignment of every
/// element type, so a run of [`BLOCK`] slots holds one block of any element type.
pub type Slot = MaybeUninit<u128>;

const _: () = assert!(align_of::<Slot>() >= align_of::<oxarray_core::Complex64>());
const _: () = assert!(size_of::<Slot>() >= size_of::<oxarray_core::Complex64>());

#[doc(hidden)]
/// The result of a node for one block of `n` elements.
#[derive(Debug, Clone, Copy)]
pub enum Operand<'d, T> {
    /// The values are the first `n` elements of the `out` buffer the node was given.
    InOut,
    /// The values are this slice (`n` elements) of a leaf's memory.
    Slice(&'d [T]),
    /// Every value of the block is this one.
    Splat(T),
}

#[doc(hidden)]
/// Where the leaves' elements of the current block are.
#[derive(Debug)]
pub struct BlockCtx {
    /// For each leaf (depth-first order), its element at the start of the block.
    pub(crate) ptrs: Vec<*const u8>,
    /// For each leaf, its stride in elements along the block.
    pub(crate) strides: Vec<isize>,
}

#[doc(hidden)]
/// A leaf as the evaluator sees it: its first element and layout.
#[derive(Debug, Clone, Copy)]
pub struct LeafDesc<'s> {
    /// Element `[0, ..., 0]`.
    pub ptr: *const u8,
    /// Shape and strides (in elements).
    pub layout: &'s Layout,
    /// Bytes per element.
    pub itemsize: usize,
}

mod sealed {
    pub trait Sealed {}
}

/// An elementwise expression node: the trait behind [`Lazy`](super::Lazy).
///
/// The trait is sealed; its items other than [`Expr::Elem`] are the evaluator's protocol
/// (see the [module docs](self)) and not meant to be called directly.
pub trait Expr: Clone + Send + Sync + fmt::Debug + sealed::Sealed {
    /// The element type the expression produces.
    type Elem: Element;

    /// The number of array leaves in the tree.
    #[doc(hidden)]
    const LEAVES: usize;

    /// The number of block buffers evaluation needs besides its `out` buffer.
    #[doc(hidden)]
    const SCRATCH: usize;

    /// Calls `f` for each leaf, depth-first from the left (the order of [`BlockCtx`]).
    #[doc(hidden)]
    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>));

    /// Evaluates one block of `n` elements.
    ///
    /// # Safety
    /// `1 <= n <= BLOCK`; `ctx` holds valid pointers for leaves `leaf..leaf + LEAVES`, each
    /// readable for `n` elements at its stride, and not written while the returned operand is
    /// used (`'d`); `out.len() >= n`; `scratch.len() >= SCRATCH * BLOCK`.
    #[doc(hidden)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<Self::Elem>],
        scratch: &mut [Slot],
    ) -> Operand<'d, Self::Elem>;
}

const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

/// One block buffer of `T` from a run of scratch slots.
#[inline(always)]
pub(crate) fn slot_as<T: Element>(slots: &mut [Slot]) -> &mut [MaybeUninit<T>] {
    let len = slots.len() * size_of::<Slot>() / size_of::<T>();
    // SAFETY: `MaybeUninit<T>` has no validity requirement, the slots' alignment covers every
    // element type (checked above), and `len` elements fit in the slots' bytes.
    unsafe { std::slice::from_raw_parts_mut(slots.as_mut_ptr().cast::<MaybeUninit<T>>(), len) }
}

/// The first `n` elements of `buf`, which the caller has written.
///
/// # Safety
/// `buf[..n]` must be initialised.
#[inline(always)]
pub(crate) unsafe fn assume_init<T>(buf: &[MaybeUninit<T>], n: usize) -> &[T] {
    let buf = &buf[..n];
    // SAFETY: caller contract; `MaybeUninit<T>` has the layout of `T`.
    unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<T>(), n) }
}

/// `assume_init` for a mutable buffer.
///
/// # Safety
/// `buf[..n]` must be initialised.
#[inline(always)]
pub(crate) unsafe fn assume_init_mut<T>(buf: &mut [MaybeUninit<T>], n: usize) -> &mut [T] {
    let buf = &mut buf[..n];
    // SAFETY: caller contract; `MaybeUninit<T>` has the layout of `T`.
    unsafe { std::slice::from_raw_parts_mut(buf.as_mut_ptr().cast::<T>(), n) }
}

/// A block's values as a slice or a single value.
#[derive(Clone, Copy)]
enum Src<'x, T> {
    Slice(&'x [T]),
    Splat(T),
}

/// Resolves an operand whose `InOut` case lives in `buf`.
///
/// # Safety
/// If `op` is `InOut`, `buf[..n]` must be initialised.
#[inline(always)]
unsafe fn resolve<'x, T>(op: Operand<'x, T>, buf: &'x [MaybeUninit<T>], n: usize) -> Src<'x, T> {
    match op {
        // SAFETY: caller contract.
        Operand::InOut => Src::Slice(unsafe { assume_init(buf, n) }),
        Operand::Slice(s) => Src::Slice(&s[..n]),
        Operand::Splat(v) => Src::Splat(v),
    }
}

/// `out[i] = f(i, left[i], right[i])` where `left` may already live in `out`.
///
/// # Safety
/// If `left` is `InOut`, `out[..n]` must be initialised.
#[inline(always)]
unsafe fn combine<'d, T: Copy, U: Copy>(
    n: usize,
    out: &mut [MaybeUninit<T>],
    left: Operand<'_, T>,
    right: Src<'_, U>,
    f: impl Fn(usize, T, U) -> T,
) -> Operand<'d, T> {
    match (left, right) {
        (Operand::Splat(a), Src::Splat(b)) => return Operand::Splat(f(0, a, b)),
        (Operand::InOut, Src::Slice(b)) => {
            // SAFETY: caller contract.
            let o = unsafe { assume_init_mut(out, n) };
            let b = &b[..n];
            for i in 0..n {
                o[i] = f(i, o[i], b[i]);
            }
        }
        (Operand::InOut, Src::Splat(b)) => {
            // SAFETY: caller contract.
            let o = unsafe { assume_init_mut(out, n) };
            for i in 0..n {
                o[i] = f(i, o[i], b);
            }
        }
        (Operand::Slice(a), Src::Slice(b)) => {
            let (o, a, b) = (&mut out[..n], &a[..n], &b[..n]);
            for i in 0..n {
                o[i].write(f(i, a[i], b[i]));
            }
        }
        (Operand::Slice(a), Src::Splat(b)) => {
            let (o, a) = (&mut out[..n], &a[..n]);
            for i in 0..n {
                o[i].write(f(i, a[i], b));
            }
        }
        (Operand::Splat(a), Src::Slice(b)) => {
            let (o, b) = (&mut out[..n], &b[..n]);
            for i in 0..n {
                o[i].write(f(i, a, b[i]));
            }
        }
    }
    Operand::InOut
}

/// `out[i] = f(src[i])` for a source of another type.
#[inline(always)]
fn map_into<'d, T: Copy, U: Copy>(
    n: usize,
    out: &mut [MaybeUninit<U>],
    src: Src<'_, T>,
    f: impl Fn(T) -> U,
) -> Operand<'d, U> {
    match src {
        Src::Splat(v) => Operand::Splat(f(v)),
        Src::Slice(s) => {
            let (o, s) = (&mut out[..n], &s[..n]);
            for i in 0..n {
                o[i].write(f(s[i]));
            }
            Operand::InOut
        }
    }
}

/// The block of a leaf with the given pointer and stride: borrowed when contiguous, one value
/// when broadcast along the block, gathered into `out` otherwise.
///
/// # Safety
/// `p` must be readable for `n` elements at stride `stride`, unwritten during `'d`.
#[inline(always)]
unsafe fn leaf_block<'d, T: Element>(
    p: *const T,
    stride: isize,
    n: usize,
    out: &mut [MaybeUninit<T>],
) -> Operand<'d, T> {
    if stride == 1 {
        // SAFETY: caller contract with unit stride.
        Operand::Slice(unsafe { std::slice::from_raw_parts(p, n) })
    } else if stride == 0 {
        // SAFETY: caller contract (n >= 1).
        Operand::Splat(unsafe { *p })
    } else {
        let o = &mut out[..n];
        for (i, slot) in o.iter_mut().enumerate() {
            // SAFETY: caller contract.
            slot.write(unsafe { *p.offset(i as isize * stride) });
        }
        Operand::InOut
    }
}

/// A leaf: an array, view or broadcast view, read in place.
#[derive(Clone)]
pub struct Leaf<'a, T: Element> {
    pub(crate) view: ArrayView<'a, T>,
}

impl<T: Element> fmt::Debug for Leaf<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "array{:?}", self.view.shape())
    }
}

impl<T: Element> sealed::Sealed for Leaf<'_, T> {}

impl<T: Element> Expr for Leaf<'_, T> {
    type Elem = T;
    const LEAVES: usize = 1;
    const SCRATCH: usize = 0;

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        f(LeafDesc {
            ptr: self.view.as_ptr().cast(),
            layout: self.view.layout(),
            itemsize: size_of::<T>(),
        })
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<T>],
        _scratch: &mut [Slot],
    ) -> Operand<'d, T> {
        // SAFETY: forwarded contract of `eval_block`.
        unsafe { leaf_block(ctx.ptrs[leaf].cast::<T>(), ctx.strides[leaf], n, out) }
    }
}

/// The destination of [`update`](super::update), read as a leaf of its own new value.
///
/// It has no accessor: its elements are only read by the evaluator, block by block, before
/// that block of the destination is written.
#[derive(Clone)]
pub struct Target<'a, T: Element> {
    pub(crate) ptr: NonNull<T>,
    pub(crate) layout: Layout,
    pub(crate) _life: PhantomData<&'a T>,
}

// SAFETY: a `Target` is a shared borrow of `T: Sync` data, read only by the evaluator.
unsafe impl<T: Element> Send for Target<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Element> Sync for Target<'_, T> {}

impl<T: Element> fmt::Debug for Target<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "target{:?}", &self.layout.shape[..])
    }
}

impl<T: Element> sealed::Sealed for Target<'_, T> {}

impl<T: Element> Expr for Target<'_, T> {
    type Elem = T;
    const LEAVES: usize = 1;
    const SCRATCH: usize = 0;

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        f(LeafDesc {
            ptr: self.ptr.as_ptr().cast_const().cast(),
            layout: &self.layout,
            itemsize: size_of::<T>(),
        })
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<T>],
        _scratch: &mut [Slot],
    ) -> Operand<'d, T> {
        // SAFETY: forwarded contract of `eval_block`.
        unsafe { leaf_block(ctx.ptrs[leaf].cast::<T>(), ctx.strides[leaf], n, out) }
    }
}

/// A scalar, the same for every element.
#[derive(Clone, Copy)]
pub struct Splat<T: Element>(pub(crate) T);

impl<T: Element> fmt::Debug for Splat<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl<T: Element> sealed::Sealed for Splat<T> {}

impl<T: Element> Expr for Splat<T> {
    type Elem = T;
    const LEAVES: usize = 0;
    const SCRATCH: usize = 0;

    fn visit_leaves<'s>(&'s self, _f: &mut dyn FnMut(LeafDesc<'s>)) {}

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        _ctx: &BlockCtx,
        _leaf: usize,
        _n: usize,
        _out: &mut [MaybeUninit<T>],
        _scratch: &mut [Slot],
    ) -> Operand<'d, T> {
        Operand::Splat(self.0)
    }
}

/// `op(a)` elementwise.
#[derive(Clone, Copy)]
pub struct Unary<Op, A> {
    pub(crate) a: A,
    pub(crate) _op: Op,
}

impl<Op: UnaryOp<A::Elem>, A: Expr> fmt::Debug for Unary<Op, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?})", Op::NAME, self.a)
    }
}

impl<Op, A> sealed::Sealed for Unary<Op, A> {}

impl<Op: UnaryOp<A::Elem>, A: Expr> Expr for Unary<Op, A> {
    type Elem = A::Elem;
    const LEAVES: usize = A::LEAVES;
    const SCRATCH: usize = A::SCRATCH;

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f)
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<A::Elem>],
        scratch: &mut [Slot],
    ) -> Operand<'d, A::Elem> {
        // SAFETY: forwarded contract; the child needs no more scratch than this node.
        let a = unsafe { self.a.eval_block(ctx, leaf, n, out, scratch) };
        match a {
            Operand::InOut => {
                // SAFETY: the child wrote `out[..n]`.
                let o = unsafe { assume_init_mut(out, n) };
                for v in o.iter_mut() {
                    *v = Op::apply(*v);
                }
                Operand::InOut
            }
            Operand::Slice(s) => map_into(n, out, Src::Slice(s), Op::apply),
            Operand::Splat(v) => Operand::Splat(Op::apply(v)),
        }
    }
}

/// `op(a, b)` elementwise, for two operands of one element type.
#[derive(Clone, Copy)]
pub struct Binary<Op, A, B> {
    pub(crate) a: A,
    pub(crate) b: B,
    pub(crate) _op: Op,
}

impl<Op: BinaryOp<A::Elem>, A: Expr, B: Expr<Elem = A::Elem>> fmt::Debug for Binary<Op, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?}, {:?})", Op::NAME, self.a, self.b)
    }
}

impl<Op, A, B> sealed::Sealed for Binary<Op, A, B> {}

impl<Op: BinaryOp<A::Elem>, A: Expr, B: Expr<Elem = A::Elem>> Expr for Binary<Op, A, B> {
    type Elem = A::Elem;
    const LEAVES: usize = A::LEAVES + B::LEAVES;
    const SCRATCH: usize = max(A::SCRATCH, 1 + B::SCRATCH);

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f);
        self.b.visit_leaves(f);
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<A::Elem>],
        scratch: &mut [Slot],
    ) -> Operand<'d, A::Elem> {
        // SAFETY: forwarded contract; `A` gets this node's `out` and all of its scratch.
        let a = unsafe { self.a.eval_block(ctx, leaf, n, out, scratch) };
        let (slot, rest) = scratch.split_at_mut(BLOCK);
        let buf = slot_as::<A::Elem>(slot);
        // SAFETY: forwarded contract; `B` gets the first scratch buffer (which `A` left alone
        // unless its result is not in it) and the rest.
        let b = unsafe { self.b.eval_block(ctx, leaf + A::LEAVES, n, buf, rest) };
        // SAFETY: `b` is `InOut` only when `B` wrote `buf[..n]`.
        let b = unsafe { resolve(b, buf, n) };
        // SAFETY: `a` is `InOut` only when `A` wrote `out[..n]`.
        unsafe { combine(n, out, a, b, |_, x, y| Op::apply(x, y)) }
    }
}

/// A comparison of two operands, giving `bool`.
#[derive(Clone, Copy)]
pub struct Compare<Op, A, B> {
    pub(crate) a: A,
    pub(crate) b: B,
    pub(crate) _op: Op,
}

impl<Op: CompareOp<A::Elem>, A: Expr, B: Expr<Elem = A::Elem>> fmt::Debug for Compare<Op, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?}, {:?})", Op::NAME, self.a, self.b)
    }
}

impl<Op, A, B> sealed::Sealed for Compare<Op, A, B> {}

impl<Op: CompareOp<A::Elem>, A: Expr, B: Expr<Elem = A::Elem>> Expr for Compare<Op, A, B> {
    type Elem = bool;
    const LEAVES: usize = A::LEAVES + B::LEAVES;
    const SCRATCH: usize = max(1 + A::SCRATCH, 2 + B::SCRATCH);

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f);
        self.b.visit_leaves(f);
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<bool>],
        scratch: &mut [Slot],
    ) -> Operand<'d, bool> {
        let (slot_a, rest) = scratch.split_at_mut(BLOCK);
        let buf_a = slot_as::<A::Elem>(slot_a);
        // SAFETY: forwarded contract; `A` gets buffer 0 and the scratch after it.
        let a = unsafe { self.a.eval_block(ctx, leaf, n, buf_a, rest) };
        let (slot_b, rest) = rest.split_at_mut(BLOCK);
        let buf_b = slot_as::<A::Elem>(slot_b);
        // SAFETY: forwarded contract; `B` gets buffer 1 and the scratch after it.
        let b = unsafe { self.b.eval_block(ctx, leaf + A::LEAVES, n, buf_b, rest) };
        // SAFETY: each operand is `InOut` only when its child wrote its buffer.
        let (a, b) = unsafe { (resolve(a, buf_a, n), resolve(b, buf_b, n)) };
        match (a, b) {
            (Src::Splat(x), Src::Splat(y)) => Operand::Splat(Op::apply(x, y)),
            (Src::Slice(x), Src::Splat(y)) => map_into(n, out, Src::Slice(x), |v| Op::apply(v, y)),
            (Src::Splat(x), Src::Slice(y)) => map_into(n, out, Src::Slice(y), |v| Op::apply(x, v)),
            (Src::Slice(x), Src::Slice(y)) => {
                let (o, x, y) = (&mut out[..n], &x[..n], &y[..n]);
                for i in 0..n {
                    o[i].write(Op::apply(x[i], y[i]));
                }
                Operand::InOut
            }
        }
    }
}

/// NumPy's `where(cond, a, b)`: `a` where `cond` is true, `b` elsewhere.
#[derive(Clone, Copy)]
pub struct Where<C, A, B> {
    pub(crate) cond: C,
    pub(crate) a: A,
    pub(crate) b: B,
}

impl<C: Expr<Elem = bool>, A: Expr, B: Expr<Elem = A::Elem>> fmt::Debug for Where<C, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "where({:?}, {:?}, {:?})", self.cond, self.a, self.b)
    }
}

impl<C, A, B> sealed::Sealed for Where<C, A, B> {}

impl<C: Expr<Elem = bool>, A: Expr, B: Expr<Elem = A::Elem>> Expr for Where<C, A, B> {
    type Elem = A::Elem;
    const LEAVES: usize = C::LEAVES + A::LEAVES + B::LEAVES;
    const SCRATCH: usize = max(1 + C::SCRATCH, max(1 + A::SCRATCH, 2 + B::SCRATCH));

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.cond.visit_leaves(f);
        self.a.visit_leaves(f);
        self.b.visit_leaves(f);
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<A::Elem>],
        scratch: &mut [Slot],
    ) -> Operand<'d, A::Elem> {
        let (leaf_a, leaf_b) = (leaf + C::LEAVES, leaf + C::LEAVES + A::LEAVES);
        let (slot_c, rest) = scratch.split_at_mut(BLOCK);
        let buf_c = slot_as::<bool>(slot_c);
        // SAFETY: forwarded contract; the condition gets buffer 0 and the scratch after it.
        let c = unsafe { self.cond.eval_block(ctx, leaf, n, buf_c, rest) };
        // SAFETY: `c` is `InOut` only when the condition wrote `buf_c[..n]`.
        let c = match unsafe { resolve(c, buf_c, n) } {
            // One branch for the whole block: evaluate only that one.
            // SAFETY (both arms): forwarded contract, with scratch after buffer 0.
            Src::Splat(true) => return unsafe { self.a.eval_block(ctx, leaf_a, n, out, rest) },
            Src::Splat(false) => return unsafe { self.b.eval_block(ctx, leaf_b, n, out, rest) },
            Src::Slice(c) => &c[..n],
        };
        // SAFETY: forwarded contract; `A` gets `out` and the scratch after buffer 0.
        let a = unsafe { self.a.eval_block(ctx, leaf_a, n, out, rest) };
        let (slot_b, rest) = rest.split_at_mut(BLOCK);
        let buf_b = slot_as::<A::Elem>(slot_b);
        // SAFETY: forwarded contract; `B` gets buffer 1 and the scratch after it.
        let b = unsafe { self.b.eval_block(ctx, leaf_b, n, buf_b, rest) };
        // SAFETY: `b` is `InOut` only when `B` wrote `buf_b[..n]`.
        let b = unsafe { resolve(b, buf_b, n) };
        // SAFETY: `a` is `InOut` only when `A` wrote `out[..n]`.
        unsafe { combine(n, out, a, b, |i, x, y| if c[i] { x } else { y }) }
    }
}

/// `a` converted to another element type with NumPy's `astype` semantics.
pub struct Cast<A, U> {
    pub(crate) a: A,
    pub(crate) _to: PhantomData<fn() -> U>,
}

impl<A: Clone, U> Clone for Cast<A, U> {
    fn clone(&self) -> Self {
        Cast {
            a: self.a.clone(),
            _to: PhantomData,
        }
    }
}

impl<A: Expr, U: Element> fmt::Debug for Cast<A, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "astype({:?}, {})", self.a, U::DTYPE)
    }
}

impl<A, U> sealed::Sealed for Cast<A, U> {}

impl<A: Expr, U: Element> Expr for Cast<A, U> {
    type Elem = U;
    const LEAVES: usize = A::LEAVES;
    const SCRATCH: usize = 1 + A::SCRATCH;

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f)
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<U>],
        scratch: &mut [Slot],
    ) -> Operand<'d, U> {
        let (slot, rest) = scratch.split_at_mut(BLOCK);
        let buf = slot_as::<A::Elem>(slot);
        // SAFETY: forwarded contract; the child gets buffer 0 and the scratch after it.
        let a = unsafe { self.a.eval_block(ctx, leaf, n, buf, rest) };
        // SAFETY: `a` is `InOut` only when the child wrote `buf[..n]`.
        let a = unsafe { resolve(a, buf, n) };
        map_into(n, out, a, |v: A::Elem| v.cast::<U>())
    }
}

/// `f(a)` elementwise, for any function `f` (NumPy's `vectorize`, but compiled).
#[derive(Clone)]
pub struct Map<A, F, U> {
    pub(crate) a: A,
    pub(crate) f: F,
    pub(crate) _to: PhantomData<fn() -> U>,
}

impl<A: Expr, F, U: Element> fmt::Debug for Map<A, F, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "map({:?}) -> {}", self.a, U::DTYPE)
    }
}

impl<A, F, U> sealed::Sealed for Map<A, F, U> {}

impl<A, F, U> Expr for Map<A, F, U>
where
    A: Expr,
    F: Fn(A::Elem) -> U + Clone + Send + Sync,
    U: Element,
{
    type Elem = U;
    const LEAVES: usize = A::LEAVES;
    const SCRATCH: usize = 1 + A::SCRATCH;

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f)
    }

    #[inline(always)]
    unsafe fn eval_block<'d>(
        &self,
        ctx: &BlockCtx,
        leaf: usize,
        n: usize,
        out: &mut [MaybeUninit<U>],
        scratch: &mut [Slot],
    ) -> Operand<'d, U> {
        let (slot, rest) = scratch.split_at_mut(BLOCK);
        let buf = slot_as::<A::Elem>(slot);
        // SAFETY: forwarded contract; the child gets buffer 0 and the scratch after it.
        let a = unsafe { self.a.eval_block(ctx, leaf, n, buf, rest) };
        // SAFETY: `a` is `InOut` only when the child wrote `buf[..n]`.
        let a = unsafe { resolve(a, buf, n) };
        map_into(n, out, a, &self.f)
    }
}
