//! Per-dtype impls of comparisons (giving bool), logical ops (on truthiness), bitwise ops and
//! shifts (integers and bool).

// The comparison bodies are written once for every type, bool included, where `a < b` reads
// as NumPy's definition (False < True).
#![allow(clippy::bool_comparison)]

use crate::{Complex32, Complex64, Element, bf16, f16};

use super::rules::NumpyInt;

macro_rules! comparison {
    ($($op:ident => |$a:ident, $b:ident| $f:expr),*) => {$(
        binary!($op; bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool,
            u8 => bool, u16 => bool, u32 => bool, u64 => bool, f16 => bool, bf16 => bool,
            f32 => bool, f64 => bool; |$a, $b| $f);
    )*};
}

comparison!(
    Equal => |a, b| a == b,
    NotEqual => |a, b| a != b,
    Less => |a, b| a < b,
    LessEqual => |a, b| a <= b,
    Greater => |a, b| a > b,
    GreaterEqual => |a, b| a >= b
);
binary!(Equal; Complex32 => bool, Complex64 => bool; |a, b| a == b);
binary!(NotEqual; Complex32 => bool, Complex64 => bool; |a, b| a != b);

macro_rules! logical {
    ($($t:ty),*) => {$(
        binary!(LogicalAnd; $t => bool; |a, b| (a != T::zero()) & (b != T::zero()));
        binary!(LogicalOr; $t => bool; |a, b| (a != T::zero()) | (b != T::zero()));
        binary!(LogicalXor; $t => bool; |a, b| (a != T::zero()) ^ (b != T::zero()));
        unary!(LogicalNot; $t => bool; |x| x == T::zero());
    )*};
}

logical!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

binary!(BitwiseAnd; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8,
    u16 => u16, u32 => u32, u64 => u64; |a, b| a & b);
binary!(BitwiseOr; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8,
    u16 => u16, u32 => u32, u64 => u64; |a, b| a | b);
binary!(BitwiseXor; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8,
    u16 => u16, u32 => u32, u64 => u64; |a, b| a ^ b);
unary!(BitwiseNot; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8,
    u16 => u16, u32 => u32, u64 => u64; |x| !x);

binary!(LeftShift; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.np_shl(b));
binary!(RightShift; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.np_shr(b));
binary_bool_via_i8!(LeftShift, RightShift);
