//! Conformance of every elementwise ufunc on every dtype: against NumPy's own results (golden
//! files) and SIMD path against scalar path. One test binary, so that the run-time dtype
//! tables (every op instantiated for every dtype) are compiled once.

mod common;

#[path = "elementwise_conformance/golden.rs"]
mod golden;
#[path = "elementwise_conformance/simd.rs"]
mod simd;
