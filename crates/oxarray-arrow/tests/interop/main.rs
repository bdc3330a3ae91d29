//! Behaviour tests of oxarray-arrow, one binary (one link of arrow-rs) for all of them.

mod primitive;
mod tensor;
mod batch;
mod ffi;
mod ipc;
mod pyarrow;
