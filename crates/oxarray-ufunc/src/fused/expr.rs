//! The expression nodes and the block protocol they share.
//!
//! An expression is a tree of nodes, each a small generic type: leaves ([`Leaf`], [`Target`]),
//! scalars ([`Splat`]) and operations ([`Unary`], [`Binary`], [`Where`], [`Cast`], [`Map`]).
//! [`Unary`] and [`Binary`] apply the elementwise ufuncs' own op types
//! ([`ops`](crate::elementwise::ops)): a fused `a / b` computes exactly what
//! [`divide`](crate::divide) does, with the same result type. The tree's type is the whole program: evaluation is monomorphised, and
//! after inlining a block of the expression is one loop with no call or dispatch per element.
//!
//! # The block protocol
//! The evaluator walks the output in blocks of at most [`BLOCK`] elements. For each block it
//! makes every leaf contiguous: a leaf with unit stride along the block is read in place, a
//! leaf broadcast along the block (stride 0) is splatted into a small buffer, any other stride
//! is gathered into one. Leaves are numbered depth-first from the left. Then one loop runs
//! `out[i] = root.value(leaves, i)`: after inlining, the whole tree is a single loop body that
//! LLVM vectorises, with every intermediate value in a register (and repeated subexpressions,
//! such as the two halves of `t.clone() * t`, computed once).

use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

use oxarray_core::{ArrayView, Element, Layout};

use crate::elementwise::ops::{BinaryOp, UnaryOp};

pub use super::describe::Node;
use super::describe::next_leaf;

#[doc(hidden)]
/// Elements per block. 512 f64 are 4 KiB: the output block and the buffers of broadcast or
/// strided leaves stay in L1.
pub const BLOCK: usize = 512;

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

    /// The expression's structure (leaves numbered from `*leaf`, depth-first from the left),
    /// for backends that compile expressions (the CUDA crate).
    #[doc(hidden)]
    fn describe(&self, leaf: &mut usize) -> Node;

    /// Calls `f` for each leaf, depth-first from the left.
    #[doc(hidden)]
    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>));

    /// The value at position `i` of the current block.
    ///
    /// # Safety
    /// `leaves[leaf..leaf + LEAVES]` point to contiguous runs of the leaves' element types,
    /// readable at position `i`.
    #[doc(hidden)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> Self::Elem;
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

    fn describe(&self, leaf: &mut usize) -> Node {
        Node::Leaf {
            index: next_leaf(leaf),
            dtype: T::DTYPE,
            shape: self.view.shape().to_vec(),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        f(LeafDesc {
            ptr: self.view.as_ptr().cast(),
            layout: self.view.layout(),
            itemsize: size_of::<T>(),
        })
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> T {
        // SAFETY: caller contract: leaf `leaf` is a contiguous run of `T` covering `i`.
        unsafe { *leaves[leaf].cast::<T>().add(i) }
    }
}

/// The destination of [`update`](super::update), read as a leaf of its own new value.
///
/// It has no accessor: its elements are only read by the evaluator, each before the same
/// position of the destination is written.
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

    fn describe(&self, leaf: &mut usize) -> Node {
        Node::Leaf {
            index: next_leaf(leaf),
            dtype: T::DTYPE,
            shape: self.layout.shape.to_vec(),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        f(LeafDesc {
            ptr: self.ptr.as_ptr().cast_const().cast(),
            layout: &self.layout,
            itemsize: size_of::<T>(),
        })
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> T {
        // SAFETY: caller contract: leaf `leaf` is a contiguous run of `T` covering `i`.
        unsafe { *leaves[leaf].cast::<T>().add(i) }
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

    fn describe(&self, _leaf: &mut usize) -> Node {
        Node::Scalar {
            dtype: T::DTYPE,
            value: self.0.to_scalar(),
        }
    }

    fn visit_leaves<'s>(&'s self, _f: &mut dyn FnMut(LeafDesc<'s>)) {}

    #[inline(always)]
    unsafe fn value(&self, _leaves: &[*const u8], _leaf: usize, _i: usize) -> T {
        self.0
    }
}

/// `op(a)` elementwise, for an elementwise ufunc's op type (its result type may differ:
/// `sqrt` of an integer is `f64`, `isnan` is `bool`).
#[derive(Clone, Copy)]
pub struct Unary<Op, A> {
    pub(crate) a: A,
    pub(crate) op: Op,
}

impl<Op: UnaryOp<A::Elem>, A: Expr> fmt::Debug for Unary<Op, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?})", Op::NAME, self.a)
    }
}

