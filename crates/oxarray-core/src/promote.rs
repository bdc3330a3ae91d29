//! NumPy 2 type promotion (NEP 50): `result_type`, `can_cast`.
//! (Being written.)

use crate::dtype::DType;

/// Casting rules of `can_cast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casting {
    /// Only the identical type.
    No,
    /// Value-preserving casts.
    Safe,
    /// Safe casts and casts within a kind (float64 -> float32).
    SameKind,
    /// Any cast.
    Unsafe,
}

/// Placeholder until the promotion table lands.
pub fn result_type(a: DType, b: DType) -> DType {
    if a >= b { a } else { b }
}

/// Placeholder until the promotion table lands.
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    match casting {
        Casting::No => from == to,
        _ => true,
    }
}
