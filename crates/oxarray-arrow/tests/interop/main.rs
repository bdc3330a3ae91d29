//! Behaviour tests of oxarray-arrow, one binary (one link of arrow-rs) for all of them.

mod batch;
mod ffi;
mod ipc;
mod primitive;
mod pyarrow;
mod tensor;