impl<Op, A> sealed::Sealed for Unary<Op, A> {}

impl<Op: UnaryOp<A::Elem>, A: Expr> Expr for Unary<Op, A> {
    type Elem = Op::Output;
    const LEAVES: usize = A::LEAVES;

    fn describe(&self, leaf: &mut usize) -> Node {
        Node::Unary {
            op: Op::NAME,
            input: A::Elem::DTYPE,
            output: <Op::Output as Element>::DTYPE,
            a: Box::new(self.a.describe(leaf)),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f)
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> Op::Output {
        // SAFETY: forwarded contract.
        self.op.scalar(unsafe { self.a.value(leaves, leaf, i) })
    }
}

/// `op(a, b)` elementwise, for two operands of one element type and an elementwise ufunc's op
/// type (comparisons give `bool`, `divide` of integers `f64`, as NumPy).
#[derive(Clone, Copy)]
pub struct Binary<Op, A, B> {
    pub(crate) a: A,
    pub(crate) b: B,
    pub(crate) op: Op,
}

impl<Op: BinaryOp<A::Elem>, A: Expr, B: Expr<Elem = A::Elem>> fmt::Debug for Binary<Op, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({:?}, {:?})", Op::NAME, self.a, self.b)
    }
}

impl<Op, A, B> sealed::Sealed for Binary<Op, A, B> {}

impl<Op: BinaryOp<A::Elem>, A: Expr, B: Expr<Elem = A::Elem>> Expr for Binary<Op, A, B> {
    type Elem = Op::Output;
    const LEAVES: usize = A::LEAVES + B::LEAVES;

    fn describe(&self, leaf: &mut usize) -> Node {
        let a = Box::new(self.a.describe(leaf));
        Node::Binary {
            op: Op::NAME,
            input: A::Elem::DTYPE,
            output: <Op::Output as Element>::DTYPE,
            a,
            b: Box::new(self.b.describe(leaf)),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f);
        self.b.visit_leaves(f);
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> Op::Output {
        // SAFETY: forwarded contract; `B`'s leaves follow `A`'s.
        let (a, b) = unsafe {
            (
                self.a.value(leaves, leaf, i),
                self.b.value(leaves, leaf + A::LEAVES, i),
            )
        };
        self.op.scalar(a, b)
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

    fn describe(&self, leaf: &mut usize) -> Node {
        let cond = Box::new(self.cond.describe(leaf));
        let a = Box::new(self.a.describe(leaf));
        Node::Where {
            cond,
            a,
            b: Box::new(self.b.describe(leaf)),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.cond.visit_leaves(f);
        self.a.visit_leaves(f);
        self.b.visit_leaves(f);
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> A::Elem {
        let (leaf_a, leaf_b) = (leaf + C::LEAVES, leaf + C::LEAVES + A::LEAVES);
        // SAFETY: forwarded contract; the leaves of `C`, `A`, `B` follow each other. Both
        // branches are computed (as NumPy does), which keeps the loop branch-free.
        let (c, a, b) = unsafe {
            (
                self.cond.value(leaves, leaf, i),
                self.a.value(leaves, leaf_a, i),
                self.b.value(leaves, leaf_b, i),
            )
        };
        if c { a } else { b }
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

    fn describe(&self, leaf: &mut usize) -> Node {
        Node::Cast {
            from: A::Elem::DTYPE,
            to: U::DTYPE,
            a: Box::new(self.a.describe(leaf)),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f)
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> U {
        // SAFETY: forwarded contract.
        unsafe { self.a.value(leaves, leaf, i) }.cast::<U>()
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

    fn describe(&self, leaf: &mut usize) -> Node {
        Node::Map {
            input: A::Elem::DTYPE,
            output: U::DTYPE,
            a: Box::new(self.a.describe(leaf)),
        }
    }

    fn visit_leaves<'s>(&'s self, f: &mut dyn FnMut(LeafDesc<'s>)) {
        self.a.visit_leaves(f)
    }

    #[inline(always)]
    unsafe fn value(&self, leaves: &[*const u8], leaf: usize, i: usize) -> U {
        // SAFETY: forwarded contract.
        (self.f)(unsafe { self.a.value(leaves, leaf, i) })
    }
}
