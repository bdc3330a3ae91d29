//! numpy.linalg behaviour: reconstruction identities on random, ill-conditioned,
//! rank-deficient, complex and batched inputs (tolerances scaled by the condition number),
//! every layout, every error case, and NumPy's own outputs (golden files).
//!
//! One test binary for the whole family, so that `faer` is linked once.

mod common;

#[path = "decomp/dense.rs"]
mod dense;
#[path = "decomp/errors.rs"]
mod errors;
#[path = "decomp/golden.rs"]
mod golden;
#[path = "decomp/identities.rs"]
mod identities;
#[path = "decomp/layouts.rs"]
mod layouts;
