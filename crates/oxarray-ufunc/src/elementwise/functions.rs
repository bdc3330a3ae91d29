//! NumPy-named free functions: `add(a, b)`, `add_into(a, b, where_, out)`,
//! `add_inplace(a, b)`, `add_dyn(a, b)`, `sqrt(a)`, ... Each is a one-line call of the engine's
//! generic entry point with the op type, so that NumPy code translates line by line. Arguments
//! follow the one convention of oxarray: inputs, then options (`where=`), then `out` last.

use oxarray_core::elementwise::ops::{self, BinaryOp, UnaryOp};
use oxarray_core::elementwise::{
    Where, WriteArray, binary, binary_inplace, binary_into, unary, unary_inplace, unary_into,
};
use oxarray_core::{Array, AsArrayView, DynArray, Element, Result};

use super::dynamic::{binary_dyn, unary_dyn};

macro_rules! binary_functions {
    ($($op:ident => $name:ident, $into:ident, $dyn_name:ident $(, $inplace:ident)?;)*) => {$(
        #[doc = concat!("NumPy's `np.", stringify!($name), "(a, b)` into a new array: see [`ops::",
            stringify!($op), "`] for the semantics and [`binary`] for broadcasting and errors.")]
        pub fn $name<T: Element>(
            a: impl AsArrayView<T>,
            b: impl AsArrayView<T>,
        ) -> Result<Array<<ops::$op as BinaryOp<T>>::Output>>
        where
            ops::$op: BinaryOp<T>,
        {
            binary(ops::$op, a, b)
        }

        #[doc = concat!("NumPy's `np.", stringify!($name), "(a, b, where=where_, out=out)`: see [`",
            stringify!($name), "`] and [`binary_into`].")]
        pub fn $into<T: Element>(
            a: impl AsArrayView<T>,
            b: impl AsArrayView<T>,
            where_: Where<'_>,
            out: &mut impl WriteArray<<ops::$op as BinaryOp<T>>::Output>,
        ) -> Result<()>
        where
            ops::$op: BinaryOp<T>,
        {
            binary_into(ops::$op, a, b, where_, out)
        }

        #[doc = concat!("NumPy's `np.", stringify!($name), "(a, b)` on run-time-typed arrays \
            of any dtypes (promoted first): see [`binary_dyn`].")]
        // Not `#[inline]`: the dtype table (the op's loops for every dtype) is compiled once,
        // here, instead of again in every crate that calls it.
        pub fn $dyn_name(a: &DynArray, b: &DynArray) -> Result<DynArray> {
            binary_dyn(ops::$op, a, b)
        }

        $(
        #[doc = concat!("NumPy's `np.", stringify!($name), "(a, b, out=a)`: `a` is updated in \
            place, `b` broadcasts to it; see [`binary_inplace`].")]
        pub fn $inplace<T: Element>(a: &mut impl WriteArray<T>, b: impl AsArrayView<T>) -> Result<()>
        where
            ops::$op: BinaryOp<T, Output = T>,
        {
            binary_inplace(ops::$op, a, b, None)
        }
        )?
    )*};
}

binary_functions! {
    Add => add, add_into, add_dyn, add_inplace;
    Subtract => subtract, subtract_into, subtract_dyn, subtract_inplace;
    Multiply => multiply, multiply_into, multiply_dyn, multiply_inplace;
    Divide => divide, divide_into, divide_dyn, divide_inplace;
    FloorDivide => floor_divide, floor_divide_into, floor_divide_dyn, floor_divide_inplace;
    Remainder => remainder, remainder_into, remainder_dyn, remainder_inplace;
    Power => power, power_into, power_dyn, power_inplace;
    Maximum => maximum, maximum_into, maximum_dyn, maximum_inplace;
    Minimum => minimum, minimum_into, minimum_dyn, minimum_inplace;
    Fmax => fmax, fmax_into, fmax_dyn, fmax_inplace;
    Fmin => fmin, fmin_into, fmin_dyn, fmin_inplace;
    Arctan2 => arctan2, arctan2_into, arctan2_dyn, arctan2_inplace;
    Hypot => hypot, hypot_into, hypot_dyn, hypot_inplace;
    Copysign => copysign, copysign_into, copysign_dyn, copysign_inplace;
    Heaviside => heaviside, heaviside_into, heaviside_dyn, heaviside_inplace;
    Equal => equal, equal_into, equal_dyn;
    NotEqual => not_equal, not_equal_into, not_equal_dyn;
    Less => less, less_into, less_dyn;
    LessEqual => less_equal, less_equal_into, less_equal_dyn;
    Greater => greater, greater_into, greater_dyn;
    GreaterEqual => greater_equal, greater_equal_into, greater_equal_dyn;
    LogicalAnd => logical_and, logical_and_into, logical_and_dyn;
    LogicalOr => logical_or, logical_or_into, logical_or_dyn;
    LogicalXor => logical_xor, logical_xor_into, logical_xor_dyn;
    BitwiseAnd => bitwise_and, bitwise_and_into, bitwise_and_dyn, bitwise_and_inplace;
    BitwiseOr => bitwise_or, bitwise_or_into, bitwise_or_dyn, bitwise_or_inplace;
    BitwiseXor => bitwise_xor, bitwise_xor_into, bitwise_xor_dyn, bitwise_xor_inplace;
    LeftShift => left_shift, left_shift_into, left_shift_dyn, left_shift_inplace;
    RightShift => right_shift, right_shift_into, right_shift_dyn, right_shift_inplace;
}

