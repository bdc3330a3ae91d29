//! Ufuncs on run-time-typed arrays ([`DynArray`]): mixed dtypes are promoted (NEP 50, through
//! [`oxarray_core::result_type`]) to one dtype, then the typed loop for that dtype runs.

use oxarray_core::elementwise::ops::Ufunc;
use oxarray_core::elementwise::{binary, unary};
use oxarray_core::{DType, DynArray, Error, Result, dispatch_dyn, result_type};

/// Run-time dtype dispatch of a unary op: implemented for every op from the list of dtypes it
/// supports (NumPy's list).
pub trait DynUnaryOp: Ufunc {
    /// Whether the op has a loop for `dtype`.
    fn supports(dtype: DType) -> bool;

    /// Applies the op to a run-time-typed array; [`Error::UnsupportedDType`] when the op has
    /// no loop for its dtype.
    fn call_dyn(self, a: &DynArray) -> Result<DynArray>;
}

/// Run-time dtype dispatch of a binary op on two arrays of the same dtype.
pub trait DynBinaryOp: Ufunc {
    /// Whether the op has a loop for `dtype`.
    fn supports(dtype: DType) -> bool;

    /// Applies the op to two arrays of one dtype (callers promote first);
    /// [`Error::UnsupportedDType`] when the op has no loop for it.
    fn call_dyn_same(self, a: &DynArray, b: &DynArray) -> Result<DynArray>;
}

/// Applies a unary op to a run-time-typed array.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_ufunc::{ops::Sqrt, unary_dyn};
/// let x = array![4u8, 9].into_dyn();
/// let r = unary_dyn(Sqrt, &x).unwrap();
/// assert_eq!(r.dtype(), DType::F16); // NumPy: sqrt(uint8) is float16
/// ```
///
/// # Errors
/// [`Error::UnsupportedDType`] when the op has no loop for the array's dtype (NumPy's
/// `TypeError`), e.g. `bitwise_and` on floats.
pub fn unary_dyn<Op: DynUnaryOp>(op: Op, a: &DynArray) -> Result<DynArray> {
    op.call_dyn(a)
}

/// Applies a binary op to two run-time-typed arrays of any dtypes: both are cast to their
/// promoted dtype, then the typed loop runs.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_ufunc::{binary_dyn, ops::Add};
/// let a = array![1i32, 2].into_dyn();
/// let b = array![0.5f64, 0.25].into_dyn();
/// let r = binary_dyn(Add, &a, &b).unwrap();
/// assert_eq!(r.dtype(), DType::F64);
/// assert_eq!(r.as_array::<f64>().unwrap().to_vec(), vec![1.5, 2.25]);
/// ```
///
/// # Errors
/// [`Error::UnsupportedDType`] when the op has no loop for the promoted dtype, and the shape
/// errors of [`binary`](crate::binary).
pub fn binary_dyn<Op: DynBinaryOp>(op: Op, a: &DynArray, b: &DynArray) -> Result<DynArray> {
    let dtype = result_type(a.dtype(), b.dtype());
    if !Op::supports(dtype) {
        return Err(Error::UnsupportedDType {
            op: Op::NAME,
            dtype,
        });
    }
    let a = a.astype(dtype);
    let b = b.astype(dtype);
    op.call_dyn_same(&a, &b)
}

/// Writes `DynUnaryOp` / `DynBinaryOp` for an op from groups of dtypes (`bool`, `ints`,
/// `floats`, `complex`).
macro_rules! dyn_op {
    ($kind:ident $op:ident: $($group:ident)*) => {
        dyn_op!(@acc $kind $op; []; $($group)*);
    };
    (@acc $kind:ident $op:ident; [$($v:ident)*]; bool $($rest:ident)*) => {
        dyn_op!(@acc $kind $op; [$($v)* Bool]; $($rest)*);
    };
    (@acc $kind:ident $op:ident; [$($v:ident)*]; ints $($rest:ident)*) => {
        dyn_op!(@acc $kind $op; [$($v)* I8 I16 I32 I64 U8 U16 U32 U64]; $($rest)*);
    };
    (@acc $kind:ident $op:ident; [$($v:ident)*]; floats $($rest:ident)*) => {
        dyn_op!(@acc $kind $op; [$($v)* F16 BF16 F32 F64]; $($rest)*);
    };
    (@acc $kind:ident $op:ident; [$($v:ident)*]; complex $($rest:ident)*) => {
        dyn_op!(@acc $kind $op; [$($v)* C64 C128]; $($rest)*);
    };
    (@acc unary $op:ident; [$($v:ident)*];) => {
        impl DynUnaryOp for oxarray_core::elementwise::ops::$op {
            fn supports(dtype: DType) -> bool {
                matches!(dtype, $(DType::$v)|*)
            }

            // `inline`: the table instantiates the op's loop for every dtype, so it is compiled
            // only in the crates that call it, not into every build of this library.
            #[inline]
            fn call_dyn(self, a: &DynArray) -> Result<DynArray> {
                dispatch_dyn!(a, x: T => unary::<_, T>(self, x).map(DynArray::from); [$($v)*],
                    other => Err(Error::UnsupportedDType {
                        op: <Self as Ufunc>::NAME,
                        dtype: other.dtype(),
                    }))
            }
        }
    };
    (@acc binary $op:ident; [$($v:ident)*];) => {
        impl DynBinaryOp for oxarray_core::elementwise::ops::$op {
            fn supports(dtype: DType) -> bool {
                matches!(dtype, $(DType::$v)|*)
            }

            // `inline`: see `call_dyn`.
            #[inline]
            fn call_dyn_same(self, a: &DynArray, b: &DynArray) -> Result<DynArray> {
                if a.dtype() != b.dtype() {
                    return Err(Error::DTypeMismatch {
                        expected: a.dtype(),
                        got: b.dtype(),
                    });
                }
                dispatch_dyn!(a, x: T => binary::<_, T>(self, x, b.view::<T>()?).map(DynArray::from);
                    [$($v)*],
                    other => Err(Error::UnsupportedDType {
                        op: <Self as Ufunc>::NAME,
                        dtype: other.dtype(),
                    }))
            }
        }
    };
}

