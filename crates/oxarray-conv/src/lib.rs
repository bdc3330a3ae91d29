//! 2-D convolution and correlation for oxarray.
//!
//! This crate is a placeholder in the workspace layout: its capability arrives with a later
//! issue. It compiles, pins its dependencies and re-exports nothing yet.
