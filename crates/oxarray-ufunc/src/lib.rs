//! # oxarray-ufunc
//!
//! NumPy's universal functions for oxarray: elementwise unary and binary operations with
//! broadcasting, `out=` and `where=`; reductions along any set of axes; and fused
//! expressions evaluated in one pass with no temporaries. SIMD through `pulp` (runtime
//! dispatch: AVX-512, AVX2, NEON, scalar), all cores through rayon above a size threshold.

// Elementwise ufuncs: op types, dtype dispatch, SIMD kernels, strided loops, operators.
pub mod elementwise;
// Reductions: sum, prod, mean, var, std, min, max, arg*, all, any, cum*, nan*.
pub mod reduce;
// Fused elementwise expressions.
pub mod fused;
pub mod logic;

pub use elementwise::*;
pub use fused::*;
pub use logic::*;
pub use reduce::*;