dyn_op!(binary Add: bool ints floats complex);
dyn_op!(binary Subtract: ints floats complex);
dyn_op!(binary Multiply: bool ints floats complex);
dyn_op!(binary Divide: bool ints floats complex);
dyn_op!(binary FloorDivide: bool ints floats);
dyn_op!(binary Remainder: bool ints floats);
dyn_op!(binary Power: bool ints floats complex);
dyn_op!(binary Maximum: bool ints floats complex);
dyn_op!(binary Minimum: bool ints floats complex);
dyn_op!(binary Fmax: bool ints floats complex);
dyn_op!(binary Fmin: bool ints floats complex);
dyn_op!(binary Arctan2: bool ints floats);
dyn_op!(binary Hypot: bool ints floats);
dyn_op!(binary Copysign: bool ints floats);
dyn_op!(binary Equal: bool ints floats complex);
dyn_op!(binary NotEqual: bool ints floats complex);
dyn_op!(binary Less: bool ints floats complex);
dyn_op!(binary LessEqual: bool ints floats complex);
dyn_op!(binary Greater: bool ints floats complex);
dyn_op!(binary GreaterEqual: bool ints floats complex);
dyn_op!(binary LogicalAnd: bool ints floats complex);
dyn_op!(binary LogicalOr: bool ints floats complex);
dyn_op!(binary LogicalXor: bool ints floats complex);
dyn_op!(binary BitwiseAnd: bool ints);
dyn_op!(binary BitwiseOr: bool ints);
dyn_op!(binary BitwiseXor: bool ints);
dyn_op!(binary LeftShift: bool ints);
dyn_op!(binary RightShift: bool ints);

dyn_op!(unary LogicalNot: bool ints floats complex);
dyn_op!(unary BitwiseNot: bool ints);
dyn_op!(unary Negative: ints floats complex);
dyn_op!(unary Abs: bool ints floats complex);
dyn_op!(unary Sign: ints floats complex);
dyn_op!(unary Sqrt: bool ints floats complex);
dyn_op!(unary Cbrt: bool ints floats);
dyn_op!(unary Square: bool ints floats complex);
dyn_op!(unary Reciprocal: bool ints floats complex);
dyn_op!(unary Exp: bool ints floats complex);
dyn_op!(unary Exp2: bool ints floats complex);
dyn_op!(unary Expm1: bool ints floats complex);
dyn_op!(unary Log: bool ints floats complex);
dyn_op!(unary Log2: bool ints floats complex);
dyn_op!(unary Log10: bool ints floats complex);
dyn_op!(unary Log1p: bool ints floats complex);
dyn_op!(unary Sin: bool ints floats complex);
dyn_op!(unary Cos: bool ints floats complex);
dyn_op!(unary Tan: bool ints floats complex);
dyn_op!(unary Arcsin: bool ints floats complex);
dyn_op!(unary Arccos: bool ints floats complex);
dyn_op!(unary Arctan: bool ints floats complex);
dyn_op!(unary Sinh: bool ints floats complex);
dyn_op!(unary Cosh: bool ints floats complex);
dyn_op!(unary Tanh: bool ints floats complex);
dyn_op!(unary Floor: bool ints floats);
dyn_op!(unary Ceil: bool ints floats);
dyn_op!(unary Trunc: bool ints floats);
dyn_op!(unary Rint: bool ints floats complex);
dyn_op!(unary Isnan: bool ints floats complex);
dyn_op!(unary Isinf: bool ints floats complex);
dyn_op!(unary Isfinite: bool ints floats complex);
dyn_op!(unary Conj: bool ints floats complex);
dyn_op!(unary Real: bool ints floats complex);
dyn_op!(unary Imag: bool ints floats complex);
dyn_op!(unary Angle: bool ints floats complex);
