//! The structure of a fused expression as data, for backends that compile an expression
//! instead of running its Rust code: the CUDA crate generates one kernel from it, so one
//! expression runs on either backend.

use oxarray_core::{DType, Scalar};

/// One node of an expression tree ([`Lazy::describe`](super::Lazy::describe)).
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_ufunc::{lazy, Node};
/// let x = array![1.0f32, 2.0];
/// let e = lazy(&x) * 2.5f32 + 1.0f32;
/// let Node::Binary { op, output, a, .. } = e.describe() else { panic!() };
/// assert_eq!((op, output), ("add", DType::F32));
/// assert!(matches!(*a, Node::Binary { op: "multiply", .. }));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Node {
    /// An array operand: the `index`-th leaf (depth-first from the left).
    Leaf {
        /// Position among the leaves.
        index: usize,
        /// Its element type.
        dtype: DType,
        /// Its shape.
        shape: Vec<usize>,
    },
    /// A scalar operand.
    Scalar {
        /// Its element type.
        dtype: DType,
        /// Its value.
        value: Scalar,
    },
    /// A unary ufunc (the op type's NumPy name).
    Unary {
        /// NumPy's name (`"sqrt"`).
        op: &'static str,
        /// The operand's element type.
        input: DType,
        /// The result's element type.
        output: DType,
        /// The operand.
        a: Box<Node>,
    },
    /// A binary ufunc (both operands of `input`).
    Binary {
        /// NumPy's name (`"add"`).
        op: &'static str,
        /// The operands' element type.
        input: DType,
        /// The result's element type.
        output: DType,
        /// The first operand.
        a: Box<Node>,
        /// The second operand.
        b: Box<Node>,
    },
    /// `where(cond, a, b)`.
    Where {
        /// The condition (bool).
        cond: Box<Node>,
        /// Taken where `cond` is true.
        a: Box<Node>,
        /// Taken elsewhere.
        b: Box<Node>,
    },
    /// `astype`.
    Cast {
        /// The operand's element type.
        from: DType,
        /// The result's element type.
        to: DType,
        /// The operand.
        a: Box<Node>,
    },
    /// A Rust closure (`map`): opaque, so it runs only on the CPU.
    Map {
        /// The operand's element type.
        input: DType,
        /// The result's element type.
        output: DType,
        /// The operand.
        a: Box<Node>,
    },
}

/// Takes the next leaf number.
pub(crate) fn next_leaf(counter: &mut usize) -> usize {
    let i = *counter;
    *counter += 1;
    i
}
