//! Helpers shared by the integration tests.
#![allow(dead_code)]

// Not every test binary that includes this module reads golden files.
#[allow(unused_imports)]
pub use oxarray_testkit::npy;
