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

    /// For the six comparisons, which one: NumPy 2 compares a signed integer with a `uint64`
    /// exactly rather than through their promoted `float64`.
    const COMPARISON: Option<Comparison> = None;
}

/// The six comparison ufuncs, as [`DynBinaryOp::COMPARISON`] names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `equal`
    Eq,
    /// `not_equal`
    Ne,
    /// `less`
    Lt,
    /// `less_equal`
    Le,
    /// `greater`
    Gt,
    /// `greater_equal`
    Ge,
}

impl Comparison {
    /// The comparison with its operands swapped: `a < b` is `b > a`.
    fn mirrored(self) -> Self {
        match self {
            Self::Eq | Self::Ne => self,
            Self::Lt => Self::Gt,
            Self::Le => Self::Ge,
            Self::Gt => Self::Lt,
            Self::Ge => Self::Le,
        }
    }
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
    if let Some(cmp) = Op::COMPARISON {
        if is_signed_int(a.dtype()) && b.dtype() == DType::U64 {
            return compare_signed_with_u64(cmp, a, b);
        }
        if a.dtype() == DType::U64 && is_signed_int(b.dtype()) {
            return compare_signed_with_u64(cmp.mirrored(), b, a);
        }
    }
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

fn is_signed_int(dtype: DType) -> bool {
    matches!(dtype, DType::I8 | DType::I16 | DType::I32 | DType::I64)
}

/// `signed <cmp> unsigned` decided exactly, as NumPy 2 does (their promoted type, float64,
/// would round both sides above 2**53): a negative left side is below every `uint64`; a
/// non-negative one converts to `uint64` without loss.
fn compare_signed_with_u64(
    cmp: Comparison,
    signed: &DynArray,
    unsigned: &DynArray,
) -> Result<DynArray> {
    use oxarray_core::elementwise::ops::{
        Equal, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalOr, NotEqual,
    };
    let x = signed.astype(DType::I64);
    let sign_decides = match cmp {
        // Where x < 0 these are true whatever y is.
        Comparison::Ne | Comparison::Lt | Comparison::Le => binary(Less, x.view::<i64>()?, 0i64)?,
        // Where x < 0 these are false: they need x >= 0.
        Comparison::Eq | Comparison::Gt | Comparison::Ge => {
            binary(GreaterEqual, x.view::<i64>()?, 0i64)?
        }
    };
    // Wraps negative values; `sign_decides` settles those.
    let x = x.astype(DType::U64);
    let (x, y) = (x.view::<u64>()?, unsigned.view::<u64>()?);
    let result = match cmp {
        Comparison::Eq => binary(LogicalAnd, &sign_decides, &binary(Equal, x, y)?)?,
        Comparison::Ne => binary(LogicalOr, &sign_decides, &binary(NotEqual, x, y)?)?,
        Comparison::Lt => binary(LogicalOr, &sign_decides, &binary(Less, x, y)?)?,
        Comparison::Le => binary(LogicalOr, &sign_decides, &binary(LessEqual, x, y)?)?,
        Comparison::Gt => binary(LogicalAnd, &sign_decides, &binary(Greater, x, y)?)?,
        Comparison::Ge => binary(LogicalAnd, &sign_decides, &binary(GreaterEqual, x, y)?)?,
    };
    Ok(DynArray::from(result))
}

/// Writes `DynUnaryOp` / `DynBinaryOp` for an op from groups of dtypes (`bool`, `ints`,
/// `floats`, `complex`).
macro_rules! dyn_op {
    ($kind:ident $op:ident: $($group:ident)* $(; compare $cmp:ident)?) => {
        dyn_op!(@acc $kind $op [$($cmp)?]; []; $($group)*);
    };
    (@acc $kind:ident $op:ident [$($cmp:ident)?]; [$($v:ident)*]; bool $($rest:ident)*) => {
        dyn_op!(@acc $kind $op [$($cmp)?]; [$($v)* Bool]; $($rest)*);
    };
    (@acc $kind:ident $op:ident [$($cmp:ident)?]; [$($v:ident)*]; ints $($rest:ident)*) => {
        dyn_op!(@acc $kind $op [$($cmp)?]; [$($v)* I8 I16 I32 I64 U8 U16 U32 U64]; $($rest)*);
    };
    (@acc $kind:ident $op:ident [$($cmp:ident)?]; [$($v:ident)*]; floats $($rest:ident)*) => {
        dyn_op!(@acc $kind $op [$($cmp)?]; [$($v)* F16 BF16 F32 F64]; $($rest)*);
    };
    (@acc $kind:ident $op:ident [$($cmp:ident)?]; [$($v:ident)*]; complex $($rest:ident)*) => {
        dyn_op!(@acc $kind $op [$($cmp)?]; [$($v)* C64 C128]; $($rest)*);
    };
    (@acc unary $op:ident []; [$($v:ident)*];) => {
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
    (@acc binary $op:ident [$($cmp:ident)?]; [$($v:ident)*];) => {
        impl DynBinaryOp for oxarray_core::elementwise::ops::$op {
            $(const COMPARISON: Option<Comparison> = Some(Comparison::$cmp);)?

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
dyn_op!(binary Heaviside: bool ints floats);
dyn_op!(binary Equal: bool ints floats complex; compare Eq);
dyn_op!(binary NotEqual: bool ints floats complex; compare Ne);
dyn_op!(binary Less: bool ints floats complex; compare Lt);
dyn_op!(binary LessEqual: bool ints floats complex; compare Le);
dyn_op!(binary Greater: bool ints floats complex; compare Gt);
dyn_op!(binary GreaterEqual: bool ints floats complex; compare Ge);
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
dyn_op!(unary Positive: ints floats complex);
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
dyn_op!(unary Signbit: bool ints floats);
dyn_op!(unary Isposinf: bool ints floats);
dyn_op!(unary Isneginf: bool ints floats);
dyn_op!(unary Conj: bool ints floats complex);
dyn_op!(unary Real: bool ints floats complex);
dyn_op!(unary Imag: bool ints floats complex);
dyn_op!(unary Angle: bool ints floats complex);
