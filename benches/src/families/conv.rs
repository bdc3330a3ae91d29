//! C-conv, C-conv-5x5, C-conv-nchw: convolution (oxarray-conv).

use crate::Workload;

/// The workloads of this family (none are written yet).
pub fn workloads() -> Vec<Workload> {
    Vec::new()
}