macro_rules! unary_functions {
    ($($op:ident => $name:ident, $into:ident, $dyn_name:ident $(, $inplace:ident)?;)*) => {$(
        #[doc = concat!("NumPy's `np.", stringify!($name), "(a)` into a new array: see [`ops::",
            stringify!($op), "`] for the semantics and result type.")]
        pub fn $name<T: Element>(
            a: impl AsArrayView<T>,
        ) -> Result<Array<<ops::$op as UnaryOp<T>>::Output>>
        where
            ops::$op: UnaryOp<T>,
        {
            unary(ops::$op, a)
        }

        #[doc = concat!("NumPy's `np.", stringify!($name), "(a, where=where_, out=out)`: see [`",
            stringify!($name), "`] and [`unary_into`].")]
        pub fn $into<T: Element>(
            a: impl AsArrayView<T>,
            where_: Where<'_>,
            out: &mut impl WriteArray<<ops::$op as UnaryOp<T>>::Output>,
        ) -> Result<()>
        where
            ops::$op: UnaryOp<T>,
        {
            unary_into(ops::$op, a, where_, out)
        }

        #[doc = concat!("NumPy's `np.", stringify!($name), "(a)` on a run-time-typed array: see \
            [`unary_dyn`].")]
        // Not `#[inline]`: compiled once, here (see the binary form).
        pub fn $dyn_name(a: &DynArray) -> Result<DynArray> {
            unary_dyn(ops::$op, a)
        }

        $(
        #[doc = concat!("NumPy's `np.", stringify!($name), "(a, out=a)`: `a` is updated in place; \
            see [`unary_inplace`].")]
        pub fn $inplace<T: Element>(a: &mut impl WriteArray<T>) -> Result<()>
        where
            ops::$op: UnaryOp<T, Output = T>,
        {
            unary_inplace(ops::$op, a, None)
        }
        )?
    )*};
}

unary_functions! {
    Negative => negative, negative_into, negative_dyn, negative_inplace;
    Positive => positive, positive_into, positive_dyn;
    Abs => abs, abs_into, abs_dyn, abs_inplace;
    Sign => sign, sign_into, sign_dyn, sign_inplace;
    Sqrt => sqrt, sqrt_into, sqrt_dyn, sqrt_inplace;
    Cbrt => cbrt, cbrt_into, cbrt_dyn, cbrt_inplace;
    Square => square, square_into, square_dyn, square_inplace;
    Reciprocal => reciprocal, reciprocal_into, reciprocal_dyn, reciprocal_inplace;
    Exp => exp, exp_into, exp_dyn, exp_inplace;
    Exp2 => exp2, exp2_into, exp2_dyn, exp2_inplace;
    Expm1 => expm1, expm1_into, expm1_dyn, expm1_inplace;
    Log => log, log_into, log_dyn, log_inplace;
    Log2 => log2, log2_into, log2_dyn, log2_inplace;
    Log10 => log10, log10_into, log10_dyn, log10_inplace;
    Log1p => log1p, log1p_into, log1p_dyn, log1p_inplace;
    Sin => sin, sin_into, sin_dyn, sin_inplace;
    Cos => cos, cos_into, cos_dyn, cos_inplace;
    Tan => tan, tan_into, tan_dyn, tan_inplace;
    Arcsin => arcsin, arcsin_into, arcsin_dyn, arcsin_inplace;
    Arccos => arccos, arccos_into, arccos_dyn, arccos_inplace;
    Arctan => arctan, arctan_into, arctan_dyn, arctan_inplace;
    Sinh => sinh, sinh_into, sinh_dyn, sinh_inplace;
    Cosh => cosh, cosh_into, cosh_dyn, cosh_inplace;
    Tanh => tanh, tanh_into, tanh_dyn, tanh_inplace;
    Floor => floor, floor_into, floor_dyn, floor_inplace;
    Ceil => ceil, ceil_into, ceil_dyn, ceil_inplace;
    Trunc => trunc, trunc_into, trunc_dyn, trunc_inplace;
    Rint => rint, rint_into, rint_dyn, rint_inplace;
    Isnan => isnan, isnan_into, isnan_dyn;
    Isinf => isinf, isinf_into, isinf_dyn;
    Isfinite => isfinite, isfinite_into, isfinite_dyn;
    Signbit => signbit, signbit_into, signbit_dyn;
    Isposinf => isposinf, isposinf_into, isposinf_dyn;
    Isneginf => isneginf, isneginf_into, isneginf_dyn;
    Conj => conj, conj_into, conj_dyn, conj_inplace;
    Real => real, real_into, real_dyn;
    Imag => imag, imag_into, imag_dyn;
    Angle => angle, angle_into, angle_dyn;
    LogicalNot => logical_not, logical_not_into, logical_not_dyn;
    BitwiseNot => bitwise_not, bitwise_not_into, bitwise_not_dyn, bitwise_not_inplace;
}

/// NumPy's `np.absolute`: the same function as [`abs`].
pub use abs as absolute;
/// NumPy's `np.invert`: the same function as [`bitwise_not`].
pub use bitwise_not as invert;
/// NumPy's `np.conjugate`: the same function as [`conj`].
pub use conj as conjugate;
/// NumPy's `np.true_divide`: the same function as [`divide`].
pub use divide as true_divide;
/// NumPy's `np.mod`: the same function as [`remainder`].
pub use remainder as mod_;
/// NumPy's `np.fix`: round toward zero, the same function as [`trunc`] (NumPy's
/// `ceil`/`floor` composition gives the same values, `-0.0` and integers included).
pub use trunc as fix;
