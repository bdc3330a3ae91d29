//! Random numbers for oxarray that match NumPy stream for stream.
//!
//! This crate is a placeholder in the workspace layout: its capability arrives with a later
//! issue. It compiles, pins its dependencies and re-exports nothing yet.
