//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub use oxarray_testkit::npy;
