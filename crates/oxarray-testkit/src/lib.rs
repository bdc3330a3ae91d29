//! # oxarray-testkit
//!
//! What the test suites of the oxarray crates share, so that it is written once:
//!
//! * [`python`]: the project's Python virtual environment (`target/bench-venv`), created and
//!   filled on demand with the packages a test needs (numpy, scipy, pyarrow, ...). Tests that
//!   check results against NumPy in both directions call [`python::require`], which returns
//!   `None` after printing a notice when no Python can be had, so that the test skips visibly.
//!   `cargo xtask bench` uses the same venv.
//! * [`npy`] (feature `arrays`): a small `.npy` reader for the golden files made by NumPy
//!   (oxarray-io has the real one; the core crates' tests cannot depend on it).
//!
//! * [`golden`] (feature `arrays`): the JSON golden-case format of the `gen_*.py` scripts
//!   (arrays as dtype, shape, C-order values as strings, and a view to take), read back into
//!   arrays and compared with NaN, signed zeros and a ulp tolerance.
//!
//! This crate is a dev-dependency only; it is not published.

pub mod python;

#[cfg(feature = "arrays")]
pub mod npy;

#[cfg(feature = "arrays")]
pub mod golden;
